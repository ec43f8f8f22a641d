"""The page count a legacy file says it had when last saved by Word.

LibreOffice's .docx carries no rendered page breaks and no page count, so rules that need the
number of pages (a one-page document needs no page number) would stay not-evaluated. Word's
RTF and Word 2003 XML record it — like docProps/app.xml of a .docx, "as last saved":
``{\\info … \\nofpagesN}`` and ``<o:Pages>N</o:Pages>``.

Not taken: the page count of an .odt (``meta:page-count``): LibreOffice writes it from its
statistics, which a headless conversion does not refresh (measured: "1" for a document that
lays out on 2 pages). The .doc SummaryInformation count is left for when a Word-written .doc
can be tested.
"""

from __future__ import annotations

import re


def saved_page_count(data: bytes, kind: str) -> int | None:
    if kind == "rtf":
        m = re.search(rb"\\nofpages(\d{1,5})", data[:400_000])
    elif kind == "word-xml":
        m = re.search(rb"<o:Pages>(\d{1,5})</o:Pages>", data[:400_000])
    else:
        return None
    if m is None:
        return None
    n = int(m.group(1))
    return n if 1 <= n <= 5000 else None
