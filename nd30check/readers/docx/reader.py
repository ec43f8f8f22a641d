"""DOCX reader: WordprocessingML → :class:`nd30check.model.Document`, with Word's effective formatting.

lxml on the zip parts directly (python-docx is an order of magnitude slower and hides the
style cascade). What a check needs is what Word shows: the font, size and weight after the
cascade direct → character style → paragraph style → table style → docDefaults → theme, list
labels rendered, deleted text gone, header/footer page numbers and lines under text.

Pages: Word stores no page layout. When the file carries ``w:lastRenderedPageBreak`` marks
(Word writes them on save) we count pages from them and from hard page breaks. Without them
(LibreOffice, generators) only the paragraphs that surely fit on page 1 — before any hard
break and within a conservative height estimate — get ``page=1``; the rest get ``None``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...model import Cap, Cell, Document, Paragraph, Run, Table, nfc
from ...safety import SafeZip, parse_xml
from .blocks import RawPara, Where
from .drawings import Drawings
from .layout import _finish
from .locate import Counter, Origins, Provenance, rel_path, step
from .package import (_CJK, A_TYPE, A_W, ALTCHUNK, BR, SOFTHY, CHANGE_TAGS, COMMENT_REF, COMMENT_START, CR, CUSTOMXML,
    DRAWING, FLDCHAR, FLDSIMPLE, INS, INSTR, LRPB, MC_NS, MOVETO, NBH, OBJECT, P_GRIDCOL, P_GRIDSPAN, P_TCBORDERS,
    PAGE_INSTR, PICT, PPR, PTAB, RECURSE_INLINE, RPR, SDT, SDTC, SECTPR, SYM, T_GRIDSPAN, T_TBLBORDERS, T_TBLLOOK,
    T_TBLPR, T_TBLSTYLE, T_TCPR, T_TCW, TAB, TBL, TC, TR, P, Package, R, T, _err)
from .sections import Sections
from .styles import TOGGLES, WVAL, Numbering, StyleSheet, inum, num, on, on_attr, parse_ppr, parse_rpr, w

CAPABILITIES = frozenset({Cap.TEXT, Cap.FONTS, Cap.SIZES, Cap.BOLD_ITALIC, Cap.COLOR, Cap.STYLES, Cap.PARAGRAPHS,
                          Cap.SPACES, Cap.PAGE_SETUP, Cap.MARGINS_DECLARED, Cap.LINE_SPACING, Cap.SPACING,
                          Cap.LINES, Cap.TRACKED_CHANGES, Cap.PAGE_NUMBER_FIELDS})


# --------------------------------------------------------------------------- package


# --------------------------------------------------------------------------- context


class Reader(Drawings, Sections, Provenance):
    """One pass over the body (and the header/footer parts sections refer to), in reading order.

    Paragraphs are collected as :class:`RawPara`; values that need the whole document (section
    widths for tab layouts and border lengths, contextual spacing, pages) are settled in
    :func:`_finish`."""

    def __init__(self, path: str, pkg: Package):
        self.path = path
        self.pkg = pkg
        self.doc = Document(path=path, kind="docx")
        self.doc.capabilities = CAPABILITIES
        self.styles = StyleSheet(pkg.raw(pkg.rel_of_type("styles")), lambda: pkg.xml(pkg.rel_of_type("theme")),
                                 parse_xml)
        self.numbering = Numbering(lambda: pkg.xml(pkg.rel_of_type("numbering")),
                                   lambda sid: self.styles.flat(sid, "pPr").get("numId")
                                   if self.styles.exists(sid) else None)
        settings = pkg.xml(pkg.rel_of_type("settings"))
        self.default_tab = 36.0
        self.even_odd = False
        if settings is not None:
            dt = settings.find(w("defaultTabStop"))
            if dt is not None and num(dt.get(WVAL)):
                self.default_tab = max(num(dt.get(WVAL)) / 20.0, 1.0)  # type: ignore[operator]
            self.even_odd = bool(on(settings.find(w("evenAndOddHeaders"))))
        self.raw: list[RawPara] = []
        self.sect_els: list[etree._Element] = []
        self.section = 0
        self.page = 1
        self.rendered = False
        self.field_stack: list[dict[str, Any]] = []
        self._run_cache: dict[tuple[Any, ...], dict[str, tuple[Any, str]]] = {}
        self.page_fields: list[tuple[Paragraph, list[Run], str]] = []
        self._skip_lrpb = False
        self._parts: dict[str, list[tuple[Paragraph, list[Run], str]]] = {}
        self.hpos: dict[int, tuple[str, float | str]] = {}  # id(HLine) → (relative to, offset pt | align)
        self.sect_starts: list[str] = []  # w:type of each section, in body order
        self.real_cols: dict[int, int] = {}  # table index → columns wider than 8 % of the table
        # locators (readers/docx/locate.py): the part being walked, where values come from
        self.part = pkg.main
        self.origins = Origins(pkg.rel_of_type("styles"), pkg.rel_of_type("theme"), pkg.rel_of_type("numbering"))
        self.sect_locs: list[str] = []  # locator of each body w:sectPr, in order
        self._orig_cache: dict[tuple[Any, ...], dict[str, str]] = {}
        self._tmpl_cache: dict[tuple[Any, ...], dict[str, str]] = {}
        self._porig_cache: dict[tuple[Any, ...], dict[str, str]] = {}
        self._cur_run: tuple[etree._Element | None, str | None, dict[str, str]] = (None, None, {})

    # ----------------------------------------------------------------- blocks
    def blocks(self, parent: etree._Element, where: Where, path: str = "") -> None:
        """The block-level children of ``parent`` (whose element path in the part is ``path``)."""
        count = Counter()
        for el in parent:
            tag = el.tag
            if tag == P:
                self.paragraph(el, where, path + step(P, count.next(P)))
            elif tag == TBL:
                self.table(el, where, path + step(TBL, count.next(TBL)))
            elif tag in (SDT, CUSTOMXML, INS, MOVETO):
                inner = el.find(SDTC) if tag == SDT else el
                here = path + step(tag, count.next(tag))
                if inner is not None:
                    self.blocks(inner, where, here + (rel_path(inner, el) if inner is not el else ""))
            elif tag == SDTC:
                self.blocks(el, where, path + step(tag, count.next(tag)))

    def table(self, tbl: etree._Element, where: Where, path: str = "") -> None:
        doc = self.doc
        sid, look, borders = self._table_props(tbl.find(T_TBLPR))
        grid = [num(g.get(w("w"))) or 0.0 for g in tbl.iterfind(P_GRIDCOL)]
        rows = _wrapped_children(tbl, TR)
        row_paths = _wrapped_paths(tbl, TR, path)
        cols = max([len(grid)] + [_row_span(r) for r in rows])
        if not borders:
            borders = _cells_ruled(rows)
        index = len(doc.tables)
        table = Table(index=index, rows=len(rows), cols=cols, has_borders=borders, section=self.section,
                      nested_in=where.cell.table if where.cell else None)
        doc.tables.append(table)
        parts = self.styles.table_parts(sid) if sid else {}
        total = sum(grid)
        self.real_cols[index] = sum(1 for g in grid if total and g >= 0.08 * total) if grid else cols
        layout = not borders and cols >= 2
        merged: dict[tuple[str, ...], tuple[str, tuple[dict[str, Any], dict[str, Any]]]] = {}
        for ri, row in enumerate(rows):
            ci = 0
            cells = _wrapped_children(row, TC)
            cell_paths = _wrapped_paths(row, TC, row_paths[ri])
            for k, tc in enumerate(cells):
                span, width = _cell_span_width(tc.find(T_TCPR), grid, ci)
                column = _cell_column(where, layout, grid, total, ci, span, cols)
                tkey = None
                if parts:
                    conds = ["wholeTable"]
                    for cond, on_ in (("firstRow", look["firstRow"] and ri == 0),
                                      ("lastRow", look["lastRow"] and ri == len(rows) - 1),
                                      ("firstCol", look["firstColumn"] and ci == 0),
                                      ("lastCol", look["lastColumn"] and k == len(cells) - 1)):
                        if on_:
                            conds.append(cond)
                    tkey = merged.get(tuple(conds))
                    if tkey is None:
                        tkey = merged[tuple(conds)] = _style_layer(sid, parts, conds)
                sub = Where("table" if where.container == "body" else where.container,
                            Cell(index, ri, ci), column, tkey, width)
                self.blocks(tc, sub, cell_paths[k])
                ci += span

    def _table_props(self, tpr: etree._Element | None) -> tuple[str | None, dict[str, bool], bool]:
        """(table style id, tblLook conditional-formatting switches, table borders declared)."""
        sid = None
        look: dict[str, bool] = {"firstRow": True, "firstColumn": True, "lastRow": False, "lastColumn": False}
        borders = False
        if tpr is not None:
            s = tpr.find(T_TBLSTYLE)
            sid = s.get(WVAL) if s is not None else None
            lk = tpr.find(T_TBLLOOK)
            if lk is not None:
                look = _table_look(lk, look)
            b = tpr.find(T_TBLBORDERS)
            if b is not None:
                borders = any(c.get(WVAL, "single") not in ("none", "nil") for c in b)
            elif self.styles.exists(sid):
                borders = self.styles.table_borders(sid)
        elif self.styles.default_table:
            sid = self.styles.default_table
        if sid is None and self.styles.default_table:
            sid = self.styles.default_table
        if not self.styles.exists(sid):
            sid = None
        return sid, look, borders

    # ----------------------------------------------------------------- paragraphs
    def paragraph(self, p: etree._Element, where: Where, path: str = "") -> None:
        """Kept whole: the paragraph's properties, numbering label, runs and pending text boxes
        in Word's order."""
        styles = self.styles
        ppr_el = p.find(PPR)
        direct = parse_ppr(ppr_el)
        sid = None
        if ppr_el is not None:
            ps = ppr_el.find(w("pStyle"))
            if ps is not None:
                sid = ps.get(WVAL)
        if not styles.exists(sid):
            sid = styles.default_para
        # Paragraph cascade: docDefaults < table style < numbering level < paragraph style < direct.
        style_ppr = styles.flat(sid, "pPr")
        num_id = direct.get("numId", style_ppr.get("numId"))
        ilvl = direct.get("ilvl", style_ppr.get("ilvl", 0))
        label, lvl = self.numbering.label(num_id, ilvl)
        ppr: dict[str, Any] = dict(styles.dd_ppr)
        normal = sid is not None and sid == styles.default_para
        if where.tstyle and not normal:
            ppr.update(where.tstyle[1][1])
        # a list applied to the paragraph itself outranks its style's indents; one set in the
        # style yields to the style's own values (what Word shows)
        direct_list = "numId" in direct
        if lvl.get("pPr") and not direct_list:
            ppr.update(lvl["pPr"])
        ppr.update(style_ppr)
        if where.tstyle and normal:
            ppr.update(where.tstyle[1][1])
        if lvl.get("pPr") and direct_list:
            ppr.update(lvl["pPr"])
        ppr.update(direct)
        tabs: list[tuple[str, float, str | None]] = []
        for source in (style_ppr.get("tabs"), direct.get("tabs")):
            for kind, pos, leader in source or []:
                if kind == "clear":
                    tabs = [t for t in tabs if abs(t[1] - pos) > 0.5]
                else:
                    tabs.append((kind, pos, leader))
        para = Paragraph(index=-1, style=styles.name(sid), container=where.container,  # type: ignore[arg-type]
                         cell=where.cell, column=where.column, section=self.section)  # type: ignore[arg-type]
        para.locator = f"{self.part}#{path}"
        para.origins = self._para_origins(where, sid, style_ppr, direct, num_id, ilvl, lvl, normal, direct_list,
                                          para.locator)
        para.numbering = label
        jc = ppr.get("jc")
        para.alignment = jc
        hard = bool(ppr.get("pageBreakBefore")) and where.container == "body"
        if hard and self.raw:
            self._page_break()
        para.page = self.page
        raw = RawPara(para, ppr, sid, sorted(tabs, key=lambda t: t[1]), where.width, hard)
        self.raw.append(raw)
        pending: list[tuple[etree._Element, Where, str]] = []
        self.inline(p, para, where, sid, pending, "")
        if where.container == "body" and ppr_el is not None:
            sp = ppr_el.find(SECTPR)
            if sp is not None:
                self.sect_els.append(sp)
                self.sect_locs.append(f"{self.part}#{path}{rel_path(sp, p)}")
                self.section += 1
                # how the next section starts is written in the next section's own sectPr
                nxt = self.sect_starts[self.section] if self.section < len(self.sect_starts) else "nextPage"
                if nxt != "continuous":
                    self._page_break()
        for txbx, wh, tpath in pending:
            first = len(self.raw)
            self.blocks(txbx, wh, tpath)
            for rp in self.raw[first:]:  # its alignment is within the box, not the page
                rp.para.extra["in_textbox"] = True

    def run_base(self, where: Where, sid: str | None, rsid: str | None) -> dict[str, tuple[Any, str]]:
        """Effective style-level run props (value, source) for one style combination, cached."""
        key = (where.tstyle[0] if where.tstyle else None, sid, rsid)
        got = self._run_cache.get(key)
        if got is not None:
            return got
        st = self.styles
        layers: list[tuple[dict[str, Any], str]] = [(st.dd_rpr, "docDefaults")]
        table_layer = (where.tstyle[1][0], f"table-style:{where.tstyle[0].split('|')[0]}") if where.tstyle else None
        # Word: a table style outranks the *default* paragraph style (Normal), no other one
        normal = sid is not None and sid == st.default_para
        if table_layer and not normal:
            layers.append(table_layer)
        if sid:
            layers.append((st.flat(sid, "rPr"), f"style:{st.name(sid)}"))
        if table_layer and normal:
            layers.append(table_layer)
        if rsid:
            layers.append((st.flat(rsid, "rPr"), f"style:{st.name(rsid)}"))
        out: dict[str, tuple[Any, str]] = {}
        for props, src in layers:
            for k, v in props.items():
                if k not in TOGGLES:
                    out[k] = (v, src)
        for t in TOGGLES:
            value = bool(st.dd_rpr.get(t, False))
            source = "docDefaults" if t in st.dd_rpr else "default"
            for props, src in layers[1:]:
                if t in props:  # Word: style levels toggle (XOR); false leaves it unchanged
                    if props[t]:
                        value = not value
                    source = src
            out[t] = (value, source)
        self._run_cache[key] = out
        return out

    def inline(self, parent: etree._Element, para: Paragraph, where: Where, sid: str | None,
               pending: list[tuple[etree._Element, Where, str]], path: str = "") -> None:
        count = Counter()
        for el in parent:
            tag = el.tag
            if tag == R:
                self.run(el, para, where, sid, pending, path + step(R, count.next(R)))
            elif tag in RECURSE_INLINE:
                here = path + step(tag, count.next(tag))
                if tag == FLDSIMPLE:
                    instr = el.get(w("instr"), "")
                    start = len(para.runs)
                    self.inline(el, para, where, sid, pending, here)
                    if PAGE_INSTR.match(instr):
                        self.page_fields.append((para, para.runs[start:], instr))
                else:
                    self.inline(el, para, where, sid, pending, here)
            elif tag == SDT:
                here = path + step(tag, count.next(tag))
                c = el.find(SDTC)
                if c is not None:
                    self.inline(c, para, where, sid, pending, here + rel_path(c, el))
            elif tag == f"{{{MC_NS}}}AlternateContent":
                here = path + step(tag, count.next(tag))
                choice = el.find(f"{{{MC_NS}}}Choice")
                self.inline(choice if choice is not None else el, para, where, sid, pending,
                            here + (rel_path(choice, el) if choice is not None else ""))
            elif tag == f"{{{MC_NS}}}Choice" or tag == f"{{{MC_NS}}}Fallback":
                self.inline(el, para, where, sid, pending, path + step(tag, count.next(tag)))

    def run(self, r: etree._Element, para: Paragraph, where: Where, sid: str | None,
            pending: list[tuple[etree._Element, Where, str]], path: str = "") -> None:
        """One w:r: its text pieces (tabs, breaks, symbols), fields, breaks and drawings. The
        common children are handled inline (the hot path); the rare ones by helpers."""
        rpr_el = r.find(RPR)
        rsid = self._run_style(rpr_el)
        base = self.run_base(where, sid, rsid)
        self._cur_run = (r, f"{para.locator}{path}" if para.locator else None, self.run_origins(where, sid, rsid))
        direct = parse_rpr(rpr_el)
        parts: list[str] = []
        in_instr = bool(self.field_stack) and self.field_stack[-1]["phase"] == "instr"
        for c in r:
            tag = c.tag
            if tag == T:
                if not in_instr:
                    parts.append(c.text or "")
            elif tag == TAB or tag == PTAB:
                parts.append("\t")
            elif tag == BR:
                parts = self._break(c, parts, base, direct, para, where)
            elif tag == CR:
                parts.append("\n")
            elif tag == NBH:
                parts.append("-")
            elif tag == SOFTHY:  # optional hyphen: invisible, but it is "ư" in a TCVN3 font (code 0xAD)
                parts.append("\xad")
            elif tag == SYM:
                parts.append(_sym_char(c))
            elif tag == LRPB:
                self._rendered_break(parts, para, where)
            elif tag == FLDCHAR:
                parts, in_instr = self._field_char(c, parts, base, direct, para, in_instr)
            elif tag == INSTR:
                if self.field_stack:
                    self.field_stack[-1]["instr"] += c.text or ""
            elif tag == DRAWING or tag == PICT or tag == OBJECT:
                self.graphics(c, para, where, pending)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = c.find(f"{{{MC_NS}}}Choice")
                for g in (choice if choice is not None else c).iter(DRAWING, PICT):
                    self.graphics(g, para, where, pending)
                    break
        self._flush_run(parts, base, direct, para)

    def _run_style(self, rpr_el: etree._Element | None) -> str | None:
        """The run's character style (if it exists), else the default character style."""
        rsid = None
        if rpr_el is not None:
            rs = rpr_el.find(w("rStyle"))
            if rs is not None and self.styles.exists(rs.get(WVAL)):
                rsid = rs.get(WVAL)
        if rsid is None and self.styles.default_char:
            rsid = self.styles.default_char
        return rsid

    def _break(self, c: etree._Element, parts: list[str], base: dict[str, tuple[Any, str]], direct: dict[str, Any],
               para: Paragraph, where: Where) -> list[str]:
        """w:br: a line break, or a page break in the body (the text so far is flushed, the page
        counted; a paragraph that starts after it is on the new page)."""
        bt = c.get(w("type"))
        if bt == "page" and where.container == "body":
            parts.append("\n")
            visible_before = "".join(parts).strip() or any(x.visible for x in para.runs)
            self._flush_run(parts, base, direct, para)
            self._page_break()
            if not visible_before:
                para.page = self.page
            return []
        if bt != "column":
            parts.append("\n")
        return parts

    def _rendered_break(self, parts: list[str], para: Paragraph, where: Where) -> None:
        """w:lastRenderedPageBreak: where Word's last layout started a new page."""
        if where.container != "body":
            return
        if self._skip_lrpb:
            self._skip_lrpb = False
        else:
            self.page += 1
        if not "".join(parts).strip() and not any(x.visible for x in para.runs):
            para.page = self.page

    def _field_char(self, c: etree._Element, parts: list[str], base: dict[str, tuple[Any, str]],
                    direct: dict[str, Any], para: Paragraph, in_instr: bool) -> tuple[list[str], bool]:
        """w:fldChar begin/separate/end: field instructions are collected, not shown; the
        result runs of a PAGE field are remembered (page numbers in headers and footers)."""
        kind = c.get(w("fldCharType"))
        if kind == "begin":
            self._flush_run(parts, base, direct, para)
            self.field_stack.append({"phase": "instr", "instr": "", "para": para, "start": len(para.runs)})
            return [], True
        if kind == "separate" and self.field_stack:
            self._flush_run(parts, base, direct, para)
            f = self.field_stack[-1]
            f["phase"] = "result"
            f["start"] = len(para.runs)
            f["para"] = para
            return [], False
        if kind == "end" and self.field_stack:
            self._flush_run(parts, base, direct, para)
            f = self.field_stack.pop()
            if PAGE_INSTR.match(f["instr"]):
                runs = para.runs[f["start"]:] if f["para"] is para else []
                self.page_fields.append((para, runs, f["instr"]))
            return [], bool(self.field_stack) and self.field_stack[-1]["phase"] == "instr"
        return parts, in_instr

    def _page_break(self) -> None:
        """A hard break (page break, pageBreakBefore, new-page section). Word usually also writes a
        lastRenderedPageBreak at the top of the new page: that one must not count twice."""
        self.page += 1
        self._skip_lrpb = self.rendered

    def _flush_run(self, parts: list[str], base: dict[str, tuple[Any, str]], direct: dict[str, Any],
                   para: Paragraph) -> None:
        if not parts:
            return
        text = "".join(parts)
        if not text:
            return
        if self._skip_lrpb and text.strip():
            self._skip_lrpb = False
        eff = dict(base)
        for k, v in direct.items():
            eff[k] = (v, "run")
        if eff.get("vanish", (False,))[0]:
            return  # hidden text: Word does not show it
        text = nfc(text)
        cs = bool(eff.get("rtl", (False,))[0] or eff.get("csflag", (False,))[0])
        if cs:
            slots = ("f_cs", "f_hAnsi", "f_ascii")
        elif _CJK.search(text):
            slots = ("f_eastAsia", "f_hAnsi", "f_ascii")
        elif text.isascii():
            slots = ("f_ascii", "f_hAnsi")
        else:
            slots = ("f_hAnsi", "f_ascii")
        font = font_src = None
        for s in slots:
            got = eff.get(s)
            if got:
                (kind, name), src = got
                if kind == "theme":
                    font, font_src = self.styles.theme_font(name), "theme"
                else:
                    font, font_src = name, src
                if font:
                    break
        size_key = "szCs" if cs else "sz"
        size, size_src = eff.get(size_key) or eff.get("sz") or (10.0, "default")
        bold = eff["bCs" if cs else "b"][0]
        italic = eff["iCs" if cs else "i"][0]
        _el, loc, base_orig = self._cur_run
        para.runs.append(Run(
            text=text, font=font, size=size, bold=bool(bold), italic=bool(italic),
            caps=bool(eff["caps"][0] or eff["smallCaps"][0]),
            underline=bool(eff.get("u", (False,))[0]), color=eff.get("color", (None,))[0],
            font_source=font_src, size_source=size_src, locator=loc,
            origins=self._run_origin_map(base_orig, direct, loc, slots, base, cs, size_key),
        ))

