"""How sure a scan's reading of one short code is (the type code of a Số line).

Tesseract lowers a word's confidence for strings no dictionary holds ("112/KH-UBND" at 0.86
while each of its letters reads at 0.99), so a word's confidence says little about whether its
type code was read right. Its letters' own confidences say more, but they are sure of the
one misreading a scan makes most: a stem whose bar or serif was lost ("TIr" read for "TTr",
every letter at 0.99). Both are weighed here; readers give letters only through tesserocr
(the hOCR fallback has word confidences only, and then the word's is used)."""

from __future__ import annotations

from typing import Sequence

from ..doctypes import ABBREVIATIONS
from ..model import Paragraph
from .common import own_confidence, token_confidence

#: Glyphs that are one upright stem, told apart only by a bar, a serif or a dot a scan may lose
#: or add (an I/l/1-like glyph): a code one such glyph away from the expected one is doubtful.
STEMS = frozenset("IlL1|iîìíjJ!tTf")

#: What a one-stem difference is worth: below any sensible ``min_confidence`` (a note on a scan).
STEM_CONF = 0.5


def one_stem_off(read: str, expected: str) -> bool:
    """True when ``read`` differs from ``expected`` by one glyph only (substituted, added or
    dropped) and that glyph is stem-like on the side where it was read or expected."""
    if read == expected:
        return False
    if len(read) == len(expected):
        diff = [(a, b) for a, b in zip(read, expected) if a != b]
        return len(diff) == 1 and (diff[0][0] in STEMS or diff[0][1] in STEMS) and \
            not (diff[0][0].upper() == diff[0][1].upper())
    longer, shorter = (read, expected) if len(read) > len(expected) else (expected, read)
    if len(longer) != len(shorter) + 1:
        return False
    for i, ch in enumerate(longer):
        if longer[:i] + longer[i + 1:] == shorter:
            return ch in STEMS
    return False


def code_letters_confidence(para: Paragraph | None, code: str) -> float | None:
    """The weakest of the letters of ``code`` where it follows a "/" in one of the paragraph's
    words, from the reader's per-letter confidences; None when the reader gave none there."""
    if para is None or not code:
        return None
    for text, letters in (para.extra or {}).get("letter_confidences") or ():
        at = text.find("/" + code)
        if at < 0 or not letters:
            continue
        start, end = at + 1, at + 1 + len(code)
        pos, found = 0, []
        for ch, conf in letters:
            if pos < end and pos + len(ch) > start:
                found.append(float(conf))
            pos += len(ch)
        if found:
            return min(found)
    return None


def type_code_confidence(para: Paragraph | None, read: str, expected: str, word_conf: float | None) -> float | None:
    """How sure a scan's "type code is ``read``, not ``expected``" is: doubtful when one stem
    glyph is all that differs; the code's letters' confidence when what was read is itself
    another type's abbreviation (a misreading would have to change every letter of one listed
    code into another: "KH" on a QĐ); else ``word_conf``, the word's."""
    if para is None or para.source != "ocr":
        return word_conf
    if one_stem_off(read, expected):
        return STEM_CONF
    if read not in ABBREVIATIONS:  # "ÐĐA" for "ĐA", every letter at 0.99: a misreading, as likely
        return word_conf
    letters = code_letters_confidence(para, read)
    return round(letters, 3) if letters is not None else word_conf


def label_confidence(para: Paragraph | None, label: str) -> float | None:
    """How sure a scan's reading of a label word ("Số") and the mark after it is: that word's
    own confidence, not the line's weakest word (a number read at 0.69 says nothing about the
    colon after "Số"; a word beside unread ink is capped by the reader). None: exact text."""
    if para is None or para.source != "ocr":
        return None
    return token_confidence(para, label)


#: Digits a scan turns into each other by one stroke or loop lost or added (a blur closing the
#: gap of a 3 or a 5, a speck in the counter of a 0): a reading one such digit off is doubtful.
CONFUSABLE_DIGITS = frozenset(frozenset(p) for p in ("38", "56", "68", "89", "08", "06", "09", "69"))


def one_digit_confused(read: str, expected: str) -> bool:
    """True when two numbers of one date part (day, month, year; zero-padded alike) differ in one
    digit only and that pair of digits is one a scan confuses (08 read for 06, 2028 for 2026)."""
    width = max(len(read), len(expected))
    a, b = read.zfill(width), expected.zfill(width)
    diff = [frozenset((x, y)) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and diff[0] in CONFUSABLE_DIGITS


def marks_confidence(paras: Sequence[Paragraph], marks: str) -> float | None:
    """How sure a scan's reading of the standalone marks ``marks`` (the en or em dashes of a
    motto) is: those words' own confidence — for a dash, its ink length measured against the
    line's size (readers/ocr/page.py) — lowered only by a doubt a line holds beyond its words,
    not by its weakest letters, which a comparison that found only the dashes wrong has already
    matched. None: exact text, or no such word (the engine's own confidence then)."""
    found = [c for p in paras if p.source == "ocr" and (c := own_confidence(p, *marks, exact=True)) is not None]
    return min(found) if found else None
