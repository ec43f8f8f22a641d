"""``nd30check audit``: figures across a folder of issued documents (the pipeline part).

AUDIT-NUMBER-DUP: two documents of one agency share a number in one calendar year (Đ15:
numbers run from 01 on 1 January to 31 December). AUDIT-NUMBER-GAP: numbers missing in an
agency's sequence within the audited set (info: the set may simply be incomplete).
AUDIT-UNSIGNED: per issuing unit, the share of documents without a valid agency signature.

The rules' logic lives in ``checks/audit.py``; this module groups a run's results by unit and
year, calls it, and puts the findings on the run (``RunResult.audit``). The per-unit figures
are the run's own (``RunResult.units``); ``report/audit.py`` renders all of it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from .batch import run_batch
from .figures import unit_key, unit_name, unit_of
from .results import AuditFinding, AuditResult, RunResult
from .rulepack import RulePack


def audit_results(run: RunResult, config: Any, pack: RulePack) -> RunResult:
    """The run with its audit: results grouped by unit and year, the AUDIT-* rules
    (checks/audit.py) run on them. ``run`` itself is left as it is."""
    from .checks.audit import UnitCount, number_duplicates, number_gaps, unsigned_share
    from .engine import make_finding
    from .words import Term

    findings: list[AuditFinding] = []
    statuses: dict[str, str] = {}
    issued = [r for r in run.files if not r.error and not r.is_appendix]

    # numbers per (unit, year)
    series: dict[tuple[str, str], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    doubtful: set[str] = set()  # number, year or unit read from a scan with low confidence
    dup_rule = pack.get("AUDIT-NUMBER-DUP")
    floor = pack.min_confidence(dup_rule) if dup_rule is not None else 1.0
    for r in issued:
        f = r.facts
        if not (f.number and f.number.isdigit() and f.date and f.agency):
            continue
        if any(f.doubtful(k, floor) for k in ("number", "date", "agency")):
            doubtful.add(r.path)
        key = unit_key(unit_name(f))
        names[key] = unit_name(f)
        series[(key, f.date[:4])][int(f.number)].append(r.path)

    def apply(rid: str, fn: Any, *args: Any) -> None:
        rule = pack.get(rid)
        if rule is None or not config.selected(rid):
            return
        status, items = fn(*args)
        statuses[rid] = status
        sev = config.severity.get(rid, rule.severity)
        for item in items:
            found = make_finding(rule, item.finding, sev)
            if not item.finding.note:  # a note (a doubtful reading) stays information
                found.severity = sev
            findings.append(AuditFinding(found, item.unit, item.files))

    apply("AUDIT-NUMBER-DUP", number_duplicates, series, names, doubtful)
    apply("AUDIT-NUMBER-GAP", number_gaps, series, names)
    units = run.units
    counts = [UnitCount(u.unit, u.readable, u.with_agency_signature,
                        [r.path for r in issued if unit_key(unit_of(r)) == unit_key(u.unit)
                         and not r.valid_agency_signature]) for u in units]
    apply("AUDIT-UNSIGNED", unsigned_share, counts, bool(issued), Term("unknown-unit"))
    return dataclasses.replace(run, audit=AuditResult(findings, statuses), fail_on=config.fail_on)


def run_audit(paths: list[str], config: Any, pack: RulePack, progress: bool | None = None) -> RunResult:
    return audit_results(run_batch(paths, config, pack, progress=progress), config, pack)

