"""Checking many files: walk, cache, an executor, bundles → a :class:`~nd30check.results.RunResult`.

Order of work: (1) walk the paths (deterministic order); (2) check every file, from the
cache when its bytes and the settings are unchanged, otherwise through an executor
(:mod:`nd30check.executor`: worker processes with a time and memory limit by default);
(3) group separate-file appendices with their main document (:mod:`nd30check.bundles`) and
check each appendix again with the main document's facts so ND30-PL-REF and the appendix
signature rules can compare them; (4) BUNDLE-ORPHAN both ways; (5) the run result, with what
the walk skipped and what the bundles decided written on the files.

Progress is a callback (:mod:`nd30check.progress`); nothing here prints.
"""

from __future__ import annotations

import gc
from typing import Any, Callable

from .bundles import apply_bundle_rules, bundle_info, find_bundles, mark_bundles
from .cache import ResultCache, file_digest, settings_key, time_dependent, today
from .check import unreadable_result
from .config import Config
from .executor import Executor, Job, Outcome, Task, make_executor, share_pack
from .progress import ProgressFn, make_progress
from .results import FileResult, RunResult, Skipped
from .rulepack import RulePack
from .serialize import result_from_dict, result_to_dict
from .walk import walk
from .words import Term

#: sink(index, result) sees every result as it arrives; what it returns is kept in its place
Sink = Callable[[int, FileResult], Any]


def _error_result(path: str, out: Outcome, config: Config, pack: RulePack) -> FileResult:
    """An executor could not get a result (timeout, a dead worker, out of memory)."""
    return unreadable_result(path, None, out.error or "crash", Term(f"worker-{out.error or 'crash'}", detail=out.detail),
                             pack, config)


class _Pass:
    """One pass of :func:`check_files`: the cache first, then the executor for the rest."""

    def __init__(self, files: list[str], config: Config, pack: RulePack, bundles: dict[str, Any],
                 digests: dict[str, str | None], progress: ProgressFn | None, sink: Sink | None) -> None:
        self.files, self.config, self.pack, self.bundles = files, config, pack, bundles
        self.digests, self.progress, self.sink = digests, progress, sink
        self.cache = ResultCache(config.cache_dir) if config.cache else None
        self.results: list[Any] = [None] * len(files)
        self.keys: dict[int, tuple[str, str]] = {}
        self.done = 0

    def lookup(self) -> list[Task]:
        """Fill the results the cache has; the tasks for the rest."""
        todo: list[Task] = []
        plain_key = settings_key(self.config, self.pack.digest, None) if self.cache is not None else ""
        day = today()
        for i, path in enumerate(self.files):
            bundle = self.bundles.get(path)
            hit = None
            if self.cache is not None:
                digest = self._digest(path)
                if digest:
                    skey = plain_key if bundle is None else settings_key(self.config, self.pack.digest, bundle)
                    self.keys[i] = (digest, skey)
                    hit = self.cache.get(digest, skey)
                    if hit is not None and not self.config.now and time_dependent(hit) and hit.get("checked_on") != day:
                        hit = None  # a signature verdict judged against yesterday's clock
            if hit is not None:
                hit["path"] = path
                self._keep(i, result_from_dict(hit))
            else:
                todo.append(Task(i, path, bundle))
        return todo

    def _digest(self, path: str) -> str | None:
        if path not in self.digests:
            try:
                self.digests[path] = file_digest(path)
            except (OSError, ValueError):  # not a regular file, too large, gone: checked uncached
                self.digests[path] = None
        return self.digests[path]

    def _keep(self, i: int, res: FileResult) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.files), res.path)
        self.results[i] = res if self.sink is None else self.sink(i, res)

    def store(self, i: int, res: FileResult) -> None:
        """A result from the executor: kept, and cached unless it may depend on the machine's
        load (timeouts, crashes) or the file changed between hashing and checking."""
        if self.cache is not None and i in self.keys and not (res.error and res.error.get("code") in ("timeout", "crash")) \
                and res.digest in (None, self.keys[i][0]):
            data = result_to_dict(res)
            if time_dependent(data):
                data["checked_on"] = today()
            self.cache.put(*self.keys[i], data)
        self._keep(i, res)


def check_files(files: list[str], config: Config, pack: RulePack, bundles: dict[str, Any] | None = None,
                progress: bool | None | ProgressFn = None, digests: dict[str, str | None] | None = None,
                sink: Sink | None = None, executor: Executor | None = None, roles: bool = False) -> list[Any]:
    """Check ``files`` (in that order), from the cache or through ``executor`` (by default the
    one the settings ask for: local worker processes).

    ``bundles``: appendix path → its main document's facts (the second pass). ``digests``
    memoises file hashes across the passes of one run. ``progress``: a callback, or
    True/False/None for the terminal bar. ``sink``: see :data:`Sink` (the audit database
    streams results and keeps a small summary per file). ``roles``: results carry roles."""
    digests = {} if digests is None else digests
    on_progress, close = make_progress(progress, len(files))
    run = _Pass(files, config, pack, bundles or {}, digests, on_progress, sink)
    # Loading thousands of cached results makes hundreds of thousands of small objects and no
    # cycles: the cyclic garbage collector would only rescan the growing heap again and again.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        todo = run.lookup()
    finally:
        if gc_was_on:
            gc.enable()
    try:
        if todo:
            share_pack(pack)  # the workers (forked, or this process) use the run's pack as it is
            job = Job(config, pack.digest, roles)
            for out in (executor or make_executor(config)).run(job, todo):
                path = files[out.index]
                run.store(out.index, result_from_dict(out.result) if out.result is not None else
                          _error_result(path, out, config, pack))
    finally:
        close()
    return [r for r in run.results if r is not None]


def run_batch(paths: list[str], config: Config, pack: RulePack, progress: bool | None | ProgressFn = None,
              executor: Executor | None = None, roles: bool = False) -> RunResult:
    """Walk, check (cache + executor), bundle appendices with their main documents.

    Results come in walk order (deterministic whatever the number of workers). Paths in the
    results are display text (a file name that is not UTF-8 shows its bytes as ``\\xNN``):
    every file has been read by then."""
    from .inputs import display_path

    skipped: list[Skipped] = []
    files = walk(paths, config.include, config.exclude, skipped)
    digests: dict[str, str | None] = {}
    results = check_files(files, config, pack, progress=progress, digests=digests, executor=executor, roles=roles)
    mains, orphans = find_bundles(results)
    if mains:
        infos = {a: bundle_info(m) for a, m in mains.items()}
        order = [p for p in files if p in infos]
        rechecked = {r.path: r for r in check_files(order, config, pack, bundles=infos, progress=False, digests=digests,
                                                    executor=executor, roles=roles)}
        results = [rechecked.get(r.path, r) for r in results]
    if config.cache:
        ResultCache(config.cache_dir).prune()
    apply_bundle_rules(results, mains, orphans, pack, config)
    for r in results:
        r.path = display_path(r.path)
    mark_bundles(results)
    return RunResult(results, [Skipped(display_path(s.path), s.reason, display_path(s.detail)) for s in skipped],
                     fail_on=config.fail_on, profile=config.profile)
