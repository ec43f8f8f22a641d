"""Folder walking and worker processes: determinism, symlinks, lock files, timeouts, crashes."""

from __future__ import annotations

import os
import time

from nd30check.walk import walk
from nd30check.workers import run_parallel


def test_walk_is_sorted_recursive_and_skips_locks_hidden_and_outside_links(tmp_path):
    root = tmp_path / "root"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    for rel in ["b/2.docx", "a/1.pdf", "a/~$1.docx", ".hidden/x.docx", "a/notes.txt", "z.doc", "a/.x.pdf"]:
        (root / rel).write_bytes(b"x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.docx").write_bytes(b"x")
    os.symlink(outside / "secret.docx", root / "link.docx")
    os.symlink(outside, root / "linkdir")
    got = [os.path.relpath(p, root) for p in walk([str(root)])]
    assert got == ["a/1.pdf", "b/2.docx", "z.doc"]
    assert walk([str(root)]) == walk([str(root)])


def test_walk_include_exclude(tmp_path):
    for rel in ["x/1.docx", "x/2.pdf", "y/3.pdf"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    only_pdf = [os.path.relpath(p, tmp_path) for p in walk([str(tmp_path)], include=["*.pdf"])]
    assert only_pdf == ["x/2.pdf", "y/3.pdf"]
    no_y = [os.path.relpath(p, tmp_path) for p in walk([str(tmp_path)], exclude=["y/*"])]
    assert no_y == ["x/1.docx", "x/2.pdf"]


def _task(path: str, extra) -> dict:
    if path == "hang":
        time.sleep(60)
    if path == "die":
        os._exit(3)
    if path == "raise":
        raise ValueError("boom")
    if path == "oom":
        raise MemoryError
    return {"path": path, "pid": os.getpid()}


def test_workers_survive_hangs_crashes_and_errors():
    tasks = [(i, p, None) for i, p in enumerate(["a", "hang", "b", "die", "c", "raise", "oom", "d"])]
    t0 = time.monotonic()
    out = dict(run_parallel(tasks, _task, jobs=2, timeout=1.5, memory_mb=2048))
    assert time.monotonic() - t0 < 20
    assert sorted(out) == list(range(8))
    assert out[1]["__error__"] == "timeout"
    assert out[3]["__error__"] == "crash"
    assert out[5]["__error__"] == "crash" and "boom" in out[5]["detail"]
    assert out[6]["__error__"] == "too-large"
    for i, name in [(0, "a"), (2, "b"), (4, "c"), (7, "d")]:
        assert out[i]["path"] == name
