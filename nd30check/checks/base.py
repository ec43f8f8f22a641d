"""What a check sees and how it reports: the contract between checks and the engine.

A check is a function registered for one rule ID. It receives a :class:`Ctx` holding the
document (already labelled by structure recognition), the rule's parameters from the rule
pack, and the run's options. It reports through the context:

* ``ctx.fail(...)`` — a finding at the rule's severity (or an explicit lower one);
* ``ctx.note(...)`` — an informational finding that does not fail the rule;
* ``ctx.not_evaluated(reason)`` — something applicable could not be measured;
* ``ctx.not_applicable(reason)`` — the rule does not apply to this document.

If the check reports nothing, the rule passes. Checks never parse files and never format
messages: they give ``expected``/``actual`` values and a message key; the rule pack holds
the words, in Vietnamese and English.

**Fixes.** A check of a rule registered ``fixable=True`` may attach to a finding the safe
correction of what it found: ``ctx.fail(p, …, fix=Change(run, "size", 13.0, before=12.0))`` —
in terms of the model (runs, paragraphs, sections, lines) and computed from the same rule
parameters as the judgement. The finding is then ``fixable``; ``nd30check fix`` turns the
changes into edits of the file at the targets' locators. A check never edits anything, and
what a person must decide (names, numbers, symbols) gets no Change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..model import Document, Paragraph, SignatureInfo
from ..words import Message, Phrase, Term
from ..words import localise as _localise

__all__ = ["Ctx", "Message", "Options", "Phrase", "RawFinding", "Reason", "Term", "check", "localise", "pipeline"]

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class RawFinding:
    key: str = "default"  # message key in the rule pack ("default" = the rule's main message)
    severity: str | None = None  # None = the rule's severity
    note: bool = False  # informational, does not fail the rule
    paragraph: int | None = None
    page: int | None = None
    role: str | None = None
    excerpt: str | None = None
    expected: Any = None
    actual: Any = None
    signature: int | None = None  # index of the signature it concerns
    fmt: dict[str, Any] = field(default_factory=dict)  # extra placeholders for the message
    source: str | None = None  # provenance of the text judged, when not exact ("ocr")
    confidence: float | None = None  # its reading confidence (the engine downgrades low ones to notes)
    fixable: bool = False  # the check proposed a safe correction (Ctx.changes)
    locator: str | None = None  # what to edit: where the faulty value was set (model LOCATORS)


# what a Change may set, by target: Run, Paragraph, Section, HLine (nd30check/fix applies them)
RUN_PROPS = frozenset({"font", "size", "bold", "italic", "caps", "color"})
PARA_PROPS = frozenset({"align", "first_indent", "space_before", "space_after", "line_spacing", "text", "add_line"})
SECTION_PROPS = frozenset({"page_size", "orientation", "margin_top", "margin_bottom", "margin_left", "margin_right",
                           "title_page"})
LINE_PROPS = frozenset({"line_length"})


@dataclass(slots=True)
class Change:
    """A safe correction proposed with a finding: set ``prop`` of ``target`` to ``value``.

    Targets and values, in the model's units (points): a Run's "font" (family), "size", "bold",
    "italic", "caps" (shown in capitals), "color" ("auto" = black); a Paragraph's "align"
    ("justify", "center", "left"), "first_indent", "space_before", "space_after",
    "line_spacing" ((value, "auto"|"exact"|"atLeast")), "text" ((old, new): replace the
    stretch ``old`` of its text by ``new``), "add_line" (length: a line drawn centred under it);
    a Section's "page_size" ((width, height)), "orientation", "margin_*", "title_page"; an
    HLine's "line_length". ``before`` is the value now (for ``--diff``); ``para`` the paragraph
    it is shown at."""

    target: Any
    prop: str
    value: Any
    before: Any = None
    para: Paragraph | None = None
    rule: str | None = None  # set by the context


def localise(value: Any, lang: str, terms: dict[str, dict[str, str]] | None = None) -> Any:
    """A value as shown in ``lang`` (:func:`nd30check.words.localise`), with the built-in
    pack's terms when none are given (tests, helpers)."""
    return _localise(value, lang, terms if terms is not None else _builtin_terms())


