"""Tiny OOXML writer for the sample generator: a document model → deterministic .docx bytes.

Why not python-docx: the samples must look like files Word really writes — formatting that
comes from docDefaults, styles and theme fonts, headers laid out with tab stops, lines drawn
as paragraph borders, DrawingML (wps) or VML shapes, PAGE fields in the header — and they must
be byte-for-byte reproducible (fixed zip timestamps, fixed part order). Writing the XML by hand
gives full control over both.

Units in this module: sizes in points (converted to half-points), lengths in twips
(1/20 pt) unless a name says otherwise.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

TWIPS_PER_MM = 56.6929
EMU_PER_TWIP = 635

# --- text width estimate (Times New Roman metrics; Liberation Serif is metric-compatible) -----
_ASCII = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ "
_W_REG = [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778,
          500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389,
          722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 408, 500, 500, 833, 778, 180,
          333, 333, 500, 564, 250, 333, 250, 278, 278, 278, 564, 564, 564, 444, 921, 333, 278, 333, 469, 500, 333, 480, 200,
          480, 541, 250]
_W_BOLD = [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833,
           556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500,
           778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 555, 500, 500, 1000, 833, 278,
           333, 333, 500, 570, 250, 333, 250, 278, 333, 333, 570, 570, 570, 500, 930, 333, 278, 333, 581, 500, 333, 394, 220,
           394, 520, 250]
_WIDTHS = {False: dict(zip(_ASCII, _W_REG)), True: dict(zip(_ASCII, _W_BOLD))}


def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` in Times New Roman, in points (accents ignored, ư/ơ a bit wider)."""
    table = _WIDTHS[bold]
    total = 0.0
    for ch in unicodedata.normalize("NFC", text):
        base = unicodedata.normalize("NFD", ch)[0]
        base = {"Đ": "D", "đ": "d"}.get(base, base)
        w = table.get(base, 500)
        if base in "ƯƠ":
            w = 760
        elif base in "ươ":
            w = 560
        total += w
    return total * size / 1000.0


# --- model --------------------------------------------------------------------------------------
@dataclass
class Shape:
    """A horizontal line drawn under the paragraph's text (wps or VML), centred on ``centre``."""

    kind: Literal["wps", "vml"]
    length: float  # twips
    centre: float  # twips from the left of the column (cell or text area)
    below: float  # twips below the top of the paragraph


@dataclass
class R:
    text: str = ""
    b: bool | None = None
    i: bool | None = None
    size: float | None = None
    font: str | None = None
    color: str | None = None
    caps: bool = False
    shape: Shape | None = None
    field: str | None = None  # "complex:PAGE" | "simple:PAGE": the text is the field result


@dataclass
class P:
    runs: list[R] = field(default_factory=list)
    role: str | None = None  # label for the corpus
    col_roles: list[tuple[str, str]] | None = None  # tab paragraph: one (text, role) per column
    style: str | None = None
    align: str | None = None  # left|center|right|both
    first: int | None = None  # first-line indent, twips (negative = hanging)
    left: int | None = None
    right: int | None = None
    before: int | None = None  # twips
    after: int | None = None
    line: int | None = None  # 240 = single
    line_rule: str = "auto"
    tabs: list[tuple[str, int]] = field(default_factory=list)
    border_bottom: bool = False
    page_break_before: bool = False
    keep_next: bool = False
    sect: "Section | None" = None  # this paragraph ends a section
    mark_size: float | None = None  # paragraph-mark size (empty spacer paragraphs)
    marker: str = ""  # "<!--TRACK-->" / "<!--COMMENT-->": where a defect hooks in

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Cell:
    width: int
    paras: list[P]


@dataclass
class Tbl:
    rows: list[list[Cell]]
    borders: bool = False
    indent: int = 0
    role_cells: bool = False  # data table: label its cells "table-cell"


@dataclass
class Section:
    width_mm: float = 210.0
    height_mm: float = 297.0
    landscape: bool = False
    margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15)  # top, bottom, left, right
    title_pg: bool = True
    restart_numbering: bool = False
    page_number: Literal["header", "footer", "none", "header-all"] = "header"
    number_align: str = "center"
    number_size: float = 14.0
    field_kind: Literal["complex", "simple"] = "complex"

    def text_width(self) -> int:
        w = self.height_mm if self.landscape else self.width_mm
        return round((w - self.margins_mm[2] - self.margins_mm[3]) * TWIPS_PER_MM)


