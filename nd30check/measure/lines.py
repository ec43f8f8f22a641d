"""Lines: the visual lines of a paragraph, and the horizontal lines drawn under text.

``visual_lines``/``split_lines`` cut a paragraph into its lines (by position, or at manual line
breaks); ``lines_under`` finds the rules drawn under an element whatever way the author drew
them (border, shape anchored nearby, PDF path, a paragraph of underscores).
"""

from __future__ import annotations

import copy
from dataclasses import replace as _dc_replace
from typing import Sequence

from ..model import Document, HLine, Paragraph, Run
from .widths import line_widths


def visual_lines(p: Paragraph) -> list[Paragraph]:
    """One paragraph per visual line: runs grouped by their top (PDF) or cut at line breaks
    (DOCX). Same index as the source paragraph; used only to pull a Tiêu ngữ line out of a
    Quốc hiệu paragraph that a reader merged with it.

    Kept whole: two ways to cut lines (by position, at line breaks) building the same light
    paragraphs."""
    rows: list[list[Run]] = []
    geo = all(r.top is not None for r in p.runs if r.visible)
    if geo and any(r.visible for r in p.runs):
        for r in sorted((r for r in p.runs if r.visible), key=lambda r: (r.top, r.x0 or 0)):
            if rows and abs(rows[-1][0].top - r.top) < max(2.0, 0.4 * (r.size or 10)):  # type: ignore[operator]
                rows[-1].append(r)
            else:
                rows.append([r])
    else:
        rows = [[]]
        for r in p.runs:
            parts = r.text.split("\n")
            for j, part in enumerate(parts):
                if j:
                    rows.append([])
                if part:
                    rows[-1].append(_dc_replace(r, text=part))
        rows = [row for row in rows if any(x.visible for x in row)]
    out: list[Paragraph] = []
    for row in rows:
        xs0 = [r.x0 for r in row if r.x0 is not None]
        xs1 = [r.x1 for r in row if r.x1 is not None]
        tops = [r.top for r in row if r.top is not None]
        bots = [r.bottom for r in row if r.bottom is not None]
        out.append(Paragraph(p.index, runs=row, alignment=p.alignment, style=p.style, container=p.container,
                             cell=p.cell, column=p.column, section=p.section, page=p.page,
                             x0=min(xs0) if xs0 else None, x1=max(xs1) if xs1 else None,
                             top=min(tops) if tops else None, bottom=max(bots) if bots else None,
                             role=p.role, extra={"virtual": True}, locator=p.locator, origins=p.origins))
    return out


def split_lines(p: Paragraph) -> list[Paragraph]:
    """A paragraph cut at its manual line breaks (Shift+Enter), one light copy per line.

    Word users often type a whole block — "Nơi nhận:" and its list, "TM. ỦY BAN NHÂN DÂN" and
    "CHỦ TỊCH", "Kính gửi:" and its recipients — as one paragraph with line breaks. Each copy
    keeps the paragraph's index and formatting and only the runs of its line (a run holding a
    break is cut in two), so line rules can judge each line on its own."""
    if not any("\n" in r.text for r in p.runs):
        return [p]
    lines: list[list[Run]] = [[]]
    for r in p.runs:
        parts = r.text.split("\n")
        for j, part in enumerate(parts):
            if j:
                lines.append([])
            if part:
                piece = copy.copy(r)
                piece.text = part
                lines[-1].append(piece)
    out = []
    for k, runs in enumerate(lines):
        if not any(r.visible for r in runs):
            continue
        q = copy.copy(p)
        q.runs = runs
        q.numbering = p.numbering if k == 0 else None
        out.append(q)
    return out or [p]


def is_marker_paragraph(p: Paragraph) -> bool:
    """A paragraph holding only a footnote marker (PDF layout may split "¹" off its line)."""
    vis = [r for r in p.runs if r.visible]
    return bool(vis) and len(p.text.strip()) <= 4 and all(c.isdigit() or c in "()*" for c in p.text.strip())


_LINELESS_ROLES = frozenset({"quoc-hieu", "co-quan-chu-quan", "ten-loai"})


def lines_under(doc: Document, paras: Paragraph | Sequence[Paragraph], *, gap: int = 2) -> list[HLine]:
    """Horizontal lines belonging to an element: anchored to its paragraphs, to the empty
    paragraphs right after its last one (Word users often draw the line in an empty paragraph),
    to a paragraph of underscores right under it, or the paragraphs' bottom borders. With
    geometry (PDF), lines and underscore paragraphs just below the element and overlapping it
    horizontally count too, since reading order interleaves the two header columns."""
    if isinstance(paras, Paragraph):
        paras = [paras]
    paras = [p for p in paras if not is_marker_paragraph(p)] or list(paras)
    if not paras:
        return []
    by_index = {p.index: p for p in doc.paragraphs}
    idx = {p.index for p in paras} | _blank_followers(by_index, max(p.index for p in paras), gap)
    box = _box_of(paras)
    if box is not None:
        idx |= _rule_paragraphs_below(doc, box)
    out = [h for h in doc.hlines if h.paragraph in idx]
    _anchored_above(doc, by_index, paras, out)
    if box is not None:
        _drawn_below(doc, box, out)
    _typed_and_borders(by_index, idx, out)
    return out


def _same_cell(a: Paragraph, b: Paragraph) -> bool:
    return a.cell is not None and b.cell is not None and \
        (a.cell.table, a.cell.row, a.cell.col) == (b.cell.table, b.cell.row, b.cell.col)


