"""``nd30check serve``: options, start-up checks, the address printed, the browser opened.

The options are declared here (with the command line's bilingual option class, handed in by
``cli.py``) so the command line only registers the command; Starlette and uvicorn are
imported when the command runs, never when ``nd30check --help`` starts.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from typing import Any, Callable

import click

DEFAULT_PORT = 8030


def serve_options(opt: Callable[..., Any]) -> Callable[[Any], Any]:
    """The ``serve`` options, made with ``opt`` (cli._opt: help in Vietnamese and English)."""
    options = [
        opt("--host", default="127.0.0.1",
            vi="Địa chỉ nghe. Mặc định chỉ máy này (127.0.0.1); 0.0.0.0 cho mạng nội bộ của trường/văn phòng (cần --token).",
            en="Address to listen on. Default: this machine only (127.0.0.1); 0.0.0.0 for a school/office LAN (needs --token)."),
        opt("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT,
            vi="Cổng (mặc định 8030; 0 = một cổng trống bất kỳ).", en="Port (default 8030; 0 = any free port)."),
        opt("--token", default=None,
            vi="Mã truy cập (ít nhất 12 ký tự). Bắt buộc khi nghe ngoài 127.0.0.1; không có thì tự tạo và in địa chỉ kèm mã.",
            en="Access token (12+ characters). Required beyond 127.0.0.1; if absent one is generated and the URL printed."),
        opt("--allow-host", "allow_host", multiple=True,
            vi="Tên máy được phép trong tiêu đề Host (ngoài 127.0.0.1, localhost và địa chỉ IP).",
            en="Host names accepted in the Host header (besides 127.0.0.1, localhost and IP addresses)."),
        opt("--no-browser", is_flag=True, default=False, vi="Không tự mở trình duyệt.", en="Do not open the browser."),
        opt("--max-file-mb", type=click.IntRange(1, 1024), default=50,
            vi="Dung lượng tối đa mỗi tệp, MB (mặc định 50).", en="Largest file accepted, MB (default 50)."),
        opt("--max-request-mb", type=click.IntRange(1, 4096), default=200,
            vi="Dung lượng tối đa mỗi lần tải lên, MB (mặc định 200).", en="Largest upload per request, MB (default 200)."),
        opt("--queue", "capacity", type=click.IntRange(1, 1000), default=32,
            vi="Số lượt kiểm tra tối đa đang chờ hoặc đang chạy; quá số này máy chủ báo bận (503). Mặc định 32.",
            en="Most checks waiting or running at once; beyond that the server answers busy (503). Default 32."),
        opt("--jobs", "-j", type=click.IntRange(1, 256), default=None,
            vi="Số tiến trình kiểm tra tối đa (mặc định: số lõi CPU).", en="Most checking processes (default: cores)."),
        opt("--timeout", type=float, default=None, vi="Số giây tối đa cho mỗi tệp (mặc định 60).",
            en="Seconds allowed per file (default 60)."),
        opt("--rules", "rule_packs", multiple=True, type=click.Path(exists=True),
            vi="Bộ quy tắc bổ sung hoặc thay thế (tệp TOML hoặc thư mục).", en="Extra or overriding rule pack."),
        opt("--config", "config_file", type=click.Path(),
            vi="Tệp cấu hình (mặc định: nd30check.toml tìm từ thư mục hiện tại lên).",
            en="Config file (default: nd30check.toml searched from the current folder upwards)."),
        opt("--trust", multiple=True, type=click.Path(exists=True),
            vi="Thêm chứng thư gốc/trung gian tin cậy (tệp PEM/DER hoặc thư mục).",
            en="Add trusted root/intermediate certificates (PEM/DER file or folder)."),
        opt("--lang", type=click.Choice(["vi", "en"]), default=None,
            vi="Ngôn ngữ của thông báo khi khởi động (trang có nút chuyển ngôn ngữ).",
            en="Language of the start-up messages (the page has its own switch)."),
    ]

    def decorate(fn: Any) -> Any:
        for o in reversed(options):
            fn = o(fn)
        return fn

    return decorate


def lan_address() -> str:
    """This machine's address on the LAN (for the printed URL); no packet is sent."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: routing decision only
            return s.getsockname()[0]
    except OSError:
        try:
            return socket.gethostbyname(socket.gethostname())
        except OSError:
            return "127.0.0.1"


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(128)
    sock.set_inheritable(False)
    return sock


