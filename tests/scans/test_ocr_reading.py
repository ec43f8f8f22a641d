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


def test_colon_and_semicolon_told_apart_by_their_lower_mark() -> None:
    """A colon's two dots are alike; a semicolon's lower mark is a comma, about twice its dot's
    height — compared with each other, so a baseline a pixel off does not decide."""
    import numpy as np

    from nd30check.readers.ocr.page import _marks_measured

    page = np.zeros((200, 400), dtype=bool)
    page[100:130, 100:140] = True
    page[110:114, 146:150] = True  # upper dot
    page[122:132, 146:150] = True  # lower mark with a tail: a semicolon read as a colon
    semi = _w("chính:", 100, 150, top=100, bottom=132)
    semi.baseline = 130
    page[100:130, 200:240] = True
    page[110:114, 246:250] = True
    page[126:130, 246:250] = True  # two alike dots: a colon read as a semicolon
    colon = _w("nhận;", 200, 250, top=100, bottom=130)
    colon.baseline = 130
    _marks_measured([semi, colon], page)
    assert semi.text == "chính;" and colon.text == "nhận:"
