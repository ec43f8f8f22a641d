"""Helpers shared by the layout checks: size ranges, capitals, bold/italic, text widths, lines.

Why a shared module: every header, body and signature-block rule asks the same questions
("is every visible run 13–14 pt?", "is this line all capitals, counting ``w:caps``?", "how long
is this text compared with the line drawn under it?"), and they must be answered the same way
everywhere — in particular, *unknown* (``None``) must stay unknown so that a check reports
``not-evaluated`` instead of a pass.

Tri-state answers: helpers that judge a property over several runs return ``True`` (all runs
have it), ``False`` (at least one run certainly lacks it) or ``None`` (no run lacks it but at
least one is unknown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..measure.runs import run_size_in, text_runs
from ..model import Document, Paragraph, Run
from ..words import Quantity

DEFAULT_SIZE_TOLERANCE = 0.25  # pt; the decree's sizes are whole points, Word stores half points

# --------------------------------------------------------------------------------------------
# Runs and sizes
# --------------------------------------------------------------------------------------------


def size_in(size: float | None, lo: float, hi: float, tol: float = DEFAULT_SIZE_TOLERANCE) -> bool | None:
    """Is ``size`` inside [lo, hi] with ``tol`` points of slack? None when unknown."""
    if size is None:
        return None
    return lo - tol <= size <= hi + tol


def fmt_pt(value: float | None) -> str:
    """12.0 → "12", 12.5 → "12.5", None → "?" (a size in points, its number kept: Quantity)."""
    if value is None:
        return "?"
    r = round(value * 2) / 2
    return Quantity(str(int(r)) if r == int(r) else f"{r:g}", r, r, "pt")


def fmt_range(lo: float, hi: float) -> str:
    """(13, 14) → "13–14"; (13, 13) → "13" (a range of sizes in points, its bounds kept)."""
    text = str(fmt_pt(lo)) if abs(hi - lo) < 1e-9 else f"{fmt_pt(lo)}–{fmt_pt(hi)}"
    return Quantity(text, lo, hi, "pt")


@dataclass(slots=True)
class SizeVerdict:
    """Result of checking the sizes of an element's runs against a range."""

    ok: bool | None  # True all in range, False some out of range, None nothing measurable
    sizes: list[float]  # distinct measured sizes (rounded to half points), sorted
    bad: list[float]  # distinct sizes outside the range
    unknown: int  # visible runs whose size is unknown

    @property
    def actual(self) -> str:
        """Short "actual" value for a finding: the offending sizes, else all sizes."""
        shown = self.bad or self.sizes
        return ", ".join(fmt_pt(s) for s in shown) if shown else "?"


def page_ranges(nums: list[int]) -> str:
    """[1,2,3,5] → "1–3, 5": pages and sections named as a clerk writes them."""
    nums = sorted(set(nums))
    out: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(out)


def check_sizes(
    paras: Paragraph | Iterable[Paragraph],
    lo: float,
    hi: float,
    tol: float = DEFAULT_SIZE_TOLERANCE,
    *,
    include_stamps: bool = False,
) -> SizeVerdict:
    """Judge every visible run's effective size against [lo, hi] ± tol.

    A run of unknown size never makes the element pass: if nothing is out of range but some
    runs are unknown, ``ok`` is None (the caller reports not-evaluated)."""
    runs = text_runs(paras, include_stamps=include_stamps)
    sizes: set[float] = set()
    bad: set[float] = set()
    unknown = 0
    for r in runs:
        state = run_size_in(r, lo, hi, tol)
        if state is None:  # unknown, or an estimate (OCR) too close to the range's edge to say
            unknown += 1
            continue
        s = round(r.size * 2) / 2  # type: ignore[operator]
        sizes.add(s)
        if not state:
            bad.add(s)
    if bad:
        ok: bool | None = False
    elif unknown or not runs:
        ok = None
    else:
        ok = True
    return SizeVerdict(ok, sorted(sizes), sorted(bad), unknown)


# --------------------------------------------------------------------------------------------
# Capitals, bold, italic
# --------------------------------------------------------------------------------------------