def _blank_followers(by_index: dict[int, Paragraph], last: int, gap: int) -> set[int]:
    """Up to ``gap`` empty / underscore paragraphs right after the element (same container and
    cell; footnote markers stepped over)."""
    out: set[int] = set()
    anchor = by_index.get(last)
    k, taken = 1, 0
    while taken < gap:
        nxt = by_index.get(last + k)
        k += 1
        if nxt is None or (anchor is not None and nxt.container != anchor.container):
            break
        if anchor is not None and anchor.cell is not None and nxt.cell is not None and not _same_cell(anchor, nxt):
            break
        if is_marker_paragraph(nxt):
            continue
        if anchor is not None and anchor.cell is None and {anchor.column, nxt.column} == {"left", "right"}:
            continue  # a tab-stop header: the other column's part of the same typed row
        if not (nxt.is_empty or is_rule_text(nxt.text)):
            break
        out.add(nxt.index)
        taken += 1
    return out


def _box_of(paras: Sequence[Paragraph]) -> tuple[Paragraph, float, float, float] | None:
    """With geometry: (the element's lowest paragraph, its text size, x0, x1 of the element)."""
    el = [p for p in paras if p.bottom is not None and p.x0 is not None and p.x1 is not None and p.page is not None]
    if not el:
        return None
    low = max(el, key=lambda p: p.bottom)  # type: ignore[arg-type, return-value]
    size = max((r.size for r in low.runs if r.size), default=12.0)
    return low, size, min(p.x0 for p in el), max(p.x1 for p in el)  # type: ignore[type-var]


def _just_below(box: tuple[Paragraph, float, float, float], y: float, x0: float, x1: float) -> bool:
    low, size, bx0, bx1 = box
    return low.bottom - 2 <= y <= low.bottom + 2.5 * size and x1 > bx0 and x0 < bx1  # type: ignore[operator]


def _rule_paragraphs_below(doc: Document, box: tuple[Paragraph, float, float, float]) -> set[int]:
    """Paragraphs of underscores just below the element, overlapping it."""
    low = box[0]
    return {p.index for p in doc.paragraphs
            if p.page == low.page and p.top is not None and p.x0 is not None and p.x1 is not None
            and _just_below(box, p.top, p.x0, p.x1) and is_rule_text(p.text)}


def _anchored_above(doc: Document, by_index: dict[int, Paragraph], paras: Sequence[Paragraph],
                    out: list[HLine]) -> None:
    """DOCX drawings are anchored to a paragraph but placed by offsets: Word users often anchor
    the line under the Tiêu ngữ on the Quốc hiệu paragraph, the agency's on the parent agency
    line, the trích yếu's on the tên loại. Lines anchored on such line-less neighbours just
    above the element (same cell) count as drawn under it."""
    first = by_index.get(min(p.index for p in paras))
    if first is None or first.top is not None:
        return
    j = first.index - 1
    while j >= 0:
        q = by_index.get(j)
        if q is None or q.container != first.container or ((q.cell is None) != (first.cell is None)) or (
                q.cell is not None and first.cell is not None and not _same_cell(q, first)):
            break
        if q.role not in _LINELESS_ROLES and not q.is_empty:
            break
        out += [h for h in doc.hlines if h.paragraph == j and h.kind in ("shape", "vml") and h not in out]
        j -= 1


def _drawn_below(doc: Document, box: tuple[Paragraph, float, float, float], out: list[HLine]) -> None:
    """With geometry: lines drawn just below the element and overlapping it, whatever their anchor."""
    low = box[0]
    for h in doc.hlines:
        if h in out or h.page != low.page or h.y is None or h.x0 is None or h.x1 is None:
            continue
        if _just_below(box, h.y, h.x0, h.x1):
            out.append(h)


def _typed_and_borders(by_index: dict[int, Paragraph], idx: set[int], out: list[HLine]) -> None:
    """A line typed as underscores (a paragraph of its own) that no reader turned into an HLine,
    and the paragraphs' bottom borders."""
    seen = {id(h) for h in out}
    for i in sorted(idx):
        p = by_index.get(i)
        if p is not None and is_rule_text(p.text) and not any(h.paragraph == i for h in out):
            widths = line_widths(p)
            if widths:
                out.append(HLine("underline", max(widths), paragraph=i, page=p.page, x0=p.x0, x1=p.x1))
    for i in sorted(idx):
        p = by_index.get(i)
        if p is not None and p.border_bottom is not None and id(p.border_bottom) not in seen:
            out.append(p.border_bottom)
            seen.add(id(p.border_bottom))


_RULE_CHARS = set("_‗‾─━―—–-=. \t\u00a0")


def is_rule_text(text: str) -> bool:
    """A paragraph made only of underscores/box-drawing dashes: a line typed as text (the
    decree's own templates draw the lines under the header this way)."""
    t = text.strip()
    return len(t) >= 3 and set(t) <= _RULE_CHARS and any(c in "_‗‾─━―" for c in t)


def hline_length(h: HLine, para: Paragraph | None = None) -> float | None:
    """Length of a line in points: its own length, else its x extent, else (a border spanning
    the paragraph box) the paragraph's box width when known."""
    if h.length is not None:
        return h.length
    if h.x0 is not None and h.x1 is not None:
        return abs(h.x1 - h.x0)
    if para is not None:
        box = para.extra.get("box_width") if para.extra else None
        if isinstance(box, (int, float)):
            return float(box)
        if para.x0 is not None and para.x1 is not None:
            return para.x1 - para.x0
    return None
