"""The measurement layer: geometry derived once from the document model, for every reader.

Checks ask questions of the page — how long is this line of text, is a rule drawn under it,
which column is this paragraph in, is it centred, how many pages are there — and the answers
must not depend on whether the model came from a .docx (declared layout: cells, settings,
font metrics), a PDF or a scan (measured layout: positions on the page). This package answers
them from whatever the reader gave, and says when it cannot (``None``):

* :mod:`.runs` — the runs carrying an element's text (stamps and footnote marks left out),
  its dominant size;
* :mod:`.widths` — Times New Roman advance widths, visual line widths, word wrap;
* :mod:`.lines` — a paragraph's visual lines; horizontal lines drawn under text;
* :mod:`.position` — side of a two-column block, centring, level, alignment, paragraph gaps;
* :mod:`.pages` — page count (exact or estimated), text area of a page, tables on a page.

What can be measured on a document is ``Document.capabilities`` (``model.Cap``); in
particular :func:`measured_layout` says whether paragraph layout values are measured from
positions (estimates, judged with tolerances) rather than declared.

Imports: the model only (never checks, structure or readers).
"""

from __future__ import annotations

from ..model import Cap, Document


def measured_layout(doc: Document) -> bool:
    """Are alignment, indents, spacing and line counts measured from positions on the page
    (PDF, OCR: estimates) rather than the author's declared settings (.docx)?"""
    return Cap.POSITIONS in doc.capabilities


def declared_layout(doc: Document) -> bool:
    """Are layout values the author's settings with their style cascade, so that a property
    set nowhere takes the format's default (OOXML: left alignment, no indent)?"""
    return Cap.STYLES in doc.capabilities
