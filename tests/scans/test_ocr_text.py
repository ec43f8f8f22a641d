"""The OCR reader's text repairs, without Tesseract: fixed phrases get their marks back and
nothing else; dashes are told apart by their ink length."""

from __future__ import annotations

from nd30check.readers.ocr.page import GLUED, _dash, _doubtful_dash
from nd30check.readers.ocr.phrases import restore


def test_marks_of_fixed_phrases_are_restored() -> None:
    assert restore("Độc lập - Tự đo - Hạnh phúc".split()) == "Độc lập - Tự do - Hạnh phúc".split()
    assert restore("ỦY BAN NHÂN DẦN TỈNH QUẢNG NGÃI".split())[:4] == "ỦY BAN NHÂN DÂN".split()
    assert restore(["Noi", "nhận:"]) == ["Nơi", "nhận:"]


def test_defects_are_never_corrected_away() -> None:
    # a dash, a missing word, lower case and accepted spellings stay as read
    assert restore("Độc lập – Tự do – Hạnh phúc".split()) == "Độc lập – Tự do – Hạnh phúc".split()
    assert restore("CỘNG HÒA CHỦ NGHĨA VIỆT NAM".split()) == "CỘNG HÒA CHỦ NGHĨA VIỆT NAM".split()
    assert restore("Ủy ban nhân dần".split()) == "Ủy ban nhân dân".split()
    assert restore("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM".split())[1] == "HOÀ"
    assert restore("Quảng Nam".split()) == ["Quảng", "Nam"]


def test_dashes_by_ink_length() -> None:
    em = 14 * 200 / 72.0  # 14 pt at 200 dpi
    assert _dash(0.26 * em, 14, 200) == "-"
    assert _dash(0.51 * em, 14, 200) == "–"
    assert _dash(1.0 * em, 14, 200) == "—"
    assert _doubtful_dash(0.42 * em, 14, 200) and not _doubtful_dash(0.27 * em, 14, 200)


def test_punctuation_glued_to_words_is_doubtful() -> None:
    assert GLUED.search("lập-") and GLUED.search("-Tự") and GLUED.search("KT.CHÁNH")
    assert not GLUED.search("05/KH-UBND") and not GLUED.search("TM.") and not GLUED.search("-")
