"""Fix one file: check it, turn the fixable findings into edits, apply them to a copy, check
the copy, keep only what made nothing worse, write the copy (never the input).

Safety comes first, in this order:

1. refuse what must not or cannot be edited — a digitally signed file (an edit breaks the
   signature), a PDF (fix the .docx it was made from and export again), a legacy or unknown
   format, an unreadable file — with a reason the report spells out;
2. apply the edits to the package in memory and **check the result again**: a rule that
   passed (or was not applicable) and now fails, or can no longer be measured, is a
   regression; then the edits are tried rule by rule and only those that make nothing worse
   are kept;
3. repeat while the re-check still proposes fixes (an edit can make another one possible: a
   size pair after a size), at most :data:`MAX_PASSES` times — so fixing the fixed copy again
   changes nothing;
4. write the copy atomically, next to the input or where asked, never over the input or over
   a signed file.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Any

from ..check import check_source, input_kind, is_signed_package
from ..checks.base import Change
from ..config import Config
from ..model import Document, UnreadableError
from ..results import FileResult
from ..rulepack import RulePack
from ..source import Source
from .apply import apply
from .package import Package
from .plan import Edit, plan

log = logging.getLogger("nd30check")
MAX_PASSES = 3
DEFAULT_SUFFIX = ".da-sua"


@dataclass
class Outcome:
    """What ``fix`` did to one file."""

    path: str
    status: str  # fixed | clean (nothing to fix) | unfixed (fixable, but nothing could be applied) | refused
    reason: str | None = None  # why refused: signed, pdf, not-docx, unreadable, output-is-input, output-signed
    detail: tuple[str, str] | None = None  # (vi, en) detail of a refusal
    output: str | None = None
    written: bool = False
    edits: list[Edit] = field(default_factory=list)
    left: list[tuple[Any, str]] = field(default_factory=list)  # changes / edits not made, and why
    before: FileResult | None = None
    after: FileResult | None = None
    data: bytes | None = None  # the fixed package (also when only shown with --diff)
    elapsed_ms: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def default_output(path: str, suffix: str = DEFAULT_SUFFIX) -> str:
    """"du-thao.docx" → "du-thao.da-sua.docx", next to the input."""
    folder, name = os.path.split(path)
    stem, ext = os.path.splitext(name)
    return os.path.join(folder, f"{stem}{suffix}{ext or '.docx'}")


def _refuse(path: str, reason: str, detail: tuple[str, str] | None = None, **kw: Any) -> Outcome:
    return Outcome(path, "refused", reason, detail, **kw)


def _looks_signed(data: bytes) -> bool:
    return is_signed_package(data)


def fix_file(path: str, config: Config, pack: RulePack, output: str | None = None, write: bool = True) -> Outcome:
    """Fix ``path`` into ``output`` (default: next to it, :func:`default_output`); with
    ``write=False`` only work out the edits (``--diff``)."""
    t0 = time.perf_counter()
    out = _fix(path, config, pack, output or default_output(path), write)
    out.elapsed_ms = (time.perf_counter() - t0) * 1000
    return out


def _fix(path: str, config: Config, pack: RulePack, output: str, write: bool) -> Outcome:
    from ..inputs import read_source

    try:
        source = read_source(path)
        data, kind = source.data, input_kind(source)
    except UnreadableError as exc:
        return _refuse(path, "unreadable", (exc.message_vi, exc.message_en))
    if kind == "pdf":
        return _refuse(path, "pdf")
    if kind != "docx":
        return _refuse(path, "not-docx", (kind, kind))
    if _looks_signed(data):
        return _refuse(path, "signed")
    full = dataclasses.replace(config, select=[], ignore=[])  # every rule judges the copy
    checker = _Checker(source, full, pack)
    first, doc = checker.run(None)
    if first.error is not None:
        return _refuse(path, "unreadable", _error_words(first, pack))
    if first.signatures is not None and (first.signatures.signatures or first.signatures.filled_fields):
        return _refuse(path, "signed")
    outcome = Outcome(path, "clean", output=output, before=first, after=first)
    try:
        _passes(outcome, checker, data, doc, config)
    except Exception as exc:  # a fix bug must not stop the run nor write a half-fixed copy
        log.warning("fix failed on %s: %r", path, exc, exc_info=log.isEnabledFor(logging.DEBUG))
        outcome.edits, outcome.data, outcome.after = [], data, first
        outcome.left.append((None, f"internal-error:{exc!r}"))
    if not outcome.edits:
        fixable = [f for r in first.results if config.selected(r.rule) for f in r.findings if f.fixable]
        outcome.status = "unfixed" if fixable else "clean"
        return outcome
    outcome.status = "fixed"
    if write:
        _write(outcome, path, output)
    return outcome


class _Checker:
    """Checks the input and candidate packages from their bytes (a Source under the input's own
    name: nothing written to disk, the file read once)."""

    def __init__(self, source: Source, config: Config, pack: RulePack):
        self.source, self.config, self.pack = source, config, pack

    def run(self, data: bytes | None) -> tuple[FileResult, Document | None]:
        """The input's result (``data`` None) or a candidate's, with its labelled document."""
        source = self.source if data is None else Source.from_bytes(data, self.source.name, kind="docx")
        seen: list[Document] = []
        res = check_source(source, self.config, self.pack, on_document=seen.append)
        return res, (seen[0] if seen else None)


def _error_words(res: FileResult, pack: RulePack) -> tuple[str, str]:
    """An unreadable file's message (vi, en): results keep the error as data, worded here."""
    from ..report.words import Words

    vi, en = (Words(pack, lang).error(res) or {} for lang in ("vi", "en"))
    return vi.get("message", ""), en.get("message", "")


