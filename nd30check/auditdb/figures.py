"""The inspection figures, read back from the database: per unit, per month of issue, over
the runs, and what changed since the last run.

What a report covers: for each audited scope (the folders one run covered), its latest
complete run — so a province whose departments record their own folders into one server
gets one report over all of them. The period (``--from``/``--to``, months) is always the
period of *issue* (the document's date): the figures, the month-by-month trend, the history
of runs and the changes all count the documents issued in it. Documents whose date could not
be read count only when no period is given (month "—").

Runs that never completed (killed, database down or full) are not read, ever.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..figures import UnitFigures
from .db import AuditDbError, Database
from .schema import SCHEMA_VERSION, current_version

LIST_LIMIT = 500  # documents listed per kind of change (counts are always complete)
FIGURE_FIELDS = ("documents", "appendices", "unreadable", "agency_signed", "appendices_signed", "compliant",
                 "format_compliant", "signature_compliant")


@dataclass
class Run:
    id: int
    scope_key: str
    scope: list[str]
    started_at: str
    files: int
    new: int
    changed: int
    unchanged: int
    removed: int
    checked: int
    reused: int
    exit_code: int
    tool_version: str
    rulepack_digest: str
    settings: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "started_at": self.started_at, "scope": self.scope, "files": self.files, "new": self.new,
                "changed": self.changed, "unchanged": self.unchanged, "removed": self.removed, "checked": self.checked,
                "reused": self.reused, "exit_code": self.exit_code, "tool_version": self.tool_version,
                "rulepack_digest": self.rulepack_digest, "profile": self.settings.get("profile"),
                "now": self.settings.get("now"), "executor": self.settings.get("executor"),
                "scheduler": self.settings.get("scheduler")}


def _figures(unit: str, sums: dict[str, int], defects: Counter | None = None) -> UnitFigures:
    u = UnitFigures(unit=unit, documents=sums["documents"], appendices=sums["appendices"],
                    with_agency_signature=sums["agency_signed"], appendices_signed=sums["appendices_signed"],
                    compliant=sums["compliant"], format_compliant=sums["format_compliant"],
                    signature_compliant=sums["signature_compliant"], unreadable=sums["unreadable"])
    if defects:
        for rule, n in sorted(defects.items(), key=lambda kv: (-kv[1], kv[0])):
            u.defects[rule] = n
    return u


def figures_json(u: UnitFigures) -> dict[str, Any]:
    """:meth:`UnitFigures.to_json` plus the inspection's headline share, spelled out."""
    out = u.to_json()
    out["without_valid_agency_signature_pct"] = u.pct(u.readable - u.with_agency_signature, u.readable)
    return out


def _zero() -> dict[str, int]:
    return dict.fromkeys(FIGURE_FIELDS, 0)


def normalise_month(text: str | None, end: bool = False) -> str | None:
    """'2026-05' or '2026-05-17' → '2026-05' (figures are per month); None stays None."""
    if not text:
        return None
    t = text.strip()
    if len(t) >= 7 and t[4] == "-" and t[:4].isdigit() and t[5:7].isdigit() and 1 <= int(t[5:7]) <= 12:
        return t[:7]
    if len(t) == 4 and t.isdigit():
        return f"{t}-12" if end else f"{t}-01"
    raise ValueError(text)


