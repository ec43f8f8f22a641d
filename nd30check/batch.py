"""Checking many files: walk, cache, worker processes, bundles of main document + appendices.

Order of work: (1) walk the paths (deterministic order); (2) check every file, from the
cache when its bytes and the settings are unchanged, otherwise in worker processes with a
time and memory limit; (3) group separate-file appendices with their main document (by
file name, then by the "(Kèm theo … số …)" line) and re-check each appendix with the main
document's facts so ND30-PL-REF and the appendix signature rules can compare them;
(4) BUNDLE-ORPHAN for appendices whose main document is not in the batch, and for main
documents whose text names an appendix ("… Phụ lục II kèm theo") that is neither in the file
nor in the batch.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Callable

from .cache import ResultCache, file_digest, settings_key, time_dependent, today
from .check import FileResult, check_path, unreadable_result
from .config import Config
from .engine import RuleResult, render_finding, render_reason
from .rulepack import RulePack
from .serialize import result_from_dict, result_to_dict
from .walk import Skipped, walk
from .workers import default_jobs, run_parallel


class Batch(list):
    """The results of a run, in walk order (a list of :class:`FileResult`), plus what the walk
    left out with its reason (``skipped``: links out of the folder, folders that could not
    be listed…), so every report can say so."""

    skipped: list[Skipped]

    def __init__(self, results=(), skipped: list[Skipped] | None = None):
        super().__init__(results)
        self.skipped = list(skipped or [])

_ERRORS = {
    "timeout": ("Kiểm tra tệp vượt quá thời gian cho phép ({detail}).", "Checking the file took longer than allowed ({detail})."),
    "crash": ("Tiến trình kiểm tra tệp bị dừng đột ngột ({detail}).", "The process checking the file stopped unexpectedly ({detail})."),
    "too-large": ("Tệp cần nhiều bộ nhớ hơn giới hạn cho phép.", "The file needs more memory than allowed."),
}

# "<main>_PL1", "<main> - Phu luc II", "<main>-phuluc", "<main>.PL-3", "<main> appendix 1"
_PL_SUFFIX = re.compile(
    r"^(?P<base>.*?)[\s_.\-]*(?:pl|phu[\s_\-]*luc|phuluc|appendix)[\s_.\-]*(?P<num>[ivxlc]+|\d+[a-z]?)?$", re.IGNORECASE)
# "PL1_<main>", "Phu luc II - <main>" (a separator is required before the main name)
_PL_PREFIX = re.compile(
    r"^(?:pl|phu[\s_\-]*luc|phuluc)[\s_.\-]*(?:[ivxlc]+|\d+[a-z]?)?[\s_.\-]+(?P<base>.+)$", re.IGNORECASE)


from .text.fold import strip_accents as _ascii_fold  # noqa: E402  (file names compared without accents)


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def appendix_base_name(path: str) -> str | None:
    """The main document's file stem an appendix file is named after, or None when the name
    does not mark an appendix: '45-KH-UBND_PL1.pdf' → '45-kh-ubnd', 'Phụ lục II - KH45.docx'
    → 'kh45'. Only a hint: the "(Kèm theo … số …)" line inside decides when names say nothing."""
    stem = _ascii_fold(_stem(path)).strip()
    for pattern in (_PL_SUFFIX, _PL_PREFIX):
        m = pattern.match(stem)
        if m and m.group("base").strip(" _.-"):
            return m.group("base").strip(" _.-").lower()
    return None


def _test_fault(path: str) -> None:
    """TEST-ONLY hook, off unless the environment variable is set: with
    ``ND30CHECK_TEST_FAULT="hang:NAME,kill:NAME"`` the worker checking a file whose path
    contains NAME sleeps forever or kills itself with SIGKILL, so end-to-end tests can show
    that one stuck or dead worker does not stop a run. Production runs never set it."""
    spec = os.environ.get("ND30CHECK_TEST_FAULT")
    if not spec:
        return
    for item in spec.split(","):
        what, _, name = item.partition(":")
        if name and name in path:
            if what == "hang":
                time.sleep(3600)
            elif what == "kill":
                import signal

                os.kill(os.getpid(), signal.SIGKILL)


def _task(config: Config, pack: RulePack, path: str, bundle: Any) -> dict:
    _test_fault(path)
    return result_to_dict(check_path(path, config, pack, bundle=bundle))


def _prewarm(paths: list[str]) -> None:
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


def _error_result(path: str, out: dict, config: Config, pack: RulePack) -> FileResult:
    code = out.get("__error__", "crash")
    vi, en = _ERRORS.get(code, _ERRORS["crash"])
    detail = out.get("detail", "")
    return unreadable_result(path, None, code, vi.format(detail=detail), en.format(detail=detail), pack, config)


class Progress:
    """A one-line progress bar on stderr, only for a person at a terminal.

    The line is cut to the terminal's width (asked again at every step: the window may be
    resized) and wiped with ``ESC [2K`` at the end, so no stale text is left behind."""

    def __init__(self, total: int, enabled: bool | None, stream=None):
        self.stream = stream or sys.stderr
        if enabled is None:
            ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
            enabled = self.stream.isatty() and not ci and os.environ.get("TERM") != "dumb"
        self.enabled = enabled and total > 1
        self.total = total
        self.done = 0
        self.t0 = time.monotonic()
        self.shown = False

    def _width(self) -> int:
        import shutil

        try:
            cols = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            cols = shutil.get_terminal_size((80, 24)).columns
        return max(cols - 1, 10)  # the last column would wrap on some terminals

    def line(self, label: str = "", width: int | None = None) -> str:
        """The bar for the current step, at most ``width`` characters."""
        width = width or self._width()
        elapsed = time.monotonic() - self.t0
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0
        count = f" {self.done}/{self.total} ({100 * self.done // max(self.total, 1)}%) ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        bar_w = max(min(24, width - len(count) - 12), 0)
        filled = int(bar_w * self.done / max(self.total, 1))
        text = "█" * filled + "·" * (bar_w - filled) + count
        room = width - len(text) - 1
        from .inputs import display_path

        name = display_path(Path(label).name) if label else ""
        if room >= 8 and name:
            text += " " + (name if len(name) <= room else name[: room - 1] + "…")
        return text[:width]

    def step(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        self.stream.write("\r\x1b[2K" + self.line(label))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def _from_cache(files: list[str], config: Config, pack: RulePack, bundles: dict[str, Any],
                digests: dict[str, str | None], cache: ResultCache | None, results: list[FileResult | None],
                todo: list[tuple[int, str, Any]], keys: dict[int, tuple[str, str]], bar: Progress) -> None:
    """Fill ``results`` from the cache; what is not there goes to ``todo``."""
    plain_key = settings_key(config, pack.digest, None) if cache is not None else ""
    day = today()
    for i, path in enumerate(files):
        bundle = bundles.get(path)
        if cache is not None:
            if path not in digests:
                try:
                    digests[path] = file_digest(path)
                except (OSError, ValueError):  # not a regular file, too large, gone: checked uncached
                    digests[path] = None
            digest = digests[path]
            if digest:
                skey = plain_key if bundle is None else settings_key(config, pack.digest, bundle)
                keys[i] = (digest, skey)
                hit = cache.get(digest, skey)
                if hit is not None and not config.now and time_dependent(hit) and hit.get("checked_on") != day:
                    hit = None  # a signature verdict judged against yesterday's clock
                if hit is not None:
                    hit["path"] = path
                    results[i] = result_from_dict(hit)
                    bar.step(path)
                    continue
        todo.append((i, path, bundle))


def check_files(files: list[str], config: Config, pack: RulePack, bundles: dict[str, Any] | None = None,
                progress: bool | None = None, digests: dict[str, str | None] | None = None,
                sink: Callable[[int, FileResult], Any] | None = None) -> list[Any]:
    """Check ``files`` (in that order), using the cache and worker processes.

    ``digests`` memoises file hashes across the passes of one run (a file is read once).
    ``sink(index, result)``, when given, sees every result as it arrives (the audit database
    streams them) and what it returns is kept in place of the result, so a caller that keeps
    only a small summary per file does not hold every result in memory."""
    bundles = bundles or {}
    digests = {} if digests is None else digests
    cache = ResultCache(config.cache_dir) if config.cache else None
    results: list[FileResult | None] = [None] * len(files)
    todo: list[tuple[int, str, Any]] = []
    keys: dict[int, tuple[str, str]] = {}
    bar = Progress(len(files), progress)
    # Loading thousands of cached results makes hundreds of thousands of small objects and no
    # cycles: the cyclic garbage collector would only rescan the growing heap again and again.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        _from_cache(files, config, pack, bundles, digests, cache, results, todo, keys, bar)
    finally:
        if gc_was_on:
            gc.enable()
    if sink is not None:
        for i, res in enumerate(results):
            if res is not None:
                results[i] = sink(i, res)
    jobs = config.jobs or default_jobs()

    def store(i: int, res: FileResult) -> None:
        results[i] = res if sink is None else sink(i, res)
        bar.step(res.path)
        # timeouts and crashes are not cached: they may depend on the machine's load
        if cache is not None and i in keys and not (res.error and res.error.get("code") in ("timeout", "crash")):
            data = result_to_dict(res)
            if time_dependent(data):
                data["checked_on"] = today()
            cache.put(*keys[i], data)

    if todo:
        _prewarm([path for _i, path, _b in todo])
        fn = functools.partial(_task, config, pack)
        for i, out in run_parallel(todo, fn, jobs, config.timeout, config.memory_mb):
            path = files[i]
            store(i, _error_result(path, out, config, pack) if "__error__" in out else result_from_dict(out))
    bar.close()
    return [r for r in results if r is not None]


def is_appendix_file(r: FileResult) -> bool:
    """A separate appendix file: its text says so; or its name does and its text does not
    show a main document of its own (a scan, say). Content wins over names: "KH05 … phu luc.docx"
    with its own "Số: 05/KH-UBND" and tên loại is a main document that carries an appendix."""
    if r.facts.is_appendix:
        return True
    if appendix_base_name(r.path) is None:
        return False
    return not (r.facts.number_symbol or r.facts.type_name)


def find_bundles(results: list[FileResult]) -> tuple[dict[str, FileResult], list[FileResult]]:
    """Map appendix path → its main document's result; and the appendices with no main document.

    An appendix file is matched (1) by name to a main document in the same folder
    ('45-KH-UBND_PL1.pdf' → '45-KH-UBND.pdf'), else (2) by its "(Kèm theo … số 45/KH-UBND
    ngày …)" line to the one main document with that number and symbol — same folder first,
    then the date named breaks ties. Ambiguous or unknown → orphan (never a guess).
    Pure function of the results, so reports and audits can call it again.
    """
    by_folder_stem: dict[tuple[str, str], FileResult] = {}
    by_number: dict[str, list[FileResult]] = {}
    appendices: list[FileResult] = []
    for r in results:
        if is_appendix_file(r):
            if not r.error:
                appendices.append(r)
            continue
        # an unreadable main document is still in the batch: its appendix is no orphan (ND30-PL-REF
        # then says it cannot compare), so it is matched by name, never by the number it hides
        folder = os.path.dirname(r.path)
        by_folder_stem.setdefault((folder, _ascii_fold(_stem(r.path)).strip().lower()), r)
        if r.facts.number_symbol and not r.error:
            by_number.setdefault(_norm_number(r.facts.number_symbol), []).append(r)
    mains: dict[str, FileResult] = {}
    orphans: list[FileResult] = []
    for a in appendices:
        main = None
        base = appendix_base_name(a.path)
        if base:
            main = by_folder_stem.get((os.path.dirname(a.path), base))
        ref = a.facts.appendix_ref or {}
        if main is None and ref.get("number_symbol"):
            cands = by_number.get(_norm_number(ref["number_symbol"]), [])
            same_folder = [c for c in cands if os.path.dirname(c.path) == os.path.dirname(a.path)]
            cands = same_folder or cands
            if len(cands) > 1 and ref.get("date"):
                cands = [c for c in cands if c.facts.date == ref["date"]] or cands
            if len(cands) == 1:
                main = cands[0]
        if main is not None:
            mains[a.path] = main
        else:
            orphans.append(a)
    return mains, orphans


def _norm_number(ns: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", ns)).upper()


def bundle_info(main: FileResult) -> dict[str, Any]:
    """What an appendix's checks may know about its main document (Options.bundle)."""
    f = main.facts
    info = f.to_json()
    info.update({"path": main.path, "type_abbr": f.type_abbr or f.type, "number_symbol": f.number_symbol,
                 "number_only": f.number, "symbol": f.symbol})
    info["signatures"] = [
        {"role": s.role, "subject": s.subject_str, "signing_time": s.signing_time, "timestamp": s.timestamp}
        for s in (main.signatures.signatures if main.signatures else [])
    ]
    return info


