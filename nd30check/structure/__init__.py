"""Structure recognition: which paragraph plays which part of a Decree 30 document, and the
document's facts (type, number, agency, date, signer, appendix reference).

* ``recognize`` — the passes that label paragraphs and fill ``Document.facts``;
* ``features``  — per-paragraph features the passes read (text shape, bold, caps, position);
* ``signblock`` — the signature block (ô 7) and Nơi nhận (ô 9);
* ``text``      — the grammars of the header lines (Số, date, Kèm theo, V/v).
"""

from .recognize import analyze, parse_date_line, parse_kem_theo, parse_so_line

__all__ = ["analyze", "parse_date_line", "parse_kem_theo", "parse_so_line"]