class Reader:
    def __init__(self, db: Database, date_from: str | None = None, date_to: str | None = None,
                 scope_key: str | None = None):
        self.db = db
        self.date_from, self.date_to = date_from, date_to
        self.scope_key = scope_key
        version = current_version(db)
        if version == 0:
            raise AuditDbError("empty", f"cơ sở dữ liệu {db.display} chưa có lần kiểm tra nào",
                               f"audit database {db.display} holds no audit run yet")
        if version > SCHEMA_VERSION:
            raise AuditDbError("schema", f"cơ sở dữ liệu {db.display} có lược đồ phiên bản {version}, mới hơn công cụ này",
                               f"audit database {db.display} has schema version {version}, newer than this tool")

    # -- runs ------------------------------------------------------------------------------
    def runs(self) -> list[Run]:
        where = "status = 'complete'" + (" AND scope_key = ?" if self.scope_key else "")
        rows = self.db.all(
            "SELECT id, scope_key, scope, started_at, files, new_files, changed_files, unchanged_files, removed_files, "
            f"checked_files, reused_files, exit_code, tool_version, rulepack_digest, settings FROM runs WHERE {where} "
            f"ORDER BY {self.db.c('started_at')}, id", (self.scope_key,) if self.scope_key else ())
        return [Run(int(r[0]), r[1], json.loads(r[2]), r[3], *(int(x or 0) for x in r[4:12]), r[12], r[13],
                    json.loads(r[14] or "{}")) for r in rows]

    def month_filter(self, column: str = "month") -> tuple[str, tuple[Any, ...]]:
        if not (self.date_from or self.date_to):
            return "", ()
        sql, params = f" AND {column} <> ''", []
        if self.date_from:
            sql += f" AND {column} >= ?"
            params.append(self.date_from)
        if self.date_to:
            sql += f" AND {column} <= ?"
            params.append(self.date_to)
        return sql, tuple(params)

    # -- figures ---------------------------------------------------------------------------
    def figure_rows(self, run_ids: list[int]) -> list[tuple[Any, ...]]:
        if not run_ids:
            return []
        marks = ", ".join("?" for _ in run_ids)
        extra, params = self.month_filter()
        return self.db.all(f"SELECT run_id, unit_key, unit_name, month, {', '.join(FIGURE_FIELDS)} FROM run_figures "
                           f"WHERE run_id IN ({marks}){extra} ORDER BY run_id, unit_key, month", (*run_ids, *params))

    def defect_rows(self, run_ids: list[int]) -> list[tuple[Any, ...]]:
        if not run_ids:
            return []
        marks = ", ".join("?" for _ in run_ids)
        extra, params = self.month_filter()
        return self.db.all(f"SELECT unit_key, rule, SUM(files) FROM run_defects WHERE run_id IN ({marks}){extra} "
                           "GROUP BY unit_key, rule", (*run_ids, *params))

    def snapshot(self, run_ids: list[int]) -> dict[str, Any]:
        """Figures per unit, per month and per unit × month, and totals, over these runs."""
        per_unit: dict[str, dict[str, int]] = defaultdict(_zero)
        names: dict[str, str] = {}
        per_month: dict[str, dict[str, int]] = defaultdict(_zero)
        cells: dict[tuple[str, str], dict[str, int]] = defaultdict(_zero)
        total = _zero()
        for row in self.figure_rows(run_ids):
            _run, key, name, month = row[:4]
            values = dict(zip(FIGURE_FIELDS, (int(x) for x in row[4:])))
            names.setdefault(key, name)
            for k, v in values.items():
                per_unit[key][k] += v
                per_month[month][k] += v
                cells[(key, month)][k] += v
                total[k] += v
        defects: dict[str, Counter] = defaultdict(Counter)
        all_defects: Counter = Counter()
        for key, rule, n in self.defect_rows(run_ids):
            defects[key][rule] += int(n)
            all_defects[rule] += int(n)
        order = sorted(per_unit, key=lambda k: (k == "", names[k]))
        units = [figures_json(_figures(names[k], per_unit[k], defects[k])) for k in order]
        months = []
        for m in sorted(per_month, key=lambda m: (m == "", m)):
            months.append({"month": m or None, **figures_json(_figures("", per_month[m])),
                           "units": {names[k]: figures_json(_figures(names[k], cells[(k, m)]))
                                     for k in order if (k, m) in cells}})
        totals = figures_json(_figures("", total, all_defects))
        return {"totals": totals, "units": units, "months": months}

    def history(self, runs: list[Run]) -> list[dict[str, Any]]:
        """Each complete run with its totals (documents issued in the period), and per day the
        sum over scopes of each scope's latest run that day (the line a chart draws)."""
        sums: dict[int, dict[str, int]] = defaultdict(_zero)
        for row in self.figure_rows([r.id for r in runs]):
            for k, v in zip(FIGURE_FIELDS, row[4:]):
                sums[int(row[0])][k] += int(v)
        return [{**r.to_json(), "figures": figures_json(_figures("", sums[r.id]))} for r in runs]

    def by_day(self, runs: list[Run], history: list[dict[str, Any]]) -> list[dict[str, Any]]:
        figures = {h["id"]: h["figures"] for h in history}
        latest: dict[str, Run] = {}
        out = []
        days = sorted({r.started_at[:10] for r in runs})
        it = iter(runs)
        pending = next(it, None)
        for day in days:
            while pending is not None and pending.started_at[:10] <= day:
                latest[pending.scope_key] = pending
                pending = next(it, None)
            total = _zero()
            for run in latest.values():
                f = figures[run.id]
                total["documents"] += f["documents"]
                total["appendices"] += f["appendices"]
                total["unreadable"] += f["unreadable"]
                total["agency_signed"] += f["with_valid_agency_signature"]
                total["appendices_signed"] += f["appendices_signed"]
                total["compliant"] += f["compliant"]
                total["format_compliant"] += f["format_compliant"]
                total["signature_compliant"] += f["signature_compliant"]
            out.append({"day": day, "runs": sorted(r.id for r in latest.values()), **figures_json(_figures("", total))})
        return out

    # -- changes ---------------------------------------------------------------------------
    def changes(self, current: Run, previous: Run | None) -> dict[str, Any]:
        kinds = ("new", "fixed", "started_failing", "changed", "removed")
        out: dict[str, Any] = {"current_run": current.id, "previous_run": previous.id if previous else None,
                               "counts": dict.fromkeys(kinds + ("unchanged",), 0), **{k: [] for k in kinds}}
        extra, params = self.month_filter("cur.month")
        if previous is None:
            return out
        rows = self.db.stream(
            "SELECT d.path, cur.unit_name, cur.month, cur.change, cur.verdict, rc.verdict_format, rc.verdict_signature, "
            "prev.verdict, rp.verdict_format, rp.verdict_signature, cur.result_id, prev.result_id, "
            "cur.bundle_status, prev.bundle_status FROM observations cur "
            "JOIN documents d ON d.id = cur.document_id JOIN results rc ON rc.id = cur.result_id "
            "LEFT JOIN observations prev ON prev.document_id = cur.document_id AND prev.run_id = ? "
            "LEFT JOIN results rp ON rp.id = prev.result_id "
            f"WHERE cur.run_id = ?{extra} ORDER BY {self.db.c('d.path')}", (previous.id, current.id, *params))
        want_rules: list[tuple[dict[str, Any], int, int | None, str | None, str | None]] = []
        for (path, unit, month, change, v, vf, vs, pv, pvf, pvs, rid, prid, bst, pbst) in rows:
            entry = {"path": path, "unit": unit or None, "month": month, "verdict": v,
                     "verdicts": {"format": vf, "signature": vs}}
            if pv is None:
                kind = "new"
            else:
                entry["before"] = {"verdict": pv, "verdicts": {"format": pvf, "signature": pvs}}
                if pv == "non-compliant" and v != "non-compliant":
                    kind = "fixed"
                elif pv != "non-compliant" and v == "non-compliant":
                    kind = "started_failing"
                elif change == "changed" or (pv, pvf, pvs) != (v, vf, vs):
                    kind = "changed"
                else:
                    out["counts"]["unchanged"] += 1
                    continue
            out["counts"][kind] += 1
            if len(out[kind]) < LIST_LIMIT:
                out[kind].append(entry)
                if kind != "new":
                    want_rules.append((entry, int(rid), int(prid) if prid is not None else None, bst, pbst))
        for entry, rid, prid, bst, pbst in want_rules:
            now = self.failing(rid) | ({"BUNDLE-ORPHAN"} if bst == "fail" else set())
            was = (self.failing(prid) if prid is not None else set()) | ({"BUNDLE-ORPHAN"} if pbst == "fail" else set())
            entry["rules_fixed"] = sorted(was - now)
            entry["rules_new"] = sorted(now - was)
        gone = self.db.all(
            "SELECT d.path, prev.unit_name, prev.month, prev.verdict FROM observations prev JOIN documents d "
            "ON d.id = prev.document_id WHERE prev.run_id = ? AND prev.document_id NOT IN "
            f"(SELECT document_id FROM observations WHERE run_id = ?){extra.replace('cur.', 'prev.')} "
            f"ORDER BY {self.db.c('d.path')}",
            (previous.id, current.id, *params))
        out["counts"]["removed"] = len(gone)
        out["removed"] = [{"path": p, "unit": u or None, "month": m, "before": {"verdict": v}} for p, u, m, v in gone[:LIST_LIMIT]]
        return out

    def failing(self, result_id: int) -> set[str]:
        return {r for (r,) in self.db.all("SELECT rule FROM failures WHERE result_id = ?", (result_id,))}

    def run_findings(self, run_ids: list[int]) -> list[dict[str, Any]]:
        if not run_ids:
            return []
        marks = ", ".join("?" for _ in run_ids)
        return [{"run": int(r), "rule": rule, "severity": sev, "unit": unit or None, "message": msg, "files": json.loads(files)}
                for r, rule, sev, unit, msg, files in self.db.all(
                    f"SELECT run_id, rule, severity, unit, message, files FROM run_findings WHERE run_id IN ({marks}) "
                    "ORDER BY run_id, seq", tuple(run_ids))]


