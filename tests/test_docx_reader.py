"""DOCX reader on documents whose XML is written out here, so each expectation is traceable."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import document_xml, part_xml, write_docx
from nd30check.readers import read_document
from nd30check.readers.docx import read_docx

THEME = b"""<?xml version="1.0"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T">
<a:themeElements><a:fontScheme name="F"><a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/><a:cs typeface=""/>
</a:majorFont><a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface="Arial"/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""

STYLES = part_xml("styles", """
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>
<w:sz w:val="24"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>
<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/><w:spacing w:before="120" w:after="0"/></w:pPr>
  <w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Derived"><w:name w:val="Derived Style"/><w:basedOn w:val="Base"/>
  <w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/><w:basedOn w:val="Loop2"/><w:rPr><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="paragraph" w:styleId="Ctx"><w:name w:val="Ctx"/><w:pPr><w:contextualSpacing/>
  <w:spacing w:before="240" w:after="240"/></w:pPr></w:style>
<w:style w:type="numbering" w:styleId="ListeDieu"><w:name w:val="Liste Dieu"/>
  <w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/>
  <w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Arial"><w:name w:val="Arial char"/>
  <w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="FF0000"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>
  <w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>
  <w:rPr><w:sz w:val="22"/></w:rPr>
  <w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>
""")

SETTINGS = part_xml("settings", '<w:defaultTabStop w:val="720"/>')


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def sect(extra: str = "", w: int = 11906, h: int = 16838, refs: str = "") -> str:
    return (f'<w:sectPr>{refs}<w:pgSz w:w="{w}" w:h="{h}"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" '
            f'w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>{extra}</w:sectPr>')


def make(tmp_path: Path, body: str, name: str = "t.docx", section: str | None = None, **kw) -> Path:
    parts = {"styles.xml": STYLES, "theme/theme1.xml": THEME, "settings.xml": SETTINGS}
    parts.update(kw.pop("parts", {}))
    return write_docx(tmp_path / name, document_xml(body, sect() if section is None else section), parts, **kw)


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.container not in ("header", "footer")]


# ------------------------------------------------------------------ run formatting

def test_style_chain_theme_font_and_sizes(tmp_path: Path) -> None:
    doc = read_docx(str(make(tmp_path, para("Việt Nam", '<w:pStyle w:val="Derived"/>'))))
    p = doc.paragraphs[0]
    r = p.runs[0]
    assert (r.font, r.font_source) == ("Times New Roman", "theme")  # docDefaults → minorHAnsi
    assert (r.size, r.size_source) == (14.0, "style:Derived Style")  # Base sz=28 through basedOn
    assert r.bold is True and r.italic is True
    assert p.style == "Derived Style"
    # paragraph props through the chain + docDefaults
    assert p.alignment == "justify" and p.first_line_indent == 36.0
    assert p.space_before == 6.0 and p.space_after == 12.0
    assert p.line_rule == "auto" and p.line_spacing == pytest.approx(259 / 240)


def test_docdefaults_size_and_default_when_nothing_declared(tmp_path: Path) -> None:
    doc = read_docx(str(make(tmp_path, para("abc"))))
    r = doc.paragraphs[0].runs[0]
    assert (r.size, r.size_source) == (12.0, "docDefaults")
    bare = write_docx(tmp_path / "bare.docx", document_xml(para("abc")))
    r2 = read_docx(str(bare)).paragraphs[0].runs[0]
    assert r2.size == 10.0 and r2.size_source == "default" and r2.font is None  # Word's own default, no font known


def test_bold_toggles_between_paragraph_and_character_style(tmp_path: Path) -> None:
    body = (para("style bold, char style bold → off", '<w:pStyle w:val="Base"/>', '<w:rStyle w:val="Strong"/>')
            + para("char style bold only", "", '<w:rStyle w:val="Strong"/>')
            + para("direct off", '<w:pStyle w:val="Base"/>', '<w:b w:val="0"/>')
            + para("direct false", '<w:pStyle w:val="Base"/>', '<w:b w:val="false"/>')
            + para("direct on over toggled", '<w:pStyle w:val="Base"/>', '<w:rStyle w:val="Strong"/><w:b/>'))
    doc = read_docx(str(make(tmp_path, body)))
    assert [p.runs[0].bold for p in doc.paragraphs] == [False, True, False, False, True]


