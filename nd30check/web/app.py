"""The Starlette application: the page, its assets, ``POST /api/check`` and a health probe.

Why Starlette + uvicorn: the smallest well-kept ASGI pair (pure Python, two small
dependencies: anyio, h11), streaming request bodies (uploads go straight to the private
folder, never a spool file elsewhere), no template engine or ORM to carry. FastAPI would add
pydantic and an API schema this one-endpoint page does not need; a WSGI stack would tie a
thread to every slow upload.

One request = one run: the upload is written into its own private folder, checked by
``batch.run_batch`` in worker processes (time and memory limits; the event loop never waits
on them), the folder is removed, and the answer (``views.py``) is sent. Nothing is kept
between requests.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .queue import Busy, Slots
from .security import SECURITY_HEADERS, TOKEN_COOKIE, TOKEN_HEADER, HostPolicy, token_ok
from .upload import Limits, Upload, UploadError, receive

log = logging.getLogger("nd30check.web")
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8",
          "favicon.svg": "image/svg+xml"}


@dataclass
class Settings:
    config: Any  # nd30check.config.Config: the run settings (profile/lang are per request)
    pack: Any  # the rule pack
    token: str
    hosts: HostPolicy
    tmp_root: str  # the server's private folder (0700); one sub-folder per request
    limits: Limits = field(default_factory=Limits)
    workers: int = 2
    capacity: int = 32
    lan: bool = False  # bound beyond loopback: the page itself needs the token


def _message(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "")
    if lang in ("vi", "en"):
        return lang
    return "en" if request.headers.get("accept-language", "").lower().startswith("en") else "vi"


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class Guard:
    """ASGI middleware: refuse unknown Host names (DNS rebinding), add security headers."""

    def __init__(self, app: ASGIApp, hosts: HostPolicy):
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = None
        for k, v in scope.get("headers", []):
            if k == b"host":
                host = v.decode("latin-1")
                break

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _v in headers}
                for k, v in SECURITY_HEADERS.items():
                    if k.encode() not in names:
                        headers.append((k.encode(), v.encode()))
                message = {**message, "headers": headers}
            await send(message)

        if not self.hosts.allows(host):
            resp = error_response(400, "bad-host",
                                  "Tên máy (Host) không được phép: chỉ mở trang bằng địa chỉ máy chủ đã in ra "
                                  "(chống tấn công DNS rebinding). / Host not allowed: open the page at the address "
                                  "the server printed (DNS-rebinding protection).")
            await resp(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except asyncio.CancelledError:  # Ctrl+C while a check runs: say so (its folder is removed)
            stopping = error_response(503, "stopping", "Máy chủ nd30check đang dừng. / The nd30check server is stopping.")
            try:
                await stopping(scope, receive, send_with_headers)
            except Exception:  # the response had begun, or the client left
                pass


def _static_text(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


class Handlers:
    """The four routes; one instance per server (the queue and the page template live here)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.slots = Slots(settings.workers, settings.capacity)
        self.index_template = _static_text("index.html")
        self.assets = {name: _static_text(name).encode("utf-8") for name in STATIC}

    async def index(self, request: Request) -> Response:
        """The page; on a LAN only for who came with the token (kept in a cookie)."""
        st, lang = self.settings, _lang(request)
        given = request.query_params.get("token")
        if st.lan and given is not None:
            if not token_ok(st.token, given):
                return error_response(403, "token", _message(lang, "Mã truy cập không đúng.", "Wrong access token."))
            resp = RedirectResponse("/", status_code=303)
            resp.set_cookie(TOKEN_COOKIE, st.token, httponly=True, samesite="strict", path="/")
            return resp
        if st.lan and not token_ok(st.token, request.cookies.get(TOKEN_COOKIE)):
            return error_response(401, "token", _message(
                lang, "Cần mã truy cập: hãy mở đúng địa chỉ có “?token=…” mà người chạy máy chủ đã đưa.",
                "An access token is needed: open the address with “?token=…” given by whoever runs the server."))
        limits = st.limits
        html = (self.index_template.replace("{{TOKEN}}", st.token)
                .replace("{{MAX_FILE}}", str(limits.max_file)).replace("{{MAX_REQUEST}}", str(limits.max_request))
                .replace("{{MAX_FILES}}", str(limits.max_files)))
        return Response(html, media_type="text/html; charset=utf-8", headers={"cache-control": "no-store"})

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self.assets:
            return error_response(404, "not-found", "Không có / not found")
        return Response(self.assets[name], media_type=STATIC[name], headers={"cache-control": "no-cache"})

    async def health(self, request: Request) -> Response:
        s = self.slots
        return JSONResponse({"status": "ok", "running": s.running, "waiting": s.waiting, "admitted": s.admitted},
                            headers={"cache-control": "no-store"})

    def _refuse(self, request: Request, lang: str) -> Response | None:
        """Origin and token of a state-changing request, and its profile."""
        st = self.settings
        if not st.hosts.origin_ok(request.headers.get("origin"), request.headers.get("host")):
            return error_response(403, "origin", _message(lang, "Yêu cầu từ trang khác bị từ chối.",
                                                          "Requests from another site are refused."))
        if not token_ok(st.token, request.headers.get(TOKEN_HEADER)):
            return error_response(403, "token", _message(
                lang, "Thiếu hoặc sai mã (token) của máy chủ: hãy tải lại trang.",
                "The server's token is missing or wrong: reload the page."))
        if request.query_params.get("profile", "draft") not in ("draft", "issued"):
            return error_response(400, "profile", _message(lang, "profile phải là draft hoặc issued.",
                                                           "profile must be draft or issued."))
        return None

    async def check(self, request: Request) -> Response:
        lang = _lang(request)
        refused = self._refuse(request, lang)
        if refused is not None:
            return refused
        try:
            self.slots.admit()  # before the body is read: a crowd cannot fill the disk
        except Busy:
            return error_response(503, "busy", _message(
                lang, "Máy chủ đang bận (quá nhiều lượt kiểm tra đang chờ). Vui lòng thử lại sau ít giây.",
                "The server is busy (too many checks waiting). Please try again in a few seconds."),
                headers={"retry-after": "5"})
        try:
            return await self._run(request, lang, request.query_params.get("profile", "draft"))
        except UploadError as exc:
            return error_response(exc.status, exc.code, exc.message(lang))
        except Exception as exc:  # a bug of ours: say so, keep serving (the files are already removed)
            log.exception("check request failed")
            return error_response(500, "internal", _message(lang, f"Lỗi nội bộ của nd30check: {exc!r}",
                                                            f"nd30check internal error: {exc!r}"))
        finally:
            self.slots.leave()

    async def _run(self, request: Request, lang: str, profile: str) -> Response:
        import anyio

        st = self.settings
        folder = tempfile.mkdtemp(prefix="req-", dir=st.tmp_root)
        try:
            uploads, _fields = await receive(request.stream(), request.headers.get("content-type", ""),
                                             request.headers.get("content-length"), folder, st.limits)
            cfg = replace(st.config, profile=profile, lang=lang, cache=False, views=True)
            k = await self.slots.acquire(len(uploads))
            try:
                batch = await anyio.to_thread.run_sync(run_uploads, uploads, cfg, st.pack, k)
            finally:
                self.slots.release(k)
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # the files live only while they are checked
        payload = await anyio.to_thread.run_sync(build_payload, batch, cfg, st.pack)
        return Response(payload, media_type="application/json", headers={"cache-control": "no-store"})


