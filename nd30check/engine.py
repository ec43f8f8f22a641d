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
#: A finding built on text read with less confidence than this (OCR, 0–1) is only a note: a
#: low-confidence reading never fails a rule. A rule may set its own ``min_confidence`` param.
MIN_CONFIDENCE = 0.90
_OCR_SUFFIX = {"vi": " (nhận dạng từ ảnh quét)", "en": " (read from a scanned image)"}


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
    source: str | None = None  # "ocr" when the finding rests on text recognised from an image
    confidence: float | None = None  # 0–1 reading confidence behind it; None = exact

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
        if self.source is not None:
            out["source"] = self.source
        if self.confidence is not None:
            out["confidence"] = self.confidence
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


def _provenance(doc: Document, raw: RawFinding, rule: RuleDef) -> tuple[str | None, float | None]:
    """(source, confidence) of what a finding rests on: its paragraph, else its page, else the
    document when every page of it was recognised from images (for rules that read the text:
    a signature finding rests on the signature, not on the scan)."""
    if "text" not in rule.needs() or raw.signature is not None:
        return None, None
    if raw.paragraph is not None:
        para = _para_by_index(doc, raw.paragraph)
        if para is not None and para.source == "ocr":
            return "ocr", para.confidence
        if para is not None:
            return None, None
    pages = [pg for pg in doc.pages if pg.source == "ocr"]
    if raw.page is not None and 0 < raw.page <= len(doc.pages):
        pg = doc.pages[raw.page - 1]
        return ("ocr", pg.confidence) if pg.source == "ocr" else (None, None)
    if pages and len(pages) == len(doc.pages):
        # something not found anywhere on a scan (a missing element): a recognition miss looks
        # the same, so it has no confidence to stand on and stays a note
        return "ocr", None
    return None, None


def _para_by_index(doc: Document, index: int) -> Any:
    if 0 <= index < len(doc.paragraphs) and doc.paragraphs[index].index == index:
        return doc.paragraphs[index]
    return next((p for p in doc.paragraphs if p.index == index), None)


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
        missing = [c for c in rule.needs() if c not in doc.capabilities]
        if missing:
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[_missing_reason(doc, missing, lang)]))
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
        threshold = float(rule.params.get("min_confidence", MIN_CONFIDENCE))
        findings: list[Finding] = []
        doubtful = 0
        for raw in ctx.findings:
            source, conf = _provenance(doc, raw, rule)
            if source == "ocr" and not raw.note and (conf is None or conf < threshold):
                raw.note, doubtful = True, doubtful + 1  # a doubtful reading never fails a rule
            f = _finding(rule, raw, severity, lang)
            if source == "ocr":
                f.source, f.confidence = source, conf
                f.message += _OCR_SUFFIX.get(lang, _OCR_SUFFIX["en"])
            findings.append(f)
        findings.sort(key=Finding.sort_key)
        if doubtful:
            ctx.not_evaluated(
                f"{doubtful} phát hiện dựa trên chữ nhận dạng với độ tin cậy dưới {threshold:.0%}: chỉ ghi chú, không kết luận",
                f"{doubtful} finding(s) rest on text recognised with confidence under {threshold:.0%}: noted, not concluded")
        status = ctx.status
        reasons = [vi if lang == "vi" else en for vi, en in (ctx.unevaluated or ctx.inapplicable)]
        results.append(RuleResult(rule.id, status, findings, reasons))
    return results


def _missing_reason(doc: Document, missing: list[str], lang: str) -> str:
    """Why a rule could not run: what the document's reader could not measure."""
    if "text" in missing and doc.kind == "pdf" and not doc.has_text_layer:
        return ("Tệp PDF không có lớp văn bản (bản quét): không đo được" if lang == "vi"
                else "The PDF has no text layer (scanned): cannot be measured")
    names = ", ".join(missing)
    if doc.ocr_status == "read":
        return (f"Bản quét đọc bằng nhận dạng chữ (OCR) không đo được: {names}" if lang == "vi"
                else f"A scan read by OCR cannot measure: {names}")
    return (f"Trình đọc tệp này không đo được: {names}" if lang == "vi"
            else f"The reader of this file cannot measure: {names}")


def verdict(results: list[RuleResult]) -> str:
    """non-compliant (an error-level failure) > incomplete (something not evaluated) > compliant."""
    if any(f.severity == "error" and not f.note for r in results if r.status == "fail" for f in r.findings):
        return "non-compliant"
    if any(r.status == "not-evaluated" for r in results):
        return "incomplete"
    return "compliant"
