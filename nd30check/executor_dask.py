"""The per-file checks on a Dask distributed cluster: ``--executor dask --scheduler ADDRESS``.

The main process keeps what the batch always keeps — the walk, the cache (it decides what is
cached before any task is sent), bundles, the results or the audit database's stream; this
executor only moves :func:`~nd30check.executor.run_task` to the cluster's workers. A worker
needs the same nd30check (checked: its version and a hash of the package's files), read access
to the files under the same paths (checked on a first file: shared storage mounted alike) and
the run's extra rule packs under the same paths (their digest is checked:
:class:`~nd30check.executor.PackMismatch`). A worker that differs stops the run with one clear
line (exit 2) rather than thousands of FILE-UNREADABLE results.

How a run goes:

* the :class:`~nd30check.executor.Job` (a few hundred bytes) goes with each task — a
  scattered copy would be lost with the workers holding it; the tasks go in chunks of up to :data:`CHUNK` files with a bounded number of
  chunks in flight, so neither the scheduler nor this process holds a future per file;
  outcomes come back as chunks complete (``as_completed``) and the batch takes each one at
  once (progress bar, cache, audit database), so this process grows only by what the batch
  keeps;
* on a worker a chunk runs through the local executor's pool
  (:func:`nd30check.workers.run_parallel`, one check process per worker thread): the same
  per-file time limit (``--timeout``) and memory limit (``memory-mb``), a file that hangs or
  kills its check process is FILE-UNREADABLE (timeout / crash) and the worker goes on;
* a worker that dies (killed, its machine lost) loses its chunks: the scheduler runs them on
  another worker; a chunk the scheduler gives up on (``KilledWorker``), or that failed outside
  the files' checks, is split and each of its files tried once more alone; a file that fails
  again is FILE-UNREADABLE (crash) — and a file whose worker dies while it is tried alone is a
  crash at once, not run again by the scheduler (:func:`run_alone`): a hostile file costs
  ``allowed-failures`` + 2 worker restarts, not twice ``allowed-failures`` + 2;
* a cluster that cannot be reached, has no worker, or loses its scheduler → ExecutorError.

``distributed`` is imported only here, only when this executor is used (the ``[dask]`` extra).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import threading
import uuid
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Sequence

from .config import Config
from .executor import Executor, ExecutorError, Job, Outcome, PackMismatch, Task, outcome_of, pack_for, prewarm, run_task

#: files per cluster task at most (a chunk is the unit that is scheduled, retried and streamed)
CHUNK = 32
#: seconds to reach the scheduler and to see a first worker; ``ND30CHECK_DASK_TIMEOUT`` overrides
CONNECT_TIMEOUT = 10.0
TIMEOUT_ENV = "ND30CHECK_DASK_TIMEOUT"
#: the plain formats every reader handles without LibreOffice
_NATIVE = (".docx", ".pdf")


class WorkerMismatch(RuntimeError):
    """A worker runs another nd30check than the main process (results would differ)."""


# --------------------------------------------------------------------------- on a worker

@functools.lru_cache(maxsize=1)
def code_identity() -> str:
    """nd30check's version and a hash of its code, rules and trust files — their bytes, not
    their dates: two machines that installed the same release at different times agree."""
    from . import __version__

    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for p in sorted([*root.rglob("*.py"), *root.glob("rules/*.toml"), *root.glob("data/trust/*")]):
        h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def _has_office() -> bool:
    from .readers.legacy.soffice import find_office

    return find_office() is not None


def worker_info(job: Job, probe: str | None) -> dict[str, Any]:
    """What the main process checks on every worker before a run (``Client.run``)."""
    info: dict[str, Any] = {"code": code_identity(), "office": _has_office()}
    try:
        pack_for(job)
    except Exception as exc:  # another pack, or an extra pack not found on this machine
        info["pack"] = str(exc)
    if probe is not None and not os.access(probe, os.R_OK):
        info["probe"] = probe
    return info


def _allow_children() -> None:
    """A nanny starts its worker as a daemonic process, and multiprocessing refuses children
    to those (they could be orphaned). Ours are not: run_parallel stops them after each chunk,
    and each one dies with its worker (:func:`_die_with_worker`)."""
    import multiprocessing

    proc = multiprocessing.current_process()
    if proc.daemon:
        proc.daemon = False


def _die_with_worker() -> None:
    """In a check process: be killed when the worker thread that started it dies (a worker
    killed mid-run leaves no check process behind, not even one stuck on a hostile file)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pipe closing still ends an idle one
        return
    if os.getppid() == 1:  # the worker died before the guard was set
        os._exit(1)


