"""Post-processing of the body walk, once the whole document is known: effective spacing and
indents, tab-stop layouts split into columns, contextual spacing, pages, line placement."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...model import HLine, Paragraph, Run, Section
from .blocks import RawPara
from .drawings import _place_hline

if TYPE_CHECKING:
    from .reader import Reader


def _ind(value: tuple[str, float] | None, size: float) -> float:
    if value is None:
        return 0.0
    kind, v = value
    return v / 100.0 * size if kind == "chars" else v / 20.0


def _text_width(s: Section | None) -> float | None:
    if s is None or not s.page_width:
        return None
    return s.page_width - (s.margin_left or 0.0) - (s.margin_right or 0.0)


def _char_w(run: Run) -> float:
    return (run.size or 12.0) * (0.5 if run.caps or run.text.isupper() else 0.45)


def _finish(reader: Reader) -> None:
    """Formatting values, tab splits, contextual spacing, pages, hlines → final paragraph list."""
    doc = reader.doc
    sections = doc.sections
    out: list[Paragraph] = []
    hl_by_para: dict[int, list[HLine]] = {}
    for h in doc.hlines:
        hl_by_para.setdefault(h.paragraph, []).append(h)  # type: ignore[arg-type]
    doc.hlines = []
    page_one = _PageOne()
    raws = reader.raw
    for k, rp in enumerate(raws):
        para = rp.para
        sect = sections[min(para.section, len(sections) - 1)] if sections else None
        size = next((r.size for r in para.runs if r.visible and r.size), None) or 12.0
        _settle_formatting(raws, k, size)
        width = rp.width if rp.width is not None else _text_width(sect)
        avail = None if width is None else max(width - para.left_indent - para.right_indent, 1.0)  # type: ignore[operator]
        if width is not None:
            para.extra["width"] = round(width, 2)  # usable width of its column (cell or text area), pt
        # Pages without rendered breaks: only what surely fits on page 1 keeps page=1.
        if para.container in ("header", "footer"):
            para.page = None
        elif not reader.rendered:
            para.page = page_one.place(rp, sect, size, avail)
        para, right_part = _append_laid_out(reader, rp, avail, k, out)
        _lines_under_paragraph(reader, para, right_part, rp, sect, avail, hl_by_para.get(id(rp.para), []))
    doc.paragraphs = out
    _section_ranges(reader, out)
    if reader.rendered:
        doc.page_count = max((p.page or 1) for p in out) if out else 1


def _settle_formatting(raws: list[RawPara], k: int, size: float) -> None:
    """Indents, paragraph spacing (contextual spacing between paragraphs of one style in one
    container) and line spacing of paragraph ``k``, in points."""
    rp = raws[k]
    para, ppr = rp.para, rp.ppr
    para.left_indent = _ind(ppr.get("ind_left"), size)
    para.right_indent = _ind(ppr.get("ind_right"), size)
    para.first_line_indent = _ind(ppr.get("ind_first"), size)
    for side, attr in (("before", "space_before"), ("after", "space_after")):
        v = ppr.get(side)
        val = 0.0 if v is None else v[1] if v[0] == "pt" else v[1] * size * 1.15
        setattr(para, attr, val)
    line = ppr.get("line")
    para.line_spacing, para.line_rule = (line if line else (1.0, "auto"))  # type: ignore[assignment]
    if ppr.get("contextual"):
        para.extra["contextual"] = True  # "no space between paragraphs of the same style"
        ctx_key = _container_key(para)
        if k > 0 and raws[k - 1].style_id == rp.style_id and _container_key(raws[k - 1].para) == ctx_key:
            para.space_before = 0.0
        if k + 1 < len(raws) and raws[k + 1].style_id == rp.style_id and _container_key(raws[k + 1].para) == ctx_key:
            para.space_after = 0.0


def _container_key(para: Paragraph) -> tuple[Any, ...]:
    return (para.container, para.cell.table if para.cell else None,
            (para.cell.row, para.cell.col) if para.cell else None)


class _PageOne:
    """Without Word's rendered page marks: which paragraphs surely fit on page 1 (before any
    hard break, within 80 % of the page's text height estimated line by line; a table row is as
    tall as its tallest cell)."""

    def __init__(self) -> None:
        self.page_h: float | None = None
        self.height = 0.0
        self.row_key: tuple[int, int] | None = None
        self.row_cells: dict[int, float] = {}
        self.sure = True

    def place(self, rp: RawPara, sect: Section | None, size: float, avail: float | None) -> int | None:
        para = rp.para
        if rp.hard_break_before or (para.page or 1) > 1:
            self.sure = False
        if self.page_h is None and sect and sect.page_height:
            self.page_h = sect.page_height - (sect.margin_top or 72.0) - (sect.margin_bottom or 72.0)
        if para.container != "textbox":
            self._add(para, size, avail)
        if self.page_h is None or self.height + max(self.row_cells.values(), default=0.0) > 0.8 * self.page_h:
            self.sure = False
        return 1 if self.sure else None

    def _add(self, para: Paragraph, size: float, avail: float | None) -> None:
        chars = len(para.text)
        per_line = (avail or 450.0) / (size * 0.45)
        lines = max(1, -(-chars // max(int(per_line), 1)))
        if para.line_rule == "auto":
            line_h = size * 1.2 * max(para.line_spacing or 1.0, 1.0)
        else:
            line_h = max(para.line_spacing or 0.0, size * (1.2 if para.line_rule == "atLeast" else 0.0))
        h = (para.space_before or 0) + (para.space_after or 0) + lines * line_h
        key = (para.cell.table, para.cell.row) if para.cell else None
        if key != self.row_key:  # a table row is as tall as its tallest cell
            self.height += max(self.row_cells.values(), default=0.0)
            self.row_cells, self.row_key = {}, key
        if key is None:
            self.height += h
        else:
            self.row_cells[para.cell.col] = self.row_cells.get(para.cell.col, 0.0) + h  # type: ignore[union-attr]


def _append_laid_out(reader: Reader, rp: RawPara, avail: float | None, k: int,
                     out: list[Paragraph]) -> tuple[Paragraph, Paragraph | None]:
    """Append the paragraph to ``out`` — split in two when a tab-stop layout puts a left and a
    right block on one line; returns (the paragraph, its right-hand part or None)."""
    para = rp.para
    layout = _tab_layout(reader, rp, avail, k) if para.container == "body" and para.cell is None else None
    if layout is None or len(layout) == 3:
        if layout is not None:
            side, offset, kind = layout  # type: ignore[misc]
            para.column = side  # type: ignore[assignment]
            para.alignment = _tab_alignment(kind, para.alignment)  # type: ignore[arg-type]
            para.extra["tab_offset"] = round(offset, 1)
            para.extra["tab_stop_kind"] = kind
            _strip_lead_tabs(para)
        para.index = len(out)
        out.append(para)
        return para, None
    left, right = layout  # type: ignore[misc]
    left.index = len(out)
    out.append(left)
    right.index = len(out)
    out.append(right)
    return left, right


def _lines_under_paragraph(reader: Reader, para: Paragraph, right_part: Paragraph | None, rp: RawPara,
                           sect: Section | None, avail: float | None, drawn: list[HLine]) -> None:
    """The paragraph's lines: drawings anchored to it (placed on the page; under the right-hand
    part of a tab-split line when drawn there), its bottom border, underlined blanks, a line of
    underscores.

    Kept whole: the four ways a line gets under a .docx paragraph (drawing, border, underlined
    blanks, underscores)."""
    doc = reader.doc
    margin = (sect.margin_left or 0.0) if sect else 0.0
    for h in drawn:
        _place_hline(reader, h, sect, avail)
        target = para
        if right_part is not None and h.x0 is not None and h.length is not None:
            if h.x0 + h.length / 2 >= margin + (right_part.extra.get("tab_offset") or 0.0):
                target = right_part  # drawn under the right-hand stretch of a tab-split line
        h.paragraph = target.index
        h.page = target.page
        doc.hlines.append(h)
    if rp.ppr.get("bdr_bottom"):
        hb = HLine(kind="border", length=avail, paragraph=para.index, page=para.page, locator=para.locator)
        if para.cell is None and para.container == "body" and sect is not None and avail is not None:
            hb.x0 = round(margin + (para.left_indent or 0.0), 2)
            hb.x1 = round(hb.x0 + avail, 2)
        para.border_bottom = hb
        doc.hlines.append(hb)
    for run in para.runs:
        if run.underline and run.text and not run.text.strip(" \t\u00a0"):
            n_sp = sum(1 for c in run.text if c != "\t")
            n_tab = run.text.count("\t")
            length = n_sp * (run.size or 12.0) * 0.25 + n_tab * reader.default_tab
            doc.hlines.append(HLine(kind="underline", length=length, paragraph=para.index, page=para.page,
                                    locator=para.locator))
    for part in (para, right_part) if right_part is not None else (para,):
        stripped = part.text.strip()
        if len(stripped) >= 3 and set(stripped) <= _TYPED_RULE:  # "_____", "──────": a typed line
            size_u = part.runs[0].size if part.runs and part.runs[0].size else 12.0
            em = sum(_TYPED_RULE_EM.get(c, 0.72) for c in stripped)
            doc.hlines.append(HLine(kind="underline", length=em * size_u, paragraph=part.index, page=part.page,
                                    locator=part.locator))


# characters clerks type rule lines with, and their advance in em (Times New Roman)
_TYPED_RULE = frozenset("_─━═―⎯")
_TYPED_RULE_EM = {"_": 0.5}


def _section_ranges(reader: Reader, out: list[Paragraph]) -> None:
    """Each section's paragraph range, rendered pages, and whether it holds a data table."""
    doc = reader.doc
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    body_tables: set[int] = set()
    pages: dict[int, set[int]] = {}
    for p in out:
        if p.container in ("header", "footer"):
            continue
        first.setdefault(p.section, p.index)
        last[p.section] = p.index
        if reader.rendered and p.page is not None:
            pages.setdefault(p.section, set()).add(p.page)
        if p.cell is not None and p.container == "table":
            body_tables.add(p.cell.table)
    for s in doc.sections:
        s.first_paragraph = first.get(s.index, 0)
        s.last_paragraph = last.get(s.index, -1)
        s.pages = sorted(pages.get(s.index, ()))  # only when Word's rendered page marks are there
        s.has_data_table = any(
            (t.has_borders or reader.real_cols.get(t.index, t.cols) > 2)
            for t in doc.tables if t.section == s.index and t.nested_in is None and t.index in body_tables)