def build_report(db: Database, date_from: str | None = None, date_to: str | None = None,
                 scope_key: str | None = None, generated_at: str | None = None) -> dict[str, Any]:
    """The whole report as plain data (the JSON format prints it; text, HTML and CSV render it)."""
    reader = Reader(db, date_from, date_to, scope_key)
    runs = reader.runs()
    if not runs:
        raise AuditDbError("empty", f"cơ sở dữ liệu {db.display} chưa có lần kiểm tra nào được ghi trọn"
                           + (" cho thư mục này" if scope_key else ""),
                           f"audit database {db.display} holds no completed audit run" + (" of these folders" if scope_key else ""))
    by_scope: dict[str, list[Run]] = defaultdict(list)
    for r in runs:
        by_scope[r.scope_key].append(r)
    latest = [rs[-1] for rs in by_scope.values()]
    latest.sort(key=lambda r: (r.started_at, r.id))
    snap = reader.snapshot([r.id for r in latest])
    history = reader.history(runs)
    changes = [reader.changes(rs[-1], rs[-2] if len(rs) > 1 else None) for rs in by_scope.values()]
    changes.sort(key=lambda c: c["current_run"])
    return {
        "report": "nd30check-audit-history",
        "version": 1,
        "database": db.display,
        "generated_at": generated_at,
        "period": {"from": date_from, "to": date_to, "of": "issue date"},
        "latest_runs": [r.to_json() for r in latest],
        **snap,
        "history": history,
        "by_day": reader.by_day(runs, history),
        "changes": changes,
        "audit_findings": reader.run_findings([r.id for r in latest]),
    }
