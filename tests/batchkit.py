"""Small real documents for batch, report, CLI and audit tests (made at test time).

A main document is a Decree 30 style "KẾ HOẠCH" written with python-docx (Times New Roman,
A4, the decree's margins); an appendix file is a "Phụ lục" whose "(Kèm theo Kế hoạch số …
ngày …)" line names its main document. The real readers and structure recognition read them.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

_ALIGN = {"c": WD_ALIGN_PARAGRAPH.CENTER, "j": WD_ALIGN_PARAGRAPH.JUSTIFY, "l": WD_ALIGN_PARAGRAPH.LEFT,
          "r": WD_ALIGN_PARAGRAPH.RIGHT}


def _write(path: Path, lines: list[tuple[str, str, bool, bool, int]]) -> Path:
    d = Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.left_margin, s.right_margin, s.top_margin, s.bottom_margin = Mm(30), Mm(15), Mm(20), Mm(20)
    for text, align, bold, italic, size in lines:
        p = d.add_paragraph()
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        r.font.size = Pt(size)
        r.font.name = "Times New Roman"
        p.alignment = _ALIGN[align]
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def main_doc(path: Path, number: str = "45", date: tuple[int, int, int] = (10, 3, 2026),
             unit: str = "XÃ PHƯỢNG TIẾN", symbol: str = "KH-UBND") -> Path:
    day, month, year = date
    return _write(path, [
        ("ỦY BAN NHÂN DÂN", "c", False, False, 13),
        (unit, "c", True, False, 13),
        (f"Số: {number}/{symbol}", "c", False, False, 13),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "c", True, False, 13),
        ("Độc lập - Tự do - Hạnh phúc", "c", True, False, 14),
        (f"Phượng Tiến, ngày {day:02d} tháng {month:02d} năm {year}", "r", False, True, 14),
        ("KẾ HOẠCH", "c", True, False, 14),
        ("Tổ chức ngày hội đọc sách", "c", True, False, 14),
        ("Thực hiện chỉ đạo của cấp trên, Ủy ban nhân dân xã ban hành kế hoạch như sau.", "j", False, False, 14),
        ("TM. ỦY BAN NHÂN DÂN", "c", True, False, 13),
        ("CHỦ TỊCH", "c", True, False, 13),
        ("Nguyễn Văn An", "c", True, False, 14),
    ])


def appendix_doc(path: Path, number: str = "45/KH-UBND", date: tuple[int, int, int] = (10, 3, 2026)) -> Path:
    day, month, year = date
    return _write(path, [
        ("Phụ lục I", "c", True, False, 14),
        ("DANH SÁCH CÁC ĐƠN VỊ THAM GIA", "c", True, False, 14),
        (f"(Kèm theo Kế hoạch số {number} ngày {day:02d} tháng {month:02d} năm {year} "
         "của Ủy ban nhân dân xã Phượng Tiến)", "c", False, True, 14),
        ("1. Trường tiểu học Phượng Tiến", "j", False, False, 14),
    ])


def broken_files(folder: Path) -> list[Path]:
    """Files no reader can read: garbage named .pdf, a truncated .docx, an empty .pdf."""
    folder.mkdir(parents=True, exist_ok=True)
    garbage = folder / "hong.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    trunc = folder / "cut.docx"
    trunc.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    empty = folder / "empty.pdf"
    empty.write_bytes(b"")
    return [garbage, trunc, empty]
