"""Make the README's screenshot of ``nd30check serve``: the 12-pt sample dropped on the page.

Usage: python tests/web/screenshot.py [OUT.png]   (default: docs/images/nd30check-serve.png)

Starts a real server, drives Debian's Chromium (as the browser test does), drops
``samples/defects/ND30-BODY-SIZE--12pt.docx`` and saves what the page shows.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from browser import browser_page, drop_files, why_no_browser  # noqa: E402
from webkit import ROOT, SAMPLES, Server  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "nd30check-serve.png"
    why = why_no_browser()
    if why:
        print(f"cannot make the screenshot: {why}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        srv = Server(Path(tmp))
        try:
            with browser_page(width=1280, height=860) as page:
                page.goto(srv.url)
                drop_files(page, [SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx"])
                page.wait_for_function("() => document.body.dataset.state === 'done'", timeout=60_000)
                page.locator("section.file .finding details").first.evaluate("d => { d.open = true; }")
                page.locator("section.file").first.scroll_into_view_if_needed()
                page.evaluate("() => window.scrollTo(0, document.querySelector('#summary').offsetTop - 8)")
                page.screenshot(path=str(out))
        finally:
            srv.stop()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
