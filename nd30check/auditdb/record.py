"""Record one audit run, streaming.

1. Lock the run's scope (the folders audited), so two runs of the same folders never
   interleave; a run left ``running`` by a killed process is marked ``interrupted``.
2. Walk; hash each file; a file whose bytes were already checked with the same settings is
   not checked again — the stored result is reused (an unchanged re-run only hashes).
3. Check the rest in the worker pool; each result is written to ``results`` as it arrives,
   a few hundred per transaction, and only a small summary (path, facts, error) stays in
   memory. Results are content-addressed: a run killed here leaves them for the next run to
   reuse, and no run row says complete.
4. Bundles (appendix ↔ main document) and the batch rules, on the summaries.
5. One final transaction: the run's observations (with new/changed/unchanged), its figures
   per unit and month, its AUDIT-* findings, and ``status = 'complete'``. Until that commits,
   the run does not exist for reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .. import __version__
from ..cache import code_fingerprint, file_digest, today as local_today
from ..config import SEVERITY_RANK, Config
from ..rulepack import RulePack, render
from . import adapter
from .db import AuditDbError, Database
from .schema import migrate

VN = timezone(timedelta(hours=7))


def run_time(config: Config) -> datetime:
    """The run's time: ``--now`` when given (reproducible histories), else the clock; in
    Vietnam time, so stored timestamps sort as text."""
    if config.now:
        when = datetime.fromisoformat(config.now.replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=VN)
        return when.astimezone(VN)
    return datetime.now(VN)


def scope_of(paths: list[str]) -> tuple[list[str], str]:
    roots = sorted({os.path.abspath(p) for p in paths})
    return roots, hashlib.sha256(json.dumps(roots, ensure_ascii=False).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def settings_of(config: Config) -> dict[str, Any]:
    keep = ("select", "ignore", "severity", "fail_on", "profile", "lang", "rules", "include", "exclude", "trust",
            "trust_only", "crl", "ocsp", "online", "allow_sha1", "timeout", "memory_mb", "now", "source")
    from ..executor_dask import executor_settings  # distributed itself is not imported

    return {**{k: getattr(config, k) for k in keep}, **executor_settings(config)}


@dataclass(slots=True)
class Item:
    """One file of the run, as kept in memory until the run ends."""

    path: str
    digest: str | None
    summary: Any = None  # adapter.summary_of(...): path, kind, facts, error
    result_id: int | None = None
    verdict: str = "incomplete"
    worst: int = 0
    unit_name: str = ""
    reused: bool = False


@dataclass
class RunOutcome:
    run_id: int
    exit_code: int
    files: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    checked: int = 0
    reused: int = 0
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)


RESULT_COLUMNS = ("content_hash", "settings_key", "result_hash", "now_fixed", "checked_on", "time_dependent", "kind",
                  "verdict", "verdict_format", "verdict_signature", "error_code", "error", "worst", "unit_name", "doc_type",
                  "number_symbol", "number_int", "doc_date", "agency", "appendix_file", "agency_signed", "signatures",
                  "facts", "data")


class ResultWriter:
    """Buffers checked results and writes them a chunk per transaction."""

    def __init__(self, db: Database, config: Config, day: str, chunk: int = 100, seconds: float = 5.0,
                 pack: RulePack | None = None):
        self.db, self.config, self.day = db, config, day
        self.words = adapter.Words(pack, config.lang)  # the stored findings' messages
        self.chunk, self.seconds = chunk, seconds
        self.pending: list[tuple[Item, adapter.ResultRow]] = []
        self.last = time.monotonic()
        cols = ", ".join(RESULT_COLUMNS)
        marks = ", ".join("?" for _ in RESULT_COLUMNS)
        self.insert = (f"INSERT INTO results ({cols}) VALUES ({marks}) "
                       "ON CONFLICT (content_hash, settings_key, result_hash) DO NOTHING")

    def add(self, item: Item, res: Any, skey: str) -> Any:
        row = adapter.result_row(res, item.digest or "-", skey, self.config, self.day, self.words)
        item.summary = adapter.summary_of(res)
        item.verdict = row.values["verdict"]
        item.worst = row.values["worst"]
        item.unit_name = row.values["unit_name"]
        item.reused = False
        self.pending.append((item, row))
        if len(self.pending) >= self.chunk or time.monotonic() - self.last > self.seconds:
            self.flush()
        return item.summary

    def flush(self) -> None:
        self.last = time.monotonic()
        if not self.pending:
            return
        db = self.db
        with db.tx():
            for item, row in self.pending:
                v = row.values
                got = db.one(self.insert + " RETURNING id", tuple(v[c] for c in RESULT_COLUMNS))
                if got is not None:
                    rid = int(got[0])
                    db.executemany("INSERT INTO findings (result_id, seq, rule, severity, note, message, page, paragraph, "
                                   "expected, actual) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   [(rid, *f) for f in row.findings])
                    db.executemany("INSERT INTO failures (result_id, rule) VALUES (?, ?)", [(rid, r) for r in row.failures])
                else:  # the same result again (an unchanged signed file judged again today): confirm it
                    got = db.one("SELECT id FROM results WHERE content_hash = ? AND settings_key = ? AND result_hash = ?",
                                 (v["content_hash"], v["settings_key"], v["result_hash"]))
                    assert got is not None
                    rid = int(got[0])
                    if v["time_dependent"]:
                        db.execute("UPDATE results SET checked_on = ?, now_fixed = ? WHERE id = ?",
                                   (v["checked_on"], v["now_fixed"], rid))
                item.result_id = rid
        self.pending.clear()


def _reuse(db: Database, items: list[Item], idxs: list[int], skey: str, config: Config, day: str) -> list[int]:
    """Fill items whose bytes were checked before with these settings; return the others."""
    todo: list[int] = []
    for start in range(0, len(idxs), 400):
        part = idxs[start:start + 400]
        hashes = sorted({items[i].digest for i in part if items[i].digest})
        found: dict[str, tuple[Any, ...]] = {}
        if hashes:
            marks = ", ".join("?" for _ in hashes)
            for row in db.all("SELECT id, content_hash, time_dependent, now_fixed, checked_on, kind, facts, error, verdict, "
                              f"worst, unit_name FROM results WHERE settings_key = ? AND content_hash IN ({marks}) "
                              "ORDER BY id DESC", (skey, *hashes)):
                if row[1] not in found:
                    found[row[1]] = row  # the latest judgement of these bytes
        for i in part:
            item = items[i]
            row = found.get(item.digest or "")
            if row is None or not adapter.reusable(bool(row[2]), row[3], row[4], config, day):
                todo.append(i)
                continue
            item.result_id = int(row[0])
            item.summary = adapter.summary_from_row(item.path, row[5], row[6], row[7])
            item.verdict, item.worst, item.unit_name, item.reused = row[8], int(row[9]), row[10], True
    return todo


def _check(db: Database, writer: ResultWriter, items: list[Item], idxs: list[int], config: Config, pack: RulePack,
           skey_of: Any, bundles: dict[str, Any] | None, progress: bool | None, digests: dict[str, str | None]) -> int:
    if not idxs:
        return 0
    paths = [items[i].path for i in idxs]

    def sink(j: int, res: Any) -> Any:
        item = items[idxs[j]]
        return writer.add(item, res, skey_of(item.path))

    adapter.check_files(paths, config, pack, bundles=bundles, progress=progress, digests=digests, sink=sink)
    writer.flush()
    return len(idxs)


def _mark(db: Database, run_id: int, status: str, error: str | None) -> None:
    """Best effort: the run ends ``failed``/``interrupted`` (a database that is down or full
    may refuse even this; the run then stays ``running``, and the next run of the scope, or
    any report, knows it never completed)."""
    try:
        with db.tx():
            db.execute("UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = 'running'",
                       (status, datetime.now(VN).isoformat(timespec="seconds"), error, run_id))
    except Exception:
        pass


def _begin(db: Database, roots: list[str], scope_key: str, config: Config, pack: RulePack, started: datetime) -> int:
    if not db.try_lock(scope_key):
        row = db.one("SELECT id, started_at, host, pid FROM runs WHERE scope_key = ? AND status = 'running' "
                     "ORDER BY id DESC", (scope_key,))
        who = f"#{row[0]}, {row[1]}, {row[2]}:{row[3]}" if row else "?"
        raise AuditDbError("running", f"một lần kiểm tra khác của cùng thư mục đang ghi vào {db.display} ({who}); "
                           "chờ nó xong rồi chạy lại",
                           f"another audit of the same folders is recording into {db.display} ({who}); "
                           "wait for it to finish and run again")
    settings = settings_of(config)
    with db.tx():
        # we hold the scope's lock: a run still 'running' there belongs to a process that died
        db.execute("UPDATE runs SET status = 'interrupted', error = ? WHERE scope_key = ? AND status = 'running'",
                   ("tiến trình dừng trước khi ghi xong / the process stopped before the run was recorded", scope_key))
        return db.insert_id(
            "INSERT INTO runs (scope_key, scope, status, started_at, host, pid, tool_version, code_fingerprint, "
            "rulepack_digest, settings_key, settings) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)",
            (scope_key, json.dumps(roots, ensure_ascii=False), started.isoformat(timespec="seconds"), socket.gethostname(),
             os.getpid(), __version__, code_fingerprint(), pack.digest, adapter.lookup_key(config, pack),
             json.dumps(settings, ensure_ascii=False, sort_keys=True, default=str)))


def record_run(db: Database, paths: list[str], config: Config, pack: RulePack, progress: bool | None = None,
               chunk: int = 100) -> RunOutcome:
    migrate(db)
    started = run_time(config)
    day = started.date().isoformat() if config.now else local_today()
    roots, scope_key = scope_of(paths)
    run_id = _begin(db, roots, scope_key, config, pack, started)
    try:
        return _record(db, run_id, scope_key, started, paths, config, pack, progress, chunk, day)
    except KeyboardInterrupt:
        _mark(db, run_id, "interrupted", "interrupted")
        raise
    except AuditDbError as exc:
        _mark(db, run_id, "failed", exc.en)
        raise AuditDbError(exc.kind, f"{exc.vi} — lần kiểm tra #{run_id} chưa được ghi trọn, các lần trước vẫn nguyên vẹn; "
                           "chạy lại khi đã khắc phục (kết quả đã ghi được dùng lại)",
                           f"{exc.en} — run #{run_id} was not recorded as complete, earlier runs are intact; run again "
                           "once fixed (results already stored are reused)") from exc
    except BaseException as exc:
        _mark(db, run_id, "failed", repr(exc)[:300])
        raise


def _record(db: Database, run_id: int, scope_key: str, started: datetime, paths: list[str], config: Config,
            pack: RulePack, progress: bool | None, chunk: int, day: str) -> RunOutcome:
    skipped: list[Any] = []
    files = adapter.walk(paths, config.include, config.exclude, skipped)
    items: list[Item] = []
    digests: dict[str, str | None] = {}
    for path in files:
        try:
            d = file_digest(path)
        except (OSError, ValueError):
            d = None  # not a regular file, too large, gone: checked every time (comes out unreadable)
        digests[path] = d
        items.append(Item(path, d))
    plain = adapter.lookup_key(config, pack)
    writer = ResultWriter(db, config, day, chunk, pack=pack)
    todo = _reuse(db, items, list(range(len(items))), plain, config, day)
    checked = _check(db, writer, items, todo, config, pack, lambda _p: plain, None, progress, digests)

    # appendices judged again with their main document's facts (as the batch does)
    summaries = [it.summary for it in items]
    mains, orphans = adapter.find_bundles(summaries)
    index = {it.path: i for i, it in enumerate(items)}
    if mains:
        bundles: dict[str, Any] = {}
        for a, main in mains.items():
            row = db.one("SELECT data FROM results WHERE id = ?", (items[index[main.path]].result_id,))
            bundles[a] = adapter.bundle_info(adapter.full_result(row[0], main.path))
        keys = {a: adapter.lookup_key(config, pack, b) for a, b in bundles.items()}
        order = [i for i, it in enumerate(items) if it.path in bundles]
        again: list[int] = []
        for i in order:
            again += _reuse(db, items, [i], keys[items[i].path], config, day)
        checked += _check(db, writer, items, again, config, pack, lambda p: keys[p], bundles, False, digests)
        summaries = [it.summary for it in items]
    adapter.apply_bundle_rules(summaries, mains, orphans, pack, config)
    main_item = {a: items[index[m.path]] for a, m in mains.items()}
    return _complete(db, run_id, scope_key, started, config, pack, items, main_item, skipped, checked)


def _document_ids(db: Database, shown: list[str]) -> dict[str, int]:
    db.executemany("INSERT INTO documents (path) VALUES (?) ON CONFLICT (path) DO NOTHING", [(p,) for p in shown])
    doc_id: dict[str, int] = {}
    for start in range(0, len(shown), 400):
        part = shown[start:start + 400]
        marks = ", ".join("?" for _ in part)
        for did, p in db.all(f"SELECT id, path FROM documents WHERE path IN ({marks})", part):
            doc_id[p] = int(did)
    return doc_id


def _previous_hashes(db: Database, run_id: int, scope_key: str, started: datetime) -> dict[int, str]:
    """document id → content hash in the scope's previous complete run (empty: first run)."""
    prev = db.one("SELECT id FROM runs WHERE scope_key = ? AND status = 'complete' AND id <> ? AND started_at <= ? "
                  f"ORDER BY {db.c('started_at')} DESC, id DESC", (scope_key, run_id, started.isoformat(timespec="seconds")))
    if not prev:
        return {}
    return {int(d): h for d, h in db.stream(
        "SELECT o.document_id, r.content_hash FROM observations o JOIN results r ON r.id = o.result_id "
        "WHERE o.run_id = ?", (prev[0],))}


