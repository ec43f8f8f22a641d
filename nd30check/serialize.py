"""FileResult ⇄ plain dicts, for worker processes and the result cache (full fidelity)."""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from .check import FileResult
from .engine import Finding, RuleResult
from .model import Facts, SignatureInfo, SignatureReport


def _pick(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def result_to_dict(res: FileResult) -> dict[str, Any]:
    return {
        "path": res.path,
        "kind": res.kind,
        "facts": asdict(res.facts),
        "results": [
            {"rule": r.rule, "status": r.status, "reasons": list(r.reasons), "findings": [asdict(f) for f in r.findings]}
            for r in res.results
        ],
        "signatures": asdict(res.signatures) if res.signatures is not None else None,
        "error": res.error,
        "has_text_layer": res.has_text_layer,
        "page_count": res.page_count,
        "elapsed_ms": res.elapsed_ms,
        "roles": res.roles,
    }


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
        results=[
            RuleResult(r["rule"], r["status"], [Finding(**_pick(Finding, f)) for f in r.get("findings", [])], list(r.get("reasons", [])))
            for r in data.get("results", [])
        ],
        signatures=report,
        error=data.get("error"),
        has_text_layer=data.get("has_text_layer", True),
        page_count=data.get("page_count"),
        elapsed_ms=data.get("elapsed_ms"),
        roles=[tuple(x) for x in data["roles"]] if data.get("roles") is not None else None,
    )