def prewarm() -> None:
    """Import what the workers need once, before they are forked (as the local executor does for a run):
    each worker then starts with the readers, checks, verifier and renderer loaded. (Checking a
    small document here as well, to fill lazy caches, was measured: no gain on the 3-page PDF.)"""
    from ..executor import prewarm as prewarm_workers

    prewarm_workers(["x.pdf", "x.docx"])
    try:
        import PIL.Image  # noqa: F401
        import pypdfium2  # noqa: F401
    except ImportError:
        pass


def _need_extra() -> None:
    from .. import cli

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        cli._usage_error("`serve` cần gói tùy chọn [web]: pip install \"nd30check[web]\"",
                         "`serve` needs the [web] extra: pip install \"nd30check[web]\"")


def _listen(host: str, port: int, token: str | None) -> tuple[socket.socket, str, str]:
    """Bind before anything is printed (port 0 gives a free port); the token and the URL to give
    out. Beyond loopback: a warning, and the token in the URL (generated when not given)."""
    from .. import cli
    from .security import MIN_TOKEN_LENGTH, is_loopback, new_token

    t = cli._t
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        cli._usage_error(f"--token quá ngắn (cần ít nhất {MIN_TOKEN_LENGTH} ký tự)",
                         f"--token is too short (at least {MIN_TOKEN_LENGTH} characters)")
    generated = token is None
    token = token or new_token()
    try:
        sock = _bind(host, port)
    except OSError as exc:
        cli._usage_error(f"không mở được {host}:{port} — {exc.strerror or exc}",
                         f"cannot listen on {host}:{port} — {exc.strerror or exc}")
        raise AssertionError("unreachable") from None
    loopback = is_loopback(host)
    shown = host if loopback else lan_address()
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    if not loopback:
        url += f"?token={token}"
        click.echo(t(f"CẢNH BÁO: máy chủ nghe trên {host}: mọi máy trong mạng có địa chỉ kèm mã truy cập đều dùng được. "
                     "Chỉ đưa địa chỉ này cho người trong đơn vị; tệp tải lên chỉ nằm tạm trên máy này khi kiểm tra.",
                     f"WARNING: listening on {host}: any machine on the network with the address and its token can use "
                     "it. Give the address to your colleagues only; uploads stay on this machine only while checked."),
                   err=True)
        if generated:
            click.echo(t("Đã tạo mã truy cập (dùng --token để tự đặt).", "An access token was generated (set your own "
                         "with --token)."), err=True)
    return sock, token, url


def serve(host: str, port: int, token: str | None, allow_host: tuple[str, ...], no_browser: bool, max_file_mb: int,
          max_request_mb: int, capacity: int, jobs: int | None, timeout: float | None, rule_packs: tuple[str, ...],
          config_file: str | None, trust: tuple[str, ...], lang: str | None) -> None:
    from .. import cli
    from ..workers import default_jobs
    from .security import HostPolicy, is_loopback

    _need_extra()
    import uvicorn

    overrides = {"rules": list(rule_packs), "trust": list(trust), "jobs": jobs, "timeout": timeout, "lang": lang}
    cfg, pack = cli._load((), config_file, overrides)
    sock, token, url = _listen(host, port, token)
    tmp_root = tempfile.mkdtemp(prefix="nd30check-serve-")  # 0700: the uploads' private folder
    from .app import Settings, create_app
    from .upload import MB, Limits

    settings = Settings(config=cfg, pack=pack, token=token, hosts=HostPolicy(host, list(allow_host)), tmp_root=tmp_root,
                        limits=Limits(max_file=max_file_mb * MB, max_request=max_request_mb * MB),
                        workers=cfg.jobs or default_jobs(), capacity=capacity, lan=not is_loopback(host))
    prewarm()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", access_log=False,
                                           server_header=False, timeout_keep_alive=5, limit_concurrency=capacity + 64,
                                           lifespan="off", timeout_graceful_shutdown=3))
    click.echo(cli._t(f"nd30check đang chạy tại {url}  (Ctrl+C để dừng)", f"nd30check is running at {url}  (Ctrl+C to stop)"))
    sys.stdout.flush()
    if not no_browser:
        import webbrowser

        try:
            webbrowser.open(url)
        except Exception:  # no browser on this machine: the printed address is enough
            pass
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl+C: a normal way to stop
        pass
    finally:
        sock.close()
        _stop_workers()  # a check still running (a hung file) must not outlive the server
        shutil.rmtree(tmp_root, ignore_errors=True)


def _stop_workers() -> None:
    import multiprocessing

    for child in multiprocessing.active_children():
        try:
            child.kill()
            child.join(timeout=2)
        except Exception:
            pass