def letters_upper(text: str) -> tuple[int, int]:
    """(letters, lower-case letters) in ``text``."""
    letters = lower = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch.islower():
                lower += 1
    return letters, lower


def is_all_caps(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """Every letter is shown in capitals (``Run.caps`` counts: Word shows those runs in capitals).

    None when there are no letters at all."""
    runs = text_runs(paras, include_stamps=include_stamps)
    letters = 0
    for r in runs:
        n, low = letters_upper(r.shown_text)
        letters += n
        if low:
            return False
    return True if letters else None


def lower_letters(paras: Paragraph | Iterable[Paragraph]) -> str:
    """The words holding lower-case letters (for messages: what is not in capitals)."""
    words: list[str] = []
    for r in text_runs(paras):
        for w in r.shown_text.split():
            if any(c.islower() for c in w) and w not in words:
                words.append(w)
    return " ".join(words[:6])


def _all(runs: Sequence[Run], attr: str, want: bool) -> bool | None:
    if not runs:
        return None
    # weight and slant are judged on letters and digits: a colon or a dash left upright in a
    # bold italic "Nơi nhận:" is not seen as a different style
    worded = [r for r in runs if any(c.isalnum() for c in r.text)]
    runs = worded or runs
    unknown = False
    for r in runs:
        v = getattr(r, attr)
        if v is None:
            unknown = True
        elif v != want:
            return False
    return None if unknown else True


def all_bold(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """Every visible run bold: True / False (one run certainly not bold) / None (unknown)."""
    return _all(text_runs(paras, include_stamps=include_stamps), "bold", True)


def none_bold(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """No visible run bold."""
    return _all(text_runs(paras, include_stamps=include_stamps), "bold", False)


def all_italic(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """Every visible run italic."""
    return _all(text_runs(paras, include_stamps=include_stamps), "italic", True)


def all_upright(paras: Paragraph | Iterable[Paragraph], *, include_stamps: bool = False) -> bool | None:
    """No visible run italic ("đứng")."""
    return _all(text_runs(paras, include_stamps=include_stamps), "italic", False)


# --------------------------------------------------------------------------------------------
# Text widths (Times New Roman advance widths; Liberation Serif has identical metrics)
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Lines drawn under text
# --------------------------------------------------------------------------------------------


def ratio_ok(ratio: float, lo: float, hi: float, tol: float = 0.15) -> bool:
    """Is ``ratio`` within [lo, hi] widened by ``tol`` relative (±15 % by default)?"""
    return lo * (1 - tol) <= ratio <= hi * (1 + tol)


def fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "?"
    return f"{ratio:.2f}".rstrip("0").rstrip(".") if ratio < 10 else f"{ratio:.0f}"


# --------------------------------------------------------------------------------------------
# Position helpers
# --------------------------------------------------------------------------------------------


def joined_text(paras: Iterable[Paragraph], *, shown: bool = True) -> str:
    """Texts of several paragraphs joined by single spaces (an agency name on several lines)."""
    parts = [(p.shown_text if shown else p.text).replace("\n", " ") for p in paras]
    return " ".join(" ".join(t.split()) for t in parts if t.strip())


def is_stamped(para: Paragraph) -> bool:
    return any(r.from_signature and r.visible for r in para.runs)


def unlisted_type(doc: Document) -> str | None:
    """The type name a main document gives itself when it is none of the decree's types
    (Điều 7, Phụ lục III): "BẢNG SO SÁNH THUYẾT MINH", "BẢNG TỔNG HỢP Ý KIẾN" of a dossier.
    What such a paper must carry (a number, a signer, a Nơi nhận) the decree does not say."""
    f = doc.facts
    if f.is_appendix or f.type is not None or f.type_abbr is not None or not f.type_name:
        return None
    return f.type_name


def is_signed(doc: Document) -> bool | None:
    """Does the file carry at least one digital signature? None when signatures were not read."""
    rep = doc.signatures
    if rep is None or not rep.evaluated:
        return None
    return bool(rep.signatures) or rep.filled_fields > 0


def part_confidence(*paras: Paragraph) -> float | None:
    """How sure the reading is that these paragraphs are the parts they were taken for: the
    weakest of their opening words (OCR's ``lead_confidence``: "Kính gửi:", "Nơi nhận:", "I."),
    not of all their text — a rule on where a part stands rests on what names it. None when a
    paragraph has no such figure (exact text, or not measured): the engine then uses the
    paragraph's own reading confidence."""
    return _least(paras, "lead_confidence")


def extent_confidence(*paras: Paragraph) -> float | None:
    """How sure the reading is of where these paragraphs' text begins and ends (OCR's
    ``extent_confidence``: the typical word, lowered where ink beside them went unread), not
    of each letter: what a rule on a length or a place measured against the text rests on
    (the line under the agency name, under the Tiêu ngữ: header parts found by their place).
    None when a paragraph has no such figure (the engine then uses its reading confidence)."""
    return _least(paras, "extent_confidence")


def end_confidence(*paras: Paragraph) -> float | None:
    """How sure the reading is of the mark ending these paragraphs (OCR's ``end_confidence``:
    a full stop's dot, or white paper where a mark would stand, measured from the ink), not of
    their letters: what a rule on a line's final mark rests on. None when not measured."""
    return _least(paras, "end_confidence")


def _least(paras: tuple[Paragraph, ...], key: str) -> float | None:
    """The smallest of the paragraphs' ``extra[key]``; None unless every one has it."""
    vals = [p.extra.get(key) for p in paras]
    if not vals or any(v is None for v in vals):
        return None
    return min(vals)  # type: ignore[type-var]


#: what a scan's reading of one dot-like mark alone (".", ":", ";", ",", or none read where
#: one is typed) is worth when no measurement of its ink backs it: a word's OCR confidence is
#: its letters', and a speck or a seal's edge beside a dot makes a colon of it. Below any
#: sensible ``min_confidence``: a difference in such a mark alone makes a note on a scan.
MARK_CONF = 0.5

_EDGE_MARKS = " ,.;:()“”\"'"


def token_confidence(para: Paragraph | None, *tokens: str, exact: bool = False) -> float | None:
    """How sure the reading is of the given tokens of the paragraph (a number, the parts of a
    date), from OCR's per-word confidences: the weakest word that holds one of them or is part
    of one. A comparison that fails on one token rests on that token's reading, not on the
    paragraph's typical word (a long line of well-read words around a number read "KHUBND"
    at 25 %). ``exact``: only words that are one of the tokens (edge marks aside) — the parts
    of a date ("18", "5", "2026"), which as substrings would also match the "05" of
    "05/KH-UBND" and take that word's doubt. None when the paragraph has no word confidences
    (exact text) or no word matches."""
    if para is None:
        return None
    words = para.extra.get("word_confidences")
    if not words:
        return None
    wanted = [t.strip(_EDGE_MARKS).upper() for t in tokens if t and t.strip(_EDGE_MARKS)]
    if exact:
        found = [conf for text, conf in words if text.strip(_EDGE_MARKS).upper() in wanted]
    else:
        found = [conf for text, conf in words
                 if len(core := text.strip(_EDGE_MARKS).upper()) >= 2 and any(core in t or t in core for t in wanted)]
    return min(found) if found else None


def weakest(para: Paragraph | None, *tokens: str, exact: bool = False) -> float | None:
    """The paragraph's reading confidence, lowered to :func:`token_confidence` of ``tokens``:
    the confidence a finding on those tokens gives the engine (None: the engine's own)."""
    tok = token_confidence(para, *tokens, exact=exact)
    if tok is None or para is None:
        return None
    base = para.reading_confidence
    return tok if base is None else min(base, tok)


def own_confidence(para: Paragraph | None, *tokens: str, exact: bool = False) -> float | None:
    """:func:`token_confidence` of ``tokens``, lowered only by a doubt the paragraph's reading
    holds beyond its words (an unread tail, foreign ink: its confidence below every word's) —
    not by its weakest other word: a date read surely is not made doubtful by a place name
    read at 0.89 on the same line. None: exact text or no such word."""
    tok = token_confidence(para, *tokens, exact=exact)
    if tok is None or para is None:
        return tok
    base = para.reading_confidence
    words = [c for _, c in para.extra.get("word_confidences") or ()]
    return min(base, tok) if base is not None and words and base < min(words) else tok
