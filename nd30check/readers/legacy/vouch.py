"""Which rules a LibreOffice conversion cannot vouch for — decided by measurement.

Measured with ``tests/legacy/roundtrip.py`` (LibreOffice 7.4): the real Word-born .docx files
of ``tests/real/files`` and the generated samples, taken through .doc, .rtf and .odt and
back, read again and compared paragraph by paragraph and rule by rule, plus hand-written
Word-style RTF for what a round trip cannot tell apart (LibreOffice's own export):

* Fonts, sizes, bold/italic, alignment, indents, spacing before/after and line spacing
  (exact and multiple) come back unchanged on 1,706 matched paragraphs through .doc and .odt;
  page size, orientation and margins too. Those rules are vouched for.
* Drawn rule lines come back (a Word connector becomes a flat rectangle, which the DOCX reader
  reads as a line).
* Where a format came from does not: docDefaults/theme become the Normal style on every run.
  The document loses the ``styles`` capability (no rule depends on it yet).
* Rendered page breaks are not written by LibreOffice: paragraph pages are unknown, and
  checks that need them already say not-evaluated. Its docProps/app.xml page count is its
  own statistic (99 for a 2-page RTF) and is dropped (see ``pages``).
* .doc: every hyperlink gets LibreOffice's "Internet Link" character style (blue,
  underlined), whatever it looked like in Word, so ND30-COLOR cannot be judged on a file
  with hyperlinks.
* .rtf: with more than one section, the headers and the "different first page" setting move
  to the last section (a two-section Word-style RTF: section 1 lost its centred page number),
  so ND30-PAGE-NUMBER cannot be judged on such a file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...safety import SafeZip

_HYPERLINK_STYLED = re.compile(rb'<w:hyperlink\b[^>]*>(?:(?!</w:hyperlink>).)*?<w:rStyle w:val="(?:InternetLink|Hyperlink)"',
                               re.S)


def unvouched_rules(kind: str, produced: Path) -> dict[str, tuple[str, str]]:
    """Rule ID → (vi, en) reason, for a file of ``kind`` converted into ``produced`` (.docx)."""
    out: dict[str, tuple[str, str]] = {}
    try:
        with SafeZip(str(produced)) as zf:
            body = zf.read("word/document.xml") if zf.has("word/document.xml") else b""
    except Exception:  # the DOCX reader will say what is wrong with it
        return out
    if kind == "doc" and _HYPERLINK_STYLED.search(body):
        out["ND30-COLOR"] = (
            "tệp .doc có liên kết (hyperlink): khi chuyển sang .docx, LibreOffice tô màu mọi liên kết nên không biết "
            "màu chữ gốc của chúng",
            "the .doc file has hyperlinks: converting it to .docx, LibreOffice colours every hyperlink, so their "
            "original colour is unknown",
        )
    if kind == "rtf" and body.count(b"<w:sectPr") > 1:
        out["ND30-PAGE-NUMBER"] = (
            "tệp .rtf có nhiều phần (section): khi chuyển sang .docx, LibreOffice dồn đầu trang và thiết lập trang "
            "đầu khác vào phần cuối nên không biết số trang của từng phần",
            "the .rtf file has several sections: converting it to .docx, LibreOffice moves the headers and the "
            "different-first-page setting to the last section, so each section's page numbering is unknown",
        )
    return out


# Capabilities a converted document does not have, whatever its source (see the module doc).
LOST_CAPABILITIES = frozenset({"styles"})
