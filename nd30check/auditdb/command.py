"""What ``nd30check audit --db`` does, for the command line: record a run and/or report.

Raises :class:`~nd30check.auditdb.db.AuditDbError` for every database problem; the command
line prints its one line and exits 2.
"""

from __future__ import annotations

from typing import Any

from .db import AuditDbError, open_database
from .figures import build_report, normalise_month
from .record import record_run, run_time, scope_of
from .report import render


def period(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    try:
        return normalise_month(date_from), normalise_month(date_to, end=True)
    except ValueError as exc:
        raise AuditDbError("usage", f"--from/--to: {exc.args[0]!r} không phải tháng (YYYY-MM)",
                           f"--from/--to: {exc.args[0]!r} is not a month (YYYY-MM)") from None


def record_and_report(url: str | None, paths: list[str], config: Any, pack: Any, fmt: str, progress: bool | None,
                      date_from: str | None = None, date_to: str | None = None) -> tuple[str, int]:
    """Record a run of ``paths``, then the report of these folders (their figures, the
    changes since their previous run, their history)."""
    start, end = period(date_from, date_to)
    with open_database(url) as db:
        outcome = record_run(db, paths, config, pack, progress=progress)
        rep = build_report(db, start, end, scope_of(paths)[1], run_time(config).isoformat(timespec="seconds"))
    return render(fmt, rep, config.lang), outcome.exit_code


def report_only(url: str | None, paths: list[str], config: Any, fmt: str, date_from: str | None = None,
                date_to: str | None = None) -> str:
    """The report over every scope recorded (or only the folders given)."""
    start, end = period(date_from, date_to)
    with open_database(url, create=False) as db:
        rep = build_report(db, start, end, scope_of(paths)[1] if paths else None,
                           run_time(config).isoformat(timespec="seconds"))
    return render(fmt, rep, config.lang)
