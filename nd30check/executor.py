"""How the per-file checks run: serialisable tasks in, serialisable results out.

The batch (:mod:`nd30check.batch`) decides *what* to check — the walk, the cache, bundles —
and hands an :class:`Executor` a :class:`Job` (what every task of the run shares: the settings
and the rule pack's digest) and :class:`Task` s (one file each: its path, or its bytes, and the
main document's facts when it is a matched appendix). The executor decides *where and how*:
it runs :func:`run_task` for each task and yields an :class:`Outcome` per task as it finishes,
in any order — a result as plain data (:mod:`nd30check.serialize`), or an error code when it
could not get one (``timeout``, ``crash``, ``too-large``), which the batch turns into
FILE-UNREADABLE. Time and memory limits, retries and the pool are the executor's business.

* :class:`LocalProcessExecutor` — forked worker processes on this machine, a per-file time and
  memory limit (:mod:`nd30check.workers`); the default.
* :class:`InlineExecutor` — in this process, one after another, no limits (tests, the golden
  outputs, a single file).

* :class:`~nd30check.executor_dask.DaskExecutor` — a Dask distributed cluster
  (``--executor dask --scheduler ADDRESS``), each file on a worker under the same limits.

Another executor is a small class: ship ``Job`` once, map
``run_task`` over the tasks on the workers (they need the same nd30check installed and read
access to the paths, or the tasks carry bytes), turn a lost worker into a retry and then an
``Outcome(error="crash")``. :func:`run_task` loads the rule pack on a worker from
``job.config.rules`` and refuses to check with a pack whose digest differs from the run's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from .config import Config
from .rulepack import RulePack, load_pack

ERRORS = ("timeout", "crash", "too-large")


@dataclass(frozen=True)
class Job:
    """What every task of one run shares."""

    config: Config
    pack_digest: str
    roles: bool = False  # results carry the recognised roles (golden outputs, debugging)


@dataclass(frozen=True)
class Task:
    """One file to check: ``path`` (read by the worker), or ``data`` — its bytes, when the
    caller holds them (an upload) and ``path`` only names them. ``bundle``: the main document's
    facts for a matched separate appendix (:func:`nd30check.bundles.bundle_info`)."""

    index: int
    path: str
    bundle: dict[str, Any] | None = None
    data: bytes | None = None


@dataclass
class Outcome:
    """What came back for one task: ``result`` (serialised FileResult) or ``error``."""

    index: int
    result: dict[str, Any] | None = None
    error: str | None = None  # one of ERRORS
    detail: str = ""


_PACKS: dict[str, RulePack] = {}


def share_pack(pack: RulePack) -> None:
    """Make ``pack`` the one :func:`run_task` uses for its digest in this process (and in the
    worker processes forked from it), instead of loading it again."""
    _PACKS[pack.digest] = pack


class PackMismatch(RuntimeError):
    """A worker's rule pack is not the run's (another version of an organisation's pack)."""


class ExecutorError(RuntimeError):
    """The executor cannot run the checks at all — a cluster that cannot be reached, a worker
    with another nd30check or rule pack: the run stops (exit 2) instead of reporting every
    file unreadable. Worded in both languages (the command line picks one)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(en)
        self.vi, self.en = vi, en

    def line(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


def pack_for(job: Job) -> RulePack:
    pack = _PACKS.get(job.pack_digest)
    if pack is None:
        pack = load_pack(job.config.rules)
        if pack.digest != job.pack_digest:
            raise PackMismatch(f"rule pack {pack.digest} on this worker, the run uses {job.pack_digest}")
        _PACKS[pack.digest] = pack
    return pack


def run_task(job: Job, task: Task) -> dict[str, Any]:
    """Check one task's file with the job's settings: the result as plain data. What every
    executor runs per file (never raises for anything the file contains)."""
    from . import faults
    from .check import check_path, check_source
    from .serialize import result_to_dict
    from .source import Source

    faults.inject(task.path)
    pack = pack_for(job)
    if task.data is not None:
        res = check_source(Source.from_bytes(task.data, task.path), job.config, pack, bundle=task.bundle,
                           want_roles=job.roles)
    else:
        res = check_path(task.path, job.config, pack, bundle=task.bundle, want_roles=job.roles)
    return result_to_dict(res)


class Executor:
    """Runs tasks; yields one :class:`Outcome` per task, as each finishes."""

    def run(self, job: Job, tasks: Sequence[Task]) -> Iterator[Outcome]:  # pragma: no cover - interface
        raise NotImplementedError

    def connect(self) -> None:
        """Make sure the executor can run (a cluster reachable) before any file is read;
        raises :class:`ExecutorError`. Nothing to do for the local ones."""


class InlineExecutor(Executor):
    """In this process, in order, without limits."""

    def run(self, job: Job, tasks: Sequence[Task]) -> Iterator[Outcome]:
        for task in tasks:
            try:
                yield Outcome(task.index, run_task(job, task))
            except MemoryError:
                yield Outcome(task.index, error="too-large")
            except Exception as exc:
                yield Outcome(task.index, error="crash", detail=repr(exc))


def _in_worker(job: Job, _path: str, task: Task) -> dict[str, Any]:
    return run_task(job, task)


class LocalProcessExecutor(Executor):
    """Forked worker processes with a per-file time and memory limit: a worker that exceeds
    the time is killed and replaced, one that dies is replaced; the run goes on."""

    def __init__(self, jobs: int | None = None, timeout: float = 60.0, memory_mb: int = 1024) -> None:
        from .workers import default_jobs

        self.jobs = jobs or default_jobs()
        self.timeout = timeout
        self.memory_mb = memory_mb

    @classmethod
    def from_config(cls, config: Config) -> "LocalProcessExecutor":
        return cls(config.jobs, config.timeout, config.memory_mb)

    def run(self, job: Job, tasks: Sequence[Task]) -> Iterator[Outcome]:
        from .workers import run_parallel

        if not tasks:
            return
        prewarm([t.path for t in tasks])
        fn = functools.partial(_in_worker, job)
        for idx, out in run_parallel([(t.index, t.path, t) for t in tasks], fn, self.jobs, self.timeout, self.memory_mb):
            yield outcome_of(idx, out)


def outcome_of(idx: int, out: dict[str, Any]) -> Outcome:
    """The :class:`Outcome` of what :func:`nd30check.workers.run_parallel` gave for a file."""
    if "__error__" in out:
        code = out["__error__"] if out["__error__"] in ERRORS else "crash"
        return Outcome(idx, error=code, detail=out.get("detail", ""))
    return Outcome(idx, out)


def make_executor(config: Config) -> Executor:
    """The executor a run's settings ask for: local worker processes, or a Dask cluster
    (``executor = "dask"``; :mod:`nd30check.executor_dask`, imported only then)."""
    if getattr(config, "executor", "local") == "dask":
        from .executor_dask import DaskExecutor

        return DaskExecutor.from_config(config)
    return LocalProcessExecutor.from_config(config)


def prewarm(paths: list[str]) -> None:
    """Import the readers, checks and (for PDFs) the signature verifier once in the parent,
    before the workers are forked: each worker then starts ready instead of spending
    0.2–0.7 s importing, and the imported code is shared between workers (copy-on-write).
    Never fatal: a module that fails to import here fails again, per file, in the worker."""
    try:
        from .engine import _load_checks
        from .readers import read_document  # noqa: F401
        from .structure import analyze  # noqa: F401

        _load_checks()
        if any(p.lower().endswith(".pdf") for p in paths):
            import pyhanko.sign.validation  # noqa: F401

            from .readers import pdf as _pdf  # noqa: F401
            from .signatures import pdf as _sig  # noqa: F401
            from .signatures import trust as _trust  # noqa: F401
        if any(p.lower().endswith(".docx") for p in paths):
            from .readers import docx as _docx  # noqa: F401
    except Exception:  # pragma: no cover - the worker reports the real problem per file
        pass