_GUARDED = False
_WARMING = threading.Lock()
_WARM = False


def _warm() -> None:
    """Import every reader and verifier once per worker process, before its first check
    process is forked, with the other worker threads held at the gate: a fork while another
    thread is importing could leave the child waiting forever on that module's lock."""
    global _WARM
    with _WARMING:
        if not _WARM:
            prewarm(["a.pdf", "a.docx"])
            _WARM = True


def _in_child(job: Job, _path: str, task: Task) -> dict[str, Any]:
    global _GUARDED
    if not _GUARDED:
        _die_with_worker()
        _GUARDED = True
    return run_task(job, task)


def run_chunk(job: Job, tasks: list[Task], timeout: float, memory_mb: int, code: str) -> list[Outcome]:
    """One chunk on a worker: refused whole if this worker's nd30check or rule pack is not the
    run's; otherwise each file in a check process with the time and memory limits."""
    from .workers import run_parallel

    if code_identity() != code:
        raise WorkerMismatch(f"nd30check {code_identity()} on this worker, the run uses {code}")
    pack_for(job)  # PackMismatch: the whole run stops, not one file
    _allow_children()
    _warm()
    fn = functools.partial(_in_child, job)
    return [outcome_of(i, out) for i, out in run_parallel([(t.index, t.path, t) for t in tasks], fn, 1, timeout, memory_mb)]


#: where single-file retries mark themselves started, in the scheduler's task metadata
MARKS = "nd30check-alone"


def run_alone(job: Job, task: Task, timeout: float, memory_mb: int, code: str, mark: list[str]) -> list[Outcome]:
    """A file tried once more alone (its chunk was lost). The scheduler runs a task whose
    worker died again, up to ``distributed.scheduler.allowed-failures`` times, and ``retries=``
    does not change that (it counts exceptions, not lost workers). So the task marks itself
    started in the scheduler's metadata: when it finds its mark, a worker already died running
    this very file alone, and it answers crash at once instead of bringing down another."""
    from distributed import get_client

    client = get_client()
    if client.get_metadata(mark, False):
        return [Outcome(task.index, error="crash",
                        detail="KilledWorker: the Dask worker checking this file alone died (it had already "
                               "brought down the worker of its chunk)")]
    client.set_metadata(mark, True)
    return run_chunk(job, [task], timeout, memory_mb, code)


# --------------------------------------------------------------------------- in the main process

_CLIENTS: dict[str, Any] = {}


def close_clients() -> None:
    """Close the connections to schedulers this process opened (at exit; tests)."""
    while _CLIENTS:
        _addr, client = _CLIENTS.popitem()
        try:
            client.close(timeout=5)
        except Exception:
            pass


atexit.register(close_clients)


def portable_config(config: Config) -> Config:
    """The run's settings with the paths a worker opens made absolute (its working folder is
    not ours)."""
    def absolute(paths: list[str]) -> list[str]:
        return [os.path.abspath(p) for p in paths]

    return replace(config, rules=absolute(config.rules), trust=absolute(config.trust), crl=absolute(config.crl),
                   ocsp=absolute(config.ocsp))


def public_address(address: str) -> str:
    """A scheduler address as it may be stored or shown: no user name, password, query or
    fragment (where a proxy's or a gateway's credentials would sit). A scheduler file's path
    is kept as it is."""
    if "://" not in address:
        return address
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(address)
        host = parts.netloc.rpartition("@")[2]
    except ValueError:  # not parsable: show only the scheme
        return address.split("://", 1)[0] + "://?"
    return f"{parts.scheme}://{host}{parts.path}"


def executor_settings(config: Config) -> dict[str, Any]:
    """Which executor runs the checks, as a run's stored settings say it: ``local``, or
    ``dask`` with the scheduler's address (the one :class:`DaskExecutor` connects to,
    without credentials)."""
    if config.executor != "dask":
        return {"executor": config.executor, "scheduler": None}
    address = DaskExecutor.from_config(config).scheduler
    return {"executor": "dask", "scheduler": public_address(address) if address else None}