def _sym_char(c: etree._Element) -> str:
    """w:sym: the character it stands for (Symbol-font private-use codes mapped down)."""
    code = c.get(w("char"), "")
    try:
        ch = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= ch <= 0xF0FF:
        ch -= 0xF000
    return chr(ch) if ch >= 0x20 and not 0xD800 <= ch <= 0xDFFF else ""


def _table_look(lk: etree._Element, look: dict[str, bool]) -> dict[str, bool]:
    """w:tblLook: the hex bitmask (older files) then the explicit attributes."""
    hexv = lk.get(WVAL)
    if hexv:
        try:
            v = int(hexv, 16)
            look = {"firstRow": bool(v & 0x20), "lastRow": bool(v & 0x40),
                    "firstColumn": bool(v & 0x80), "lastColumn": bool(v & 0x100)}
        except ValueError:
            pass
    for k in look:
        a = on_attr(lk.get(w(k)))
        if a is not None:
            look[k] = a
    return look


def _row_span(row: etree._Element) -> int:
    """Grid columns a row covers (its cells' gridSpans)."""
    span = 0
    for tc in _wrapped_children(row, TC):
        gs = tc.find(P_GRIDSPAN)
        span += inum(gs.get(WVAL), 1, 1, 64) if gs is not None else 1
    return span


