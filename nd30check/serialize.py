"""FileResult ⇄ plain dicts, for worker processes and the result cache (full fidelity)."""

from __future__ import annotations

from dataclasses import asdict, fields
from functools import lru_cache
from typing import Any

from .check import FileResult
from .engine import Finding, RuleResult
from .model import Conversion, Facts, SignatureInfo, SignatureReport


@lru_cache(maxsize=None)
def _names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def _pick(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields ``cls`` knows (a cache entry may come from a newer or older model)."""
    names = _names(cls)
    return {k: v for k, v in data.items() if k in names}


def result_to_dict(res: FileResult) -> dict[str, Any]:
    return {
        "path": res.path,
        "kind": res.kind,
        "facts": asdict(res.facts),
        # a rule with nothing to say is a pair: most of a file's ~70 rules, a third of the bytes
        "results": [
            [r.rule, r.status] if not r.findings and not r.reasons else
            {"rule": r.rule, "status": r.status, "reasons": list(r.reasons), "findings": [_finding_dict(f) for f in r.findings]}
            for r in res.results
        ],
        "signatures": asdict(res.signatures) if res.signatures is not None else None,
        "error": res.error,
        "has_text_layer": res.has_text_layer,
        "page_count": res.page_count,
        "elapsed_ms": res.elapsed_ms,
        "roles": res.roles,
        "views": res.views,
        "conversion": asdict(res.conversion) if res.conversion is not None else None,
    }


def _finding_dict(f: Finding) -> dict[str, Any]:
    """Finding without its empty fields (defaults come back on reading)."""
    return {k: v for k, v in asdict(f).items() if v is not None and v is not False}


def _rule_result(r: Any) -> RuleResult:
    if isinstance(r, list):
        return RuleResult(r[0], r[1])
    return RuleResult(r["rule"], r["status"], [Finding(**_pick(Finding, f)) for f in r.get("findings", [])],
                      list(r.get("reasons", [])))


def result_from_dict(data: dict[str, Any]) -> FileResult:
    sigs = data.get("signatures")
    report = None
    if sigs is not None:
        infos = []
        for s in sigs.get("signatures", []):
            s = _pick(SignatureInfo, s)
            if s.get("rect") is not None:
                s["rect"] = tuple(s["rect"])
            infos.append(SignatureInfo(**s))
        rest = _pick(SignatureReport, {k: v for k, v in sigs.items() if k != "signatures"})
        report = SignatureReport(signatures=infos, **rest)
    return FileResult(
        path=data["path"],
        kind=data.get("kind"),
        facts=Facts(**_pick(Facts, data.get("facts") or {})),
        results=[_rule_result(r) for r in data.get("results", [])],
        signatures=report,
        error=data.get("error"),
        has_text_layer=data.get("has_text_layer", True),
        page_count=data.get("page_count"),
        elapsed_ms=data.get("elapsed_ms"),
        roles=[tuple(x) for x in data["roles"]] if data.get("roles") is not None else None,
        views=data.get("views"),
        conversion=_conversion(data.get("conversion")),
    )


def _conversion(data: dict[str, Any] | None) -> Conversion | None:
    if not data:
        return None
    conv = Conversion(**_pick(Conversion, data))
    conv.unvouched = {k: tuple(v) for k, v in conv.unvouched.items()}  # type: ignore[misc]
    return conv
