"""PDF page layout, second half: lines → paragraphs with alignment, indents and spacing.

Decree 30 checks need paragraphs; a PDF only has the lines of ``lines.py``. Lines are grouped
where the geometry says a paragraph goes on (pitch, size, wrap), and each paragraph gets its
alignment, indents and line spacing measured; page numbers and drawn rules are found too.

* In a PDF the space after one paragraph and before the next cannot be told apart: both
  ``space_after`` of the upper paragraph and ``space_before`` of the lower one hold the whole
  extra gap (baseline distance minus the line pitch). Use one of them, never their sum.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from ...model import Cell, HLine, Paragraph, Run, nfc
from .content import Glyph, PathLine
from .lines import _PN, LINE_FACTOR, Line, _drawn_space, _merge_small, _needs_space

@dataclass
class ParaBox:
    lines: list[Line] = field(default_factory=list)
    col: str = "full"
    zone: int = -1
    container: str = "body"
    continued: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> float:
        return statistics.median(ln.size for ln in self.lines)


def _pitch(box: ParaBox) -> float | None:
    ys = [ln.y for ln in box.lines]
    d = [b - a for a, b in zip(ys, ys[1:]) if b - a > 0]
    return statistics.median(d) if d else None


def group_paragraphs(lines: list[Line], boxes: dict[tuple[int, str], tuple[float, float]], full: tuple[float, float],
                     bounds: dict[tuple[int, str], tuple[float, float]] | None = None,
                     cells: dict[tuple[int, str], float] | None = None) -> list[ParaBox]:
    """Group the (split) lines of one page into paragraphs, stream by stream."""
    streams: dict[tuple[int, str], list[Line]] = {}
    order: list[tuple[int, str]] = []
    for ln in lines:
        if ln.cell is not None:
            key = (-1, "cell:%d:%d:%d" % ln.cell)
        else:
            key = (ln.zone, ln.col) if ln.zone >= 0 else (-1, "full")
        if key not in streams:
            streams[key] = []
            order.append(key)
        streams[key].append(ln)
    paras: list[ParaBox] = []
    for key in order:
        sl = streams[key]
        sl.sort(key=lambda l: (l.y, l.x0))
        if key[0] >= 0:  # a raised mark can land in the other side's row before the split
            sl = _merge_small(sl)
        colL, colR = boxes.get(key, full)
        limit = (bounds or {}).get(key, (colL, colR))
        cell = (cells or {}).get(key, full[1] - full[0])
        # justified text: every line but a paragraph's last ends on the right edge, so a line
        # that stops short of it ends its paragraph (when most wide lines here reach the edge)
        wide = [l for l in sl if l.x1 - l.x0 >= 0.5 * (colR - colL) and not l.pn]
        edge = _justify_edge([l.x1 for l in wide]) if key == (-1, "full") else None
        cur: ParaBox | None = None
        for ln in sl:
            if ln.pn:
                paras.append(ParaBox([ln], col="full", container="header", extra={"page_number": True}))
                cur = None
                continue
            if cur is not None and not _breaks(cur, ln, colL, colR, limit, cell, edge):
                cur.lines.append(ln)
                continue
            cur = ParaBox([ln], col=key[1] if key[0] >= 0 else "full", zone=key[0])
            if ln.cell is not None:
                cur.container = "table"
                cur.extra["cell"] = ln.cell
            paras.append(cur)
    return paras


def _justify_edge(ends: list[float]) -> float | None:
    """The right edge most wide lines end on (±2 pt), if at least half of them do."""
    if len(ends) < 3:
        return None
    best, best_n = None, 0
    for v in ends:
        n = sum(1 for w in ends if abs(w - v) <= 2.0)
        if n > best_n or (n == best_n and best is not None and v > best):
            best, best_n = v, n
    if best is None or best_n < 0.5 * len(ends):
        return None
    return max(w for w in ends if abs(w - best) <= 2.0)


#: the size step between two lines of a scan that their place may still join into one paragraph
ESTIMATE_JUMP = 0.2


def _estimated(ln: Line) -> bool:
    """Are the line's sizes estimates (a scan's words, sized from their ink heights)?"""
    return any(getattr(g.font, "estimated", False) for g in ln.glyphs[:3])


def _wraps_on(prev: Line, ln: Line, colL: float, colR: float, size: float) -> bool:
    """Does ``ln`` stand where a wrapped line of ``prev``'s paragraph would: the line above
    filled to the column's right edge, this one starting at its left edge. On a scan, a line's
    size estimate may be a fifth off (capitals, marks, a misread word); there the place decides
    (the pitch and style tests still follow)."""
    return prev.x1 >= colR - size and ln.x0 <= colL + 0.5 * size


def _size_tolerance(ln: Line, size: float) -> float:
    """How far two lines' sizes may differ within one paragraph: a text PDF's sizes are exact
    (0.6 pt covers rounding); glyphs whose font says its sizes are estimates (a scan's words,
    sized from their ink heights) vary by ±10 % from line to line within one paragraph."""
    if _estimated(ln):
        return max(0.6, 0.1 * size)
    return 0.6


def _breaks(box: ParaBox, ln: Line, colL: float, colR: float, limit: tuple[float, float] | None = None,
            cell: float | None = None, edge: float | None = None) -> bool:
    """Does ``ln`` start a new paragraph after ``box``?

    ``limit`` = the widest the column can be (text box, or up to the split of a two-column
    block); ``cell`` = estimated width of the (invisible) table cell centred text sits in.
    """
    prev = box.lines[-1]
    size = max(ln.size, prev.size)
    jump = abs(ln.size - box.lines[0].size)
    if jump > _size_tolerance(ln, size) and not (_estimated(ln) and jump <= ESTIMATE_JUMP * size
                                                 and _wraps_on(prev, ln, colL, colR, size)):
        return True
    pb, pi = prev.style()
    lb, li = ln.style()
    if pb is not None and lb is not None and pb != lb:
        return True
    if pi is not None and li is not None and pi != li:
        return True
    if prev.sig_only != ln.sig_only:
        return True
    if _typed_rule(prev) or _typed_rule(ln):
        return True  # "________" typed as a line is a paragraph of its own
    pitch = ln.y - prev.y
    if pitch <= 0.3 * size:
        return False
    known = _pitch(box)
    if known is not None:
        if pitch > known + max(2.0, 0.2 * known):
            return True
    elif pitch > 1.9 * size:
        return True
    lim_l, lim_r = limit or (colL, colR)
    space = 0.25 * size
    if _caps(prev) and _caps(ln) and (_authority(ln) or _authority(prev) in ("KT", "TL", "TUQ", "Q")):
        # stacked authority lines (TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG,
        # Decree 30 PL I.II.7.b): a prefix opens a line of its own, and after KT./TL./TUQ./Q.
        # the next line is the signer's own title
        return True
    centred_pair = abs(prev.mid - ln.mid) <= 3.0 and (prev.x0 > colL + 3 or ln.x0 > colL + 3)
    if centred_pair:
        pc, lc = _caps(prev), _caps(ln)
        if pc is not None and lc is not None and pc != lc:
            return True  # an all-capitals line and a sentence-case line are not one wrapped paragraph
        # a centred paragraph wraps only when the next word could not fit on the line above;
        # the cell is invisible, so a line filling most of its estimated width counts as wrapped
        cw = max(cell or (lim_r - lim_l), prev.x1 - prev.x0)
        pw = prev.x1 - prev.x0
        fits = pw + space + ln.first_word_width() < cw - 1.0
        if pc and lc and _authority(prev) == "TM":
            return fits  # "TM. <collective body>" may wrap; the title under it does not fit on it
        return fits and pw < 0.8 * cw
    if edge is not None and prev.x1 < edge - 4.0 and prev.x0 <= colL + 3 * size:
        return True  # justified context: a line short of the right edge is a paragraph's last
    if prev.x1 < colR - 2.0 * size or prev.x1 + space + ln.first_word_width() < lim_r - 1.0:
        return True  # previous line ended short (the next word would have fit): end of a paragraph
    if len(box.lines) >= 2:
        if abs(ln.x0 - box.lines[1].x0) > 3.0:
            return True
    elif ln.x0 > prev.x0 + 3.0:
        return True  # the new line is indented: a first-line indent starts a paragraph
    return False


def _zone_alignment(box: ParaBox, col_lines: list[Line], tol: float) -> str | None:
    """Alignment inside one side of a two-column block, judged against the side's lines.

    The table cell holding the block is invisible in a PDF; what is visible is that centred
    lines share a midpoint and left-aligned lines share a left edge.
    """
    x0 = min(l.x0 for l in box.lines)
    x1 = max(l.x1 for l in box.lines)
    mid = (x0 + x1) / 2
    others = [l for l in col_lines if l not in box.lines]
    votes = {
        "center": sum(1 for l in others if abs(l.mid - mid) <= tol and abs(l.x0 - x0) > tol),
        "left": sum(1 for l in others if abs(l.x0 - x0) <= tol and abs(l.x1 - x1) > tol),
        "right": sum(1 for l in others if abs(l.x1 - x1) <= tol and abs(l.x0 - x0) > tol),
    }
    best = max(votes, key=lambda k: (votes[k], k == "center"))
    return best if votes[best] else None


def _typed_rule(ln: Line) -> bool:
    chars = "".join(g.text for g in ln.ink)
    return len(chars) >= 3 and set(chars) <= set("_-–—")


_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\s?\.\s*\S")


def _authority(ln: Line) -> str | None:
    """The signing-authority prefix (TM, KT, TL, TUQ, Q; Decree 30 PL I.II.7.b) the line opens
    with, if any: the standard stacked layout puts each of these on a line of its own."""
    m = _AUTHORITY.match(ln.text())
    return m.group(1) if m else None


def _caps(ln: Line) -> bool | None:
    """All letters capitals (True), some lower-case (False), too few letters to say (None)."""
    letters = [c for g in ln.ink for c in g.text if c.isalpha()]
    if len(letters) < 3:
        return None
    return all(c.isupper() for c in letters)


def _alignment(box: ParaBox, colL: float, colR: float, col_lines: list[Line] | None = None) -> tuple[str | None, str | None]:
    """(alignment, ambiguity note)."""
    lines = box.lines
    size = box.size
    tol = max(2.0, 0.15 * size)
    if col_lines is not None:
        za = _zone_alignment(box, col_lines, tol)
        if za is not None:
            return za, None
        if len(lines) == 1:
            return None, "single-line-in-column"
    x0 = min(l.x0 for l in lines)
    x1 = max(l.x1 for l in lines)
    mid = (colL + colR) / 2
    width = colR - colL
    if len(lines) >= 2:
        body = lines[:-1]
        mids = [l.mid for l in lines]
        if max(mids) - min(mids) <= tol and max(l.x0 for l in lines) - min(l.x0 for l in lines) > tol:
            return "center", None
        reach = all(l.x1 >= x1 - tol for l in body)
        starts = [l.x0 for l in lines[1:]]
        if reach and (not starts or max(starts) - min(starts) <= tol):
            if lines[-1].x1 >= x1 - tol and abs((lines[0].x0 + lines[0].x1) / 2 - mid) <= tol and lines[0].x0 > colL + tol:
                return "center", None
            return "justify", None
        ends = [l.x1 for l in lines]
        if max(ends) - min(ends) <= tol and max(l.x0 for l in lines) - min(l.x0 for l in lines) > tol:
            return "right", None
        return "left", None
    pmid = (x0 + x1) / 2
    # far from both edges, a short line is centred even if the box is a little off; near an
    # edge (an indented line ending early) only a tight match counts
    far = min(x0 - colL, colR - x1) > 0.15 * width
    if abs(pmid - mid) <= (max(tol, 0.02 * width) if far else max(tol, 3.0)) and x0 > colL + tol:
        return "center", None
    if abs(x1 - colR) <= tol and x0 > colL + 0.25 * width:
        return "right", None
    if x1 >= colR - tol:
        return "justify", "left-or-justify"
    return None, "left-or-justify"


def _line_ref(ln: Line) -> tuple[float, float]:
    """(size, baseline) of the line's biggest text: what a raised or lowered glyph is set
    against (in "S" + "tt" the subscript has more letters than the letter it hangs from)."""
    ink = ln.ink or ln.glyphs
    big = max(g.size for g in ink)
    ys = sorted(g.y for g in ink if g.size >= big - 0.5)
    return big, ys[len(ys) // 2]


def _script(g: Glyph, ref: tuple[float, float]) -> str | None:
    """"super" / "sub" for a glyph set smaller and raised / lowered from the line's baseline
    (footnote marks, m², the T_tb of a formula), as Word draws vertAlign runs; else None."""
    size, base = ref
    if g.size > 0.85 * size or g.text.isspace():
        return None
    off = g.y - base
    if off <= -0.12 * size:
        return "super"
    if off >= 0.08 * size:
        return "sub"
    return None


def make_paragraph(box: ParaBox, index: int, page: int, colL: float, colR: float, ul_lines: set[int], col_lines: list[Line] | None = None) -> Paragraph:
    """Turn a ParaBox into a model Paragraph with runs and measured geometry."""
    lines = box.lines
    runs: list[Run] = []
    fmt_cache: dict[int, tuple[Any, Any, Any, Any]] = {}
    for li, ln in enumerate(lines):
        prev: Glyph | None = None
        pending = False
        ref = _line_ref(ln)
        small = 0.85 * ref[0]  # glyphs at or under this size may be raised or lowered (_script)
        word_gap = ln.word_gap
        seg_key: tuple[Any, ...] | None = None
        parts: list[str] = []
        seg: list[Glyph] = []

        def flush() -> None:
            if not seg:
                return
            g0 = seg[0]
            fam, bold, italic, src = fmt_cache[id(g0.font)]
            if g0.oblique:
                italic = True  # slanted by the text matrix: shown as italic
            x1 = top = bottom = None
            for g in seg:
                if x1 is None or g.x1 > x1:
                    x1 = g.x1
                if top is None or g.top < top:
                    top = g.top
                if bottom is None or g.bottom > bottom:
                    bottom = g.bottom
            runs.append(Run(
                text="".join(parts), font=fam, size=round(g0.size, 2), bold=bold, italic=italic,
                underline=seg_key[4] if seg_key else False, color=g0.color, font_source=src, size_source="pdf",
                x0=g0.x0, x1=x1, top=top, bottom=bottom,
                from_signature=g0.sig, script=seg_key[6] if seg_key else None,
            ))

        for g in ln.glyphs:
            text = g.text
            if text.isspace():
                pending = pending or _drawn_space(prev, g)
                continue
            if prev is not None and _needs_space(prev, g, pending, word_gap):
                text = " " + text
            elif prev is None and li > 0 and runs:
                text = " " + text
            prev, pending = g, False
            font = g.font
            fk = id(font)
            fmt = fmt_cache.get(fk)
            if fmt is None:
                fmt = fmt_cache[fk] = (
                    (font.family, bool(font.bold), bool(font.italic), f"pdf:{font.base_name}") if font is not None
                    else (None, None, None, None)
                )
            key = (fk, round(g.size, 2), g.color, g.sig, g.seq in ul_lines, g.oblique,
                   _script(g, ref) if g.size <= small else None)
            if key != seg_key:
                flush()
                seg_key, parts, seg = key, [], []
            parts.append(text)
            seg.append(g)
        flush()
    for r in runs:
        r.text = nfc(r.text)
    x0 = min(l.x0 for l in lines)
    x1 = max(l.x1 for l in lines)
    align, ambiguity = _alignment(box, colL, colR, col_lines)
    para = Paragraph(
        index=index,
        runs=runs,
        alignment=align,  # type: ignore[arg-type]
        container=box.container,  # type: ignore[arg-type]
        column=box.col,  # type: ignore[arg-type]
        page=page,
        x0=round(x0, 2),
        x1=round(x1, 2),
        top=round(min(l.top for l in lines), 2),
        bottom=round(max(l.bottom for l in lines), 2),
        lines=len(lines),
    )
    para.extra.update(box.extra)
    para.extra["zone"] = box.zone
    if "cell" in box.extra:
        t, r, c = box.extra["cell"]
        para.cell = Cell(table=t, row=r, col=c)
    if ambiguity:
        para.extra["alignment_ambiguous"] = ambiguity
    if any(l.cut for l in lines):
        para.extra["cut_at_page_edge"] = True  # part of its text runs past the sheet: its width is a lower bound
    para.extra["baselines"] = [round(l.y, 2) for l in lines]
    para.extra["column_box"] = (round(colL, 2), round(colR, 2))
    pitch = _pitch(box)
    size = box.size
    if pitch is not None and size > 0:
        para.line_spacing = round(pitch / (LINE_FACTOR * size), 2)
        para.line_rule = "auto"
        para.extra["line_pitch"] = round(pitch, 2)
    if align not in ("center", "right"):
        if box.continued:
            para.extra["continues_from_previous_page"] = True
            para.left_indent = round(lines[0].x0 - colL, 2)
        elif len(lines) >= 2:
            body_x0 = statistics.median(l.x0 for l in lines[1:])
            para.first_line_indent = round(lines[0].x0 - body_x0, 2) + 0.0
            para.left_indent = round(body_x0 - colL, 2) + 0.0
        else:
            para.first_line_indent = round(lines[0].x0 - colL, 2) + 0.0
        if align == "justify" and len(lines) >= 2:
            para.right_indent = round(max(0.0, colR - max(l.x1 for l in lines[:-1])), 2)
    return para


def set_spacing(paras: list[Paragraph], default_ls: float | None) -> None:
    """Fill space_before/space_after from the extra gap between neighbouring paragraphs."""
    last: dict[tuple[int | None, str | None, int], Paragraph] = {}
    for p in paras:
        if p.container == "table":  # no spacing is measured across a table
            last = {k: v for k, v in last.items() if k[0] != p.page}
            continue
        if p.container != "body" or not p.extra.get("baselines"):
            continue
        key = (p.page, p.column, p.extra.get("zone", -1))
        prev = last.get(key)
        last[key] = p
        if prev is None:
            continue
        gap = p.extra["baselines"][0] - prev.extra["baselines"][-1]
        pitch = p.extra.get("line_pitch") or prev.extra.get("line_pitch")
        if pitch is None:
            size = _para_size(p)
            if size is None:
                continue
            pitch = LINE_FACTOR * size * (default_ls or 1.0)
        extra = round(max(0.0, gap - pitch), 1)
        p.space_before = extra
        prev.space_after = extra


def _para_size(p: Paragraph) -> float | None:
    sizes = [r.size for r in p.runs if r.visible and r.size]
    return statistics.median(sizes) if sizes else None


def page_number_line(lines: list[Line], width: float, height: float, top_of_body: bool = True) -> tuple[Line | None, str]:
    """A lone 1–3 digit number at the very top (or bottom) of the page: the page number."""
    if not lines:
        return None, ""
    ordered = sorted(lines, key=lambda l: l.y)
    for cand, where in ((ordered[0], "header"), (ordered[-1], "footer")):
        if len(ordered) < 2 or cand.sig_only:
            continue
        m = _PN.match(cand.text())
        if not m:
            continue
        if where == "header" and cand.top > 0.2 * height:
            continue
        if where == "footer" and cand.bottom < 0.8 * height:
            continue
        return cand, where
    return None, ""


def attach_hlines(paths: list[PathLine], lines: list[Line], page: int) -> tuple[list[HLine], set[int]]:
    """Horizontal paths → HLine; a thin line just under a text line is its underline."""
    out: list[HLine] = []
    ul: set[int] = set()
    seen: set[tuple[int, int, int]] = set()
    for pl in paths:
        key = (round(pl.x0), round(pl.x1), round(pl.y))
        if key in seen:
            continue
        seen.add(key)
        kind = "path"
        for ln in lines:
            d = pl.y - ln.y
            if 0 <= d <= 0.25 * ln.size and pl.x0 >= ln.x0 - 2 and pl.x1 <= ln.x1 + 2 and pl.thickness < 0.12 * ln.size:
                covered = [g for g in ln.glyphs if g.x0 >= pl.x0 - 1 and g.x1 <= pl.x1 + 1]
                if covered:
                    kind = "underline"
                    ul.update(g.seq for g in covered)
                    break
        out.append(HLine(kind=kind, length=round(pl.x1 - pl.x0, 2), page=page, x0=round(pl.x0, 2), x1=round(pl.x1, 2), y=round(pl.y, 2)))  # type: ignore[arg-type]
    return out, ul


def anchor_hlines(hlines: list[HLine], paras: list[Paragraph]) -> None:
    """Set HLine.paragraph to the paragraph just above it (same page, overlapping in x)."""
    for h in hlines:
        best, best_b = None, -1e9
        for p in paras:
            if p.page != h.page or p.bottom is None or p.top is None or h.y is None:
                continue
            if p.top > h.y + 1 or (p.x1 or 0) < (h.x0 or 0) - 1 or (p.x0 or 0) > (h.x1 or 0) + 1:
                continue
            if p.bottom > best_b:
                best, best_b = p, p.bottom
        if best is not None:
            h.paragraph = best.index
