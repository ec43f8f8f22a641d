"""Rule engine: runs the declared rules on one labelled document and decides its verdict.

The engine owns everything a single check should not care about: whether a rule applies to
this file kind and document type, selection and severity overrides, rendering messages in
the user's language, turning a crashing check into ``not-evaluated`` (never ``pass``), and
the per-document verdict. Two decisions are the engine's, not the checks':

* **Capabilities.** A rule's ``requires`` (TOML) names what the document must let us measure
  (``model.Cap``); when ``Document.capabilities`` lacks one, the rule is ``not-evaluated`` with
  a reason naming it, and its check does not run.
* **Confidence.** A finding about text read with a confidence (``Paragraph``/``Run``
  ``confidence``, e.g. OCR) below the pack's ``min_confidence`` becomes a note; a rule left with
  only such notes is ``not-evaluated``. Findings carry ``source``/``confidence`` in JSON when
  the reading was not exact.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from .checks.base import FIXABLE, REGISTRY, Change, Ctx, Options, RawFinding, Reason, Term, localise
from .config import Config
from .model import Cap, Document
from .rulepack import RuleDef, RulePack, render

log = logging.getLogger("nd30check")

STATUSES = ("pass", "fail", "not-applicable", "not-evaluated")
VERDICTS = ("compliant", "non-compliant", "incomplete")


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
    source: str | None = None  # how the text it is about was read, when not the file's own ("ocr")
    confidence: float | None = None  # reading confidence of that text; None = exact
    fixable: bool = False  # `nd30check fix` corrects it (issue 13)
    locator: str | None = None  # what to edit in the file: where the faulty value was set
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
        if self.source is not None:
            out["source"] = self.source
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        out["fixable"] = self.fixable
        if self.locator is not None:
            out["locator"] = self.locator
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
    # the safe corrections its check proposed (model-level, this process only: never serialised)
    changes: list[Change] = field(default_factory=list, repr=False, compare=False)




def _finding(rule: RuleDef, raw: RawFinding, severity: str, lang: str,
             terms: dict[str, dict[str, str]] | None = None, editable: bool = False) -> Finding:
    expected = localise(raw.expected, lang, terms)
    actual = localise(raw.actual, lang, terms)
    values = {k: localise(v, lang, terms) for k, v in raw.fmt.items()}
    values.setdefault("expected", expected if expected is not None else "")
    values.setdefault("actual", actual if actual is not None else "")
    values.setdefault("excerpt", raw.excerpt or "")
    message = render(rule.message(raw.key, lang), values)
    if raw.source == "ocr" and terms is not None and "from-scan" in terms:
        message += localise(terms["from-scan"], lang)
    return Finding(
        rule=rule.id,
        severity="info" if raw.note else (raw.severity or severity),
        message=message,
        clause=rule.clause,
        role=raw.role,
        page=raw.page,
        paragraph=raw.paragraph,
        excerpt=raw.excerpt,
        expected=expected,
        actual=actual,
        signature=raw.signature,
        note=raw.note,
        source=raw.source,
        confidence=raw.confidence,
        fixable=editable and raw.fixable and not raw.note,
        locator=raw.locator,
    )


def editable(doc: Document) -> bool:
    """Can ``nd30check fix`` correct this file? A .docx as the user holds it (not converted
    from another format) that carries no digital signature (an edit would break it)."""
    rep = doc.signatures
    signed = rep is not None and (bool(rep.signatures) or rep.filled_fields > 0)
    return doc.kind == "docx" and doc.conversion is None and not signed


render_finding = _finding  # for the pipeline rules (FILE-UNREADABLE, BUNDLE-*, AUDIT-*)


def _reason(rule: RuleDef, reason: Any, lang: str, terms: dict[str, dict[str, str]] | None = None) -> str:
    """A not-evaluated / not-applicable reason: a message of the rule, else a shared term of the
    pack, by key (with values); or a (vi, en) pair from checks not yet migrated."""
    if isinstance(reason, Reason):
        values = {k: localise(v, lang, terms) for k, v in reason.fmt.items()}
        if reason.key in rule.messages:
            return render(rule.message(reason.key, lang), values)
        return localise(Term(reason.key, **reason.fmt), lang, terms)
    vi, en = reason
    return vi if lang == "vi" else en


def render_reason(rule: RuleDef, key: str, lang: str, terms: dict[str, dict[str, str]] | None = None, **values: Any) -> str:
    """A reason by message key (the rule's messages, else the pack's terms), for pipeline rules."""
    return _reason(rule, Reason(key, values), lang, terms)


def missing_reason(pack: RulePack, missing: list[str], lang: str) -> str:
    """Why a rule could not be evaluated on a document lacking some capabilities."""
    if any(Cap.TEXT in req.split("|") for req in missing):
        return localise(pack.term("missing-text"), lang)
    names = ", ".join(localise(pack.term("cap-" + req.split("|")[0]), lang) for req in missing)
    return render(localise(pack.term("missing-capability"), lang), {"what": names})


def provenance(doc: Document, rule: RuleDef, raw: RawFinding) -> tuple[str | None, float | None]:
    """(source, confidence) of the reading a finding rests on: what the check said, else its
    paragraph (and the paragraph's runs), else its page, else — for something not found at all
    on a document whose every page was recognised from images — "ocr" with no confidence (a
    recognition miss looks just like a missing element). Only for rules that read the text:
    a signature finding rests on the signature, not on the scan. (None, None) = exact."""
    if raw.signature is not None or not any(Cap.TEXT in req.split("|") for req in rule.requires):
        return None, None
    if raw.confidence is not None:
        return raw.source, raw.confidence
    if raw.paragraph is not None:
        para = _paragraph(doc, raw.paragraph)
        if para is not None:
            conf = para.reading_confidence
            src = para.source or next((r.source for r in para.runs if r.source), None)
            return (src if src != doc.kind else None), conf
    if raw.page is not None and 0 < raw.page <= len(doc.pages):
        page = doc.pages[raw.page - 1]
        return (page.source, page.confidence) if page.source else (None, None)
    if doc.pages and all(p.source == "ocr" for p in doc.pages):
        return "ocr", None
    return None, None


def _paragraph(doc: Document, index: int) -> Any:
    if 0 <= index < len(doc.paragraphs) and doc.paragraphs[index].index == index:
        return doc.paragraphs[index]
    return next((p for p in doc.paragraphs if p.index == index), None)


def _weigh(pack: RulePack, rule: RuleDef, ctx: Ctx) -> None:
    """Attach provenance to the findings and apply the confidence rule: a finding on a reading
    less certain than the pack's ``min_confidence`` (or on recognised text of unknown
    confidence) becomes a note — a low-confidence reading never fails a rule. If that leaves
    nothing failing, the rule is not-evaluated (too uncertain to tell), never a pass."""
    threshold = pack.min_confidence(rule)
    lowered = 0
    for raw in ctx.findings:
        raw.source, raw.confidence = provenance(ctx.doc, rule, raw)
        doubtful = (raw.confidence is not None and raw.confidence < threshold) or \
            (raw.source == "ocr" and raw.confidence is None)
        if doubtful and not raw.note:
            raw.note, raw.severity = True, None
            lowered += 1
    if lowered and not ctx.failed:
        ctx.unevaluated.append(_terms(pack, "low-confidence", count=lowered, threshold=f"{threshold:.0%}"))


def _terms(pack: RulePack, key: str, **values: Any) -> tuple[str, str]:
    term = pack.term(key)
    return render(term["vi"], values), render(term.get("en", term["vi"]), values)


def run_rules(doc: Document, pack: RulePack, config: Config, options: Options | None = None) -> list[RuleResult]:
    """Run every selected, non-pipeline rule of the pack on ``doc`` (already labelled)."""
    _load_checks()  # even when a caller imported some check modules already
    options = options or Options(profile=config.profile, lang=config.lang, now_iso=config.now)
    lang = options.lang
    doc_type = doc.facts.type
    caps = doc.capabilities
    can_fix = editable(doc)
    results: list[RuleResult] = []
    for rule in pack.ordered():
        if rule.pipeline or not rule.enabled or not config.selected(rule.id):
            continue
        if not rule.applies_to(doc.kind, doc_type):
            results.append(RuleResult(rule.id, "not-applicable", reasons=[f"{doc.kind}/{doc_type}"]))
            continue
        missing = rule.missing(caps)
        if missing:
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[missing_reason(pack, missing, lang)]))
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
        ctx = Ctx(doc, rule.id, rule.params, options, pack.terms)
        try:
            fn(ctx)
        except Exception as exc:  # a bug in one check must not sink the file; never a pass
            log.warning("check %s crashed on %s: %r", rule.id, doc.path, exc, exc_info=log.isEnabledFor(logging.DEBUG))
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[f"internal error: {exc!r}"]))
            continue
        _weigh(pack, rule, ctx)
        fixes = can_fix and rule.id in FIXABLE
        findings = sorted((_finding(rule, raw, severity, lang, pack.terms, fixes) for raw in ctx.findings),
                          key=Finding.sort_key)
        status = ctx.status
        reasons = [_reason(rule, r, lang, pack.terms) for r in (ctx.unevaluated or ctx.inapplicable)]
        results.append(RuleResult(rule.id, status, findings, reasons, ctx.changes if fixes and status == "fail" else []))
    return results


def verdict(results: list[RuleResult]) -> str:
    """non-compliant (an error-level failure) > incomplete (something not evaluated) > compliant."""
    if any(f.severity == "error" and not f.note for r in results if r.status == "fail" for f in r.findings):
        return "non-compliant"
    if any(r.status == "not-evaluated" for r in results):
        return "incomplete"
    return "compliant"
