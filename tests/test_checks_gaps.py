"""A scan's word gap is OCR's inference: a fixed wording differing only there is a note."""

from __future__ import annotations

import pytest

from nd30check.checks.gaps import gap_only
from nd30check.model import Role

from test_checks_header_helpers import header_doc, keys, run, status


def _scanned(doc, role: Role):
    for p in doc.paragraphs:
        if p.role is role:
            p.source = "ocr"
    return doc


@pytest.mark.parametrize("actual,expected,only", [
    ("Độc lập - Tự do - Hạnhphúc", "Độc lập - Tự do - Hạnh phúc", True),
    ("Độc lập - Tự do - Hạnh p húc", "Độc lập - Tự do - Hạnh phúc", True),
    ("Độc lập-Tự do-Hạnh phúc", "Độc lập - Tự do - Hạnh phúc", False),  # spaces round a dash: typed
    ("Độc lập – Tự do – Hạnhphúc", "Độc lập - Tự do - Hạnh phúc", False),
    ("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc", False),
])
def test_gap_only_is_a_space_between_two_letters(actual, expected, only):
    assert gap_only(actual, expected) is only


def test_glued_motto_fails_typed_and_is_a_note_on_a_scan():
    typed = run("ND30-TN-TEXT", header_doc(tn="Độc lập - Tự do - Hạnhphúc"))
    assert status(typed) == "fail" and keys(typed) == ["wrong-text"]
    scan = run("ND30-TN-TEXT", _scanned(header_doc(tn="Độc lập - Tự do - Hạnhphúc"), Role.TIEU_NGU))
    assert status(scan) != "fail" and keys(scan) == ["word-gap"]
    dash = run("ND30-TN-TEXT", _scanned(header_doc(tn="Độc lập – Tự do – Hạnh phúc"), Role.TIEU_NGU))
    assert status(dash) == "fail"


def test_glued_national_title_fails_typed_and_is_a_note_on_a_scan():
    text = "CỘNG HÒA XÃ HỘICHỦ NGHĨA VIỆT NAM"
    assert status(run("ND30-QH-TEXT", header_doc(qh=text))) == "fail"
    scan = run("ND30-QH-TEXT", _scanned(header_doc(qh=text), Role.QUOC_HIEU))
    assert status(scan) != "fail" and keys(scan) == ["word-gap"]
    missing = run("ND30-QH-TEXT", _scanned(header_doc(qh="CỘNG HÒA HỘI CHỦ NGHĨA VIỆT NAM"), Role.QUOC_HIEU))
    assert status(missing) == "fail"
