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


def test_final_comma_or_full_stop_from_its_ink() -> None:
    """A word's last mark is a comma when its ink has a tail below the baseline, a full stop
    when a dot sits on it — whatever the reading wrote; unclear ink leaves the reading."""
    import numpy as np

    from nd30check.readers.ocr.page import _marks_measured
    from nd30check.readers.ocr.tess import Word

    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True  # "VP": letters standing on the baseline (y = 130)
    page[125:130, 146:151] = True  # a dot on the baseline
    dot = Word(text="VP,", conf=92, x0=100, top=100, x1=151, bottom=130, line=0, block=0, baseline=130)
    page[100:130, 200:240] = True
    page[124:135, 246:250] = True  # a mark with a tail under the baseline
    tail = Word(text="VT.", conf=92, x0=200, top=100, x1=250, bottom=135, line=0, block=0, baseline=130)
    _marks_measured([dot, tail], page)
    assert dot.text == "VP." and tail.text == "VT,"
    page[100:130, 300:340] = True
    page[124:131, 346:351] = True  # on the baseline but taller than a dot: unclear, as read
    odd = Word(text="xã,", conf=92, x0=300, top=100, x1=351, bottom=131, line=0, block=0, baseline=130)
    _marks_measured([odd], page)
    assert odd.text == "xã,"


def test_a_rule_stepping_over_rows_is_one_rule() -> None:
    """A rule left slanted by a residual skew is stepped pieces on touching rows: one rule of
    their joined length; letters' short bars side by side are none."""
    import numpy as np
    from PIL import Image

    from nd30check.readers.ocr.rules import find_rules

    arr = np.full((300, 800), 255, dtype=np.uint8)
    for i in range(4):  # 4 pieces of 40 px (5 mm at 200 dpi), each one row lower
        arr[100 + i, 100 + 40 * i:140 + 40 * i + 1] = 0
    for i in range(8):  # bars of letters: 20 px, 10 px apart on one row
        arr[200:203, 100 + 30 * i:120 + 30 * i] = 0
    hl, _ = find_rules(Image.fromarray(arr, "L"), 200)
    assert len(hl) == 1
    assert abs((hl[0].x1 - hl[0].x0) - 161 * 72 / 200) < 1.0


def test_a_rule_broken_by_pale_pixels_is_one_rule() -> None:
    """A scanned rule with a pale pixel or two missing every few millimetres (its pieces each
    shorter than a rule) is found whole; two rules a word space apart (1.2 mm) stay two."""
    import numpy as np
    from PIL import Image

    from nd30check.readers.ocr.rules import find_rules

    arr = np.full((300, 1200), 255, dtype=np.uint8)
    arr[100:102, 100:900] = 0
    for x in range(150, 900, 50):  # a 1–2 px break every 50 px (6 mm at 200 dpi)
        arr[100:102, x:x + 1 + x % 2] = 200
    arr[200:202, 100:400] = 0
    arr[200:202, 410:700] = 0  # 10 px = 1.27 mm apart
    hl, _ = find_rules(Image.fromarray(arr, "L"), 200)
    top = [h for h in hl if h.y < 50]
    assert len(top) == 1 and abs((top[0].x1 - top[0].x0) - 800 * 72 / 200) < 1.0
    assert len([h for h in hl if h.y > 50]) == 2


def test_a_comparison_rests_on_the_confidence_of_its_token() -> None:
    """A number read at 25 % in a line of well-read words: a finding on that number carries
    the number's confidence (a note), one on exact text carries none (the engine's own)."""
    from nd30check.checks.common import token_confidence, weakest
    from nd30check.model import Paragraph

    p = Paragraph(index=0)
    assert token_confidence(p, "KHUBND") is None  # exact text: no word confidences
    p.confidence = 0.95
    p.extra["word_confidences"] = [("(Kèm", 0.97), ("theo", 0.97), ("số", 0.93), ("KHUBND", 0.25),
                                   ("ngày", 0.97), ("08", 0.97), ("2026)", 0.96)]
    assert token_confidence(p, "KHUBND") == 0.25 and weakest(p, "KHUBND") == 0.25
    assert token_confidence(p, "2026", "05", "08") == 0.96
    assert weakest(p, "2026") == 0.95  # never above the paragraph's own reading


def test_ink_unread_before_a_first_word_makes_its_start_a_guess() -> None:
    """A "III." left unread before "KINH PHÍ THỰC HIỆN": where the line begins is doubtful;
    unread ink elsewhere on the page (another line, far left) is not."""
    from nd30check.model import Paragraph, Run
    from nd30check.readers.ocr import _unread_before

    p = Paragraph(index=0, runs=[Run(text="KINH PHÍ", size=13.0)], top=428.0)
    read = [(440.0, 144.4, 0.92), (440.0, 180.0, 0.92)]  # (baseline, left end, confidence) of its words
    assert _unread_before(p, read, [(121.7, 430.6, 140.4, 440.3)])
    assert not _unread_before(p, read, [(121.7, 460.0, 140.4, 470.0)])  # the line below
    assert not _unread_before(p, read, [(20.0, 430.6, 40.0, 440.3)])  # far in the margin
