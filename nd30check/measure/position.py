"""Where a paragraph is: its side of a two-column block, centring, alignment, level, gaps.

Declared layouts (.docx) answer from cells and settings; measured ones (PDF, OCR) from the
positions on the page. Every answer may be None: not measurable here.
"""

from __future__ import annotations

from ..model import MM, Document, Paragraph
from . import declared_layout, measured_layout


def page_width_of(doc: Document, para: Paragraph) -> float | None:
    """Width of the page a paragraph sits on (PDF page, else its section)."""
    if para.page is not None:
        for pg in doc.pages:
            if pg.number == para.page:
                return pg.width
    if 0 <= para.section < len(doc.sections):
        return doc.sections[para.section].page_width
    return doc.sections[0].page_width if doc.sections else None


def side_of(doc: Document, para: Paragraph) -> str | None:
    """"left", "right", "full" or None: which block of the two-column header a paragraph is in.

    Uses the reader's ``column`` when set; else the cell of a two-column layout table; else,
    with geometry, the centre of the text box against the page centre."""
    if para.column is not None:
        return para.column
    if para.cell is not None and 0 <= para.cell.table < len(doc.tables):
        t = doc.tables[para.cell.table]
        if t.cols >= 2:
            # the decree's templates also lay headers out on 3–5 column grids
            if para.cell.col == 0 or para.cell.col < t.cols / 2 - 0.01 and para.cell.col < t.cols - 1:
                return "left"
            return "right"
    if para.x0 is not None and para.x1 is not None:
        width = page_width_of(doc, para)
        if width:
            mid = (para.x0 + para.x1) / 2
            if mid > width * 0.5:
                return "right"
            if mid < width * 0.5:
                return "left"
    return None


def center_x(para: Paragraph) -> float | None:
    if para.x0 is None or para.x1 is None:
        return None
    return (para.x0 + para.x1) / 2


def same_block(doc: Document, a: Paragraph, b: Paragraph) -> bool:
    """Same table cell (DOCX) or same column side."""
    if a.cell is not None and b.cell is not None:
        return (a.cell.table, a.cell.row, a.cell.col) == (b.cell.table, b.cell.row, b.cell.col)
    return side_of(doc, a) == side_of(doc, b)


def centred(doc: Document, para: Paragraph, ref: Paragraph | None, tol_mm: float) -> bool | None:
    """Is ``para`` centred (under ``ref`` when given)? DOCX: alignment; PDF: box centres —
    unknown when the text runs past the sheet's side: the shown part's centre is not its own."""
    if measured_layout(doc) or para.alignment is None:
        if any(p is not None and p.extra.get("cut_at_page_edge") for p in (para, ref)):
            return None
        cx = center_x(para)
        if cx is None:
            return None if para.alignment is None else para.alignment == "center"
        if ref is not None and center_x(ref) is not None:
            return abs(cx - center_x(ref)) <= tol_mm * MM
        # centred on the page's text area
        sec = doc.sections[para.section] if 0 <= para.section < len(doc.sections) else None
        pw = None
        for pg in doc.pages:
            if pg.number == para.page:
                pw = pg.width
        if pw is None:
            return None
        centres = [pw / 2]
        if sec is not None and sec.margin_left is not None and sec.margin_right is not None:
            centres.append((sec.margin_left + pw - sec.margin_right) / 2)
        else:
            centres.append((30 * MM + pw - 20 * MM) / 2)
        return min(abs(cx - c) for c in centres) <= tol_mm * MM
    if para.alignment != "center":
        return False
    if ref is not None and ref.alignment is not None and ref.alignment != "center":
        return False
    return True


def same_level(a: Paragraph, b: Paragraph, tol_mm: float) -> bool | None:
    if a.top is not None and b.top is not None and a.page == b.page:
        return abs(a.top - b.top) <= tol_mm * MM
    if a.cell is not None and b.cell is not None and a.cell.table == b.cell.table:
        return a.cell.row == b.cell.row
    return None


def alignment_of(doc: Document, p: Paragraph) -> str | None:
    """Effective alignment. In a .docx, no ``w:jc`` anywhere in the style cascade is not
    "unknown": OOXML's default is left (start), and Word shows the paragraph left-aligned."""
    if p.alignment is None and declared_layout(doc):
        return "left"
    return p.alignment


def paragraph_gap(doc: Document, prev: Paragraph, nxt: Paragraph) -> float | None:
    """Space between two paragraphs as Word lays it out: space-after + space-before.

    A PDF reader cannot tell the two apart and puts the whole measured extra gap in both
    (see readers/pdf/paragraphs.py): there, one of them is the gap."""
    a, b = prev.space_after, nxt.space_before
    if measured_layout(doc):
        return b if b is not None else a
    if a is None and b is None:
        return None
    if a is None or b is None:
        known = a if a is not None else b
        return known if known else None  # one side unknown and the other zero: cannot tell
    return a + b
