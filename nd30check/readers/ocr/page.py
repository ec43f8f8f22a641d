"""One scanned page → positioned pseudo-glyphs, rules and confidences, in points.

The PDF reader already turns positioned glyphs into lines, two-column blocks, paragraphs,
alignment, indents, spacing, tables and rules under text. A scanned page goes through the
same code: every recognised word becomes one glyph (its box, its baseline, its estimated
size, no font), with a space glyph between the words of one Tesseract line, and the rules
seen in the image become the same path lines a PDF draws. So a scan twin and its text PDF
are laid out by one algorithm, and differences come from recognition, not from two layouts.
"""

from __future__ import annotations

import re

import statistics
import unicodedata

import numpy as np
from dataclasses import dataclass, field
from typing import Any

from ..pdf.content import Glyph, PathLine, VLine
from . import size as S
from . import weight as W
from .phrases import restore
from .image import PageImage
from .tess import Tesseract, Word, recognise
from .seal import reread_seals
from .slots import read_slots
from .zones import reread_zones
from .lost import reread_lost_lines
from .marks import FAINT_LEVEL, end_confidence
from .marks import marks_measured as _marks_measured
from .mark_places import colon_after, lead_dash, mark_before

#: what Tesseract makes of the "-" that opens a recipient or list line (a line of a Vietnamese
#: administrative document never opens with these)
LEADING_DASH = {"~", "—", "_", "=", "~-", "-~"}
DASHES = {"-", "–", "—", "‐", "‒", "―"}
_DASH_CHARS = "".join(DASHES)
#: ink length of the dashes in em (Times New Roman: hyphen 0.26, en dash 0.51, em dash 1.01;
#: measured on the scan twins: hyphens 0.23–0.30, en dashes 0.51). In between the reading is
#: doubtful (a bold or another face's hyphen, a blur): kept as a hyphen with a capped confidence
HYPHEN_MAX_EM, EN_DASH_MIN_EM, EN_DASH_MAX_EM = 0.34, 0.47, 0.76
#: a dash glued to a word ("lập-", "-Tự") or an abbreviation to the next one ("KT.CHÁNH"):
#: Tesseract's word split beside punctuation is unreliable, so the reading is capped under the
#: rule pack's confidence threshold (a missing space becomes a note, never a failure)
GLUED = re.compile(r"^[^\W\d_]+[-–—]$|^[-–—][^\W\d_]+$|^[^\W\d_]{1,3}\.[^\W\d_]")
GLUED_CONF = 0.85
#: a word followed, within ``TAIL_EM`` of its line's height, by ink that no kept word covers
#: (a small token Tesseract dropped or could not read: "(b/c);", "xã.") ends its line with
#: something unread: what the line ends with is then a guess, capped under the threshold
TAIL_EM = 1.2
TAIL_SPAN = 4.0  # ... and that ink ends within this many line heights
TAIL_WHITE = 0.6  # (a white gap this wide after it)
TAIL_CONF = 0.85
TAIL_INK = 0.012  # dark pixels, as a share of the line height squared, that make a mark


#: a dash whose ink is a flat bar of a clear length is read from its measurement, whatever
#: Tesseract's doubt between "-" and "–" (it often gives an en dash 30–40 %)
DASH_CONF = 0.92


def _flat_bar(w: Word, em_px: float) -> bool:
    """Is the word's ink one flat horizontal bar (a dash), not a blot or a letter?"""
    height, width = w.bottom - w.top + 1, w.x1 - w.x0 + 1
    return em_px > 0 and height <= 0.14 * em_px and width >= 2.0 * height


def _dash(width_px: float, size_pt: float, dpi: float) -> str:
    """Which dash a recognised one is, from its ink length against the line's size."""
    em = size_pt * dpi / 72.0
    r = width_px / em if em > 0 else 0.0
    return "-" if r < EN_DASH_MIN_EM else ("–" if r < EN_DASH_MAX_EM else "—")


