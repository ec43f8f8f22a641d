"""Command line end to end: exit codes, output files, config files, profiles, baselines.

Runs the real click command in-process (CliRunner) on real .docx files from
tests/batchkit.py, and once as a subprocess to see what a piped run prints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from batchkit import appendix_doc, broken_files, main_doc  # noqa: E402

from nd30check.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli") / "lo"
    main_doc(d / "45-KH-UBND.docx")
    appendix_doc(d / "45-KH-UBND_PL1.docx")
    appendix_doc(d / "sai-ngay.docx", date=(11, 3, 2026))
    return d


def _run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return runner.invoke(main, ["check", "--no-cache", "--no-progress", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


def _json(result) -> dict:
    return json.loads(result.output)


def test_exit_codes(folder, tmp_path):
    assert _run(str(folder)).exit_code == 1  # error-level findings
    assert _run(str(folder), "--fail-on", "never").exit_code == 0
    only_ok = _run(str(folder / "45-KH-UBND_PL1.docx"), "--select", "ND30-PL-REF,BUNDLE")
    assert only_ok.exit_code == 0, only_ok.output
    mixed = tmp_path / "mixed"
    main_doc(mixed / "kh.docx")
    broken_files(mixed / "hong")
    r = _run(str(mixed), "--format", "json")
    assert r.exit_code == 2  # unreadable inputs win over findings
    doc = _json(r)
    assert doc["summary"]["unreadable"] == 3 and len(doc["files"]) == 4
    assert _run(str(tmp_path / "khong-co")).exit_code == 2  # no such path: usage error
    assert _run(str(folder), "--select", "NO-SUCH-RULE").exit_code == 2
    assert _run(str(folder), "--severity", "ND30-PL-REF=fatal").exit_code == 2


def test_output_file_and_formats(folder, tmp_path):
    for fmt in ("text", "json", "html", "sarif", "junit", "csv"):
        out = tmp_path / f"bao-cao.{fmt}"
        r = _run(str(folder), "--format", fmt, "--output", str(out))
        assert r.exit_code == 1 and r.output == "", fmt
        assert out.stat().st_size > 200, fmt
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"bao-cao.{f}" for f in ("text", "json", "html", "sarif", "junit", "csv"))


def test_severity_override_and_select_ignore(folder):
    doc = _json(_run(str(folder), "--format", "json", "--select", "ND30-PL-REF", "--severity", "ND30-PL-REF=warning"))
    files = {Path(f["path"]).name: f for f in doc["files"]}
    assert {x["severity"] for x in files["sai-ngay.docx"]["findings"]} == {"warning"}
    assert set(files["sai-ngay.docx"]["rules"]) == {"ND30-PL-REF"}
    doc = _json(_run(str(folder), "--format", "json", "--ignore", "ND30,SIG"))
    assert not any(r.startswith(("ND30-", "SIG-")) for f in doc["files"] for r in f["rules"])


def test_config_file_nd30check_toml(folder, tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "nd30check.toml").write_text(
        'select = ["ND30-PL-REF", "BUNDLE", "SIG-PRESENT"]\n'
        'exclude = ["sai-*"]\n'
        'fail-on = "error"\n'
        '[severity]\n"ND30-PL-REF" = "info"\n'
        '[profiles.draft]\nignore = ["SIG-PRESENT"]\n', encoding="utf-8")
    for f in folder.iterdir():
        (proj / f.name).write_bytes(f.read_bytes())
    doc = _json(_run(".", "--format", "json", cwd=proj))
    names = [Path(f["path"]).name for f in doc["files"]]
    assert names == ["45-KH-UBND.docx", "45-KH-UBND_PL1.docx"]  # exclude from the config
    assert all(set(f["rules"]) <= {"ND30-PL-REF", "BUNDLE-ORPHAN", "SIG-PRESENT"} for f in doc["files"])
    assert doc["summary"]["exit_code"] == 1  # SIG-PRESENT fails: issued documents must be signed
    draft = _run(".", "--format", "json", "--profile", "draft", cwd=proj)
    assert draft.exit_code == 0, draft.output
    assert not any("SIG-PRESENT" in f["rules"] for f in _json(draft)["files"])
    # command line adds to the config's excludes
    doc = _json(_run(".", "--format", "json", "--exclude", "*_PL1*", cwd=proj))
    assert [Path(f["path"]).name for f in doc["files"]] == ["45-KH-UBND.docx"]


def test_config_in_pyproject_and_bad_config(folder, tmp_path):
    proj = tmp_path / "py"
    proj.mkdir()
    (proj / "pyproject.toml").write_text('[tool.nd30check]\nselect = ["ND30-PL-REF"]\nfail-on = "never"\n', encoding="utf-8")
    (proj / "sai-ngay.docx").write_bytes((folder / "sai-ngay.docx").read_bytes())
    r = _run(".", "--format", "json", cwd=proj)
    assert r.exit_code == 0
    assert set(_json(r)["files"][0]["rules"]) == {"ND30-PL-REF"}
    (proj / "pyproject.toml").write_text('[tool.nd30check]\nno_such_setting = 1\n', encoding="utf-8")
    assert _run(".", cwd=proj).exit_code == 2


def test_baseline_reports_only_new_findings(folder, tmp_path):
    base = tmp_path / "baseline.json"
    r = _run(str(folder), "--write-baseline", str(base))
    assert r.exit_code == 0 and base.is_file()
    again = _run(str(folder), "--baseline", str(base), "--format", "json")
    assert again.exit_code == 0, again.output
    assert all(not f["findings"] for f in _json(again)["files"])
    # a new defect in a new file still shows
    extra = tmp_path / "lo2"
    for f in folder.iterdir():
        (extra / f.name).parent.mkdir(parents=True, exist_ok=True)
        (extra / f.name).write_bytes(f.read_bytes())
    appendix_doc(extra / "moi.docx", date=(12, 3, 2026))
    new = _run(str(extra), "--baseline", str(base), "--format", "json")
    assert new.exit_code == 1
    assert [Path(f["path"]).name for f in _json(new)["files"] if f["findings"]] == ["moi.docx"]


def test_piped_run_prints_no_progress(folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)
    p = subprocess.run([sys.executable, "-m", "nd30check.cli", "check", "--no-cache", "--select", "ND30-PL-REF",
                        str(folder)], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 1
    assert p.stderr == ""
    assert "ETA" not in p.stdout and "sai-ngay.docx" in p.stdout


def test_config_trust_settings_relative_to_the_file(tmp_path):
    from pki import get_pki, official_then_agency

    proj = tmp_path / "vt"
    pki = get_pki(proj / "pki")
    (proj / "docs").mkdir()
    (proj / "docs" / "ky-so.pdf").write_bytes(official_then_agency(pki))
    (proj / "nd30check.toml").write_text(
        'select = ["SIG-TRUST"]\ntrust = ["pki/root.pem"]\ntrust-only = true\ncrl = ["pki/crl.crl", "pki/root_crl.crl"]\n',
        encoding="utf-8")
    r = _run("docs", "--format", "json", cwd=proj)
    sigs = _json(r)["files"][0]["signatures"]
    assert len(sigs) == 2 and all(s["trusted"] for s in sigs), sigs
    # without the config's trust anchors the same file is not trusted
    (proj / "nd30check.toml").write_text('select = ["SIG-TRUST"]\n', encoding="utf-8")
    r = _run("docs", "--format", "json", cwd=proj)
    assert not any(s["trusted"] for s in _json(r)["files"][0]["signatures"])


def test_unreadable_baseline_is_a_usage_error(folder, tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("{not json", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--no-cache", "--baseline", str(bad), str(folder)])
    assert r.exit_code == 2
