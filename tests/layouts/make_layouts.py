"""Layouts other Decree 30 checkers' test suites use (issue 9, item 9), as failing+passing pairs.

Each class is built here by our own hand (python-docx, the way clerks' Word files are): a
tab-stop header with a flush-left agency line or its centre tab at 9–10 cm, rule lines typed
as "────", blank tab-only lines above the signer's name, "(Đã ký)", a data table near the
signature, a package without its relationships part, and the defects those suites plant:
a deputy signing without "KT.", a "KT." naming another head, a signature block centred on the
page, "TM." for a body that is not collective, a công văn titled "CÔNG VĂN" with "CV" in its
number, "tháng 09" in a biên bản and in a draft.

    python tests/layouts/make_layouts.py       # writes tests/layouts/files + labels.json
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "files"
sys.path.insert(0, str(ROOT / "tests" / "unseen"))

import make_unseen as mu  # noqa: E402  (the clerk-at-a-keyboard helpers: runs with fonts set by hand)

C, J, L = mu.C, mu.J, mu.L
RULE = "─" * 17  # U+2500, typed with the symbol dialog or copied from a template: as wide as the motto


def _tabs(p, stops: list[tuple[float, str]]) -> None:
    ts = p.paragraph_format.tab_stops
    for pos, kind in stops:
        ts.add_tab_stop(Cm(pos), {"center": WD_TAB_ALIGNMENT.CENTER, "left": WD_TAB_ALIGNMENT.LEFT,
                                  "right": WD_TAB_ALIGNMENT.RIGHT}[kind])


def _tab_line(d, parts: list[tuple[str, float, bool, bool]], stops, align=L, after=0.0, before=0.0):
    """One header row typed with tabs: parts are (text, size, bold, italic); "\t" between them."""
    p = d.d.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(before)
    _tabs(p, stops)
    for text, size, bold, italic in parts:
        d.run(p, text, size, bold=bold, italic=italic)
    return p


def header_tabs(d, o: dict) -> None:
    """Header as tab-stop paragraphs (no table): agency ⇥ quốc hiệu, line by line."""
    left, right = o.get("tab_left", 3.5), o.get("tab_right", 11.5)
    stops = [(right, "center")] if o.get("agency_flush_left") else [(left, "center"), (right, "center")]
    lead = "" if o.get("agency_flush_left") else "\t"
    ag1, ag2 = o["agency_lines"]
    _tab_line(d, [(lead + ag1, 13, o.get("agency_bold_both", False), False), ("\t", 13, False, False),
                  ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False)], stops)
    _tab_line(d, [(lead + ag2, 13, True, False), ("\t", 13, False, False),
                  ("Độc lập - Tự do - Hạnh phúc", 14, True, False)], stops)
    if o.get("typed_rule"):
        _tab_line(d, [(lead + "─" * 6, 13, True, False), ("\t" + RULE, 13, True, False)], stops)
    else:  # the lines drawn as a bottom border on an empty paragraph under each side is not possible
        pass  # with tabs; Word users then draw shapes — not part of what this class measures
    _tab_line(d, [(lead + "Số: " + o["number"], 13, False, False), ("\t", 13, False, False),
                  (o["date"], 14, False, True)], stops, before=6)


def header_table(d, o: dict) -> None:
    doc = d.d
    lw, rw = 6.5, 10.0
    t = doc.add_table(rows=2, cols=2)
    mu._no_borders(t)
    t.autofit = False
    t.columns[0].width, t.columns[1].width = Cm(lw), Cm(rw)
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Cm(lw), Cm(rw)
    a, q = t.cell(0, 0), t.cell(0, 1)
    for cell in (a, q):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    ag1, ag2 = o["agency_lines"]
    d.para(a, ag1, 13, bold=o.get("agency_bold_both", False), align=C, after=0)
    d.para(a, ag2, 13, bold=True, align=C, after=0)
    if o.get("typed_rule"):
        d.para(a, "─" * 6, 13, bold=True, align=C, after=0)
    else:
        d.rule_para(a, 2.0, lw)
    d.para(q, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True, align=C, after=0)
    d.para(q, "Độc lập - Tự do - Hạnh phúc", 14, bold=True, align=C, after=0)
    if o.get("typed_rule"):
        d.para(q, RULE, 14, bold=True, align=C, after=0)
    else:
        d.rule_para(q, 6.0, rw)
    b, c = t.cell(1, 0), t.cell(1, 1)
    for cell in (b, c):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    d.para(b, "Số: " + o["number"], 13, align=C, after=0, before=6)
    if o["type"] == "CV":
        d.para(b, o["vv"], 13, align=C, after=0, before=6)
    d.para(c, o["date"], 14, italic=True, align=C, after=0, before=6)


def signature(d, o: dict) -> None:
    doc = d.d
    lines = o["sign"]
    gap = o.get("gap", ["", "", ""])
    if o.get("sign_centered"):  # the whole block centred on the page, Nơi nhận under it
        for i, line in enumerate(lines):
            d.para(doc, line, 14, bold=True, align=C, after=0, before=6 if i == 0 else 0)
        for g in gap:
            d.para(doc, g, 14, align=C, after=0)
        d.para(doc, o["signer"], 14, bold=True, align=C, after=0)
        d.para(doc, "Nơi nhận:", 12, bold=True, italic=True, align=L, after=0, before=12)
        d.para(doc, "\n".join(o["nn"]), 11, align=L, after=0)
        return
    if o.get("sign_tabs"):  # typed with tabs, no table: "Nơi nhận:⇥TM. ỦY BAN NHÂN DÂN", gap lines of tabs only
        stops = [(12.0, "center")]
        rows = [("Nơi nhận:", lines[0])] + [(nn_item, "") for nn_item in o["nn"]]
        right = lines[1:] + gap + [o["signer"]]
        for i in range(max(len(rows), len(right) + 1)):
            left_text = rows[i][0] if i < len(rows) else ""
            right_text = lines[0] if i == 0 else (right[i - 1] if i - 1 < len(right) else "")
            p = doc.add_paragraph()
            p.alignment = L
            p.paragraph_format.space_after = Pt(0)
            _tabs(p, stops)
            if left_text:
                d.run(p, left_text, 12 if i == 0 else 11, bold=i == 0, italic=i == 0)
            if right_text.strip("\t"):
                d.run(p, "\t", 14)
                d.run(p, right_text, 14, bold=not right_text.startswith("("), italic=right_text.startswith("("))
            elif right_text or not left_text:
                d.run(p, "\t\t", 14)  # a tab-only line: the gap above the name
        return
    s = doc.add_table(rows=1, cols=2)
    mu._no_borders(s)
    s.columns[0].width, s.columns[1].width = Cm(7.5), Cm(9.0)
    for row in s.rows:
        row.cells[0].width, row.cells[1].width = Cm(7.5), Cm(9.0)
    nn, sg = s.cell(0, 0), s.cell(0, 1)
    for cell in (nn, sg):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    if o.get("two_signers"):  # a biên bản: the secretary left, the chair right
        for cell, (title, name) in zip((nn, sg), o["two_signers"]):
            d.para(cell, title, 14, bold=True, align=C, after=0, before=6)
            for _ in gap:
                d.para(cell, "", 14, align=C, after=0)
            d.para(cell, name, 14, bold=True, align=C, after=0)
        d.para(doc, "Nơi nhận:", 12, bold=True, italic=True, align=L, after=0, before=12)
        d.para(doc, "\n".join(o["nn"]), 11, align=L, after=0)
        return
    d.para(nn, "Nơi nhận:", 12, bold=True, italic=True, align=L, after=0, before=6)
    d.para(nn, "\n".join(o["nn"]), 11, align=L, after=0)
    for i, line in enumerate(lines):
        d.para(sg, line, 14, bold=True, align=C, after=0, before=6 if i == 0 else 0)
    for g in gap:
        p = d.para(sg, "", 14, align=C, after=0)
        if g:
            d.run(p, g, 14)
    d.para(sg, o["signer"], 14, bold=True, align=C, after=0)


def data_table(d, rows: list[tuple[str, ...]]) -> None:
    doc = d.d
    heads = ("STT", "Họ và tên", "Chức vụ") if len(rows[0]) == 3 else ("Nội dung", "Đơn vị thực hiện")
    t = doc.add_table(rows=len(rows) + 1, cols=len(heads))
    t.style = doc.styles["Table Grid"]
    for j, head in enumerate(heads):
        cell = t.cell(0, j)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        d.para(cell, head, 13, bold=True, align=C, after=0)
    for i, row in enumerate(rows, 1):
        for j, text in enumerate(row):
            cell = t.cell(i, j)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            d.para(cell, text, 13, align=C if j != 1 else L, after=0)


def build(o: dict) -> bytes:
    d = mu.Doc(o)
    doc = d.d
    (header_tabs if o.get("tabs") else header_table)(d, o)
    if o["type"] == "CV" and o.get("tabs"):
        d.para(doc, o["vv"], 13, align=L, after=0, before=6)
    d.para(doc, "", 14, align=C, after=0)
    if o["type"] != "CV" or o.get("cv_heading"):
        d.para(doc, o["type_name"], 14, bold=True, align=C, after=0)
        if o["type"] != "CV":
            d.para(doc, o["ty"], 14, bold=True, align=C, after=0)
        if o.get("typed_rule"):
            d.para(doc, "─" * 10, 14, bold=True, align=C, after=0)
        elif o["type"] != "CV":
            d.rule_para(doc, 4.0, 16.5)
        d.para(doc, "", 14, after=0)
    if o.get("kg"):
        d.para(doc, o["kg"], 14, align=C, after=6)
    for text in o["body"]:
        d.para(doc, text, 14, indent=Cm(1.27))
    if o.get("data_table"):
        data_table(d, o["data_table"])
        d.para(doc, "", 14, after=0)
    signature(d, o)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def drop_part(data: bytes, part: str) -> bytes:
    """The package without one part (a damaged file as some tools write them)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != part:
                z.writestr(info, src.read(info.filename))
    return out.getvalue()