def create_app(settings: Settings) -> ASGIApp:
    h = Handlers(settings)
    routes = [
        Route("/", h.index, methods=["GET"]),
        Route("/static/{name}", h.static, methods=["GET"]),
        Route("/api/health", h.health, methods=["GET"]),
        Route("/api/check", h.check, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.handlers = h
    return Guard(app, settings.hosts)


def run_uploads(uploads: list[Upload], cfg: Any, pack: Any, jobs: int) -> Any:
    """Check the stored uploads like ``nd30check check`` (worker processes, bundles); the
    results name the files as the browser did, never by their temporary paths."""
    from ..batch import run_batch
    from ..inputs import display_path

    cfg = replace(cfg, jobs=jobs)
    batch = run_batch([u.path for u in uploads], cfg, pack, progress=False)
    names = {display_path(u.path): u.name for u in uploads}
    for r in batch:
        r.path = names.get(r.path, os.path.basename(r.path))
        if r.appendix_of is not None:  # the main document it was matched to, named as uploaded too
            r.appendix_of = names.get(r.appendix_of, os.path.basename(r.appendix_of))
    return batch


def build_payload(batch: Any, cfg: Any, pack: Any) -> bytes:
    """The page's answer (see ``views.py``), with the HTML and JSON reports to download."""
    from ..report import render_report
    from ..report.json import build, dumps
    from ..report.words import Words
    from .views import file_entry, labels, rule_texts

    doc = build(batch, Words(pack, cfg.lang))
    report_json = dumps(doc)
    report_html = render_report("html", batch, cfg, pack)
    lang = cfg.lang
    doc["files"] = [file_entry(r, e, pack, lang) for r, e in zip(batch, doc["files"])]
    rule_ids = {f["rule"] for e in doc["files"] for f in e["findings"]} | \
               {n["rule"] for e in doc["files"] for n in e["web"]["not_evaluated"]}
    doc["web"] = {"profile": cfg.profile, "lang": lang, "rules": rule_texts(pack, rule_ids, lang), "labels": labels(lang),
                  "reports": {"json": report_json, "html": report_html}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
