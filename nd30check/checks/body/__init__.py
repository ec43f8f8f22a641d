"""Body (ô 6) checks: size, alignment, indent and spacing of the running text, căn cứ lines,
headings, Kính gửi, the components and their order, typing slips (PL I, Phần I, Mục II,
khoản 6 and 9). One module per concern; :mod:`.common` holds what they share (and what
``signblock`` and ``appendix`` reuse: the document type, line tails, the finding cap).
"""

from __future__ import annotations

from . import can_cu, components, headings, kinh_gui, layout, stray  # noqa: F401  (register the checks)
from .common import (  # noqa: F401  (shared with signblock, appendix)
    ALIGN_WORDS,
    Capped,
    body_paragraphs,
    doc_type,
    in_data_table,
    is_continuation,
    kinh_gui_lines,
    letters,
    loc,
    tail,
)
