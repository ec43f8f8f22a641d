"""The lines drawn under header elements (the agency name, the Tiêu ngữ, the trích yếu): present,
as long as the rule asks against the element's longest text line, centred under it; honest about
a line or a text that the edge of a scan's image, or of a text page's sheet, cuts."""

from __future__ import annotations

from typing import Sequence

from ..measure.lines import hline_length, lines_under
from ..measure.widths import longest_line
from ..model import MM, Document, HLine, Paragraph
from .base import Change, Ctx, Term
from .common import extent_confidence, fmt_ratio, ratio_ok


def line_check(ctx: Ctx, paras: Sequence[Paragraph], lo: float, hi: float, tol: float) -> None:
    """Judge the line drawn under an element against the element's longest text line.

    Kept whole: presence, length ratio and centring of the line under an element, each with its
    unknown case."""
    doc = ctx.doc
    lines = lines_under(doc, paras)
    # underlined text (the whole element underlined) also draws a line as long as the text
    underlined = bool(paras) and all(r.underline for p in paras for r in p.runs if r.visible)
    if not lines:
        if underlined:
            ctx.note(paras[-1], key="underlined-text")
            return
        if any(p.extra.get("faint_line_below") for p in paras):
            # a scan: a rule seen only in faint ink stands there, too pale to be measured — no
            # sure absence, and no length either (readers/ocr/rules.faint_rules)
            ctx.not_evaluated(key="faint-line")
            return
        text_w = longest_line(paras)
        add = Change(paras[-1], "add_line", (line_target(lo, hi, tol) * text_w, text_w), before=None) if text_w else None
        ctx.fail(paras[-1], key="missing", expected=Term("a-line"),
                 actual=Term("none"), fix=add)
        return
    text_w = longest_line(paras)
    lengths = [(hline_length(h, paras[-1]), h) for h in lines]
    known = [(L, h) for L, h in lengths if L is not None and L > 0]
    if not known or not text_w:
        ctx.not_evaluated(key="line-length-unknown")
        return
    # the line closest to the expected ratio decides (a document may also have a full-width rule)
    target = (lo + hi) / 2
    best = min(known, key=lambda lh: abs(lh[0] / text_w - target))
    ratio = best[0] / text_w
    h = best[1]
    el = [p for p in paras if p.x0 is not None and p.x1 is not None]
    cut_line, cut_text = at_image_edge(doc, h, el, float(ctx.param("scan_edge_mm")) * MM)
    if not (cut_line or cut_text) and any(p.extra.get("cut_at_page_edge") for p in el):
        # a text page whose text runs past the sheet's side: the shown text is only part of it
        cut_text, key = True, "cut-at-page-edge"
    else:
        key = "cut-at-image-edge"
    if cut_line or cut_text:
        _cut_line_check(ctx, paras, best[0], text_w, (lo, hi, tol), cut_line, cut_text, key)
        return
    if h.x0 is not None and h.x1 is not None and el and all(p.top is not None for p in el):
        # PDF: the line is centred under the text (a line off to one side is not "under" it)
        tx0, tx1 = min(p.x0 for p in el), max(p.x1 for p in el)  # type: ignore[type-var]
        off = abs((h.x0 + h.x1) / 2 - (tx0 + tx1) / 2)
        # slack: a few millimetres, or the ratio tolerance (15 %) of the line's length
        slack = max(float(ctx.param("line_centre_tolerance_mm")) * MM, tol * best[0])
        if off > slack:
            ctx.fail(paras[-1], key="off-centre", severity="warning", expected=Term("centred-on-text"),
                     actual=f"{off / MM:.0f} mm", offset_mm=f"{off / MM:.0f}", confidence=extent_confidence(*paras))
    if not ratio_ok(ratio, lo, hi, tol):
        pct = f"{ratio * 100:.0f} %"
        exp = f"{lo * 100:.0f} %" if abs(hi - lo) < 1e-9 else f"{lo * 100:.0f}–{hi * 100:.0f} %"
        # a drawn line or a paragraph border is set to the length the rule asks (typed rules
        # of underscores are text: left to the author)
        fix = Change(h, "line_length", line_target(lo, hi, tol) * text_w, before=best[0]) \
            if h.kind in ("shape", "vml", "border") and h.locator else None
        ctx.fail(paras[-1], key="length", expected=exp, actual=pct, ratio=fmt_ratio(ratio),
                 line_mm=f"{best[0] / MM:.0f}", text_mm=f"{text_w / MM:.0f}", fix=fix,
                 confidence=extent_confidence(*paras))


def at_image_edge(doc: Document, h: HLine, el: Sequence[Paragraph], band: float) -> tuple[bool, bool]:
    """(line, text) reach the edge of a scanned page's image: within ``band`` of it. A scan's
    image ends where the scanner or the camera stopped, or where the sheet itself ends (a page
    laid out for a larger sheet): ink that reaches it may go on beyond, so what is seen of it
    is only a lower bound of its length. No margin of the decree lets text come that close to
    the sheet's edge, so a document laid out right never gets here. Text pages: (False, False),
    their geometry is the file's own (a text cut by the sheet's side is flagged by the reader,
    ``extra['cut_at_page_edge']``: its glyphs are there, only not shown)."""
    pages = doc.pages
    if h.page is None or not 0 < h.page <= len(pages) or pages[h.page - 1].dpi is None:
        return False, False
    width = pages[h.page - 1].width

    def near(x0: float | None, x1: float | None) -> bool:
        return (x0 is not None and x0 <= band) or (x1 is not None and x1 >= width - band)

    return near(h.x0, h.x1), any(near(p.x0, p.x1) for p in el if p.page == h.page)


def _cut_line_check(ctx: Ctx, paras: Sequence[Paragraph], line_w: float, text_w: float,
                    limits: tuple[float, float, float], cut_line: bool, cut_text: bool,
                    key: str = "cut-at-image-edge") -> None:
    """A line or its text cut by the scan's image edge: the seen length of what is cut is a
    lower bound. A line cut at the edge is judged only when even its seen part is too long; a
    text cut at the edge only when the line is shorter than even the seen text; otherwise the
    length is not measurable (and nor is the centring) — never a pass."""
    lo, hi, tol = limits
    ratio = line_w / text_w
    if cut_line and not cut_text and ratio > hi * (1 + tol):
        verdict = True
    elif cut_text and not cut_line and ratio < lo * (1 - tol):
        verdict = True
    else:
        verdict = False
    if not verdict:
        ctx.not_evaluated(key=key)
        return
    exp = f"{lo * 100:.0f} %" if abs(hi - lo) < 1e-9 else f"{lo * 100:.0f}–{hi * 100:.0f} %"
    ctx.fail(paras[-1], key="length", expected=exp, actual=f"{ratio * 100:.0f} %", ratio=fmt_ratio(ratio),
             line_mm=f"{line_w / MM:.0f}", text_mm=f"{text_w / MM:.0f}",
             confidence=extent_confidence(*paras))


def line_target(lo: float, hi: float, tol: float) -> float:
    """The length ratio a fix draws: the middle of the range, and a little longer than the text
    when the range is "as long as the text" (a line exactly as long as its text looks short and
    leaves Word no room: the decree's own templates draw it a little longer)."""
    mid = (lo + hi) / 2
    return min(max(mid, 1.05), hi * (1 + tol) * 0.97) if hi >= 1.0 else mid