@dataclass
class Styles:
    """How the file's formatting is set up (the inheritance a reader must follow)."""

    mode: Literal["defaults", "theme", "explicit"]
    body_size: float = 14.0
    body_first: int = 720
    body_after: int = 120
    body_before: int = 0
    body_line: int = 240
    normal_font: str = "Times New Roman"  # font of docDefaults/theme (a style-level defect changes it)


@dataclass
class Comment:
    text: str
    author: str = "Phòng Văn hóa - Xã hội"


@dataclass
class DocModel:
    blocks: list  # P | Tbl
    styles: Styles
    final: Section
    tracked: bool = False  # wrap one body run in w:ins and add a w:del
    comment: Comment | None = None
    title: str = ""


# --- XML helpers ----------------------------------------------------------------------------
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
}
_NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items()) + ' mc:Ignorable="w14 wp14"'
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DATE = "2026-05-08T08:00:00Z"


def _hp(size: float) -> str:
    return str(int(round(size * 2)))


def _rpr(r: R, explicit_font: str | None) -> str:
    out = []
    font = r.font or explicit_font
    if font and font != "inherit":
        out.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>')
    if r.b is not None:
        out.append("<w:b/><w:bCs/>" if r.b else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if r.i is not None:
        out.append("<w:i/><w:iCs/>" if r.i else '<w:i w:val="0"/><w:iCs w:val="0"/>')
    if r.caps:
        out.append("<w:caps/>")
    if r.color:
        out.append(f'<w:color w:val="{r.color}"/>')
    if r.size is not None:
        out.append(f'<w:sz w:val="{_hp(r.size)}"/><w:szCs w:val="{_hp(r.size)}"/>')
    out.append('<w:lang w:val="vi-VN"/>')
    return "<w:rPr>" + "".join(out) + "</w:rPr>"


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _shape_xml(s: Shape, ids: _Ids) -> str:
    sid = ids.next()
    cx = int(s.length * EMU_PER_TWIP)
    x = int((s.centre - s.length / 2) * EMU_PER_TWIP)
    y = int(s.below * EMU_PER_TWIP)
    x_pt, y_pt, len_pt = (s.centre - s.length / 2) / 20, s.below / 20, s.length / 20
    vml = (f'<w:pict><v:line id="_x0000_s{1024 + sid}" style="position:absolute;z-index:{sid};'
           f'mso-position-horizontal-relative:text;mso-position-vertical-relative:text" '
           f'from="{x_pt:.2f}pt,{y_pt:.2f}pt" to="{x_pt + len_pt:.2f}pt,{y_pt:.2f}pt" strokeweight=".5pt"/></w:pict>')
    if s.kind == "vml":
        return f"<w:r>{vml}</w:r>"
    drawing = (
        f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{251658240 + sid}" '
        f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{sid}" name="Straight Connector {sid}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'
        f'</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
            f'<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>')


def _text_runs(text: str, rpr: str) -> str:
    """One w:r per text stretch; tabs become w:tab, newlines w:br."""
    out = []
    buf = ""
    for ch in text:
        if ch in "\t\n":
            if buf:
                out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(buf)}</w:t></w:r>')
                buf = ""
            out.append(f"<w:r>{rpr}{'<w:tab/>' if ch == chr(9) else '<w:br/>'}</w:r>")
        else:
            buf += ch
    if buf:
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(buf)}</w:t></w:r>')
    return "".join(out)


def _run_xml(r: R, explicit_font: str | None, ids: _Ids) -> str:
    rpr = _rpr(r, explicit_font)
    if r.shape is not None:
        return _shape_xml(r.shape, ids)
    if r.field:
        kind, instr = r.field.split(":", 1)
        if kind == "simple":
            return f'<w:fldSimple w:instr=" {instr} "><w:r>{rpr}<w:t>{escape(r.text)}</w:t></w:r></w:fldSimple>'
        return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r>{rpr}<w:instrText xml:space="preserve"> {instr} \\* MERGEFORMAT </w:instrText></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r>{rpr}<w:t>{escape(r.text)}</w:t></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')
    return _text_runs(r.text, rpr)


