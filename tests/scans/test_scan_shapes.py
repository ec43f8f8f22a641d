"""Paragraph shapes of re-scanned twins that the body rules judged falsely.

* Salt n, A5 defect twin: the A4 header runs past the A5 sheet's right side, so the scan's image
  edge cuts three header lines at one x. That x was taken for the text box's right edge: the
  body's justified lines looked 1.3 cm short of it, every line became a paragraph of its own,
  and continuation lines ("2026 đến ngày 20 tháng 6 …") failed BODY-INDENT and BODY-SPACING. A
  line's end at the image's side is the image's, not the text's. The same twin's "III." read
  "HI." made its heading a body line (judged as an indent).
* Salt l, compliant ĐA twin: "Phần I" read "Phần" (the "I" unread), so its title was labelled
  body and, a lone centred line, failed BODY-ALIGN.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_scans as M  # noqa: E402

from nd30check.check import _read_labelled  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.engine import run_rules  # noqa: E402
from nd30check.model import MM, Role  # noqa: E402
from nd30check.readers.ocr import available  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402
from nd30check.source import Source  # noqa: E402

pytestmark = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed "
                                "(sudo apt-get install tesseract-ocr tesseract-ocr-vie)")


def _labelled(tmp_path: Path, subset: str, stem: str, salt: str):
    pdf = M.rescan_sample(tmp_path, subset, stem, salt)
    doc, _, err = _read_labelled(Source.from_bytes(pdf.read_bytes(), str(pdf)))
    assert doc is not None, err
    config = Config(profile="draft")
    return doc, {r.rule: r.status for r in run_rules(doc, load_pack(config.rules), config)}


def test_an_a5_twin_cut_at_the_image_edge_keeps_its_column_and_paragraphs(tmp_path: Path) -> None:
    doc, st = _labelled(tmp_path, "defects", "ND30-PAGE-SIZE--a5", "n")
    body = [p for p in doc.paragraphs if p.role == Role.BODY and p.page == 1]
    width = doc.pages[0].width
    assert body and all(p.extra["column_box"][1] < width - 10 * MM for p in body), \
        [p.extra["column_box"] for p in body]
    first = next(p for p in body if "Thời gian ôn tập" in p.text)
    assert "2026 đến ngày 20 tháng 6" in first.text, first.text
    assert not any(p.text.lstrip().startswith("02 năm 2026") for p in body)
    heading = next(p for p in doc.paragraphs if "TỔ CHỨC THỰC HIỆN" in p.text)
    assert heading.role == Role.HEADING_ROMAN, (heading.text, heading.role)
    assert st["ND30-BODY-INDENT"] != "fail" and st["ND30-BODY-SPACING"] != "fail", st
    assert st["ND30-PAGE-SIZE"] == "fail"  # the sure defect stays


def test_a_part_heading_whose_numeral_went_unread_is_still_a_part_heading(tmp_path: Path) -> None:
    doc, st = _labelled(tmp_path, "compliant", "da-ubnd-du-lich-cong-dong-phan-i-ii", "l")
    phan = [p for p in doc.paragraphs if p.text.strip().startswith("Phần") and p.page == 1]
    assert phan and all(p.role == Role.HEADING_PHAN for p in phan), [(p.text, p.role) for p in phan]
    title = next(p for p in doc.paragraphs if p.text.startswith("SỰ CẦN THIẾT"))
    assert title.role == Role.HEADING_TITLE, title.role
    assert st["ND30-BODY-ALIGN"] != "fail", st["ND30-BODY-ALIGN"]
