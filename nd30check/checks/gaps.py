"""A scanned text that differs from a fixed wording only in the gaps between its words.

Tesseract does not read spaces: it infers them from the blank between two glyph groups, and at a
scan's profile (blur, low dpi, a bold face) the ~3 pt word space of a 13 pt line can shrink to the
letter spacing, gluing two words ("Hạnhphúc"), or a wide letter gap can split one. Such a
difference is a reading of the word gap, not of the letters, so on a scan it is a note, never a
failure; a typed text (docx, text PDF) keeps its typed spaces and still fails.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..model import Paragraph

#: a run of white space between two letters or digits (a word gap; not a gap beside a dash)
_WORD_GAP = re.compile(r"(?<=\w)\s+(?=\w)")


def _closed(text: str) -> str:
    return _WORD_GAP.sub("", " ".join(text.split()))


def gap_only(actual: str, expected: str) -> bool:
    """Whether ``actual`` and ``expected`` differ, and only by spaces between two word letters."""
    return actual != expected and " ".join(actual.split()) != " ".join(expected.split()) \
        and _closed(actual) == _closed(expected)


def gap_reading(paras: Sequence[Paragraph], actual: str, expected: str) -> bool:
    """Whether a difference is only a word gap inferred by OCR (every paragraph read from a scan)."""
    return bool(paras) and all(p.source == "ocr" for p in paras) and gap_only(actual, expected)