def _observe(db: Database, out: RunOutcome, items: list[Item], shown: list[str], doc_id: dict[str, int],
             before: dict[int, str], main_item: dict[str, Item]) -> tuple[int, int]:
    """Write the run's observations (change, role, unit, month, overall verdict); ``before``
    loses the documents seen again (what is left was removed). Returns (worst, unreadable)."""
    from ..inputs import display_path

    rows = []
    worst = unreadable = 0
    for it, path in zip(items, shown):
        s = it.summary
        did = doc_id[path]
        if did not in before:
            change = "new"
        elif before.pop(did) == (it.digest or "-") and it.digest:
            change = "unchanged"
        else:
            change = "changed"
        setattr(out, change, getattr(out, change) + 1)
        main = main_item.get(it.path)
        role = "unreadable" if s.error else ("appendix" if adapter.is_appendix_file(s) else "document")
        unreadable += role == "unreadable"
        unit = (main.unit_name or it.unit_name) if main is not None else it.unit_name
        month = adapter.month_of(s.facts.date) or (adapter.month_of(main.summary.facts.date) if main else None)
        rr = adapter.bundle_rule(s)
        overall, bworst = adapter.overall_verdict(it.verdict, rr)
        w = max(it.worst, bworst)
        worst = max(worst, w)
        rows.append((out.run_id, did, it.result_id, change, role, adapter.unit_key(unit), unit, month,
                     doc_id[os.path.abspath(display_path(main.path))] if main else None, overall,
                     rr.status if rr else None, adapter.bundle_json(rr), w))
        if len(rows) >= 2000:
            _insert_observations(db, rows)
            rows = []
    _insert_observations(db, rows)
    return worst, unreadable


