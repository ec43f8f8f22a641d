"""The appendix reference "(Kèm theo … số … ngày … tháng … năm …)" on scans.

A date mismatch rests on the words of the date (not on the "05" of "05/KH-UBND" that holds the
month's digits as a substring); a date part read with a letter in it ("năm 202G") is a misreading,
never another date; an appendix heading whose "I" carries a speck ("Phụ lục ï") is still the
heading of Phụ lục I. Twins rebuilt from the samples with the rescan profiles of salts b, d, g."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test_so_line import _rule, _twin, needs_ocr  # noqa: E402

from nd30check.checks.common import token_confidence, weakest  # noqa: E402
from nd30check.model import Paragraph  # noqa: E402


def test_date_words_are_matched_whole() -> None:
    p = Paragraph(index=0, confidence=0.933)
    assert token_confidence(p, "18", exact=True) is None  # exact text: no word confidences
    p.extra["word_confidences"] = [("số", 0.933), ("05/KH-UBND", 0.682), ("ngày", 0.957), ("18", 0.97),
                                   ("tháng", 0.966), ("5", 0.969), ("năm", 0.967), ("2026", 0.964)]
    p.source = "ocr"
    assert weakest(p, "18", "5", "2026", exact=True) == 0.933  # not 0.682 (the "05" of the symbol)
    assert token_confidence(p, "18", "5", "2026", exact=True) == 0.964  # the date words alone
    assert token_confidence(p, "18", "5", "2026") == 0.682  # as substrings: the symbol's "05" too
    assert token_confidence(p, "19", exact=True) is None


@needs_ocr
@pytest.mark.parametrize("salt", ["d", "g"])
def test_wrong_date_on_rescanned_twins(tmp_path: Path, salt: str) -> None:
    status, failing = _rule(_twin("ND30-PL-REF--wrong-date", "defects", salt, tmp_path), "ND30-PL-REF")
    assert status == "fail" and failing


@needs_ocr
def test_a_misread_year_fails_nothing(tmp_path: Path) -> None:
    """Salt b reads the appendix's "năm 2026" as "năm 202G"; the text PDF passes."""
    status, failing = _rule(_twin("ND30-SIGN-AUTHORITY--t-slash-m", "defects", "b", tmp_path), "ND30-PL-REF")
    assert status != "fail" and not failing