def _sect_xml(s: Section, rels: "_Rels") -> str:
    w = round((s.height_mm if s.landscape else s.width_mm) * TWIPS_PER_MM)
    h = round((s.width_mm if s.landscape else s.height_mm) * TWIPS_PER_MM)
    top, bottom, left, right = (round(m * TWIPS_PER_MM) for m in s.margins_mm)
    refs = []
    if s.page_number != "none":
        num_part = rels.number_part(s)
        empty = rels.empty_part("footer" if s.page_number == "footer" else "header")
        kind = "footer" if s.page_number == "footer" else "header"
        refs.append(f'<w:{kind}Reference w:type="default" r:id="{num_part}"/>')
        if s.title_pg:
            refs.append(f'<w:{kind}Reference w:type="first" r:id="{empty}"/>')
    orient = ' w:orient="landscape"' if s.landscape else ""
    pgnum = '<w:pgNumType w:start="1"/>' if s.restart_numbering else ""
    title = "<w:titlePg/>" if s.title_pg and s.page_number != "none" else ""
    return (f'<w:sectPr>{"".join(refs)}<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="567" w:footer="567" w:gutter="0"/>'
            f'{pgnum}<w:cols w:space="720"/>{title}<w:docGrid w:linePitch="360"/></w:sectPr>')


def _ppr(p: P, rels: "_Rels", explicit: bool) -> str:
    out = []
    if p.style:
        out.append(f'<w:pStyle w:val="{p.style}"/>')
    if p.keep_next:
        out.append("<w:keepNext/>")
    if p.page_break_before:
        out.append("<w:pageBreakBefore/>")
    if p.border_bottom:
        out.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    if p.tabs:
        out.append("<w:tabs>" + "".join(f'<w:tab w:val="{k}" w:pos="{pos}"/>' for k, pos in p.tabs) + "</w:tabs>")
    sp = []
    if p.before is not None:
        sp.append(f'w:before="{p.before}"')
    if p.after is not None:
        sp.append(f'w:after="{p.after}"')
    if p.line is not None:
        sp.append(f'w:line="{p.line}" w:lineRule="{p.line_rule}"')
    if sp:
        out.append(f"<w:spacing {' '.join(sp)}/>")
    ind = []
    if p.left is not None:
        ind.append(f'w:left="{p.left}"')
    if p.right is not None:
        ind.append(f'w:right="{p.right}"')
    if p.first is not None:
        ind.append(f'w:hanging="{-p.first}"' if p.first < 0 else f'w:firstLine="{p.first}"')
    if ind:
        out.append(f"<w:ind {' '.join(ind)}/>")
    if p.align:
        out.append(f'<w:jc w:val="{p.align}"/>')
    if p.mark_size is not None:
        out.append(f'<w:rPr><w:sz w:val="{_hp(p.mark_size)}"/><w:szCs w:val="{_hp(p.mark_size)}"/></w:rPr>')
    if p.sect is not None:
        out.append(_sect_xml(p.sect, rels))
    return "<w:pPr>" + "".join(out) + "</w:pPr>" if out else ""


class _Rels:
    """Header/footer parts a document needs, created on demand and shared by sections."""

    def __init__(self, styles: Styles) -> None:
        self.parts: list[tuple[str, str, str]] = []  # rid, kind, xml
        self.cache: dict[tuple, str] = {}
        self.styles = styles

    def _add(self, kind: str, xml: str, key: tuple) -> str:
        if key in self.cache:
            return self.cache[key]
        rid = f"rId{100 + len(self.parts)}"
        self.parts.append((rid, kind, xml))
        self.cache[key] = rid
        return rid

    def number_part(self, s: Section) -> str:
        kind = "footer" if s.page_number == "footer" else "header"
        font = "Times New Roman" if self.styles.mode == "explicit" else None
        r = R("2", size=s.number_size, field=f"{s.field_kind}:PAGE")
        p = P([r], style=kind.capitalize(), align=s.number_align)
        tag = "ftr" if kind == "footer" else "hdr"
        xml = f"{XML_HEAD}<w:{tag} {_NSDECL}>{_para_xml(p, self, font, _Ids())}</w:{tag}>"
        return self._add(kind, xml, (kind, s.number_size, s.number_align, s.field_kind))

    def empty_part(self, kind: str) -> str:
        tag = "ftr" if kind == "footer" else "hdr"
        xml = f'{XML_HEAD}<w:{tag} {_NSDECL}><w:p><w:pPr><w:pStyle w:val="{kind.capitalize()}"/></w:pPr></w:p></w:{tag}>'
        return self._add(kind, xml, (kind, "empty"))


def _para_xml(p: P, rels: _Rels, font: str | None, ids: _Ids, tracked: bool = False) -> str:
    runs = "".join(_run_xml(r, font, ids) for r in p.runs)
    return f"<w:p>{_ppr(p, rels, font is not None)}{runs}</w:p>"


