"""CSV: one row per finding, for spreadsheets (UTF-8 with BOM so Excel shows Vietnamese)."""

from __future__ import annotations

import csv
import io

COLUMNS = ["path", "verdict", "rule", "severity", "message", "clause", "role", "page", "paragraph",
           "excerpt", "expected", "actual"]


def render(results, config) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in results:
        verdict = "unreadable" if r.error else r.verdict
        for f in r.findings:
            w.writerow([r.path, verdict, f.rule, f.severity, f.message, f.clause, f.role or "",
                        f.page or "", "" if f.paragraph is None else f.paragraph + 1, f.excerpt or "",
                        "" if f.expected is None else f.expected, "" if f.actual is None else f.actual])
    return "\ufeff" + buf.getvalue()
