"""Rule engine: runs the declared rules on one labelled document and decides its verdict.

The engine owns everything a single check should not care about: whether a rule applies to
this file kind and document type, selection and severity overrides, turning what a check
reported into the results model (:mod:`nd30check.results`: keys and values of the rule pack,
rendered in the reader's language only by ``report/``, so a result does not depend on the
language), a crashing check becoming ``not-evaluated`` (never ``pass``), and the verdict. Two decisions are the engine's, not the checks':

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
from typing import Any

from .checks.base import FIXABLE, REGISTRY, Ctx, Options, RawFinding, Reason
from .config import Config
from .model import Cap, Document
from .results import STATUSES, VERDICTS, Finding, RuleResult, verdict  # noqa: F401  (the results model)
from .rulepack import RuleDef, RulePack
from .words import Message, Phrase, Term

log = logging.getLogger("nd30check")

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


def make_finding(rule: RuleDef, raw: RawFinding, severity: str, editable: bool = False) -> Finding:
    """The result model's finding for what a check (or a pipeline rule) reported: keys and
    values, no words — reports render them in their language. ``editable``: ``fix`` may
    correct this file with this rule's proposals (see :func:`editable`)."""
    return Finding(
        rule=rule.id,
        severity="info" if raw.note else (raw.severity or severity),
        key=raw.key,
        values=dict(raw.fmt),
        clause=rule.clause,
        role=raw.role,
        page=raw.page,
        paragraph=raw.paragraph,
        excerpt=raw.excerpt,
        expected=raw.expected,
        actual=raw.actual,
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


def reason_word(reason: Any) -> Any:
    """A not-evaluated / not-applicable reason as a word: a message of the rule (else a shared
    term of the pack) by key with values; a Term as it is."""
    if isinstance(reason, Reason):
        return Message(reason.key, **reason.fmt)
    return reason


def missing_reason(missing: list[str]) -> Any:
    """Why a rule could not be evaluated on a document lacking some capabilities."""
    if any(Cap.TEXT in req.split("|") for req in missing):
        return Term("missing-text")
    return Term("missing-capability", what=Phrase([Term("cap-" + req.split("|")[0]) for req in missing]))


def provenance(doc: Document, rule: RuleDef, raw: RawFinding) -> tuple[str | None, float | None]:
    """(source, confidence) of the reading a finding rests on: what the check said, else its
    paragraph (and the paragraph's runs), else its page, else — for something not found at all
    on a document whose every page was recognised from images — "ocr" with no confidence (a
    recognition miss looks just like a missing element). Only for rules that read the text:
    a signature finding rests on the signature, not on the scan. (None, None) = exact."""
    if raw.signature is not None or not any(Cap.TEXT in req.split("|") for req in rule.requires):
        return None, None
    if raw.confidence is not None:
        if raw.source is None and raw.paragraph is not None:  # the check said how sure; the paragraph says whence
            para = _paragraph(doc, raw.paragraph)
            src = para.source if para is not None else None
            return (src if src != doc.kind else None), raw.confidence
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
        ctx.unevaluated.append(Term("low-confidence", count=lowered, threshold=f"{threshold:.0%}"))


def run_rules(doc: Document, pack: RulePack, config: Config, options: Options | None = None) -> list[RuleResult]:
    """Run every selected, non-pipeline rule of the pack on ``doc`` (already labelled)."""
    _load_checks()  # even when a caller imported some check modules already
    options = options or Options(profile=config.profile, now_iso=config.now)
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
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[missing_reason(missing)]))
            continue
        if doc.conversion is not None and rule.id in doc.conversion.unvouched:
            vi, en = doc.conversion.unvouched[rule.id]  # what the conversion to .docx may have changed
            results.append(RuleResult(rule.id, "not-evaluated", reasons=[{"vi": vi, "en": en}]))
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
        findings = sorted((make_finding(rule, raw, severity, fixes) for raw in ctx.findings), key=Finding.sort_key)
        status = ctx.status
        reasons = [reason_word(r) for r in (ctx.unevaluated or ctx.inapplicable)]
        results.append(RuleResult(rule.id, status, findings, reasons, ctx.changes if fixes and status == "fail" else []))
    return results
