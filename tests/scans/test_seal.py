"""Dark seals over the signature block (readers/ocr/seal.py): the ring is taken out, the
letters pressed over it are not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest


def _sealed_page() -> tuple[np.ndarray, tuple[int, int, int]]:
    """A black-and-white page at 200 dpi: a 36 mm seal (outer ring 7 px, inner ring 3 px) and a
    letter's stem crossing the outer ring's bottom, as black as the seal."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (700, 700), 255)
    d = ImageDraw.Draw(img)
    cx, cy, r = 350, 350, 141
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=0, width=7)
    ri = int(0.72 * r)
    d.ellipse((cx - ri, cy - ri, cx + ri, cy + ri), outline=0, width=3)
    d.rectangle((340, cy + r - 30, 345, cy + r + 20), fill=0)
    return np.asarray(img).copy(), (cx, cy, r)


def test_a_stroke_crossing_a_dark_ring_keeps_its_ink() -> None:
    """The ring's band (and a margin) was whitened wherever it ran, cutting every letter it
    crossed ("TS." read "T3.", "15."): a stroke whose ink runs on past the ring's edges on both
    sides is a letter there and keeps its ink; the ring itself goes where nothing crosses it.
    The thin inner ring is found as one band (it was missed or split in two a pixel off)."""
    from nd30check.readers.ocr import seal as S

    arr, (cx, cy, r) = _sealed_page()
    found = S.find_seals(arr, 200)
    assert found
    rings = S.refine(arr, found[0], 200)
    assert len(rings.bands) == 2
    out = S.clean(arr, rings)
    stem = out[cy + r - 30:cy + r + 20, 340:346] < S.INK
    assert stem.all(axis=1).sum() >= 0.85 * stem.shape[0]  # was 19 of 50 rows
    assert not (out[cy - 5:cy + 5, cx - r - 2:cx - r + 10] < S.INK).any()  # the ring beside it is gone


@pytest.fixture(scope="module")
def tess():
    from nd30check.readers.ocr import available

    if available() is None:
        pytest.skip("Tesseract with the Vietnamese model is not installed")


def _twin(tmp_path: Path, subset: str, stem: str, salt: str) -> Path:
    """One re-scan twin of a sample (rescan.py's profile for ``salt``), written to ``tmp_path``."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_scans as M

    return M.rescan_sample(tmp_path, subset, stem, salt)


@pytest.mark.parametrize("salt", ["d", "h", "i"])
def test_academic_title_before_the_name_under_the_seal_fails_on_re_scans(tess, tmp_path: Path, salt: str) -> None:
    """"TS. Hoàng Văn Khánh" under the seal: a black seal's ring cut "TS." ("T3.", 0.61) and the
    reading lost the words between it and "Khánh" (d); a grey seal's star read "¬+" took the
    name's place (h); "TS." read exactly at 0.67, its letters at 0.95 (i). SIGN-NAME was
    not-evaluated on each; the title is read clearly, so it fails as the text PDF does."""
    import scankit as K

    pdf = _twin(tmp_path, "defects", "ND30-SIGN-NAME--academic-title", salt)
    res = K.run([str(pdf)], None, jobs=1)[str(pdf)]
    assert {r.rule: r.status for r in res.results}["ND30-SIGN-NAME"] == "fail"  # type: ignore[attr-defined]


def test_marks_read_from_a_seal_on_lines_of_their_own_are_dropped() -> None:
    """A seal's ring pieces read "-" and "`" on lines of their own became signature-block lines:
    counted as a page's text lines they made a short last page "well filled", and its one body
    line's width a too-wide-margin warning (compliant salt-d twin). Marks inside the seal on a
    line with no letter or digit go; a mark on a lettered line, or outside the seal, stays."""
    from nd30check.readers.ocr.seal import _seal_marks_dropped
    from nd30check.readers.ocr.tess import Word

    words = [Word("-", 90, 440, 400, 450, 460, 1, 1), Word("`", 85, 400, 500, 410, 510, 2, 2),
             Word("CHỦ", 95, 380, 300, 440, 330, 3, 3), Word(";", 90, 445, 300, 450, 330, 3, 3),
             Word("-", 95, 100, 400, 110, 410, 4, 4)]
    kept = _seal_marks_dropped(words, [(420.0, 420.0, 140.0)])
    assert [(w.text, w.line) for w in kept] == [("CHỦ", 3), (";", 3), ("-", 4)]
