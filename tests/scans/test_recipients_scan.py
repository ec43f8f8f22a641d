"""Nơi nhận on scans (checks/signblock/recipients.py): what a recipient line starts with is
where its ink stands on the page, not the order a reading put its words in."""

from __future__ import annotations

from pathlib import Path

import pytest

from nd30check.model import Document, Paragraph, Role, Run


@pytest.fixture(scope="module")
def tess():
    from nd30check.readers.ocr import available

    if available() is None:
        pytest.skip("Tesseract with the Vietnamese model is not installed")


def _twin(tmp_path: Path, subset: str, stem: str, salt: str) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_scans as M

    return M.rescan_sample(tmp_path, subset, stem, salt)


def _status(path: Path, rule: str) -> str:
    import scankit as K

    res = K.run([str(path)], None, jobs=1)[str(path)]
    return {r.rule: r.status for r in res.results}[rule]  # type: ignore[attr-defined]


def test_seal_ink_read_before_a_recipient_dash_does_not_fail_the_dash(tess, tmp_path: Path) -> None:
    """Salt m: the signer title's "CH" beside the seal, read "CỊ" on a line of its own and put
    in the list's column by the layout, opened "CỊ - Các phòng, ban chuyên môn;": NN-ITEMS failed
    the dash (a warning on a compliant twin). The dash stands at the line's start on the page."""
    pdf = _twin(tmp_path, "compliant", "tb-ubnd-ket-luan-chu-tich-unicode-to-hop", "m")
    assert _status(pdf, "ND30-NN-ITEMS") != "fail"


def _item(text: str, runs: list[tuple[str, float, float]], x0: float) -> Paragraph:
    p = Paragraph(0, runs=[Run(t, x0=a, x1=b, top=100.0, bottom=110.0) for t, a, b in runs], page=1, x0=x0)
    p.source, p.role = "ocr", Role.NOI_NHAN_ITEM
    return p


def test_words_read_before_a_scanned_dash_by_where_they_stand() -> None:
    """Right of the dash: the reading's order only (no failure); left of a dash at the list's
    edge: off the column, unsure (a note); a dash not at the list's edge, or exact text: the
    line's own words (judged as read)."""
    from nd30check.checks.signblock.recipients import _read_before_dash

    edge = [_item("- A;", [("- A;", 85.0, 100.0)], 85.0), _item("- B;", [("- B;", 85.0, 100.0)], 85.0)]
    right = _item("CỊ - Các", [("CỊ", 347.0, 359.0), (" -", 85.0, 89.0), (" Các", 91.0, 110.0)], 85.0)
    left = _item("x - Các", [("x", 70.0, 78.0), (" -", 85.0, 89.0), (" Các", 91.0, 110.0)], 70.0)
    inner = _item("a) - Các", [("a)", 85.0, 92.0), (" -", 96.0, 100.0), (" Các", 102.0, 120.0)], 85.0)
    doc = Document("x.pdf", "pdf", paragraphs=[*edge, right, left, inner])
    assert _read_before_dash(doc, right, "-", 11.0) == "placed"
    assert _read_before_dash(doc, left, "-", 11.0) == "off-column"
    assert _read_before_dash(doc, inner, "-", 11.0) is None
    right.source = "pdf"
    assert _read_before_dash(doc, right, "-", 11.0) is None