def test_caps_colour_underline_and_char_style_font(tmp_path: Path) -> None:
    body = (para("quốc hiệu", "", "<w:caps/>") + para("nhỏ", "", "<w:smallCaps/>")
            + para("đỏ", "", '<w:rStyle w:val="Arial"/>') + para("auto", "", '<w:color w:val="auto"/>')
            + para("gạch", "", '<w:u w:val="single"/>') + para("không gạch", "", '<w:u w:val="none"/>'))
    doc = read_docx(str(make(tmp_path, body)))
    ps = doc.paragraphs
    assert ps[0].runs[0].caps and ps[0].shown_text == "QUỐC HIỆU" and ps[0].text == "quốc hiệu"
    assert ps[1].runs[0].caps
    assert (ps[2].runs[0].font, ps[2].runs[0].color, ps[2].runs[0].font_source) == ("Arial", "FF0000", "style:Arial char")
    assert ps[3].runs[0].color is None
    assert ps[4].runs[0].underline and not ps[5].runs[0].underline


def test_font_slot_chosen_by_characters(tmp_path: Path) -> None:
    fonts = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Arial" w:cs="Tahoma"/><w:sz w:val="26"/><w:szCs w:val="20"/>'
    body = (para("abc 123", "", fonts) + para("Tiếng Việt", "", fonts)
            + para("abc", "", fonts + "<w:rtl/>") + para("Tiêu đề", "", '<w:rFonts w:hAnsiTheme="majorHAnsi"/>'))
    doc = read_docx(str(make(tmp_path, body)))
    rs = [p.runs[0] for p in doc.paragraphs]
    assert rs[0].font == "Times New Roman" and rs[0].size == 13.0  # pure ASCII → w:ascii
    assert rs[1].font == "Arial"  # Vietnamese letters are in the hAnsi range
    assert rs[2].font == "Tahoma" and rs[2].size == 10.0  # complex script → cs font and szCs
    assert rs[3].font == "Cambria" and rs[3].font_source == "theme"


def test_basedon_cycle_does_not_hang(tmp_path: Path) -> None:
    doc = read_docx(str(make(tmp_path, para("x", '<w:pStyle w:val="Loop1"/>'))))
    assert doc.paragraphs[0].runs[0].size == 15.0


# ------------------------------------------------------------------ paragraph layout

def test_indents_spacing_line_rules_and_alignment(tmp_path: Path) -> None:
    body = (para("a", '<w:ind w:left="1440" w:hanging="360"/><w:jc w:val="distribute"/>')
            + para("b", '<w:ind w:start="720" w:end="360" w:firstLine="567"/><w:jc w:val="end"/>')
            + para("c", '<w:spacing w:beforeAutospacing="1" w:before="0" w:after="120" w:line="360" w:lineRule="auto"/>')
            + para("d", '<w:spacing w:line="320" w:lineRule="exact"/><w:jc w:val="start"/>')
            + para("e", '<w:spacing w:line="300" w:lineRule="atLeast"/><w:ind w:firstLineChars="200"/>'))
    ps = read_docx(str(make(tmp_path, body))).paragraphs
    assert (ps[0].left_indent, ps[0].first_line_indent, ps[0].alignment) == (72.0, -18.0, "justify")
    assert (ps[1].left_indent, ps[1].right_indent, ps[1].first_line_indent, ps[1].alignment) == (36.0, 18.0, 28.35, "right")
    assert (ps[2].space_before, ps[2].space_after, ps[2].line_spacing, ps[2].line_rule) == (14.0, 6.0, 1.5, "auto")
    assert (ps[3].line_spacing, ps[3].line_rule, ps[3].alignment) == (16.0, "exact", "left")
    assert (ps[4].line_spacing, ps[4].line_rule) == (15.0, "atLeast")
    assert ps[4].first_line_indent == pytest.approx(24.0)  # 2 characters of a 12 pt run


def test_contextual_spacing_between_same_style(tmp_path: Path) -> None:
    body = para("x") + para("a", '<w:pStyle w:val="Ctx"/>') + para("b", '<w:pStyle w:val="Ctx"/>') + para("y")
    ps = read_docx(str(make(tmp_path, body))).paragraphs
    assert (ps[1].space_before, ps[1].space_after) == (12.0, 0.0)
    assert (ps[2].space_before, ps[2].space_after) == (0.0, 12.0)


# ------------------------------------------------------------------ numbering