def _complete(db: Database, run_id: int, scope_key: str, started: datetime, config: Config, pack: RulePack,
              items: list[Item], main_item: dict[str, Item], skipped: list[Any], checked: int) -> RunOutcome:
    """The final transaction: observations, figures, AUDIT-* findings, ``complete``."""
    from ..inputs import display_path

    out = RunOutcome(run_id, 0, files=len(items), checked=checked, reused=sum(1 for it in items if it.reused),
                     skipped=len(skipped))
    with db.tx():
        shown = [os.path.abspath(display_path(it.path)) for it in items]
        doc_id = _document_ids(db, shown)
        before = _previous_hashes(db, run_id, scope_key, started)
        worst, unreadable = _observe(db, out, items, shown, doc_id, before, main_item)
        out.removed = len(before)
        if db.is_pg:
            # fresh statistics before the run's aggregates: on tables just filled, the planner's
            # guesses chose nested loops that took 10 s at 10,000 files (0.3 s with them)
            db.execute("ANALYZE observations, results, documents")
        _figures(db, run_id)
        run_worst = _run_findings(db, run_id, config, pack)
        floor = SEVERITY_RANK.get(config.fail_on, 2) + 1 if config.fail_on != "never" else 99
        if unreadable or any(s.is_error for s in skipped):
            out.exit_code = 2
        elif max(worst, run_worst) >= floor:
            out.exit_code = 1
        db.execute("UPDATE runs SET status = 'complete', finished_at = ?, files = ?, new_files = ?, changed_files = ?, "
                   "unchanged_files = ?, removed_files = ?, checked_files = ?, reused_files = ?, skipped = ?, exit_code = ? "
                   "WHERE id = ?",
                   (max(datetime.now(VN), started).isoformat(timespec="seconds"), out.files, out.new, out.changed,
                    out.unchanged, out.removed, out.checked, out.reused, out.skipped, out.exit_code, run_id))
    return out


