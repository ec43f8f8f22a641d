"""A scanned line too short to hold what a rule asks, however its doubtful words read.

A format failure on a scan usually rests on the letters of its worst-read word, and so it is a
note. Not when the line lacks whole words: "Định Hóa, ngày 24 tÌ" (a date line cut by the
sheet's edge; "tÌ" read at 73 %) cannot become "<place>, ngày DD tháng MM năm YYYY" whatever
"tÌ" is, because four words are missing and one doubtful word can stand for two at most (two
glued words). Word splitting is far surer than letter reading, so the failure then rests on the
well-read words only — provided no ink beside the line went unread.
"""

from __future__ import annotations

from ..model import Document, Paragraph
from .common import MARK_CONF

#: a word read at least this sure counts as read; one below may be any word (or two glued)
SURE_WORD = 0.9


def _unread_beside(doc: Document, p: Paragraph) -> bool:
    """Ink the reading left unread on the paragraph's line, right of or left of its words."""
    if p.page is None or not 0 < p.page <= len(doc.pages) or p.top is None or p.bottom is None:
        return False
    for x0, top, x1, bottom in doc.pages[p.page - 1].unread:
        if bottom > p.top and top < p.bottom:
            return True
    return False


def words_short(doc: Document, p: Paragraph, after: str | None, needed: int) -> float | None:
    """The confidence a "too few words" failure rests on: when, counting from the first word
    ``after`` (compared lower-case) — or from the line's first word when that word was not read
    or is None — the line holds fewer than ``needed`` words even with each doubtful word taken as
    two, the weakest sure word's confidence; else None (the failure rests on the letters: the
    caller leaves it to the reading's confidence)."""
    words = p.extra.get("word_confidences")
    if not words or _unread_beside(doc, p):
        return None
    # the more of the text's tokens (a mark the confidences leave out, like a list dash, counts)
    # and OCR's words (words the text glued, "Tựdo", count apart), plus one for every doubtful
    # word anywhere on the line (each may be two glued words)
    room = max(_count_from([t.lower() for t in p.text.split()], after),
               _count_from([w.lower() for w, _ in words], after)) + sum(1 for _, c in words if c < SURE_WORD)
    if room >= needed:
        return None
    sure = [c for _, c in words if c >= SURE_WORD]
    return min(sure) if sure else MARK_CONF


def _count_from(tokens: list[str], after: str | None) -> int:
    """How many tokens from the first ``after`` on (all of them when it is None or absent)."""
    return len(tokens) - (tokens.index(after) if after is not None and after in tokens else 0)
