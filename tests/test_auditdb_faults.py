"""What goes wrong on a real night, done for real: a killed audit process, a full disk, a
PostgreSQL server stopped mid-run, two runs at once. Each gives one clear line and exit 2
(or waits its turn), never a run recorded as complete that did not finish, and never a
loss of what earlier runs recorded; the next run picks up the results already stored.

The slow run is a real ``nd30check audit`` process over a generated bulk folder, one worker,
with the batch's test hook making the worker hang on one file (``ND30CHECK_TEST_FAULT``), so
the process is certainly mid-run, with results committed, when the test strikes.

The full disk is a real tmpfs of a few MB mounted by the test (root only, as in CI and on
this machine; elsewhere the test skips and says so), filled with a filler file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import auditkit as kit  # noqa: E402
import pgserver  # noqa: E402

BULK = 130
HANG = f"hang:{BULK - 10:04d}-"  # the 120th file: a chunk of 100 results committed before it


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    return {"small": kit.day1(tmp / "small"), "bulk": kit.bulk(tmp / "bulk", BULK)}


def _slow(folder: Path, url: str, *extra: str) -> subprocess.Popen:
    return kit.popen(*kit.audit_args(folder, url, kit.DAY1, "-j", "1", *extra), env={"ND30CHECK_TEST_FAULT": HANG})


def _wait(url: str, results_at_least: int, proc: subprocess.Popen, seconds: float = 240) -> None:
    """Until the slow run has committed a chunk of results (while it is still running)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        assert proc.poll() is None, proc.communicate()
        try:
            n = kit.query(url, "SELECT COUNT(*) FROM results")[0][0]
            running = kit.query(url, "SELECT COUNT(*) FROM runs WHERE status = 'running'")[0][0]
        except Exception:
            n, running = 0, 0
        if n >= results_at_least and running:
            return
        time.sleep(0.3)
    raise AssertionError("the slow run never committed its first results")


def _complete_report(url: str) -> str:
    rep = kit.report(url, now=kit.DAY1)
    rep.pop("database")
    return json.dumps(rep, sort_keys=True, ensure_ascii=False)


def _one_line(stderr: str) -> str:
    assert stderr.count("\n") == 1 and stderr.startswith("nd30check: ") and "Traceback" not in stderr, stderr
    return stderr


def _recover(folder: Path, url: str, interrupted_run: int) -> None:
    """The next run of the same folder completes, says the broken run was interrupted, and
    reuses what it had recorded instead of checking it again."""
    r = kit.nd30(*kit.audit_args(folder, url, kit.DAY1))
    assert r.returncode in (0, 1) and r.stderr == "", r.stderr
    status = dict(kit.query(url, "SELECT id, status FROM runs"))
    assert status[interrupted_run] == "interrupted"
    (last,) = kit.query(url, "SELECT files, checked_files, reused_files FROM runs WHERE status = 'complete' "
                             "ORDER BY id DESC LIMIT 1")
    assert last[0] == BULK and last[2] >= 90 and last[1] <= BULK - 90, last


def test_killed_run_is_never_complete_and_loses_nothing(folders, tmp_path):
    url = str(tmp_path / "h.sqlite")
    assert kit.nd30(*kit.audit_args(folders["small"], url, kit.DAY1)).returncode in (0, 1)
    before = _complete_report(url)
    proc = _slow(folders["bulk"], url)
    try:
        _wait(url, 18 + 90, proc)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the audit and its worker, as a killed cron job or a power cut
        proc.wait()
    assert kit.query(url, "SELECT id, status FROM runs ORDER BY id") == [(1, "complete"), (2, "running")]
    assert _complete_report(url) == before  # the half run is invisible; the first run is intact
    assert kit.query(url, "SELECT COUNT(*) FROM observations WHERE run_id = 2") == [(0,)]
    _recover(folders["bulk"], url, 2)


def test_ctrl_c_marks_the_run_interrupted(folders, tmp_path):
    url = str(tmp_path / "h.sqlite")
    proc = _slow(folders["bulk"], url)
    try:
        _wait(url, 90, proc)
        proc.send_signal(signal.SIGINT)  # Ctrl-C at the terminal
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130 and "không được ghi là hoàn tất" in _one_line(err)
    assert kit.query(url, "SELECT status FROM runs") == [("interrupted",)]
    _recover(folders["bulk"], url, 1)


def _mount_tmpfs(where: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs for a real full disk needs root (CI runs as root)")
    where.mkdir()
    out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=1777", "tmpfs", str(where)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here for a real full disk: {out.stderr.strip()}")