BODY = [
    "Thực hiện Kế hoạch số 12/KH-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân huyện về cải cách hành chính, "
    "đơn vị triển khai thực hiện các nội dung sau đây.",
    "Các bộ phận chuyên môn chủ động rà soát mẫu văn bản đang sử dụng, cập nhật theo Nghị định số 30/2020/NĐ-CP "
    "ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư./.",
]
UB = ("ỦY BAN NHÂN DÂN", "XÃ PHƯỢNG TIẾN")
SO = ("UBND TỈNH NINH BÌNH", "SỞ NỘI VỤ")
NN = ["- UBND huyện (b/c);", "- Các bộ phận chuyên môn;", "- Lưu: VT, VP."]
KH = dict(type="KH", type_name="KẾ HOẠCH", ty="Rà soát, chuẩn hóa thể thức văn bản hành chính năm 2026", body=BODY,
          agency_bold_both=True,  # "ỦY BAN NHÂN DÂN XÃ …" is one name: both lines bold
          number="05/KH-UBND", agency_lines=UB, date="Phượng Tiến, ngày 08 tháng 5 năm 2026",
          sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], signer="Ma Thị Thu Hà", nn=NN)
TB_SO = dict(KH, agency_bold_both=False, type="TB", type_name="THÔNG BÁO", ty="Lịch làm việc của lãnh đạo Sở tháng 5 năm 2026",
             number="07/TB-SNV", agency_lines=SO, date="Ninh Bình, ngày 02 tháng 5 năm 2026",
             sign=["GIÁM ĐỐC"], signer="Phạm Văn Lâm")