NUMBERING = part_xml("numbering", """
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
   <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="ListeDieu"/></w:abstractNum>
<w:abstractNum w:abstractNumId="5"><w:styleLink w:val="ListeDieu"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl></w:abstractNum>
<w:num w:numId="6"><w:abstractNumId w:val="5"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num>
""")


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return para(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def test_numbering_labels_are_rendered(tmp_path: Path) -> None:
    body = (numbered("Một", 1) + numbered("Hai", 1) + numbered("con a", 1, 1) + numbered("con b", 1, 1)
            + numbered("cháu", 1, 2) + numbered("Ba", 1) + numbered("con a lại", 1, 1)
            + numbered("UBND", 2) + numbered("Phần", 3) + numbered("Phần", 3)
            + numbered("Năm", 4) + numbered("chấm", 5) + para("không", '<w:numPr><w:numId w:val="0"/></w:numPr>'))
    doc = read_docx(str(make(tmp_path, body, parts={"numbering.xml": NUMBERING})))
    assert [p.numbering for p in doc.paragraphs] == [
        "1.", "2.", "a)", "b)", "2.1.", "3.", "a)", "-", "I.", "II.", "5.", "•", None]
    assert doc.paragraphs[0].text == "1. Một"
    assert doc.paragraphs[0].left_indent == 36.0 and doc.paragraphs[0].first_line_indent == -18.0  # from the level


# ------------------------------------------------------------------ tables, columns, splits

HEADER_TABLE = """<w:tbl><w:tblPr><w:tblW w:w="9639" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="none"/>
</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="3969"/><w:gridCol w:w="5670"/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:tcW w:w="3969" w:type="dxa"/></w:tcPr>{left}</w:tc>
<w:tc><w:tcPr><w:tcW w:w="5670" w:type="dxa"/></w:tcPr>{right}</w:tc></w:tr></w:tbl>"""

DATA_TABLE = """<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="3000"/>
<w:gridCol w:w="3000"/></w:tblGrid>
<w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tên</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>Ghi chú</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>
<w:tbl><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>sau bảng lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"""


def test_header_layout_table_gives_left_and_right_columns(tmp_path: Path) -> None:
    left = para("ỦY BAN NHÂN DÂN", '<w:jc w:val="center"/>', "<w:b/>") + para(
        "", '<w:pBdr><w:bottom w:val="single" w:sz="6"/></w:pBdr><w:ind w:left="1000" w:right="1000"/>')
    right = para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", '<w:jc w:val="center"/>', "<w:b/>")
    doc = read_docx(str(make(tmp_path, HEADER_TABLE.format(left=left, right=right) + para("Nội dung"))))
    ps = doc.paragraphs
    assert [(p.text, p.column, p.container) for p in ps[:3:2]] == [
        ("ỦY BAN NHÂN DÂN", "left", "table"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", "table")]
    assert ps[0].cell.table == 0 and (ps[2].cell.row, ps[2].cell.col) == (0, 1)
    assert ps[3].column == "full" and ps[3].cell is None
    t = doc.tables[0]
    assert (t.rows, t.cols, t.has_borders, t.is_data_table) == (1, 2, False, False)
    assert doc.sections[0].has_data_table is False
    # bottom border under the empty paragraph: cell width − cell margins − indents
    (h,) = doc.hlines_under(ps[1])
    assert h.kind == "border" and ps[1].border_bottom is h
    assert h.length == pytest.approx(3969 / 20 - 10.8 - 100, abs=0.01)


def test_data_table_nested_table_and_table_style(tmp_path: Path) -> None:
    doc = read_docx(str(make(tmp_path, DATA_TABLE)))
    assert [(t.rows, t.cols, t.has_borders, t.nested_in) for t in doc.tables] == [(2, 3, True, None), (1, 1, False, 0)]
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["lồng"].cell.table == 1 and by_text["sau bảng lồng"].cell.table == 0
    assert by_text["sau bảng lồng"].cell.col == 1
    assert [p.text for p in doc.paragraphs] == ["STT", "Tên", "Ghi chú", "1", "lồng", "sau bảng lồng"]
    assert by_text["STT"].runs[0].bold is True and by_text["1"].runs[0].bold is False  # firstRow conditional
    assert by_text["1"].runs[0].size == 11.0 and by_text["1"].runs[0].size_source == "table-style:Grid"
    assert all(p.column == "full" for p in doc.paragraphs)
    assert doc.sections[0].has_data_table is True


def test_tab_separated_header_and_signature_lines_are_split(tmp_path: Path) -> None:
    tabs_center = '<w:tabs><w:tab w:val="center" w:pos="6800"/></w:tabs>'
    body = (para("UBND XÃ A\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", tabs_center)
            + para("Căn cứ\tLuật", "")  # default tab stop at 36 pt: ordinary text
            + para("Căn cứ Luật Tổ chức chính quyền địa phương\t...;", '<w:tabs><w:tab w:val="left" w:leader="dot" w:pos="8500"/></w:tabs>')
            + "<w:p><w:r><w:t>Nơi nhận:</w:t></w:r><w:r><w:tab/><w:tab/><w:tab/><w:tab/><w:tab/><w:tab/>"
              "<w:t>TM. ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"
            + para("\t\t\t\t\t\t\tCHỦ TỊCH"))
    doc = read_docx(str(make(tmp_path, body)))
    ps = doc.paragraphs
    assert [(p.text, p.column, p.extra.get("split_from")) for p in ps] == [
        ("UBND XÃ A", "left", 0), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", 0),
        ("Căn cứ\tLuật", "full", None),
        ("Căn cứ Luật Tổ chức chính quyền địa phương\t...;", "full", None),
        ("Nơi nhận:", "left", 3), ("TM. ỦY BAN NHÂN DÂN", "right", 3),
        ("CHỦ TỊCH", "right", None),
    ]
    assert [p.index for p in ps] == list(range(len(ps)))
    assert ps[1].left_indent > 0.4 * (595.3 - 85.05 - 42.55)


# ------------------------------------------------------------------ sections and page numbers

def header(inner: str, root: str = "hdr") -> bytes:
    return part_xml(root, inner)


SIMPLE_PAGE = header('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">'
                     '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>'
                     '</w:rPr><w:t>2</w:t></w:r></w:fldSimple></w:p>')
COMPLEX_PAGE = header('<w:p><w:pPr><w:jc w:val="right"/></w:pPr>'
                      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="26"/></w:rPr>'
                      '<w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
                      '<w:r><w:t xml:space="preserve"> / </w:t></w:r>'
                      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES </w:instrText></w:r>'
                      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
                      '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>', "ftr")
EMPTY_HDR = header("<w:p/>")


def test_sections_titlepg_and_page_fields(tmp_path: Path) -> None:
    refs1 = ('<w:headerReference w:type="default" r:id="hdr1"/><w:headerReference w:type="first" r:id="hdr2"/>')
    s1 = sect("<w:titlePg/>", refs=refs1)
    s2 = sect("", w=16838, h=11906, refs='<w:footerReference w:type="default" r:id="ftr3"/>')
    body = para("Trang đầu") + f"<w:p><w:pPr>{s1}</w:pPr><w:r><w:t>cuối mục 1</w:t></w:r></w:p>" + para("Mục 2")
    path = make(tmp_path, body, section=s2, headers={"hdr1": SIMPLE_PAGE, "hdr2": EMPTY_HDR, "ftr3": COMPLEX_PAGE})
    doc = read_docx(str(path))
    s0, s1_ = doc.sections
    assert (s0.page_width, s0.page_height, s0.orientation, s0.title_page) == (595.3, 841.9, "portrait", True)
    assert (s0.margin_top, s0.margin_left, s0.margin_right) == (56.7, 85.05, 42.55)
    assert s1_.orientation == "landscape" and s1_.title_page is False
    (f0,) = s0.page_numbers
    assert (f0.where, f0.alignment, f0.size, f0.font, f0.first_page, f0.text) == (
        "header", "center", 14.0, "Times New Roman", False, "2")
    # section 2 inherits the headers of section 1 and adds its footer; no titlePg → page 1 numbered
    wheres = sorted((f.where, f.alignment, f.first_page, f.size) for f in s1_.page_numbers)
    assert wheres == [("footer", "right", True, 13.0), ("header", "center", True, 14.0)]
    assert (s0.first_paragraph, s0.last_paragraph, s1_.first_paragraph) == (0, 1, 2)
    assert [p.section for p in doc.body_paragraphs()] == [0, 0, 1]
    hdr = [p for p in doc.paragraphs if p.container in ("header", "footer")]
    assert {p.text for p in hdr} >= {"2", "1 / 3"}  # field results are shown, instructions are not
    assert doc.capabilities >= {"styles", "tracked-changes", "margins-declared", "page-number-fields"}


def test_roman_page_numbers_are_not_arabic(tmp_path: Path) -> None:
    s = sect('<w:pgNumType w:fmt="upperRoman"/>', refs='<w:headerReference w:type="default" r:id="hdr1"/>')
    doc = read_docx(str(make(tmp_path, para("x"), section=s, headers={"hdr1": SIMPLE_PAGE})))
    assert doc.sections[0].page_numbers[0].arabic is False


# ------------------------------------------------------------------ lines

DRAWING_LINE = """<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0"
 distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
 <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>720000</wp:posOffset></wp:positionH>
 <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
 <wp:extent cx="1080000" cy="0"/><wp:docPr id="1" name="Line 1"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/><wps:spPr>
 <a:xfrm><a:off x="0" y="0"/><a:ext cx="1080000" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>
 </wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:line from="56.7pt,0" to="141.7pt,0"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
VML_LINE = '<w:r><w:pict><v:line from="10pt,5pt" to="130pt,5pt" strokeweight=".5pt"/></w:pict></w:r>'
VML_SHAPE = ('<w:r><w:pict><v:shape type="#_x0000_t32" style="position:absolute;width:2in;height:0"/>'
             '<v:line from="0,0" to="0,100pt"/></w:pict></w:r>')
VERTICAL = DRAWING_LINE.replace('cx="1080000" cy="0"', 'cx="0" cy="1080000"')


def test_drawing_vml_and_underline_lines(tmp_path: Path) -> None:
    body = (f"<w:p><w:r><w:t>TÊN CƠ QUAN</w:t></w:r>{DRAWING_LINE}</w:p>"
            f"<w:p>{VML_LINE}</w:p><w:p>{VML_SHAPE}</w:p><w:p>{VERTICAL}</w:p>"
            + para("          ", "", '<w:u w:val="single"/><w:sz w:val="28"/>') + para("______", "", '<w:sz w:val="28"/>'))
    doc = read_docx(str(make(tmp_path, body)))
    lines = [(h.kind, round(h.length, 2), h.paragraph) for h in doc.hlines]
    assert lines == [("shape", 85.04, 0), ("vml", 120.0, 1), ("vml", 144.0, 2),
                     ("underline", 35.0, 4), ("underline", 42.0, 5)]


# ------------------------------------------------------------------ text, changes, comments

COMMENTS = part_xml("comments", '<w:comment w:id="0"><w:p/></w:comment><w:comment w:id="1"><w:p/></w:comment>')


def test_text_extraction_tracked_changes_and_comments(tmp_path: Path) -> None:
    body = ("<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>Giữ </w:t></w:r>"
            "<w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>mới</w:t></w:r></w:ins>"
            "<w:del w:id=\"2\" w:author=\"A\"><w:r><w:delText>cũ</w:delText></w:r></w:del>"
            "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"3\" w:author=\"A\"><w:rPr/></w:rPrChange></w:rPr>"
            "<w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t><w:noBreakHyphen/><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/></w:r>"
            "<w:hyperlink r:id=\"x\"><w:r><w:t> link</w:t></w:r></w:hyperlink>"
            "<w:sdt><w:sdtContent><w:r><w:t> sdt</w:t></w:r></w:sdtContent></w:sdt>"
            "<w:smartTag><w:r><w:t> tag</w:t></w:r></w:smartTag>"
            "<w:moveFrom><w:r><w:t>chuyển đi</w:t></w:r></w:moveFrom>"
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>"
            "<w:r><w:t>Vie\u0302\u0323t</w:t></w:r></w:p>")
    doc = read_docx(str(make(tmp_path, body, parts={"comments.xml": COMMENTS})))
    (p,) = doc.paragraphs
    assert p.text == "Giữ mới\ta\nb-\u00b7 link sdt tagViệt"
    assert "cũ" not in p.text and "chuyển đi" not in p.text and "ẩn" not in p.text
    assert doc.tracked_changes == 4  # ins, del, rPrChange, moveFrom
    assert doc.comments == 2


def test_textbox_read_once_not_twice_with_vml_fallback(tmp_path: Path) -> None:
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="100" cy="100"/>'
           '<a:graphic><a:graphicData><wps:wsp><wps:spPr><a:prstGeom prst="rect"/></wps:spPr><wps:txbx><w:txbxContent>'
           '<w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
           '</wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox><w:txbxContent><w:p><w:r>'
           '<w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>')
    doc = read_docx(str(make(tmp_path, f"<w:p><w:r><w:t>Ngoài</w:t></w:r>{box}</w:p>" + para("Sau"))))
    assert [(p.text, p.container) for p in doc.paragraphs] == [
        ("Ngoài", "body"), ("Trong hộp", "textbox"), ("Sau", "body")]


def test_pages_from_rendered_and_hard_breaks(tmp_path: Path) -> None:
    body = (para("một") + '<w:p><w:r><w:t>a</w:t><w:br w:type="page"/></w:r></w:p>'
            + '<w:p><w:r><w:lastRenderedPageBreak/><w:t>hai</w:t></w:r></w:p>'
            + '<w:p><w:r><w:lastRenderedPageBreak/><w:t>ba</w:t></w:r></w:p>'
            + para("bốn", "<w:pageBreakBefore/>")
            + '<w:p><w:r><w:br w:type="page"/><w:t>năm</w:t></w:r></w:p>')
    doc = read_docx(str(make(tmp_path, body)))
    # the mark Word writes at the top of the page after a hard break is not counted twice;
    # a paragraph that starts with a break is on the new page
    assert [p.page for p in doc.paragraphs] == [1, 1, 2, 3, 4, 5]
    assert doc.page_count == 5 and doc.sections[0].pages == [1, 2, 3, 4, 5]


def test_pages_without_rendered_marks_only_sure_page_one(tmp_path: Path) -> None:
    body = "".join(para(f"Đoạn {i} " + "chữ " * 40) for i in range(60))
    ps = read_docx(str(make(tmp_path, body))).paragraphs
    assert ps[0].page == 1 and ps[-1].page is None
    known = [p.page for p in ps if p.page is not None]
    assert known == [1] * len(known) and 3 <= len(known) < 30


def test_read_document_dispatches_on_bytes(tmp_path: Path) -> None:
    path = make(tmp_path, para("Xin chào"), name="ten-sai.pdf")
    doc = read_document(str(path))
    assert doc.kind == "docx" and doc.paragraphs[0].text == "Xin chào"


GROUP_LINE = """<w:r><w:drawing><wp:anchor><wp:extent cx="2000000" cy="200000"/><a:graphic><a:graphicData>
<wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:grpSpPr><a:xfrm>
<a:off x="0" y="0"/><a:ext cx="2000000" cy="200000"/><a:chOff x="0" y="0"/><a:chExt cx="1000000" cy="100000"/>
</a:xfrm></wpg:grpSpPr><wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="500000" cy="0"/>
</a:xfrm><a:prstGeom prst="straightConnector1"/></wps:spPr></wps:wsp>
<wps:wsp><wps:spPr><a:prstGeom prst="rect"/></wps:spPr></wps:wsp></wpg:wgp></a:graphicData></a:graphic>
</wp:anchor></w:drawing></w:r>"""


def test_line_inside_a_drawing_group_is_scaled(tmp_path: Path) -> None:
    doc = read_docx(str(make(tmp_path, f"<w:p>{GROUP_LINE}</w:p>")))
    assert [(h.kind, round(h.length, 2)) for h in doc.hlines] == [("shape", round(1_000_000 / 12700, 2))]


def test_alt_chunk_is_noted(tmp_path: Path) -> None:
    doc = read_docx(str(make(tmp_path, para("a") + '<w:altChunk r:id="x"/>')))
    assert any("altChunk" in n for n in doc.reader_notes)


def test_section_break_type_is_read_from_the_next_section(tmp_path: Path) -> None:
    body = (f"<w:p><w:pPr>{sect()}</w:pPr><w:r><w:t>một</w:t></w:r></w:p>"
            + f"<w:p><w:pPr>{sect()}</w:pPr><w:r><w:lastRenderedPageBreak/><w:t>hai</w:t></w:r></w:p>"
            + para("vẫn hai"))
    # section 2 starts on a new page (its own sectPr has no type: nextPage); the last section
    # is continuous, so the paragraph after the second break stays on page 2
    doc = read_docx(str(make(tmp_path, body, section=sect('<w:type w:val="continuous"/>'))))
    assert [p.page for p in doc.paragraphs] == [1, 2, 2]
    assert [p.section for p in doc.paragraphs] == [0, 1, 2]


def test_direct_list_indent_outranks_style_indent(tmp_path: Path) -> None:
    body = para("x", '<w:pStyle w:val="Base"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')
    p = read_docx(str(make(tmp_path, body, parts={"numbering.xml": NUMBERING}))).paragraphs[0]
    assert (p.left_indent, p.first_line_indent) == (36.0, -18.0)  # the level's, not Base's firstLine 720


def test_header_typed_with_centre_tabs_and_lines_routed_by_position(tmp_path: Path) -> None:
    tabs = '<w:tabs><w:tab w:val="center" w:pos="1964"/><w:tab w:val="center" w:pos="6641"/></w:tabs>'
    line_l = '<w:r><w:pict><v:line style="position:absolute" from="75pt,16pt" to="125pt,16pt"/></w:pict></w:r>'
    line_r = '<w:r><w:pict><v:line style="position:absolute" from="247pt,16pt" to="417pt,16pt"/></w:pict></w:r>'
    body = (f'<w:p><w:pPr>{tabs}</w:pPr><w:r><w:tab/><w:t>ỦY BAN NHÂN DÂN</w:t><w:tab/>'
            f'<w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>'
            f'<w:p><w:pPr>{tabs}</w:pPr><w:r><w:tab/><w:t>XÃ A</w:t><w:tab/><w:t>Độc lập - Tự do - Hạnh phúc</w:t></w:r>'
            f'{line_l}{line_r}</w:p>'
            f'<w:p><w:pPr>{tabs}</w:pPr><w:r><w:tab/><w:t>V/v số hóa</w:t></w:r></w:p>')
    doc = read_docx(str(make(tmp_path, body)))
    ps = doc.paragraphs
    assert [(p.text, p.column, p.alignment) for p in ps] == [
        ("ỦY BAN NHÂN DÂN", "left", "center"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "right", "center"),
        ("XÃ A", "left", "center"), ("Độc lập - Tự do - Hạnh phúc", "right", "center"),
        ("V/v số hóa", "left", "center")]
    assert [(h.paragraph, h.length, h.x0, h.x1) for h in doc.hlines] == [
        (2, 50.0, 85.05 + 75, 85.05 + 125), (3, 170.0, 85.05 + 247, 85.05 + 417)]


def test_list_style_links_and_legal_numbering(tmp_path: Path) -> None:
    body = numbered("Phạm vi", 7) + numbered("khoản", 7, 1) + numbered("Đối tượng", 7)
    doc = read_docx(str(make(tmp_path, body, parts={"numbering.xml": NUMBERING})))
    assert [p.numbering for p in doc.paragraphs] == ["Điều 1.", "1.1", "Điều 2."]


def test_table_style_outranks_normal_but_not_other_paragraph_styles(tmp_path: Path) -> None:
    styles = STYLES.replace(b'<w:name w:val="Normal"/></w:style>',
                            b'<w:name w:val="Normal"/><w:rPr><w:sz w:val="26"/></w:rPr></w:style>')
    table = DATA_TABLE.replace("<w:t>1</w:t></w:r></w:p>",
                               '<w:t>1</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Base"/></w:pPr>'
                               "<w:r><w:t>Base</w:t></w:r></w:p>")
    doc = read_docx(str(make(tmp_path, para("ngoài") + table, parts={"styles.xml": styles})))
    size = {p.text: p.runs[0].size for p in doc.paragraphs}
    assert (size["ngoài"], size["1"], size["Base"]) == (13.0, 11.0, 14.0)


def test_rows_and_cells_inside_content_controls(tmp_path: Path) -> None:
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    body = ('<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
            f"<w:tr>{cell.format('a')}<w:sdt><w:sdtContent>{cell.format('b')}</w:sdtContent></w:sdt></w:tr>"
            f"<w:sdt><w:sdtContent><w:tr>{cell.format('c')}{cell.format('d')}</w:tr></w:sdtContent></w:sdt></w:tbl>")
    doc = read_docx(str(make(tmp_path, body)))
    assert [(p.text, p.cell.row, p.cell.col) for p in doc.paragraphs] == [
        ("a", 0, 0), ("b", 0, 1), ("c", 1, 0), ("d", 1, 1)]
    assert (doc.tables[0].rows, doc.tables[0].cols) == (2, 2)
