"""OCR of scans, for real: the committed scan corpus against its text twins, the real scans'
header facts, and what happens without Tesseract (tests/scans/README in make_scans.py).

The corpus run goes through ``batch`` (workers, result cache by content hash) with the cache
in pytest's cache folder: the first run recognises ~70 pages (about a minute on two cores),
later runs only hash the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scankit as K  # noqa: E402

from nd30check.readers.ocr import available  # noqa: E402
from nd30check.report.words import Words  # noqa: E402

needs_ocr = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed "
                               "(sudo apt-get install tesseract-ocr tesseract-ocr-vie)")

#: measured on this corpus (see the closing note of issue 11); the test keeps them from sliding
RECALL_FLOOR = 0.92
PRECISION_FLOOR = 0.80


def _cache(request) -> str | None:
    cache = getattr(request.config, "cache", None)
    return str(cache.mkdir("nd30check-scans")) if cache is not None else None


@pytest.fixture(scope="session")
def corpus_results(request) -> dict:
    lab = K.labels()
    paths = [str(K.ROOT / e["path"]) for e in lab["files"]] + [str(K.ROOT / e["source"]) for e in lab["files"]]
    return K.run(paths, _cache(request), jobs=2)


def test_corpus_files_are_the_labelled_ones() -> None:
    for e in K.labels()["files"]:
        data = (K.ROOT / e["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e["sha256"], e["path"]
        assert b"/Font" not in data, "a scan twin must be image-only"
    total = sum((K.ROOT / e["path"]).stat().st_size for e in K.labels()["files"])
    assert total < 8_000_000


@needs_ocr
def test_scan_twins_fail_what_their_text_pdfs_fail(corpus_results) -> None:
    sc = K.score(corpus_results)
    msg = "\n".join(["missed:"] + sc.fn + ["extra:"] + sc.fp)
    print(f"recall {sc.recall:.2f} precision {sc.precision:.2f}\n{msg}")
    assert sc.recall >= RECALL_FLOOR, msg
    assert sc.precision >= PRECISION_FLOOR, msg


@needs_ocr
def test_scan_twins_are_read_through_ocr_with_provenance(corpus_results) -> None:
    for e in K.labels()["files"]:
        res = corpus_results[str(K.ROOT / e["path"])]
        st = res.statuses
        assert st["FILE-NO-TEXT"] == "fail", e["path"]
        no_text = [f for f in res.findings if f.rule == "FILE-NO-TEXT"]
        assert no_text and all(f.severity == "info" for f in no_text), e["path"]
        # what a scan cannot measure is honestly not-evaluated
        assert st.get("ND30-FONT") == "not-evaluated" and st.get("ND30-COLOR") == "not-evaluated", e["path"]
        for f in res.findings:
            if f.rule.startswith("ND30-") and f.paragraph is not None:
                d = Words().finding(f).to_json()
                assert d["source"] == "ocr" and "confidence" in d, (e["path"], d)
                assert d["message"].endswith("(nhận dạng từ ảnh quét)")
                if f.severity in ("error", "warning") and not f.note:
                    assert (d["confidence"] or 0) >= 0.90, d


@needs_ocr
def test_unanswerable_defect_is_not_evaluated(corpus_results) -> None:
    """12 pt body text against 13–14 pt is inside the scan chain's scale: never a failure."""
    e = next(e for e in K.labels()["files"] if not e["answerable"] and "--ND30-BODY-SIZE--12pt--" in e["path"])
    st = corpus_results[str(K.ROOT / e["path"])].statuses
    assert st["ND30-BODY-SIZE"] in ("not-evaluated", "pass"), st["ND30-BODY-SIZE"]


@needs_ocr
def test_bold_quoc_hieu_is_measured_from_the_strokes(corpus_results) -> None:
    """Bold from stroke thickness on an 8-word line is reliable: the twin of the not-bold quốc
    hiệu fails ND30-QH-STYLE as its text PDF does, and no compliant twin does."""
    lab = K.labels()["files"]
    e = next(e for e in lab if "--ND30-QH-STYLE--not-bold--" in e["path"])
    assert corpus_results[str(K.ROOT / e["path"])].statuses["ND30-QH-STYLE"] == "fail"
    assert corpus_results[str(K.ROOT / e["source"])].statuses["ND30-QH-STYLE"] == "fail"
    for c in (e for e in lab if e["subset"] == "compliant"):
        assert corpus_results[str(K.ROOT / c["path"])].statuses["ND30-QH-STYLE"] != "fail", c["path"]