@dataclass(slots=True)
class Reason:
    """Why a rule is not-evaluated / not-applicable: a message key of the rule and its values."""

    key: str
    fmt: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Options:
    """Run options a check may need (never file paths to parse)."""

    profile: str = "issued"  # "issued" (audit of issued documents) or "draft" (self-check before signing)
    now_iso: str | None = None  # fixed "now" for reproducible runs; None = real clock
    bundle: dict[str, Any] | None = None  # for appendices: facts of the main document of the bundle


class Ctx:
    """Per rule, per document context handed to a check."""

    def __init__(self, doc: Document, rule_id: str, params: dict[str, Any], options: Options,
                 terms: dict[str, dict[str, str]] | None = None):
        self.doc = doc
        self.rule_id = rule_id
        self.params = params  # resolved values of the parameters the rule declares
        self.options = options
        self._terms = terms
        self.findings: list[RawFinding] = []
        self.unevaluated: list[Reason | Term] = []  # a message key of the rule (or a shared term) with values
        self.inapplicable: list[Reason | Term] = []
        self.changes: list[Change] = []  # safe corrections proposed with the findings

    # --- reporting -----------------------------------------------------------------
    def fail(
        self,
        para: Paragraph | None = None,
        *,
        key: str = "default",
        expected: Any = None,
        actual: Any = None,
        severity: str | None = None,
        excerpt: str | None = None,
        page: int | None = None,
        role: str | None = None,
        signature: SignatureInfo | None = None,
        confidence: float | None = None,
        fix: Change | list[Change] | None = None,
        **fmt: Any,
    ) -> None:
        """A finding; ``fix``: the safe correction(s) of it (see :class:`Change`)."""
        raw = self._finding(para, key, expected, actual, severity, excerpt, page, role, signature, fmt, False,
                            confidence)
        self.findings.append(raw)
        changes = self.propose(fix, para)
        if changes:
            raw.fixable = True
            raw.locator = change_locator(changes[0]) or raw.locator

    def note(
        self,
        para: Paragraph | None = None,
        *,
        key: str = "default",
        expected: Any = None,
        actual: Any = None,
        excerpt: str | None = None,
        page: int | None = None,
        role: str | None = None,
        signature: SignatureInfo | None = None,
        confidence: float | None = None,
        **fmt: Any,
    ) -> None:
        self.findings.append(self._finding(para, key, expected, actual, "info", excerpt, page, role, signature,
                                           fmt, True, confidence))

    def not_evaluated(self, *, key: str, **fmt: Any) -> None:
        """Something applicable could not be measured: ``key`` names the reason's message in
        the rule pack (the rule's ``[rule.messages.<key>]``, else a shared term), values as keywords."""
        self.unevaluated.append(Reason(key, fmt))

    def not_applicable(self, *, key: str, **fmt: Any) -> None:
        """The rule does not apply to this document; ``key`` as for :meth:`not_evaluated`."""
        self.inapplicable.append(Reason(key, fmt))

    def propose(self, fix: Change | list[Change] | None, para: Paragraph | None = None) -> list[Change]:
        """Record corrections (also those of findings a cap left out, see ``body.common.Capped``)."""
        if fix is None:
            return []
        changes = [fix] if isinstance(fix, Change) else [c for c in fix if c is not None]
        for c in changes:
            c.rule = self.rule_id
            if c.para is None:
                c.para = c.target if isinstance(c.target, Paragraph) else para
        self.changes.extend(changes)
        return changes

    # --- helpers -------------------------------------------------------------------
    @property
    def terms(self) -> dict[str, dict[str, str]]:
        if self._terms is None:
            self._terms = _builtin_terms()
        return self._terms

    def param(self, name: str) -> Any:
        """A parameter declared in the rule's TOML entry, typed (its default lives there, not here)."""
        try:
            return self.params[name]
        except KeyError:
            raise KeyError(f"{self.rule_id}: parameter {name!r} is not declared in the rule pack") from None

    def can(self, capability: str) -> bool:
        """Could the reader measure this (``model.Cap``)? Checks ask this, never ``doc.kind``."""
        return capability in self.doc.capabilities

    @property
    def failed(self) -> bool:
        return any(not f.note for f in self.findings)

    @property
    def status(self) -> str:
        """fail > not-evaluated > not-applicable (only without findings) > pass."""
        if self.failed:
            return "fail"
        if self.unevaluated:
            return "not-evaluated"
        if self.inapplicable and not self.findings:
            return "not-applicable"
        return "pass"

    def _finding(self, para, key, expected, actual, severity, excerpt, page, role, signature, fmt, note,
                 confidence=None) -> RawFinding:
        if severity is not None and severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity!r}")
        return RawFinding(
            key=key,
            severity=severity,
            note=note,
            paragraph=para.index if para is not None else None,
            page=page if page is not None else (para.page if para is not None else None),
            role=role if role is not None else (para.role if para is not None else None),
            excerpt=excerpt if excerpt is not None else (excerpt_of(para.text) if para is not None else None),
            expected=expected,
            actual=actual,
            signature=signature.index if signature is not None else None,
            fmt=dict(fmt),
            confidence=confidence,  # when the check knows better than its paragraph (the engine fills the rest)
            locator=para.locator if para is not None else None,
        )


