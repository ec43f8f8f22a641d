"""Report formats on one real batch: SARIF against the OASIS schema, JUnit through XML
parsers, CSV through the csv module, a self-contained printable HTML, JSON, text.

The batch: a main document with a separate appendix (python-docx, tests/batchkit.py), a
PDF signed by the official and the agency with the test PKI (tests/pki.py), and broken files.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from batchkit import appendix_doc, broken_files, main_doc  # noqa: E402
from conftest import SHARED  # noqa: E402

from nd30check.batch import run_batch  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.report import render_report  # noqa: E402
from nd30check.report.atomic import write_atomic  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    from pki import get_pki, official_then_agency

    root = tmp_path_factory.mktemp("reports")
    folder = root / "Văn bản đi"  # spaces and Vietnamese letters in paths
    main_doc(folder / "45-KH-UBND.docx")
    appendix_doc(folder / "45-KH-UBND_PL1.docx")
    appendix_doc(folder / "sai <ngày>.docx", date=(11, 3, 2026))  # HTML must escape the name
    broken_files(folder / "hỏng")
    pki = get_pki(root / "pki")
    (folder / "ky-so.pdf").write_bytes(official_then_agency(pki))
    cfg = Config(jobs=2, cache=False, trust=[pki.files["root"]], trust_only=True, crl=[pki.files["crl"], pki.files["root_crl"]])
    pack = load_pack()
    results = run_batch([str(folder)], cfg, pack)
    return results, cfg, pack


def _render(batch, fmt: str) -> str:
    results, cfg, pack = batch
    return render_report(fmt, results, cfg, pack)


def test_batch_has_what_the_reports_need(batch):
    results, _, _ = batch
    names = [Path(r.path).name for r in results]
    assert names == sorted(names) and len(names) == 7
    assert sum(1 for r in results if r.error) == 3
    signed = next(r for r in results if r.path.endswith("ky-so.pdf"))
    assert len(signed.signatures.signatures) == 2
    assert any(f.rule == "ND30-PL-REF" for r in results for f in r.findings)


def test_sarif_validates_and_carries_rule_metadata(batch):
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    doc = json.loads(_render(batch, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"FILE-UNREADABLE", "ND30-PL-REF"} <= set(rules)
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results, _, _ = batch
    assert len(run["results"]) == sum(len(r.findings) for r in results)
    for res in run["results"]:
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("file:///") and " " not in uri
    assert any("V%C4%83n%20b%E1%BA%A3n" in a["location"]["uri"] for a in run["artifacts"])


def test_junit_loads_one_case_per_file(batch):
    results, _, _ = batch
    text = _render(batch, "junit")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(results) == int(suite.get("tests"))
    by_name = {c.get("name"): c for c in cases}
    assert by_name["hong.pdf"].find("error") is not None
    failure = by_name["sai <ngày>.docx"].find("failure")
    assert failure is not None and "ND30-PL-REF" in failure.text
    assert int(suite.get("errors")) == 3
    assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    junitparser = pytest.importorskip("junitparser")
    xml = junitparser.JUnitXml.fromstring(text.encode("utf-8"))
    assert sum(len(list(s)) for s in xml) == len(results)


def test_csv_one_row_per_finding(batch):
    results, _, _ = batch
    text = _render(batch, "csv")
    assert text.startswith("\ufeff")  # Excel opens UTF-8 Vietnamese correctly
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0])[:5] == ["Tệp", "Kết quả", "Thể thức", "Chữ ký số", "Quy tắc"]  # Vietnamese headers
    assert len(rows) == sum(len(r.findings) for r in results)
    assert {r["Kết quả"] for r in rows if r["Quy tắc"] == "FILE-UNREADABLE"} == {"KHÔNG ĐỌC ĐƯỢC"}
    ref = next(r for r in rows if r["Quy tắc"] == "ND30-PL-REF")
    assert ref["Tệp"].endswith("sai <ngày>.docx") and ref["Đoạn"] and ref["Mức độ"] == "lỗi"
    from nd30check.report.labels import verdict_label

    by_path = {r.path: r for r in results}
    for row in rows:  # both verdicts on every row, as the file's
        r = by_path[row["Tệp"]]
        if not r.error:
            assert (row["Thể thức"], row["Chữ ký số"]) == tuple(verdict_label(r.verdicts[g], "vi") for g in ("format", "signature"))
    signed = next(row for row in rows if row["Tệp"].endswith("ky-so.pdf"))
    unsigned = next(row for row in rows if row["Tệp"].endswith("sai <ngày>.docx"))
    assert signed["Chữ ký số"] != unsigned["Chữ ký số"] == "KHÔNG ĐẠT"  # the stub PDF's names cannot be matched


def test_html_self_contained_printable_vietnamese(batch):
    html = _render(batch, "html")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="vi">' in html
    # no external assets at all
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", html, re.I)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "size: A4" in html and "@media print" in html
    # summary first, then per unit, then files
    order = [html.index(x) for x in ("Tổng hợp", "Theo đơn vị ban hành", "Danh sách tệp", "Chi tiết từng tệp")]
    assert order == sorted(order)
    assert "Văn bản có chữ ký số hợp lệ của cơ quan" in html
    assert 'id="f-rule"' in html and 'class="f-sev"' in html  # filters by rule and severity
    assert "sai &lt;ngày&gt;.docx" in html and "sai <ngày>" not in html
    assert "Phụ lục của: 45-KH-UBND.docx" in html
    assert "KHÔNG ĐỌC ĐƯỢC" in html
    assert "Nguyễn Văn An" in html  # signer shown with the signature


def test_html_english(batch):
    results, cfg, pack = batch
    en = Config(**{**cfg.__dict__, "lang": "en"})
    html = render_report("html", results, en, pack)
    assert '<html lang="en">' in html and "Summary" in html


def test_json_contract(batch):
    results, _, _ = batch
    doc = json.loads(_render(batch, "json"))
    assert doc["version"] == 1 and doc["tool"]["name"] == "nd30check"
    assert [f["path"] for f in doc["files"]] == [r.path for r in results]
    appx = {Path(f["path"]).name: Path(f["appendix_of"]).name for f in doc["files"] if "appendix_of" in f}
    assert appx == {"45-KH-UBND_PL1.docx": "45-KH-UBND.docx", "sai <ngày>.docx": "45-KH-UBND.docx"}
    s = doc["summary"]
    assert s["files"] == 7 and s["unreadable"] == 3 and s["exit_code"] == 2
    assert s["compliant"] + s["non_compliant"] + s["incomplete"] + s["unreadable"] == s["files"]


def test_text_report_groups_per_file(batch):
    text = _render(batch, "text")
    assert "KHÔNG ĐỌC ĐƯỢC" in text and "Tổng hợp: 7 tệp" in text
    assert "3 không đọc được" in text
    assert "Chữ ký số 1" in text


def test_write_atomic_replaces_whole_file_with_normal_permissions(tmp_path):
    target = tmp_path / "bao-cao.html"
    write_atomic(str(target), "một")
    old = os.umask(0)
    os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o666 & ~old
    os.chmod(target, 0o640)
    write_atomic(str(target), "hai")
    assert target.read_text(encoding="utf-8") == "hai"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.html"]  # no temp file left
    with pytest.raises(OSError):
        write_atomic(str(tmp_path / "no-such-folder" / "x.html"), "x")


def test_reports_on_the_committed_samples(tmp_path):
    """`nd30check check samples/` end to end: the unreadable sample gives exit code 2, the
    HTML/SARIF/JUnit reports of the whole folder are written and valid."""
    from click.testing import CliRunner
    from conftest import SAMPLES

    from nd30check.cli import main

    if not (SAMPLES / "compliant").is_dir():
        pytest.skip("samples/ not generated")
    cache = tmp_path / "cache"
    outs = {}
    for fmt in ("html", "sarif", "junit"):
        out = tmp_path / f"report.{fmt}"
        r = CliRunner().invoke(main, ["check", str(SAMPLES), "--format", fmt, "--output", str(out), "--no-progress"],
                               env={"XDG_CACHE_HOME": str(cache)}, catch_exceptions=False)
        assert r.exit_code == 2, r.output  # samples/defects holds an unreadable file on purpose
        outs[fmt] = out.read_text(encoding="utf-8")
    assert "KHÔNG ĐỌC ĐƯỢC" in outs["html"] and "Theo đơn vị ban hành" in outs["html"]
    cases = ET.fromstring(outs["junit"].encode()).find("testsuite").findall("testcase")
    assert len(cases) >= 100
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        assert not list(jsonschema.Draft4Validator(schema).iter_errors(json.loads(outs["sarif"])))


def test_big_json_is_one_document_with_one_file_per_line():
    from nd30check.report.json import INDENT_UP_TO, dumps

    doc = {"version": 1, "tool": {"name": "nd30check"},
           "files": [{"path": f"Văn bản/{i}.docx", "findings": [{"rule": "X", "message": "“lỗi”"}]} for i in range(INDENT_UP_TO + 1)],
           "summary": {"files": INDENT_UP_TO + 1}}
    text = dumps(doc)
    back = json.loads(text)
    assert back == doc and list(back) == list(doc)
    assert len(text.splitlines()) == len(doc["files"]) + 5
    small = {**doc, "files": doc["files"][:3]}
    assert json.loads(dumps(small)) == small and "\n  " in dumps(small)