def _one_dash(w: Word, dark: Any) -> bool:
    """Is a word of two or more dash glyphs ("—-" at 0.77) one bar of ink, cut in two by
    Tesseract? Every column of its box holds ink (a pixel's gap aside): then its length, not
    the glyphs read, says which dash it is. Two separate marks keep their reading."""
    if len(w.text) < 2 or any(c not in _DASH_CHARS for c in w.text):
        return False
    cols = dark[max(0, int(w.top)):int(w.bottom) + 1, max(0, int(w.x0)):int(w.x1) + 1].any(axis=0)
    return bool(cols.size) and int((~cols).sum()) <= 1


def _doubtful_dash(width_px: float, size_pt: float, dpi: float) -> bool:
    em = size_pt * dpi / 72.0
    return em > 0 and HYPHEN_MAX_EM <= width_px / em < EN_DASH_MIN_EM
MIN_CONF = 25.0  # words below this are noise (speckle read as letters, seal fragments)
SEGMENT_GAP_EM = 0.8  # a gap this wide (in word heights) …
SEGMENT_GAP_RATIO = 2.5  # … and this many times the line's usual word gap separates two columns
#: a gap this wide (in word heights) separates two columns whatever the line's other gaps: no
#: justified line stretches a space to three word heights (a line of two words has no usual gap)
COLUMN_GAP_EM = 3.0


class Face:
    """What the PDF layout asks of a glyph's font, for a recognised word: its weight as measured
    (``weight``), never its family or slant. One object per weight class, so the layout splits
    runs, and paragraphs, where the weight changes — as it does where a text PDF's font does."""

    __slots__ = ("bold", "italic", "family", "base_name", "estimated")

    def __init__(self, bold: bool | None):
        self.estimated = True  # sizes are estimates from ink heights (the layout widens its tolerances)
        self.bold = bool(bold)
        self.italic = False
        self.family = None
        self.base_name = "ocr-bold" if bold else "ocr-regular" if bold is False else "ocr"


FACES = {True: Face(True), False: Face(False), None: Face(None)}


@dataclass(slots=True)
class GlyphInfo:
    """What was measured of one recognised word besides its box and text."""

    conf: float  # 0–1
    size_error: float  # ± pt of its segment's size estimate
    size: float | None  # the word's own size estimate (pt), None when not measurable
    weight: float | None  # stroke thickness / the page's usual stroke (None: not measurable)
    bold: bool | None  # from ``weight`` (weight.classify)
    under_seal: bool = False
    size_alt: float | None = None  # the size if the marks over its capitals were lost (page._mark_free_sizes)
    tail_ink: bool = False  # unread ink follows it on its line (page._unread_tail)
    handwritten: bool = False  # a pen-written number or day read by slots.py (viết tay)
    end_conf: float | None = None  # how sure the mark ending its line is, from the ink (marks.end_confidence)
    letters: tuple[tuple[str, float], ...] | None = None  # (letter, 0–1) when they spell the text (tess.Word)
    lead_dash: tuple[str, float] | None = None  # a line's first word: is a dash printed before it (mark_places)
    label_colon: tuple[str, float] | None = None  # a "Số" label opening its line: is a colon after it (mark_places)
    place_mark: tuple[str, float] | None = None  # the word before a date's "ngày": the mark after it (mark_places)


@dataclass(slots=True)
class OcrPage:
    number: int
    dpi: float
    skew: float
    glyphs: list[Glyph] = field(default_factory=list)
    hlines: list[PathLine] = field(default_factory=list)
    vlines: list[VLine] = field(default_factory=list)
    words: int = 0
    mean_conf: float | None = None  # 0–1
    colour: bool = False
    red_pixels: int = 0
    glyph_info: dict[int, GlyphInfo] = field(default_factory=dict)  # per glyph seq (words only)
    seals: list[tuple[float, float, float]] = field(default_factory=list)  # dark seals (cx, cy, r), points
    unread: list[tuple[float, float, float, float]] = field(default_factory=list)  # ink left unread (lost.py), points
    faint_hlines: list[PathLine] = field(default_factory=list)  # rules seen only in faint ink (rules.faint_rules), points


