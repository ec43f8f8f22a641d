"""ND30-PAGE-NUMBER (PL I, Phần I, Mục II, khoản 7): numbers on pages 2…, Arabic, centred in
the header, 13–14, none on page 1 — from Word's page-number fields in a .docx, from the lone
number the PDF reader found at the top or bottom of each page in a PDF (each Phụ lục restarts
the count), and on scans only where the place of the number was really read."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

from ...measure.pages import estimate_pages, page_count, page_text_box
from ...measure.runs import dominant_size
from ...model import MM, Document, PageNumberField, Paragraph, Role
from ..base import Change, Ctx, Term, check
from ..common import fmt_pt, fmt_range, page_ranges, size_in
from ..fixes import align_fix, size_fix

_ROMAN = re.compile(r"^[IVXLCDM]+$", re.I)


@check("ND30-PAGE-NUMBER", fixable=True)
def page_number(ctx: Ctx) -> None:
    """Numbers on pages 2…, Arabic, centred in the header (top margin), 13–14, none on page 1.

    Page count: PDF knows it. DOCX does not store a reliable one: the reader's value
    (``page_count`` / rendered page breaks) is used when given; otherwise the length of the
    text is estimated. A document with no number that clearly fits on one page passes, one
    that clearly runs longer fails, and in between the rule is not-evaluated."""
    doc = ctx.doc
    lo, hi = ctx.param("size")
    tol = float(ctx.param("size_tolerance_pt"))
    if doc.pages:  # rendered pages: the numbers as printed on each page
        _pdf_page_number(ctx, float(lo), float(hi), tol)
        return
    fields: list[tuple[int, PageNumberField]] = [(s.index, f) for s in doc.sections for f in s.page_numbers]
    count = page_count(doc, float(ctx.param("more_pages_min")))
    if not fields:
        _no_page_fields(ctx, count)
    elif count != 1:  # one-page documents pass whatever their header holds
        _judge_fields(ctx, fields, float(lo), float(hi), tol)


def _no_page_fields(ctx: Ctx, count: int | None) -> None:
    """No PAGE field: fine on one page; a failure when the document surely runs longer."""
    doc = ctx.doc
    if "page-number-fields" not in doc.capabilities and doc.capabilities:
        ctx.not_evaluated(key="the-reader-cannot-read-page-number")
        return
    if count is not None:
        if count > 1:
            ctx.fail(None, key="missing", expected=Term("numbers-from-page-2"),
                     actual=Term("no-numbers-pages", count=count), pages=count)
        return
    est = estimate_pages(doc)
    one = float(ctx.param("one_page_max"))
    more = float(ctx.param("more_pages_min"))
    if est is None:
        ctx.not_evaluated(key="page-count-unknown")
    elif est > more:
        ctx.fail(None, key="missing", expected=Term("numbers-from-page-2"),
                 actual=Term("no-numbers-about-pages", count=f"{est:.1f}"),
                 pages=f"~{est:.1f}")
    elif est > one:
        ctx.not_evaluated(key="length-unsure", count=f"{est:.1f}")


def _judge_fields(ctx: Ctx, fields: list[tuple[int, PageNumberField]], lo: float, hi: float, tol: float) -> None:
    """The PAGE fields of the headers and footers: place, alignment, size, digits, page 1."""
    unknown = False
    reported: set[str] = set()

    def once(key: str, **kw: Any) -> None:
        if key not in reported:
            reported.add(key)
            ctx.fail(None, key=key, **kw)

    doc = ctx.doc
    holder = {p.locator: p for p in doc.paragraphs if p.locator and p.container in ("header", "footer")}
    for sec, f in fields:
        para = holder.get(f.locator) if f.locator else None
        if f.where != "header":
            once("not-top", expected=Term("top-margin-header"),
                 actual=Term("bottom-margin-footer" if f.where == "footer" else "in-the-body"))
        if f.alignment is None:
            unknown = True
        elif f.alignment != "center":
            once("not-centred", expected=Term("pn-centre"), actual=_ALIGN.get(f.alignment, f.alignment),
                 fix=align_fix(para, "center") if para is not None else None)
        ok = size_in(f.size, lo, hi, tol)
        if ok is None:
            unknown = True
        elif not ok:
            once("size", expected=fmt_range(lo, hi), actual=fmt_pt(f.size),
                 fix=size_fix(para, lo, hi, tol) if para is not None else None)
        if not f.arabic:
            once("not-arabic", expected=Term("arabic-digits-example"),
                 actual=Term("roman-numerals-letters"))
        if f.first_page and sec == 0:
            s0 = doc.sections[0] if doc.sections else None
            # the default header shows on page 1 only for want of "different first page"
            hide = Change(s0, "title_page", True, before=False) if s0 is not None and not s0.title_page else None
            once("on-first-page", expected=Term("hidden-on-page-1"),
                 actual=Term("shown-on-page-1"), fix=hide)
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="the-alignment-or-size-of-the-page")


_ALIGN = {
    "left": Term("pn-left"),
    "right": Term("pn-right"),
    "justify": Term("pn-justify"),
    "center": Term("pn-centre"),
}


def _pdf_numbers(doc: Document) -> dict[int, tuple[str, Paragraph | None, PageNumberField | None]]:
    """Page → (number text, paragraph, field) as found by the reader / structure recognition."""
    out: dict[int, tuple[str, Paragraph | None, PageNumberField | None]] = {}
    for s in doc.sections:
        for f in s.page_numbers:
            if f.page is not None:
                out[f.page] = (f.text or "", None, f)
    for p in doc.paragraphs:
        if p.role == Role.PAGE_NUMBER and p.page is not None and p.page not in out:
            out[p.page] = (p.text.strip(), p, None)
    for pg in doc.pages:
        if pg.page_number_text and pg.number not in out:
            out[pg.number] = (pg.page_number_text.strip(), None, None)
    return out


def _missing_numbers(ctx: Ctx, numbers: dict[int, Any], count: int) -> None:
    doc = ctx.doc
    # each Phụ lục has its own numbering (PL I, Phần I, Mục III, 1.đ): its first page is a new
    # "page 1" and carries no number
    restarts = {p.page for p in doc.paragraphs if p.role == Role.PL_HEADING and p.page is not None}
    missing = [n for n in range(2, count + 1) if n not in numbers and _page_has_text(doc, n) and n not in restarts]
    # on a page read from its image, a number is missing only where its place was read
    doubt = [n for n in missing if not _number_place_read(doc, n)]
    sure = [n for n in missing if n not in doubt]
    if doubt:
        ctx.not_evaluated(key="number-place-unread", pages=page_ranges(doubt))
    if missing and not any(n >= 2 for n in numbers):
        (ctx.fail if sure else ctx.note)(None, key="missing", expected=Term("numbers-from-page-2"),
                                         actual=Term("no-numbers-pages", count=count), pages=count)
    else:
        for pages, say in ((sure, ctx.fail), (doubt, ctx.note)):
            if pages:
                say(None, key="missing-pages", page=pages[0], expected=Term("numbered"),
                    actual=Term("missing-on-pages", pages=page_ranges(pages)), pages=page_ranges(pages))
    if 1 in numbers:
        ctx.fail(None, key="on-first-page", page=1, expected=Term("hidden-on-page-1"),
                 actual=Term("shown-on-page-1"))


def _number_place_read(doc: Document, n: int) -> bool:
    """Was the place of page ``n``'s number read? Always on a page with its own text; on a page
    recognised from its image, when above its first well-read line of text there is neither a
    paragraph (a number read as letters, "CÓ" for "3") nor ink left unread (``Page.unread``)."""
    pg = doc.pages[n - 1] if 0 < n <= len(doc.pages) else None
    if pg is None or pg.source != "ocr":
        return True
    paras = sorted((p for p in doc.paragraphs if p.page == n and p.top is not None and not p.is_empty),
                   key=lambda p: p.top or 0.0)
    first = next((p for p in paras if (p.confidence or 0.0) >= _READ_WELL and len(p.text.split()) >= 3), None)
    if first is None or first.top is None:
        return False
    line = first.top
    if any(p is not first and (p.bottom or p.top or 0.0) <= line for p in paras):
        return False
    return not any(box[3] <= line for box in pg.unread)


#: a line of text read at least this well marks where the page's text begins
_READ_WELL = 0.9


def _printed_number(doc: Document, n: int, text: str, para: Paragraph | None, fld: PageNumberField | None,
                    ctol: float) -> tuple[list[str], float | None, bool]:
    """(problems, size, something unmeasurable) of the number printed on page ``n``.

    Kept whole: one page number judged on each property (digits, place, centring, size) with its
    own unknown case."""
    issues: list[str] = []
    unknown = False
    t = text.strip().strip("-–— ").strip()
    if t and not t.isdigit() and _ROMAN.match(t):
        issues.append("not-arabic")
    pg = next((x for x in doc.pages if x.number == n), None)
    where = fld.where if fld is not None else None
    top = para.top if para is not None else None
    if where is None and top is not None and pg is not None:
        where = "header" if top < pg.height / 2 else "footer"
    if where is None:
        unknown = True
    elif where != "header":
        issues.append("not-top")
    cx = None
    if para is not None and para.x0 is not None and para.x1 is not None:
        cx = (para.x0 + para.x1) / 2
    if cx is not None and pg is not None:
        box = page_text_box(doc, n)
        centres = [pg.width / 2] + ([(box[0] + box[2]) / 2] if box and math.isfinite(box[0] + box[2]) else [])
        if min(abs(cx - c) for c in centres) > ctol:
            issues.append("not-centred")
    elif fld is not None and fld.alignment is not None:
        if fld.alignment != "center":
            issues.append("not-centred")
    else:
        unknown = True
    size = fld.size if fld is not None and fld.size is not None else (dominant_size(para) if para else None)
    return issues, size, unknown


def _pdf_page_number(ctx: Ctx, lo: float, hi: float, tol: float) -> None:
    """The numbers printed on rendered pages: present from page 2 (each Phụ lục restarts at its
    own page 1), none on page 1, Arabic, at the top, centred, 13–14."""
    doc = ctx.doc
    count = page_count(doc)
    if count is None:
        ctx.not_evaluated(key="page-count-unknown")
        return
    if count <= 1:
        return
    # the PDF reader looks for a lone number at the top and at the bottom of every page, so
    # "none found" means the pages carry no (Arabic) number
    numbers = _pdf_numbers(doc)
    _missing_numbers(ctx, numbers, count)
    bad: dict[str, list[int]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)
    unknown = False
    ctol = float(ctx.param("centre_tolerance_mm")) * MM
    for n, (text, para, fld) in sorted(numbers.items()):
        if n == 1:
            continue
        issues, size, doubt = _printed_number(doc, n, text, para, fld, ctol)
        for key in issues:
            bad[key].append(n)
        unknown |= doubt
        ok = size_in(size, lo, hi, tol)
        if ok is None:
            unknown = True
        elif not ok:
            sizes[fmt_pt(size)].append(n)
    words = {
        "not-arabic": (Term("arabic-digits"), Term("roman-numerals")),
        "not-top": (Term("top-margin"), Term("bottom-margin")),
        "not-centred": (Term("pn-centre"), Term("off-page-centre")),
    }
    for key, pages in bad.items():
        exp, act = words[key]
        ctx.fail(None, key=key, page=pages[0], expected=exp, actual=act, pages=page_ranges(pages))
    for s, pages in sizes.items():
        ctx.fail(None, key="size", page=pages[0], expected=fmt_range(lo, hi), actual=s, pages=page_ranges(pages))
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="page-number-unmeasured")


def _page_has_text(doc: Document, n: int) -> bool:
    pg = next((x for x in doc.pages if x.number == n), None)
    return pg is None or pg.has_text
