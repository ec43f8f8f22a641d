"""Where a scan's paragraph geometry cannot carry an indent or a gap judgement.

OCR builds paragraphs from lines by their places, and four misreadings of a paragraph's shape
recur on scans (measured on the re-scanned twins; a fifth, a lone line read centred, is
BODY-ALIGN's: ``lone_centred_line``): the short last line of a paragraph split off
as a paragraph of its own ("sau:" read "Sau:" — no indent, no gap: it is a last line, not a
paragraph); a paragraph cut in two after a line whose last word went unread (the line looks
short, as a paragraph's last line does, but ink no word was read of runs on to the edge); a line of the signature block half hidden by the seal taken as body text (its
"indent" is the width of the page's left half); and a continuation line whose first word went
unread, so the paragraph's left edge — what the first-line indent is measured from — lies right
of the column. Each is told by geometry that a real paragraph does not have, and each makes the
measurement doubtful, not wrong: the check notes it and leaves the paragraph unjudged (a rule
left with only such notes is not-evaluated, never a pass). Text pages are never doubted: their
geometry is the file's own.
"""

from __future__ import annotations

from ...model import Document, Page, Paragraph


def _scanned(p: Paragraph) -> bool:
    return p.reading_confidence is not None


def _pitch(p: Paragraph) -> float | None:
    """The paragraph's line pitch from its baselines (the median step), None for one line."""
    b = p.extra.get("baselines") or []
    steps = sorted(y1 - y0 for y0, y1 in zip(b, b[1:]) if y1 > y0)
    return steps[len(steps) // 2] if steps else None


def _page_pitch(doc: Document, p: Paragraph) -> float | None:
    """The median line pitch of the multi-line scanned paragraphs on ``p``'s page: the step to
    expect after a paragraph of one line, which has no pitch of its own."""
    steps = sorted(s for q in doc.paragraphs if q.page == p.page and _scanned(q) and q.lines > 1
                   for s in [_pitch(q)] if s is not None)
    return steps[len(steps) // 2] if steps else None


def previous_line_holder(doc: Document, p: Paragraph) -> Paragraph | None:
    """The non-empty paragraph right before ``p`` in reading order, on the same page and in the
    same container; None when there is none."""
    at = p.index if 0 <= p.index < len(doc.paragraphs) and doc.paragraphs[p.index] is p else \
        next((i for i, q in enumerate(doc.paragraphs) if q is p), 0)
    for q in reversed(doc.paragraphs[:at]):
        if not q.is_empty:
            return q if q.page == p.page and q.container == p.container else None
    return None


def split_last_line(doc: Document, p: Paragraph, edge: float) -> bool:
    """Is this one-line scanned paragraph more likely the last line of the paragraph above,
    split off by the reading? It starts at the column's left edge (where continuation lines
    start, not indented), its baseline is one line step below the last baseline above (no
    paragraph gap), and the line above ends at the column's right edge (a justified line that
    goes on; a paragraph's own last line mostly ends short). ``edge``: points of slack."""
    prev = previous_line_holder(doc, p)
    if prev is None or not _scanned(p) or p.lines > 1 or not prev.runs or not p.runs:
        return False
    box = p.extra.get("column_box") or prev.extra.get("column_box")
    pb, qb = p.extra.get("baselines") or [], prev.extra.get("baselines") or []
    step = _pitch(prev) or _page_pitch(doc, p)
    if not box or not pb or not qb or step is None or p.x0 is None:
        return False
    last = prev.runs[-1]
    if last.x1 is None or last.x1 < box[1] - edge or abs(p.x0 - box[0]) > edge:
        return False
    return 0.8 * step <= pb[0] - qb[-1] <= 1.15 * step


def right_block(p: Paragraph) -> bool:
    """Does this scanned paragraph start past the middle of its column? Running text never
    does (an indent is about a centimetre): such a line is a piece of a block set to the right
    — a signer's title under a seal, a place-date line — read as body text."""
    box = p.extra.get("column_box")
    if not _scanned(p) or not box or not p.runs or p.runs[0].x0 is None:
        return False
    return p.runs[0].x0 > (box[0] + box[1]) / 2


def late_left_edge(p: Paragraph, edge: float) -> float | None:
    """The first line's start measured from the column's left edge, when the paragraph's own
    left edge (its continuation lines) lies right of the column by more than ``edge``: the
    words that began those lines may have gone unread. None when the left edge is the column's
    (or the paragraph is not scanned, or has one line)."""
    box = p.extra.get("column_box")
    if not _scanned(p) or not box or len(p.runs) < 2 or p.runs[0].x0 is None:
        return None
    rest = [r.x0 for r in p.runs[1:] if r.x0 is not None]
    if not rest or min(rest) - box[0] <= edge:
        return None
    return p.runs[0].x0 - box[0]


def lone_centred_line(p: Paragraph) -> bool:
    """Is this a scanned paragraph of one line that the reader calls centred? One line has
    no second line to be symmetric with: it is where it is. On a scan such a line under the
    body's label is mostly a heading whose label the reading lost ("Phần I" read "Phần", its
    title then taken for running text) or a piece of a paragraph the reading split; what its
    alignment is cannot be told from one line's place, so it is not judged. Several centred
    lines (mids on one axis, starts apart) are a measurement, and are judged."""
    return _scanned(p) and p.alignment == "center" and p.lines <= 1


def _page(doc: Document, p: Paragraph) -> Page | None:
    return next((pg for pg in doc.pages if pg.number == p.page), None)


def unread_line_end(doc: Document, p: Paragraph, edge: float) -> bool:
    """Is this scanned paragraph more likely the rest of the paragraph above, cut off after a
    line whose last word went unread? It starts at the column's left edge, one line step below
    the last baseline above (no gap), and the line above ends short of the column's right edge
    — but unread ink (``Page.unread``) stands on that line's height from a word space after its
    end to the edge: the line went on, so nothing says a paragraph ended there."""
    prev = previous_line_holder(doc, p)
    if prev is None or not _scanned(p) or not prev.runs or not p.runs:
        return False
    box = p.extra.get("column_box") or prev.extra.get("column_box")
    pb, qb = p.extra.get("baselines") or [], prev.extra.get("baselines") or []
    step = _pitch(prev) or _pitch(p) or _page_pitch(doc, p)
    first, last = p.runs[0], prev.runs[-1]
    if not box or not pb or not qb or step is None or first.x0 is None or abs(first.x0 - box[0]) > edge:
        return False
    if None in (last.x1, last.top, last.bottom) or not 0.8 * step <= pb[0] - qb[-1] <= 1.15 * step:
        return False
    page = _page(doc, p)
    if page is None or last.x1 >= box[1] - edge:  # type: ignore[operator]
        return False
    top, bottom, end = float(last.top), float(last.bottom), float(last.x1)  # type: ignore[arg-type]
    space = 0.75 * (last.size or 14.0)  # a word space and a little more
    for x0, y0, x1, y1 in page.unread:
        if min(y1, bottom) - max(y0, top) >= 0.5 * (bottom - top) and x0 <= end + space and x1 >= box[1] - edge:
            return True
    return False
