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

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ...model import (
    Cell, Document, HLine, PageNumberField, Paragraph, Run, Section, Table, UnreadableError, nfc,
)
from .styles import TOGGLES, W_NS, WVAL, Numbering, StyleSheet, inum, num, on, on_attr, parse_ppr, parse_rpr, w
from ..safety import SafeZip, parse_xml

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
V_NS = "urn:schemas-microsoft-com:vml"
STRICT = [
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (b"http://purl.oclc.org/ooxml/drawingml/main", A_NS.encode()),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", WP_NS.encode()),
]
CAPABILITIES = {"text", "fonts", "sizes", "bold-italic", "color", "styles", "tracked-changes",
                "margins-declared", "page-number-fields", "line-spacing", "spacing", "page-setup", "lines"}

# Tags, precomputed (tag comparison is the hot path).
P, R, T, TAB, BR, CR, TBL, TR, TC, SDT, SDTC = (w("p"), w("r"), w("t"), w("tab"), w("br"), w("cr"),
                                                w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent"))
PPR, RPR, INS, DEL, MOVETO, MOVEFROM = w("pPr"), w("rPr"), w("ins"), w("del"), w("moveTo"), w("moveFrom")
HYPER, SMART, CUSTOMXML, FLDSIMPLE, FLDCHAR, INSTR = (w("hyperlink"), w("smartTag"), w("customXml"),
                                                      w("fldSimple"), w("fldChar"), w("instrText"))
LRPB, NBH, SYM, PTAB, DRAWING, PICT, OBJECT, SECTPR = (w("lastRenderedPageBreak"), w("noBreakHyphen"),
                                                       w("sym"), w("ptab"), w("drawing"), w("pict"),
                                                       w("object"), w("sectPr"))
TXBX = w("txbxContent")
RECURSE_INLINE = {HYPER, SMART, CUSTOMXML, FLDSIMPLE, INS, MOVETO, w("bdo"), w("dir"), SDTC}
SKIP_INLINE = {DEL, MOVEFROM}
CHANGE_TAGS = [w(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
                              "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                              "numberingChange", "tblGridChange")]
ALTCHUNK, COMMENT_START, COMMENT_REF = w("altChunk"), w("commentRangeStart"), w("commentReference")
T_TBLPR, T_TBLSTYLE, T_TBLLOOK, T_TBLBORDERS, T_TCPR, T_GRIDSPAN, T_TCW = (
    w("tblPr"), w("tblStyle"), w("tblLook"), w("tblBorders"), w("tcPr"), w("gridSpan"), w("tcW"))
P_GRIDCOL = f"{w('tblGrid')}/{w('gridCol')}"
P_GRIDSPAN = f"{w('tcPr')}/{w('gridSpan')}"
P_TCBORDERS = f"{w('tcPr')}/{w('tcBorders')}"
A_TYPE, A_W = w("type"), w("w")
EMU_PER_PT = 12700.0
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af]")
PAGE_INSTR = re.compile(r"^\s*PAGE(\s|\\|$)", re.I)


def _err(code: str, vi: str, en: str) -> UnreadableError:
    return UnreadableError(code, vi, en)


# --------------------------------------------------------------------------- package

class Package:
    """The zip with relationship resolution; XML parts parsed through safety.parse_xml."""

    def __init__(self, zf: SafeZip):
        self.zf = zf
        self.main = self._main_part()
        self.rels = self.part_rels(self.main)

    def raw(self, name: str | None) -> bytes | None:
        """Bytes of a part, Strict OOXML namespaces mapped to Transitional ones."""
        if name is None or not self.zf.has(name):
            return None
        data = self.zf.read(name)
        if b"purl.oclc.org/ooxml" in data:
            for old, new in STRICT:
                data = data.replace(old, new)
        return data

    def xml(self, name: str | None) -> etree._Element | None:
        data = self.raw(name)
        return None if data is None else parse_xml(data, name or "XML")

    def _main_part(self) -> str:
        root = self.xml("_rels/.rels")
        if root is not None:
            for rel in root.iterchildren(f"{{{PKG_REL_NS}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = rel.get("Target", "").lstrip("/")
                    if self.zf.has(target):
                        return self.zf.find(target) or target
        if self.zf.has("word/document.xml"):
            return self.zf.find("word/document.xml") or "word/document.xml"
        raise _err("no-document-part", "Tệp không có phần nội dung văn bản Word (word/document.xml).",
                   "No main document part in the package.")

    def part_rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId → (type suffix, resolved part name)."""
        d, base = posixpath.split(part)
        root = self.xml(posixpath.join(d, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iterchildren(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(d, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out

    def rel_of_type(self, kind: str) -> str | None:
        for t, path in self.rels.values():
            if t == kind:
                return path
        return None


# --------------------------------------------------------------------------- context

@dataclass(slots=True)
class Where:
    """Where a block sits: container, table cell, side, table style layer, usable width."""

    container: str = "body"
    cell: Cell | None = None
    column: str | None = "full"
    tstyle: tuple[str, tuple[dict[str, Any], dict[str, Any]]] | None = None  # (key, (rPr, pPr))
    width: float | None = None  # usable width in points (cell width) when known


@dataclass(slots=True)
class RawPara:
    """A paragraph before post-processing (tab splits, spacing context, pages)."""

    para: Paragraph
    ppr: dict[str, Any]
    style_id: str | None
    tab_stops: list[tuple[str, float, str | None]]  # kind, position (pt), leader
    width: float | None
    hard_break_before: bool = False


class Reader:
    """One pass over the body (and the header/footer parts sections refer to), in reading order.

    Paragraphs are collected as :class:`RawPara`; values that need the whole document (section
    widths for tab layouts and border lengths, contextual spacing, pages) are settled in
    :func:`_finish`."""

    def __init__(self, path: str, pkg: Package):
        self.path = path
        self.pkg = pkg
        self.doc = Document(path=path, kind="docx")
        self.doc.capabilities = set(CAPABILITIES)
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

    # ----------------------------------------------------------------- blocks
    def blocks(self, parent: etree._Element, where: Where) -> None:
        for el in parent:
            tag = el.tag
            if tag == P:
                self.paragraph(el, where)
            elif tag == TBL:
                self.table(el, where)
            elif tag in (SDT, CUSTOMXML, INS, MOVETO):
                inner = el.find(SDTC) if tag == SDT else el
                if inner is not None:
                    self.blocks(inner, where)
            elif tag == SDTC:
                self.blocks(el, where)

    def table(self, tbl: etree._Element, where: Where) -> None:
        doc = self.doc
        tpr = tbl.find(T_TBLPR)
        sid = None
        look: dict[str, bool] = {"firstRow": True, "firstColumn": True, "lastRow": False, "lastColumn": False}
        borders = False
        if tpr is not None:
            s = tpr.find(T_TBLSTYLE)
            sid = s.get(WVAL) if s is not None else None
            lk = tpr.find(T_TBLLOOK)
            if lk is not None:
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
        grid = [num(g.get(w("w"))) or 0.0 for g in tbl.iterfind(P_GRIDCOL)]
        rows = _wrapped_children(tbl, TR)
        cols = len(grid)
        for r in rows:
            span = 0
            for tc in _wrapped_children(r, TC):
                gs = tc.find(P_GRIDSPAN)
                span += inum(gs.get(WVAL), 1, 1, 64) if gs is not None else 1
            cols = max(cols, span)
        if not borders:
            # cell borders make a grid only when most cells have them (one ruled cell is a line)
            n_cells = ruled = 0
            for tc in (c for r in rows for c in _wrapped_children(r, TC)):
                n_cells += 1
                tcb = tc.find(P_TCBORDERS)
                if tcb is not None and sum(1 for c in tcb if c.get(WVAL, "single") not in ("none", "nil")) >= 2:
                    ruled += 1
            borders = n_cells > 0 and ruled * 2 > n_cells
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
            for k, tc in enumerate(cells):
                tcpr = tc.find(T_TCPR)
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
                if where.cell is not None and where.column in ("left", "right"):
                    column = where.column
                elif layout and total and ci + span <= len(grid):
                    # side by the cell's centre: spacer columns of 3–5 column grids don't matter
                    x0, x1 = sum(grid[:ci]), sum(grid[: ci + span])
                    centre = (x0 + x1) / 2 / total
                    column = "full" if (x1 - x0) / total > 0.7 else "left" if centre < 0.5 else "right"
                elif layout:
                    column = "left" if ci == 0 else "right" if ci + span >= cols else "full"
                else:
                    column = "full"
                tkey = None
                if parts:
                    conds = ["wholeTable"]
                    if look["firstRow"] and ri == 0:
                        conds.append("firstRow")
                    if look["lastRow"] and ri == len(rows) - 1:
                        conds.append("lastRow")
                    if look["firstColumn"] and ci == 0:
                        conds.append("firstCol")
                    if look["lastColumn"] and k == len(cells) - 1:
                        conds.append("lastCol")
                    tkey = merged.get(tuple(conds))
                    if tkey is None:
                        rp: dict[str, Any] = {}
                        pp: dict[str, Any] = {}
                        for c in conds:
                            if c in parts:
                                rp.update(parts[c][0])
                                pp.update(parts[c][1])
                        tkey = merged[tuple(conds)] = (f"{sid}|{'+'.join(conds)}", (rp, pp))
                sub = Where("table" if where.container == "body" else where.container,
                            Cell(index, ri, ci), column, tkey, width)
                self.blocks(tc, sub)
                ci += span

    # ----------------------------------------------------------------- paragraphs
    def paragraph(self, p: etree._Element, where: Where) -> None:
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
        para.numbering = label
        jc = ppr.get("jc")
        para.alignment = jc
        hard = bool(ppr.get("pageBreakBefore")) and where.container == "body"
        if hard and self.raw:
            self._page_break()
        para.page = self.page
        raw = RawPara(para, ppr, sid, sorted(tabs, key=lambda t: t[1]), where.width, hard)
        self.raw.append(raw)
        pending: list[tuple[etree._Element, Where]] = []
        self.inline(p, para, where, sid, pending)
        if where.container == "body" and ppr_el is not None:
            sp = ppr_el.find(SECTPR)
            if sp is not None:
                self.sect_els.append(sp)
                self.section += 1
                # how the next section starts is written in the next section's own sectPr
                nxt = self.sect_starts[self.section] if self.section < len(self.sect_starts) else "nextPage"
                if nxt != "continuous":
                    self._page_break()
        for txbx, wh in pending:
            self.blocks(txbx, wh)

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
               pending: list[tuple[etree._Element, Where]]) -> None:
        for el in parent:
            tag = el.tag
            if tag == R:
                self.run(el, para, where, sid, pending)
            elif tag in RECURSE_INLINE:
                if tag == FLDSIMPLE:
                    instr = el.get(w("instr"), "")
                    start = len(para.runs)
                    self.inline(el, para, where, sid, pending)
                    if PAGE_INSTR.match(instr):
                        self.page_fields.append((para, para.runs[start:], instr))
                else:
                    self.inline(el, para, where, sid, pending)
            elif tag == SDT:
                c = el.find(SDTC)
                if c is not None:
                    self.inline(c, para, where, sid, pending)
            elif tag == f"{{{MC_NS}}}AlternateContent":
                choice = el.find(f"{{{MC_NS}}}Choice")
                self.inline(choice if choice is not None else el, para, where, sid, pending)
            elif tag == f"{{{MC_NS}}}Choice" or tag == f"{{{MC_NS}}}Fallback":
                self.inline(el, para, where, sid, pending)

    def run(self, r: etree._Element, para: Paragraph, where: Where, sid: str | None,
            pending: list[tuple[etree._Element, Where]]) -> None:
        rpr_el = r.find(RPR)
        rsid = None
        if rpr_el is not None:
            rs = rpr_el.find(w("rStyle"))
            if rs is not None and self.styles.exists(rs.get(WVAL)):
                rsid = rs.get(WVAL)
        if rsid is None and self.styles.default_char:
            rsid = self.styles.default_char
        base = self.run_base(where, sid, rsid)
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
                bt = c.get(w("type"))
                if bt == "page" and where.container == "body":
                    parts.append("\n")
                    visible_before = "".join(parts).strip() or any(x.visible for x in para.runs)
                    self._flush_run(parts, base, direct, para)
                    parts = []
                    self._page_break()
                    if not visible_before:
                        para.page = self.page
                elif bt != "column":
                    parts.append("\n")
            elif tag == CR:
                parts.append("\n")
            elif tag == NBH:
                parts.append("-")
            elif tag == SYM:
                code = c.get(w("char"), "")
                try:
                    ch = int(code, 16)
                    if 0xF000 <= ch <= 0xF0FF:
                        ch -= 0xF000
                    parts.append(chr(ch) if ch >= 0x20 and not 0xD800 <= ch <= 0xDFFF else "")
                except ValueError:
                    pass
            elif tag == LRPB:
                if where.container == "body":
                    if self._skip_lrpb:
                        self._skip_lrpb = False
                    else:
                        self.page += 1
                    if not "".join(parts).strip() and not any(x.visible for x in para.runs):
                        para.page = self.page
            elif tag == FLDCHAR:
                kind = c.get(w("fldCharType"))
                if kind == "begin":
                    self._flush_run(parts, base, direct, para)
                    parts = []
                    self.field_stack.append({"phase": "instr", "instr": "", "para": para, "start": len(para.runs)})
                    in_instr = True
                elif kind == "separate" and self.field_stack:
                    self._flush_run(parts, base, direct, para)
                    parts = []
                    f = self.field_stack[-1]
                    f["phase"] = "result"
                    f["start"] = len(para.runs)
                    f["para"] = para
                    in_instr = False
                elif kind == "end" and self.field_stack:
                    self._flush_run(parts, base, direct, para)
                    parts = []
                    f = self.field_stack.pop()
                    if PAGE_INSTR.match(f["instr"]):
                        runs = para.runs[f["start"]:] if f["para"] is para else []
                        self.page_fields.append((para, runs, f["instr"]))
                    in_instr = bool(self.field_stack) and self.field_stack[-1]["phase"] == "instr"
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
        para.runs.append(Run(
            text=text, font=font, size=size, bold=bool(bold), italic=bool(italic),
            caps=bool(eff["caps"][0] or eff["smallCaps"][0]),
            underline=bool(eff.get("u", (False,))[0]), color=eff.get("color", (None,))[0],
            font_source=font_src, size_source=size_src,
        ))

    # ----------------------------------------------------------------- graphics
    def graphics(self, g: etree._Element, para: Paragraph, where: Where,
                 pending: list[tuple[etree._Element, Where]]) -> None:
        """Lines (DrawingML / VML) → hlines; text boxes → pending blocks (container "textbox")."""
        box = Where("textbox" if where.container in ("body", "table") else where.container,
                    where.cell, where.column, None, None)
        for tx in g.iter(TXBX):
            if _outside_txbx(tx, g):
                pending.append((tx, box))
        for ext_holder in g.iter(f"{{{WP_NS}}}anchor", f"{{{WP_NS}}}inline"):
            if not _outside_txbx(ext_holder, g):
                continue  # drawn inside a text box: found when that box is read
            ext = ext_holder.find(f"{{{WP_NS}}}extent")
            cx = num(ext.get("cx")) if ext is not None else None
            cy = num(ext.get("cy")) if ext is not None else None
            for wsp in ext_holder.iter(f"{{{WPS_NS}}}wsp"):
                geom = wsp.find(f"{{{WPS_NS}}}spPr/{{{A_NS}}}prstGeom")
                prst = geom.get("prst") if geom is not None else None
                is_line = prst in ("line", "straightConnector1") or wsp.find(f"{{{WPS_NS}}}cNvCnPr") is not None
                if not is_line:
                    continue
                xfrm_ext = wsp.find(f"{{{WPS_NS}}}spPr/{{{A_NS}}}xfrm/{{{A_NS}}}ext")
                w_, h_ = cx, cy
                if xfrm_ext is not None and wsp.getparent() is not None and wsp.getparent().tag == f"{{{WPG_NS}}}wgp":
                    w_, h_ = num(xfrm_ext.get("cx")), num(xfrm_ext.get("cy"))
                    g_ext = wsp.getparent().find(f"{{{WPG_NS}}}grpSpPr/{{{A_NS}}}xfrm/{{{A_NS}}}ext")
                    g_ch = wsp.getparent().find(f"{{{WPG_NS}}}grpSpPr/{{{A_NS}}}xfrm/{{{A_NS}}}chExt")
                    if w_ is not None and g_ext is not None and g_ch is not None:
                        gx, gc = num(g_ext.get("cx")), num(g_ch.get("cx"))
                        if gx and gc:  # child coordinates → group coordinates (EMU)
                            w_ = w_ * gx / gc
                            h_ = None if h_ is None else h_ * gx / gc
                if w_ is None or (h_ is not None and h_ > w_):
                    continue  # vertical lines are not "lines under text"
                self._hline("shape", w_ / EMU_PER_PT, para, _anchor_x(ext_holder))
        for tag in (f"{{{V_NS}}}line", f"{{{V_NS}}}shape", f"{{{V_NS}}}rect"):
            for v in g.iter(tag):
                if not _outside_txbx(v, g):
                    continue
                length = _vml_line_length(v)
                if length is not None:
                    self._hline("vml", length, para, _vml_x(v))

    def _hline(self, kind: str, length: float | None, para: Paragraph,
               pos: tuple[str, float | str] | None = None) -> None:
        h = HLine(kind=kind, length=length, paragraph=id(para))  # type: ignore[arg-type]
        self.doc.hlines.append(h)
        if pos is not None:
            self.hpos[id(h)] = pos

    # ----------------------------------------------------------------- headers & sections
    def sections(self, body: etree._Element) -> None:
        final = body.find(SECTPR)
        els = list(self.sect_els)
        if final is not None or not els:
            els.append(final if final is not None else etree.Element(SECTPR))
        refs: dict[tuple[str, str], str] = {}
        for i, sp in enumerate(els):
            s = Section(index=i)
            pg = sp.find(w("pgSz"))
            if pg is not None:
                wv, hv = num(pg.get(w("w"))), num(pg.get(w("h")))
                s.page_width = wv / 20.0 if wv else None
                s.page_height = hv / 20.0 if hv else None
                orient = pg.get(w("orient"))
                if orient in ("landscape", "portrait"):
                    s.orientation = orient  # type: ignore[assignment]
                elif s.page_width and s.page_height:
                    s.orientation = "landscape" if s.page_width > s.page_height else "portrait"
            else:  # Word's default page when nothing is declared (US Letter)
                s.page_width, s.page_height, s.orientation = 612.0, 792.0, "portrait"
            mar = sp.find(w("pgMar"))
            if mar is not None:
                for attr, field_ in (("top", "margin_top"), ("bottom", "margin_bottom"),
                                     ("left", "margin_left"), ("right", "margin_right")):
                    v = num(mar.get(w(attr)))
                    if v is None and attr in ("left", "right"):
                        v = num(mar.get(w("start" if attr == "left" else "end")))
                    setattr(s, field_, abs(v) / 20.0 if v is not None else None)
            s.title_page = bool(on(sp.find(w("titlePg"))))
            for kind, tag in (("header", "headerReference"), ("footer", "footerReference")):
                for ref in sp.iterchildren(w(tag)):
                    rid = ref.get(f"{{{R_NS}}}id")
                    if rid in self.pkg.rels:
                        refs[(kind, ref.get(w("type"), "default"))] = self.pkg.rels[rid][1]
            fmt = sp.find(w("pgNumType"))
            arabic = fmt is None or fmt.get(w("fmt"), "decimal") in ("decimal", "decimalZero")
            s.page_numbers = self.header_numbers(dict(refs), s.title_page, arabic, i)
            self.doc.sections.append(s)

    def header_numbers(self, refs: dict[tuple[str, str], str], title_pg: bool, arabic: bool,
                       sect: int) -> list[PageNumberField]:
        out: list[PageNumberField] = []
        for kind in ("header", "footer"):
            types = ["default"] + (["first"] if title_pg else []) + (["even"] if self.even_odd else [])
            for t in types:
                part = refs.get((kind, t))
                if part is None:
                    continue
                for para, runs, instr in self.part_fields(part, kind, t, sect):
                    shown = [r for r in runs if r.text.strip()] or runs
                    first = shown[0] if shown else None
                    out.append(PageNumberField(
                        where=kind,  # type: ignore[arg-type]
                        alignment=para.alignment,
                        size=first.size if first else None,
                        font=first.font if first else None,
                        first_page=(t == "first") or (t == "default" and not title_pg),
                        text="".join(r.text for r in runs).strip() or None,
                        arabic=arabic and not re.search(r"\\\*\s*(roman|alphabetic)", instr, re.I),
                    ))
        return out

    def part_fields(self, part: str, kind: str, htype: str, sect: int) -> list[tuple[Paragraph, list[Run], str]]:
        cache = self._parts
        if part in cache:
            return cache[part]
        root = self.pkg.xml(part)
        before_fields = len(self.page_fields)
        before_raw = len(self.raw)
        saved = (self.section, self.page, self.field_stack)
        self.section, self.field_stack = sect, []
        if root is not None:
            self.blocks(root, Where(kind))
        self.section, self.page, self.field_stack = saved
        for rp in self.raw[before_raw:]:
            rp.para.page = None
            rp.para.extra["part"] = part
            rp.para.extra["header_type"] = htype
        got = self.page_fields[before_fields:]
        cache[part] = got
        return got


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


def _anchor_x(holder: etree._Element) -> tuple[str, float | str] | None:
    """Horizontal placement of a floating DrawingML object: (relative to, offset in pt or alignment)."""
    ph = holder.find(f"{{{WP_NS}}}positionH")
    if ph is None:
        return None
    rel = ph.get("relativeFrom", "column")
    off = ph.find(f"{{{WP_NS}}}posOffset")
    if off is not None and num(off.text) is not None:
        return rel, num(off.text) / EMU_PER_PT  # type: ignore[operator]
    al = ph.find(f"{{{WP_NS}}}align")
    if al is not None and al.text:
        return rel, al.text.strip()
    return None


def _vml_x(v: etree._Element) -> tuple[str, float | str] | None:
    st = _vml_style(v.get("style", ""))
    rel = st.get("mso-position-horizontal-relative", "text")
    rel = {"text": "column", "char": "character"}.get(rel, rel)
    if v.tag == f"{{{V_NS}}}line":
        x = _vml_len((v.get("from") or "0,0").split(",")[0])
        x2 = _vml_len((v.get("to") or "0,0").split(",")[0])
        if x is None:
            return None
        return rel, min(x, x2 if x2 is not None else x) + (_vml_len(st.get("margin-left")) or 0.0)
    ml = _vml_len(st.get("margin-left"))
    if ml is not None:
        return rel, ml
    al = st.get("mso-position-horizontal")
    return (rel, al) if al else None


def _outside_txbx(el: etree._Element, top: etree._Element) -> bool:
    """True when no text box lies between ``top`` and ``el`` (nested content is read with its box)."""
    for anc in el.iterancestors():
        if anc is top:
            return True
        if anc.tag == TXBX:
            return False
    return True


def _vml_len(v: str | None) -> float | None:
    if not v:
        return None
    m = re.match(r"\s*(-?[\d.]+)\s*(pt|in|cm|mm|px|emu)?", v)
    if not m:
        return None
    x = float(m.group(1))
    unit = m.group(2) or "emu"
    return x * {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "emu": 1 / EMU_PER_PT}[unit]


def _vml_style(style: str) -> dict[str, str]:
    out = {}
    for part in style.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return out


def _vml_line_length(v: etree._Element) -> float | None:
    """Length of a horizontal VML line (v:line from/to, or a flat v:shape / v:rect)."""
    if v.tag == f"{{{V_NS}}}line":
        a, b = (v.get("from") or "0,0").split(","), (v.get("to") or "0,0").split(",")
        try:
            x1, y1 = _vml_len(a[0]) or 0.0, _vml_len(a[1] if len(a) > 1 else "0") or 0.0
            x2, y2 = _vml_len(b[0]) or 0.0, _vml_len(b[1] if len(b) > 1 else "0") or 0.0
        except (ValueError, IndexError):
            return None
        dx, dy = abs(x2 - x1), abs(y2 - y1)
        return dx if dx > 0 and dy <= max(2.0, dx * 0.05) else None
    st = _vml_style(v.get("style", ""))
    width, height = _vml_len(st.get("width")), _vml_len(st.get("height"))
    if width is None:
        return None
    connector = v.get("type", "").endswith("_x0000_t32") or v.get(f"{{urn:schemas-microsoft-com:office:office}}connectortype")
    flat = height is not None and height <= 2.0
    if (connector or flat) and width > 0 and (height or 0) <= max(2.0, width * 0.05):
        return width
    return None


# --------------------------------------------------------------------------- post-processing

def _place_hline(reader: Reader, h: HLine, sect: Section | None, avail: float | None) -> None:
    """Page x of a floating line (points from the page's left edge) when its anchor says where."""
    pos = reader.hpos.get(id(h))
    if pos is None or sect is None or h.length is None:
        return
    rel, value = pos
    margin = sect.margin_left or 0.0
    if isinstance(value, str):
        width = sect.page_width if rel == "page" else avail
        if width is None:
            return
        start = {"left": 0.0, "center": (width - h.length) / 2, "right": width - h.length}.get(value)
        if start is None:
            return
        x0 = start if rel == "page" else margin + start
    elif rel == "page":
        x0 = value
    elif rel in ("column", "margin", "character", "insideMargin", "leftMargin"):
        x0 = margin + value if rel != "leftMargin" else value
    else:
        return
    h.x0 = round(x0, 2)
    h.x1 = round(x0 + h.length, 2)


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
    page_h = None
    est_height = 0.0
    row_key: tuple[int, int] | None = None
    row_cells: dict[int, float] = {}
    page1_sure = True
    raws = reader.raw
    for k, rp in enumerate(raws):
        para = rp.para
        ppr = rp.ppr
        sect = sections[min(para.section, len(sections) - 1)] if sections else None
        size = next((r.size for r in para.runs if r.visible and r.size), None) or 12.0
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
            ctx_key = (para.container, para.cell.table if para.cell else None,
                       (para.cell.row, para.cell.col) if para.cell else None)
            if k > 0 and (raws[k - 1].style_id, ctx_key[0], ctx_key[1], ctx_key[2]) == (rp.style_id, *ctx_key):
                para.space_before = 0.0
            if k + 1 < len(raws):
                nxt = raws[k + 1].para
                nkey = (nxt.container, nxt.cell.table if nxt.cell else None,
                        (nxt.cell.row, nxt.cell.col) if nxt.cell else None)
                if raws[k + 1].style_id == rp.style_id and nkey == ctx_key:
                    para.space_after = 0.0
        width = rp.width if rp.width is not None else _text_width(sect)
        avail = None if width is None else max(width - para.left_indent - para.right_indent, 1.0)
        # Pages without rendered breaks: only what surely fits on page 1 keeps page=1.
        if para.container in ("header", "footer"):
            para.page = None
        elif not reader.rendered:
            if rp.hard_break_before or (para.page or 1) > 1:
                page1_sure = False
            if page_h is None and sect and sect.page_height:
                page_h = sect.page_height - (sect.margin_top or 72.0) - (sect.margin_bottom or 72.0)
            if para.container != "textbox":
                chars = len(para.text)
                per_line = (avail or 450.0) / (size * 0.45)
                lines = max(1, -(-chars // max(int(per_line), 1)))
                if para.line_rule == "auto":
                    line_h = size * 1.2 * max(para.line_spacing or 1.0, 1.0)
                else:
                    line_h = max(para.line_spacing or 0.0, size * (1.2 if para.line_rule == "atLeast" else 0.0))
                h = (para.space_before or 0) + (para.space_after or 0) + lines * line_h
                key = (para.cell.table, para.cell.row) if para.cell else None
                if key != row_key:  # a table row is as tall as its tallest cell
                    est_height += max(row_cells.values(), default=0.0)
                    row_cells, row_key = {}, key
                if key is None:
                    est_height += h
                else:
                    row_cells[para.cell.col] = row_cells.get(para.cell.col, 0.0) + h  # type: ignore[union-attr]
            if page_h is None or est_height + max(row_cells.values(), default=0.0) > 0.8 * page_h:
                page1_sure = False
            para.page = 1 if page1_sure else None
        layout = _tab_layout(reader, rp, avail, k) if para.container == "body" and para.cell is None else None
        lines_here = hl_by_para.get(id(para), [])
        right_part: Paragraph | None = None
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
        else:
            left, right = layout  # type: ignore[misc]
            left.index = len(out)
            out.append(left)
            right.index = len(out)
            out.append(right)
            para = left
            right_part = right
        margin = (sect.margin_left or 0.0) if sect else 0.0
        for h in lines_here:
            _place_hline(reader, h, sect, avail)
            target = para
            if right_part is not None and h.x0 is not None and h.length is not None:
                if h.x0 + h.length / 2 >= margin + (right_part.extra.get("tab_offset") or 0.0):
                    target = right_part  # drawn under the right-hand stretch of a tab-split line
            h.paragraph = target.index
            h.page = target.page
            doc.hlines.append(h)
        if ppr.get("bdr_bottom"):
            hb = HLine(kind="border", length=avail, paragraph=para.index, page=para.page)
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
                doc.hlines.append(HLine(kind="underline", length=length, paragraph=para.index, page=para.page))
        stripped = para.text.strip()
        if len(stripped) >= 3 and set(stripped) <= {"_"}:
            size_u = para.runs[0].size if para.runs and para.runs[0].size else 12.0
            doc.hlines.append(HLine(kind="underline", length=len(stripped) * size_u * 0.5,
                                    paragraph=para.index, page=para.page))
    doc.paragraphs = out
    # section paragraph ranges (body paragraphs only), in one pass
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
    for s in sections:
        s.first_paragraph = first.get(s.index, 0)
        s.last_paragraph = last.get(s.index, -1)
        s.pages = sorted(pages.get(s.index, ()))  # only when Word's rendered page marks are there
        s.has_data_table = any(
            (t.has_borders or reader.real_cols.get(t.index, t.cols) > 2)
            for t in doc.tables if t.section == s.index and t.nested_in is None and t.index in body_tables)
    if reader.rendered:
        doc.page_count = max((p.page or 1) for p in out) if out else 1


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
    if s2 < 0.4 * avail:
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
               underline=r.underline, color=r.color, font_source=r.font_source, size_source=r.size_source)


# --------------------------------------------------------------------------- entry point

def read_docx(path: str) -> Document:
    """Read a .docx file (bytes already sniffed or not) into the model."""
    with SafeZip(path) as zf:
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
            reader.blocks(body, Where())
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
