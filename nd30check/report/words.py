"""Results rendered in one language: the only place a finding becomes a sentence.

The results model (:mod:`nd30check.results`) holds keys and values of the rule pack; a
:class:`Words` (a pack and a language) turns them into what a person reads — a finding's
message, its expected and actual values, a rule's reasons, an unreadable file's error. Every
report format, the web page and the audit database's stored messages go through it, so one
result (from a worker, the cache, the database) is shown in Vietnamese or English alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..results import Box, FileResult, Finding, RuleResult
from ..rulepack import RulePack, RuleDef, load_pack
from ..words import from_data, localise, render

__all__ = ["Shown", "Words"]


@dataclass(slots=True)
class Shown:
    """A finding as a report shows it: the model's finding with its words rendered."""

    rule: str
    severity: str
    message: str
    clause: str
    role: str | None
    page: int | None
    paragraph: int | None
    excerpt: str | None
    expected: Any
    actual: Any
    signature: int | None
    note: bool
    source: str | None
    confidence: float | None
    fixable: bool
    bbox: Box | None
    locator: str | None
    finding: Finding

    def to_json(self) -> dict[str, Any]:
        """The finding of the JSON contract (README, "JSON output")."""
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


_BUILTIN: list[RulePack] = []


def _builtin_pack() -> RulePack:
    if not _BUILTIN:
        _BUILTIN.append(load_pack())
    return _BUILTIN[0]


class Words:
    """Renders results with one rule pack (its messages and terms) in one language."""

    def __init__(self, pack: RulePack | None = None, lang: str = "vi") -> None:
        self.pack = pack if pack is not None else _builtin_pack()
        self.lang = lang
        self.terms = self.pack.terms

    def __call__(self, value: Any, rule: RuleDef | None = None) -> Any:
        """One word (Term, Message of ``rule``, Phrase, {vi, en} pair) in this language."""
        return localise(value, self.lang, self.terms, rule.messages if rule is not None else None)

    def rule(self, rule_id: str) -> RuleDef | None:
        return self.pack.get(rule_id)

    def message(self, f: Finding, expected: Any = None, actual: Any = None) -> str:
        """The rule's message of ``f.key`` with its values (and expected, actual, excerpt)."""
        expected = self(f.expected) if expected is None else expected
        actual = self(f.actual) if actual is None else actual
        rule = self.pack.get(f.rule)
        if rule is not None:
            template = rule.message(f.key, self.lang)
        else:  # a rule the pack does not know (a pipeline rule left out of an organisation's pack)
            template = "{detail}" if "detail" in f.values else f.key
        values = {k: self(v) for k, v in f.values.items()}
        values.setdefault("expected", expected if expected is not None else "")
        values.setdefault("actual", actual if actual is not None else "")
        values.setdefault("excerpt", f.excerpt or "")
        text = render(template, values)
        if f.source == "ocr" and "from-scan" in self.terms:
            text += self(self.terms["from-scan"])
        return text

    def finding(self, f: Finding) -> Shown:
        expected, actual = self(f.expected), self(f.actual)
        return Shown(f.rule, f.severity, self.message(f, expected, actual), f.clause, f.role, f.page, f.paragraph,
                     f.excerpt, expected, actual, f.signature, f.note, f.source, f.confidence, f.fixable, f.bbox,
                     f.locator, f)

    def findings(self, res: FileResult | RuleResult) -> list[Shown]:
        """A file's (or one rule's) findings, rendered, in document order; ties by message."""
        raw = res.findings
        return sorted((self.finding(f) for f in raw), key=Shown.sort_key)

    def reasons(self, rr: RuleResult) -> list[str]:
        """Why a rule was not evaluated or not applicable, in this language."""
        rule = self.pack.get(rr.rule)
        return [str(self(r, rule)) for r in rr.reasons]

    def error(self, res: FileResult) -> dict[str, Any] | None:
        """``{"rule", "code", "message"}`` of an unreadable file: its FILE-UNREADABLE message
        (from its finding; from the error's own code and detail when a baseline hid the finding)."""
        if res.error is None:
            return None
        rule = res.error.get("rule", "FILE-UNREADABLE")
        code = res.error.get("code", "crash")
        found = next((f for rr in res.results if rr.rule == rule for f in rr.findings), None)
        if found is None:
            known = self.pack.get(rule)
            key = code if known is not None and code in known.messages else "default"
            found = Finding(rule, "error", key=key, values={"detail": from_data(res.error.get("detail", ""))}, actual=code)
        return {"rule": rule, "code": code, "message": self.finding(found).message}
