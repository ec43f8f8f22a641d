"""A throw-away PostgreSQL server for tests: initdb in a temporary folder, listening only on a
unix socket inside it (no TCP port, nothing shared with another test or another developer).

As root (CI, this machine) initdb refuses to run, so the server runs as the ``postgres``
user that Debian's package creates (or ``nobody``) over a folder it owns; otherwise as the
current user. :func:`unavailable` says why a server cannot start, for ``pytest.skip``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


def bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if
                      p.split("/")[4].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


class PgServer:
    def __init__(self, root: Path | None = None) -> None:
        """``root``: an empty folder to hold the cluster and its socket (a tiny file system,
        say); by default a new temporary folder."""
        self.bin = bin_dir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.user = _user()
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="nd30pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 5432
        self.root.mkdir(parents=True, exist_ok=True)
        if self.user:
            info = pwd.getpwnam(self.user)
            os.chown(self.root, info.pw_uid, info.pw_gid)
        base = ["-D", str(self.data), "-A", "trust", "-U", "nd30", "-E", "UTF8", "--no-sync",
                "--locale", "C.UTF-8" if Path("/usr/lib/locale/C.utf8").exists() else "C"]
        # a Vietnamese collation, as a province's server would have: SQL that sorts or picks
        # MIN() by the server's collation instead of by code point gives a different report
        out = self._run("initdb", *base, "--locale-provider=icu", "--icu-locale=vi-VN", check=False)
        self.collation = "ICU vi-VN"
        if out.returncode != 0:  # a server built without ICU (or older than 15)
            shutil.rmtree(self.data, ignore_errors=True)
            self._run("initdb", *base)
            self.collation = "C"
        self.start()

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bin / tool), *args]
        return ["runuser", "-u", self.user, "--", *cmd] if self.user else cmd

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        out = subprocess.run(self._cmd(tool, *args), capture_output=True, text=True, timeout=120, cwd=str(self.root))
        if check and out.returncode != 0:
            raise RuntimeError(f"{tool} failed ({out.returncode}): {out.stderr.strip() or out.stdout.strip()}"[:600])
        return out

    def start(self) -> None:
        opts = f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://nd30@/{dbname}?host={self.root}&port={self.port}"

    def create_database(self, name: str | None = None) -> str:
        import psycopg

        name = name or "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self) -> None:
        self.stop("immediate")
        for _ in range(20):
            if not self.running():
                break
            time.sleep(0.2)
        shutil.rmtree(self.root, ignore_errors=True)


def unavailable() -> str | None:
    """None when a server can be started here; else the reason (a skip message)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'nd30check[audit]')"
    if bin_dir() is None:
        return "PostgreSQL server binaries not found (Debian: apt-get install postgresql)"
    if os.geteuid() == 0 and _user() is None:
        return "running as root and no 'postgres' or 'nobody' user to run the server as"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start the server as another user"
    return None


def start_or_skip():
    import pytest

    why = unavailable()
    if why:
        pytest.skip(why)
    try:
        return PgServer()
    except Exception as exc:  # the reason goes into the skip message
        pytest.skip(f"PostgreSQL test server could not start: {exc}")
