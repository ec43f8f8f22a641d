"""The header of a scan — the date line ("Phượng Tiến, ngày 08 tháng 5 năm 2026") and the lines
under its elements: what ND30-DATE-FORMAT and the *-LINE rules rest on — the words of the date
part judged, not the place name's reading; the mark after the place and a pale line measured
from the ink. Each case rebuilds one re-scan twin (rescan.py's profile for its salt) where a
rule once went wrong."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="module")
def tess():
    from nd30check.readers.ocr import available

    t = available()
    if t is None:
        pytest.skip("Tesseract with the Vietnamese model is not installed")
    return t


def _findings(tmp_path: Path, subset: str, stem: str, salt: str, rule: str) -> tuple[str, list]:
    import make_scans as M
    import scankit as K  # the batch pipeline the re-scans are scored through

    path = M.rescan_sample(tmp_path, subset, stem, salt)
    res = K.run([str(path)], None, jobs=1)[str(path)]
    rr = next(r for r in res.results if r.rule == rule)  # type: ignore[attr-defined]
    return rr.status, list(rr.findings)


def test_a_day_read_surely_without_its_zero_fails(tess, tmp_path: Path) -> None:
    """Salt k: "Phượng Tiến, ngày 8 tháng 5 năm 2026", "ngày", "8" and "tháng" read at 0.96–0.97
    but the place's "Tiến," at 0.86: the day's padding rests on the date's words, not on the
    place name — a sure reading fails (it was a note, the defect missed)."""
    status, found = _findings(tmp_path, "defects", "ND30-DATE-FORMAT--day-not-padded", "k", "ND30-DATE-FORMAT")
    assert status == "fail"
    assert any(f.key == "day-padding" and f.severity == "error" for f in found)


def test_a_pale_agency_line_is_no_sure_absence(tess, tmp_path: Path) -> None:
    """Salt n (150 dpi, JPEG): the 0.5-pt line under "xã Phượng Tiến" scanned pale, its dark
    core broken into pieces shorter than a rule's; at the faint-ink level it is one line under
    the name. "No line" was a CQ-LINE warning (the text PDF passes): now not-evaluated."""
    status, found = _findings(tmp_path, "defects", "ND30-CQ-TEXT--lower-case", "n", "ND30-CQ-LINE")
    assert status == "not-evaluated"


def test_a_missing_motto_line_still_fails(tess, tmp_path: Path) -> None:
    """Where no line was drawn the paper under the text is white at the faint level too."""
    for salt in ("n", "b"):
        assert _findings(tmp_path, "defects", "ND30-TN-LINE--missing", salt, "ND30-TN-LINE")[0] == "fail"


def test_a_comma_read_as_a_full_stop_is_no_missing_comma(tess, tmp_path: Path) -> None:
    """Salt n (150 dpi): "Phượng Tiến, ngày 17 …" read "Tiến." at 0.97 — the comma's tail is
    paler than the faint level — failed "Thiếu dấu phẩy sau địa danh" (the text PDF passes).
    The ink after "Tiến" reaches under the baseline: a comma, no failure."""
    status, found = _findings(tmp_path, "defects", "ND30-QH-TEXT--missing-xa-hoi", "n", "ND30-DATE-FORMAT")
    assert status == "pass", found
