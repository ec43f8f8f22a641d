"""The OCR reader's own measurements on drawn pages: where a recognised line splits into the
two blocks of a header or signature row, lines Tesseract dropped read again, marks told
apart by their ink. Synthetic images, so each case is one known cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd30check.readers.ocr.tess import Word

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")


def _w(text: str, x0: int, x1: int, top: int = 100, bottom: int = 125, line: int = 1, conf: float = 95) -> Word:
    return Word(text=text, conf=conf, x0=x0, top=top, x1=x1, bottom=bottom, line=line, block=1, baseline=bottom - 5)


def test_a_line_of_three_words_splits_at_the_gap_between_its_blocks() -> None:
    """"Nơi nhận:" and "KT. CHỦ TỊCH" read as one Tesseract line of three words: its two gaps
    are one word space and the gutter, so the gutter is no "usual" gap (it was the median)."""
    from nd30check.readers.ocr.page import _segments

    words = [_w("Nơi", 276, 327), _w("nhận:", 336, 416), _w("KT.CH", 1015, 1141)]
    assert [[w.text for w in s] for s in _segments(words, 72 / 200)] == [["Nơi", "nhận:"], ["KT.CH"]]
    two = [_w("Nơi", 276, 327), _w("PHÒNG", 863, 970)]  # two words, a gutter between them
    assert len(_segments(two, 72 / 200)) == 2
    body = [_w(t, 100 + 60 * i, 150 + 60 * i) for i, t in enumerate("một dòng chữ căn đều hai bên".split())]
    assert len(_segments(body, 72 / 200)) == 1


def _page(lines: list[tuple[int, int, str]], size: int = 46, width: int = 1400, height: int = 900):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size)
    for x, y, text in lines:
        draw.text((x, y), text, fill=0, font=font)
    return img


@pytest.fixture(scope="module")
def tess():
    from nd30check.readers.ocr import available

    t = available()
    if t is None:
        pytest.skip("Tesseract with the Vietnamese model is not installed")
    return t


def test_a_dropped_list_line_read_again_keeps_its_dash(tess) -> None:
    """A "- Lưu: Văn thư." line the page reading dropped is read again on its own; the list
    dash it opens with is no speck, so the line is kept (before, the dash — no letter or
    digit — made the line "not all read well" and it stayed a gap: NN-LUU "missing")."""
    from nd30check.readers.ocr.lost import reread_lost_lines
    from nd30check.readers.ocr.tess import recognise

    img = _page([(100, 100, "Nơi nhận:"), (100, 160, "- Như Điều 3;"), (100, 220, "- Chủ tịch UBND xã;"),
                 (100, 280, "- Lưu: Văn thư."), (100, 400, "Ủy ban nhân dân xã thông báo để các cơ quan biết.")])
    words = recognise(tess, img, 300)
    kept = [w for w in words if w.top < 270 or w.top > 350]  # the Lưu line dropped by the page reading
    assert len(kept) < len(words)
    out, unread = reread_lost_lines(kept, img, 300, tess, [], [])
    again = [w.text for w in out if 270 <= w.top <= 350]
    assert again[:2] == ["-", "Lưu:"] and not any(270 <= b[1] <= 350 for b in unread)


def test_a_full_stop_of_three_by_four_pixels_is_a_dot() -> None:
    """At 200 dpi a full stop of 13 pt is about 3 px wide and 4 px tall once scanned: one pixel
    of rounding is no tail ("- Lưu: VT, VP." read "VP," on a compliant twin failed NN-LUU)."""
    import numpy as np

    from nd30check.readers.ocr.page import _marks_measured

    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True  # letters standing on the baseline (y = 130)
    page[126:130, 146:149] = True  # a 3×4 dot on it
    w = _w("VP,", 100, 149, top=100, bottom=130)
    w.baseline = 130
    _marks_measured([w], page)
    assert w.text == "VP."


def test_a_semicolon_read_as_a_colon_is_told_by_its_lower_mark() -> None:
    """A semicolon's lower mark is a comma, clearly taller than its dot: a ":" with such ink is
    a ";" (compared with each other, so a baseline a pixel off does not decide). Alike dots
    prove no colon — at 150 dpi a semicolon's faint tail falls under the ink threshold and
    measures like a dot (a compliant twin's "xã;" turned "xã:", an NN-ITEMS false fail) — so a
    ";" stays as read."""
    import numpy as np

    from nd30check.readers.ocr.page import _marks_measured

    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True
    page[110:114, 146:150] = True  # upper dot
    page[122:132, 146:150] = True  # lower mark with a tail: a semicolon read as a colon
    semi = _w("chính:", 100, 150, top=100, bottom=132)
    semi.baseline = 130
    page[100:130, 200:240] = True
    page[110:113, 246:249] = True
    page[126:130, 246:249] = True  # 3 and 4 rows: a colon, or a semicolon whose tail was lost
    alike = _w("xã;", 200, 250, top=100, bottom=130)
    alike.baseline = 130
    _marks_measured([semi, alike], page)
    assert semi.text == "chính;" and alike.text == "xã;"


def test_a_semicolon_with_a_pale_tail_read_as_a_colon() -> None:
    """A semicolon whose comma tail is pale (under the ink threshold) measures like a colon in
    the ink mask; grown with the faint ink touching it, its lower mark is clearly the taller
    (CV575 real scan: "- Bộ Tài chính;" read "chính:" at 92 %, an NN-ITEMS finding's risk)."""
    import numpy as np

    from nd30check.readers.ocr.marks import marks_measured

    grey = np.full((200, 400), 245, dtype=np.uint8)
    grey[100:130, 100:140] = 0
    grey[110:113, 146:149] = 0  # upper dot: 3 rows
    grey[126:130, 146:149] = 0  # lower mark: 4 rows in the mask …
    grey[130:133, 145:148] = 170  # … and a pale tail curling down-left
    w = _w("chính:", 100, 149, top=100, bottom=130)
    w.baseline = 130
    marks_measured([w], grey < 128, grey <= 190)
    assert w.text == "chính;"
    colon = _w("nhận:", 100, 149, top=100, bottom=130)
    colon.baseline = 130
    grey[130:133, 145:148] = 245  # no tail: alike dots stay a colon
    marks_measured([colon], grey < 128, grey <= 190)
    assert colon.text == "nhận:"
    blur = _w("Lưu:", 100, 149, top=100, bottom=130)
    blur.baseline = 130
    grey[130:131, 146:149] = 170  # one pale row of blur under a colon's lower dot: 3 and 5 rows
    marks_measured([blur], grey < 128, grey <= 190)
    assert blur.text == "Lưu:"
    grey = np.full((200, 400), 245, dtype=np.uint8)
    grey[100:130, 100:140] = 0
    grey[114:116, 146:148] = 0
    grey[127:130, 146:148] = 0  # 2 and 3 rows at 150 dpi: a ratio of 1.5 by one pixel
    small = _w("Lưu:", 100, 148, top=100, bottom=130)
    small.baseline = 130
    marks_measured([small], grey < 128, grey <= 190)
    assert small.text == "Lưu:"


def test_the_mark_ending_a_line_is_measured_present_or_absent() -> None:
    """The last word's final mark is measured from the ink: a dot on the baseline is a full
    stop read for sure, white paper where a mark would stand is a sure absence; ink there
    (a dot the reading dropped, dirt), a mark-sized blob ending the box, or a seal over the
    place say nothing (None: the word's own confidence stands)."""
    import numpy as np

    from nd30check.readers.ocr.marks import MEASURED_CONF, end_confidence

    def page():
        grey = np.full((200, 400), 245, dtype=np.uint8)
        grey[100:130, 100:140] = 0  # "CCVC": letters standing on the baseline (y = 130)
        return grey

    w = _w("CCVC", 100, 140, top=100, bottom=130)
    w.baseline = 130
    grey = page()
    assert end_confidence(w, grey, grey < 128, 30, [w]) == MEASURED_CONF  # nothing follows: absent
    grey[127:130, 146:149] = 160  # a pale dot the reading dropped
    assert end_confidence(w, grey, grey < 128, 30, [w]) is None
    grey = page()
    assert end_confidence(w, grey, grey < 128, 30, [w], [(140, 90, 200, 140)]) is None  # under a seal
    grey[126:130, 136:140] = 0
    grey[100:126, 136:140] = 245  # the box ends with a mark-sized blob: a dot inside the box
    assert end_confidence(w, grey, grey < 128, 30, [w]) is None
    grey = page()
    grey[126:130, 146:149] = 0  # a 3×4 full stop inside the box of "CCVC."
    dot = _w("CCVC.", 100, 148, top=100, bottom=130)
    dot.baseline = 130
    assert end_confidence(dot, grey, grey < 128, 30, [dot]) == MEASURED_CONF



def test_a_speck_after_the_last_letter_is_no_final_mark() -> None:
    """A scanner's speck of a pixel or two after "CCVC" (salt-i twin, 300 dpi: one pixel on
    the baseline 0.5 em after the letter) is far smaller than a full stop's dot: the paper
    there is still white, so the absence is measured. A dot-sized blob, or ink running on past
    the window, still says nothing."""
    import numpy as np

    from nd30check.readers.ocr.marks import MEASURED_CONF, end_confidence

    def page():
        grey = np.full((200, 400), 245, dtype=np.uint8)
        grey[100:130, 100:140] = 0
        return grey

    w = _w("CCVC", 100, 140, top=100, bottom=130)
    w.baseline = 130
    grey = page()
    grey[129:130, 152:153] = 100  # one pixel
    assert end_confidence(w, grey, grey < 128, 30, [w]) == MEASURED_CONF
    grey[128:130, 152:153] = 100  # one column, two rows: still no dot
    assert end_confidence(w, grey, grey < 128, 30, [w]) == MEASURED_CONF
    grey[128:130, 152:154] = 100  # 2×2 px at 30 px a line: a dot's size
    assert end_confidence(w, grey, grey < 128, 30, [w]) is None
    grey = page()
    grey[129:130, 158:170] = 100  # a thin stroke running past the window: not known to end
    assert end_confidence(w, grey, grey < 128, 30, [w]) is None


def test_a_capital_c_ending_a_line_is_no_mark_in_its_box() -> None:
    """"CCVC" at 150 dpi (salt-b twin, read "CCVCG"): the C's two serifed ends are the box's last
    ink columns, two narrow blobs like a colon's — but they reach the capital's top, where no
    mark stands, so the paper after the word is measured. A colon inside the box (its upper dot
    at the x-height) still says nothing."""
    import numpy as np

    from nd30check.readers.ocr.marks import MEASURED_CONF, end_confidence

    grey = np.full((200, 400), 245, dtype=np.uint8)
    grey[110:130, 100:134] = 0  # the letters, 20 px tall on the baseline (y = 130)
    grey[110:113, 137:140] = 0  # the C's upper end …
    grey[126:130, 137:140] = 0  # … and its lower end, white between
    w = _w("CCVCG", 100, 140, top=110, bottom=130)
    w.baseline = 130
    assert end_confidence(w, grey, grey < 128, 20, [w]) == MEASURED_CONF
    grey[126:130, 137:140] = 245  # the upper end alone in the ink mask (salt d): high over the baseline
    assert end_confidence(w, grey, grey < 128, 20, [w]) == MEASURED_CONF
    grey[110:113, 137:140] = 245
    grey[119:122, 137:140] = 0
    grey[126:130, 137:140] = 0  # a colon: its upper dot at the x-height, its lower one on the baseline
    assert end_confidence(w, grey, grey < 128, 20, [w]) is None
    grey[119:122, 137:140] = 245  # a full stop inside the box
    assert end_confidence(w, grey, grey < 128, 20, [w]) is None

def test_a_semicolon_read_as_a_comma_is_told_by_its_two_marks() -> None:
    """"phường;" read "phường," at 0.91 (salt-i twin, a KINH-GUI false fail): the word's last ink
    run holds a dot high over the baseline and a comma under it — a semicolon. A comma touching
    an "i" (the stem begins at the x-height) or two like dots stay as read: a "," is only ever
    made ";", on two marks the ink shows clearly."""
    import numpy as np

    from nd30check.readers.ocr.marks import marks_measured

    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True
    page[111:116, 146:150] = True  # upper dot, 5 rows, ending 14 px over the baseline (130)
    page[125:135, 146:150] = True  # lower mark, 10 rows, with a tail under the baseline
    semi = _w("phường,", 100, 150, top=100, bottom=135)
    semi.baseline = 130
    marks_measured([semi], page)
    assert semi.text == "phường;"
    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True
    page[106:109, 146:150] = True  # an i's dot …
    page[112:135, 146:150] = True  # … over its stem running into a comma: begins at the x-height
    i_comma = _w("tới,", 100, 150, top=100, bottom=135)
    i_comma.baseline = 130
    marks_measured([i_comma], page)
    assert i_comma.text == "tới,"
    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True
    page[111:115, 146:150] = True
    page[126:130, 146:150] = True  # two like dots: a colon or a tail-less semicolon — unsure
    alike = _w("xã,", 100, 150, top=100, bottom=135)
    alike.baseline = 130
    marks_measured([alike], page)
    assert alike.text == "xã,"

def _twin(tmp_path: Path, subset: str, stem: str, salt: str) -> Path:
    """One re-scan twin of a sample (rescan.py's profile for ``salt``), written to ``tmp_path``."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_scans as M

    return M.rescan_sample(tmp_path, subset, stem, salt)


def _status(path: Path, rule: str) -> str:
    import scankit as K  # the batch pipeline the re-scans are scored through

    res = K.run([str(path)], None, jobs=1)[str(path)]
    return {r.rule: r.status for r in res.results}[rule]  # type: ignore[attr-defined]


@pytest.mark.parametrize("subset,stem,salt,expected", [
    # "- Lưu: VT, CCVC" with no full stop, its last word read at 0.89: the absence is measured
    ("defects", "ND30-NN-LUU--no-final-period", "g", "fail"),
    # … a 300-dpi speck one pixel large after "CCVC" hid the white paper there (salt i)
    ("defects", "ND30-NN-LUU--no-final-period", "i", "fail"),
    # … "VT" read "VI" at 0.43 (f); lead words at 0.899 (h); the line read "Iưu VI CCVCG" and left
    # out of the list at 150 dpi, its last C's two ends taken for a mark (b)
    ("defects", "ND30-NN-LUU--no-final-period", "f", "fail"),
    ("defects", "ND30-NN-LUU--no-final-period", "h", "fail"),
    ("defects", "ND30-NN-LUU--no-final-period", "b", "fail"),
    # … "~Iưu: VT, CCVC" left out of the list (d: it failed as "missing" on the line above)
    ("defects", "ND30-NN-LUU--no-final-period", "d", "fail"),
    # "- Lưu: VT, VP." whose 3×4 px full stop was read "," at 200 dpi
    ("compliant", "cv-ubnd-mot-noi-nhan-2-trang", "e", "pass"),
])
def test_the_lưu_line_final_mark_on_re_scans(tess, tmp_path: Path, subset: str, stem: str, salt: str,
                                             expected: str) -> None:
    """ND30-NN-LUU on a scan rests on the line's final mark as its ink shows it: absent → fail
    (was not-evaluated on every salt), present → pass (was a false fail)."""
    assert _status(_twin(tmp_path, subset, stem, salt), "ND30-NN-LUU") == expected


def test_a_recipient_line_beside_the_signer_title_stays_one_line(tess, tmp_path: Path) -> None:
    """A recipient line whose fitted baseline slopes a fraction of a point, beside the bigger
    "TỊCH" of the signer's title, was cut into two lines by the layout ("ủy, HĐND xã (b/C);
    - TT Đảng"), so the Nơi nhận list ended early and NN-LUU said "- Lưu:" is missing: one
    printed line is given one baseline."""
    from nd30check.readers.ocr import read_pdf_ocr

    pdf = _twin(tmp_path, "defects", "ND30-DATE-FORMAT--day-not-padded", "f")
    texts = [p.text for p in read_pdf_ocr(str(pdf)).paragraphs]
    assert any(t.startswith("- TT Đảng ủy") for t in texts)
    assert _status(pdf, "ND30-NN-LUU") == "pass"


def test_a_list_dash_split_off_at_an_unread_word_stays_a_dash(tess, tmp_path: Path) -> None:
    """"- Lưu: VT, VHXH." whose "Lưu:" Tesseract left unread: the gap cuts the line into the
    dash alone and its units; the dash's length was told against a size taken from its own
    2-px height, so a hyphen read "—" and NN-ITEMS failed the dash. A segment of marks only
    keeps the dash as read; NN-LUU cannot say the Lưu line is missing (its label is unread)."""
    from nd30check.readers.ocr import read_pdf_ocr

    pdf = _twin(tmp_path, "compliant", "da-ubnd-du-lich-cong-dong-phan-i-ii", "h")
    texts = [p.text for p in read_pdf_ocr(str(pdf)).paragraphs]
    assert not any(t.startswith("—") for t in texts)
    assert _status(pdf, "ND30-NN-ITEMS") != "fail" and _status(pdf, "ND30-NN-LUU") != "fail"


def test_a_kính_gửi_semicolon_read_as_a_comma_is_no_failure(tess, tmp_path: Path) -> None:
    """Salt i: "- Ủy ban nhân dân các xã, phường;" read "phường," at 0.91 failed ND30-KINH-GUI
    (the text PDF passes); the ink of its last mark shows the semicolon's two marks."""
    assert _status(_twin(tmp_path, "defects", "ND30-NN-LUU--no-final-period", "i"), "ND30-KINH-GUI") == "pass"


def test_a_dot_alone_on_its_line_is_a_speck() -> None:
    """A scanner's speck between two lines read "." at 0.50 became a paragraph of its own; the
    next paragraph's gap, measured from it, failed BODY-SPACING (salt b, CQ-LINE too-long twin).
    A dot sharing its band with a word stays (a period Tesseract split off)."""
    from nd30check.readers.ocr.page import _lone_dots
    from nd30check.readers.ocr.tess import Word

    words = [Word("chiều", 95, 100, 100, 160, 130, 1, 1), Word(".", 80, 162, 124, 166, 130, 1, 1),
             Word(".", 50, 500, 150, 502, 152, 2, 2), Word("Duy", 95, 160, 170, 200, 200, 3, 3)]
    assert _lone_dots(words) == {2}


def test_a_speck_read_as_a_dot_between_paragraphs_leaves_their_gap_alone(tess, tmp_path: Path) -> None:
    """The salt-b twin of the CQ-LINE too-long defect: BODY-SPACING passes as on the text PDF."""
    pdf = _twin(tmp_path, "defects", "ND30-CQ-LINE--too-long", "b")
    assert _status(pdf, "ND30-BODY-SPACING") == "pass"
