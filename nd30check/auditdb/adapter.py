"""The one place the audit database meets result objects and the batch.

Everything else in :mod:`nd30check.auditdb` deals in rows and plain values. When results
become a model layer (issue 10) and the batch gets an executor interface, this module is
what moves: :func:`result_row` (a checked file → what is stored), :func:`summary_of` and
:func:`summary_from_row` (the small per-file summary the recording run keeps in memory —
path, facts, error — instead of the result), :func:`full_result` (a stored result back),
and thin wrappers around the batch's walk, worker pool and bundle rules.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any, Callable

from ..batch import check_files
from ..bundles import apply_bundle_rules, bundle_info, find_bundles, is_appendix_file
from ..cache import settings_key, time_dependent
from ..config import Config
from ..figures import has_valid_agency_signature, unit_key, unit_of
from ..model import Facts
from ..report.words import Words
from ..results import SEVERITY_RANK, FileResult, RuleResult, verdict
from ..rulepack import RulePack
from ..serialize import _pick, finding_to_dict, result_from_dict, result_to_dict
from ..walk import Skipped, walk
from ..words import to_data

__all__ = ["FileResult", "ResultRow", "Skipped", "apply_bundle_rules", "bundle_info", "bundle_rule", "check_files",
           "find_bundles", "full_result", "is_appendix_file", "lookup_key", "overall_verdict", "result_row",
           "summary_from_row", "summary_of", "unit_key", "unit_of", "walk", "worst_rank"]

VERDICT_RANK = {"compliant": 0, "not-applicable": 0, "incomplete": 1, "non-compliant": 2}


def lookup_key(config: Config, pack: RulePack, bundle: dict[str, Any] | None = None) -> str:
    """The settings part of a stored result's identity: the cache's key without the fixed
    "now" (an unsigned file's result does not depend on the clock; for a signed one the row
    says which "now" or which day it was judged against, see :func:`reusable`)."""
    return settings_key(dataclasses.replace(config, now=None), pack.digest, bundle)


def reusable(time_dep: bool, now_fixed: str | None, checked_on: str, config: Config, today: str) -> bool:
    """The result cache's rule, applied to a stored result: a verdict judged against the clock
    is reused under the same ``--now``, or without one on the day it was made only."""
    if not time_dep:
        return True
    if config.now:
        return now_fixed == config.now
    return now_fixed is None and checked_on == today


def worst_rank(findings: list[Any]) -> int:
    """1 + the rank of the worst finding that counts for the exit code (notes never count);
    0 when there is none."""
    ranks = [SEVERITY_RANK.get(f.severity, 0) + 1 for f in findings if not f.note]
    return max(ranks, default=0)


@dataclass
class ResultRow:
    """What the ``results``, ``findings`` and ``failures`` tables get for one checked file."""

    values: dict[str, Any]
    findings: list[tuple[Any, ...]]
    failures: list[str]


def _canonical(data: dict[str, Any]) -> bytes:
    keep = {k: v for k, v in data.items() if k not in ("path", "elapsed_ms", "roles", "checked_on")}
    return json.dumps(keep, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("vi") or value.get("en") or json.dumps(value, ensure_ascii=False)
    return str(value)


def result_row(res: FileResult, content_hash: str, skey: str, config: Config, today: str,
               words: Words | None = None) -> ResultRow:
    """``words``: the run's pack and language, in which the findings table stores its messages
    (the stored result itself has no language)."""
    words = words if words is not None else Words(None, config.lang)
    data = result_to_dict(res)
    f = res.facts
    tdep = time_dependent(data)
    number_int = int(f.number) if f.number and f.number.isdigit() and len(f.number) < 10 else None
    values = {
        "content_hash": content_hash,
        "settings_key": skey,
        "result_hash": hashlib.sha256(_canonical(data)).hexdigest()[:32],
        "now_fixed": config.now if tdep else None,
        "checked_on": today,
        "time_dependent": int(tdep),
        "kind": res.kind,
        "verdict": res.verdict,
        "verdict_format": res.verdicts["format"],
        "verdict_signature": res.verdicts["signature"],
        "error_code": (res.error or {}).get("code"),
        "error": json.dumps(res.error, ensure_ascii=False) if res.error else None,
        "worst": worst_rank(res.findings),
        "unit_name": unit_of(res),
        "doc_type": f.type_abbr or f.type,
        "number_symbol": f.number_symbol,
        "number_int": number_int,
        "doc_date": f.date,
        "agency": f.agency,
        "appendix_file": int(is_appendix_file(res)),
        "agency_signed": int(has_valid_agency_signature(res)),
        "signatures": len(res.signatures.signatures) if res.signatures else 0,
        "facts": json.dumps(dataclasses.asdict(f), ensure_ascii=False),
        "data": zlib.compress(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"), 6),
    }
    findings = [(i, x.rule, x.severity, int(bool(x.note)), x.message, x.page, x.paragraph, _text(x.expected), _text(x.actual))
                for i, x in enumerate(words.findings(res))]
    failures = sorted({r.rule for r in res.results if r.status == "fail"})
    return ResultRow(values, findings, failures)


def summary_of(res: FileResult) -> FileResult:
    """What the recording run keeps of a checked file until the run ends: path, kind, facts
    and error (the batch's bundle rules need no more). A few hundred bytes, not the result."""
    return FileResult(path=res.path, kind=res.kind, facts=res.facts, error=res.error)


def summary_from_row(path: str, kind: str | None, facts_json: str, error_json: str | None) -> FileResult:
    facts = Facts(**_pick(Facts, json.loads(facts_json)))
    return FileResult(path=path, kind=kind, facts=facts, error=json.loads(error_json) if error_json else None)


def full_result(blob: bytes, path: str | None = None) -> FileResult:
    data = json.loads(zlib.decompress(bytes(blob)).decode("utf-8"))
    if path is not None:
        data["path"] = path
    return result_from_dict(data)


def bundle_rule(summary: FileResult) -> RuleResult | None:
    """The BUNDLE-ORPHAN result the batch's bundle rules gave this file (None when the rule
    is not selected)."""
    for r in summary.results:
        if r.rule == "BUNDLE-ORPHAN":
            return r
    return None


def bundle_json(rr: RuleResult | None) -> str | None:
    if rr is None:
        return None
    return json.dumps({"rule": rr.rule, "status": rr.status, "reasons": [to_data(x) for x in rr.reasons],
                       "findings": [finding_to_dict(f) for f in rr.findings]}, ensure_ascii=False, default=str)


def overall_verdict(result_verdict: str, rr: RuleResult | None) -> tuple[str, int]:
    """The file's overall verdict with the batch rule added, and its worst counted finding."""
    if rr is None:
        return result_verdict, 0
    extra = verdict([rr])
    v = max((result_verdict, extra), key=lambda x: VERDICT_RANK.get(x, 0))
    return v, worst_rank(rr.findings)


def month_of(date: str | None) -> str | None:
    if date and len(date) >= 7 and date[4] == "-":
        return date[:7]
    return None


Sink = Callable[[int, FileResult], Any]
