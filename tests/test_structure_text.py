"""Pure text helpers of structure recognition (reused by checks and the bundle/audit code)."""

from __future__ import annotations

import unicodedata

import pytest

from nd30check.structure import parse_date_line, parse_kem_theo, parse_so_line
from nd30check.structure.text import (
    ascii_fold, fold, guess_type_from_symbol, is_khan_mat, is_placeholder, is_quoc_hieu, is_separator,
    is_tieu_ngu, iso_date, line_kind,
)


@pytest.mark.parametrize("text,number,symbol,ns,colon", [
    ("Số: 05/KH-UBND", "05", "KH-UBND", "05/KH-UBND", True),
    ("Số 05/KH-UBND", "05", "KH-UBND", "05/KH-UBND", False),
    ("Số:05/QĐ-UBND", "05", "QĐ-UBND", "05/QĐ-UBND", True),
    ("Số: 05 / KH - UBND", "05", "KH-UBND", "05/KH-UBND", True),
    ("Số:      /TTr-TCCB", None, "TTr-TCCB", None, True),
    ("Số: 1234/UBND-KTTH", "1234", "UBND-KTTH", "1234/UBND-KTTH", True),
    ("Số: 12/2025/QĐ-UBND", "12", "2025/QĐ-UBND", "12/2025/QĐ-UBND", True),
])
def test_parse_so_line(text: str, number, symbol, ns, colon) -> None:
    so = parse_so_line(text)
    assert so is not None
    assert (so.number, so.symbol, so.number_symbol, so.has_colon) == (number, symbol, ns, colon)


def test_parse_so_line_keeps_raw_spacing_and_rejects_other_lines() -> None:
    assert parse_so_line("Số: 05 / KH - UBND").raw_symbol == "KH - UBND"
    for t in ("Số lượng: 5 người", "Sở Y tế", "Số liệu năm 2025/2026 tăng", "", "Nơi nhận:"):
        assert parse_so_line(t) is None, t


def test_parse_so_line_decomposed_unicode() -> None:
    so = parse_so_line(unicodedata.normalize("NFD", "Số: 07/QĐ-UBND"))
    assert so is not None and so.number_symbol == "07/QĐ-UBND"


@pytest.mark.parametrize("text,place,iso,comma", [
    ("Phượng Tiến, ngày 08 tháng 5 năm 2026", "Phượng Tiến", "2026-05-08", True),
    ("Hà Nội, ngày 05 tháng 01 năm 2020", "Hà Nội", "2020-01-05", True),
    ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", "Thành phố Hồ Chí Minh", "2019-06-29", True),
    ("Hà Nội ngày 05 tháng 01 năm 2020", "Hà Nội", "2020-01-05", False),
    ("Hà Nội, ngày 31 tháng 02 năm 2026", "Hà Nội", None, True),
    ("Hà Nội, ngày    tháng 5 năm 2026", "Hà Nội", None, True),
    ("Hà Nội, ngày 05 tháng 01 năm 26", "Hà Nội", None, True),
    ("Hà Nội, Ngày 29 Tháng 02 Năm 2024", "Hà Nội", "2024-02-29", True),
])
def test_parse_date_line(text: str, place, iso, comma) -> None:
    d = parse_date_line(text)
    assert d is not None
    assert (d.place, d.iso, d.has_comma) == (place, iso, comma)


def test_parse_date_line_parts_and_rejects() -> None:
    d = parse_date_line("Hà Nội, ngày 05 tháng 3 năm 2020")
    assert (d.day, d.month, d.year) == ("05", "3", "2020")
    assert parse_date_line("Kế hoạch năm 2026") is None
    assert parse_date_line("") is None


def test_iso_date() -> None:
    assert iso_date("29", "02", "2024") == "2024-02-29"
    assert iso_date("29", "02", "2025") is None
    assert iso_date("1", "13", "2025") is None
    assert iso_date(None, "1", "2025") is None


def test_parse_kem_theo() -> None:
    assert parse_kem_theo("(Kèm theo Kế hoạch số 05/KH-UBND ngày 08 tháng 5 năm 2026 của Ủy ban nhân dân xã"
                          " Phượng Tiến)") == {
        "type": "Kế hoạch", "number_symbol": "05/KH-UBND", "date": "2026-05-08",
        "issuer": "Ủy ban nhân dân xã Phượng Tiến"}
    r = parse_kem_theo("(Kèm theo Công văn số 12/UBND-VX ngày 8/5/2026)")
    assert r["type"] == "Công văn" and r["number_symbol"] == "12/UBND-VX" and r["date"] == "2026-05-08"
    r = parse_kem_theo("(Kèm theo văn bản số …/…-… ngày … tháng … năm …)")
    assert r == {"type": "văn bản", "number_symbol": None, "date": None, "issuer": None}
    r = parse_kem_theo("(Kèm theo Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ)")
    assert r["number_symbol"] == "30/2020/NĐ-CP" and r["date"] == "2020-03-05" and r["issuer"] == "Chính phủ"
    assert parse_kem_theo("Phụ lục I") is None


