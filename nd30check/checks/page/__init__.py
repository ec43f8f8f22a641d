"""Page checks (PL I, Phần I, Mục I): :mod:`.setup` — paper size, orientation, margins, font,
colour, the Quốc hiệu / Tiêu ngữ / date size pairing; :mod:`.number` — page numbers.

How PDFs are judged (they carry no declared page setup):

* **Margins** are measured from where the text is. A PDF shows the text area only, so the
  check asks "does the text lie inside the allowed region?": text reaching *into* a margin
  narrower than the minimum is a certain violation (error). A margin *wider* than the maximum
  can only be inferred where lines reliably reach the edge (left edge, justified right edge on
  a well-filled page) and is reported as a warning; the bottom margin is never judged too
  wide (pages end early at page breaks). Pages with too few lines only get the certain test;
  when no page has measurable text the rule is not-evaluated.
  The header and signature blocks are left out of the sideways measure (their layout tables
  often run a few millimetres past the text area, in the decree's own templates too), page
  numbers and signature stamps are left out entirely, and "too wide" is judged on the
  narrowest margin over the well-filled pages of the file (one setting per document).
* **Page numbers** are read from the page-number text the PDF reader found on each page (a
  lone number at the top or bottom); the first page of each Phụ lục restarts the numbering.
* **DOCX page count**: Word stores no reliable count (python-docx copies "Pages = 1" from its
  template), so rendered page breaks are used when present, else the saved count when it says
  more than one page, else the text length is estimated from Times New Roman widths. Without
  any page number field: clearly one page → pass, clearly longer → fail, in between →
  not-evaluated.
* **Landscape** (A17): the decree gives one set of margins; a margin out of range in a
  landscape section is reported as a warning only.
"""

from __future__ import annotations

from . import number, setup  # noqa: F401  (register the checks)
from .setup import font_family, is_times_new_roman  # noqa: F401  (the font-name tests use them)