def _tbl_xml(t: Tbl, rels: _Rels, font: str | None, ids: _Ids) -> str:
    widths = [c.width for c in t.rows[0]]
    val = "single" if t.borders else "none"
    bd = "".join(f'<w:{e} w:val="{val}" w:sz="4" w:space="0" w:color="000000"/>'
                 for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="{t.indent}" w:type="dxa"/>'
           f'<w:tblBorders>{bd}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
           f'<w:tblGrid>{"".join(f"<w:gridCol w:w={quoteattr(str(w))}/>" for w in widths)}</w:tblGrid>']
    for row in t.rows:
        out.append("<w:tr>" + ("<w:trPr><w:cantSplit/></w:trPr>" if not t.borders else ""))
        for c in row:
            paras = "".join(_para_xml(p, rels, font, ids) for p in c.paras) or "<w:p/>"
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{c.width}" w:type="dxa"/></w:tcPr>{paras}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _tracked(xml: str) -> str:
    """Make the marked paragraph's first run a tracked insertion and add a tracked deletion
    (what a clerk leaves behind when "Track Changes" stays on)."""
    marker = "<!--TRACK-->"
    i = xml.find(marker)
    if i < 0:
        return xml
    j = xml.find("<w:r>", i)
    k = xml.find("</w:r>", j) + len("</w:r>")
    run = xml[j:k]
    ins = f'<w:ins w:id="901" w:author="Nguyễn Thị Hoa" w:date="2026-05-07T16:20:00Z">{run}</w:ins>'
    dele = ('<w:del w:id="902" w:author="Nguyễn Thị Hoa" w:date="2026-05-07T16:21:00Z"><w:r><w:rPr><w:lang w:val="vi-VN"/></w:rPr>'
            '<w:delText xml:space="preserve"> (bản dự thảo lần 2)</w:delText></w:r></w:del>')
    return xml[:i] + xml[i + len(marker):j] + ins + dele + xml[k:]


def _commented(xml: str) -> str:
    marker = "<!--COMMENT-->"
    i = xml.find(marker)
    if i < 0:
        return xml
    j = xml.find("<w:r>", i)
    k = xml.find("</w:r>", j) + len("</w:r>")
    body = ('<w:commentRangeStart w:id="0"/>' + xml[j:k] + '<w:commentRangeEnd w:id="0"/>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r>')
    return xml[:i] + xml[i + len(marker):j] + body + xml[k:]


def document_xml(model: DocModel, rels: _Rels) -> str:
    font = "Times New Roman" if model.styles.mode == "explicit" else None
    ids = _Ids()
    parts = []
    for b in model.blocks:
        if isinstance(b, Tbl):
            parts.append(_tbl_xml(b, rels, font, ids))
        else:
            x = _para_xml(b, rels, font, ids)
            if b.marker:
                x = x.replace("<w:p>", "<w:p>" + b.marker, 1)
            parts.append(x)
    body = "".join(parts)
    if model.tracked:
        body = _tracked(body)
    if model.comment is not None:
        body = _commented(body)
    body = body.replace("<!--TRACK-->", "").replace("<!--COMMENT-->", "")
    sect = _sect_xml(model.final, rels)
    return f"{XML_HEAD}<w:document {_NSDECL}><w:body>{body}{sect}</w:body></w:document>"


def styles_xml(st: Styles) -> str:
    body_hp = _hp(st.body_size)
    if st.mode == "explicit":  # Word 2016 defaults: Calibri 11 from the theme; runs carry their own font
        rdef = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
                '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>')
        pdef = '<w:spacing w:after="160" w:line="259" w:lineRule="auto"/>'
        normal_ppr = ""
        normal_rpr = ""
    elif st.mode == "theme":
        rdef = ('<w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
                f'<w:sz w:val="{body_hp}"/><w:szCs w:val="{body_hp}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>')
        pdef = '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        normal_ppr = (f'<w:pPr><w:spacing w:before="{st.body_before}" w:after="{st.body_after}" w:line="{st.body_line}" w:lineRule="auto"/>'
                      f'<w:ind w:firstLine="{st.body_first}"/><w:jc w:val="both"/></w:pPr>')
        normal_rpr = ""
    else:
        f = st.normal_font
        rdef = (f'<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}"/>'
                f'<w:sz w:val="{body_hp}"/><w:szCs w:val="{body_hp}"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>')
        pdef = '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        normal_ppr = (f'<w:pPr><w:spacing w:before="{st.body_before}" w:after="{st.body_after}" w:line="{st.body_line}" w:lineRule="auto"/>'
                      f'<w:ind w:firstLine="{st.body_first}"/><w:jc w:val="both"/></w:pPr>')
        normal_rpr = ""
    extra = ""
    if st.mode != "explicit":
        extra = ('<w:style w:type="paragraph" w:customStyle="1" w:styleId="CanCu"><w:name w:val="Can cu"/><w:basedOn w:val="Normal"/>'
                 '<w:qFormat/><w:rPr><w:i/><w:iCs/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:customStyle="1" w:styleId="NoiNhan"><w:name w:val="Noi nhan"/><w:basedOn w:val="Normal"/>'
                 '<w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr>'
                 '<w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>')
    return (f'{XML_HEAD}<w:styles {_NSDECL}><w:docDefaults><w:rPrDefault><w:rPr>{rdef}</w:rPr></w:rPrDefault>'
            f'<w:pPrDefault><w:pPr>{pdef}</w:pPr></w:pPrDefault></w:docDefaults>'
            f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>{normal_ppr}{normal_rpr}</w:style>'
            '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
            '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
            '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>'
            '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
            '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs>'
            '<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
            '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs>'
            '<w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/></w:pPr></w:style>'
            '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
            '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
            f'{extra}</w:styles>')


