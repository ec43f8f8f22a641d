"""Paragraphs on a real scan: a wrapped line whose size estimate jumps (capitals, marks, a
misread word) stays in its paragraph when its place says it wraps — the line above fills the
column and it starts at the left edge — while a header line of another size under a short
line is still a paragraph of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd30check.readers import read_document
from nd30check.readers.ocr import available

REAL = Path(__file__).resolve().parents[1] / "real" / "files"

pytestmark = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed "
                                "(sudo apt-get install tesseract-ocr tesseract-ocr-vie)")


def test_a_wrapped_line_estimated_larger_stays_in_its_paragraph() -> None:
    doc = read_document(str(REAL / "quangngai-CT16-UBND-2021-scan-signed.pdf"))
    page1 = [p for p in doc.paragraphs if p.page == 1]
    # "Thực hiện Chỉ thị …" wraps over ten lines; its fourth ("Tết Nguyên đán Nhâm Dần-năm 2022 …")
    # is estimated ~10 % larger than the first
    opening = next(p for p in page1 if p.text.startswith("Thực hiện Chỉ thị"))
    assert "Tết Nguyên đán" in opening.text and "các nội dung sau" in opening.text, opening.text
    assert not any(p.text.startswith("Tết Nguyên đán") for p in page1)


def test_the_number_line_is_not_joined_to_the_line_under_it() -> None:
    doc = read_document(str(REAL / "quangngai-CV575-UBND-KTTH-2025-scan-signed.pdf"))
    so = [p.text for p in doc.paragraphs if p.page == 1 and p.text.startswith("Số")]
    assert so and "575" in so[0] and "V/v" not in so[0], so