def change_locator(change: Change) -> str | None:
    """Where the value a change corrects was set: the origin the reader recorded for that
    property (a style, the defaults, the run itself…), else the target's own locator."""
    t = change.target
    origins = getattr(t, "origins", None)
    if origins and change.prop in origins:
        return origins[change.prop]
    return getattr(t, "locator", None)


def _builtin_terms() -> dict[str, dict[str, str]]:
    """The built-in pack's terms, for a Ctx made outside the engine (tests, helpers)."""
    global _TERMS
    if _TERMS is None:
        from ..rulepack import load_pack

        _TERMS = load_pack().terms
    return _TERMS


_TERMS: dict[str, dict[str, str]] | None = None

CheckFn = Callable[[Ctx], None]
REGISTRY: dict[str, CheckFn] = {}
#: rules whose check proposes safe corrections (``nd30check rules`` marks them)
FIXABLE: set[str] = set()


def check(*rule_ids: str, fixable: bool = False) -> Callable[[CheckFn], CheckFn]:
    """Register a function as the check of one or more rule IDs; ``fixable``: it attaches
    :class:`Change` corrections to (some of) its findings."""

    def deco(fn: CheckFn) -> CheckFn:
        for rid in rule_ids:
            if rid in REGISTRY or rid in PIPELINE:
                raise RuntimeError(f"rule {rid} registered twice")
            REGISTRY[rid] = fn
            if fixable:
                FIXABLE.add(rid)
        return fn

    return deco


# Rules the pipeline computes (``pipeline = true`` in the pack: FILE-UNREADABLE, BUNDLE-*,
# AUDIT-*): they judge a file that could not be read, a batch or a set of results, not one
# labelled document, so they get no Ctx. Their logic still lives here, in the checks module of
# their catalog section, and returns RawFindings the engine renders with the pack's words; the
# pipeline (check, batch, audit) only calls them at the right moment.
PIPELINE: dict[str, Callable[..., Any]] = {}


def pipeline(*rule_ids: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as the implementation of pipeline rule(s)."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        for rid in rule_ids:
            if rid in REGISTRY or rid in PIPELINE:
                raise RuntimeError(f"rule {rid} registered twice")
            PIPELINE[rid] = fn
        return fn

    return deco


def implementation(rule_id: str) -> str | None:
    """Where a rule is implemented, as ``module:function`` (for ``nd30check explain``)."""
    fn = REGISTRY.get(rule_id) or PIPELINE.get(rule_id)
    return f"{fn.__module__}:{fn.__qualname__}" if fn is not None else None


def excerpt_of(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fmt_size(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}" if abs(value - round(value)) > 0.01 else str(int(round(value)))


def sizes_of(paras: Iterable[Paragraph]) -> set[float]:
    return {round(r.size * 2) / 2 for p in paras for r in p.visible_runs if r.size is not None}
