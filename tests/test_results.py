"""The results model, sources and executors (issue 10 part B), on real sample files.

* a result holds keys and values, no words: the cache made by a ``--lang vi`` run serves a
  ``--lang en`` run in English, without checking anything again;
* results survive serialisation (worker → parent, the cache, the audit database) word for word;
* a file is read once into a Source; bytes and paths give the same result;
* executors are interchangeable: in-process and worker processes give identical reports, a
  worker with another rule pack refuses to check;
* the RunResult carries bundles, per-unit figures and the summary the reports read.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from nd30check.batch import run_batch  # noqa: E402
from nd30check.check import check_path, check_source  # noqa: E402
from nd30check.cli import main  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.executor import InlineExecutor, Job, LocalProcessExecutor, Task, run_task  # noqa: E402
from nd30check.inputs import read_source  # noqa: E402
from nd30check.report import render_report  # noqa: E402
from nd30check.report.json import file_entry  # noqa: E402
from nd30check.report.words import Words  # noqa: E402
from nd30check.results import RunResult  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402
from nd30check.serialize import result_from_dict, result_to_dict  # noqa: E402
from nd30check.source import Source  # noqa: E402
from nd30check.words import Message, Phrase, Quantity, Term, from_data, to_data  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DEFECT = SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx"
BROKEN = SAMPLES / "defects" / "FILE-UNREADABLE--truncated-zip.docx"
MAIN = SAMPLES / "compliant" / "kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc.docx"
APPENDIX = SAMPLES / "compliant" / "pl-rieng-kh05-phu-luc-ii.docx"
NOW = "2026-06-01T00:00:00+07:00"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "lo"
    d.mkdir()
    for p in (DEFECT, BROKEN, SAMPLES / "compliant" / "cv-ubnd-mot-noi-nhan-2-trang.docx"):
        shutil.copy(p, d / p.name)
    return d


def _cli(*args: str) -> str:
    r = CliRunner().invoke(main, ["check", "--no-progress", "--now", NOW, *args], catch_exceptions=False)
    assert r.exit_code in (0, 1, 2), r.output
    return r.output


def test_the_language_is_not_a_cache_key(folder: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    vi = _cli("--lang", "vi", str(folder))
    assert "Cỡ chữ" in vi and "KHÔNG ĐẠT" in vi
    stored = list((tmp_path / "cache").rglob("*.json"))
    assert len(stored) == 3
    # no stored result carries a sentence: the findings are keys and values
    assert not any("Cỡ chữ" in p.read_text(encoding="utf-8") for p in stored)
    # a file checked again now would kill its worker: the English run must come from the cache
    monkeypatch.setenv("ND30CHECK_TEST_FAULT", f"kill:{folder.name}")
    en = _cli("--lang", "en", str(folder))
    assert "Text size" in en and "NON-COMPLIANT" in en and "Cỡ chữ" not in en
    assert "The process checking the file stopped" not in en  # nothing crashed: nothing was checked
    monkeypatch.delenv("ND30CHECK_TEST_FAULT")
    fresh = _cli("--lang", "en", "--no-cache", str(folder))
    assert en == fresh
    assert _cli("--lang", "en", "--format", "json", str(folder)) == _cli("--lang", "en", "--format", "json", "--no-cache",
                                                                           str(folder))


def test_words_and_results_survive_serialisation() -> None:
    word = Phrase([Term("bold"), Message("size", count=3), {"vi": "1,5 cm", "en": "1.5 cm"}, 12,
                   Quantity("13–14", 13, 14, "pt")], Term("comma"))
    assert from_data(json.loads(json.dumps(to_data(word)))) == word
    pack = load_pack()
    for path in (DEFECT, BROKEN, MAIN):
        res = check_path(path, Config(now=NOW), pack)
        back = result_from_dict(json.loads(json.dumps(result_to_dict(res), ensure_ascii=False)))
        for lang in ("vi", "en"):
            words = Words(pack, lang)
            assert file_entry(back, words) == file_entry(res, words)
            assert [words.reasons(r) for r in back.results] == [words.reasons(r) for r in res.results]
        assert back.digest == res.digest == read_source(str(path)).digest
        if path == DEFECT:  # the expected size is shown "13–14" and keeps its numbers for fix and databases
            (size,) = [f for f in back.findings if f.rule == "ND30-BODY-SIZE"][:1]
            assert isinstance(size.expected, Quantity) and size.expected == "13–14"
            assert (size.expected.lo, size.expected.hi, size.expected.unit) == (13.0, 14.0, "pt")


def test_a_source_from_bytes_checks_like_the_file(tmp_path: Path) -> None:
    pack, cfg = load_pack(), Config(now=NOW)
    src = read_source(str(DEFECT))
    assert src.kind is None and src.size == DEFECT.stat().st_size
    by_path = check_path(DEFECT, cfg, pack)
    by_bytes = check_source(Source.from_bytes(DEFECT.read_bytes(), str(DEFECT)), cfg, pack)
    assert file_entry(by_bytes, Words(pack)) == file_entry(by_path, Words(pack))
    read = check_source(src, cfg, pack)
    assert src.kind == "docx" and read.digest == src.digest  # the reader sniffed it from the bytes
    # a task carrying bytes (an upload, a Dask task) needs no file at all
    job = Job(cfg, pack.digest)
    out = run_task(job, Task(0, "tải-lên.docx", data=DEFECT.read_bytes()))
    assert result_from_dict(out).statuses == by_path.statuses


def test_executors_are_interchangeable() -> None:
    pack = load_pack()
    cfg = Config(now=NOW, cache=False, jobs=2)
    paths = [str(SAMPLES / "compliant"), str(BROKEN)]
    inline = run_batch(paths, cfg, pack, progress=False, executor=InlineExecutor())
    local = run_batch(paths, cfg, pack, progress=False, executor=LocalProcessExecutor(jobs=2, timeout=120))
    for fmt in ("json", "text"):
        assert render_report(fmt, inline, cfg, pack) == render_report(fmt, local, cfg, pack)


def test_a_worker_with_another_rule_pack_refuses(tmp_path: Path) -> None:
    from nd30check import executor

    cfg = Config(now=NOW)
    job = Job(cfg, "0" * 16)  # not the digest of the pack this worker would load
    executor._PACKS.pop(job.pack_digest, None)
    (out,) = InlineExecutor().run(job, [Task(0, str(DEFECT))])
    assert out.result is None and out.error == "crash" and "rule pack" in out.detail


def test_the_run_result_carries_bundles_units_and_summary(tmp_path: Path) -> None:
    shutil.copy(MAIN, tmp_path / MAIN.name)
    shutil.copy(APPENDIX, tmp_path / APPENDIX.name)
    pack, cfg = load_pack(), Config(now=NOW, cache=False, jobs=1)
    progress: list[tuple[int, int, str]] = []
    run = run_batch([str(tmp_path)], cfg, pack, progress=lambda done, total, name: progress.append((done, total, name)))
    assert isinstance(run, RunResult) and len(run) == 2
    assert [(d, t) for d, t, _n in progress] == [(1, 2), (2, 2)]  # the callback saw every file of the first pass
    assert run.bundles == {str(tmp_path / APPENDIX.name): str(tmp_path / MAIN.name)}
    appendix = next(r for r in run if r.path.endswith(APPENDIX.name))
    assert appendix.is_appendix and appendix.appendix_of == str(tmp_path / MAIN.name)
    (unit,) = run.units
    assert unit.documents == 1 and unit.appendices == 1
    s = run.summary
    assert s["files"] == 2 and s["compliant"] + s["non_compliant"] + s["incomplete"] == 2
    doc = json.loads(render_report("json", run, cfg, pack))
    assert doc["files"][1]["appendix_of"] == str(tmp_path / MAIN.name) and doc["summary"] == run.summary


def test_an_unreadable_file_keeps_its_message_when_a_baseline_hides_its_finding(tmp_path: Path) -> None:
    from nd30check.baseline import apply_baseline, write_baseline

    pack, cfg = load_pack(), Config(now=NOW, cache=False, jobs=1)
    shutil.copy(BROKEN, tmp_path / BROKEN.name)
    run = run_batch([str(tmp_path)], cfg, pack, progress=False, executor=InlineExecutor())
    words = Words(pack)
    before = words.error(run[0])
    assert before["code"] and "Cách sửa" in before["message"]
    write_baseline(str(tmp_path / "moc.json"), run, words)
    hidden = apply_baseline(str(tmp_path / "moc.json"), run, words)
    assert not hidden[0].findings and words.error(hidden[0]) == before
    assert json.loads(render_report("json", hidden, cfg, pack))["files"][0]["error"] == before
    assert "file" in Words(pack, "en").error(hidden[0])["message"].lower()
