"""PDF reader on the LibreOffice exports of the realistic samples (samples/pdf/, when present):
every word of the DOCX comes back from the PDF, and the layout facts agree with the DOCX."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from nd30check.readers.docx import read_docx
from nd30check.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
PAIRS = sorted(
    (p, ROOT / "samples" / "compliant" / (p.stem + ".docx"))
    for p in (ROOT / "samples" / "pdf" / "compliant").glob("*.pdf")
    if (ROOT / "samples" / "compliant" / (p.stem + ".docx")).exists()
)


@pytest.mark.skipif(not PAIRS, reason="samples/pdf/compliant not made (samples/make_samples.py needs LibreOffice)")
@pytest.mark.parametrize("pdf, docx", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_sample_round_trip(pdf: Path, docx: Path) -> None:
    d = read_docx(str(docx))
    p = read_pdf(str(pdf))
    assert p.has_text_layer and p.page_count
    # as shown (w:caps prints capitals), NFC on both sides (decomposed "tổ hợp" input must come back composed)
    words = re.findall(r"\w+", " ".join(x.shown_text for x in d.paragraphs if x.container not in ("header", "footer")))
    got = set(re.findall(r"\w+", " ".join(x.text for x in p.paragraphs)))
    assert all(unicodedata.is_normalized("NFC", x.text) for x in p.paragraphs)
    assert [w for w in words if w not in got] == []
    # the header block is two-sided, the body is justified Times New Roman
    if d.paragraphs and d.paragraphs[0].cell is not None:  # the DOCX opens with the header table
        first = [x for x in p.paragraphs if x.page == 1][:8]
        assert {"left", "right"} <= {x.column for x in first}
    fonts = {r.font for x in p.paragraphs for r in x.runs if r.visible and not r.from_signature}
    assert fonts == {"Times New Roman"}
    body = [x for x in p.paragraphs if x.container == "body" and x.column == "full" and x.lines >= 3]
    assert all(x.alignment == "justify" for x in body)
    assert p.sections[0].measured == "text-extent"
