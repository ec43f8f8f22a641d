"""Independent test corpus: documents built the way clerks' Word/LibreOffice files are, not like samples/.

Written by a different hand than samples/make_samples.py on purpose: python-docx from its
default template (Calibri/Cambria theme fonts, Times New Roman set on runs by the clerk),
soft line breaks inside header lines, a 2-column header table with a merged row, lines as
empty bordered paragraphs or "____" text, Nơi nhận in one cell with line breaks, "(Đã ký)",
LibreOffice round-trips (docx → odt → docx) and LibreOffice PDFs.

    python tests/unseen/make_unseen.py            # docx + LibreOffice round-trips + labels
    python tests/unseen/make_unseen.py --pdf      # + PDFs (needs soffice); the committed set is made this way
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "files"
TNR = "Times New Roman"
C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


class Doc:
    """A clerk at a keyboard: every run gets its font and size set by hand (unless told to forget)."""

    def __init__(self, o: dict):
        self.o = o
        self.d = Document()
        s = self.d.sections[0]
        if o.get("letter"):
            s.page_width, s.page_height = Mm(215.9), Mm(279.4)
        else:
            s.page_width, s.page_height = Mm(210), Mm(297)
        s.orientation = WD_ORIENT.PORTRAIT
        s.top_margin, s.bottom_margin = Mm(20), Mm(20)
        s.left_margin, s.right_margin = Mm(o.get("left_mm", 30)), Mm(15)
        s.header_distance = Mm(10)
        s.different_first_page_header_footer = True
        hp = s.header.paragraphs[0]
        hp.alignment = C
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), " PAGE ")
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        f = OxmlElement("w:rFonts")
        for a in ("w:ascii", "w:hAnsi", "w:cs"):
            f.set(qn(a), TNR)
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "28")
        rpr.append(f)
        rpr.append(sz)
        t = OxmlElement("w:t")
        t.text = "2"
        r.append(rpr)
        r.append(t)
        fld.append(r)
        hp._p.append(fld)
        # the default template's "Normal" has 8 pt after / 1.08 lines; clerks leave it there

    def run(self, p, text: str, size: float, bold=False, italic=False, font: str | None = None):
        """Add text; "\n" becomes a Shift+Enter line break (w:br), as clerks type in headers."""
        parts = text.split("\n")
        for i, part in enumerate(parts):
            r = p.add_run(part)
            if font is None:
                font = self.o.get("font", TNR)
            if font:
                r.font.name = font  # python-docx sets ascii/hAnsi (+eastAsia)
            r.font.size = Pt(size)
            r.bold, r.italic = bold or None, italic or None
            if self.o.get("lang"):
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), "vi-VN")
                r._r.get_or_add_rPr().append(lang)
            if i < len(parts) - 1:
                r.add_break(WD_BREAK.LINE)
        return p

    def para(self, container, text="", size=14.0, bold=False, italic=False, align=J, indent=None,
             after=6, before=0, line=1.0, font=None, split=False):
        p = container.add_paragraph()
        p.alignment = align
        pf = p.paragraph_format
        pf.space_after, pf.space_before = Pt(after), Pt(before)
        pf.line_spacing = line
        if indent is not None:
            pf.first_line_indent = indent
        if split and len(text) > 12:
            # Word splits runs mid-word around proofing marks
            k = len(text) // 2
            self.run(p, text[:k], size, bold, italic, font)
            pe = OxmlElement("w:proofErr")
            pe.set(qn("w:type"), "spellStart")
            p._p.append(pe)
            bm = OxmlElement("w:bookmarkStart")
            bm.set(qn("w:id"), "0")
            bm.set(qn("w:name"), "_GoBack")
            p._p.append(bm)
            self.run(p, text[k:], size, bold, italic, font)
            be = OxmlElement("w:bookmarkEnd")
            be.set(qn("w:id"), "0")
            p._p.append(be)
        elif text:
            self.run(p, text, size, bold, italic, font)
        elif self.o.get("empty_template_font"):
            pass  # the clerk never set a font on empty spacer lines: Calibri 11 from the template
        else:
            self.run(p, "", size, font=font)
        return p

    def wrap(self, p, how: str) -> None:
        """Move the paragraph's runs into a content control (w:sdt) or a w:smartTag."""
        runs = p._p.findall(qn("w:r"))
        if how == "sdt":
            sdt = OxmlElement("w:sdt")
            pr = OxmlElement("w:sdtPr")
            tag = OxmlElement("w:tag")
            tag.set(qn("w:val"), "SoKyHieu")
            pr.append(tag)
            content = OxmlElement("w:sdtContent")
            sdt.append(pr)
            sdt.append(content)
        else:
            sdt = OxmlElement("w:smartTag")
            sdt.set(qn("w:uri"), "urn:schemas-microsoft-com:office:smarttags")
            sdt.set(qn("w:element"), "PersonName")
            content = sdt
        runs[0].addprevious(sdt)
        for r in runs:
            content.append(r)

    def rule_para(self, container, width_cm: float, cell_width_cm: float):
        """An empty paragraph whose bottom border draws the line (indents set its length)."""
        p = container.add_paragraph()
        p.alignment = C
        side = max(0.0, (cell_width_cm - width_cm) / 2)
        p.paragraph_format.left_indent = Cm(side)
        p.paragraph_format.right_indent = Cm(side)
        p.paragraph_format.space_after = Pt(0)
        ppr = p._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        b = OxmlElement("w:bottom")
        for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            b.set(qn(k), v)
        bdr.append(b)
        ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
        rp = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "6")
        rp.append(sz)
        ppr.append(rp)
        return p


