"""Audit history database: two audits of one folder a day apart, the trend report, the same
figures from SQLite and from a real PostgreSQL server, and the same figures as ``nd30check
audit`` without a database.

The runs are real ``nd30check audit … --db`` processes over real sample documents (see
:mod:`auditkit`); the PostgreSQL server is started by the test (:mod:`pgserver`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import auditkit as kit  # noqa: E402
import pgserver  # noqa: E402


def _two_days(tmp: Path, url: str) -> dict:
    folder = kit.day1(tmp / "van-ban")
    r1 = kit.nd30(*kit.audit_args(folder, url, kit.DAY1))
    assert r1.returncode in (0, 1) and r1.stderr == "", r1.stderr
    rep1 = kit.report(url, now=kit.DAY1)
    kit.day2(folder)
    r2 = kit.nd30(*kit.audit_args(folder, url, kit.DAY2))
    assert r2.returncode in (0, 1) and r2.stderr == "", r2.stderr
    rep2 = kit.report(url)
    return {"folder": folder, "url": url, "r1": r1, "r2": r2, "rep1": rep1, "rep2": rep2}


@pytest.fixture(scope="module")
def sqlite_history(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("auditdb")
    return _two_days(tmp, str(tmp / "history.sqlite"))


@pytest.fixture(scope="module")
def pg():
    server = pgserver.start_or_skip()
    yield server
    server.close()


def _by_path(entries: list[dict]) -> dict[str, dict]:
    return {Path(e["path"]).name: e for e in entries}


def test_second_run_counts_new_changed_removed_unchanged(sqlite_history):
    runs = kit.query(sqlite_history["url"], "SELECT id, status, files, new_files, changed_files, unchanged_files, "
                                            "removed_files FROM runs ORDER BY id")
    assert runs == [(1, "complete", 18, 18, 0, 0, 0), (2, "complete", 18, 1, 2, 15, 1)]


def test_trend_report_shows_what_changed(sqlite_history):
    rep = sqlite_history["rep2"]
    (ch,) = rep["changes"]
    assert (ch["previous_run"], ch["current_run"]) == (1, 2)
    assert ch["counts"] == {"new": 1, "fixed": 1, "started_failing": 1, "changed": 0, "removed": 1, "unchanged": 15}
    assert list(_by_path(ch["new"])) == ["new.docx"]
    fixed = _by_path(ch["fixed"])["to-fix.docx"]
    assert fixed["before"]["verdict"] == "non-compliant" and fixed["verdict"] == "compliant"
    assert {"ND30-BODY-SIZE", "SIG-PRESENT"} <= set(fixed["rules_fixed"])
    broke = _by_path(ch["started_failing"])["to-break.docx"]
    assert broke["before"]["verdict"] == "compliant" and broke["verdict"] == "non-compliant"
    assert "ND30-FONT" in broke["rules_new"]
    assert list(_by_path(ch["removed"])) == ["going.docx"]
    # the history shows both runs, and the figures moved between them
    assert [h["id"] for h in rep["history"]] == [1, 2]
    f1, f2 = (h["figures"] for h in rep["history"])
    assert f1["documents"] == f2["documents"] == 16  # 18 files, 2 separate appendices
    assert (f1["with_valid_agency_signature"], f2["with_valid_agency_signature"]) == (14, 15)
    assert (f1["format_compliant"], f2["format_compliant"]) == (14, 15)
    assert f1["without_valid_agency_signature_pct"] == 12.5 and f2["without_valid_agency_signature_pct"] == 6.2
    assert rep["by_day"][0]["day"] == "2026-06-01" and rep["by_day"][1]["day"] == "2026-06-02"
    # the first run had nothing to compare with
    assert sqlite_history["rep1"]["changes"][0]["previous_run"] is None


def test_figures_equal_the_audit_without_database(sqlite_history):
    """The per-unit figures computed in SQL equal nd30check.figures.per_unit over the batch."""
    from nd30check.batch import run_batch
    from nd30check.figures import per_unit, unit_key
    from nd30check.rulepack import load_pack

    cfg = kit.config(kit.DAY2)
    results = run_batch([str(sqlite_history["folder"])], cfg, load_pack(cfg.rules), progress=False)
    expected = {unit_key(u.unit): u.to_json() for u in per_unit(results)}
    got = {unit_key(u["unit"]): u for u in sqlite_history["rep2"]["units"]}
    assert set(got) == set(expected)
    for unit, e in expected.items():
        g = dict(got[unit])
        g.pop("without_valid_agency_signature_pct")
        assert {d["rule"]: d["files"] for d in g.pop("top_defects")} == {d["rule"]: d["files"] for d in e.pop("top_defects")}
        # one unit spelt two ways (upper and lower case) in two headers: the same unit, one name shown
        assert unit_key(g.pop("unit")) == unit_key(e.pop("unit"))
        assert g == e, unit


def test_unchanged_rerun_records_only_unchanged(sqlite_history, tmp_path):
    import shutil

    url = str(tmp_path / "copy.sqlite")  # a copy: the other tests read the two-day history
    shutil.copy(sqlite_history["url"], url)
    before = kit.query(url, "SELECT (SELECT COUNT(*) FROM results), (SELECT COUNT(*) FROM findings), "
                            "(SELECT COUNT(*) FROM documents)")
    r3 = kit.nd30(*kit.audit_args(sqlite_history["folder"], url, kit.DAY2))
    assert r3.returncode in (0, 1) and r3.stderr == "", r3.stderr
    (run,) = kit.query(url, "SELECT files, new_files, changed_files, unchanged_files, checked_files, reused_files "
                            "FROM runs WHERE id = 3 AND status = 'complete'")
    assert run == (18, 0, 0, 18, 0, 18)  # nothing checked again: every result came from the database
    assert kit.query(url, "SELECT (SELECT COUNT(*) FROM results), (SELECT COUNT(*) FROM findings), "
                          "(SELECT COUNT(*) FROM documents)") == before
    assert kit.query(url, "SELECT DISTINCT change FROM observations WHERE run_id = 3") == [("unchanged",)]
    rep = kit.report(url)
    assert rep["changes"][0]["counts"]["unchanged"] == 18
    # the run's figures are those of the day before
    hist = {h["id"]: h["figures"] for h in rep["history"]}
    assert hist[3] == hist[2]


def test_report_formats(sqlite_history, tmp_path):
    url = sqlite_history["url"]
    text = kit.nd30("audit", "--db", url, "--report")
    assert text.returncode == 0, text.stderr
    assert "Thay đổi so với lần kiểm tra trước" in text.stdout and "to-fix.docx" in text.stdout
    en = kit.nd30("audit", "--db", url, "--report", "--lang", "en")
    assert "What changed since the last run" in en.stdout and "Fixed (no longer non-compliant)" in en.stdout
    html_file = tmp_path / "r.html"
    h = kit.nd30("audit", "--db", url, "--report", "--format", "html", "-o", str(html_file))
    assert h.returncode == 0, h.stderr
    html = html_file.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "<polyline" in html
    # nothing fetched: no script, no stylesheet or image link, no URL but the SVG namespace
    assert "<script" not in html and "<link" not in html and "src=" not in html
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    c = kit.nd30("audit", "--db", url, "--report", "--format", "csv")
    assert c.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(c.stdout.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Tháng ban hành", "Đơn vị", "Văn bản"]
    months = {r[0] for r in rows[1:]}
    assert "2026-05" in months and "Cả kỳ" in months
    assert any(r[1] == "Tất cả đơn vị" and r[0] == "Cả kỳ" for r in rows)
    cf = kit.nd30("audit", "--db", url, "--report", "--format", "csv-files")
    names = {Path(r[0]).name: r[3] for r in csv.reader(io.StringIO(cf.stdout.lstrip("\ufeff")))}
    assert names["to-fix.docx"].startswith("Đã sửa") and names["going.docx"].startswith("Không còn")
    j = json.loads(kit.nd30("audit", "--db", url, "--report", "--format", "json").stdout)
    assert j["report"] == "nd30check-audit-history" and j["units"]


def test_report_period_is_the_month_of_issue(sqlite_history):
    rep = kit.report(sqlite_history["url"], date_from="2026-03", date_to="2026-04")
    assert {m["month"] for m in rep["months"]} <= {"2026-03", "2026-04"}
    whole = kit.report(sqlite_history["url"])
    assert 0 < rep["totals"]["documents"] < whole["totals"]["documents"]
    bad = kit.nd30("audit", "--db", sqlite_history["url"], "--report", "--from", "2026-13")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "YYYY-MM" in bad.stderr


def test_postgresql_gives_the_same_figures(sqlite_history, pg, tmp_path):
    pg_history = _two_days(tmp_path, pg.create_database())
    for key in ("rep1", "rep2"):
        a, b = dict(sqlite_history[key]), dict(pg_history[key])
        a.pop("database"), b.pop("database")
        # the folders differ (two temporary folders): compare paths by name
        dump = lambda d: re.sub(r"/[^\"]*/van-ban", "VB", json.dumps(d, sort_keys=True, ensure_ascii=False))  # noqa: E731
        assert dump(a) == dump(b), key


def _one(stderr: str) -> str:
    assert stderr.count("\n") == 1 and stderr.startswith("nd30check: "), stderr
    return stderr


def test_usage_errors_are_one_line(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    cases = [
        (["audit", str(folder), "--db", str(folder)], "thư mục"),  # a folder given as the database
        (["audit", "--db", str(tmp_path / "none.sqlite"), "--report"], "chưa có cơ sở dữ liệu"),
        (["audit", str(folder), "--db", "mysql://x/y"], "mysql"),
        (["audit", str(folder), "--db", str(tmp_path / "a.sqlite"), "--format", "sarif"], "sarif"),
        (["audit", "--db", str(tmp_path / "a.sqlite")], "THƯ MỤC"),
    ]
    for args, word in cases:
        r = kit.nd30(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr.count("\n") == 1 and word in r.stderr, (args, r.stderr)
    assert not (tmp_path / "none.sqlite").exists()  # a report never creates a database
    empty = tmp_path / "empty.sqlite"
    from nd30check.auditdb import open_database
    from nd30check.auditdb.schema import migrate

    with open_database(str(empty)) as db:
        migrate(db)  # a database with its schema and no run yet
    r = kit.nd30("audit", "--db", str(empty), "--report")
    assert r.returncode == 2 and "chưa có lần kiểm tra" in _one(r.stderr)
    notdb = tmp_path / "x.sqlite"
    notdb.write_bytes(b"not a database at all" * 100)
    r = kit.nd30("audit", str(folder), "--db", str(notdb))
    assert r.returncode == 2 and "SQLite" in r.stderr and r.stderr.count("\n") == 1
    assert notdb.read_bytes() == b"not a database at all" * 100  # never written into


def test_schema_is_versioned(tmp_path):
    from nd30check.auditdb import open_database
    from nd30check.auditdb.schema import SCHEMA_VERSION, current_version, migrate

    url = str(tmp_path / "v.sqlite")
    with open_database(url) as db:
        assert migrate(db) == 0 and current_version(db) == SCHEMA_VERSION
        assert migrate(db) == SCHEMA_VERSION  # nothing left to do
        with db.tx():
            db.execute("INSERT INTO schema_version (version, applied_at, tool_version) VALUES (99, 'x', 'future')")
    folder = kit.day1(tmp_path / "f")
    r = kit.nd30(*kit.audit_args(folder, url, kit.DAY1))
    assert r.returncode == 2 and "phiên bản 99" in r.stderr and r.stderr.count("\n") == 1
    assert kit.query(url, "SELECT COUNT(*) FROM runs") == [(0,)]


def test_default_database_is_in_the_users_data_folder(tmp_path):
    from nd30check.auditdb.db import parse_url

    env_home = tmp_path / "data"
    folder = tmp_path / "f"
    folder.mkdir()
    from batchkit import main_doc

    main_doc(folder / "kh.docx")
    r = kit.nd30("audit", str(folder), "--db", "--no-cache", env={"XDG_DATA_HOME": str(env_home)})
    assert r.returncode in (0, 1), r.stderr
    assert (env_home / "nd30check" / "audit.sqlite").is_file()
    assert parse_url("sqlite:////abs/x.db") == ("sqlite", "/abs/x.db")
    assert parse_url("sqlite:///rel/x.db") == ("sqlite", "rel/x.db")
    assert parse_url("postgres://u:p@h/d")[0] == "postgresql"