def _cells_ruled(rows: list[etree._Element]) -> bool:
    """Cell borders make a grid only when most cells have them (one ruled cell is a line)."""
    n_cells = ruled = 0
    for tc in (c for r in rows for c in _wrapped_children(r, TC)):
        n_cells += 1
        tcb = tc.find(P_TCBORDERS)
        if tcb is not None and sum(1 for c in tcb if c.get(WVAL, "single") not in ("none", "nil")) >= 2:
            ruled += 1
    return n_cells > 0 and ruled * 2 > n_cells


def _cell_span_width(tcpr: etree._Element | None, grid: list[float], ci: int) -> tuple[int, float | None]:
    """(grid columns the cell spans, its usable width in points: declared, else from the grid,
    less Word's default cell margins)."""
    span = 1
    width: float | None = None
    if tcpr is not None:
        gs = tcpr.find(T_GRIDSPAN)
        if gs is not None:
            span = inum(gs.get(WVAL), 1, 1, 64)
        tw = tcpr.find(T_TCW)
        if tw is not None and tw.get(A_TYPE, "dxa") == "dxa" and num(tw.get(A_W)):
            width = num(tw.get(A_W)) / 20.0  # type: ignore[operator]
    if width is None and grid[ci : ci + span]:
        width = sum(grid[ci : ci + span]) / 20.0 or None
    if width is not None:
        width = max(width - 10.8, 1.0)  # default cell margins 0.08" each side
    return span, width