def _unreachable(address: str, exc: BaseException) -> ExecutorError:
    return ExecutorError(
        f"không kết nối được bộ lập lịch Dask {address} ({type(exc).__name__}: {exc}); kiểm tra `dask scheduler` "
        "đang chạy và địa chỉ, cổng (mặc định 8786)",
        f"cannot reach the Dask scheduler {address} ({type(exc).__name__}: {exc}); check that `dask scheduler` is "
        "running and the address and port (default 8786)")


def _release(client: Any, futures: list[Any]) -> None:
    """Cancel what is left on the cluster — unless the scheduler is gone (no waiting on it)."""
    if client.status != "running":
        return
    try:
        client.cancel(futures)
    except Exception:
        pass


@dataclass
class _Chunk:
    tasks: list[Task]
    retried: bool = False


class DaskExecutor(Executor):
    """Tasks on a Dask distributed cluster (see the module's description)."""

    def __init__(self, scheduler: str | None, timeout: float = 60.0, memory_mb: int = 1024,
                 connect_timeout: float | None = None, chunk: int = CHUNK) -> None:
        self.scheduler = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None
        self.timeout, self.memory_mb, self.chunk = timeout, memory_mb, chunk
        if connect_timeout is None:
            try:
                connect_timeout = float(os.environ.get(TIMEOUT_ENV, CONNECT_TIMEOUT))
            except ValueError:
                connect_timeout = CONNECT_TIMEOUT
        self.connect_timeout = connect_timeout

    @classmethod
    def from_config(cls, config: Config) -> "DaskExecutor":
        return cls(config.scheduler, config.timeout, config.memory_mb)

    # ---- connecting

    def connect(self) -> Any:
        """The client of the scheduler (one per address in this process, kept for the run's
        passes); a scheduler without a worker is refused."""
        address = self.scheduler
        if not address:
            raise ExecutorError("--executor dask cần --scheduler ĐỊA-CHỈ (ví dụ tcp://may-chu:8786) hoặc biến "
                                "DASK_SCHEDULER_ADDRESS",
                                "--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786) or "
                                "DASK_SCHEDULER_ADDRESS")
        client = _CLIENTS.get(address)
        if client is not None and client.status == "running":
            return client
        try:
            from distributed import Client
        except ImportError as exc:
            raise ExecutorError(f"--executor dask: chưa cài Dask ({exc}); cài bằng pip install \"nd30check[dask]\"",
                                f"--executor dask: Dask is not installed ({exc}); install it with "
                                "pip install \"nd30check[dask]\"") from None
        where = {"scheduler_file": address} if os.path.isfile(address) else {"address": address}
        try:
            client = Client(**where, timeout=self.connect_timeout, set_as_default=False)
        except Exception as exc:  # refused, timed out, a bad address: all mean the same to the user
            raise _unreachable(address, exc) from None
        try:
            client.wait_for_workers(1, timeout=self.connect_timeout)
        except Exception:
            client.close()
            raise ExecutorError(f"bộ lập lịch Dask {address} chưa có worker nào (chạy `dask worker {address}` "
                                "trên các máy kiểm tra)",
                                f"the Dask scheduler {address} has no worker (start `dask worker {address}` on the "
                                "checking machines)") from None
        _CLIENTS[address] = client
        return client

    def _preflight(self, client: Any, job: Job, tasks: Sequence[Task]) -> None:
        """Every worker present now runs our nd30check and rule pack and reads our files."""
        probe = next((t.path for t in tasks if t.data is None), None)
        legacy = any(not t.path.lower().endswith(_NATIVE) for t in tasks)
        mine, office = code_identity(), _has_office()
        for addr, info in sorted(client.run(worker_info, job, probe).items()):
            if info["code"] != mine:
                raise ExecutorError(f"worker {addr} chạy nd30check {info['code']}, máy này {mine}: cài cùng một bản "
                                    "trên mọi worker",
                                    f"worker {addr} runs nd30check {info['code']}, this machine {mine}: install the "
                                    "same release on every worker")
            if "pack" in info:
                raise ExecutorError(f"worker {addr}: bộ quy tắc khác — {info['pack']}",
                                    f"worker {addr}: another rule pack — {info['pack']}")
            if "probe" in info:
                raise ExecutorError(f"worker {addr} không đọc được {probe}: các tệp phải ở cùng đường dẫn trên mọi "
                                    "máy (ổ chia sẻ gắn cùng chỗ)",
                                    f"worker {addr} cannot read {probe}: the files must be at the same path on every "
                                    "machine (shared storage mounted at the same place)")
            if legacy and info["office"] != office:
                raise ExecutorError(f"worker {addr} {'có' if info['office'] else 'không có'} LibreOffice, máy này thì "
                                    "ngược lại: các tệp .doc sẽ được đọc khác nhau",
                                    f"worker {addr} {'has' if info['office'] else 'lacks'} LibreOffice, this machine "
                                    "the other way round: legacy .doc files would be read differently")

    # ---- running

    def run(self, job: Job, tasks: Sequence[Task]) -> Iterator[Outcome]:
        if not tasks:
            return
        client = self.connect()
        names = {t.index: t.path for t in tasks}
        sent = [t if t.data is not None else replace(t, path=os.path.abspath(t.path)) for t in tasks]
        job = replace(job, config=portable_config(job.config))
        self._preflight(client, job, sent)
        # the Job (a few hundred bytes) goes with each task, not scattered: a scattered Job dies
        # with the workers that hold it, and every task after that would be cancelled
        for out in self._stream(client, job, sent):
            if out.result is not None:
                out.result["path"] = names[out.index]
            yield out

    def _stream(self, client: Any, job: Job, tasks: list[Task]) -> Iterator[Outcome]:
        """Chunks in flight (a bounded number), outcomes as chunks complete, retries first."""
        from distributed import as_completed

        threads = max(1, sum(client.nthreads().values()))
        size = max(1, min(self.chunk, len(tasks) // (threads * 4)))
        queue = deque(_Chunk(tasks[i:i + size]) for i in range(0, len(tasks), size))
        limit, run_id, code = threads * 4, uuid.uuid4().hex[:12], code_identity()
        inflight: dict[Any, _Chunk] = {}
        marked: set[str] = set()
        done = as_completed(loop=client.loop)

        def feed() -> None:
            while queue and len(inflight) < limit:
                chunk = queue.popleft()
                key = f"nd30check-{run_id}-{chunk.tasks[0].index}-{int(chunk.retried)}"
                if chunk.retried:
                    fut = client.submit(run_alone, job, chunk.tasks[0], self.timeout, self.memory_mb, code,
                                        [MARKS, run_id, key], key=key, pure=False)
                    marked.add(run_id)
                else:
                    fut = client.submit(run_chunk, job, chunk.tasks, self.timeout, self.memory_mb, code, key=key,
                                        pure=False)
                inflight[fut] = chunk
                done.add(fut)

        feed()
        try:
            for fut in done:
                chunk = inflight.pop(fut)
                outcomes, again = self._settle(client, fut, chunk)
                del fut  # its result leaves the cluster's memory
                queue.extendleft(reversed(again))
                feed()
                yield from outcomes
        finally:
            if inflight:  # the caller stopped early (an error, Ctrl+C): nothing left running
                _release(client, list(inflight))
            if marked and client.status == "running":  # the run's marks leave the scheduler
                try:
                    client.set_metadata([MARKS, run_id], None)
                except Exception:
                    pass

    def _settle(self, client: Any, fut: Any, chunk: _Chunk) -> tuple[list[Outcome], list[_Chunk]]:
        """A finished chunk's outcomes, or its files to try again alone, or their crash."""
        from distributed.client import FutureCancelledError

        try:
            if fut.status == "finished":
                return fut.result(), []
            exc: BaseException | None = fut.exception() if fut.status == "error" else FutureCancelledError(fut.key, "")
        except FutureCancelledError as lost:  # forgotten by the scheduler between completion and fetch
            exc = lost
        if client.status != "running":
            raise ExecutorError("mất kết nối với bộ lập lịch Dask giữa chừng (các kết quả đã có được giữ lại)",
                                "lost the Dask scheduler during the run (results already received are kept)")
        if isinstance(exc, (PackMismatch, WorkerMismatch)):
            raise ExecutorError(f"một worker từ chối: {exc}", f"a worker refused: {exc}")
        if chunk.retried:
            detail = f"{type(exc).__name__}: {exc}"
            return [Outcome(t.index, error="crash", detail=detail) for t in chunk.tasks], []
        return [], [_Chunk([t], retried=True) for t in chunk.tasks]