def _fill(folder: Path, leave: int) -> Path:
    """A filler file that leaves ``leave`` bytes free on the file system of ``folder``."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    filler = folder / "filler.bin"
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))
    return filler


def test_full_disk_sqlite(folders, tmp_path):
    mnt = tmp_path / "tiny"
    _mount_tmpfs(mnt, "4m")
    try:
        url = str(mnt / "h.sqlite")
        assert kit.nd30(*kit.audit_args(folders["small"], url, kit.DAY1)).returncode in (0, 1)
        before = _complete_report(url)
        (stored,) = kit.query(url, "SELECT COUNT(*) FROM results")[0]
        filler = _fill(mnt, 400 * 1024)  # room for about one chunk of results, not for the run
        r = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
        assert r.returncode == 2
        line = _one_line(r.stderr)
        assert "đầy" in line and "#2 chưa được ghi trọn" in line, line
        assert kit.query(url, "SELECT COUNT(*) FROM results")[0][0] > stored  # it failed mid-run, not at the start
        assert _complete_report(url) == before
        assert [s for (s,) in kit.query(url, "SELECT status FROM runs ORDER BY id")][0] == "complete"
        assert len(kit.query(url, "SELECT id FROM runs WHERE status = 'complete'")) == 1
        en = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1, "--lang", "en"))
        assert en.returncode == 2 and ("full" in en.stderr or "no space" in en.stderr), en.stderr
        filler.unlink()
        r = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
        assert r.returncode in (0, 1) and r.stderr == "", r.stderr
        assert len(kit.query(url, "SELECT id FROM runs WHERE status = 'complete'")) == 2
        (reused,) = kit.query(url, "SELECT reused_files FROM runs WHERE status = 'complete' ORDER BY id DESC LIMIT 1")[0]
        assert reused >= 90  # what the failed run stored is used, not checked again
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_full_disk_postgresql(folders, tmp_path):
    """The server's own disk fills up mid-run (its data folder on a tiny tmpfs)."""
    import shutil
    import tempfile

    outer = Path(tempfile.mkdtemp(prefix="nd30-tinypg-"))  # the server's user must reach it: not under tmp_path
    outer.chmod(0o755)
    mnt = outer / "mnt"
    _mount_tmpfs(mnt, "96m")
    server = None
    try:
        why = pgserver.unavailable()
        if why:
            pytest.skip(why)
        server = pgserver.PgServer(mnt / "pg")
        url = server.create_database()
        assert kit.nd30(*kit.audit_args(folders["small"], url, kit.DAY1)).returncode in (0, 1)
        before = _complete_report(url)
        filler = _fill(mnt, 256 * 1024)
        r = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
        assert r.returncode == 2
        line = _one_line(r.stderr)
        # the server refuses to extend a table (disk full), or stops when it cannot write its log
        assert "hết chỗ" in line or "kết nối" in line, line
        filler.unlink()
        if not server.running():
            server.start()  # crash recovery: what was committed is there
        assert _complete_report(url) == before
        r = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
        assert r.returncode in (0, 1) and r.stderr == "", r.stderr
        assert len(kit.query(url, "SELECT id FROM runs WHERE status = 'complete'")) == 2
    finally:
        if server is not None:
            server.stop("immediate")
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
        shutil.rmtree(outer, ignore_errors=True)


def test_concurrent_runs_sqlite(folders, tmp_path):
    url = str(tmp_path / "h.sqlite")
    proc = _slow(folders["bulk"], url, "--timeout", "4")
    try:
        _wait(url, 90, proc)
        same = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
        assert same.returncode == 2
        assert "một lần kiểm tra khác" in _one_line(same.stderr)
        other = kit.nd30(*kit.audit_args(folders["small"], url, kit.DAY1))  # another folder: runs alongside
        assert other.returncode in (0, 1) and other.stderr == "", other.stderr
        proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 2  # the hung file timed out: FILE-UNREADABLE, recorded as such
    statuses = kit.query(url, "SELECT scope, status, files FROM runs ORDER BY id")
    assert [s for _scope, s, _f in statuses] == ["complete", "complete"]
    assert sorted(f for *_x, f in statuses) == [18, BULK]
    # one database, two folders (two departments, say): the report covers both, or one
    both = kit.report(url, now=kit.DAY1)
    small = kit.report(url, [str(folders["small"])], now=kit.DAY1)
    bulk = kit.report(url, [str(folders["bulk"])], now=kit.DAY1)
    assert len(both["latest_runs"]) == 2 and len(small["latest_runs"]) == 1
    assert both["totals"]["documents"] == small["totals"]["documents"] + bulk["totals"]["documents"]
    assert small["totals"]["documents"] == 16


@pytest.fixture()
def pg_alone():
    """A server of its own: these tests stop it."""
    server = pgserver.start_or_skip()
    yield server
    server.close()


def test_postgresql_down_mid_run(folders, pg_alone):
    url = pg_alone.create_database()
    assert kit.nd30(*kit.audit_args(folders["small"], url, kit.DAY1)).returncode in (0, 1)
    before = _complete_report(url)
    proc = _slow(folders["bulk"], url, "--timeout", "3")
    try:
        _wait(url, 18 + 90, proc)
        pg_alone.stop("fast")
        _out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 2
    line = _one_line(err)
    assert "kết nối" in line and "postgresql://" in line, line
    # the server is down: a new run says so at once, before reading any file
    t0 = time.monotonic()
    r = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
    assert r.returncode == 2 and "kết nối" in _one_line(r.stderr) and time.monotonic() - t0 < 20
    pg_alone.start()
    assert _complete_report(url) == before
    assert kit.query(url, "SELECT id, status FROM runs ORDER BY id") == [(1, "complete"), (2, "running")]
    _recover(folders["bulk"], url, 2)


def test_postgresql_same_folder_twice(folders, pg_alone):
    url = pg_alone.create_database()
    proc = _slow(folders["bulk"], url, "--timeout", "4")
    try:
        _wait(url, 90, proc)
        same = kit.nd30(*kit.audit_args(folders["bulk"], url, kit.DAY1))
        assert same.returncode == 2 and "một lần kiểm tra khác" in _one_line(same.stderr)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # the killed run's advisory lock went with its connection: the folder can be audited again
    r = kit.nd30(*kit.audit_args(folders["small"], url, kit.DAY1))
    assert r.returncode in (0, 1), r.stderr
    _recover(folders["bulk"], url, 1)