def _orphan_result(res: FileResult, pack: RulePack, config: Config, found: bool, main: str | None = None) -> None:
    rule = pack.get("BUNDLE-ORPHAN")
    if rule is None or not config.selected("BUNDLE-ORPHAN"):
        return
    res.results = [r for r in res.results if r.rule != "BUNDLE-ORPHAN"]
    if found:
        res.results.append(RuleResult("BUNDLE-ORPHAN", "pass", reasons=[main or ""]))
        return
    from .checks.bundle import bundle_orphan

    raw = bundle_orphan(res.facts.appendix_ref, appendix_base_name(res.path))
    finding = render_finding(rule, raw, config.severity.get("BUNDLE-ORPHAN", rule.severity), config.lang, pack.terms)
    res.results.append(RuleResult("BUNDLE-ORPHAN", "fail", [finding]))


def _missing_appendices(res: FileResult, appendices: list[FileResult], pack: RulePack, config: Config,
                        by_ref: dict[str, list[FileResult]] | None = None) -> None:
    """BUNDLE-ORPHAN's second half, on a main document: the appendices its text says come with
    it ("… Phụ lục II kèm theo") must be in the file itself or in the batch — matched to it,
    or naming its number and date in their "(Kèm theo …)" line (``by_ref``). A matched
    appendix whose number cannot be read (a scan) may be any of the missing ones: then
    nothing is reported for it (never a guess)."""
    rule = pack.get("BUNDLE-ORPHAN")
    if rule is None or not config.selected("BUNDLE-ORPHAN") or res.error:
        return
    from .structure.appendix_names import numeral

    res.results = [r for r in res.results if r.rule != "BUNDLE-ORPHAN"]
    named = list(res.facts.appendices_named or [])
    present = {numeral(h) for h in res.facts.appendices}
    unknown = 0
    if by_ref and res.facts.number_symbol:
        for a in by_ref.get(_norm_number(res.facts.number_symbol), []):
            ref_date = (a.facts.appendix_ref or {}).get("date")
            if a not in appendices and (not ref_date or not res.facts.date or ref_date == res.facts.date):
                present.update(n for n in (numeral(h) for h in a.facts.appendices) if n)
    for a in appendices:
        nums = [numeral(h) for h in a.facts.appendices]
        if any(nums):
            present.update(n for n in nums if n)
        else:
            unknown += 1
    from .checks.bundle import missing_appendices

    status, raw, reason = missing_appendices(named, present, unknown, res.facts.number_symbol)
    if raw is None:
        res.results.append(RuleResult("BUNDLE-ORPHAN", status, reasons=[render_reason(rule, reason, config.lang, pack.terms)]
                                      if reason else []))
        return
    finding = render_finding(rule, raw, config.severity.get("BUNDLE-ORPHAN", rule.severity), config.lang, pack.terms)
    res.results.append(RuleResult("BUNDLE-ORPHAN", status, [finding]))