def _insert_observations(db: Database, rows: list[tuple[Any, ...]]) -> None:
    db.executemany("INSERT INTO observations (run_id, document_id, result_id, change, role, unit_key, unit_name, month, "
                   "appendix_of, verdict, bundle_status, bundle, worst) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _figures(db: Database, run_id: int) -> None:
    """The per-unit figures of :func:`nd30check.figures.per_unit`, per month of issue, in SQL
    (both databases compute them; the tests compare both with ``per_unit``)."""
    month = "COALESCE(o.month, '')"
    db.execute(
        "INSERT INTO run_figures (run_id, unit_key, unit_name, month, documents, appendices, unreadable, agency_signed, "
        "appendices_signed, compliant, format_compliant, signature_compliant) "
        f"SELECT o.run_id, o.unit_key, MIN({db.c('o.unit_name')}), {month}, "
        "SUM(CASE WHEN o.role <> 'appendix' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'appendix' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'unreadable' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'document' AND r.agency_signed = 1 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'appendix' AND r.agency_signed = 1 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'document' AND o.verdict = 'compliant' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'document' AND r.verdict_format = 'compliant' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN o.role = 'document' AND r.verdict_signature = 'compliant' THEN 1 ELSE 0 END) "
        "FROM observations o JOIN results r ON r.id = o.result_id WHERE o.run_id = ? "
        f"GROUP BY o.run_id, o.unit_key, {month}", (run_id,))
    db.execute(
        "INSERT INTO run_defects (run_id, unit_key, month, rule, files) "
        f"SELECT run_id, unit_key, m, rule, COUNT(*) FROM ("
        f"  SELECT o.run_id, o.unit_key, {month} AS m, f.rule FROM observations o JOIN failures f ON f.result_id = o.result_id "
        "   WHERE o.run_id = ? AND o.role = 'document' "
        f"  UNION ALL SELECT o.run_id, o.unit_key, {month}, 'BUNDLE-ORPHAN' FROM observations o "
        "   WHERE o.run_id = ? AND o.role = 'document' AND o.bundle_status = 'fail' "
        f"  UNION ALL SELECT o.run_id, o.unit_key, {month}, 'FILE-UNREADABLE' FROM observations o "
        "   WHERE o.run_id = ? AND o.role = 'unreadable'"
        ") x GROUP BY run_id, unit_key, m, rule", (run_id, run_id, run_id))


def _message(pack: RulePack, rid: str, lang: str, key: str = "default", **values: Any) -> str:
    rule = pack.get(rid)
    values.setdefault("expected", "")
    values.setdefault("excerpt", "")
    return render(rule.message(key, lang), values) if rule else rid


def _doubtful(facts_json: str | None, floor: float) -> bool:
    """Was the number, date or agency of a stored result read from a scan below ``floor``?"""
    try:
        conf = (json.loads(facts_json or "{}") or {}).get("confidence") or {}
    except ValueError:
        return False
    return any(isinstance(conf.get(k), (int, float)) and conf[k] < floor for k in ("number", "date", "agency"))


LISTED = 200  # file paths kept per run finding (the rest are in observations, for SQL)
NUMBERED = ("FROM observations o JOIN results r ON r.id = o.result_id WHERE o.run_id = ? AND o.role = 'document' "
            "AND r.number_int IS NOT NULL AND r.doc_date IS NOT NULL AND r.agency IS NOT NULL AND r.agency <> ''")
Found = tuple[str, str, str, str, list[str]]  # rule, severity, unit, message, files


@dataclass
class _Audit:
    """What the three batch rules share: the run, the settings, where findings go."""

    db: Database
    run_id: int
    config: Config
    pack: RulePack
    out: list[Found] = field(default_factory=list)

    def on(self, rid: str) -> bool:
        return self.config.selected(rid) and self.pack.get(rid) is not None

    def add(self, rid: str, who: str, files: list[str], /, key: str = "default", note: bool = False,
            **values: Any) -> None:
        """A finding of rule ``rid`` about unit ``who``; ``values`` fill the rule's message
        ``key``; a ``note`` (a doubtful reading) is information whatever the rule's severity."""
        rule = self.pack.get(rid)
        severity = "info" if note else self.config.severity.get(rid, rule.severity if rule else "warning")
        self.out.append((rid, severity, who, _message(self.pack, rid, self.config.lang, key, **values), files))


def _number_dups(a: _Audit) -> None:
    """AUDIT-NUMBER-DUP: every duplicated number and its files in one query (a province may
    have thousands; one query per number made a 50,000-file re-run take minutes)."""
    db = a.db
    with_path = NUMBERED.replace("WHERE", "JOIN documents d ON d.id = o.document_id WHERE", 1)
    group: tuple[Any, ...] | None = None
    paths: list[str] = []
    rule = a.pack.get("AUDIT-NUMBER-DUP")
    floor = a.pack.min_confidence(rule) if rule is not None else 1.0
    unsure = False  # a number of the group read from a scan with low confidence (nd30check/audit.py)

    def flush() -> None:
        if group is not None:
            _key, name, year, num, count = group
            n = f"{int(num):02d}"
            a.add("AUDIT-NUMBER-DUP", name, paths, key="ocr_reading" if unsure else "default", note=unsure,
                  actual=n, number=n, year=year, unit=name, count=count)

    for key, year, num, path, name, count, facts in db.stream(
            "SELECT x.unit_key, x.y, x.number_int, x.path, g.name, g.n, x.facts FROM ("
            f"  SELECT o.unit_key, substr(r.doc_date, 1, 4) AS y, r.number_int, d.path, r.facts {with_path}) x "
            f"JOIN (SELECT o.unit_key, substr(r.doc_date, 1, 4) AS y, r.number_int, MIN({db.c('o.unit_name')}) AS name, "
            f"      COUNT(*) AS n {NUMBERED} GROUP BY o.unit_key, substr(r.doc_date, 1, 4), r.number_int "
            "      HAVING COUNT(*) > 1) g "
            "ON g.unit_key = x.unit_key AND g.y = x.y AND g.number_int = x.number_int "
            f"ORDER BY {db.c('x.unit_key')}, {db.c('x.y')}, x.number_int, {db.c('x.path')}", (a.run_id, a.run_id)):
        if group is None or (key, year, num) != (group[0], group[2], group[3]):
            flush()
            group, paths, unsure = (key, name, year, num, int(count)), [], False
        unsure = unsure or _doubtful(facts, floor)
        if len(paths) < LISTED:
            paths.append(path)
    flush()


def _number_gaps(a: _Audit) -> None:
    """AUDIT-NUMBER-GAP: numbers missing in a unit's sequence of a year (streamed, per group)."""
    db = a.db
    current: tuple[str, str] | None = None
    nums: list[int] = []
    names: dict[str, str] = {}

    def flush() -> None:
        if current is None or not nums:
            return
        seen = set(nums)
        missing = [n for n in range(nums[0], nums[-1] + 1) if n not in seen]
        if missing:
            shown = ", ".join(f"{n:02d}" for n in missing[:30]) + ("…" if len(missing) > 30 else "")
            name = names[current[0]]
            a.add("AUDIT-NUMBER-GAP", name, [], actual=shown, missing=shown, year=current[1], unit=name,
                  count=len(missing))

    for key, name, year, num in db.stream(
            f"SELECT o.unit_key, MIN({db.c('o.unit_name')}), substr(r.doc_date, 1, 4), r.number_int {NUMBERED} "
            "GROUP BY o.unit_key, substr(r.doc_date, 1, 4), r.number_int "
            f"ORDER BY {db.c('o.unit_key')}, {db.c('substr(r.doc_date, 1, 4)')}, r.number_int", (a.run_id,)):
        names.setdefault(key, name)
        if (key, year) != current:
            flush()
            current, nums = (key, year), []
        nums.append(int(num))
    flush()


def _unsigned(a: _Audit) -> None:
    """AUDIT-UNSIGNED: per unit, the documents without a valid agency signature."""
    db, lang = a.db, a.config.lang
    for key, name, documents, unreadable, signed in db.all(
            f"SELECT unit_key, MIN({db.c('unit_name')}), SUM(documents), SUM(unreadable), SUM(agency_signed) "
            f"FROM run_figures WHERE run_id = ? GROUP BY unit_key ORDER BY unit_key = '', MIN({db.c('unit_name')})",
            (a.run_id,)):
        readable = int(documents) - int(unreadable)
        missing = readable - int(signed)
        if readable <= 0 or missing <= 0:
            continue
        share = f"{100.0 * missing / readable:.1f}%"
        paths = [p for (p,) in db.all(
            "SELECT d.path FROM observations o JOIN results r ON r.id = o.result_id JOIN documents d "
            "ON d.id = o.document_id WHERE o.run_id = ? AND o.unit_key = ? AND o.role = 'document' "
            f"AND r.agency_signed = 0 ORDER BY {db.c('d.path')} LIMIT {LISTED}", (a.run_id, key))]
        unit = name or ("(không xác định)" if lang == "vi" else "(unknown)")
        a.add("AUDIT-UNSIGNED", name, paths, actual=share, share=share, unit=unit, count=missing, total=readable)


def _run_findings(db: Database, run_id: int, config: Config, pack: RulePack) -> int:
    """AUDIT-NUMBER-DUP, AUDIT-NUMBER-GAP, AUDIT-UNSIGNED over the run, as ``nd30check
    audit`` reports them, from SQL (no per-file list in memory); returns the worst rank."""
    a = _Audit(db, run_id, config, pack)
    for rid, fn in (("AUDIT-NUMBER-DUP", _number_dups), ("AUDIT-NUMBER-GAP", _number_gaps), ("AUDIT-UNSIGNED", _unsigned)):
        if a.on(rid):
            fn(a)
    db.executemany("INSERT INTO run_findings (run_id, seq, rule, severity, unit, message, files) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(run_id, i, r, s, u, m, json.dumps(f, ensure_ascii=False)) for i, (r, s, u, m, f) in enumerate(a.out)])
    return max((SEVERITY_RANK.get(s, 0) + 1 for _r, s, *_ in a.out), default=0)