def _changes(res: FileResult, config: Config) -> list[Change]:
    return [c for r in res.results if config.selected(r.rule) and r.status == "fail" for c in r.changes]


def regressions(before: FileResult, after: FileResult) -> list[str]:
    """Rules the edits made worse: failing now and not before, or no longer measurable."""
    b = before.statuses
    out = []
    for rule, now in after.statuses.items():
        was = b.get(rule)
        if now == "fail" and was != "fail":
            out.append(rule)
        elif now == "not-evaluated" and was in ("pass", "not-applicable"):
            out.append(rule)
    return out


def _build(data: bytes, edits: list[Edit]) -> tuple[bytes, list[Edit], list[tuple[Edit, str]]]:
    pkg = Package(data)
    done, failed = apply(pkg, edits)
    return pkg.write(), done, failed


def _passes(outcome: Outcome, checker: _Checker, data: bytes, doc: Document | None, config: Config) -> None:
    """Edit, re-check, keep what made nothing worse; again while the copy still proposes fixes."""
    current, res = data, outcome.before
    assert res is not None
    for _ in range(MAX_PASSES):
        changes = _changes(res, config)
        if not changes or doc is None:
            break
        edits, left = plan(doc, changes)
        outcome.left += left
        got, failed = _attempt(checker, current, res, edits)
        outcome.left += failed
        if got is None:
            break
        current, res, doc, done = got
        outcome.edits += done
    outcome.after = res
    outcome.data = current


def _attempt(checker: _Checker, current: bytes, res: FileResult, edits: list[Edit]) -> tuple[Any, list[Any]]:
    """All the edits if they make nothing worse; else those of each rule that do, in turn.
    ((new bytes, its result, its document, edits made) or None, edits left out with why)."""
    cand, done, failed = _build(current, edits)
    if cand == current:
        return None, failed
    cres, cdoc = checker.run(cand)
    if not regressions(res, cres):
        return (cand, cres, cdoc, done), failed
    kept: list[Edit] = []
    best: Any = None
    refused: list[tuple[Edit, str]] = []
    for rule in dict.fromkeys(e.rule for e in edits):
        trial = kept + [e for e in edits if e.rule == rule]
        tb, tdone, tfailed = _build(current, trial)
        if tb == current:
            continue
        tres, tdoc = checker.run(tb)
        worse = regressions(res, tres)
        if worse:  # this rule's edits made another rule worse: left to the author
            refused += [(e, "regression:" + ",".join(worse)) for e in edits if e.rule == rule]
            continue
        kept = trial
        best = (tb, tres, tdoc, tdone), tfailed
    if best is None:
        return None, failed + refused
    return best[0], best[1] + refused


def _write(outcome: Outcome, path: str, output: str) -> None:
    """Atomically, never over the input nor over a signed file (checked again right before)."""
    from ..report.atomic import write_atomic

    if os.path.exists(output):
        if os.path.samefile(output, path):
            outcome.status, outcome.reason = "refused", "output-is-input"
            return
        try:
            with open(output, "rb") as fh:
                existing = fh.read(8 << 20)
        except OSError:
            existing = b""
        if existing.startswith(b"%PDF") or _looks_signed(existing):
            outcome.status, outcome.reason = "refused", "output-signed"
            return
    assert outcome.data is not None
    write_atomic(output, outcome.data)
    outcome.written = True
