"""nd30check.text: one home for Vietnamese text knowledge (folding, the Số and date grammars)."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import pytest

from nd30check.text.dates import DateLine, parse_date, parse_date_line
from nd30check.text.fold import fold, fold_upper, has_accents, match_key, strip_accents
from nd30check.text.numbers import parse_so, parse_so_line

ROOT = Path(__file__).resolve().parent.parent


def test_fold_keeps_accents_and_makes_tone_placements_equal() -> None:
    assert fold("Cộng hoà  xã hội") == fold("CỘNG HÒA XÃ HỘI") == "CỘNG HÒA XÃ HỘI"
    assert fold("Uỷ ban") == "ỦY BAN"
    assert fold(unicodedata.normalize("NFD", "Hoà Bình")) == "HÒA BÌNH"
    assert fold_upper("hoà") == "HÒA"


def test_strip_accents_nfc_and_nfd_alike() -> None:
    assert strip_accents("Cộng hòa Đà Nẵng") == "Cong hoa Da Nang"
    assert strip_accents(unicodedata.normalize("NFD", "Cộng hòa Đà Nẵng")) == "Cong hoa Da Nang"
    assert strip_accents("– “x” …") == "– “x” …"  # punctuation is not an accent


def test_match_key_and_has_accents() -> None:
    assert match_key("Sở GD&ĐT tỉnh Ninh Bình") == "so gd va dt tinh ninh binh"
    assert match_key("UBND-TỈNH, QUẢNG NGÃI.") == "ubnd tinh quang ngai"
    assert has_accents("Nguyễn") and has_accents("đi") and not has_accents("Nguyen Van A")


@pytest.mark.parametrize("text, number, symbol, colon", [
    ("Số: 05/KH-UBND", "05", "KH-UBND", True),
    ("Số:05/KH-UBND", "05", "KH-UBND", True),
    ("SỐ 05/KH", "05", "KH", False),
    ("So: 12 /QĐ-UBND.", "12", "QĐ-UBND", True),
    ("Số:    /TB-UBND", None, "TB-UBND", True),
    ("Số: 05 /KH - UBND", "05", "KH-UBND", True),
])
def test_so_line_as_recognition_reads_it(text: str, number: str | None, symbol: str, colon: bool) -> None:
    so = parse_so_line(text)
    assert so is not None and (so.number, so.symbol, so.has_colon) == (number, symbol, colon)
    assert so.number_symbol == (f"{number}/{symbol}" if number else None)


@pytest.mark.parametrize("text", ["Số lượng người tham dự", "Số ký hiệu", "Sổ tay 5/10", "V/v abc"])
def test_not_a_so_line(text: str) -> None:
    assert parse_so_line(text) is None


def test_so_parts_as_typed() -> None:
    p = parse_so("Số:05 /KH - UBND")
    assert (p.label, p.colon, p.num, p.slash, p.sym) == ("Số", ":", "05", "/", "KH - UBND")
    p = parse_so("Số 5 KH-UBND")
    assert (p.colon, p.num, p.slash, p.sym) == ("", "5", "", "KH-UBND")
    p = parse_so("Số：05/KH")  # a full-width colon is a colon (one finding, not three)
    assert (p.colon, p.num) == ("：", "05")


def test_date_line() -> None:
    assert parse_date_line("Hà Nội, ngày 05 tháng 01 năm 2026") == DateLine("Hà Nội", "05", "01", "2026", True, "2026-01-05")
    assert parse_date_line("Hà Nội ngày 5 tháng 1 năm 2026.").iso == "2026-01-05"
    assert parse_date_line("Quảng Ngãi, ngày      tháng 01 năm 2025") == DateLine("Quảng Ngãi", None, "01", "2025", True, None)
    assert parse_date_line("ngày 32 tháng 13 năm 2026").iso is None
    assert parse_date_line("Kế hoạch năm 2026") is None
    # a line that goes on after the year is not a date line…
    assert parse_date_line("Hà Nội, ngày 05 tháng 01 năm 2026 (dự thảo)") == DateLine(None, None, None, None, False, None)
    # …unless a later "ngày" ends it: the words before it are the place
    dl = parse_date_line("Thời gian ngày 5 tháng 6 năm 2026 tại Hà Nội, ngày 05 tháng 01 năm 2026")
    assert dl.iso == "2026-01-05" and dl.place.endswith("tại Hà Nội")


def test_date_parts_as_typed() -> None:
    p = parse_date("Hà Nội NGÀY 5 tháng 01 năm 2026 x")
    assert (p.place, p.comma, p.ngay, p.d, p.m, p.y, p.rest) == ("Hà Nội", "", "NGÀY", "5", "01", "2026", "x")


def test_one_copy_of_each() -> None:
    """No module outside nd30check/text defines its own folding or Số/date grammar."""
    forbidden = {"fold", "ascii_fold", "_ascii_fold", "strip_accents", "match_key", "has_accents", "_has_accents",
                 "parse_so", "parse_so_line", "parse_date", "parse_date_line", "_build_ascii_table"}
    allowed = {("nd30check/signatures/trust.py", "_fold")}  # a documented wrapper over text.fold
    found = []
    for path in sorted((ROOT / "nd30check").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if rel.startswith("nd30check/text/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and (node.name in forbidden or node.name == "_fold") \
                    and (rel, node.name) not in allowed:
                found.append(f"{rel}:{node.name}")
    assert not found, found