CV = dict(KH, type="CV", vv="V/v rà soát mẫu văn bản hành chính năm 2026", number="112/UBND-VP",
          kg="Kính gửi: Các cơ quan, đơn vị thuộc huyện.", sign=["CHỦ TỊCH"])
BB = dict(KH, type="BB", type_name="BIÊN BẢN", ty="Họp Ban Chỉ đạo chuyển đổi số xã", number="03/BB-UBND",
          two_signers=[("THƯ KÝ", "Lê Văn Tâm"), ("CHỦ TỌA", "Ma Thị Thu Hà")])

# name: (options, expected rule statuses, expected facts)
CASES: dict[str, tuple[dict, dict[str, str], dict[str, str]]] = {
    # a tab-stop header whose agency line starts at the margin (no tab before it): left, not centred
    "ok-kh-tabs-header": (dict(KH, tabs=True, typed_rule=True), {"ND30-QH-TEXT": "pass", "ND30-SO-FORMAT": "pass"},
                          {"agency": "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN", "date": "2026-05-08"}),
    "bad-kh-tabs-agency-flush-left": (dict(KH, tabs=True, typed_rule=True, agency_flush_left=True), {"ND30-CQ-STYLE": "fail"}, {}),
    # the centre tab of the quốc hiệu at 9.5 cm (a narrow right column) still splits the header
    "ok-kh-tabs-centre-9-5cm": (dict(KH, tabs=True, typed_rule=True, tab_left=3.0, tab_right=9.5),
                                {"ND30-QH-TEXT": "pass", "ND30-TN-TEXT": "pass"},
                                {"agency": "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN"}),
    # rule lines typed as box-drawing characters: a line, not part of the agency or trích yếu
    "ok-kh-typed-rule-lines": (dict(KH, typed_rule=True), {"ND30-CQ-TEXT": "pass", "ND30-TRICH-YEU": "pass"},
                               {"agency": "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN"}),
    # two empty tab-only lines between the title and the name
    "ok-kh-tab-only-gap": (dict(KH, gap=["\t\t", "\t\t"]), {"ND30-SIGN-NAME": "pass"}, {"signer": "Ma Thị Thu Hà"}),
    "ok-kh-da-ky": (dict(KH, gap=["", "(Đã ký)", ""]), {"ND30-SIGN-NAME": "pass"}, {"signer": "Ma Thị Thu Hà"}),
    # their failing twins: no name at all ("(Đã ký)" is not a name; tab-only lines are not one)
    "bad-kh-da-ky-no-name": (dict(KH, gap=["", "(Đã ký)", ""], signer=""), {"ND30-SIGN-NAME": "fail"}, {}),
    "bad-kh-tabs-sign-tab-only-no-name": (dict(KH, sign_tabs=True, gap=["\t\t", "\t\t"], signer=""),
                                          {"ND30-SIGN-NAME": "fail"}, {}),
    # the same, the Nơi nhận and signature block typed with tabs (no table)
    "ok-kh-tabs-sign-tab-only-gap": (dict(KH, sign_tabs=True, gap=["\t\t", "\t\t"]), {"ND30-SIGN-NAME": "pass"},
                                     {"signer": "Ma Thị Thu Hà"}),
    "ok-kh-tabs-sign-da-ky": (dict(KH, sign_tabs=True, gap=["", "(Đã ký)", ""]), {"ND30-SIGN-NAME": "pass"},
                              {"signer": "Ma Thị Thu Hà"}),
    "ok-kh-data-table-tabs-sign": (
        dict(KH, sign_tabs=True, data_table=[("1", "Nguyễn Văn Bình", "Phó Chủ tịch UBND xã"),
                                             ("2", "Lê Thị Hoa", "Chủ tịch Hội Phụ nữ")]),
        {"ND30-NN-LABEL": "pass", "ND30-SIGN-AUTHORITY": "pass", "ND30-NN-ITEMS": "pass"}, {"signer": "Ma Thị Thu Hà"}),
    "ok-kh-two-column-data-table": (
        dict(KH, data_table=[("- Rà soát mẫu văn bản;\n- Cập nhật theo Nghị định 30;", "Văn phòng HĐND và UBND xã"),
                             ("- Tập huấn văn thư;\n- Lưu: hồ sơ tập huấn.", "CHỦ TỊCH UBND XÃ")]),
        {"ND30-NN-LABEL": "pass", "ND30-NN-ITEMS": "pass", "ND30-SIGN-AUTHORITY": "pass"}, {"signer": "Ma Thị Thu Hà"}),
    # a data table (participants and their titles) just before the signature block
    "ok-kh-data-table-before-signature": (
        dict(KH, data_table=[("1", "Nguyễn Văn Bình", "Phó Chủ tịch UBND xã"), ("2", "Lê Thị Hoa", "Chủ tịch Hội Phụ nữ"),
                             ("3", "Trần Văn Nam", "Công chức Văn phòng - Thống kê")]),
        {"ND30-NN-LABEL": "pass", "ND30-SIGN-AUTHORITY": "pass"}, {"signer": "Ma Thị Thu Hà"}),
    # signing authority
    "ok-kh-kt-deputy": (dict(KH, sign=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer="Hoàng Văn Nam"),
                        {"ND30-SIGN-AUTHORITY": "pass"}, {"signer": "Hoàng Văn Nam"}),
    "bad-kh-deputy-without-kt": (dict(KH, sign=["TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"], signer="Hoàng Văn Nam"),
                                 {"ND30-SIGN-AUTHORITY": "fail"}, {}),
    "bad-tb-deputy-without-kt": (dict(TB_SO, sign=["PHÓ GIÁM ĐỐC"]), {"ND30-SIGN-AUTHORITY": "fail"}, {}),
    "bad-kh-kt-other-head": (dict(KH, sign=["KT. GIÁM ĐỐC", "PHÓ CHỦ TỊCH"], signer="Hoàng Văn Nam"),
                             {"ND30-SIGN-AUTHORITY": "fail"}, {}),
    "ok-tb-so-director": (dict(TB_SO), {"ND30-SIGN-AUTHORITY": "pass"}, {"signer": "Phạm Văn Lâm"}),
    "bad-tb-tm-not-collective": (dict(TB_SO, sign=["TM. SỞ NỘI VỤ", "GIÁM ĐỐC"]), {"ND30-SIGN-AUTHORITY": "fail"}, {}),
    "bad-kh-signature-centred": (dict(KH, sign_centered=True), {"ND30-SIGN-AUTHORITY": "fail"}, {}),
    # công văn
    "ok-cv-plain": (dict(CV), {"ND30-SO-FORMAT": "pass", "ND30-SO-TYPE": "pass", "ND30-TYPE-STYLE": "not-applicable"},
                    {"type": "CV"}),
    "bad-cv-heading-and-cv-symbol": (dict(CV, cv_heading=True, type_name="CÔNG VĂN", number="112/CV-UBND"),
                                     {"ND30-SO-TYPE": "fail", "ND30-TYPE-STYLE": "fail"}, {"type": "CV"}),
    # month padding: only January and February take a leading zero
    "ok-bb-month-unpadded": (dict(BB, date="Phượng Tiến, ngày 05 tháng 9 năm 2026"), {"ND30-DATE-FORMAT": "pass"}, {}),
    "bad-bb-month-09": (dict(BB, date="Phượng Tiến, ngày 05 tháng 09 năm 2026"), {"ND30-DATE-FORMAT": "fail"}, {}),
    "ok-kh-draft-blank-day": (dict(KH, date="Phượng Tiến, ngày      tháng 9 năm 2026"), {"ND30-DATE-FORMAT": "pass"}, {}),
    "bad-kh-draft-blank-day-month-09": (dict(KH, date="Phượng Tiến, ngày      tháng 09 năm 2026"),
                                        {"ND30-DATE-FORMAT": "fail"}, {}),
}
# a package without word/_rels/document.xml.rels: the styles cannot be found — say it is damaged
DAMAGED = {"bad-kh-no-document-rels": ("ok-kh-tabs-header", "word/_rels/document.xml.rels",
                                       {"FILE-UNREADABLE": "fail"})}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.docx"):
        old.unlink()
    labels = []
    built: dict[str, bytes] = {}
    for name, (o, expected, facts) in CASES.items():
        built[name] = mu._fixed_zip(build(o))
        (OUT / f"{name}.docx").write_bytes(built[name])
        labels.append({"path": f"tests/layouts/files/{name}.docx", "expected": expected, "document": facts})
    for name, (base, part, expected) in DAMAGED.items():
        (OUT / f"{name}.docx").write_bytes(drop_part(built[base], part))
        labels.append({"path": f"tests/layouts/files/{name}.docx", "expected": expected, "document": {}})
    (HERE / "labels.json").write_text(json.dumps({"version": 1, "files": labels}, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    print(f"{len(labels)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