def _cell_column(where: Where, layout: bool, grid: list[float], total: float, ci: int, span: int, cols: int) -> str:
    """Side of a layout table's cell ("left", "right", "full"); data tables are "full"."""
    if where.cell is not None and where.column in ("left", "right"):
        return where.column
    if layout and total and ci + span <= len(grid):
        # side by the cell's centre: spacer columns of 3–5 column grids don't matter
        x0, x1 = sum(grid[:ci]), sum(grid[: ci + span])
        centre = (x0 + x1) / 2 / total
        return "full" if (x1 - x0) / total > 0.7 else "left" if centre < 0.5 else "right"
    if layout:
        return "left" if ci == 0 else "right" if ci + span >= cols else "full"
    return "full"


def _style_layer(sid: str | None, parts: dict[str, Any], conds: list[str]) -> tuple[str, tuple[dict[str, Any], dict[str, Any]]]:
    """The table style's formatting for a cell under these conditions, merged in order."""
    rp: dict[str, Any] = {}
    pp: dict[str, Any] = {}
    for c in conds:
        if c in parts:
            rp.update(parts[c][0])
            pp.update(parts[c][1])
    return f"{sid}|{'+'.join(conds)}", (rp, pp)


def _wrapped_paths(el: etree._Element, tag: str, path: str) -> list[str]:
    """Element paths of :func:`_wrapped_children` (same order), below ``el`` at ``path``."""
    out: list[str] = []
    count = Counter()
    for c in el:
        ctag = c.tag
        if ctag == tag:
            out.append(path + step(tag, count.next(tag)))
        elif ctag == SDT:
            here = path + step(ctag, count.next(ctag))
            inner = c.find(SDTC)
            if inner is not None:
                out.extend(_wrapped_paths(inner, tag, here + rel_path(inner, c)))
        elif ctag == CUSTOMXML:
            out.extend(_wrapped_paths(c, tag, path + step(ctag, count.next(ctag))))
        elif isinstance(ctag, str):
            count.next(ctag)
    return out


