"""PDF reader: pypdf objects and our own content-stream interpreter → the document model.

* ``reader``  — pages, boxes, sections, paragraphs in reading order, page numbers;
* ``content`` — bounded content-stream interpreter (glyphs, paths);
* ``fonts``   — codes → Unicode, widths, font names;
* ``layout``  — lines, columns and paragraph boxes from glyph geometry;
* ``tables``  — ruled grids; ``annots`` — widget appearances (signature stamps).
"""

from .reader import CAPABILITIES, read_pdf, signature_appearances

__all__ = ["CAPABILITIES", "read_pdf", "signature_appearances"]
