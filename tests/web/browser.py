"""Drive the system's Chromium (Debian's ``chromium`` package) with Playwright — no browser
download: Playwright's own driver talks to ``/usr/bin/chromium`` through its executable path.

Used by the browser test and by ``tests/web/screenshot.py`` (the README's screenshot).
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# Flags Chromium needs here as root and on a closed network (no sandbox for root, no GPU, no
# background connections that the machine would refuse).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for cand in (os.environ.get("ND30CHECK_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def why_no_browser() -> str | None:
    """None when a real browser can be driven here, else the reason (for pytest.skip)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install -e '.[test]')"
    if chromium_path() is None:
        return "no Chromium on this machine (apt-get install chromium; .ci/run installs it)"
    return None


@contextmanager
def browser_page(width: int = 1400, height: int = 1000) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="nd30-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS,
                viewport={"width": width, "height": height}, locale="vi-VN", accept_downloads=True)
            try:
                page = context.pages[0] if context.pages else context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.errors = errors  # type: ignore[attr-defined]
                yield page
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


DROP_JS = """([selector, files]) => {
  const dt = new DataTransfer();
  for (const [name, b64] of files) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    dt.items.add(new File([bytes], name));
  }
  const target = document.querySelector(selector);
  for (const type of ["dragenter", "dragover", "drop"]) {
    target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }
}"""


def drop_files(page: object, paths: list[Path], selector: str = "#drop") -> None:
    """Drop files on the page as a user drags them from the file manager (a real DragEvent with
    a DataTransfer holding the files' bytes)."""
    files = [[p.name, base64.b64encode(p.read_bytes()).decode("ascii")] for p in paths]
    page.evaluate(DROP_JS, [selector, files])  # type: ignore[attr-defined]


def wait_done(page: object, timeout_ms: int = 60_000) -> str:
    page.wait_for_selector("body[data-state=done], body[data-state=error]", timeout=timeout_ms)  # type: ignore[attr-defined]
    return page.get_attribute("body", "data-state")  # type: ignore[attr-defined]
