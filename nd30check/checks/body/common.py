"""Helpers shared by the body rules and by signblock/appendix: which paragraphs are running
text, the document type, line tails, the finding cap, centimetre formatting."""

from __future__ import annotations

import re
from typing import Any

from ...doctypes import ABBREVIATIONS, CONG_VAN
from ...measure.runs import text_runs
from ...model import MM, Document, Paragraph, Role
from ...structure.elements import (  # noqa: F401
    KINH_GUI_RE,
    is_continuation,
    kinh_gui_lines,
    recipient_lines,
)
from ...text.punctuation import tail  # noqa: F401  (shared with signblock, appendix)
from ..base import Ctx, Term

# --------------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------------

ALIGN_WORDS: dict[str | None, dict[str, str]] = {
    "left": Term("align-left"),
    "right": Term("align-right"),
    "center": Term("align-centre"),
    "justify": Term("align-justify"),
    None: Term("align-unknown"),
}


def doc_type(doc: Document) -> str | None:
    """The document's type as an Appendix III abbreviation, ``CV`` for công văn, or None."""
    f = doc.facts
    for value in (f.type_abbr, f.type):
        if value and (value in ABBREVIATIONS or value == CONG_VAN):
            return value
    return None


def in_data_table(doc: Document, p: Paragraph) -> bool:
    if p.cell is None or not (0 <= p.cell.table < len(doc.tables)):
        return False
    return doc.tables[p.cell.table].is_data_table


def is_caps_lead_in(p: Paragraph) -> bool:
    """A short centred capitals line such as "QUYẾT ĐỊNH:" or "QUYẾT NGHỊ:" that the decree's
    templates put between the căn cứ and the articles: a heading-like line, not running text."""
    t = " ".join(p.shown_text.split())
    return (t.endswith(":") and len(t) <= 40 and len(t.split()) <= 4 and any(c.isalpha() for c in t)
            and not any(c.islower() for c in t))


_DIEU_LEAD = re.compile(r"^\s*Điều\s+\d+\s*[.:]?\s*", re.IGNORECASE)


def _dieu_with_text(p: Paragraph, min_letters: int = 60) -> bool:
    """"Điều 1. Thành lập Tổ …" typed as one paragraph (as in most real quyết định) is running
    text of the body: its size, indent and alignment are the body's (PL I.I.II.6), so the body
    checks must see it instead of finding "no body paragraphs" in a quyết định."""
    rest = _DIEU_LEAD.sub("", p.shown_text, count=1)
    return letters(rest) >= min_letters


def body_paragraphs(doc: Document) -> list[Paragraph]:
    """Running-text paragraphs: role ``body``, in the document body, not in a data table nor
    in one column of a two-column block (header, signature)."""
    out = []
    recipients = kinh_gui_lines(doc) if doc.with_role(Role.KINH_GUI) else set()
    for p in doc.paragraphs:
        if p.role == Role.HEADING_DIEU and not _dieu_with_text(p):
            continue  # a bare "Điều 1. Tên điều" heading line: ND30-HEADINGS judges it
        if p.role not in (Role.BODY, Role.HEADING_DIEU) or p.container in ("header", "footer", "signature", "textbox"):
            continue
        if in_data_table(doc, p) or p.is_empty or is_caps_lead_in(p) or p.index in recipients:
            continue
        if p.column in ("left", "right"):
            continue  # one side of a two-column header/signature block, not running text
        out.append(p)
    return out


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def cm(points: float) -> float:
    return points / MM / 10.0


def fmt_cm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def loc(value: str) -> dict[str, str]:
    """A number for both languages: Vietnamese writes a decimal comma."""
    return {"vi": value.replace(".", ","), "en": value}


class Capped:
    """Reports findings of one key until a cap, then one summary finding (``more`` key).

    Why: a document typed entirely at the wrong size would otherwise give one finding per
    paragraph; a clerk needs the first few places and the count."""

    def __init__(self, ctx: Ctx, key: str, limit: int | None = None):
        self.ctx, self.key = ctx, key
        self.limit = int(limit if limit is not None else ctx.param("max_findings"))
        self.count = 0
        self.left_out: list[Any] = []  # corrections of the findings past the cap (the summary carries them)

    def fail(self, para: Paragraph | None, **kw: Any) -> None:
        self.count += 1
        if self.count <= self.limit:
            self.ctx.fail(para, key=self.key, **kw)
        elif kw.get("fix") is not None:
            fix = kw["fix"]
            for c in fix if isinstance(fix, list) else [fix]:
                if c is not None and c.para is None:
                    c.para = para
                self.left_out.append(c)

    def close(self) -> None:
        extra = self.count - self.limit
        if extra > 0:
            self.ctx.fail(None, key="more", count=extra, what=self.key, fix=self.left_out or None)


def _counting_runs(p: Paragraph) -> list:
    """Visible runs that carry words: one- or two-character runs without letters (footnote
    marks, superscript "2" of m²) are left out of size comparisons."""
    return [r for r in text_runs(p) if letters(r.text) or len(r.text.strip()) > 2]


