"""Facts read from scans feed what already exists (issue 11, item 3): a scanned appendix finds
its scanned main document by the "(Kèm theo … số …)" line read from the image, the audit
counts scanned documents' numbers, and every fact read from an image says so — with how sure
its reading is — so that a misread digit never makes a duplicate number an error.

Real OCR on the committed scan twins (tests/scans/files), through the batch with the result
cache in pytest's cache folder (shared with test_scans.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from nd30check.audit import run_audit  # noqa: E402
from nd30check.batch import run_batch  # noqa: E402
from nd30check.checks.audit import number_duplicates  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.readers.ocr import available  # noqa: E402
from nd30check.report.json import build  # noqa: E402
from nd30check.report.words import Words  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402

needs_ocr = pytest.mark.skipif(available() is None, reason="Tesseract with the Vietnamese model is not installed "
                               "(sudo apt-get install tesseract-ocr tesseract-ocr-vie)")

FILES = HERE / "files"
MAIN = "compliant--kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc--scan.pdf"
APPENDICES = ["compliant--pl-rieng-kh05-phu-luc-ii--scan.pdf", "compliant--pl-rieng-kh05-phu-luc-iii-ngang--scan.pdf"]
SAME_NUMBER = ["compliant--tb-ubnd-ket-luan-chu-tich--scan.pdf",
               "compliant--tb-ubnd-ket-luan-chu-tich-unicode-to-hop--scan.pdf"]


def _config(request) -> Config:
    cache = getattr(request.config, "cache", None)
    folder = str(cache.mkdir("nd30check-scans")) if cache is not None else None
    return Config(profile="draft", now="2026-12-01T00:00:00+07:00", jobs=2, cache=folder is not None,
                  cache_dir=folder, timeout=300.0)


@needs_ocr
def test_scanned_appendix_joins_its_scanned_main_document_by_the_line_read(request, tmp_path: Path) -> None:
    # neutral names: only the "(Kèm theo Kế hoạch số 05/KH-UBND …)" line read from the image can match them
    for k, name in enumerate([MAIN, *APPENDICES]):
        shutil.copy(FILES / name, tmp_path / f"{'abc'[k]}.pdf")
    run = run_batch([str(tmp_path)], _config(request), load_pack())
    by = {Path(r.path).name: r for r in run.files}
    assert by["a.pdf"].facts.number_symbol == "05/KH-UBND"
    for name in ("b.pdf", "c.pdf"):
        r = by[name]
        assert r.facts.is_appendix and r.facts.appendix_ref, name
        # a letter of the symbol may be misread ("05/KH-DBND"): the number and date still tell
        assert r.facts.appendix_ref["number_symbol"].startswith("05/KH-"), r.facts.appendix_ref
        assert r.facts.appendix_ref["date"] == "2026-05-08" and "appendix_ref" in r.facts.confidence
        assert r.appendix_of == str(tmp_path / "a.pdf"), name
        assert r.statuses.get("BUNDLE-ORPHAN") != "fail", name


@needs_ocr
def test_json_says_which_facts_were_read_from_an_image(request) -> None:
    text_pdf = Path(__file__).resolve().parents[2] / "samples" / "pdf" / "compliant"
    paths = [str(FILES / SAME_NUMBER[0])] + [str(p) for p in sorted(text_pdf.glob("tb-ubnd-ket-luan-chu-tich.pdf"))]
    data = build(run_batch(paths, _config(request), load_pack()), Words())
    docs = {Path(f["path"]).name: f["document"] for f in data["files"]}
    scan = docs[SAME_NUMBER[0]]
    assert scan["source"] == "ocr"
    assert set(scan["confidence"]) >= {"number", "date", "agency"}
    assert all(0 <= v <= 1 for v in scan["confidence"].values())
    for name, doc in docs.items():
        if name != SAME_NUMBER[0]:
            assert "source" not in doc and "confidence" not in doc, name  # read exactly: nothing to say


@needs_ocr
def test_audit_counts_scanned_numbers_and_a_doubtful_one_is_never_an_error(request, tmp_path: Path) -> None:
    for name in SAME_NUMBER:
        shutil.copy(FILES / name, tmp_path / name)
    pack = load_pack()
    cfg = _config(request)
    run = run_audit([str(tmp_path)], cfg, pack)
    assert all(r.facts.number_symbol == "20/TB-UBND" for r in run.files)
    dups = [f for f in run.audit.findings if f.rule == "AUDIT-NUMBER-DUP"]
    assert len(dups) == 1 and sorted(Path(p).name for p in dups[0].files) == sorted(SAME_NUMBER)
    floor = pack.min_confidence(pack.get("AUDIT-NUMBER-DUP"))
    unsure = any(r.facts.doubtful(k, floor) for r in run.files for k in ("number", "date", "agency"))
    if unsure:  # a digit read at low confidence may be a misreading: compare with the originals
        assert dups[0].finding.severity == "info" and dups[0].finding.note
        assert dups[0].finding.key == "ocr_reading"
        assert run.audit.statuses["AUDIT-NUMBER-DUP"] == "not-evaluated"
    else:
        assert dups[0].finding.severity == "error"
        assert run.audit.statuses["AUDIT-NUMBER-DUP"] == "fail"


def test_duplicate_with_a_doubtful_reading_is_a_note_and_a_sure_one_fails() -> None:
    series = {("ubnd xa a", "2026"): {20: ["a.pdf", "b.pdf"]}, ("ubnd xa b", "2026"): {7: ["c.pdf"], 8: ["d.pdf"]}}
    names = {"ubnd xa a": "UBND XÃ A", "ubnd xa b": "UBND XÃ B"}
    status, items = number_duplicates(series, names)
    assert status == "fail" and len(items) == 1 and not items[0].finding.note
    status, items = number_duplicates(series, names, doubtful={"b.pdf"})
    assert status == "not-evaluated" and items[0].finding.note and items[0].finding.key == "ocr_reading"
    series[("ubnd xa b", "2026")][8].append("e.pdf")  # a sure duplicate elsewhere still fails the rule
    status, items = number_duplicates(series, names, doubtful={"b.pdf"})
    assert status == "fail" and [i.finding.note for i in items] == [True, False]


def _result(path: str, **facts) -> object:
    from nd30check.model import Facts
    from nd30check.results import FileResult

    return FileResult(path=path, kind="pdf", facts=Facts(**facts))


def test_one_letter_apart_matches_only_a_reading_from_an_image() -> None:
    from nd30check.bundles import find_bundles

    main = _result("/d/kh.pdf", number="05", symbol="KH-UBND", number_symbol="05/KH-UBND", date="2026-05-08",
                   type_name="KẾ HOẠCH")
    ref = {"type": "Kế hoạch", "number_symbol": "05/KH-DBND", "date": "2026-05-08"}
    read = _result("/d/a.pdf", is_appendix=True, appendix_ref=ref, confidence={"appendix_ref": 0.88})
    typed = _result("/d/b.pdf", is_appendix=True, appendix_ref=ref)
    other_day = _result("/d/c.pdf", is_appendix=True, appendix_ref={**ref, "date": "2026-05-09"},
                        confidence={"appendix_ref": 0.88})
    mains, orphans = find_bundles([main, read, typed, other_day])
    assert mains == {"/d/a.pdf": main}  # a typed "DBND" is what the file says: no guess
    assert sorted(o.path for o in orphans) == ["/d/b.pdf", "/d/c.pdf"]


@needs_ocr
def test_audit_database_judges_a_scanned_duplicate_as_the_audit_does(request, tmp_path: Path) -> None:
    """The history database computes AUDIT-NUMBER-DUP in SQL: the same doubtful-reading rule."""
    import json
    import subprocess

    folder = tmp_path / "van-ban"
    folder.mkdir()
    for name in SAME_NUMBER:
        shutil.copy(FILES / name, folder / name)
    db = tmp_path / "history.sqlite"
    cfg = _config(request)
    run = run_audit([str(folder)], cfg, load_pack())
    want = [(f.rule, f.finding.severity) for f in run.audit.findings if f.rule == "AUDIT-NUMBER-DUP"]
    done = subprocess.run([sys.executable, "-m", "nd30check", "audit", str(folder), "--profile", "draft", "--db", str(db),
                           "--now", cfg.now], capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    rep = subprocess.run([sys.executable, "-m", "nd30check", "audit", "--db", str(db), "--report", "--format", "json"],
                         capture_output=True, text=True, timeout=120)
    got = [(f["rule"], f["severity"]) for f in json.loads(rep.stdout)["audit_findings"] if f["rule"] == "AUDIT-NUMBER-DUP"]
    assert got == want and len(got) == 1
