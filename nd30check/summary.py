"""Run-level figures shared by every report format, and the exit code (``RunResult.summary``).

Pure functions of the results model. A run is a :class:`~nd30check.results.RunResult` (its
skipped entries and audit findings count too); a plain list of file results is accepted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from .results import SEVERITY_RANK, FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _files(run: Any) -> list[FileResult]:
    return list(getattr(run, "files", run))


def counted_findings(res: FileResult, fail_on: str) -> int:
    """Findings at or above the fail level (informational notes never count)."""
    if fail_on == "never":
        return 0
    floor = SEVERITY_RANK[fail_on]
    return sum(1 for r in res.results for f in r.findings if not f.note and SEVERITY_RANK.get(f.severity, 0) >= floor)


def skipped_errors(run: Any) -> list[Any]:
    """Entries the walk could not look into (a looping link, a folder it may not list)."""
    return [s for s in getattr(run, "skipped", ()) if s.is_error]


def exit_code(run: Iterable[FileResult], fail_on: str) -> int:
    """2 when any input was unreadable (a file, or an entry the walk could not follow);
    1 when findings (an audit's too) reach the fail level; else 0."""
    if skipped_errors(run):
        return EXIT_ERROR
    files = _files(run)
    if any(r.error for r in files):
        return EXIT_ERROR
    if any(counted_findings(r, fail_on) for r in files):
        return EXIT_FINDINGS
    audit = getattr(run, "audit", None)
    if audit is not None and fail_on != "never" and \
            any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in audit.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def summarize(run: Iterable[FileResult], fail_on: str) -> dict[str, Any]:
    files = _files(run)
    verdicts = Counter(r.verdict for r in files if not r.error)  # unreadable files are counted apart
    severities = Counter(f.severity for r in files for rr in r.results for f in rr.findings if not f.note)
    failed_rules = Counter(rr.rule for r in files for rr in r.results if rr.status == "fail")
    signed = sum(1 for r in files if r.signatures and r.signatures.signatures)
    groups = {g: Counter(r.verdicts[g] for r in files if not r.error) for g in ("format", "signature")}
    return {
        "files": len(files),
        "compliant": verdicts.get("compliant", 0),
        "non_compliant": verdicts.get("non-compliant", 0),
        "incomplete": verdicts.get("incomplete", 0),
        "unreadable": sum(1 for r in files if r.error),
        "findings": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
        "rules_failed": dict(sorted(failed_rules.items(), key=lambda kv: (-kv[1], kv[0]))),
        "signed_files": signed,
        # the two verdicts counted apart (readable files only), as inspections count them
        "verdicts": {g: {"compliant": c.get("compliant", 0), "non_compliant": c.get("non-compliant", 0),
                         "incomplete": c.get("incomplete", 0), "not_applicable": c.get("not-applicable", 0)}
                     for g, c in groups.items()},
        "skipped": len(getattr(run, "skipped", ())),
        "fail_on": fail_on,
        "exit_code": exit_code(run, fail_on),
    }
