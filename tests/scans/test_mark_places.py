"""Marks measured where a rule wants them (readers/ocr/mark_places.py): a list line's lead dash
and the colon after "Số", on lines drawn in Liberation Serif (Times metrics) at 200 dpi, the
word boxes where Tesseract puts them. Each case is one known cause; no Tesseract needed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nd30check.readers.ocr.mark_places import colon_after, lead_dash
from nd30check.readers.ocr.tess import Word

FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
DPI, PT = 200, 13
FS = PT * DPI / 72  # the line's font size in pixels
X, Y = 200, 100

pytestmark = pytest.mark.skipif(not FONT.exists(), reason="fonts-liberation2 is not installed")


def _line(text: str, word: str, *, glue_mark: bool = False) -> tuple[np.ndarray, Word, list[Word]]:
    """The page of one drawn line, the Word of ``word`` in it (its ink box; ``glue_mark``: the
    box reaches over the mark after it, as Tesseract's "Số:") and the line's other words."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), round(FS))
    img = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.text((X, Y), text, fill=0, font=font)
    base = Y + font.getmetrics()[0]
    words, x = [], X
    for part in text.split(" "):
        l, t, r, b = (round(v) for v in draw.textbbox((x, Y), part, font=font))
        words.append(Word(part, 95, l, t, r, b, 1, 1, baseline=base))
        x += draw.textlength(part + " ", font=font)
    target = next(w for w in words if w.text.rstrip(":;.") == word)
    if not glue_mark and target.text != word:  # the mark read as its own word, as Tesseract may
        target.text, target.x1 = word, round(draw.textbbox((target.x0, Y), word, font=font)[2])
    return np.asarray(img), target, [w for w in words if w is not target]


def test_a_printed_hyphen_before_the_first_word_is_present() -> None:
    grey, w, others = _line("- Như trên;", "Như")
    assert lead_dash(w, grey, FS, [w] + [o for o in others if o.text != "-"]) == ("present", 0.95)


def test_white_paper_before_the_first_word_is_a_sure_absence() -> None:
    """A line typed without its dash, or a hanging line of a long item (CT16's "CP Xây dựng …"
    under "- Các Công ty: …"): nothing stands where the dash would."""
    grey, w, others = _line("Như trên;", "Như")
    assert lead_dash(w, grey, FS, [w] + others) == ("absent", 0.95)


@pytest.mark.parametrize("mark", ["+", "•", "–", "—"])
def test_other_ink_before_the_first_word_is_unsure(mark: str) -> None:
    """A plus, a bullet, an en or em dash: not a hyphen's short flat bar — unsure, so the check
    keeps the reading (a note where the place alone says a mark was dropped)."""
    grey, w, others = _line(f"{mark} Như trên;", "Như")
    assert lead_dash(w, grey, FS, [w] + [o for o in others if o.text != mark])[0] == "unsure"


def test_a_neighbour_word_or_the_image_edge_makes_it_unsure() -> None:
    grey, w, others = _line("Như trên;", "Như")
    left = Word("x", 90, w.x0 - 30, w.top, w.x0 - 10, w.bottom, 1, 1, baseline=w.baseline)
    assert lead_dash(w, grey, FS, [w, left])[0] == "unsure"
    w.x0 = 10  # the dash's place runs off the image
    assert lead_dash(w, grey, FS, [w])[0] == "unsure"


@pytest.mark.parametrize("glued", [True, False])
def test_a_colon_after_so_is_measured(glued: bool) -> None:
    """"Số:" read as one word (its box over the colon) or "Số" with the colon apart: two dots
    stacked, the lower on the baseline."""
    grey, w, others = _line("Số: 05/KH-UBND", "Số", glue_mark=glued)
    assert colon_after(w, grey, FS, [w] + others) == ("colon", 0.95)


def test_no_colon_after_so_is_a_sure_absence() -> None:
    grey, w, others = _line("Số 05/KH-UBND", "Số")
    assert colon_after(w, grey, FS, [w] + others) == ("none", 0.95)


def test_another_mark_after_so_is_unsure() -> None:
    """A semicolon's lower mark reaches under the baseline, a full stop is one dot: not a colon,
    and not paper — unsure (the check makes the missing colon a note)."""
    for text in ("Số; 05/KH-UBND", "Số. 05/KH-UBND"):
        grey, w, others = _line(text, "Số")
        assert colon_after(w, grey, FS, [w] + others)[0] == "unsure", text


def test_a_word_box_that_took_the_dash_in_has_its_dash() -> None:
    """"- Lưu: VT, VP." read "LƯU VÌ, VD." at 49 % with the first word's box starting at the
    dash (a compliant salt-h twin): the paper left of the box is white, but the dash is inside
    it — present, not a sure absence (that was an NN-ITEMS false warning)."""
    grey, w, others = _line("- Lưu: VT, VP.", "Lưu", glue_mark=True)
    dash = next(o for o in others if o.text == "-")
    w.x0, w.text = dash.x0, "LƯU"
    assert lead_dash(w, grey, FS, [w] + [o for o in others if o is not dash]) == ("present", 0.95)
    grey, w, others = _line("Lưu: VT, VP.", "Lưu", glue_mark=True)
    assert lead_dash(w, grey, FS, [w] + others) == ("absent", 0.95)


def test_the_pale_trace_of_a_whitened_dash_is_not_white_paper() -> None:
    """The reader whitens pale ink far from dark strokes: a 150-dpi grey hyphen with no dark
    core is whitened but leaves a ring of its blur at ~200–225 on paper at 238 (salt-c twin
    BODY-ALIGN: two recipients read without their dash were a sure "no dash", an NN-ITEMS false
    warning). Nothing under the ink level, yet not paper: unsure."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), round(FS))
    img = Image.new("L", (1200, 300), 238)
    draw = ImageDraw.Draw(img)
    draw.text((X, Y), "-", fill=212, font=font)
    dash_end = draw.textbbox((X, Y), "- ", font=font)[2]
    draw.text((X + draw.textlength("- ", font=font), Y), "Như trên;", fill=0, font=font)
    l, t, r, b = (round(v) for v in draw.textbbox((X + draw.textlength("- ", font=font), Y), "Như", font=font))
    w = Word("Như", 95, l, t, r, b, 1, 1, baseline=Y + font.getmetrics()[0])
    assert dash_end <= l
    assert lead_dash(w, np.asarray(img), FS, [w])[0] == "unsure"
    for text in ("Số 05/KH-UBND",):  # the same for the colon's place
        grey, so, others = _line(text, "Số")
        pale = grey.copy()
        pale[so.baseline - 4:so.baseline - 1, so.x1 + 4:so.x1 + 7] = 215
        assert colon_after(so, pale, FS, [so] + others)[0] == "unsure"


@pytest.mark.parametrize("text,read,expected", [
    ("Hà Nội, ngày 05", "Nội,", "comma"),  # a comma's tail under the baseline
    ("Hà Nội. ngày 05", "Nội.", "dot"),  # a round dot on it: a full stop typed, a sure defect
    ("Hà Nội ngày 05", "Nội", "none"),  # white paper: no mark at all, a sure defect
    ("Hà Nội; ngày 05", "Nội;", "unsure"),  # two marks: neither a comma alone nor nothing
])
def test_the_mark_between_the_place_and_ngày_is_measured(text: str, read: str, expected: str) -> None:
    """The date line's comma after the place, measured in the gap before "ngày" — Tesseract
    reads a 150-dpi comma whose tail is pale as "." at 0.96 (salt n): the check rests on this."""
    from nd30check.readers.ocr.mark_places import mark_before

    grey, first, others = _line(text, "Hà")
    words = [first] + others  # "Nội" boxed over its mark, as Tesseract's "Tiến."
    w, nxt = next(o for o in words if o.text.startswith("Nội")), next(o for o in words if o.text == "ngày")
    w.text = read
    assert mark_before(w, nxt, grey, FS, words)[0] == expected


def test_a_mark_read_but_not_seen_apart_is_unsure() -> None:
    """"Nội." read where the ink after the letters is white (the dot touching the "i", or a
    box that ends short): the reading says a mark, the paper says none — no sure absence."""
    from nd30check.readers.ocr.mark_places import mark_before

    grey, w, others = _line("Hà Nội ngày 05", "Nội")
    w.text = "Nội."
    nxt = next(o for o in others if o.text == "ngày")
    assert mark_before(w, nxt, grey, FS, [w] + others)[0] == "unsure"
