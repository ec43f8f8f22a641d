"""Structure recognition on .docx files written at test time (python-docx) and read by the real
reader: tab-split header/signature lines (split or not by the reader), and plain paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

from nd30check.model import Role as R  # noqa: E402
from nd30check.structure import analyze  # noqa: E402

C, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
TABS = [(3.5, WD_TAB_ALIGNMENT.CENTER), (11.5, WD_TAB_ALIGNMENT.CENTER)]
RTAB = [(11.5, WD_TAB_ALIGNMENT.CENTER)]


def _add(d, text: str, *, bold=False, italic=False, align=None, size=13, tabs=None):
    p = d.add_paragraph()
    for pos, al in tabs or []:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(pos), al)
    if text:
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        r.font.size = Pt(size)
        r.font.name = "Times New Roman"
    if align is not None:
        p.alignment = align
    return p


def _read(path: Path):
    from nd30check.readers.docx import read_docx

    doc = read_docx(str(path))
    analyze(doc)
    return doc


def _role_of(doc, start: str) -> str | None:
    for p in doc.paragraphs:
        if p.text.strip().startswith(start):
            return p.role
    raise AssertionError(f"no paragraph starts with {start!r}")


@pytest.mark.parametrize("lead", ["", "\t"], ids=["left-text-first", "leading-tab"])
def test_cong_van_with_tab_header(tmp_path: Path, lead: str) -> None:
    d = docx.Document()
    _add(d, f"{lead}UBND HUYỆN PHÚ XUYÊN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, tabs=TABS)
    _add(d, f"{lead}ỦY BAN NHÂN DÂN XÃ\tĐộc lập - Tự do - Hạnh phúc", bold=True, tabs=TABS)
    _add(d, f"{lead}Số: 07/UBND-VP\tPhượng Tiến, ngày 08 tháng 5 năm 2026", tabs=TABS)
    _add(d, f"{lead}V/v tổ chức tiêm chủng", tabs=TABS, size=12)
    _add(d, "Kính gửi: Trạm Y tế xã.", align=C)
    _add(d, "Ủy ban nhân dân xã đề nghị Trạm Y tế xã khẩn trương triển khai công tác tiêm chủng mở rộng"
            " năm 2026 trên địa bàn./.", align=J)
    _add(d, "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN", bold=True, tabs=RTAB)
    _add(d, "- Như trên;\tCHỦ TỊCH", tabs=RTAB)
    _add(d, "- Lưu: VT.", size=11)
    _add(d, "")
    _add(d, "\tNguyễn Văn An", bold=True, tabs=RTAB)
    path = tmp_path / "cv.docx"
    d.save(path)
    doc = _read(path)
    f = doc.facts
    # whether or not the reader splits the lines, the facts come out the same
    assert (f.type, f.number_symbol, f.date, f.place) == ("CV", "07/UBND-VP", "2026-05-08", "Phượng Tiến")
    assert f.agency == "ỦY BAN NHÂN DÂN XÃ" and f.parent_agency == "UBND HUYỆN PHÚ XUYÊN"
    assert (f.signer, f.signer_title, f.authority) == ("Nguyễn Văn An", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    assert _role_of(doc, "V/v") == R.VV
    assert _role_of(doc, "Kính gửi") == R.KINH_GUI
    assert _role_of(doc, "Nơi nhận") == R.NOI_NHAN
    assert _role_of(doc, "- Lưu") == R.NOI_NHAN_ITEM
    assert _role_of(doc, "Nguyễn Văn An") == R.HO_TEN
    roles = {p.role for p in doc.paragraphs}
    assert {R.QUOC_HIEU, R.TIEU_NGU, R.SO_KY_HIEU} <= roles


def test_plain_paragraph_quyet_dinh(tmp_path: Path) -> None:
    d = docx.Document()
    for t in ("ỦY BAN NHÂN DÂN", "XÃ PHƯỢNG TIẾN"):
        _add(d, t, bold=True, align=C, size=13)
    _add(d, "Số: 15/QĐ-UBND", align=C)
    _add(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=C)
    _add(d, "Độc lập - Tự do - Hạnh phúc", bold=True, align=C, size=14)
    _add(d, "Phượng Tiến, ngày 05 tháng 01 năm 2026", italic=True, align=C, size=14)
    _add(d, "QUYẾT ĐỊNH", bold=True, align=C, size=14)
    _add(d, "Về việc thành lập Tổ công tác chuyển đổi số xã", bold=True, align=C, size=14)
    _add(d, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN", bold=True, align=C, size=14)
    _add(d, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", italic=True, align=J, size=14)
    _add(d, "Theo đề nghị của Công chức Văn phòng - Thống kê xã.", italic=True, align=J, size=14)
    _add(d, "QUYẾT ĐỊNH:", bold=True, align=C, size=14)
    _add(d, "Điều 1. Thành lập Tổ công tác chuyển đổi số xã.", align=J, size=14)
    _add(d, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.", align=J, size=14)
    _add(d, "Nơi nhận:\tCHỦ TỊCH", bold=True, tabs=RTAB)
    _add(d, "- Như Điều 2;", size=11)
    _add(d, "- Lưu: VT.", size=11)
    _add(d, "")
    _add(d, "\tTrần Thị Bình", bold=True, tabs=RTAB)
    path = tmp_path / "qd.docx"
    d.save(path)
    doc = _read(path)
    f = doc.facts
    assert (f.type, f.type_name, f.number_symbol, f.date) == ("QĐ", "QUYẾT ĐỊNH", "15/QĐ-UBND", "2026-01-05")
    assert f.agency == "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN" and f.signer == "Trần Thị Bình"
    assert _role_of(doc, "CHỦ TỊCH ỦY BAN") == R.THAM_QUYEN
    assert _role_of(doc, "Căn cứ") == R.CAN_CU and _role_of(doc, "Theo đề nghị") == R.CAN_CU
    assert _role_of(doc, "QUYẾT ĐỊNH:") == R.BODY
    assert _role_of(doc, "Điều 1") == R.HEADING_DIEU
    assert _role_of(doc, "- Như Điều 2") == R.NOI_NHAN_ITEM
