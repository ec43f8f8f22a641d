"""Results ⇄ plain JSON data, with full fidelity: what worker processes (local or on a Dask
cluster) send back, what the result cache and the audit database store.

Words stay words (:func:`nd30check.words.to_data`): a stored result has no language.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from functools import lru_cache
from typing import Any

from .model import Conversion, Facts, SignatureInfo, SignatureReport
from .results import FileResult, Finding, RuleResult
from .words import from_data, to_data

_WORDS = ("values", "expected", "actual")


@lru_cache(maxsize=None)
def _names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def _pick(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields ``cls`` knows (a cache entry may come from a newer or older model)."""
    names = _names(cls)
    return {k: v for k, v in data.items() if k in names}


def finding_to_dict(f: Finding) -> dict[str, Any]:
    """A finding without its empty fields (defaults come back on reading)."""
    out: dict[str, Any] = {}
    for name in _FINDING_FIELDS:
        v = getattr(f, name)
        if v is None or v is False or (name == "values" and not v):
            continue
        out[name] = to_data(v) if name in _WORDS else (list(v) if name == "bbox" else v)
    return out


def finding_from_dict(data: dict[str, Any]) -> Finding:
    kw = _pick(Finding, data)
    for name in _WORDS:
        if name in kw:
            kw[name] = from_data(kw[name])
    if kw.get("bbox") is not None:
        kw["bbox"] = tuple(kw["bbox"])
    return Finding(**kw)


def rule_result_to_data(r: RuleResult) -> Any:
    # a rule with nothing to say is a pair: most of a file's ~70 rules, a third of the bytes
    if not r.findings and not r.reasons:
        return [r.rule, r.status]
    return {"rule": r.rule, "status": r.status, "reasons": [to_data(x) for x in r.reasons],
            "findings": [finding_to_dict(f) for f in r.findings]}


def rule_result_from_data(r: Any) -> RuleResult:
    if isinstance(r, list):
        return RuleResult(r[0], r[1])
    return RuleResult(r["rule"], r["status"], [finding_from_dict(f) for f in r.get("findings", [])],
                      [from_data(x) for x in r.get("reasons", [])])


def result_to_dict(res: FileResult) -> dict[str, Any]:
    return {
        "path": res.path,
        "kind": res.kind,
        "facts": asdict(res.facts),
        "results": [rule_result_to_data(r) for r in res.results],
        "signatures": asdict(res.signatures) if res.signatures is not None else None,
        "error": res.error,
        "has_text_layer": res.has_text_layer,
        "page_count": res.page_count,
        "elapsed_ms": res.elapsed_ms,
        "roles": res.roles,
        "views": res.views,
        "conversion": asdict(res.conversion) if res.conversion is not None else None,
        "digest": res.digest,
        "appendix_file": res.appendix_file,
        "appendix_of": res.appendix_of,
    }


def result_from_dict(data: dict[str, Any]) -> FileResult:
    return FileResult(
        path=data["path"],
        kind=data.get("kind"),
        facts=Facts(**_pick(Facts, data.get("facts") or {})),
        results=[rule_result_from_data(r) for r in data.get("results", [])],
        signatures=_signatures(data.get("signatures")),
        error=data.get("error"),
        has_text_layer=data.get("has_text_layer", True),
        page_count=data.get("page_count"),
        elapsed_ms=data.get("elapsed_ms"),
        roles=[tuple(x) for x in data["roles"]] if data.get("roles") is not None else None,
        views=data.get("views"),
        conversion=_conversion(data.get("conversion")),
        digest=data.get("digest"),
        appendix_file=data.get("appendix_file"),
        appendix_of=data.get("appendix_of"),
    )


def _signatures(sigs: dict[str, Any] | None) -> SignatureReport | None:
    if sigs is None:
        return None
    infos = []
    for s in sigs.get("signatures", []):
        s = _pick(SignatureInfo, s)
        if s.get("rect") is not None:
            s["rect"] = tuple(s["rect"])
        infos.append(SignatureInfo(**s))
    rest = _pick(SignatureReport, {k: v for k, v in sigs.items() if k != "signatures"})
    return SignatureReport(signatures=infos, **rest)


def _conversion(data: dict[str, Any] | None) -> Conversion | None:
    if not data:
        return None
    conv = Conversion(**_pick(Conversion, data))
    conv.unvouched = {k: tuple(v) for k, v in conv.unvouched.items()}  # type: ignore[misc]
    return conv
