"""Wording lives in the rule pack only: checks pass keys (message keys, ``Term`` keys) and values.

Every key a check names exists in the pack in both languages with the same placeholders, and
no check module holds an inline ``{"vi", "en"}`` wording or a ``(vi, en)`` reason."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from nd30check.rulepack import load_pack

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "nd30check" / "checks"
OWNED = sorted(CHECKS.rglob("*.py"))
# values that are not wording: a number with the decimal comma of each language; a reader's own
# detail; what the signature verifier wrote in both languages
NOT_WORDING = {("body/common.py", "loc"), ("file.py", "file_unreadable"), ("base.py", "localise"),
               ("signature_policy.py", "_verifier_text")}
PACK = load_pack()


def _rule_of(fn: ast.AST) -> str | None:
    for d in getattr(fn, "decorator_list", []):
        if isinstance(d, ast.Call) and getattr(d.func, "id", None) == "check" and d.args \
                and isinstance(d.args[0], ast.Constant):
            return d.args[0].value
    return None


def _walk(path: Path):
    """(node, enclosing function name, rule of the enclosing @check function or None)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def visit(node, fn_name, rule):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef):
                yield from visit(child, child.name if fn_name is None else fn_name, _rule_of(child) or rule)
            else:
                yield child, fn_name, rule
                yield from visit(child, fn_name, rule)

    yield from visit(tree, None, None)


def test_no_inline_wording_in_checks() -> None:
    found = []
    for path in OWNED:
        rel = str(path.relative_to(CHECKS))
        for node, fn, _rule in _walk(path):
            if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value in ("vi", "en") for k in node.keys) \
                    and (rel, fn) not in NOT_WORDING:
                found.append(f"{rel}:{node.lineno} {{'vi': …}}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("not_evaluated", "not_applicable") and node.args:
                found.append(f"{rel}:{node.lineno} positional reason")
    assert not found, found


def test_every_key_a_check_names_is_in_the_pack() -> None:
    """A reason key in a check is one of its rule's messages (in a helper: of a rule of the same
    module) or a shared term; a Term key is a term."""
    missing = []
    for path in OWNED:
        rel = str(path.relative_to(CHECKS))
        module_rules = {r for node, _fn, r in _walk(path) if r}
        for node, _fn, rule in _walk(path):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "Term" and node.args and isinstance(node.args[0], ast.Constant):
                if node.args[0].value not in PACK.terms:
                    missing.append(f"{rel}:{node.lineno} term {node.args[0].value!r}")
            if name in ("not_evaluated", "not_applicable"):
                for kw in node.keywords:
                    if kw.arg == "key" and isinstance(kw.value, ast.Constant):
                        key = kw.value.value
                        owners = [rule] if rule is not None else sorted(module_rules)
                        in_rule = any(key in PACK.get(r).messages for r in owners)
                        if not in_rule and key not in PACK.terms:
                            missing.append(f"{rel}:{node.lineno} reason {key!r} ({rule or 'helper'})")
    assert not missing, missing


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_terms_have_both_languages_and_the_same_placeholders() -> None:
    for key, entry in PACK.terms.items():
        assert entry.get("vi") and entry.get("en"), key
        assert _fields(entry["vi"]) == _fields(entry["en"]), key
    for rule in PACK.rules.values():
        for key, msg in rule.messages.items():
            if "vi" in msg and "en" in msg:
                assert _fields(msg["vi"]) == _fields(msg["en"]), (rule.id, key)
