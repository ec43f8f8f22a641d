"""A tool people can trust on first contact (issue 8, items 2–6), on real inputs.

* the README's main job: ``nd30check check samples/`` — compliant samples ĐẠT, defect samples
  KHÔNG ĐẠT, nothing on stderr; the demo root trusted only through samples/nd30check.toml;
* two verdicts per file (format, signature) in JSON, text, HTML, JUnit, CSV and the audit;
* reports that say how to fix; CSV per file; JUnit skipped for incomplete; SARIF fingerprints;
  signatures in plain words and Vietnam time; Vietnamese-first help;
* usage errors before the run; profiles that add up; the progress bar; trust files checked at
  start-up; --no-sha1; signed results not reused across days; a file read once;
* a main document naming an appendix that is missing from the batch (BUNDLE-ORPHAN).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from batchkit import appendix_doc, main_doc  # noqa: E402

from nd30check.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
KH05 = SAMPLES / "compliant" / "kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc.docx"
QD_PDF = SAMPLES / "pdf" / "compliant" / "qd-ubnd-thanh-lap-to-cong-tac.pdf"
#: Separate-file appendices in .docx: an OOXML signature has no page appearance, so SIG-APPENDIX-INFO
#: (the shown text of the agency signature) is judged on PDFs only and is not-applicable here.
DOCX_APPENDICES = {"pl-rieng-kh05-phu-luc-ii.docx", "pl-rieng-kh05-phu-luc-iii-ngang.docx"}


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)
    return env


def _cli(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def _check_json(*args: str, cwd: Path | None = None) -> dict:
    r = _cli("check", "--no-cache", "--no-progress", "--format", "json", *args, cwd=cwd)
    return json.loads(r.output)


# --------------------------------------------------------------------------------- item 2


@pytest.fixture(scope="module")
def samples_run() -> tuple[subprocess.CompletedProcess, dict]:
    """The README's first command, as a newcomer runs it (piped: no progress bar)."""
    p = subprocess.run([sys.executable, "-m", "nd30check.cli", "check", "samples/", "--no-cache"], cwd=ROOT,
                       capture_output=True, text=True, env=_env(), timeout=600)
    j = subprocess.run([sys.executable, "-m", "nd30check.cli", "check", "samples/", "--no-cache", "--format", "json"],
                       cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=600)
    return p, json.loads(j.stdout)


def test_quick_start_tells_the_truth(samples_run) -> None:
    p, doc = samples_run
    assert p.stderr == ""  # no warnings, no progress bar off a terminal
    assert p.returncode == 2  # the one deliberately corrupt sample
    compliant = [f for f in doc["files"] if "/compliant/" in f["path"]]
    defects = [f for f in doc["files"] if "/defects/" in f["path"]]
    assert len(compliant) == 30 and len(defects) > 100
    for f in compliant:
        assert (f["path"], f["verdict"]) == (f["path"], "compliant")
        assert f["verdicts"] == {"format": "compliant", "signature": "compliant"}
        if Path(f["path"]).name in DOCX_APPENDICES:
            assert f["rules"]["SIG-APPENDIX-INFO"] == "not-applicable", f["path"]
    unreadable = [f for f in defects if f["error"]]
    assert [Path(f["path"]).name for f in unreadable] == ["FILE-UNREADABLE--truncated-zip.docx"]
    for f in defects:
        if not f["error"]:
            assert (f["path"], f["verdict"]) == (f["path"], "non-compliant")
            rule = Path(f["path"]).name.split("--")[0]
            assert f["rules"][rule] == "fail", f["path"]  # its own mistake, not only the missing signature
    assert "ĐẠT (thể thức: ĐẠT · chữ ký số: ĐẠT)" in p.stdout


def test_demo_root_is_trusted_only_through_the_samples_config(tmp_path: Path) -> None:
    shutil.copy(QD_PDF, tmp_path / QD_PDF.name)
    elsewhere = _check_json(str(tmp_path / QD_PDF.name))["files"][0]
    assert elsewhere["rules"]["SIG-TRUST"] == "not-evaluated" and elsewhere["verdict"] == "incomplete"
    assert not any(s["trusted"] for s in elsewhere["signatures"])
    here = _check_json(str(QD_PDF))["files"][0]
    assert here["verdict"] == "compliant" and all(s["trusted"] for s in here["signatures"])
    toml = (SAMPLES / "nd30check.toml").read_text(encoding="utf-8")
    assert "DEMO" in toml and "never be trusted for real documents" in toml


