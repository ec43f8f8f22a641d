"""Rule packs: rules declared as data (TOML), merged with an organisation's own pack.

The built-in pack is ``nd30check/rules/*.toml`` (package data: every install carries it; a
missing or empty pack is an error, never a run with zero rules). A user pack
(``--rules PACK``) holds ``[[rule]]`` tables keyed by ``id``; any field it gives replaces
the built-in one, and ``params`` are merged key by key, so tightening the body size to a
fixed 14 pt is three lines of TOML, not code.
"""

from __future__ import annotations

import copy
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUILTIN_DIR = Path(__file__).parent / "rules"
CATEGORY_ORDER = ["file", "page", "header", "body", "signblock", "appendix", "signature", "bundle", "audit"]
#: categories whose rules need the document's words by default (``RuleDef.needs``)
TEXT_CATEGORIES = frozenset({"header", "body", "signblock", "appendix"})
TEXT_RULES = frozenset({"ND30-MARGIN", "ND30-FONT", "ND30-COLOR", "ND30-PAGE-NUMBER", "ND30-SIZE-PAIR"})


class RulePackError(Exception):
    """A rule pack file is malformed (usage error, exit code 2)."""


@dataclass(slots=True)
class RuleDef:
    id: str
    severity: str
    category: str = "other"
    clause: str = ""
    kinds: tuple[str, ...] = ("docx", "pdf")
    doc_types: tuple[str, ...] = ("*",)
    skip_doc_types: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    pipeline: bool = False
    enabled: bool = True
    requires: tuple[str, ...] = ()  # capabilities the document must have (model.CAPABILITIES)
    title: dict[str, str] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)
    fix: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)

    def text(self, what: str, lang: str) -> str:
        table = getattr(self, what)
        return table.get(lang) or table.get("vi") or table.get("en") or ""

    def message(self, key: str, lang: str) -> str:
        entry = self.messages.get(key) or self.messages.get("default") or {}
        return entry.get(lang) or entry.get("vi") or entry.get("en") or self.text("title", lang)

    def needs(self) -> tuple[str, ...]:
        """Capabilities this rule needs: its ``requires``, else ``text`` for the layout rules
        that read the words (what the engine used to call "needs a text layer")."""
        if self.requires:
            return self.requires
        if self.category in TEXT_CATEGORIES or self.id in TEXT_RULES:
            return ("text",)
        return ()

    def applies_to(self, kind: str, doc_type: str | None) -> bool:
        if kind not in self.kinds:
            return False
        if doc_type is not None and doc_type in self.skip_doc_types:
            return False
        if "*" in self.doc_types:
            return True
        return doc_type in self.doc_types


@dataclass(slots=True)
class RulePack:
    rules: dict[str, RuleDef]
    digest: str  # changes whenever any rule data changes (cache key)

    def ordered(self) -> list[RuleDef]:
        def key(r: RuleDef) -> tuple[int, str]:
            cat = CATEGORY_ORDER.index(r.category) if r.category in CATEGORY_ORDER else len(CATEGORY_ORDER)
            return (cat, r.id)

        return sorted(self.rules.values(), key=key)

    def get(self, rule_id: str) -> RuleDef | None:
        return self.rules.get(rule_id)


_TUPLE_FIELDS = ("kinds", "doc_types", "skip_doc_types", "roles", "requires")


def _check_requires(rule: RuleDef, source: str) -> None:
    from .model import CAPABILITIES

    unknown = [c for c in rule.requires if c not in CAPABILITIES]
    if unknown:
        raise RulePackError(f"{source}: {rule.id}: unknown capability in 'requires': {', '.join(unknown)} "
                            f"(known: {', '.join(sorted(CAPABILITIES))})")


def _rule_from_table(table: dict[str, Any], source: str) -> RuleDef:
    try:
        rid = table["id"]
        sev = table["severity"]
    except KeyError as exc:
        raise RulePackError(f"{source}: rule without {exc.args[0]!r}") from None
    if sev not in ("error", "warning", "info"):
        raise RulePackError(f"{source}: {rid}: severity must be error, warning or info, not {sev!r}")
    kwargs: dict[str, Any] = {}
    for name in RuleDef.__dataclass_fields__:
        if name in table:
            value = table[name]
            kwargs[name] = tuple(value) if name in _TUPLE_FIELDS else value
    rule = RuleDef(**kwargs)
    _check_requires(rule, source)
    return rule


def _merge(base: RuleDef, table: dict[str, Any], source: str) -> None:
    for name, value in table.items():
        if name == "id":
            continue
        if name not in RuleDef.__dataclass_fields__:
            raise RulePackError(f"{source}: {base.id}: unknown field {name!r}")
        if name == "severity" and value not in ("error", "warning", "info"):
            raise RulePackError(f"{source}: {base.id}: bad severity {value!r}")
        if name in ("params", "messages", "title", "why", "fix"):
            merged = dict(getattr(base, name))
            merged.update(value)
            setattr(base, name, merged)
        elif name in _TUPLE_FIELDS:
            setattr(base, name, tuple(value))
        else:
            setattr(base, name, value)
    _check_requires(base, source)


_TOML_CACHE: dict[tuple[str, int, int], dict[str, Any]] = {}


def _read_toml(path: Path) -> dict[str, Any]:
    """Parsed TOML, memoised by path/size/mtime (batch workers load the pack once per file)."""
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError as exc:
        raise RulePackError(f"{path}: {exc}") from None
    hit = _TOML_CACHE.get(key)
    if hit is None:
        hit = _TOML_CACHE[key] = _parse_toml(path)
    return copy.deepcopy(hit)


def _parse_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulePackError(f"{path}: {exc}") from None


def load_pack(extra: list[str | Path] | None = None, builtin_dir: Path = BUILTIN_DIR) -> RulePack:
    """Built-in rules, then each extra pack (file or folder of .toml) overriding by ID."""
    hasher = hashlib.sha256()
    rules: dict[str, RuleDef] = {}
    builtin = sorted(builtin_dir.glob("*.toml"))
    if not builtin:
        raise RulePackError(f"{builtin_dir}: the built-in rule pack is missing (broken install?); "
                            "reinstall nd30check — refusing to check with no rules")
    for path in builtin:
        raw = path.read_bytes()
        hasher.update(raw)
        for table in _read_toml(path).get("rule", []):
            rule = _rule_from_table(table, str(path))
            if rule.id in rules:
                raise RulePackError(f"{path}: rule {rule.id} declared twice")
            rules[rule.id] = rule
    for item in extra or []:
        p = Path(item)
        files = sorted(p.glob("*.toml")) if p.is_dir() else [p]
        if not files or not all(f.exists() for f in files):
            raise RulePackError(f"{p}: rule pack not found")
        for f in files:
            hasher.update(f.read_bytes())
            for table in _read_toml(f).get("rule", []):
                rid = table.get("id")
                if not rid:
                    raise RulePackError(f"{f}: rule without 'id'")
                if rid in rules:
                    _merge(rules[rid], table, str(f))
                else:
                    rules[rid] = _rule_from_table(table, str(f))
    if not rules:
        raise RulePackError(f"{builtin_dir}: the built-in rule pack declares no rules; refusing to check with none")
    return RulePack(rules=rules, digest=hasher.hexdigest()[:16])


def render(template: str, values: dict[str, Any]) -> str:
    """str.format that leaves unknown placeholders visible instead of raising."""

    class _Missing(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    try:
        return template.format_map(_Missing(values))
    except (ValueError, IndexError):
        return template
