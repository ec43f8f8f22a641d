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

import scankit as K  # noqa: E402
from test_so_line import _rule, _twin, needs_ocr  # noqa: E402

from nd30check.checks.common import own_confidence, token_confidence, weakest  # noqa: E402
from nd30check.checks.readings import one_digit_confused  # noqa: E402
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



def test_a_date_rests_on_its_own_words_not_the_lines_weakest() -> None:
    """Salt i: "… ngày 18 tháng 5 năm 2026 của Ủy ban nhân dân xã Phượng Tiến)" with the date
    words at 0.97 and the line's reading 0.893 (from "Tiến)"): the date is read surely."""
    p = Paragraph(index=0, confidence=0.893, source="ocr")
    p.extra["word_confidences"] = [("số", 0.933), ("05⁄KH-UBND", 0.787), ("ngày", 0.958), ("18", 0.97),
                                   ("tháng", 0.965), ("5", 0.97), ("năm", 0.969), ("2026", 0.969),
                                   ("ban", 0.888), ("Tiến)", 0.893)]
    assert weakest(p, "18", "5", "2026", exact=True) == 0.893  # the line's weakest: a note
    assert own_confidence(p, "18", "5", "2026", exact=True) == 0.969
    p.confidence = 0.7  # a doubt beyond its words (an unread tail, foreign ink) still counts
    assert own_confidence(p, "18", "5", "2026", exact=True) == 0.7


def test_a_slash_like_mark_on_a_scan_is_the_slash() -> None:
    from nd30check.checks.appendix import _same_ns

    assert _same_ns("05\u2044KH-UBND", "05/KH-UBND", scanned=True)
    assert not _same_ns("05\u2044KH-UBND", "05/KH-UBND", scanned=False)  # typed: another character
    assert not _same_ns("06/KH-UBND", "05/KH-UBND", scanned=True)


def test_a_digit_a_scan_confuses_is_a_misreading() -> None:
    assert one_digit_confused("06", "08") and one_digit_confused("2028", "2026") and one_digit_confused("3", "8")
    assert not one_digit_confused("18", "08")  # a 1 for a 0: no stroke turns one into the other
    assert not one_digit_confused("16", "08") and not one_digit_confused("08", "08")


@needs_ocr
@pytest.mark.parametrize("salt", ["d", "g", "i", "m"])
def test_wrong_date_on_rescanned_twins(tmp_path: Path, salt: str) -> None:
    """Salt i: the date words at 0.97 on a line whose reading is 0.893 fail; its "05⁄KH-UBND"
    (a fraction slash for the "/") is the main document's number, not even a note. Salt m: the
    main date line's "2026" at 0.863 (both sides read the year alike) made the days' mismatch,
    read at 0.97, a note."""
    path = _twin("ND30-PL-REF--wrong-date", "defects", salt, tmp_path)
    res = K.run([str(path)], None, jobs=1)[str(path)]
    found = [f for f in res.findings if f.rule == "ND30-PL-REF"]
    assert res.statuses["ND30-PL-REF"] == "fail" and [f.key for f in found] == ["date"]


@needs_ocr
def test_a_misread_year_fails_nothing(tmp_path: Path) -> None:
    """Salt b reads the appendix's "năm 2026" as "năm 202G"; the text PDF passes."""
    status, failing = _rule(_twin("ND30-SIGN-AUTHORITY--t-slash-m", "defects", "b", tmp_path), "ND30-PL-REF")
    assert status != "fail" and not failing


def _scanned(index: int, role: str, words: list[tuple[str, float]], confidence: float) -> Paragraph:
    from nd30check.model import Run

    p = Paragraph(index=index, runs=[Run(" ".join(w for w, _ in words))], role=role, source="ocr",
                  confidence=confidence)
    p.extra["word_confidences"] = words
    return p


@pytest.mark.parametrize("main_day, ref_day, sure", [("08", "18", True), ("08", "06", False)])
def test_a_date_mismatch_rests_on_both_dates_own_words(main_day: str, ref_day: str, sure: bool) -> None:
    """The comparison rests on the words of the parts that differ, the main date line's and the
    reference's (not on "Tiển," at 0.855 nor "Tiến)" at 0.893, nor on the year "2026" at 0.948
    both sides read alike); a day one confusable digit off stays a note."""
    from nd30check.checks.appendix import _date_confidence, _main_facts
    from nd30check.model import Document, Role

    main_line = _scanned(0, Role.DIA_DANH_NGAY, [("Phượng", 0.93), ("Tiển,", 0.855), ("ngày", 0.969),
                                                 (main_day, 0.965), ("tháng", 0.965), ("5", 0.965),
                                                 ("năm", 0.969), ("2026", 0.948)], 0.855)
    ref = _scanned(1, Role.PL_REF, [("(Kèm", 0.966), ("theo", 0.97), ("Kế", 0.967), ("hoạch", 0.97),
                                    ("số", 0.933), ("05/KH-UBND", 0.787), ("ngày", 0.958), (ref_day, 0.97),
                                    ("tháng", 0.965), ("5", 0.97), ("năm", 0.969), ("2026", 0.969),
                                    ("xã", 0.96), ("Tiến)", 0.893)], 0.893)
    doc = Document(path="x.pdf", kind="pdf", paragraphs=[main_line, ref])
    doc.facts.date = f"2026-05-{main_day}"
    conf = _date_confidence(doc, ref, {"date": f"2026-05-{ref_day}"}, _main_facts(doc, None),
                            f"2026-05-{ref_day}", f"2026-05-{main_day}")
    assert (conf == 0.965) if sure else (conf is not None and conf < 0.9)
