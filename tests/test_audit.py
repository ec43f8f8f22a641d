"""``nd30check audit``: duplicate and missing numbers, unsigned documents, per-unit figures.

A folder of real documents: .docx Kế hoạch of one commune (numbers 45, 46, 46, 48 in 2026,
45 again in 2025), a PDF signed by the official and the agency with the test PKI, and a
separate appendix PDF signed by the agency, named after its main document.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from batchkit import main_doc  # noqa: E402

from nd30check.audit import audit_results, run_audit  # noqa: E402
from nd30check.cli import main  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.figures import unit_key  # noqa: E402
from nd30check.report.audit import render_audit  # noqa: E402
from nd30check.report.words import Words  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402

WORDS = Words()


def _msg(f) -> str:
    return WORDS.message(f.finding)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    from pki import appendix_signed, get_pki, official_then_agency

    root = tmp_path_factory.mktemp("audit")
    d = root / "xa"
    main_doc(d / "45-KH-UBND.docx", number="45")
    main_doc(d / "46-KH-UBND.docx", number="46")
    main_doc(d / "46-KH-UBND-ban-2.docx", number="46", date=(12, 3, 2026))
    main_doc(d / "48-KH-UBND.docx", number="48")
    main_doc(d / "2025" / "45-KH-UBND.docx", number="45", date=(5, 6, 2025))
    main_doc(root / "xa-khac" / "46-KH-UBND.docx", number="46", unit="XÃ BẢO LINH")
    pki = get_pki(root / "pki")
    (d / "ky-so.pdf").write_bytes(official_then_agency(pki))
    (d / "45-KH-UBND_PL2.pdf").write_bytes(appendix_signed(pki, "45/KH-UBND"))
    cfg = Config(jobs=2, cache=False, trust=[pki.files["root"]], trust_only=True,
                 crl=[pki.files["crl"], pki.files["root_crl"]])
    return root, cfg, load_pack()


@pytest.fixture(scope="module")
def report(setup):
    root, cfg, pack = setup
    return run_audit([str(root)], cfg, pack)


def _unit(report, name: str):
    return next(u for u in report.units if unit_key(u.unit) == unit_key(name))


def test_duplicate_numbers_per_unit_and_year(report):
    dups = [f for f in report.audit.findings if f.rule == "AUDIT-NUMBER-DUP"]
    assert len(dups) == 1
    assert sorted(Path(p).name for p in dups[0].files) == ["46-KH-UBND-ban-2.docx", "46-KH-UBND.docx"]
    assert "46" in _msg(dups[0]) and "2026" in _msg(dups[0]) and "PHƯỢNG TIẾN" in _msg(dups[0])
    assert report.audit.statuses["AUDIT-NUMBER-DUP"] == "fail"


def test_gaps(report):
    gaps = [f for f in report.audit.findings if f.rule == "AUDIT-NUMBER-GAP"]
    assert len(gaps) == 1 and "47" in _msg(gaps[0]) and "2026" in _msg(gaps[0])
    assert gaps[0].severity == "info"


def test_unsigned_share_and_unit_figures(report):
    u = _unit(report, "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN")
    # 5 .docx (2025 and 2026) + the signed PDF, whose unit comes from its agency certificate
    assert u.documents == 6 and u.unreadable == 0
    assert u.with_agency_signature == 1
    assert u.appendices == 1 and u.appendices_signed == 1  # the appendix counts under its main document
    j = u.to_json()
    assert j["agency_signed_pct"] == pytest.approx(16.7)
    assert j["appendices_signed_pct"] == 100.0
    assert j["top_defects"] and j["top_defects"][0]["files"] >= 1
    unsigned = {f.unit: f for f in report.audit.findings if f.rule == "AUDIT-UNSIGNED"}
    mine = next(f for k, f in unsigned.items() if unit_key(k) == unit_key(u.unit))
    assert "5/6" in _msg(mine) and "83.3%" in _msg(mine)
    assert "5 of 6" in Words(lang="en").message(mine.finding)  # the same finding, in English
    assert not any(p.endswith("ky-so.pdf") for p in mine.files)
    other = _unit(report, "ỦY BAN NHÂN DÂN / XÃ BẢO LINH")
    assert other.documents == 1 and other.to_json()["agency_signed_pct"] == 0.0


def test_exit_code_and_ignore(setup, report):
    root, cfg, pack = setup
    assert report.summary["exit_code"] == 1
    quiet = Config(**{**cfg.__dict__, "ignore": ["AUDIT-NUMBER-DUP", "AUDIT-UNSIGNED"], "fail_on": "error",
                      "select": ["AUDIT", "BUNDLE"]})
    again = audit_results(report, quiet, pack)
    assert {f.rule for f in again.audit.findings} == {"AUDIT-NUMBER-GAP"}
    assert again.audit.statuses == {"AUDIT-NUMBER-GAP": "fail"}
    assert report.audit.statuses["AUDIT-NUMBER-DUP"] == "fail"  # the first audit is left as it was
    never = audit_results(report, Config(**{**cfg.__dict__, "fail_on": "never"}), pack)
    assert never.summary["exit_code"] == 0


@pytest.mark.parametrize("fmt", ["text", "json", "html", "csv", "sarif", "junit"])
def test_render_every_format(setup, report, fmt):
    _root, cfg, pack = setup
    out = render_audit(fmt, report, cfg, pack)
    if fmt == "json":
        doc = json.loads(out)
        assert doc["audit"]["rules"]["AUDIT-NUMBER-DUP"] == "fail"
        assert any(u["appendices_signed_pct"] == 100.0 for u in doc["audit"]["units"])
        assert doc["summary"]["exit_code"] == 1
    elif fmt == "text":
        assert "Số liệu theo đơn vị ban hành" in out and "AUDIT-NUMBER-DUP" in out
    elif fmt == "html":
        assert "AUDIT-NUMBER-DUP" in out and "Theo đơn vị ban hành" in out
    elif fmt == "csv":
        assert "AUDIT-UNSIGNED" in out


def test_cli_audit(setup, tmp_path):
    root, cfg, _ = setup
    out = tmp_path / "audit.json"
    args = ["audit", "--no-cache", "--no-progress", "--format", "json", "--output", str(out), str(root)]
    for t in cfg.trust:
        args += ["--trust", t]
    for c in cfg.crl:
        args += ["--crl", c]
    r = CliRunner().invoke(main, args + ["--trust-only"], catch_exceptions=False)
    assert r.exit_code == 1, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {f["rule"] for f in doc["audit"]["findings"]} == {"AUDIT-NUMBER-DUP", "AUDIT-NUMBER-GAP", "AUDIT-UNSIGNED"}
