"""The type code of a Số line on scans: judged on its letters' reading, never on a lost stem.

Two rescanned twins (the rescan profiles of salt c, made here from the samples): a compliant
TTr whose second "T" lost its bar ("TIr", every letter at 0.99) must not fail ND30-SO-TYPE; a
defect "KH" on a QĐ, whose word Tesseract reads at 0.86 (no dictionary holds "112/KH-UBND")
while its letters read at 0.99, must fail it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_scans as M  # noqa: E402
import scankit as K  # noqa: E402

from nd30check.checks.readings import STEM_CONF, code_letters_confidence, one_stem_off, type_code_confidence  # noqa: E402
from nd30check.model import Paragraph  # noqa: E402
from nd30check.readers.ocr import available  # noqa: E402

needs_ocr = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed "
                               "(sudo apt-get install tesseract-ocr tesseract-ocr-vie)")


def test_one_stem_off() -> None:
    assert one_stem_off("TIr", "TTr") and one_stem_off("Tlr", "TTr") and one_stem_off("TTIr", "TTr")
    assert one_stem_off("Tr", "TTr")  # a stem dropped
    assert not one_stem_off("KH", "QĐ") and not one_stem_off("BC", "TTr") and not one_stem_off("TB", "TTr")
    assert not one_stem_off("QD", "QĐ") and not one_stem_off("TTr", "TTr")
    assert not one_stem_off("Ttr", "TTr")  # a case difference is no lost stem (its own key)


def test_confidence_of_a_type_code() -> None:
    p = Paragraph(index=0)
    assert type_code_confidence(p, "KH", "QĐ", 0.86) == 0.86  # exact text: as given
    p.source = "ocr"
    p.extra["word_confidences"] = [("Số:", 0.93), ("112/KH-UBND", 0.86)]
    assert type_code_confidence(p, "KH", "QĐ", 0.86) == 0.86  # no letters (hOCR fallback): the word's
    p.extra["letter_confidences"] = [("112/KH-UBND", tuple((c, 0.99 if c in "KH" else 0.7) for c in "112/KH-UBND"))]
    assert code_letters_confidence(p, "KH") == 0.99
    assert type_code_confidence(p, "KH", "QĐ", 0.86) == 0.99
    assert type_code_confidence(p, "TIr", "TTr", 0.95) == STEM_CONF


def _twin(stem: str, subset: str, salt: str, out: Path) -> Path:
    import pypdfium2 as pdfium

    src = M.SAMPLES / subset / f"{stem}.pdf"
    pdf = pdfium.PdfDocument(str(src))
    prof = M.profile(f"{src.stem}#{salt}", len(pdf))
    pages = []
    for i, (kind, w, h, data) in enumerate(M.degrade(src, prof)):
        pw, ph = pdf[i].get_size()
        pages.append((kind, w, h, data, pw, ph, prof["colour"]))
    path = out / f"{stem}-{salt}.pdf"
    path.write_bytes(M.image_pdf(pages))
    return path


def _so_type(path: Path) -> tuple[str, list]:
    res = K.run([str(path)], None, jobs=1)[str(path)]
    status = next(r.status for r in res.results if r.rule == "ND30-SO-TYPE")
    return status, [f for f in res.findings if f.rule == "ND30-SO-TYPE" and not f.note]


@needs_ocr
def test_type_code_on_rescanned_twins(tmp_path: Path) -> None:
    status, failing = _so_type(_twin("ttr-phong-vhxh-de-nghi-kinh-phi", "compliant", "c", tmp_path))
    assert status != "fail" and not failing, [K.message(f) for f in failing]
    status, failing = _so_type(_twin("ND30-SO-TYPE--kh-on-quyet-dinh", "defects", "c", tmp_path))
    assert status == "fail" and failing
