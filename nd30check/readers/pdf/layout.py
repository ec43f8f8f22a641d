"""Layout reconstruction for PDF pages: glyphs → lines → two-column zones → paragraphs.

A PDF has no paragraphs, only positioned glyphs; Decree 30 checks need paragraphs with
alignment, indents, line spacing and the left/right blocks of the header and signature.
Rebuilt from geometry only (no judgement; the checks judge), in two steps kept in two
modules: ``lines.py`` (glyphs → lines, columns) and ``paragraphs.py`` (lines → paragraphs,
page numbers, drawn rules). This module is the one name the reader imports them by.
"""

from __future__ import annotations

from .lines import _PN, LINE_FACTOR, Line, assign_columns, build_lines, merge_into_blank, split_by_cells
from .paragraphs import (ParaBox, anchor_hlines, attach_hlines, group_paragraphs, make_paragraph,
                         page_number_line, set_spacing)

__all__ = ["_PN", "LINE_FACTOR", "Line", "ParaBox", "anchor_hlines", "assign_columns", "attach_hlines",
           "build_lines", "group_paragraphs", "make_paragraph", "merge_into_blank", "page_number_line",
           "set_spacing", "split_by_cells"]
