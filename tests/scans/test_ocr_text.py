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


def test_unread_tail_is_a_small_token_that_ends() -> None:
    """Ink right after a line's last word that no word covers and that ends (a dropped
    "(b/c);") makes its end a guess; ink that runs on (a line cut by the reading) or none does not."""
    import numpy as np

    from nd30check.readers.ocr.page import _unread_tail
    from nd30check.readers.ocr.tess import Word

    w = Word(text="THPT", conf=95, x0=100, top=100, x1=200, bottom=130, line=0, block=0)
    page = np.zeros((300, 600), dtype=bool)
    assert not _unread_tail(w, 30, page, [w])
    page[105:128, 215:240] = True  # a small token, then white
    assert _unread_tail(w, 30, page, [w])
    covered = Word(text=";", conf=90, x0=214, top=104, x1=241, bottom=129, line=0, block=0)
    assert not _unread_tail(w, 30, page, [w, covered])  # read: it is the line's end
    page[105:128, 215:560] = True  # ink that runs on
    assert not _unread_tail(w, 30, page, [w])