def _tab_positions(reader: Reader, rp: RawPara, x: float, count: int, indent: float) -> tuple[float, str]:
    """Advance over ``count`` tab characters from x; return the new x and the last stop's kind."""
    kind = "left"
    stops = [(k, pos) for k, pos, _ in rp.tab_stops if k not in ("clear", "bar")]
    for _ in range(count):
        nxt = next(((k, pos) for k, pos in stops if pos > x + 0.5), None)
        if nxt is not None and nxt[0] != "clear":
            leader = next((ld for k, pos, ld in rp.tab_stops if pos == nxt[1]), None)
            if leader:
                return nxt[1], "leader:" + leader
        if nxt is None:
            d = reader.default_tab
            base = x - indent
            x = indent + (int(base // d) + 1) * d if base >= 0 else indent
            kind = "left"
        else:
            kind, x = nxt
    return x, kind


def _place(kind: str, x: float, width: float) -> float:
    """Start of a text stretch of ``width`` placed at a tab stop of ``kind`` at ``x``."""
    if kind in ("right", "end"):
        return x - width
    if kind == "center":
        return x - width / 2
    return x


def _tab_layout(reader: Reader, rp: RawPara, avail: float | None, ordinal: int
                ) -> tuple[Paragraph, Paragraph] | tuple[str, float, str] | None:
    """Read a paragraph laid out with tabs the way typists build headers and signature blocks.

    * "left part <tabs> right part" (optionally after leading tabs), the right part starting past
      40 % of the text width → two paragraphs, columns "left" and "right";
    * a single stretch pushed by leading tabs → ("right"|"left", offset, stop kind) when it lies
      wholly in one half.
    Tabs with a leader (dots, underscores) are fill-in lines, not layout.

    Kept whole: follows Word's tab-stop layout step by step (stops, leaders, alignment) to find
    where the right block starts.
    """
    para = rp.para
    text = "".join(r.text for r in para.runs)
    if "\t" not in text or avail is None or para.numbering or "\n" in text:
        return None
    lead = len(text) - len(text.lstrip("\t"))
    pieces = re.split(r"(\t+)", text[lead:])
    segs = pieces[0::2]
    if not segs or not segs[0].strip():
        return None
    cw = _char_w(para.runs[0]) if para.runs else 6.0
    indent = (para.left_indent or 0.0) + (para.first_line_indent or 0.0)
    x, kind = indent, "left"
    if lead:
        x, kind = _tab_positions(reader, rp, x, lead, para.left_indent or 0.0)
        if kind.startswith("leader:"):
            return None
    w1 = len(segs[0]) * cw
    s1 = _place(kind, x, w1)
    e1 = s1 + w1
    if len(segs) == 1 or not "".join(segs[1:]).strip():
        if not lead:
            return None
        if s1 >= 0.4 * avail:
            return ("right", s1, kind)
        if e1 <= 0.5 * avail:
            return ("left", s1, kind)
        return None
    if e1 > 0.5 * avail:
        return None  # a long line with a tab inside is text, not two columns
    x2, kind2 = _tab_positions(reader, rp, e1, len(pieces[1]), para.left_indent or 0.0)
    if kind2.startswith("leader:"):
        return None
    s2 = _place(kind2, x2, len(segs[1]) * cw)
    # the right part starts past 40 % of the width — or hangs on a centre tab in the right half
    # (a Quốc hiệu centred at 9–10 cm starts well left of 40 % on a narrow page)
    if s2 < 0.4 * avail and not (kind2 == "center" and x2 >= 0.45 * avail and s2 > e1):
        return None
    # cut the runs: [lead tabs][left text][tab group][right part…]
    cut0, cut1 = lead, lead + len(segs[0])
    cut2 = cut1 + len(pieces[1])
    lruns: list[Run] = []
    rruns: list[Run] = []
    pos = 0
    for r in para.runs:
        a, b = pos, pos + len(r.text)
        pos = b
        lp = r.text[max(0, cut0 - a) : max(0, min(b, cut1) - a)] if a < cut1 and b > cut0 else ""
        rpart = r.text[max(0, cut2 - a):] if b > cut2 else ""
        if lp:
            lruns.append(_clone_run(r, lp))
        if rpart:
            rruns.append(_clone_run(r, rpart))
    right = Paragraph(
        index=-1, runs=rruns, alignment=_tab_alignment(kind2, para.alignment), first_line_indent=0.0,
        left_indent=round(s2, 1), right_indent=para.right_indent, space_before=para.space_before,
        space_after=para.space_after, line_spacing=para.line_spacing, line_rule=para.line_rule, style=para.style,
        container=para.container, cell=None, column="right", section=para.section, page=para.page,
        locator=para.locator, origins=para.origins,
    )
    left = para
    left.runs = lruns
    left.column = "left"
    if lead:
        left.alignment = _tab_alignment(kind, para.alignment)
        left.extra["tab_offset"] = round(s1, 1)
        left.extra["tab_stop_kind"] = kind
    left.extra["split_from"] = ordinal
    right.extra["split_from"] = ordinal
    right.extra["tab_stop_kind"] = kind2
    right.extra["tab_offset"] = round(s2, 1)
    return left, right


def _strip_lead_tabs(para: Paragraph) -> None:
    """The leading tabs only placed the text (kept as extra["tab_offset"]); drop them from the runs."""
    for r in para.runs:
        stripped = r.text.lstrip("\t")
        r.text = stripped
        if stripped:
            break
    para.runs = [r for r in para.runs if r.text]


def _tab_alignment(kind: str, default: Any) -> Any:
    """Text set at a centre/right tab stop reads as centred/right-aligned within its column."""
    return {"center": "center", "right": "right", "end": "right"}.get(kind, default)


def _clone_run(r: Run, text: str) -> Run:
    return Run(text=text, font=r.font, size=r.size, bold=r.bold, italic=r.italic, caps=r.caps,
               underline=r.underline, color=r.color, font_source=r.font_source, size_source=r.size_source,
               locator=r.locator, origins=r.origins)