def _no_borders(table) -> None:
    tblpr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        b.append(e)
    tblpr.append(b)


def build(o: dict) -> bytes:
    d = Doc(o)
    doc = d.d
    lw, rw = 6.5, 10.0
    t = doc.add_table(rows=2, cols=2)
    _no_borders(t)
    t.autofit = False
    t.columns[0].width, t.columns[1].width = Cm(lw), Cm(rw)  # w:gridCol, what LibreOffice reads
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Cm(lw), Cm(rw)
    a, q = t.cell(0, 0), t.cell(0, 1)
    a.paragraphs[0]._p.getparent().remove(a.paragraphs[0]._p)
    q.paragraphs[0]._p.getparent().remove(q.paragraphs[0]._p)
    cq = o["agency"]  # (chủ quản or None, issuer text with \n for soft breaks)
    if o.get("header_one_para") and cq[0]:
        p = d.para(a, "", 13, align=C, after=0)
        d.run(p, cq[0] + "\n", 13)
        d.run(p, cq[1], 13, bold=True)
    else:
        if cq[0]:
            d.para(a, cq[0], 13, align=C, after=0)
        d.para(a, cq[1], 13, bold=True, align=C, after=0)
    if o.get("cq_line", "border") == "border":
        d.rule_para(a, 2.0, lw)
    elif o["cq_line"] == "underscore":
        d.para(a, "________", 13, bold=True, align=C, after=0, line=0.8)
    d.para(q, o.get("qh", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 13, bold=True, align=C, after=0)
    d.para(q, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align=C, after=0)
    if not o.get("no_tn_line"):
        d.rule_para(q, 6.0, rw)
    b, c = t.cell(1, 0), t.cell(1, 1)
    b.paragraphs[0]._p.getparent().remove(b.paragraphs[0]._p)
    c.paragraphs[0]._p.getparent().remove(c.paragraphs[0]._p)
    so = d.para(b, "Số: " + o["number"] if not o.get("so_nospace") else "Số:" + o["number"], 13, align=C, after=0, before=6)
    if o.get("sdt"):
        d.wrap(so, "sdt")
    if o["type"] == "CV":
        d.para(b, o["vv"], 13, align=C, after=0, before=6)
    d.para(c, o["date"], 14, italic=True, align=C, after=0, before=6)
    d.para(doc, "", 14, align=C, after=0)
    if o["type"] != "CV":
        d.para(doc, o["type_name"], 14, bold=True, align=C, after=0)
        d.para(doc, o["ty"], 14, bold=True, align=C, after=0)
        d.rule_para(doc, 4.0, 16.5)
        d.para(doc, "", 14, after=0)
    if o.get("kg"):
        d.para(doc, o["kg"], 14, align=C, after=6)
    size = o.get("body_size", 14)
    indent = None if o.get("no_indent") else Cm(1.27)
    for kind, text in o["body"]:
        if kind == "cancu":
            d.para(doc, text, size, italic=True, indent=indent, line=o.get("line", 1.0))
        elif kind == "center":
            d.para(doc, text, size, bold=True, align=C, after=6)
        elif kind == "h" and o.get("autonum") and text[:2] in ("1.", "2."):
            p = d.para(doc, text[3:], size, bold=True, line=o.get("line", 1.0))
            p.style = doc.styles["List Number"]  # Word shows "1.", "2." from numbering.xml
            p.paragraph_format.first_line_indent = indent
        elif kind == "h":
            d.para(doc, text, size, bold=True, indent=indent, line=o.get("line", 1.0))
        elif text.startswith("Điều "):
            p = d.para(doc, "", size, indent=indent, line=o.get("line", 1.0))
            label, rest = text.split(" ", 2)[:2], text.split(" ", 2)[2]
            d.run(p, " ".join(label), size, bold=True)
            d.run(p, " " + rest, size)
        elif o.get("forget_font_once") and kind == "p" and not o.get("_forgot"):
            o["_forgot"] = True  # pasted from an e-mail: this paragraph keeps the template's Calibri
            d.para(doc, text, size, indent=indent, line=o.get("line", 1.0), font="")
        else:
            d.para(doc, text, size, indent=indent, line=o.get("line", 1.0), split=True)
    s = doc.add_table(rows=1, cols=2)
    _no_borders(s)
    s.columns[0].width, s.columns[1].width = Cm(7.5), Cm(9.0)
    for row in s.rows:
        row.cells[0].width, row.cells[1].width = Cm(7.5), Cm(9.0)
    nn, sg = s.cell(0, 0), s.cell(0, 1)
    nn.paragraphs[0]._p.getparent().remove(nn.paragraphs[0]._p)
    sg.paragraphs[0]._p.getparent().remove(sg.paragraphs[0]._p)
    if o.get("one_para_blocks"):
        # "Nơi nhận:" and its list in one paragraph (Shift+Enter), the authority lines too
        p = d.para(nn, "", 12, align=L, after=0, before=6)
        d.run(p, "Nơi nhận:\n", 12, bold=True, italic=True)
        d.run(p, "\n".join(o["nn"]), 11)
        d.para(sg, "\n".join(o["sign"]), 14, bold=True, align=C, after=0, before=6)
        for _ in range(3):
            d.para(sg, "", 14, align=C, after=0)
        d.para(sg, o["signer"], 14, bold=True, align=C, after=0)
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()
    if o.get("nn_plain"):
        d.para(nn, "Nơi nhận:", 12, bold=True, align=L, after=0, before=6)
    else:
        d.para(nn, "Nơi nhận:", 12, bold=True, italic=True, align=L, after=0, before=6)
    d.para(nn, "\n".join(o["nn"]), 11, align=L, after=0, line=1.0)
    for line in o["sign"]:
        d.para(sg, line, 14, bold=True, align=C, after=0, before=6 if line == o["sign"][0] else 0)
    d.para(sg, "", 14, align=C, after=0)
    if o.get("da_ky"):
        d.para(sg, "(Đã ký)", 14, italic=True, align=C, after=0)
    d.para(sg, "", 14, align=C, after=0)
    d.para(sg, "", 14, align=C, after=0)
    name = d.para(sg, o["signer"], 14, bold=True, align=C, after=0)
    if o.get("sdt"):
        d.wrap(name, "smarttag")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


BODY_KH = [
    ("p", "Thực hiện Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân huyện về công tác cải cách hành chính, Ủy ban nhân dân xã xây dựng Kế hoạch thực hiện như sau:"),
    ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("h", "1. Mục đích"),
    ("p", "Nâng cao chất lượng soạn thảo và ban hành văn bản hành chính của các cơ quan, đơn vị trên địa bàn xã, bảo đảm đúng thể thức và kỹ thuật trình bày theo quy định hiện hành."),
    ("h", "2. Yêu cầu"),
    ("p", "a) Các bộ phận chuyên môn chủ động triển khai thực hiện, bảo đảm tiến độ và chất lượng công việc được giao."),
    ("p", "b) Định kỳ báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân xã để tổng hợp."),
    ("h", "II. NỘI DUNG THỰC HIỆN"),
    ("p", "1. Rà soát toàn bộ mẫu văn bản đang sử dụng tại các bộ phận, cập nhật theo Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư."),
    ("p", "2. Tổ chức tập huấn cho công chức làm công tác văn thư, lưu trữ trong quý II năm 2026."),
    ("h", "III. TỔ CHỨC THỰC HIỆN"),
    ("p", "Văn phòng Ủy ban nhân dân xã chủ trì, phối hợp với các bộ phận liên quan triển khai thực hiện Kế hoạch này; trong quá trình thực hiện, nếu có khó khăn, vướng mắc báo cáo Chủ tịch Ủy ban nhân dân xã xem xét, giải quyết./."),
]
BODY_QD = [
    ("cancu", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
    ("cancu", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;"),
    ("cancu", "Theo đề nghị của Công chức Văn phòng - Thống kê."),
    ("center", "QUYẾT ĐỊNH:"),
    ("p", "Điều 1. Thành lập Tổ kiểm tra thể thức văn bản hành chính gồm các ông, bà có tên trong danh sách kèm theo Quyết định này."),
    ("p", "Điều 2. Tổ kiểm tra có nhiệm vụ rà soát thể thức, kỹ thuật trình bày văn bản trước khi phát hành; Tổ tự giải thể sau khi hoàn thành nhiệm vụ."),
    ("p", "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Công chức Văn phòng - Thống kê và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."),
]
BODY_CV = [
    ("p", "Thực hiện chỉ đạo của cấp trên về việc chuẩn hóa thể thức văn bản hành chính, đơn vị đề nghị các cơ quan, đơn vị rà soát lại mẫu văn bản đang sử dụng."),
    ("p", "Kết quả rà soát gửi về đơn vị trước ngày 30 tháng 5 năm 2026 để tổng hợp, báo cáo cấp có thẩm quyền theo quy định."),
    ("p", "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./."),
]
BODY_TB = [
    ("p", "Căn cứ kết quả cuộc họp giao ban tháng 4 năm 2026, đơn vị thông báo lịch làm việc của lãnh đạo trong tháng 5 năm 2026 như sau:"),
    ("p", "1. Thứ Hai hằng tuần, họp giao ban lúc 7 giờ 30 phút tại phòng họp số 1."),
    ("p", "2. Các bộ phận chuẩn bị nội dung báo cáo gửi Văn phòng trước 16 giờ ngày thứ Sáu tuần trước."),
    ("p", "Đơn vị thông báo để các bộ phận biết, thực hiện./."),
]
BODY_TTR = [
    ("p", "Căn cứ Nghị quyết số 08/NQ-HĐND ngày 20 tháng 12 năm 2025 của Hội đồng nhân dân xã về dự toán ngân sách năm 2026, đơn vị kính trình xem xét, phê duyệt kinh phí mua sắm thiết bị văn phòng như sau:"),
    ("p", "1. Tổng kinh phí đề nghị: 120.000.000 đồng (Một trăm hai mươi triệu đồng)."),
    ("p", "2. Nguồn kinh phí: ngân sách xã năm 2026 đã được giao."),
    ("p", "Kính trình xem xét, phê duyệt./."),
]

UB = (None, "ỦY BAN NHÂN DÂN\nXÃ PHƯỢNG TIẾN")
BNV = (None, "BỘ NỘI VỤ")
SGD = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTỈNH NINH BÌNH", "TRƯỜNG TIỂU HỌC\nKIM ĐỒNG")
PTC = ("UBND HUYỆN YÊN MÔ", "PHÒNG TÀI CHÍNH - KẾ HOẠCH")
NN = ["- Như trên;", "- Lưu: VT."]

BASE = {
    "KH": dict(type="KH", type_name="KẾ HOẠCH", ty="Rà soát, chuẩn hóa thể thức văn bản hành chính năm 2026",
               body=BODY_KH, number="05/KH-UBND", agency=UB, date="Phượng Tiến, ngày 08 tháng 5 năm 2026",
               sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer="Ma Thị Thu Hà",
               nn=["- UBND huyện (b/c);", "- Các bộ phận chuyên môn;", "- Lưu: VT, VP."],
               facts=dict(type="KH", number="05/KH-UBND", agency="ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN",
                          date="2026-05-08", signer="Ma Thị Thu Hà")),
    "QĐ": dict(type="QĐ", type_name="QUYẾT ĐỊNH",
               ty="Về việc thành lập Tổ kiểm tra thể thức\nvăn bản hành chính năm 2026", body=BODY_QD,
               number="15/QĐ-BNV", agency=BNV, date="Hà Nội, ngày 15 tháng 01 năm 2026",
               sign=["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"], signer="Nguyễn Văn An", nn=["- Như Điều 3;", "- Lưu: VT, VP."],
               facts=dict(type="QĐ", number="15/QĐ-BNV", agency="BỘ NỘI VỤ", date="2026-01-15", signer="Nguyễn Văn An")),
    "CV": dict(type="CV", vv="V/v rà soát, chuẩn hóa mẫu văn bản\nhành chính năm 2026", body=BODY_CV,
               number="112/PTCKH-NS", agency=PTC, date="Yên Mô, ngày 20 tháng 4 năm 2026",
               kg="Kính gửi: Các cơ quan, đơn vị thuộc huyện.", sign=["TRƯỞNG PHÒNG"], signer="Trần Đức Minh", nn=NN,
               facts=dict(type="CV", number="112/PTCKH-NS", agency="PHÒNG TÀI CHÍNH - KẾ HOẠCH",
                          date="2026-04-20", signer="Trần Đức Minh")),
    "TB": dict(type="TB", type_name="THÔNG BÁO", ty="Lịch làm việc của lãnh đạo trường tháng 5 năm 2026",
               body=BODY_TB, number="07/TB-THKĐ", agency=SGD, date="Kim Sơn, ngày 02 tháng 5 năm 2026",
               sign=["HIỆU TRƯỞNG"], signer="Phạm Thị Lan", nn=["- Các tổ chuyên môn;", "- Lưu: VT."],
               facts=dict(type="TB", number="07/TB-THKĐ", agency="TRƯỜNG TIỂU HỌC KIM ĐỒNG",
                          date="2026-05-02", signer="Phạm Thị Lan")),
    "TTr": dict(type="TTr", type_name="TỜ TRÌNH", ty="Về việc đề nghị phê duyệt kinh phí mua sắm thiết bị",
                body=BODY_TTR, number="09/TTr-UBND", agency=UB, date="Phượng Tiến, ngày 10 tháng 3 năm 2026",
                kg="Kính gửi: Ủy ban nhân dân huyện Yên Mô.", sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
                signer="Ma Thị Thu Hà", nn=NN,
                facts=dict(type="TTr", number="09/TTr-UBND", agency="ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN",
                           date="2026-03-10", signer="Ma Thị Thu Hà")),
}

# name: (base, tweaks, expected rule statuses, compliant)
OK = {"ND30-FONT": "pass", "ND30-PAGE-SIZE": "pass", "ND30-MARGIN": "pass", "ND30-BODY-SIZE": "pass",
      "ND30-BODY-INDENT": "pass", "ND30-NN-LABEL": "pass", "ND30-SO-FORMAT": "pass", "ND30-DATE-FORMAT": "pass",
      "ND30-TN-LINE": "pass", "ND30-QH-TEXT": "pass", "ND30-TN-TEXT": "pass"}
CASES: list[tuple[str, str, dict, dict, bool]] = []
# the QĐ has a real căn cứ block; the others open with "Thực hiện …"/"Căn cứ … như sau:" (body text)
CAN_CU = {"QĐ": "pass", "KH": "not-applicable", "CV": "not-applicable", "TB": "not-applicable", "TTr": "not-applicable"}
for t in BASE:
    ok = {**OK, "ND30-CAN-CU": CAN_CU[t]}
    CASES.append((f"ok-{t.lower()}-plain", t, {}, dict(ok), True))
    CASES.append((f"ok-{t.lower()}-15lines-dak", t, {"line": 1.5, "da_ky": True, "header_one_para": True}, dict(ok), True))
    CASES.append((f"ok-{t.lower()}-underscore-line", t, {"cq_line": "underscore"}, dict(ok), True))
CASES += [
    # Word draws the "1." of an automatic list in the paragraph mark's font: never set here, so
    # Calibri from the template (LibreOffice's PDF shows it in its substitute): a real FONT defect
    ("bad-kh-word-quirks-autonum-calibri", "KH", {"sdt": True, "lang": True, "empty_template_font": True, "autonum": True},
     {**OK, "ND30-CAN-CU": "not-applicable", "ND30-FONT": "fail"}, False),
    ("ok-qđ-word-quirks", "QĐ", {"sdt": True, "lang": True, "empty_template_font": True},
     {**OK, "ND30-CAN-CU": "pass"}, True),
    ("ok-ttr-word-quirks", "TTr", {"sdt": True, "lang": True, "empty_template_font": True, "line": 1.5},
     {**OK, "ND30-CAN-CU": "not-applicable"}, True),
    ("ok-kh-one-para-blocks", "KH", {"one_para_blocks": True, "sign": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                                     "signer": "Hoàng Văn Nam", "facts": {**BASE["KH"]["facts"], "signer": "Hoàng Văn Nam"}},
     {**OK, "ND30-CAN-CU": "not-applicable", "ND30-SIGN-AUTHORITY": "pass", "ND30-NN-ITEMS": "pass"}, True),
    ("ok-cv-one-para-blocks", "CV", {"one_para_blocks": True},
     {**OK, "ND30-CAN-CU": "not-applicable", "ND30-SIGN-AUTHORITY": "pass"}, True),
    ("bad-tb-calibri-paragraph", "TB", {"forget_font_once": True}, {"ND30-FONT": "fail"}, False),
    ("bad-qd-month-unpadded", "QĐ", {"date": "Hà Nội, ngày 15 tháng 1 năm 2026"}, {"ND30-DATE-FORMAT": "fail"}, False),
    ("bad-kh-arial", "KH", {"font": "Arial"}, {"ND30-FONT": "fail"}, False),
    ("bad-qd-body12", "QĐ", {"body_size": 12}, {"ND30-BODY-SIZE": "fail"}, False),
    ("bad-cv-noindent", "CV", {"no_indent": True}, {"ND30-BODY-INDENT": "fail"}, False),
    ("bad-kh-so-nospace", "KH", {"so_nospace": True}, {"ND30-SO-FORMAT": "fail"}, False),
    ("bad-tb-date-nopad", "TB", {"date": "Kim Sơn, ngày 2 tháng 5 năm 2026"}, {"ND30-DATE-FORMAT": "fail"}, False),
    ("bad-ttr-nn-plain", "TTr", {"nn_plain": True}, {"ND30-NN-LABEL": "fail"}, False),
    ("bad-qd-no-tn-line", "QĐ", {"no_tn_line": True}, {"ND30-TN-LINE": "fail"}, False),
    ("bad-kh-left20", "KH", {"left_mm": 20}, {"ND30-MARGIN": "fail"}, False),
    ("bad-cv-letter", "CV", {"letter": True}, {"ND30-PAGE-SIZE": "fail"}, False),
    ("bad-tb-t-m", "TB", {"sign": ["T/M BAN GIÁM HIỆU", "HIỆU TRƯỞNG"]}, {"ND30-SIGN-AUTHORITY": "fail"}, False),
]
ROUNDTRIP = ["bad-kh-word-quirks-autonum-calibri", "ok-kh-plain", "ok-qđ-plain", "ok-cv-plain", "ok-tb-plain", "ok-ttr-plain", "bad-kh-arial"]
PDFS = ["bad-kh-word-quirks-autonum-calibri", "ok-tb-plain", "ok-kh-plain", "ok-qđ-plain", "ok-cv-plain", "ok-ttr-plain", "bad-qd-body12"]


def _fixed_zip(data: bytes) -> bytes:
    """Re-zip with fixed timestamps so the output is deterministic."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _soffice(args: list[str], tmp: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", *args],
                   check=True, capture_output=True, timeout=600, env=dict(os.environ, HOME=str(tmp)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf", action="store_true")
    ap.add_argument("--no-lo", action="store_true", help="skip the LibreOffice round-trips")
    a = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    labels = []
    for name, base, tweak, exp, ok in CASES:
        o = {**BASE[base], **tweak}
        o.pop("_forgot", None)
        (OUT / f"{name}.docx").write_bytes(_fixed_zip(build(o)))
        entry = {"path": f"tests/unseen/files/{name}.docx", "kind": "docx", "compliant": ok, "expected": exp,
                 "document": o["facts"], "made_by": "python-docx default template"}
        labels.append(entry)
    if not a.no_lo and shutil.which("soffice"):
        with tempfile.TemporaryDirectory(prefix="nd30-unseen-") as tmp:
            t = Path(tmp)
            srcs = [str(OUT / f"{n}.docx") for n in ROUNDTRIP]
            _soffice(["--convert-to", "odt", "--outdir", str(t / "odt"), *srcs], t)
            odts = [str(t / "odt" / f"{n}.odt") for n in ROUNDTRIP]
            _soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(t / "docx"), *odts], t)
            for n in ROUNDTRIP:
                (OUT / f"lo-{n}.docx").write_bytes((t / "docx" / f"{n}.docx").read_bytes())
                src = next(e for e in labels if e["path"].endswith(f"/{n}.docx"))
                labels.append({**src, "path": f"tests/unseen/files/lo-{n}.docx", "made_by": "LibreOffice docx→odt→docx"})
    if a.pdf:
        sys.path.insert(0, str(ROOT / "samples"))
        import pdfconv  # the Times New Roman substitute lives there; reuse it

        srcs = [OUT / f"{n}.docx" for n in PDFS]
        pdfconv.convert(srcs, [OUT / f"{n}.pdf" for n in PDFS])
        for n in PDFS:
            src = next(e for e in labels if e["path"].endswith(f"/{n}.docx"))
            exp = {k: v for k, v in src["expected"].items() if k not in ("ND30-BODY-INDENT",)}
            labels.append({**src, "path": f"tests/unseen/files/{n}.pdf", "kind": "pdf", "expected": exp,
                           "made_by": "LibreOffice PDF"})
    (HERE / "labels.json").write_text(json.dumps({"version": 1, "files": labels}, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    print(f"{len(labels)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
