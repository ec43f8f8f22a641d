"""A motto typed with en dashes ("Độc lập – Tự do – Hạnh phúc") on scans.

Whether a dash is a hyphen or an en dash is a matter of its ink length against the line's size,
which the reader measures (readers/ocr/page.py); Tesseract may cut one bar in two ("—-" at 0.77,
salt h) and may read a letter of the line weakly. The judgement rests on the dash itself: a word
made only of dash glyphs that is one bar of ink is measured as one dash, and TN-TEXT's en-dash
finding carries the dashes' confidence, not the line's weakest word; a dash of doubtful length
keeps a capped confidence (a note)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from test_checks_header_helpers import header_doc, keys, run  # noqa: E402
from test_so_line import _rule, _twin, needs_ocr  # noqa: E402

from nd30check.model import Role  # noqa: E402
from nd30check.readers.ocr.page import _one_dash  # noqa: E402
from nd30check.readers.ocr.tess import Word  # noqa: E402


def test_a_dash_cut_in_two_is_one_bar_of_ink() -> None:
    dark = np.zeros((40, 200), dtype=bool)
    dark[20:23, 50:80] = True  # one bar, 30 px long
    assert _one_dash(Word("—-", 77.0, 50, 20, 79, 22, 1, 1), dark)
    dark[20:23, 64:67] = False  # two marks with a gap between them
    assert not _one_dash(Word("—-", 77.0, 50, 20, 79, 22, 1, 1), dark)
    assert not _one_dash(Word("-", 90.0, 50, 20, 63, 22, 1, 1), dark)  # one glyph: measured as it is
    assert not _one_dash(Word("-a", 90.0, 50, 20, 79, 22, 1, 1), dark)  # not dashes only


def _scanned_motto(dash_conf: float):
    doc = header_doc(tn="Độc lập – Tự do – Hạnh phúc")
    p = next(p for p in doc.paragraphs if p.role is Role.TIEU_NGU)
    p.source, p.confidence = "ocr", 0.80
    p.extra["word_confidences"] = [("Độc", 0.96), ("lập", 0.93), ("–", dash_conf), ("Tự", 0.97),
                                   ("do", 0.80), ("–", 0.92), ("Hạnh", 0.96), ("phúc", 0.97)]
    return doc


def test_the_en_dash_finding_rests_on_the_dashes_own_reading() -> None:
    ctx = run("ND30-TN-TEXT", _scanned_motto(0.92))
    assert keys(ctx) == ["en-dash"] and ctx.findings[0].confidence == 0.92  # not "do" at 0.80
    ctx = run("ND30-TN-TEXT", _scanned_motto(0.85))  # a dash of doubtful length: under 0.9, a note
    assert keys(ctx) == ["en-dash"] and ctx.findings[0].confidence == 0.85


@needs_ocr
def test_en_dash_motto_on_the_rescanned_twin(tmp_path: Path) -> None:
    """Salt h read the first en dash "—-" (one bar cut in two, 0.77): measured, it is "–"."""
    status, failing = _rule(_twin("ND30-TN-TEXT--en-dash", "defects", "h", tmp_path), "ND30-TN-TEXT")
    assert status == "fail" and [f.key for f in failing] == ["en-dash"]
