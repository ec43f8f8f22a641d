"""Worker processes with a per-file time and memory limit (the pool behind
:class:`nd30check.executor.LocalProcessExecutor`).

Each worker is a long-lived process that checks one file at a time and sends back a plain
dict. The parent watches the clock: a worker that exceeds the per-file time limit is
killed and replaced, and its file is reported as FILE-UNREADABLE (timeout); a worker that
dies (segfault, out of memory) is replaced the same way. The run always goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterator


def _current_vm_bytes() -> int:
    """Address space the worker already has at start (inherited from the parent by fork)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(memory_mb: int) -> None:
    """``memory_mb`` on top of what the worker starts with: a parent holding the results of
    10,000 files (inherited through fork) must not eat the budget meant for one file."""
    try:
        import resource

        limit = _current_vm_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _worker_main(conn: Connection, task_fn: Callable[[str, Any], dict], memory_mb: int) -> None:
    _limit_memory(memory_mb)
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        idx, path, extra = msg
        try:
            out = task_fn(path, extra)
        except MemoryError:
            out = {"__error__": "too-large"}
        except BaseException as exc:  # never let one file kill the worker silently
            out = {"__error__": "crash", "detail": repr(exc)}
        try:
            conn.send((idx, out))
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any, task_fn: Callable, memory_mb: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, task_fn, memory_mb), daemon=True)
        self.proc.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def give(self, idx: int, path: str, extra: Any) -> None:
        self.task = (idx, path)
        self.started = time.monotonic()
        self.conn.send((idx, path, extra))

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(timeout=2)
        except Exception:
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.kill()


def _death(w: _Worker) -> str:
    w.proc.join(timeout=1)
    code = w.proc.exitcode
    if code is not None and code < 0:
        return f"signal {-code}"
    return f"exit code {code}"


def _give(w: _Worker, task: tuple[int, str, Any]) -> None:
    """Hand a task over; a worker that died while idle leaves its pipe broken, which is
    noticed on the next wait (sentinel) and reported for this task as a crash."""
    try:
        w.give(*task)
    except (OSError, ValueError):
        w.task = (task[0], task[1])
        w.started = time.monotonic()


def _outcome(w: _Worker, ready: list[Any], timeout: float) -> dict | None:
    """What a busy worker has to say now: its answer, a crash (it died, or answered for
    another file), a timeout — or None while it is still working within its time."""
    idx = w.task[0] if w.task else -1
    if w.conn in ready:
        try:
            got_idx, outcome = w.conn.recv()
        except (EOFError, OSError):
            return {"__error__": "crash", "detail": _death(w)}
        if got_idx != idx:
            return {"__error__": "crash", "detail": "worker answered out of order"}
        return outcome
    if w.proc.sentinel in ready or not w.proc.is_alive():
        return {"__error__": "crash", "detail": _death(w)}
    if time.monotonic() - w.started > timeout:
        return {"__error__": "timeout", "detail": f"{timeout:g} s"}
    return None


def run_parallel(
    tasks: list[tuple[int, str, Any]],
    task_fn: Callable[[str, Any], dict],
    jobs: int,
    timeout: float,
    memory_mb: int,
) -> Iterator[tuple[int, dict]]:
    """Yield (index, result dict) as files finish; failures come as {"__error__": code}."""
    if not tasks:
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    pending = list(reversed(tasks))
    workers = [_Worker(ctx, task_fn, memory_mb) for _ in range(min(jobs, len(tasks)))]
    try:
        for w in workers:
            if pending:
                _give(w, pending.pop())
        while any(w.task for w in workers):
            busy = [w for w in workers if w.task]
            now = time.monotonic()
            wait_for = max(0.01, min(w.started + timeout - now for w in busy))
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for)
            for i, w in enumerate(workers):
                if not w.task:
                    continue
                idx, _path = w.task
                outcome = _outcome(w, ready, timeout)
                if outcome is None:
                    continue
                w.task = None
                if outcome.get("__error__") in ("crash", "timeout"):
                    # a hung or dead worker is never trusted with another file
                    w.kill()
                    workers[i] = w = _Worker(ctx, task_fn, memory_mb)
                yield idx, outcome
                if pending:
                    _give(w, pending.pop())
    finally:
        for w in workers:
            w.stop()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
