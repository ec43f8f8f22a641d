"""Batch runs on real files: bundles of main document + appendices, cache, faulty workers.

Documents are real .docx files written by tests/batchkit.py and read by the real readers;
worker faults use the test-only ND30CHECK_TEST_FAULT hook in nd30check.batch (a worker
that hangs or is SIGKILLed), plus genuinely broken files and a genuinely exceeded time limit.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from batchkit import appendix_doc, broken_files, main_doc  # noqa: E402

from nd30check.batch import run_batch  # noqa: E402
from nd30check.bundles import appendix_base_name, find_bundles  # noqa: E402
from nd30check.cache import ResultCache, content_fingerprint, settings_key  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.progress import Progress  # noqa: E402
from nd30check.report.json import file_entry  # noqa: E402
from nd30check.report.words import Words  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402
from nd30check.summary import exit_code  # noqa: E402
from nd30check.walk import walk  # noqa: E402

WORDS = Words()


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _cfg(tmp_path: Path, **kw) -> Config:
    kw.setdefault("cache", False)
    kw.setdefault("jobs", 2)
    return Config(cache_dir=str(tmp_path / "cache"), **kw)


def _by_name(results) -> dict:
    return {Path(r.path).name: r for r in results}


@pytest.mark.parametrize("name, base", [
    ("45-KH-UBND_PL1.pdf", "45-kh-ubnd"),
    ("45-KH-UBND Phu luc 2.pdf", "45-kh-ubnd"),
    ("45-KH-UBND - PL I.docx", "45-kh-ubnd"),
    ("45-KH-UBND_Phụ lục II.pdf", "45-kh-ubnd"),
    ("PL1_45-KH-UBND.pdf", "45-kh-ubnd"),
    ("Phụ lục II - KH45.docx", "kh45"),
    ("45-KH-UBND.pdf", None),
    ("Phu luc.docx", None),
    ("bao cao apple.pdf", None),
])
def test_appendix_names(name, base):
    assert appendix_base_name(name) == base


def test_bundles_by_name_and_by_content(tmp_path, pack):
    d = tmp_path / "lo"
    main_doc(d / "45-KH-UBND.docx")
    appendix_doc(d / "45-KH-UBND_PL1.docx")  # by name
    appendix_doc(d / "danh-sach-don-vi.docx")  # by its (Kèm theo … số 45/KH-UBND …) line
    appendix_doc(d / "sai-ngay.docx", date=(11, 3, 2026))  # bundled, but names the wrong date
    appendix_doc(d / "mo-coi.docx", number="99/KH-UBND")  # main document not in the batch
    res = _by_name(run_batch([str(d)], _cfg(tmp_path), pack))
    main = res["45-KH-UBND.docx"]
    assert main.facts.number_symbol == "45/KH-UBND"
    assert main.statuses["BUNDLE-ORPHAN"] == "not-applicable"  # a main document naming no appendix
    for name in ("45-KH-UBND_PL1.docx", "danh-sach-don-vi.docx"):
        st = res[name].statuses
        assert st["BUNDLE-ORPHAN"] == "pass", name
        assert st["ND30-PL-REF"] == "pass", name
    wrong = res["sai-ngay.docx"]
    assert wrong.statuses["ND30-PL-REF"] == "fail"
    assert any("11/03/2026" in f.message for f in WORDS.findings(wrong) if f.rule == "ND30-PL-REF")
    orphan = res["mo-coi.docx"]
    assert orphan.statuses["BUNDLE-ORPHAN"] == "fail"
    assert orphan.statuses["ND30-PL-REF"] == "not-evaluated"  # nothing to compare with: never a pass
    assert "99/KH-UBND" in next(f.message for f in WORDS.findings(orphan) if f.rule == "BUNDLE-ORPHAN")
    mains, orphans = find_bundles(list(res.values()))
    assert {Path(a).name: Path(m.path).name for a, m in mains.items()} == {
        "45-KH-UBND_PL1.docx": "45-KH-UBND.docx", "danh-sach-don-vi.docx": "45-KH-UBND.docx",
        "sai-ngay.docx": "45-KH-UBND.docx"}
    assert [Path(o.path).name for o in orphans] == ["mo-coi.docx"]


def test_same_number_in_two_folders_prefers_own_folder_and_never_guesses(tmp_path, pack):
    main_doc(tmp_path / "xa-a" / "kh.docx")
    appendix_doc(tmp_path / "xa-a" / "pl.docx")
    main_doc(tmp_path / "xa-b" / "kh.docx")
    main_doc(tmp_path / "xa-c" / "kh1.docx", date=(1, 2, 2026))
    main_doc(tmp_path / "xa-c" / "kh2.docx", date=(2, 2, 2026))
    appendix_doc(tmp_path / "xa-d" / "pl.docx")  # two candidates elsewhere, same date: ambiguous
    results = run_batch([str(tmp_path)], _cfg(tmp_path), pack)
    mains, orphans = find_bundles(results)
    rel = {os.path.relpath(a, tmp_path): os.path.relpath(m.path, tmp_path) for a, m in mains.items()}
    assert rel == {"xa-a/pl.docx": "xa-a/kh.docx"}
    assert [os.path.relpath(o.path, tmp_path) for o in orphans] == ["xa-d/pl.docx"]


def test_broken_hanging_and_killed_files_do_not_stop_the_run(tmp_path, pack, monkeypatch):
    d = tmp_path / "lo"
    main_doc(d / "a-tot.docx")
    main_doc(d / "b-treo.docx", number="46")
    main_doc(d / "c-chet.docx", number="47")
    main_doc(d / "d-tot.docx", number="48")
    broken_files(d / "hong")
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", "hang:b-treo,kill:c-chet")
    t0 = time.monotonic()
    results = run_batch([str(d)], _cfg(tmp_path, timeout=3.0), pack)
    assert time.monotonic() - t0 < 30
    res = _by_name(results)
    assert sorted(res) == ["a-tot.docx", "b-treo.docx", "c-chet.docx", "cut.docx", "d-tot.docx", "empty.pdf", "hong.pdf"]
    assert res["b-treo.docx"].error["code"] == "timeout"
    assert res["c-chet.docx"].error["code"] == "crash" and "signal 9" in WORDS.error(res["c-chet.docx"])["message"]
    for name in ("cut.docx", "empty.pdf", "hong.pdf", "b-treo.docx", "c-chet.docx"):
        r = res[name]
        assert r.statuses["FILE-UNREADABLE"] == "fail"
        # every other rule is honestly not evaluated, never passed
        assert all(s == "not-evaluated" for k, s in r.statuses.items() if k != "FILE-UNREADABLE")
    for name in ("a-tot.docx", "d-tot.docx"):
        assert res[name].error is None and res[name].facts.number_symbol
    assert exit_code(results, "error") == 2


def test_time_limit_is_real_without_any_hook(tmp_path, pack):
    main_doc(tmp_path / "kh.docx")
    # far less time than reading a .docx takes: a genuine per-file timeout
    res = run_batch([str(tmp_path / "kh.docx")], _cfg(tmp_path, timeout=0.001, jobs=1), pack)
    assert res[0].error["code"] == "timeout"


def test_results_identical_with_one_or_two_workers(tmp_path, pack):
    for i in range(4):
        main_doc(tmp_path / f"kh{i}.docx", number=f"{40 + i}")
    appendix_doc(tmp_path / "kh1_PL1.docx", number="41/KH-UBND")
    one = run_batch([str(tmp_path)], _cfg(tmp_path, jobs=1), pack)
    two = run_batch([str(tmp_path)], _cfg(tmp_path, jobs=2), pack)
    assert [file_entry(r, WORDS) for r in one] == [file_entry(r, WORDS) for r in two]
    assert [Path(r.path).name for r in one] == sorted(Path(r.path).name for r in one)


def test_cache_rerun_only_hashes(tmp_path, pack, monkeypatch):
    d = tmp_path / "lo"
    main_doc(d / "45-KH-UBND.docx")
    appendix_doc(d / "45-KH-UBND_PL1.docx")
    cfg = _cfg(tmp_path, cache=True)
    first = run_batch([str(d)], cfg, pack)
    assert list((tmp_path / "cache").rglob("*.json"))
    # Any file actually checked again would now kill its worker: the cached run is untouched.
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", "kill:45-KH-UBND")
    again = run_batch([str(d)], cfg, pack)
    assert [file_entry(r, WORDS) for r in again] == [file_entry(r, WORDS) for r in first]
    # --no-cache really checks again
    fresh = run_batch([str(d)], _cfg(tmp_path, cache=False), pack)
    assert all(r.error and r.error["code"] == "crash" for r in fresh)
    # changed bytes: a miss
    main_doc(d / "45-KH-UBND.docx", number="46")
    changed = _by_name(run_batch([str(d)], cfg, pack))
    assert changed["45-KH-UBND.docx"].error["code"] == "crash"
    monkeypatch.delenv("ND30CHECK_TEST_FAULT")
    # crashes are not cached: the next run checks the file for real
    healed = _by_name(run_batch([str(d)], cfg, pack))
    assert healed["45-KH-UBND.docx"].facts.number_symbol == "46/KH-UBND"
    # the appendix now names a number its main document no longer has
    assert healed["45-KH-UBND_PL1.docx"].statuses["ND30-PL-REF"] == "fail"


def test_cache_key_follows_settings_and_trust_file_contents(tmp_path, pack):
    crl = tmp_path / "ca.crl"
    crl.write_bytes(b"one")
    base = Config(crl=[str(crl)])
    k1 = settings_key(base, pack.digest)
    assert settings_key(Config(crl=[str(crl)]), pack.digest) == k1
    assert settings_key(Config(crl=[str(crl)], profile="draft"), pack.digest) != k1
    assert settings_key(Config(crl=[str(crl)], ignore=["SIG"]), pack.digest) != k1
    assert settings_key(base, pack.digest, bundle={"number_symbol": "45/KH-UBND"}) != k1
    crl.write_bytes(b"two")
    content_fingerprint.cache_clear()
    assert settings_key(base, pack.digest) != k1
    cache = ResultCache(tmp_path / "c")
    assert cache.get("ab" * 32, k1) is None
    cache.put("ab" * 32, k1, {"x": 1})
    assert cache.get("ab" * 32, k1) == {"x": 1}
    (tmp_path / "c" / "ab" / f"{'ab' * 32}-{k1}.json").write_text("{broken", encoding="utf-8")
    assert cache.get("ab" * 32, k1) is None  # a damaged entry is a miss, not a crash


def test_walk_copes_with_ten_thousand_files(tmp_path):
    root = tmp_path / "kho"
    for i in range(100):
        sub = root / f"don-vi-{i:03d}"
        sub.mkdir(parents=True)
        for j in range(100):
            (sub / f"{j:03d}.pdf").touch()
        (sub / "~$000.docx").touch()
        (sub / "Thumbs.db").touch()
    t0 = time.monotonic()
    files = walk([str(root)])
    assert time.monotonic() - t0 < 5
    assert len(files) == 10_000
    assert files == sorted(files)
    assert walk([str(root)], exclude=["don-vi-00*/*"]) == [f for f in files if "/don-vi-00" not in f]


def test_progress_bar_only_when_asked(capsys):
    bar = Progress(3, enabled=True)
    for name in ("a.docx", "b.docx", "c.docx"):
        bar.step(name)
    bar.close()
    err = capsys.readouterr().err
    assert "3/3" in err and "ETA" in err
    quiet = Progress(3, enabled=None)  # pytest's stderr is not a terminal
    quiet.step("a.docx")
    quiet.close()
    assert capsys.readouterr().err == ""


def test_content_beats_file_name(tmp_path, pack):
    # a main document whose file name ends in "phu-luc" (it carries an appendix) stays a main document
    main_doc(tmp_path / "kh-45-kem-phu-luc.docx")
    appendix_doc(tmp_path / "danh-sach.docx")
    res = _by_name(run_batch([str(tmp_path)], _cfg(tmp_path), pack))
    assert res["kh-45-kem-phu-luc.docx"].statuses["BUNDLE-ORPHAN"] == "not-applicable"  # no orphan appendix
    assert res["danh-sach.docx"].statuses["BUNDLE-ORPHAN"] == "pass"
    assert res["danh-sach.docx"].statuses["ND30-PL-REF"] == "pass"


def _eat_memory(path: str, extra) -> dict:
    if path == "greedy":
        blob = bytearray(400 * 1024 * 1024)  # far more than the 150 MB allowed
        return {"size": len(blob)}
    return {"ok": path}


def test_memory_limit_is_per_file_on_top_of_what_the_worker_inherits():
    from nd30check.workers import run_parallel

    ballast = bytearray(300 * 1024 * 1024)  # the parent is big before forking (many results held)
    out = dict(run_parallel([(0, "a", None), (1, "greedy", None), (2, "b", None)], _eat_memory, jobs=1,
                            timeout=30, memory_mb=150))
    del ballast
    assert out[0] == {"ok": "a"} and out[2] == {"ok": "b"}  # the inherited 300 MB did not count
    assert out[1]["__error__"] == "too-large"


def test_appendix_of_an_unreadable_main_document_is_no_orphan(tmp_path, pack):
    (tmp_path / "45-KH-UBND.docx").write_bytes(b"PK\x03\x04 broken")
    appendix_doc(tmp_path / "45-KH-UBND_PL1.docx")
    res = _by_name(run_batch([str(tmp_path)], _cfg(tmp_path), pack))
    assert res["45-KH-UBND.docx"].error
    appx = res["45-KH-UBND_PL1.docx"]
    assert appx.statuses["BUNDLE-ORPHAN"] == "pass"
    assert appx.statuses["ND30-PL-REF"] == "not-evaluated"  # nothing known to compare with


def test_cache_prunes_entries_unused_for_long(tmp_path):
    cache = ResultCache(tmp_path / "c")
    cache.put("aa" * 32, "k1", {"x": 1})
    cache.put("bb" * 32, "k1", {"x": 2})
    old = time.time() - 200 * 86400
    os.utime(tmp_path / "c" / "aa" / f"{'aa' * 32}-k1.json", (old, old))
    assert cache.prune(max_age_days=90) == 1
    assert cache.get("aa" * 32, "k1") is None and cache.get("bb" * 32, "k1") == {"x": 2}
    os.utime(tmp_path / "c" / "bb" / f"{'bb' * 32}-k1.json", (old, old))
    assert cache.prune(max_age_days=90) == 0  # at most once a day
    assert cache.prune(max_age_days=90, now=time.time() + 2 * 86400) == 1
