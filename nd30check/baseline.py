"""Baselines: findings already accepted, so a nightly audit reports only what is new.

A finding is identified by the file's name (not its folder: archives move), the rule, and
the excerpt/actual value — not by paragraph number, which shifts when text is edited; the
actual value as the report shows it in the run's language (what earlier baselines stored).
Matching counts duplicates: two identical accepted findings hide at most two.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .report.atomic import write_atomic
from .report.fingerprint import fingerprint_text
from .report.words import Words
from .results import FileResult, RunResult


def write_baseline(target: str, results: RunResult | list[FileResult], words: Words) -> None:
    entries = [
        {"file": Path(r.path).name, "rule": f.rule, "excerpt": f.excerpt, "actual": f.actual,
         "signature": f.signature, "fingerprint": fingerprint_text(r.path, f)}
        for r in results for f in words.findings(r)
    ]
    write_atomic(target, json.dumps({"version": 1, "findings": entries}, ensure_ascii=False, indent=2) + "\n")


def apply_baseline(source: str, results: RunResult, words: Words) -> RunResult:
    """Drop accepted findings; a rule left with no failing finding counts as passed."""
    try:
        data = json.loads(Path(source).read_text(encoding="utf-8"))
        accepted = Counter(e["fingerprint"] for e in data.get("findings", []))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        import sys

        print(f"nd30check: cannot read baseline {source}: {exc}", file=sys.stderr)
        raise SystemExit(2) from None  # a usage error, like a bad config file
    for res in results:
        for rr in res.results:
            kept = []
            for f in rr.findings:
                fp = fingerprint_text(res.path, words.finding(f))
                if accepted[fp] > 0:
                    accepted[fp] -= 1
                else:
                    kept.append(f)
            if len(kept) != len(rr.findings):
                rr.findings = kept
                if rr.status == "fail" and not any(not f.note for f in kept):
                    rr.status = "pass"
                    rr.reasons = ["baseline"]
    return results