def run_batch(paths: list[str], config: Config, pack: RulePack, progress: bool | None = None) -> Batch:
    """Walk, check (cache + workers), bundle appendices with their main documents.

    Results come in walk order (deterministic whatever the number of workers). Paths in the
    results are display text (a file name that is not UTF-8 shows its bytes as ``\\xNN``):
    every file has been read by then."""
    from .inputs import display_path

    skipped: list[Skipped] = []
    files = walk(paths, config.include, config.exclude, skipped)
    digests: dict[str, str | None] = {}
    results = check_files(files, config, pack, progress=progress, digests=digests)
    mains, orphans = find_bundles(results)
    if mains:
        bundles = {a: bundle_info(m) for a, m in mains.items()}
        order = [p for p in files if p in bundles]
        rechecked = {r.path: r for r in check_files(order, config, pack, bundles=bundles, progress=False, digests=digests)}
        results = [rechecked.get(r.path, r) for r in results]
    if config.cache:
        ResultCache(config.cache_dir).prune()
    apply_bundle_rules(results, mains, orphans, pack, config)
    for r in results:
        r.path = display_path(r.path)
    return Batch(results, [Skipped(display_path(s.path), s.reason, display_path(s.detail)) for s in skipped])


def apply_bundle_rules(results: list[FileResult], mains: dict[str, FileResult], orphans: list[FileResult],
                       pack: RulePack, config: Config) -> None:
    """BUNDLE-ORPHAN on every file, both halves, from what :func:`find_bundles` found. Needs
    only each result's path, facts and error (a summary of the file will do)."""
    orphan_paths = {o.path for o in orphans}
    by_main: dict[str, list[FileResult]] = {}
    by_ref: dict[str, list[FileResult]] = {}
    for r in results:
        if r.path in mains:
            by_main.setdefault(mains[r.path].path, []).append(r)
        ref = (r.facts.appendix_ref or {}).get("number_symbol")
        if ref and is_appendix_file(r):
            by_ref.setdefault(_norm_number(ref), []).append(r)
    for r in results:
        if r.path in mains:
            _orphan_result(r, pack, config, True, mains[r.path].path)
        elif r.path in orphan_paths:
            _orphan_result(r, pack, config, False)
        elif not is_appendix_file(r):
            _missing_appendices(r, by_main.get(r.path, []), pack, config, by_ref)
