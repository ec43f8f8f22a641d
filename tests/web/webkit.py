"""A real ``nd30check serve`` process for the web tests, and a small HTTP client for it.

The server is started as a user starts it (``python -m nd30check serve --port 0``), in its own
``TMPDIR`` (so a test can look at the private folder the uploads live in) and its own cache
folder; its address is read from what it prints. Requests go through ``http.client`` so a test
can send any ``Host``, ``Origin`` or token it likes.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import selectors
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
URL_RE = re.compile(r"(http://\S+)")


def multipart(files: list[tuple[str, bytes]], fields: dict[str, str] | None = None) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it (file names as raw UTF-8)."""
    boundary = "----nd30test" + uuid.uuid4().hex
    out = bytearray()
    for k, v in (fields or {}).items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    for name, data in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n").encode("utf-8")
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Server:
    def __init__(self, base: Path, *args: str, env: dict[str, str] | None = None, startup: float = 90,
                 browser: bool = False):
        self.base = base
        self.tmp = base / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)
        environ = {**os.environ, "TMPDIR": str(self.tmp), "XDG_CACHE_HOME": str(base / "cache"),
                   "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        environ.pop("CI", None)
        environ.update(env or {})
        cmd = [sys.executable, "-m", "nd30check", "serve", "--port", "0", *([] if browser else ["--no-browser"]), *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ, cwd=str(ROOT))
        self.stdout = ""
        self.url = self._wait_for_url(startup)
        m = re.match(r"http://(\[[^\]]+\]|[^:/]+):(\d+)/", self.url)
        assert m, self.url
        self.host, self.port = m.group(1).strip("[]"), int(m.group(2))
        self.connect_host = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
        self._token: str | None = None

    def _wait_for_url(self, startup: float) -> str:
        sel = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + startup
        buf = b""
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                raise RuntimeError(f"server exited {self.proc.returncode}: {buf.decode(errors='replace')} {err}")
            for _key, _ in sel.select(timeout=0.2):
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                buf += chunk
            m = URL_RE.search(buf.decode("utf-8", "replace"))
            if m and b"\n" in buf[buf.find(b"http://"):]:
                self.stdout = buf.decode("utf-8", "replace")
                return m.group(1)
        self.stop()
        raise RuntimeError(f"server did not print its address in {startup} s: {buf!r}")

    # --- HTTP ---------------------------------------------------------------------------
    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                host: str | None = None, timeout: float = 120) -> Response:
        conn = http.client.HTTPConnection(self.connect_host, self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", host if host is not None else f"127.0.0.1:{self.port}")
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders()
            if body is not None:
                try:
                    conn.send(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # refused early: the answer is still there to read
            resp = conn.getresponse()
            return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    @property
    def token(self) -> str:
        if self._token is None:
            page = self.request("GET", "/").text
            m = re.search(r'name="nd30-token" content="([^"]+)"', page)
            assert m, page[:500]
            self._token = m.group(1)
        return self._token

    def check(self, files: list[tuple[str, bytes]], profile: str = "draft", lang: str = "vi",
              token: str | None = "", headers: dict[str, str] | None = None, timeout: float = 120) -> Response:
        body, ctype = multipart(files)
        h = {"Content-Type": ctype}
        if token == "":
            token = self.token
        if token is not None:
            h["X-ND30-Token"] = token
        h.update(headers or {})
        return self.request("POST", f"/api/check?profile={profile}&lang={lang}", body, h, timeout=timeout)

    def private_dirs(self) -> list[Path]:
        return sorted(self.tmp.glob("nd30check-serve-*"))

    def stored_files(self) -> list[Path]:
        return [p for d in self.private_dirs() for p in d.rglob("*") if p.is_file()]

    def stop(self) -> str:
        """Stop with Ctrl+C as a user does; return what it wrote on stderr."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _out, err_b = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            try:
                _out, err_b = self.proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:  # a child still holds the pipes
                err_b = b"(server did not stop)"
        err = (err_b or b"").decode("utf-8", "replace")
        (self.base / "server-stderr.log").write_text(err, encoding="utf-8")
        return err


def sample(rel: str) -> tuple[str, bytes]:
    p = SAMPLES / rel
    return p.name, p.read_bytes()
