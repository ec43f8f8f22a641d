"""Hostile entries in the input never crash or hang a run (issue 8, item 5).

Each of these once stopped a whole run: a symbolic-link loop inside a checked folder (a
traceback from the walk), a file name that is not UTF-8 (every report writer died on it), a
FIFO or a link to /dev/zero or /dev/urandom named ``x.pdf`` (the run blocked forever). Now each
is a per-file FILE-UNREADABLE or a skipped entry with a reason; every report is complete and
the exit code is 2. The runs are real subprocesses with a time limit: a hang fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import hostile  # noqa: E402
from batchkit import main_doc  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and symbolic links")


def _nd30(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CI", None)
    return subprocess.run([sys.executable, "-m", "nd30check.cli", *args], capture_output=True, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile") / "van-ban"
    main_doc(d / "kh.docx")
    for build in hostile.SPECIAL.values():
        build(d)
    hostile.device_link(d / "con", "/dev/urandom", "ngau-nhien.pdf")
    yield d
    for p in list(d.rglob("*")):  # links and FIFOs would upset pytest's clean-up of old folders
        if p.is_symlink() or (p.exists() and not p.is_file() and not p.is_dir()):
            p.unlink()


def test_folder_with_hostile_entries_gives_a_complete_report(folder: Path) -> None:
    p = _nd30("check", str(folder), "--no-cache", "--format", "json")
    assert p.returncode == 2, p.stderr.decode(errors="replace")[-2000:]
    assert b"Traceback" not in p.stderr
    doc = json.loads(p.stdout)
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert by_name["kh.docx"]["error"] is None  # the good file is checked as usual
    assert by_name["vong.docx"]["error"]["code"] == "not-a-file"  # the loop named like a document
    assert by_name["ong.pdf"]["error"]["code"] == "not-a-file"  # the FIFO
    odd = [n for n in by_name if n.startswith("b")]
    assert odd == ["b\\xe1o-c\\xe1o-\\xff.docx"] and by_name[odd[0]]["error"] is None  # read fine, shown escaped
    reasons = {(Path(s["path"]).name, s["reason"]) for s in doc["skipped"]}
    assert ("khong-dung.pdf", "link-outside") in reasons  # /dev/zero: outside the folder, never followed
    assert ("ngau-nhien.pdf", "link-outside") in reasons
    assert {("a", "link-loop"), ("b", "link-loop")} <= reasons
    assert doc["summary"]["unreadable"] == 2 and doc["summary"]["skipped"] == len(doc["skipped"])


@pytest.mark.parametrize("fmt", ["text", "html", "junit", "csv", "csv-files", "sarif"])
def test_every_report_format_survives_them(folder: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"bao-cao.{fmt}"
    p = _nd30("check", str(folder), "--no-cache", "--format", fmt, "-o", str(out))
    assert p.returncode == 2 and b"Traceback" not in p.stderr, p.stderr.decode(errors="replace")[-2000:]
    text = out.read_text(encoding="utf-8")  # valid UTF-8 all through
    assert ("%5Cxff" if fmt == "sarif" else "\\xff") in text  # the non-UTF-8 name, escaped, is in the report
    if fmt == "junit":
        assert ET.fromstring(text.encode()).find("testsuite").get("errors") == "2"
    if fmt == "sarif":
        json.loads(text)


def test_devices_and_fifos_named_on_the_command_line(folder: Path) -> None:
    """Given explicitly, a device or FIFO is reported unreadable at once, never read."""
    p = _nd30("check", str(folder / "khong-dung.pdf"), str(folder / "con" / "ngau-nhien.pdf"), str(folder / "ong.pdf"),
              str(folder / "kh.docx"), "--no-cache", "--format", "json", timeout=60)
    assert p.returncode == 2, p.stderr.decode(errors="replace")[-2000:]
    files = json.loads(p.stdout)["files"]
    assert [f["error"]["code"] if f["error"] else None for f in files] == ["not-a-file", "not-a-file", "not-a-file", None]
    assert "thiết bị" in files[0]["error"]["message"] and "FIFO" in files[2]["error"]["message"]


def test_text_report_on_stdout_with_a_non_utf8_name(folder: Path) -> None:
    p = _nd30("check", str(folder), "--no-cache")
    assert p.returncode == 2 and b"Traceback" not in p.stderr
    out = p.stdout.decode("utf-8")
    assert "b\\xe1o-c\\xe1o-\\xff.docx" in out
    assert "Bỏ qua:" in out and "vòng lặp" in out


def test_audit_survives_them(folder: Path) -> None:
    p = _nd30("audit", str(folder), "--no-cache", "--format", "json")
    assert p.returncode == 2 and b"Traceback" not in p.stderr
    assert "audit" in json.loads(p.stdout)


def test_a_file_that_is_swapped_or_capped_is_never_read_past_the_cap(tmp_path: Path) -> None:
    from nd30check.inputs import read_input
    from nd30check.model import UnreadableError

    big = tmp_path / "lon.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    assert len(read_input(str(big), max_bytes=6000)) == 5009
    with pytest.raises(UnreadableError) as exc:
        read_input(str(big), max_bytes=1000)
    assert exc.value.code == "too-large"
    with pytest.raises(UnreadableError) as exc:
        read_input(str(tmp_path))
    assert exc.value.code == "not-a-file"