_PLAIN = set(".,;:/-()%\"'")
_LABELS = ("Số:", "Số", "ngày")


def _clean(w: Word) -> str:
    """A doubtful word holding symbols no Vietnamese document uses (†, ‡, ⁄, Ø, |…) is a
    handwritten or stamped number read as noise: its digits and symbols are dropped, so the
    number reads as a blank (unknown) instead of a wrong one; a label glued to it ("Số:",
    "ngày") is kept."""
    text = w.text
    if w.conf >= 70 or all(c.isalnum() or c in _PLAIN for c in text):
        return text
    for label in _LABELS:
        if text.startswith(label):
            return label
    kept = "".join(c for c in text if c.isalpha())
    return kept if len(kept) >= 2 else ""


#: mm from the image's edge inside which ink is the scanner's (a border, the sheet's shadow, a
#: crop through a stamp), never printed text: printers leave at least 3–4 mm unprinted
EDGE_MM = 1.5


def _at_edge(w: Word, img: PageImage) -> bool:
    """A "word" touching the image's border: dropped, or it would become a margin of 0 mm."""
    width, height = img.image.size
    e = EDGE_MM / 25.4 * img.dpi
    return w.x0 <= e or w.top <= e or w.x1 >= width - e or w.bottom >= height - e


#: rough advance widths (em) of Times New Roman's letters by class, for a word's expected length
_NARROW, _WIDE_LOWER, _WIDE_UPPER = set("ijlftrI.,:;'!|()-"), set("mw"), set("MWÆŒ")
#: a word whose ink runs this many times longer than its text needs (and ``WIDE_SLACK_EM`` more)
#: holds letters the reading lost ("Lưu:" over the ink of "Lưu: VT,"): its text is a guess
WIDE_RATIO, WIDE_SLACK_EM = 1.5, 0.3


def _expected_em(text: str) -> float:
    from ...text.fold import strip_accents

    em = 0.0
    for c in strip_accents(text):
        if c in _NARROW:
            em += 0.28
        elif c in _WIDE_LOWER:
            em += 0.75
        elif c in _WIDE_UPPER:
            em += 0.9
        elif c.isupper():
            em += 0.7
        else:
            em += 0.5
    return em


def _too_wide(w: Word, size_px: float) -> bool:
    """Does the word's ink run far longer than its text would (letters lost inside its box)?"""
    if size_px <= 0 or not w.text:
        return False
    return (w.x1 - w.x0) > (WIDE_RATIO * _expected_em(w.text) + WIDE_SLACK_EM) * size_px


def _dropped(read: list[Word], kept: list[Word], img: PageImage) -> list[tuple[int, int, int, int]]:
    """Boxes of the words read but not kept (a handwritten number cleaned away, a mark): ink
    on the page that holds no word, like what lost.py leaves unread. Not the scanner's border."""
    ids = {id(w) for w in kept}
    return [(w.x0, w.top, w.x1, w.bottom) for w in read if id(w) not in ids and not _at_edge(w, img)]


def _beside_unread(seg: list[Word], unread: list[tuple[int, int, int, int]]) -> set[int]:
    """ids of the words of a line segment next to ink the reading left unread on that line
    ("- Lưu: [VT,] CM."): the line's text has a hole there, its words around it are a guess."""
    if not unread or not seg:
        return set()
    top, bottom = min(w.top for w in seg), max(w.bottom for w in seg)
    em = max(1, bottom - top)
    out: set[int] = set()
    for x0, t, x1, b in unread:
        if min(bottom, b) - max(top, t) < 0.5 * max(1, b - t) or x1 < seg[0].x0 or x0 > seg[-1].x1 + TAIL_SPAN * em:
            continue
        before = [w for w in seg if w.x1 <= x0 + 0.2 * em]
        after = [w for w in seg if w.x0 >= x1 - 0.2 * em]
        out.update(id(w) for w in (before[-1:] + after[:1]))
    return out


