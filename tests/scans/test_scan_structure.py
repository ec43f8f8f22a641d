"""Structure recognition on scans: marks a reading adds at a line's edges do not hide what the
line is (structure/segments.py ``title_line``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd30check.model import Paragraph, Run
from nd30check.structure.features import Feat
from nd30check.structure.segments import title_line


def _feat(text: str, source: str) -> Feat:
    return Feat(0, Paragraph(0, runs=[Run(text)], source=source))


def test_a_quote_read_before_a_scanned_type_name_is_no_part_of_it() -> None:
    """"'TỜ TRÌNH" (the grave of "Ờ" read again as a quote, 0.36) is the tên loại TỜ TRÌNH on a
    scan; typed so in a text PDF it is no type name the strict reading knows."""
    assert title_line(_feat("'TỜ TRÌNH", "ocr"), strict=True) == "TỜ TRÌNH"
    assert title_line(_feat("KẾ HOẠCH.", "ocr"), strict=True) == "KẾ HOẠCH"
    assert title_line(_feat("'TỜ TRÌNH", "pdf"), strict=True) is None
    assert title_line(_feat("TỜ TRÌNH", "pdf"), strict=True) == "TỜ TRÌNH"


@pytest.fixture(scope="module")
def tess():
    from nd30check.readers.ocr import available

    if available() is None:
        pytest.skip("Tesseract with the Vietnamese model is not installed")


def test_no_noi_nhan_fails_when_the_type_name_carries_a_read_quote(tess, tmp_path: Path) -> None:
    """Salt l: the tên loại read "'TỜ TRÌNH" left the type unknown, so the Nơi nhận (which an
    issued document of a listed type needs) was not asked for: STRUCTURE-REQUIRED not-evaluated
    where the text PDF fails. Its place beside the signature was read blank: a fail."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_scans as M
    import scankit as K

    pdf = M.rescan_sample(tmp_path, "defects", "ND30-STRUCTURE-REQUIRED--no-noi-nhan", "l")
    res = K.run([str(pdf)], None, jobs=1)[str(pdf)]
    assert {r.rule: r.status for r in res.results}["ND30-STRUCTURE-REQUIRED"] == "fail"  # type: ignore[attr-defined]
