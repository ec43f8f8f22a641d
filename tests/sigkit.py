"""Shared helpers for the signature tests: the session PKI and running the SIG rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pki import Pki, get_pki

from nd30check.checks.base import REGISTRY, Ctx, Options
from nd30check.model import Document, Facts, Page
from nd30check.rulepack import load_pack
from nd30check.signatures import pdf, trust

RULES_FILE = Path(__file__).resolve().parent.parent / "nd30check" / "rules" / "signatures.toml"
RULES = {r["id"]: r for r in tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))["rule"]}
# the parameters as the rule pack resolves them (declared defaults, typed)
PARAMS = {rid: rule.params for rid, rule in load_pack().rules.items() if rid in RULES}


def session_pki(tmp_path_factory) -> Pki:
    """One PKI per test session (``get_pki`` caches by directory)."""
    return get_pki(tmp_path_factory.getbasetemp() / "nd30-pki")


def run_sig_rules(doc: Document, options: Options | None = None) -> dict[str, tuple[str, Ctx]]:
    """Every SIG rule through the real registry: rule id → (status, ctx)."""
    import nd30check.checks.signature_policy  # noqa: F401 - registers the checks

    out: dict[str, tuple[str, Ctx]] = {}
    for rid, rule in RULES.items():
        ctx = Ctx(doc, rid, dict(PARAMS[rid]), options or Options())
        REGISTRY[rid](ctx)
        if ctx.failed:
            status = "fail"
        elif ctx.unevaluated:
            status = "not-evaluated"
        elif ctx.inapplicable:
            status = "not-applicable"
        else:
            status = "pass"
        out[rid] = (status, ctx)
    return out


def statuses(results: dict[str, tuple[str, Ctx]]) -> dict[str, str]:
    return {rid: st for rid, (st, _ctx) in results.items()}


def doc_for(path: str | Path, config: trust.TrustConfig, facts: Facts | None = None, *, text_layer: bool = True) -> Document:
    """A Document carrying only what the SIG rules read: signatures (real verifier) and facts."""
    doc = Document(str(path), "pdf", has_text_layer=text_layer, facts=facts or Facts(),
                   pages=[Page(1, 595.28, 841.89, has_text=text_layer)])  # a PDF has rendered pages
    doc.signatures = pdf.verify_pdf(str(path), config)
    return doc


MAIN_FACTS = dict(signer="Nguyễn Văn An", agency="ỦY BAN NHÂN DÂN\nXÃ PHƯỢNG TIẾN", parent_agency="UBND HUYỆN ĐỊNH HÓA",
                  number_symbol="05/KH-UBND", date=None)


def sig_results(doc: Document, options: Options | None = None) -> dict[str, object]:
    """The SIG rules through the real engine and rule pack: rule id → RuleResult (worded findings)."""
    from nd30check.config import Config
    from nd30check.engine import run_rules
    from nd30check.rulepack import load_pack

    results = run_rules(doc, load_pack(), Config(), options or Options())
    return {r.rule: r for r in results if r.rule.startswith("SIG-")}
