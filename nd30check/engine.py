"""Rule engine: runs the declared rules on one labelled document and decides its verdict.

The engine owns everything a single check should not care about: whether a rule applies to
this file kind and document type, selection and severity overrides, rendering messages in
the user's language, turning a crashing check into ``not-evaluated`` (never ``pass``), and
the per-document verdict.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from .checks.base import REGISTRY, Ctx, Options, RawFinding
from .config import Config
from .model import Document
from .rulepack import RuleDef, RulePack, render

log = logging.getLogger("nd30check")

STATUSES = ("pass", "fail", "not-applicable", "not-evaluated")
VERDICTS = ("compliant", "non-compliant", "incomplete")
# Layout rules that need a text layer; page size/orientation can still be measured on scans.
_NEEDS_TEXT_CATEGORIES = {"header", "body", "signblock", "appendix"}
_NEEDS_TEXT_RULES = {"ND30-MARGIN", "ND30-FONT", "ND30-COLOR", "ND30-PAGE-NUMBER", "ND30-SIZE-PAIR"}


_CHECKS_LOADED = False


def _load_checks() -> None:
    """Import every check module so their @check decorators register (once per process)."""
    global _CHECKS_LOADED
    if _CHECKS_LOADED:
        return
    from importlib import import_module
    from pkgutil import iter_modules

    from . import checks

    for mod in iter_modules(checks.__path__):
        if mod.name not in ("base", "common"):
            import_module(f"{checks.__name__}.{mod.name}")
    _CHECKS_LOADED = True


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    clause: str
    role: str | None = None
    page: int | None = None
    paragraph: int | None = None
    excerpt: str | None = None
    expected: Any = None
    actual: Any = None
    signature: int | None = None
    note: bool = False
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points on ``page`` (locate.py)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "clause": self.clause,
            "role": self.role,
            "location": {"page": self.page, "paragraph": self.paragraph, "excerpt": self.excerpt},
            "expected": self.expected,
            "actual": self.actual,
        }
        if self.signature is not None:
            out["signature"] = self.signature
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        return out

    def sort_key(self) -> tuple:
        return (self.page or 0, self.paragraph if self.paragraph is not None else -1, self.rule, self.message)


@dataclass(slots=True)
class RuleResult:
    rule: str
    status: str
    findings: list[Finding] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why not-evaluated / not-applicable


def _localise(value: Any, lang: str) -> Any:
    if isinstance(value, dict) and ("vi" in value or "en" in value):
        return value.get(lang) or value.get("vi") or value.get("en")
    return value


def _finding(rule: RuleDef, raw: RawFinding, severity: str, lang: str) -> Finding:
    expected = _localise(raw.expected, lang)
    actual = _localise(raw.actual, lang)
    values = {k: _localise(v, lang) for k, v in raw.fmt.items()}
    values.setdefault("expected", expected if expected is not None else "")
    values.setdefault("actual", actual if actual is not None else "")
    values.setdefault("excerpt", raw.excerpt or "")
    return Finding(
        rule=rule.id,
        severity="info" if raw.note else (raw.severity or severity),
        message=render(rule.message(raw.key, lang), values),
        clause=rule.clause,
        role=raw.role,
        page=raw.page,
        paragraph=raw.paragraph,
        excerpt=raw.excerpt,
        expected=expected,
        actual=actual,
        signature=raw.signature,
        note=raw.note,
    )


def run_rules(doc: Document, pack: RulePack, config: Config, options: Options | None = None) -> list[RuleResult]:
    """Run every selected, non-pipeline rule of the pack on ``doc`` (already labelled)."""
    _load_checks()  # even when a caller imported some check modules already
    options = options or Options(profile=config.profile, lang=config.lang, now_iso=config.now)
    lang = options.lang
    doc_type = doc.facts.type
    results: list[RuleResult] = []
    for rule in pack.ordered():
        if rule.pipeline or not rule.enabled or not config.selected(rule.id):
            continue
        if not rule.applies_to(doc.kind, doc_type):
            results.append(RuleResult(rule.id, "not-applicable", reasons=[f"{doc.kind}/{doc_type}"]))
            continue
        if not doc.has_text_layer and (rule.category in _NEEDS_TEXT_CATEGORIES or rule.id in _NEEDS_TEXT_RULES):
            reason = (
                "Tệp PDF không có lớp văn bản (bản quét): không đo được"
                if lang == "vi"
                else "The PDF has no text layer (scanned): cannot be measured"
            )
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[reason]))
            continue
        if doc.conversion is not None and rule.id in doc.conversion.unvouched:
            vi, en = doc.conversion.unvouched[rule.id]  # what the conversion to .docx may have changed
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[vi if lang == "vi" else en]))
            continue
        fn = REGISTRY.get(rule.id)
        if fn is None:
            results.append(RuleResult(rule.id, "not-evaluated", reasons=["no check implemented"]))
            continue
        severity = config.severity.get(rule.id, rule.severity)
        ctx = Ctx(doc, rule.id, rule.params, options)
        try:
            fn(ctx)
        except Exception as exc:  # a bug in one check must not sink the file; never a pass
            log.warning("check %s crashed on %s: %r", rule.id, doc.path, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[f"internal error: {exc!r}"]))
            continue
        findings = sorted((_finding(rule, raw, severity, lang) for raw in ctx.findings), key=Finding.sort_key)
        status = ctx.status
        reasons = [vi if lang == "vi" else en for vi, en in (ctx.unevaluated or ctx.inapplicable)]
        results.append(RuleResult(rule.id, status, findings, reasons))
    return results


def verdict(results: list[RuleResult]) -> str:
    """non-compliant (an error-level failure) > incomplete (something not evaluated) > compliant."""
    if any(f.severity == "error" and not f.note for r in results if r.status == "fail" for f in r.findings):
        return "non-compliant"
    if any(r.status == "not-evaluated" for r in results):
        return "incomplete"
    return "compliant"