def test_signed_pdf_samples_are_reproducible() -> None:
    """Signing the unsigned start of a committed PDF again gives the committed bytes."""
    sys.path.insert(0, str(SAMPLES))
    try:
        from content import COMPLIANT
        from demo_pki import demo_pki
        from sign_samples import sign_pdf_sample

        lengths = json.loads((SAMPLES / "pdf" / "SIGNED.json").read_text(encoding="utf-8"))
        pki = demo_pki()
        for key in ("qd-ubnd-thanh-lap-to-cong-tac", "pl-rieng-kh05-phu-luc-ii", "bb-ubnd-hop-ban-chi-dao"):
            spec = next(fn() for fn in COMPLIANT if fn().key == key)
            data = (SAMPLES / "pdf" / "compliant" / f"{key}.pdf").read_bytes()
            plain = data[:lengths[f"pdf/compliant/{key}.pdf"]]
            assert b"/ByteRange" not in plain and b"/ByteRange" in data
            assert sign_pdf_sample(spec, plain, pki) == data, key
    finally:
        sys.path.remove(str(SAMPLES))


def _unsigned(key: str) -> bytes:
    """A compliant sample as the generator writes it before signing: a draft."""
    sys.path.insert(0, str(SAMPLES))
    try:
        from content import COMPLIANT
        from docxgen import build_docx
        from layout import layout
    finally:
        sys.path.remove(str(SAMPLES))
    return build_docx(layout(next(fn() for fn in COMPLIANT if fn().key == key)))