def theme_xml(minor: str) -> str:
    """A trimmed Office theme whose fonts resolve minorHAnsi to ``minor``."""
    clr = "".join(f'<a:{n}><a:srgbClr val="{v}"/></a:{n}>' for n, v in (
        ("accent1", "4472C4"), ("accent2", "ED7D31"), ("accent3", "A5A5A5"), ("accent4", "FFC000"),
        ("accent5", "5B9BD5"), ("accent6", "70AD47"), ("hlink", "0563C1"), ("folHlink", "954F72")))
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    ln = f'<a:ln w="6350">{fill}</a:ln>'
    return (f'{XML_HEAD}<a:theme xmlns:a="{NS["a"]}" name="Office Theme"><a:themeElements>'
            '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
            '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>'
            f'<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>{clr}</a:clrScheme>'
            f'<a:fontScheme name="Office"><a:majorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
            f'<a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="Office"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>'
            f'<a:lnStyleLst>{ln}{ln}{ln}</a:lnStyleLst>'
            '<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>'
            '<a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>'
            f'<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>')


def build_docx(model: DocModel) -> bytes:
    """Serialise ``model`` into a deterministic .docx (fixed timestamps and part order)."""
    rels = _Rels(model.styles)
    doc = document_xml(model, rels)
    minor = {"explicit": "Calibri", "theme": "Times New Roman", "defaults": "Calibri"}[model.styles.mode]
    files: list[tuple[str, str]] = []
    ct = [('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
           '<Default Extension="xml" ContentType="application/xml"/>'
           '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
           '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
           '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
           '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
           '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
           '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>')]
    drels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>',
             '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>']
    n = {"header": 0, "footer": 0}
    for rid, kind, xml in rels.parts:
        n[kind] += 1
        name = f"{kind}{n[kind]}.xml"
        files.append((f"word/{name}", xml))
        ct.append(f'<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>')
        drels.append(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>')
    if model.comment is not None:
        files.append(("word/comments.xml",
                      f'{XML_HEAD}<w:comments {_NSDECL}><w:comment w:id="0" w:author={quoteattr(model.comment.author)} '
                      f'w:date="2026-05-07T15:00:00Z" w:initials="VHXH"><w:p><w:r><w:t xml:space="preserve">{escape(model.comment.text)}</w:t></w:r></w:p>'
                      f'</w:comment></w:comments>'))
        ct.append('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>')
        drels.append('<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>')
    settings = (f'{XML_HEAD}<w:settings {_NSDECL}><w:zoom w:percent="100"/>'
                + ("<w:trackRevisions/>" if model.tracked else "")
                + '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
                '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
                '</w:settings>')
    core = (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(model.title)}</dc:title><dc:creator>Văn thư</dc:creator><cp:lastModifiedBy>Văn thư</cp:lastModifiedBy>'
            f'<cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{DATE}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DATE}</dcterms:modified></cp:coreProperties>')
    app = (f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion></Properties>')
    pkg = [
        ("[Content_Types].xml", f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{"".join(ct)}</Types>'),
        ("_rels/.rels", f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
                        '</Relationships>'),
        ("word/document.xml", doc),
        ("word/_rels/document.xml.rels", f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(drels)}</Relationships>'),
        ("word/styles.xml", styles_xml(model.styles)),
        ("word/settings.xml", settings),
        ("word/theme/theme1.xml", theme_xml(minor)),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
    ] + files
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in pkg:
            info = zipfile.ZipInfo(name, date_time=(2026, 5, 8, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, xml.encode("utf-8"))
    return buf.getvalue()
