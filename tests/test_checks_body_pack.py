"""The rule-pack entries of the body, signature-block, appendix and bundle sections agree with
the checks: every message key a check reports has words in both languages, every parameter a
check reads is declared (so an organisation's pack can see and tune it), pipeline rules have
no check function, and rendered messages leave no placeholder unfilled."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from nd30check.checks import appendix, body, signblock  # noqa: F401  (registers the checks)
from nd30check.checks.base import REGISTRY
from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "nd30check" / "checks"
MODULES = {str(f.relative_to(CHECKS)): f.read_text("utf-8")
           for f in [*sorted((CHECKS / "body").glob("*.py")), *sorted((CHECKS / "signblock").glob("*.py")), CHECKS / "appendix.py"]}
PACKS = ("body", "signblock", "appendix", "bundle")
RULES = {r["id"]: r for p in PACKS for r in tomllib.loads((ROOT / "nd30check" / "rules" / f"{p}.toml").read_text("utf-8"))["rule"]}
CHECKED = sorted(rid for rid, r in RULES.items() if not r.get("pipeline"))


def _check_source(rule: str) -> str:
    """Source of the check function of ``rule`` plus the module helpers it may call."""
    for src in MODULES.values():
        m = re.search(rf'@check\("{re.escape(rule)}"(?:, fixable=True)?\)\ndef \w+\(ctx: Ctx\) -> None:\n(?P<body>(?:(?: {{4}}.*)?\n)+)', src)
        if m:
            return m.group("body")
    raise AssertionError(f"no check for {rule}")


def test_pack_loads_and_every_checked_rule_has_a_function() -> None:
    pack = load_pack()
    for rid, r in RULES.items():
        assert rid in pack.rules
        assert (rid in REGISTRY) != bool(r.get("pipeline")), rid
        for field in ("title", "why", "fix"):
            assert r[field]["vi"].strip() and r[field]["en"].strip(), (rid, field)


@pytest.mark.parametrize("rule", CHECKED)
def test_message_keys_and_params_are_declared(rule: str) -> None:
    src = _check_source(rule)
    msgs = RULES[rule].get("messages", {})
    keys = set(re.findall(r'key="(\w+)"', src)) | {"default"}
    keys |= set(re.findall(r'Capped\(ctx, "(\w+)"', src))
    if "Capped(" in src or "max_findings" in src:
        keys.add("more")
    for k in keys:
        assert k in msgs and msgs[k]["vi"].strip() and msgs[k]["en"].strip(), f"{rule}: message {k!r}"
    params = set(re.findall(r'ctx\.param\("(\w+)"', src))
    declared = set(RULES[rule].get("params", {}))
    assert params <= declared, f"{rule}: undeclared params {params - declared}"


def test_messages_use_the_same_placeholders_in_both_languages() -> None:
    for rid, r in RULES.items():
        for key, msg in r.get("messages", {}).items():
            vi, en = (set(re.findall(r"{(\w+)}", msg[lang])) for lang in ("vi", "en"))
            assert vi == en, (rid, key, vi ^ en)