def _dashes_measured(words: list[Word], unread: list[tuple[int, int, int, int]]
                     ) -> tuple[list[Word], list[tuple[int, int, int, int]]]:
    """Dashes Tesseract left unread, read from the ink: a flat bar on a recognised line, at a
    dash's height above its baseline, next to one of its words ("- Như Điều 3;", "Tự do -
    Hạnh phúc"). Its length later says which dash (``_dash``). Returns the words and what stays unread."""
    lines: dict[int, list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    found: list[Word] = []
    left: list[tuple[int, int, int, int]] = []
    for box in unread:
        w = _dash_on_a_line(box, lines)
        (found.append(w) if w is not None else left.append(box))  # type: ignore[func-returns-value]
    return words + found, left


def _dash_on_a_line(box: tuple[int, int, int, int], lines: dict[int, list[Word]]) -> Word | None:
    x0, top, x1, bottom = box
    height, width = bottom - top, x1 - x0
    mid = (top + bottom) / 2
    for ws in lines.values():
        base = statistics.median(w.baseline for w in ws if w.baseline is not None) if any(
            w.baseline is not None for w in ws) else None
        hs = [w.bottom - w.top for w in ws if sum(c.isalpha() for c in w.text) >= 2]
        if base is None or not hs:
            continue
        em = statistics.median(hs)
        if not (0.1 * em <= base - mid <= 0.4 * em and height <= 0.22 * em and 1.4 * height <= width
                and 0.15 * em <= width <= 1.2 * em):
            continue
        if not any(0 <= o.x0 - x1 <= 1.2 * em or 0 <= x0 - o.x1 <= 1.2 * em for o in ws):
            continue
        ref = ws[0]
        return Word("-", DASH_CONF * 100, x0, top, x1, bottom, ref.line, ref.block, baseline=base)
    return None


def _bar(w: Word) -> bool:
    """A "word" of vertical bars only is a piece of a drawn line, a seal's or a fold's edge:
    no administrative text writes "|" on its own."""
    return set(w.text) <= {"|", "¦", "‖"}


def _below_its_line(w: Word) -> bool:
    """A "word" whose ink starts below its own line's baseline is no text of that line: a
    mark of the line under it (the hook of an "Ủ", a dot) that Tesseract gave to the line
    above, or dirt. No letter, digit or punctuation mark of a line lies wholly under its
    baseline (a comma's head and a period sit on it)."""
    return w.baseline is not None and w.top > w.baseline + max(1.0, 0.05 * (w.bottom - w.top))


#: marks a speck is read as; a line holding only these is no text (word wrap never puts a
#: period or comma on a line of its own: it stays with the word it ends)
_DOTS = frozenset(".,·'`")


def _lone_dots(words: list[Word]) -> set[int]:
    """Indexes of "words" of dots only that share their line's band with no other word: a
    scanner's speck between two lines read as "." (salt b: a gap of 3.5 pt measured from it
    to the next paragraph failed BODY-SPACING)."""
    out = set()
    for i, w in enumerate(words):
        if not w.text or not set(w.text) <= _DOTS:
            continue
        if not any(o is not w and o.top <= w.bottom and o.bottom >= w.top for o in words):
            out.add(i)
    return out


def _keep(w: Word) -> bool:
    if not w.text:
        return False
    if w.conf >= MIN_CONF:
        return True
    return False


def _unread_tail(w: Word, em: float, dark: Any, words: list[Word]) -> bool:
    """Is there a small unread token right after ``w`` — ink within ``TAIL_EM`` line heights
    that no recognised word covers, and that ends (white follows it) within ``TAIL_SPAN``?
    Ink that runs on is no dropped token but text the reading lost (a line cut at the page
    edge, a neighbour column): that is not this line's end. ``dark``: the page's ink mask."""
    h, width = dark.shape
    x0 = w.x1 + max(2, int(0.08 * em))
    x1 = min(width, int(w.x1 + TAIL_SPAN * em))
    top, bottom = max(0, w.top), min(h, w.bottom + 1)
    if x1 - x0 < TAIL_EM * em or bottom - top < 2:
        return False
    region = dark[top:bottom, x0:x1].copy()
    for o in words:
        if o is w or o.x1 < x0 or o.x0 > x1 or o.bottom < top or o.top > bottom:
            continue
        region[max(0, o.top - top):max(0, o.bottom - top + 1), max(0, o.x0 - x0):max(0, o.x1 - x0 + 1)] = False
    near = int(TAIL_EM * em)
    if int(region[:, :near].sum()) < max(10, TAIL_INK * em * em):
        return False
    cols = region.any(axis=0)
    inked = cols.nonzero()[0]
    white, need = 0, max(3, int(TAIL_WHITE * em))
    for c in range(int(inked[0]), len(cols)):
        white = white + 1 if not cols[c] else 0
        if white >= need:
            return True
    return False


def _segments(words: list[Word], px: float) -> list[list[Word]]:
    """Split Tesseract lines into segments at wide gaps (the two sides of a header row)."""
    out: list[list[Word]] = []
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    for ws in by_line.values():
        ws.sort(key=lambda w: w.x0)
        heights = [w.bottom - w.top for w in ws]
        em = statistics.median(heights) if heights else 10
        gaps = sorted(b.x0 - a.x1 for a, b in zip(ws, ws[1:]))
        # the lower median: of a line's two gaps ("Nơi nhận:" | "KT. CHỦ TỊCH") the upper one is
        # the gap between the columns itself, no usual word gap
        usual = gaps[(len(gaps) - 1) // 2] if gaps else em
        cur: list[Word] = []
        for w in ws:
            gap = w.x0 - cur[-1].x1 if cur else 0
            if cur and gap > SEGMENT_GAP_EM * em and (gap > SEGMENT_GAP_RATIO * max(usual, 1) or gap > COLUMN_GAP_EM * em):
                out.append(cur)
                cur = []
            cur.append(w)
        if cur:
            out.append(cur)
    return out


def _mark_free_sizes(seg: list[Word], own: list[float | None], dpi: float) -> list[float | None]:
    """Each word's size as if the marks over its capitals were missing (None: not such a word).

    A capital's mark (Ó, Ả, Ỹ) stands apart from the letter; worn toner or a threshold can
    drop it or Tesseract's box leave it out, and then the word is only cap-high and its size
    reads a quarter too small ("PHÓ CHÁNH VĂN PHÒNG" at 10.7 pt for 13). For words in capitals
    with marks both readings are possible; the paragraph's error bar covers both."""
    from ...text.fold import strip_accents

    out: list[float | None] = []
    for w, v in zip(seg, own):
        letters = [c for c in w.text if c.isalpha()]
        bare = strip_accents(w.text)
        if v is None or not letters or not all(c.isupper() for c in letters) or bare == w.text:
            out.append(None)
            continue
        out.append(S.word_size(bare, w.bottom - w.top, dpi))
    return out


#: an ink gap narrower than this (em) between two words is no clear space: whether the text
#: has one there is the layout's guess ("KT.CHÁNH" or "KT. CHÁNH")
TIGHT_GAP_EM = 0.15
_PUNCT_END = ".,;:"


def _tight_beside_punctuation(seg: list[Word], k: int, em_px: float) -> bool:
    """Is word ``k`` beside punctuation across a gap too narrow to say whether a space is
    there? (What the rules judge — "KT. …", "Số: …" — then rests on a guess.)"""
    w = seg[k]
    for a, b in ((seg[k - 1], w) if k > 0 else (None, None), (w, seg[k + 1]) if k + 1 < len(seg) else (None, None)):
        if a is None or b is None:
            continue
        if (a.text[-1:] in _PUNCT_END or b.text[:1] in _PUNCT_END) and b.x0 - a.x1 < TIGHT_GAP_EM * em_px:
            return True
    return False


def _restore_phrases(seg: list[Word]) -> list[Word]:
    """The segment's words with fixed phrases restored (phrases.py); a word split in two and
    joined back takes the box of both and the weaker confidence."""
    out: list[Word] = []
    for w, text in zip(seg, restore([w.text for w in seg])):
        if not text and out:
            prev = out[-1]
            prev.x1, prev.top, prev.bottom = max(prev.x1, w.x1), min(prev.top, w.top), max(prev.bottom, w.bottom)
            prev.conf = min(prev.conf, w.conf)
            continue
        w.text = text or w.text
        out.append(w)
    return out


def _line_em(seg: list[Word]) -> float:
    """The line's word height in pixels, from words of at least two letters (as marks.py)."""
    hs = [w.bottom - w.top for w in seg if sum(c.isalpha() for c in w.text) >= 2]
    return float(statistics.median(hs)) if hs else 0.0


def sealed(words: list[Word], seals: list[tuple[float, float, float]]) -> set[int]:
    """ids of the words over a dark seal (pixels)."""
    from .seal import _overlaps

    return {id(w) for w in words if any(_overlaps(w, cx, cy, r) for cx, cy, r in seals)}


def build_page(number: int, img: PageImage, tess: Tesseract, seq0: int = 0) -> OcrPage:
    """Recognise one rendered page and express it in points, as the PDF reader would."""
    from .rules import faint_rules, find_rules

    words = [w for w in recognise(tess, img.image, int(img.dpi)) if _keep(w)]
    hlines, vlines = find_rules(img.image, img.dpi)
    ruled = [(v.y0 * img.dpi / 72.0, v.y1 * img.dpi / 72.0) for v in vlines]  # table borders, in pixels
    words = [w for w in reread_zones(words, img.image, img.dpi, tess, ruled) if _keep(w)]
    words, seals = reread_seals(words, img.image, img.dpi, tess)
    words = [w for w in words if _keep(w)]
    k = img.dpi / 72.0
    covered = [(h.x0 * k, (h.y - h.thickness) * k - 2, h.x1 * k, (h.y + h.thickness) * k + 2) for h in hlines]
    covered += [(v.x * k - 3, v.y0 * k, v.x * k + 3, v.y1 * k) for v in vlines]
    words, unread = reread_lost_lines(words, img.image, img.dpi, tess, covered, seals)
    read = words
    for w in words:
        w.text = _clean(w)
    grey = np.asarray(img.image)
    _marks_measured(words, grey < 128, grey <= FAINT_LEVEL)
    words = [w for w in words if w.text and not _at_edge(w, img) and not _below_its_line(w) and not _bar(w)]
    lone = {id(words[i]) for i in _lone_dots(words)}  # dirt: not even unread ink
    words = [w for w in words if id(w) not in lone]
    read = [w for w in read if id(w) not in lone]
    unread = unread + _dropped(read, words, img)
    words, unread = _dashes_measured(words, unread)
    words, handwritten, _ = read_slots(words, img.image)
    px = 72.0 / img.dpi
    page = OcrPage(number=number, dpi=img.dpi, skew=img.skew, colour=img.colour, red_pixels=img.red_pixels)
    page.hlines, page.vlines = hlines, vlines
    page.faint_hlines = faint_rules(img.image, img.dpi, words, hlines)
    page.words = len(words)
    if words:
        page.mean_conf = round(sum(w.conf for w in words) / len(words) / 100.0, 3)
    page.seals = [(cx * px, cy * px, r * px) for cx, cy, r in seals]
    page.unread = [(a * px, b * px, c * px, d * px) for a, b, c, d in unread]
    arr = np.asarray(img.image)
    strokes = {id(w): W.stroke_px(arr, (w.x0, w.top, w.x1, w.bottom)) for w in words}
    usual = W.page_stroke([v[0] for w in words if (v := strokes[id(w)]) is not None and w.conf >= 80
                           and id(w) not in sealed(words, seals)])
    under = sealed(words, seals)
    dark = arr < 128
    hidden = [(cx - r, cy - r, cx + r, cy + r) for cx, cy, r in seals] + list(unread)
    seq = seq0
    for seg in _segments(words, px):
        seg = _restore_phrases(seg)
        own = [S.word_size(w.text, w.bottom - w.top, img.dpi) if w.conf >= 60 and id(w) not in under else None
               for w in seg]
        est = S.estimate([v for v in own if v is not None], img.dpi)
        size = est.size if est else statistics.median((w.bottom - w.top) * px / 0.9 for w in seg)
        err = est.error if est else max(2.0, 0.2 * size)
        # a dash's length is told against the size of the words beside it: a segment of marks
        # alone (a list's "-" split off its line at an unread word) has no such size
        lettered = est is not None or any(sum(c.isalpha() for c in w.text) >= 2 for w in seg)
        alts = _mark_free_sizes(seg, own, img.dpi)
        gapped = _beside_unread(seg, unread)
        boxes = []
        for w in seg:  # ink box → advance box (what a PDF reports), with the face's side bearings
            lsb, rsb = S.bearings(w.text)
            boxes.append((w.x0 * px - lsb * size, w.x1 * px + rsb * size))
        # inside one segment the words are one run of text: a gap wider than the face's space
        # (0.25 em; stretched by justification, or a box trimmed by the scan) is shown as that
        # space, so that only the gaps between segments look like the gap between two columns
        # to the layout. Only inner box ends move; a line's ink extent is unchanged.
        for k in range(len(boxes) - 1):
            a0, a1 = boxes[k]
            boxes[k] = (a0, max(a1, boxes[k + 1][0] - 0.25 * size))
        ratios, classes = [], []
        for w in seg:
            st = strokes[id(w)]
            ratio = round(st[0] / usual, 3) if st is not None and usual and id(w) not in under else None
            ratios.append(ratio)
            classes.append(W.classify(ratio, 1.0) if ratio is not None else None)
        classes = W.smooth(ratios, classes, [w.text for w in seg])
        # one printed line has one baseline: Tesseract's is a sloped fit (a residual skew), and
        # words of one line at baselines a fraction of a point apart can be clustered into two
        # lines by the layout when a bigger glyph beside them (a signer's title) sits between
        bases = [w.baseline for w in seg if w.baseline is not None]
        line_base = statistics.median(bases) if bases else None
        for k, w in enumerate(seg):
            text = unicodedata.normalize("NFC", w.text)
            if k == 0 and text in LEADING_DASH:  # a list dash read as a tilde or a long dash
                text = "-"
            elif (text in DASHES or _one_dash(w, dark)) and lettered:  # its ink length says which dash
                text = _dash(w.x1 - w.x0, size, img.dpi)
                if _flat_bar(w, size / px) and not _doubtful_dash(w.x1 - w.x0, size, img.dpi):
                    w.conf = max(w.conf, DASH_CONF * 100)  # measured, not guessed: a flat bar of a clear length
            base = line_base if line_base is not None else w.bottom
            x0, x1 = boxes[k]
            face = FACES[classes[k]]
            g = Glyph(text, x0, x1, base * px, w.top * px, w.bottom * px, size, face, None, False, False, seq)  # type: ignore[arg-type]
            page.glyphs.append(g)
            conf = w.conf / 100.0
            # where a space falls beside punctuation, and a dash of doubtful length, are guesses
            if GLUED.search(text) or (text in DASHES and _doubtful_dash(w.x1 - w.x0, size, img.dpi)) \
                    or _tight_beside_punctuation(seg, k, size / px) or _too_wide(w, size / px):
                conf = min(conf, GLUED_CONF)
            tail = (k + 1 == len(seg) and _unread_tail(w, max(x.bottom - x.top for x in seg), dark, words)) \
                or id(w) in gapped
            if id(w) in gapped:
                conf = min(conf, TAIL_CONF)
            end = None
            if k + 1 == len(seg) and not tail and id(w) not in under:
                end = end_confidence(w, arr, dark, _line_em(seg), words, hidden)
            page.glyph_info[seq] = GlyphInfo(conf, err, own[k], ratios[k], classes[k], id(w) in under,
                                              alts[k], tail, id(w) in handwritten, end)
            if k == 0 and id(w) not in under:
                _place_marks(page.glyph_info[seq], w, text, arr, size / px, words, seals)
            if k + 1 < len(seg) and id(w) not in under and _is_date_label(seg[k + 1].text):
                page.glyph_info[seq].place_mark = mark_before(w, seg[k + 1], arr, size / px, words, hidden)
            spelt = getattr(w, "letters", None)  # capped like the word where its reading was capped
            if spelt and "".join(c for c, _ in spelt) == text:
                page.glyph_info[seq].letters = tuple((c, min(v / 100.0, conf) if conf < w.conf / 100.0 else v / 100.0)
                                                     for c, v in spelt)
            seq += 1
            if k + 1 < len(seg):
                page.glyphs.append(Glyph(" ", x1, max(x1, boxes[k + 1][0]), base * px, w.top * px, w.bottom * px, size,
                                         face, None, False, False, seq))  # type: ignore[arg-type]
                seq += 1
    return page


def _place_marks(info: GlyphInfo, w: Word, text: str, grey: Any, fs: float, words: list[Word],
                 seals: list[tuple[float, float, float]]) -> None:
    """The marks a rule asks for at a line's start, measured where they would stand: the lead
    dash before a first word read without one, the colon after a "Số" label (mark_places)."""
    from ...text.fold import strip_accents

    boxes = [(cx - r, cy - r, cx + r, cy + r) for cx, cy, r in seals]
    if text[:1].isalnum():
        info.lead_dash = lead_dash(w, grey, fs, words, boxes)
    if strip_accents(text).casefold().rstrip(":;.,") == "so":
        info.label_colon = colon_after(w, grey, fs, words, boxes)


def _is_date_label(text: str) -> bool:
    """Is a word the "ngày" of a date line ("Hà Nội, ngày 05 …"), the comma before it measured?"""
    from ...text.fold import strip_accents

    return strip_accents(unicodedata.normalize("NFC", text)).casefold() == "ngay"


def ocr_pdf_pages(path_or_bytes: Any, numbers: list[int], tess: Tesseract, threads: int = 1) -> dict[int, OcrPage]:
    """OCR the given 1-based pages of a PDF (rendered with pypdfium2), ``threads`` at a time."""
    import pypdfium2 as pdfium

    from .image import render

    pdf = pdfium.PdfDocument(path_or_bytes)
    try:
        # rendering with PDFium is not thread-safe: render in this thread, recognise in the pool
        imgs: dict[int, PageImage] = {}

        def one(n: int) -> OcrPage:
            return build_page(n, imgs.pop(n), tess, n * 1_000_000)

        out: dict[int, OcrPage] = {}
        if threads <= 1 or len(numbers) <= 1:
            for n in numbers:
                imgs[n] = render(pdf[n - 1])
                out[n] = one(n)
            return out
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=threads) as pool:
            futs = {}
            for n in numbers:
                imgs[n] = render(pdf[n - 1])
                futs[n] = pool.submit(one, n)
            for n, f in futs.items():
                out[n] = f.result()
        return out
    finally:
        pdf.close()