def test_unsigned_drafts_checked_as_issued_get_the_draft_hint(tmp_path: Path) -> None:
    (tmp_path / "qd.docx").write_bytes(_unsigned("qd-ubnd-thanh-lap-to-cong-tac"))
    (tmp_path / "cv.docx").write_bytes(_unsigned("cv-ubnd-mot-noi-nhan-2-trang"))
    r = _cli("check", "--no-cache", "--no-progress", str(tmp_path))
    assert r.exit_code == 1
    assert "Bản dự thảo? dùng `--profile draft`" in r.output
    assert "thể thức: ĐẠT · chữ ký số: KHÔNG ĐẠT" in r.output
    draft = _cli("check", "--no-cache", "--no-progress", "--profile", "draft", str(tmp_path))
    assert draft.exit_code == 0 and "--profile draft" not in draft.output
    assert "chữ ký số: KHÔNG XÉT" in draft.output
    # one real format error as well: the hint would mislead, so it is not given
    shutil.copy(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx", tmp_path / "co-chu-12.docx")
    assert "--profile draft" not in _cli("check", "--no-cache", "--no-progress", str(tmp_path)).output


# --------------------------------------------------------------------------------- item 3


@pytest.fixture(scope="module")
def unit_folder(tmp_path_factory) -> Path:
    """Well-formatted but unsigned documents of one unit, and one signed compliant sample."""
    d = tmp_path_factory.mktemp("units") / "lo"
    d.mkdir(parents=True)
    for name in ("qd-ubnd-thanh-lap-to-cong-tac.docx", "cv-ubnd-mot-noi-nhan-2-trang.docx"):
        shutil.copy(SAMPLES / "compliant" / name, d / name)
    shutil.copy(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx", d / "co-chu-12.docx")
    shutil.copy(SAMPLES / "nd30check.toml", d.parent / "nd30check.toml")
    shutil.copytree(SAMPLES / "demo-pki", d.parent / "demo-pki")
    return d


def test_two_verdicts_in_json_text_html_junit_csv(unit_folder: Path) -> None:
    doc = _check_json(str(unit_folder))
    v = {Path(f["path"]).name: f["verdicts"] for f in doc["files"]}
    assert v["qd-ubnd-thanh-lap-to-cong-tac.docx"] == {"format": "compliant", "signature": "compliant"}
    assert v["co-chu-12.docx"] == {"format": "non-compliant", "signature": "non-compliant"}
    assert doc["summary"]["verdicts"]["format"]["compliant"] == 2
    assert doc["summary"]["verdicts"]["signature"]["non_compliant"] == 1
    text = _cli("check", "--no-cache", "--no-progress", str(unit_folder)).output
    assert "co-chu-12.docx  [KH 09/KH-THPTĐH 2026-02-24]  — KHÔNG ĐẠT (thể thức: KHÔNG ĐẠT · chữ ký số: KHÔNG ĐẠT)" in text
    html = _cli("check", "--no-cache", "--no-progress", "--format", "html", str(unit_folder)).output
    assert "<th>Thể thức</th><th>Chữ ký số</th>" in html and "Đúng thể thức" in html and "Chữ ký số đạt" in html
    junit = ET.fromstring(_cli("check", "--no-cache", "--no-progress", "--format", "junit", str(unit_folder)).output.encode())
    props = {c.get("name"): {p.get("name"): p.get("value") for p in c.iter("property")} for c in junit.iter("testcase")}
    assert props["co-chu-12.docx"] == {"verdict": "non-compliant", "verdict.format": "non-compliant",
                                       "verdict.signature": "non-compliant"}
    rows = list(csv.DictReader(io.StringIO(_cli("check", "--no-cache", "--no-progress", "--format", "csv",
                                                str(unit_folder)).output.lstrip("\ufeff"))))
    assert {(r["Thể thức"], r["Chữ ký số"]) for r in rows if r["Tệp"].endswith("co-chu-12.docx")} == {("KHÔNG ĐẠT", "KHÔNG ĐẠT")}


def test_audit_unit_table_counts_format_apart_from_signatures(tmp_path: Path) -> None:
    d = tmp_path / "chua-ky"
    for n in ("45", "46"):
        main_doc(d / f"kh{n}.docx", number=n)  # python-docx documents: readable, unsigned
    doc = json.loads(_cli("audit", "--no-cache", "--no-progress", "--format", "json", str(d),
                          "--select", "ND30-FONT,ND30-PAGE-SIZE,SIG-PRESENT,AUDIT").output)
    (unit,) = doc["audit"]["units"]
    assert unit["compliant_pct"] == 0.0  # none is signed …
    assert unit["format_compliant_pct"] == 100.0 and unit["signature_compliant_pct"] == 0.0  # … but all well formatted
    text = _cli("audit", "--no-cache", "--no-progress", str(d), "--select", "ND30-FONT,ND30-PAGE-SIZE,SIG-PRESENT,AUDIT").output
    row = next(line for line in text.splitlines() if "XÃ PHƯỢNG TIẾN" in line and "%" in line)
    assert row.split()[-6:-3] == ["2", "100.0%", "0.0%"]
    html = _cli("audit", "--no-cache", "--no-progress", "--format", "html", str(d), "--select",
                "ND30-FONT,ND30-PAGE-SIZE,SIG-PRESENT,AUDIT").output
    assert "<td class=num>100.0%<div class=meta>2/2</div></td><td class=num>0.0%<div class=meta>0/2</div></td>" in html


# --------------------------------------------------------------------------------- item 4


def test_text_and_html_say_how_to_fix_unless_no_hints(unit_folder: Path) -> None:
    target = str(unit_folder / "co-chu-12.docx")
    text = _cli("check", "--no-cache", "--no-progress", target).output
    assert "Cách sửa: Chọn toàn bộ phần nội dung và đặt một cỡ chữ 13 hoặc 14" in text
    assert "Căn cứ: PL I, Phần I, Mục II, khoản 6" in text
    assert text.count("Cách sửa: Chọn toàn bộ phần nội dung") == 1  # once per rule, not per finding
    terse = _cli("check", "--no-cache", "--no-progress", "--no-hints", target).output
    assert "Cách sửa" not in terse and "ND30-BODY-SIZE" in terse
    en = _cli("check", "--no-cache", "--no-progress", "--lang", "en", target).output
    assert "How to fix:" in en and "(format: NON-COMPLIANT · signatures: NON-COMPLIANT)" in en
    html = _cli("check", "--no-cache", "--no-progress", "--format", "html", target).output
    assert "<th>Cách sửa · căn cứ</th>" in html and 'class="clause"' in html
    assert 'counter(page) "/" counter(pages)' in html and "Trang " in html  # page numbers when printed
    assert "NGƯỜI KIỂM TRA" in html and "THỦ TRƯỞNG ĐƠN VỊ" in html  # sign-off block
    assert "Cách sửa · căn cứ" not in _cli("check", "--no-cache", "--no-progress", "--format", "html", "--no-hints", target).output


def test_csv_per_file_export(unit_folder: Path) -> None:
    raw = _cli("check", "--no-cache", "--no-progress", "--format", "csv-files", str(unit_folder)).stdout_bytes
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw  # UTF-8 with BOM, CRLF: spreadsheets open it
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3  # one per file
    row = next(r for r in rows if r["Tệp"].endswith("qd-ubnd-thanh-lap-to-cong-tac.docx"))
    assert (row["Loại văn bản"], row["Số, ký hiệu"], row["Ngày"]) == ("QĐ", "112/QĐ-UBND", "2026-02-03")
    assert (row["Kết quả"], row["Thể thức"], row["Chữ ký số"], row["Số chữ ký số"]) == ("ĐẠT", "ĐẠT", "ĐẠT", "2")
    assert row["Chữ ký hợp lệ của cơ quan"] == "có" and row["Lỗi"] == "0"
    bad = next(r for r in rows if r["Tệp"].endswith("co-chu-12.docx"))
    assert "ND30-BODY-SIZE" in bad["Quy tắc không đạt"] and int(bad["Lỗi"]) >= 2


def test_junit_marks_incomplete_files_skipped(tmp_path: Path) -> None:
    shutil.copy(QD_PDF, tmp_path / "ky-so.pdf")  # signed by a root this folder does not trust: incomplete
    r = _cli("check", "--no-cache", "--no-progress", "--format", "junit", str(tmp_path))
    case = ET.fromstring(r.output.encode()).find("testsuite/testcase")
    skipped = case.find("skipped")
    assert skipped is not None and "SIG-TRUST" in skipped.get("message") and case.find("failure") is None
    assert ET.fromstring(r.output.encode()).find("testsuite").get("skipped") == "1"


def test_sarif_fingerprints_are_stable_across_runs_and_folders(unit_folder: Path, tmp_path: Path) -> None:
    def prints(folder: Path) -> list[tuple[str, str]]:
        doc = json.loads(_cli("check", "--no-cache", "--no-progress", "--format", "sarif", str(folder)).output)
        return sorted((r["ruleId"], r["partialFingerprints"]["nd30check/v1"]) for r in doc["runs"][0]["results"])

    first = prints(unit_folder)
    assert first and first == prints(unit_folder)
    moved = tmp_path / "da-chuyen"
    shutil.copytree(unit_folder.parent, moved)  # the folder and its settings, elsewhere
    assert prints(moved / unit_folder.name) == first
    assert len({fp for _r, fp in first}) == len(first) - sum(1 for i in range(1, len(first)) if first[i] == first[i - 1])


def test_signature_blocks_in_plain_words_and_vietnam_time() -> None:
    out = _cli("check", "--no-cache", "--no-progress", str(QD_PDF)).output
    assert "Thời gian ký: 03/02/2026 09:00:00 (+07:00)" in out  # recorded in UTC, shown in Vietnam time
    assert "Phạm vi ký: toàn bộ tệp · sửa sau khi ký: không" in out
    assert "ENTIRE_FILE" not in out and "UTC+00:00" not in out
    html = _cli("check", "--no-cache", "--no-progress", "--format", "html", str(QD_PDF)).output
    assert "toàn bộ tệp" in html and "09:05:00 (+07:00)" in html


def test_help_is_vietnamese_first_and_english_on_request() -> None:
    env = {k: v for k, v in _env().items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    vi = subprocess.run([sys.executable, "-m", "nd30check.cli", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert vi.returncode == 0 and "Cách dùng:" in vi.stdout and "Kiểm tra thể thức" in vi.stdout and "Lệnh" in vi.stdout
    sub = subprocess.run([sys.executable, "-m", "nd30check.cli", "check", "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert "Định dạng báo cáo" in sub.stdout and "Tùy chọn" in sub.stdout and "--no-hints" in sub.stdout
    en = subprocess.run([sys.executable, "-m", "nd30check.cli", "check", "--help", "--lang", "en"], capture_output=True,
                        text=True, env=env, timeout=60)
    assert "Usage:" in en.stdout and "Report format" in en.stdout and "Định dạng" not in en.stdout
    by_locale = subprocess.run([sys.executable, "-m", "nd30check.cli", "--help"], capture_output=True, text=True,
                               env={**env, "LANG": "en_US.UTF-8"}, timeout=60)
    assert "Check Vietnamese administrative documents" in by_locale.stdout and "Commands:" in by_locale.stdout


# --------------------------------------------------------------------------------- item 5


def test_output_into_a_missing_or_unusable_folder_is_a_usage_error_before_the_run(tmp_path: Path) -> None:
    for target in (tmp_path / "khong-co" / "bao-cao.html", tmp_path, KH05 / "x.json"):
        t0 = time.monotonic()
        r = CliRunner().invoke(main, ["check", "--no-cache", str(SAMPLES / "compliant"), "-o", str(target)])
        assert r.exit_code == 2, (target, r.output)
        assert len(r.output.strip().splitlines()) == 1 and r.output.startswith("nd30check: -o "), r.output
        assert time.monotonic() - t0 < 5  # refused before checking 15 files
    if os.geteuid() != 0:  # root may write anywhere: only an ordinary user can meet a read-only folder
        ro = tmp_path / "chi-doc"
        ro.mkdir()
        ro.chmod(0o555)
        r = CliRunner().invoke(main, ["check", str(KH05), "-o", str(ro / "x.json")])
        assert r.exit_code == 2 and "quyền ghi" in r.output


def test_profile_adds_to_top_level_select_and_ignore(tmp_path: Path) -> None:
    """The README's own config: [profiles.draft] ignore = ["SIG"] keeps ignoring ND30-TEXT-STRAY."""
    shutil.copy(SAMPLES / "defects" / "ND30-TEXT-STRAY--backtick-double-space.docx", tmp_path / "vb.docx")
    (tmp_path / "nd30check.toml").write_text('fail-on = "warning"\nignore = ["ND30-TEXT-STRAY"]\n'
                                             '[severity]\nND30-BODY-INDENT = "error"\n'
                                             '[profiles.draft]\nignore = ["SIG"]\n', encoding="utf-8")
    f = _check_json("vb.docx", "--profile", "draft", cwd=tmp_path)["files"][0]
    assert "ND30-TEXT-STRAY" not in f["rules"] and not any(r.startswith("SIG-") for r in f["rules"])
    f = _check_json("vb.docx", cwd=tmp_path)["files"][0]
    assert "ND30-TEXT-STRAY" not in f["rules"] and "SIG-PRESENT" in f["rules"]


def test_progress_bar_fits_the_terminal_and_leaves_no_stale_line() -> None:
    from nd30check.progress import Progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    bar = Progress(3, True, stream=stream)
    long_name = "/x/" + "tên-tệp-rất-dài-" * 20 + ".docx"
    for width in (30, 60, 120):
        line = bar.line(long_name, width=width)
        assert len(line) <= width and "ETA" in line
    assert bar.line("a.docx", width=120).endswith("a.docx")
    bar.step(long_name)
    bar.step("b.docx")
    bar.close()
    out = stream.getvalue()
    assert out.count("\r\x1b[2K") == 3 and out.endswith("\r\x1b[2K")  # every step wipes the line first, and the end
    assert all(len(seg) <= 80 for seg in out.split("\r\x1b[2K"))


def test_bad_trust_files_are_refused_at_start_up(tmp_path: Path) -> None:
    junk = tmp_path / "goc.pem"
    junk.write_text("-----BEGIN CERTIFICATE-----\nkhông phải chứng thư\n-----END CERTIFICATE-----\n", encoding="utf-8")
    empty = tmp_path / "trong"
    empty.mkdir()
    key_only = tmp_path / "khoa.pem"
    key_only.write_bytes((SAMPLES / "demo-pki" / "demo-ca.key.pem").read_bytes())
    for args in (["--trust", str(junk)], ["--trust", str(empty)], ["--trust", str(key_only)], ["--crl", str(junk)]):
        t0 = time.monotonic()
        r = CliRunner().invoke(main, ["check", "--no-cache", *args, str(SAMPLES / "compliant")])
        assert r.exit_code == 2, (args, r.output)
        assert len(r.output.strip().splitlines()) == 1 and "tin cậy" in r.output and "Traceback" not in r.output
        assert time.monotonic() - t0 < 5
    ok = CliRunner().invoke(main, ["check", "--no-cache", "--no-progress", "--trust", str(SAMPLES / "demo-pki" / "demo-root.pem"),
                                   "--trust", str(SAMPLES / "demo-pki" / "demo-ca.pem"), str(QD_PDF)])
    assert ok.exit_code == 0, ok.output


def test_no_sha1_distrusts_sha1_signatures(tmp_path: Path) -> None:
    from pki import get_pki, plain_pdf, sign

    pki = get_pki(tmp_path / "pki")
    data = sign(plain_pdf(), pki.official, field="ChuKy", pki=pki, md="sha1")
    (tmp_path / "sha1.pdf").write_bytes(data)
    base = ["--trust", pki.files["root"], "--trust-only", "--crl", pki.files["crl"], "--crl", pki.files["root_crl"],
            "--select", "SIG-TRUST,SIG-ALGORITHM"]
    f = _check_json(str(tmp_path / "sha1.pdf"), *base)["files"][0]
    assert f["signatures"][0]["trusted"] is True and f["rules"]["SIG-ALGORITHM"] == "fail"  # a warning only
    f = _check_json(str(tmp_path / "sha1.pdf"), *base, "--no-sha1")["files"][0]
    assert f["signatures"][0]["trusted"] is not True and f["rules"]["SIG-TRUST"] != "pass"


def test_signed_results_are_not_reused_across_days(tmp_path: Path, monkeypatch) -> None:
    from nd30check import batch, cache, executor

    cache_dir = tmp_path / "cache"
    shutil.copy(QD_PDF, tmp_path / "ky.pdf")
    main_doc(tmp_path / "khong-ky.docx")
    args = ["check", "--no-progress", "--format", "json", "--select", "SIG,ND30-FONT", str(tmp_path)]
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_dir))
    first = _cli(*args)
    entries = {p: json.loads(p.read_text(encoding="utf-8")) for p in cache_dir.rglob("*.json")}
    assert len(entries) == 2
    stamps = {bool(d.get("signatures", {}) and d["signatures"].get("signatures")): d.get("checked_on") for d in entries.values()}
    assert stamps[True] == cache.today() and stamps[False] is None  # only the signed result is dated
    calls: list[str] = []
    real = executor.run_task

    def counting(job, task):
        calls.append(Path(task.path).name)
        return real(job, task)

    monkeypatch.setattr(executor, "run_task", counting)
    monkeypatch.setattr(batch, "make_executor", lambda config: executor.InlineExecutor())  # calls seen here
    assert _cli(*args, "-j", "1").output == first.output and calls == []  # same day: both from the cache
    for p, d in entries.items():  # the next day
        if d.get("checked_on"):
            d["checked_on"] = "2000-01-01"
            p.write_text(json.dumps(d), encoding="utf-8")
    _cli(*args)
    assert calls == ["ky.pdf"]  # the signed file is judged again; the unsigned one still comes from the cache
    calls.clear()
    _cli(*args, "--now", "2026-12-01T00:00:00+07:00")
    assert calls == ["khong-ky.docx", "ky.pdf"]  # another "now" is another key
    calls.clear()
    _cli(*args, "--now", "2026-12-01T00:00:00+07:00")
    assert calls == []  # a fixed "now" makes the result reusable on any day


def test_a_signed_file_is_read_once(monkeypatch, tmp_path: Path) -> None:
    """The document reader and the signature verifier share one read of the bytes."""
    import builtins
    import io as io_module

    from nd30check.check import check_path
    from nd30check.config import load_config

    cfg = load_config(SAMPLES / "nd30check.toml", {"cache": False})
    for sample in (QD_PDF, SAMPLES / "compliant" / "qd-ubnd-thanh-lap-to-cong-tac.docx"):
        opened: list[str] = []
        real_open, real_os_open = builtins.open, os.open

        def spy_open(file, *a, **kw):
            if str(file) == str(sample):
                opened.append("open")
            return real_open(file, *a, **kw)

        def spy_os_open(file, *a, **kw):
            if str(file) == str(sample):
                opened.append("os.open")
            return real_os_open(file, *a, **kw)

        monkeypatch.setattr(builtins, "open", spy_open)
        monkeypatch.setattr(io_module, "open", spy_open)  # zipfile and pypdf open files through io.open
        monkeypatch.setattr(os, "open", spy_os_open)
        res = check_path(sample, cfg)
        monkeypatch.setattr(builtins, "open", real_open)
        monkeypatch.setattr(io_module, "open", real_open)
        monkeypatch.setattr(os, "open", real_os_open)
        assert len(res.signatures.signatures) == 2 and res.verdict == "compliant"
        # one read (inputs.read_input); the sniffer, the document reader and both signature
        # passes (detection, verification) work on those bytes
        assert opened == ["os.open"], (sample.name, opened)


# --------------------------------------------------------------------------------- item 6


def test_main_document_naming_a_missing_appendix(tmp_path: Path) -> None:
    shutil.copy(KH05, tmp_path / KH05.name)  # its text: "chi tiết tại Phụ lục I và Phụ lục II kèm theo"
    f = _check_json(str(tmp_path / KH05.name), "--select", "BUNDLE")["files"][0]
    assert f["rules"]["BUNDLE-ORPHAN"] == "fail"
    (finding,) = f["findings"]
    assert "Phụ lục II" in finding["message"] and finding["severity"] == "warning"
    assert (finding["expected"], finding["actual"]) == ("Phụ lục I, Phụ lục II", "Phụ lục I")  # I is in the file itself
    shutil.copy(SAMPLES / "compliant" / "pl-rieng-kh05-phu-luc-ii.docx", tmp_path / "pl2.docx")
    files = {Path(x["path"]).name: x for x in _check_json(str(tmp_path), "--select", "BUNDLE")["files"]}
    assert files[KH05.name]["rules"]["BUNDLE-ORPHAN"] == "pass" and files["pl2.docx"]["rules"]["BUNDLE-ORPHAN"] == "pass"
    assert files["pl2.docx"]["appendix_of"].endswith(KH05.name)


def test_a_document_naming_no_appendix_or_another_texts_appendix(tmp_path: Path) -> None:
    from nd30check.structure.appendix_names import named_in

    assert named_in("Kinh phí dự kiến chi tiết tại Phụ lục I và Phụ lục II kèm theo.") == ["I", "II"]
    assert named_in("(có Phụ lục 01, 02 đính kèm)") == ["1", "2"]
    assert named_in("Thể thức theo Phụ lục I ban hành kèm theo Nghị định số 30/2020/NĐ-CP.") == []
    assert named_in("Biểu mẫu tại Phụ lục III của Thông tư số 01/2011/TT-BNV kèm theo văn bản này.") == []
    assert named_in("Xem thêm Phụ lục II.") == []  # no word says it comes with this document
    main_doc(tmp_path / "kh.docx")
    appendix_doc(tmp_path / "kh_PL1.docx")
    files = {Path(x["path"]).name: x for x in _check_json(str(tmp_path), "--select", "BUNDLE")["files"]}
    assert files["kh.docx"]["rules"]["BUNDLE-ORPHAN"] == "not-applicable"
    assert files["kh_PL1.docx"]["rules"]["BUNDLE-ORPHAN"] == "pass"
