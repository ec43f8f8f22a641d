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
        await self.app(scope, receive, send_with_headers)


def _static_text(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def create_app(settings: Settings) -> Starlette:
    slots = Slots(settings.workers, settings.capacity)
    index_template = _static_text("index.html")
    assets = {name: _static_text(name).encode("utf-8") for name in STATIC}

    def _page_token_ok(request: Request) -> bool:
        return not settings.lan or token_ok(settings.token, request.cookies.get(TOKEN_COOKIE))

    async def index(request: Request) -> Response:
        lang = _lang(request)
        given = request.query_params.get("token")
        if settings.lan and given is not None:
            if not token_ok(settings.token, given):
                return error_response(403, "token", _message(lang, "Mã truy cập không đúng.", "Wrong access token."))
            resp = RedirectResponse("/", status_code=303)
            resp.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict", path="/")
            return resp
        if not _page_token_ok(request):
            return error_response(401, "token", _message(
                lang, "Cần mã truy cập: hãy mở đúng địa chỉ có “?token=…” mà người chạy máy chủ đã đưa.",
                "An access token is needed: open the address with “?token=…” given by whoever runs the server."))
        limits = settings.limits
        html = (index_template.replace("{{TOKEN}}", settings.token)
                .replace("{{MAX_FILE}}", str(limits.max_file)).replace("{{MAX_REQUEST}}", str(limits.max_request))
                .replace("{{MAX_FILES}}", str(limits.max_files)))
        return Response(html, media_type="text/html; charset=utf-8", headers={"cache-control": "no-store"})

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return error_response(404, "not-found", "Không có / not found")
        return Response(assets[name], media_type=STATIC[name], headers={"cache-control": "no-cache"})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "running": slots.running, "waiting": slots.waiting,
                             "admitted": slots.admitted}, headers={"cache-control": "no-store"})

    async def check(request: Request) -> Response:
        lang = _lang(request)
        if not settings.hosts.origin_ok(request.headers.get("origin"), request.headers.get("host")):
            return error_response(403, "origin", _message(lang, "Yêu cầu từ trang khác bị từ chối.",
                                                          "Requests from another site are refused."))
        if not token_ok(settings.token, request.headers.get(TOKEN_HEADER)):
            return error_response(403, "token", _message(
                lang, "Thiếu hoặc sai mã (token) của máy chủ: hãy tải lại trang.",
                "The server's token is missing or wrong: reload the page."))
        profile = request.query_params.get("profile", "draft")
        if profile not in ("draft", "issued"):
            return error_response(400, "profile", _message(lang, "profile phải là draft hoặc issued.",
                                                           "profile must be draft or issued."))
        try:
            slots.admit()
        except Busy:
            return error_response(503, "busy", _message(
                lang, "Máy chủ đang bận (quá nhiều lượt kiểm tra đang chờ). Vui lòng thử lại sau ít giây.",
                "The server is busy (too many checks waiting). Please try again in a few seconds."),
                headers={"retry-after": "5"})
        try:
            return await _run(request, lang, profile)
        except UploadError as exc:
            return error_response(exc.status, exc.code, exc.message(lang))
        except Exception as exc:  # a bug of ours: say so, keep serving (the files are already removed)
            log.exception("check request failed")
            return error_response(500, "internal", _message(lang, f"Lỗi nội bộ của nd30check: {exc!r}",
                                                            f"nd30check internal error: {exc!r}"))
        finally:
            slots.leave()

    async def _run(request: Request, lang: str, profile: str) -> Response:
        import anyio

        folder = tempfile.mkdtemp(prefix="req-", dir=settings.tmp_root)
        try:
            uploads, _fields = await receive(request.stream(), request.headers.get("content-type", ""),
                                             request.headers.get("content-length"), folder, settings.limits)
            cfg = replace(settings.config, profile=profile, lang=lang, cache=False, views=True)
            k = await slots.acquire(len(uploads))
            try:
                batch = await anyio.to_thread.run_sync(run_uploads, uploads, cfg, settings.pack, k)
            finally:
                slots.release(k)
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # the files live only while they are checked
        payload = await anyio.to_thread.run_sync(build_payload, batch, cfg, settings.pack)
        return Response(payload, media_type="application/json", headers={"cache-control": "no-store"})

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/api/health", health, methods=["GET"]),
        Route("/api/check", check, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.slots = slots
    app.state.settings = settings
    return Guard(app, settings.hosts)  # type: ignore[return-value]


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
    return batch


def build_payload(batch: Any, cfg: Any, pack: Any) -> bytes:
    """The page's answer (see ``views.py``), with the HTML and JSON reports to download."""
    from ..report import render_report
    from ..report.json import build, dumps
    from .views import file_entry, labels, rule_texts

    doc = build(batch, cfg.fail_on)
    report_json = dumps(doc)
    report_html = render_report("html", batch, cfg, pack)
    lang = cfg.lang
    doc["files"] = [file_entry(r, e, pack, lang) for r, e in zip(batch, doc["files"])]
    rule_ids = {f["rule"] for e in doc["files"] for f in e["findings"]} | \
               {n["rule"] for e in doc["files"] for n in e["web"]["not_evaluated"]}
    doc["web"] = {"profile": cfg.profile, "lang": lang, "rules": rule_texts(pack, rule_ids, lang), "labels": labels(lang),
                  "reports": {"json": report_json, "html": report_html}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
