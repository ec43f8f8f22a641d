"""`nd30check fix` from the command line: copies, --diff, refusals and exit codes, folders,
-o/--suffix, and `nd30check rules` marking what it fixes."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from nd30check.cli import main

ROOT = Path(__file__).resolve().parent.parent
DEFECTS = ROOT / "samples" / "defects"


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _copy(tmp: Path, name: str, as_name: str | None = None) -> Path:
    dst = tmp / (as_name or name)
    shutil.copy(DEFECTS / name, dst)
    return dst


def test_fix_writes_a_copy_next_to_the_input(tmp_path: Path) -> None:
    src = _copy(tmp_path, "ND30-MARGIN--left-20mm.docx", "du-thao.docx")
    h = sha(src)
    code, out = run("fix", str(src))
    assert code == 0, out
    assert (tmp_path / "du-thao.da-sua.docx").exists() and sha(src) == h
    assert "Đã ghi bản sửa" in out and "lề trái 20 mm → 30 mm" in out
    code, out = run("check", "--profile", "draft", str(tmp_path / "du-thao.da-sua.docx"))
    assert "ND30-MARGIN" not in out


def test_diff_shows_every_change_and_writes_nothing(tmp_path: Path) -> None:
    src = _copy(tmp_path, "ND30-BODY-SIZE--12pt.docx")
    code, out = run("fix", "--diff", str(src))
    assert code == 1  # like ruff --diff: there is something to change
    lines = [line for line in out.splitlines() if "ND30-BODY-SIZE" in line and "→" in line]
    assert len(lines) == 4 and all("đoạn" in line and "cỡ chữ 12 → 13" in line and "«" in line for line in lines)
    assert "chưa ghi" in out and list(tmp_path.iterdir()) == [src]
    code, out = run("fix", "--diff", "--lang", "en", str(src))
    assert "paragraph" in out and "size 12 → 13" in out and "not written" in out


def test_suffix_and_output(tmp_path: Path) -> None:
    src = _copy(tmp_path, "ND30-COLOR--blue-paragraph.docx", "a.docx")
    assert run("fix", "--suffix", ".ok", str(src))[0] == 0 and (tmp_path / "a.ok.docx").exists()
    assert run("fix", "-o", str(tmp_path / "b.docx"), str(src))[0] == 0 and (tmp_path / "b.docx").exists()
    other = _copy(tmp_path, "ND30-FONT--arial-one-paragraph.docx", "c.docx")
    code, out = run("fix", "-o", str(tmp_path / "d.docx"), str(src), str(other))
    assert code == 2 and "thư mục" in out
    outdir = tmp_path / "out"
    outdir.mkdir()
    assert run("fix", "-o", str(outdir), str(src), str(other))[0] == 0
    assert sorted(p.name for p in outdir.iterdir()) == ["a.da-sua.docx", "c.da-sua.docx"]


def test_a_folder_is_fixed_once(tmp_path: Path) -> None:
    """A folder: its .docx files; the copies a run wrote are not fixed again by the next run."""
    for name in ("ND30-TN-TEXT--en-dash.docx", "ND30-DATE-FORMAT--day-not-padded.docx"):
        _copy(tmp_path, name)
    code, out = run("fix", str(tmp_path))
    assert code == 0, out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["ND30-TN-TEXT--en-dash.docx", "ND30-TN-TEXT--en-dash.da-sua.docx",
                            "ND30-DATE-FORMAT--day-not-padded.docx", "ND30-DATE-FORMAT--day-not-padded.da-sua.docx"])
    hashes = {p.name: sha(p) for p in tmp_path.iterdir()}
    code, out = run("fix", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert {p.name: sha(p) for p in tmp_path.iterdir()} == hashes  # the same copies, rewritten identically


def test_refusals_and_their_exit_codes(tmp_path: Path) -> None:
    signed = tmp_path / "signed.docx"
    shutil.copy(ROOT / "samples" / "compliant" / "qd-ubnd-thanh-lap-to-cong-tac.docx", signed)
    h = sha(signed)
    code, out = run("fix", str(signed))
    assert code == 3 and "chữ ký số" in out and "mất hiệu lực" in out and sha(signed) == h
    assert not (tmp_path / "signed.da-sua.docx").exists()
    pdfs = sorted((ROOT / "samples" / "pdf" / "defects").glob("*.pdf"))
    if pdfs:
        code, out = run("fix", str(pdfs[0]))
        assert code == 3 and ".docx" in out and "xuất lại PDF" in out
    bad = _copy(tmp_path, "FILE-UNREADABLE--truncated-zip.docx")
    code, out = run("fix", str(bad))
    assert code == 2 and "không đọc được" in out
    code, out = run("fix", "--lang", "en", str(signed))
    assert code == 3 and "digitally signed" in out


def test_findings_left_for_the_author_give_exit_code_1(tmp_path: Path) -> None:
    src = _copy(tmp_path, "ND30-SO-FORMAT--not-zero-padded.docx")
    code, out = run("fix", str(src))
    assert code == 1 and "cần sửa tay" in out and "Cách sửa" in out
    assert not (tmp_path / "ND30-SO-FORMAT--not-zero-padded.da-sua.docx").exists()
    assert run("fix", "--fail-on", "never", str(src))[0] == 0


def test_select_and_rules_options(tmp_path: Path) -> None:
    src = _copy(tmp_path, "ND30-BODY-SIZE--12pt.docx")
    code, out = run("fix", "--diff", "--select", "ND30-FONT", str(src))
    assert "→" not in out
    org = tmp_path / "org.toml"
    org.write_text('[[rule]]\nid = "ND30-BODY-SIZE"\nparams = { min = 14.0, max = 14.0 }\n', encoding="utf-8")
    code, out = run("fix", "--diff", "--rules", str(org), str(src))
    assert "cỡ chữ 12 → 14" in out
    assert run("fix", "--select", "NO-SUCH-RULE", str(src))[0] == 2


def test_rules_command_marks_fixable_rules() -> None:
    code, out = run("rules")
    lines = {line.split()[0]: line for line in out.splitlines() if line[:4] in ("ND30", "FILE", "SIG-")}
    assert "[sửa tự động]" in lines["ND30-MARGIN"] and "[sửa tự động]" not in lines["ND30-SO-TYPE"]
    assert "nd30check fix" in out
    code, out = run("rules", "--format", "json")
    data = {r["id"]: r for r in json.loads(out)}
    assert data["ND30-FONT"]["fixable"] is True and data["SIG-TRUST"]["fixable"] is False