@pytest.mark.parametrize("text,kind", [
    ("Số: 05/KH-UBND", "so"), ("Số 05/KH-UBND", "so"), ("Căn cứ Luật Tổ chức", "cancu"),
    ("Theo đề nghị của Trưởng phòng", "denghi"), ("Xét đề nghị của", "denghi"), ("Kính gửi:", "kinhgui"),
    ("Nơi nhận:", "noinhan"), ("V/v triển khai", "vv"), ("Điều 1. Phạm vi", "dieu"), ("Chương II", "phan"),
    ("Phần I", "phan"), ("Mục 1", "muc"), ("Tiểu mục 2", "muc"), ("PHỤ LỤC I", "phuluc"),
    ("(Kèm theo Kế hoạch số", "kemtheo"), ("TM. ỦY BAN NHÂN DÂN", "prefix"), ("KT. CHỦ TỊCH", "prefix"),
    ("TL. BỘ TRƯỞNG", "prefix"), ("TUQ. CHỦ TỊCH", "prefix"), ("Q. GIÁM ĐỐC", "prefix"), ("T/M UBND", "prefix"),
    ("I. MỤC ĐÍCH", "roman"), ("IV. TỔ CHỨC", "roman"), ("1. Mục đích", "numbered"), ("1.1. Nội dung", "numbered"),
    ("Địa chỉ: Thôn 1", "address"), ("ĐT: 0243", "address"),
    ("QUYẾT ĐỊNH", None), ("Số lượng người", None), ("Quyết định này", None), ("Trên đây là", None),
    ("Mục đích của kế hoạch", None), ("Điều chỉnh kế hoạch", None), ("TỔ CHỨC THỰC HIỆN", None),
    ("Nơi nhận hồ sơ: Bộ phận Một cửa", None), ("Nơi nhận", "noinhan"),
])
def test_line_kind(text: str, kind) -> None:
    assert line_kind(fold(text)) == kind


def test_quoc_hieu_tieu_ngu_tolerance() -> None:
    for t in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "CỘNG HÒA XÃ HỘI VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam", "CONG HOA XA HOI CHU NGHIA VIET NAM"):
        assert is_quoc_hieu(ascii_fold(fold(t))), t
    assert not is_quoc_hieu(ascii_fold(fold("Cộng hòa Pháp")))
    for t in ("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc", "Độc lập-Tự do-Hạnh phúc"):
        assert is_tieu_ngu(ascii_fold(fold(t))), t
    assert not is_tieu_ngu(ascii_fold(fold("Tự do đi lại")))


def test_small_predicates() -> None:
    assert is_khan_mat(fold("HỎA TỐC")) and is_khan_mat(fold("Khẩn")) and is_khan_mat(fold("TỐI MẬT"))
    assert not is_khan_mat(fold("KHẨN TRƯƠNG"))
    assert is_placeholder(fold("(Đã ký)")) and is_placeholder(fold("(Chữ ký, dấu)"))
    assert is_placeholder(fold("(Ký, ghi rõ họ tên)")) and not is_placeholder(fold("(để báo cáo)"))
    assert is_separator("________") and is_separator("- - - - -") and not is_separator("……………")
    assert guess_type_from_symbol("KH-UBND") == "KH" and guess_type_from_symbol("UBND-VX") is None
    assert guess_type_from_symbol("QyĐ-UBND") == "QyĐ" and guess_type_from_symbol(None) is None


def test_ocr_reads_a_roman_part_number_as_letters_and_it_is_still_a_part_heading() -> None:
    from nd30check.structure.text import line_kind, ocr_line_kind

    for up in ("PHẦN H", "PHẦN IH", "CHƯƠNG 1I.", "PHẦN II"):
        assert ocr_line_kind(up) == "phan", up
    assert line_kind("PHẦN H") is None  # text layers keep the strict grammar
    for up in ("PHẦN HỌC PHÍ CÒN LẠI", "PHẦN LỚN CÁC XÃ", "PHẦN H KHÁC"):
        assert ocr_line_kind(up) != "phan", up


def test_ocr_reads_a_roman_heading_label_as_letters_and_it_is_still_a_roman_heading() -> None:
    """Salt n, A5 twin: "III. TỔ CHỨC THỰC HIỆN" read "HI. …" was labelled body (an indent judged)."""
    from nd30check.structure.text import line_kind, ocr_line_kind

    for up in ("HI. TỔ CHỨC THỰC HIỆN", "H. NỘI DUNG", "IH. GIẢI PHÁP", "1I. MỤC TIÊU"):
        assert ocr_line_kind(up) == "roman", up
    assert line_kind("HI. TỔ CHỨC THỰC HIỆN") is None  # text layers keep the strict grammar
    for up in ("HIỆU TRƯỞNG", "HN. A", "HI.TỔ", "H."):
        assert ocr_line_kind(up) != "roman", up
    assert ocr_line_kind("1. NỘI DUNG") == "numbered"


def test_ocr_part_label_whose_numeral_went_unread_is_still_a_part_heading() -> None:
    """Salt l, compliant ĐA twin: "Phần I" read "Phần" made its title a body line (BODY-ALIGN failed)."""
    from nd30check.structure.text import line_kind, ocr_line_kind

    for up in ("PHẦN", "CHƯƠNG", "PHẦN:"):
        assert ocr_line_kind(up) == "phan", up
    assert line_kind("PHẦN") is None
    assert ocr_line_kind("PHẦN LỚN CÁC XÃ") != "phan"
