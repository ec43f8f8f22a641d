"""The A5 defect twin for real: an A4 header laid on an A5 sheet runs past its right edge.

What the scan shows of the Tiêu ngữ's rule and text ends at the image's edge, so the rule's
length is not measurable: ND30-TN-LINE must never pass (it did on every re-scan salt — a false
pass); the rule crossing the trích yếu's last words is not text in the margin (ND30-MARGIN was a
false error); the date line and the motto are short of whole words, which fails them however
their last, doubtful word reads.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scankit as K  # noqa: E402

from nd30check.readers.ocr import available  # noqa: E402

pytestmark = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed "
                                "(sudo apt-get install tesseract-ocr tesseract-ocr-vie)")


def test_a5_twin_is_honest_at_the_sheet_edge(request) -> None:
    cache = getattr(request.config, "cache", None)
    twin = K.ROOT / "tests/scans/files/defects--ND30-PAGE-SIZE--a5--scan.pdf"
    res = K.run([str(twin)], str(cache.mkdir("nd30check-scans")) if cache is not None else None, jobs=1)[str(twin)]
    st = res.statuses
    assert st["ND30-TN-LINE"] == "not-evaluated", st["ND30-TN-LINE"]
    assert st["ND30-MARGIN"] != "fail"
    assert st["ND30-DATE-FORMAT"] == "fail" and st["ND30-TN-TEXT"] == "fail"