def _wrapped_children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, also those wrapped in content controls or custom XML (rows, cells)."""
    out: list[etree._Element] = []
    for c in el:
        if c.tag == tag:
            out.append(c)
        elif c.tag == SDT:
            inner = c.find(SDTC)
            if inner is not None:
                out.extend(_wrapped_children(inner, tag))
        elif c.tag == CUSTOMXML:
            out.extend(_wrapped_children(c, tag))
    return out


# --------------------------------------------------------------------------- post-processing


# --------------------------------------------------------------------------- entry point

def read_docx(path: str, data: bytes | None = None) -> Document:
    """Read a .docx file (bytes already sniffed or not) into the model; ``data``: its bytes
    when the caller has read them already (read once).

    Kept whole: the package-level steps of one read (encryption, main part, change marks,
    comments, sections, pages) in order."""
    import io

    with SafeZip(path if data is None else io.BytesIO(data)) as zf:
        if zf.has("EncryptedPackage") or zf.has("EncryptionInfo"):
            raise _err("encrypted", "Tệp được đặt mật khẩu, không kiểm tra được.", "Encrypted document.")
        pkg = Package(zf)
        root = pkg.xml(pkg.main)
        if root is None or root.tag != w("document"):
            raise _err("no-document-part", "Phần nội dung chính không phải văn bản Word.",
                       "The main part is not a WordprocessingML document.")
        body = root.find(w("body"))
        reader = Reader(path, pkg)
        doc = reader.doc
        # one pass over the tree for the document-wide counts
        changes = alt_chunks = 0
        ranges: set[str | None] = set()
        change_tags = set(CHANGE_TAGS)
        for el in root.iter(*CHANGE_TAGS, LRPB, ALTCHUNK, COMMENT_START, COMMENT_REF):
            tag = el.tag
            if tag in change_tags:
                changes += 1
            elif tag == LRPB:
                reader.rendered = True
            elif tag == ALTCHUNK:
                alt_chunks += 1
            else:
                ranges.add(el.get(w("id")))
        doc.tracked_changes = changes
        if alt_chunks:
            doc.reader_notes.append(f"{alt_chunks} embedded file(s) (w:altChunk) not read: their text is not checked")
        comments = pkg.xml(pkg.rel_of_type("comments"))
        n_comments = sum(1 for _ in comments.iterchildren(w("comment"))) if comments is not None else 0
        doc.comments = max(n_comments, len(ranges))
        if body is not None:
            for sp in body.iter(SECTPR):
                parent = sp.getparent()
                if parent is not None and (parent.tag == PPR or parent is body):
                    t = sp.find(w("type"))
                    reader.sect_starts.append(t.get(WVAL, "nextPage") if t is not None else "nextPage")
            reader.blocks(body, Where(), "/w:body")
        reader.sections(body if body is not None else root)
        if not reader.rendered:
            app = pkg.xml("docProps/app.xml")
            if app is not None:
                pages = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages")
                if pages is not None and (pages.text or "").strip().isdigit():
                    doc.page_count = int(pages.text.strip())  # type: ignore[union-attr]
                    doc.reader_notes.append("page_count from docProps/app.xml (as last saved)")
        _finish(reader)
        if body is None:
            doc.reader_notes.append("document has no body")
        return doc


__all__ = ["read_docx"]


def _dump(path: str) -> None:
    """``python -m nd30check.readers.docx FILE``: what the reader sees, one line per paragraph."""
    import time

    t = time.perf_counter()
    doc = read_docx(path)
    ms = (time.perf_counter() - t) * 1000
    for s in doc.sections:
        print(f"# section {s.index}: {s.page_width} x {s.page_height} pt {s.orientation}, margins "
              f"{s.margin_top}/{s.margin_bottom}/{s.margin_left}/{s.margin_right}, titlePg={s.title_page}, "
              f"page numbers={[(f.where, f.alignment, f.size, f.first_page) for f in s.page_numbers]}")
    for p in doc.paragraphs:
        r = p.visible_runs[0] if p.visible_runs else None
        fmt = f"{r.font} {r.size} {'B' if r.bold else ''}{'I' if r.italic else ''}" if r else "-"
        where = f"{p.container}/{p.column}" + (f"@t{p.cell.table}r{p.cell.row}c{p.cell.col}" if p.cell else "")
        lines = ",".join(f"{h.kind}:{h.length:.0f}" for h in doc.hlines_under(p) if h.length is not None)
        print(f"{p.index:4} p{p.page or '?'} {where:22} {p.alignment or '-':7} {fmt:28} {lines:12} {p.text[:70]!r}")
    print(f"# {len(doc.paragraphs)} paragraphs, {len(doc.tables)} tables, {len(doc.hlines)} lines, "
          f"tracked={doc.tracked_changes} comments={doc.comments}, read in {ms:.1f} ms")