@needs_ocr
def test_compliant_twins_have_no_error_or_warning_finding(corpus_results) -> None:
    sc = K.score(corpus_results)
    print("\n".join(sc.compliant_findings))
    # a short wrapped line Tesseract's page layout drops ("xã.") is read again on its own
    # (readers/ocr/lost.py); a mark under a line's baseline is not taken into that line
    # (page._below_its_line); the "(b/c);" dropped after a Nơi nhận item is unread ink at the
    # line's end: a note (page._unread_tail)
    assert not sc.compliant_findings, sc.compliant_findings


REAL = json.loads((HERE / "real_scans.json").read_text("utf-8"))["scan_facts"]


@pytest.fixture(scope="session")
def real_results(request) -> dict:
    if not K.REAL.exists():
        pytest.skip("tests/real/files missing")
    return K.run([str(K.REAL / n) for n in REAL], _cache(request), jobs=2)


@needs_ocr
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_scan_agency_is_read_and_facts_are_never_wrong(real_results, name) -> None:
    res = real_results[str(K.REAL / name)]
    want = REAL[name]
    from nd30check.signatures.names import fold

    assert res.facts.agency is not None and fold(want["agency"]) in fold(res.facts.agency), (res.facts.agency, want)
    # handwritten numbers and days (readers/ocr/slots.py): read, or honestly blank, never wrong
    assert res.facts.number_symbol in (None, want["number"]), (res.facts.number_symbol, want["number"])
    assert res.facts.date in (None, want["date"]), (res.facts.date, want["date"])


#: handwritten header fields (number, date) of the six real scans read right today (of 12):
#: all (CT11's number since its "Số:", glued by Tesseract into the pen digits and dropped, is
#: read again from the typed line with the pen ink painted out: slots._label_from_ink)
REAL_FIELDS_RIGHT = 12


@needs_ocr
def test_real_scans_handwritten_fields_are_read(real_results) -> None:
    right = []
    for name, want in REAL.items():
        f = real_results[str(K.REAL / name)].facts
        right += [f"{name}: number"] * (f.number_symbol == want["number"]) + [f"{name}: date"] * (f.date == want["date"])
    print("\n".join(right))
    assert len(right) >= REAL_FIELDS_RIGHT, right


@needs_ocr
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_scan_gets_no_error_from_its_reading(real_results, name) -> None:
    """A real scan is an issued document: nothing read from its image may fail it with an
    error (a size, a date line, a misread word), and a signature verdict fed by OCR facts
    (SIG-AGENCY-MATCH, SIG-SIGNER-MATCH) never fails it from a misreading. Guards the class
    of the hidden real scans, not these six files."""
    res = real_results[str(K.REAL / name)]
    bad = [f"{f.rule}: {K.message(f)}" for f in res.findings
           if f.severity == "error" and not f.note
           and (Words().finding(f).to_json().get("source") == "ocr" or f.rule in ("SIG-AGENCY-MATCH", "SIG-SIGNER-MATCH"))]
    assert not bad, bad


def _scan() -> str:
    return str(K.ROOT / "samples" / "pdf" / "defects" / "FILE-NO-TEXT--scanned-cong-van.pdf")


def test_without_tesseract_file_no_text_says_how_to_install(tmp_path: Path) -> None:
    """A real run with tesseract hidden from PATH (no mock): FILE-NO-TEXT with the hint."""
    exe = shutil.which("nd30check")
    if exe is None:
        pytest.skip("nd30check is not installed in this environment")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    os.symlink(sys.executable, bindir / "python3")
    env = dict(os.environ, PATH=str(bindir), ND30CHECK_TESSERACT="tesseract")
    out = subprocess.run([exe, "check", _scan(), "--no-cache", "--format", "json"],
                         capture_output=True, text=True, env=env, timeout=120)
    data = json.loads(out.stdout)
    f = next(f for f in data["files"][0]["findings"] if f["rule"] == "FILE-NO-TEXT")
    assert f["severity"] == "warning"
    assert "sudo apt-get install tesseract-ocr tesseract-ocr-vie" in f["message"]
    assert data["files"][0]["rules"]["ND30-QH-TEXT"] == "not-evaluated"


def test_no_ocr_switch_turns_ocr_off(tmp_path: Path) -> None:
    exe = shutil.which("nd30check")
    if exe is None:
        pytest.skip("nd30check is not installed in this environment")
    out = subprocess.run([exe, "check", _scan(), "--no-cache", "--no-ocr", "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    data = json.loads(out.stdout)
    f = next(f for f in data["files"][0]["findings"] if f["rule"] == "FILE-NO-TEXT")
    assert "--no-ocr" in f["message"] and f["severity"] == "warning"
