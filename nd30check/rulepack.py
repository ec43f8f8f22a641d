"""Rule packs: rules declared as data (TOML), merged with an organisation's own pack.

The built-in pack is ``nd30check/rules/*.toml`` (package data: every install carries it; a
missing or empty pack is an error, never a run with zero rules). A rule is one ``[[rule]]``
entry there and one check function in ``nd30check/checks/`` (see docs/adding-a-rule.md).

**Parameters are declared once**, in the built-in entry, with their type, unit and default::

    [rule.params]
    min = { type = "float", unit = "pt", default = 13.0, aliases = ["min_pt"] }

(a bare value, ``tolerance_minutes = 10``, is accepted too: its type is the value's, no unit).
Checks read the resolved values (``ctx.param("min")``) and never restate a default.

An organisation's pack (``--rules PACK``) holds ``[[rule]]`` tables keyed by ``id``; any field
it gives replaces the built-in one, and ``params`` are merged key by key, so tightening the
body size to a fixed 14 pt is three lines of TOML, not code::

    [[rule]]
    id = "ND30-BODY-SIZE"
    params = { min = 14.0, max = 14.0 }

Everything is validated at load: an unknown field, an unknown parameter or a value of the
wrong type is a :class:`RulePackError` naming the file, the rule ID and the key (a usage
error, exit code 2), never a silently ignored setting.

Besides rules, a pack file may hold one ``[pack]`` table (settings of the engine, e.g.
``min_confidence``) and ``[terms.<key>]`` tables: shared words (``{vi, en}``) that checks use
as expected/actual values, so that no wording lives in code.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import CAPABILITIES
from .words import render  # noqa: F401  (re-exported: the one template renderer)

BUILTIN_DIR = Path(__file__).parent / "rules"
CATEGORY_ORDER = ["file", "page", "header", "body", "signblock", "appendix", "signature", "bundle", "audit"]
SEVERITIES = ("error", "warning", "info")
DEFAULT_MIN_CONFIDENCE = 0.9  # findings on readings less certain than this become notes (OCR)


class RulePackError(Exception):
    """A rule pack file is malformed (usage error, exit code 2)."""


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------

PARAM_TYPES = ("float", "int", "bool", "str", "float[]", "str[]", "float[][]", "range")
_TYPE_WORDS = {
    "float": "a number", "int": "a whole number", "bool": "true or false", "str": "a string",
    "float[]": "a list of numbers", "str[]": "a list of strings", "float[][]": "a list of lists of numbers",
    "range": "a pair of numbers [low, high]",
}


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


@dataclass(slots=True, frozen=True)
class ParamSpec:
    """One declared parameter of a rule."""

    name: str
    type: str
    default: Any
    unit: str | None = None
    choices: tuple[Any, ...] = ()
    aliases: tuple[str, ...] = ()

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{_TYPE_WORDS[self.type]}{unit}"

    def coerce(self, value: Any, where: str) -> Any:
        """``value`` as this parameter's type, or RulePackError saying what was expected.

        Kept whole: one case per parameter type of the schema, side by side so the types read as
        a table."""
        t = self.type
        ok = True
        out: Any = value
        if t == "float":
            ok = _is_num(value)
            out = float(value) if ok else value
        elif t == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif t == "bool":
            ok = isinstance(value, bool)
        elif t == "str":
            ok = isinstance(value, str)
        elif t == "float[]":
            ok = isinstance(value, list) and all(_is_num(v) for v in value)
            out = [float(v) for v in value] if ok else value
        elif t == "str[]":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            out = list(value) if ok else value
        elif t == "float[][]":
            ok = isinstance(value, list) and all(isinstance(x, list) and all(_is_num(v) for v in x) for x in value)
            out = [[float(v) for v in x] for x in value] if ok else value
        elif t == "range":
            ok = isinstance(value, list) and len(value) in (1, 2) and all(_is_num(v) for v in value) \
                and value[0] <= value[-1]
            out = [float(value[0]), float(value[-1])] if ok else value
        if not ok:
            raise RulePackError(f"{where}: parameter {self.name!r} must be {self.describe()}, not {value!r}")
        if self.choices and out not in self.choices:
            raise RulePackError(f"{where}: parameter {self.name!r} must be one of "
                                f"{', '.join(map(repr, self.choices))}, not {value!r}")
        return out


def _infer_type(value: Any) -> str | None:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        if all(_is_num(v) for v in value):
            return "float[]"
        if all(isinstance(v, str) for v in value):
            return "str[]"
        if all(isinstance(v, list) for v in value):
            return "float[][]"
    return None


def _spec_from_toml(name: str, raw: Any, where: str) -> ParamSpec:
    if isinstance(raw, dict):
        unknown = set(raw) - {"type", "default", "unit", "choices", "aliases", "doc"}
        if unknown:
            raise RulePackError(f"{where}: parameter {name!r}: unknown schema key(s) {', '.join(sorted(unknown))}")
        if "type" not in raw or "default" not in raw:
            raise RulePackError(f"{where}: parameter {name!r} needs a 'type' and a 'default'")
        if raw["type"] not in PARAM_TYPES:
            raise RulePackError(f"{where}: parameter {name!r}: type must be one of {', '.join(PARAM_TYPES)}")
        spec = ParamSpec(name, raw["type"], None, raw.get("unit"), tuple(raw.get("choices", ())),
                         tuple(raw.get("aliases", ())))
        return ParamSpec(name, spec.type, spec.coerce(raw["default"], where), spec.unit, spec.choices, spec.aliases)
    t = _infer_type(raw)
    if t is None:
        raise RulePackError(f"{where}: parameter {name!r}: cannot tell the type of {raw!r}")
    return ParamSpec(name, t, ParamSpec(name, t, None).coerce(raw, where))


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class RuleDef:
    id: str
    severity: str
    category: str = "other"
    clause: str = ""
    kinds: tuple[str, ...] = ("docx", "pdf")
    doc_types: tuple[str, ...] = ("*",)
    skip_doc_types: tuple[str, ...] = ()
    # capabilities the document must have (model.CAPABILITIES; "a|b" = either); else not-evaluated
    requires: tuple[str, ...] = ()
    pipeline: bool = False  # computed by the pipeline (check/batch/audit), not by the engine per file
    enabled: bool = True
    min_confidence: float | None = None  # None = the pack's
    title: dict[str, str] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)
    fix: dict[str, str] = field(default_factory=dict)
    specs: dict[str, ParamSpec] = field(default_factory=dict)  # declared parameters
    params: dict[str, Any] = field(default_factory=dict)  # resolved values (defaults + overrides)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)

    def text(self, what: str, lang: str) -> str:
        table = getattr(self, what)
        return table.get(lang) or table.get("vi") or table.get("en") or ""

    def message(self, key: str, lang: str) -> str:
        entry = self.messages.get(key) or self.messages.get("default") or {}
        return entry.get(lang) or entry.get("vi") or entry.get("en") or self.text("title", lang)

    def applies_to(self, kind: str, doc_type: str | None) -> bool:
        if kind not in self.kinds:
            return False
        if doc_type is not None and doc_type in self.skip_doc_types:
            return False
        if "*" in self.doc_types:
            return True
        return doc_type in self.doc_types

    def missing(self, capabilities: frozenset[str] | set[str]) -> list[str]:
        """Requirements the document lacks (an "a|b" requirement is met by either)."""
        return [req for req in self.requires if not any(alt in capabilities for alt in req.split("|"))]


@dataclass(slots=True)
class RulePack:
    rules: dict[str, RuleDef]
    digest: str  # changes whenever any rule data changes (cache key)
    settings: dict[str, Any] = field(default_factory=dict)  # the [pack] table
    terms: dict[str, dict[str, str]] = field(default_factory=dict)  # shared words, {vi, en}

    def ordered(self) -> list[RuleDef]:
        def key(r: RuleDef) -> tuple[int, str]:
            cat = CATEGORY_ORDER.index(r.category) if r.category in CATEGORY_ORDER else len(CATEGORY_ORDER)
            return (cat, r.id)

        return sorted(self.rules.values(), key=key)

    def get(self, rule_id: str) -> RuleDef | None:
        return self.rules.get(rule_id)

    def min_confidence(self, rule: RuleDef) -> float:
        if rule.min_confidence is not None:
            return rule.min_confidence
        return float(self.settings.get("min_confidence", DEFAULT_MIN_CONFIDENCE))

    def term(self, key: str) -> dict[str, str]:
        """A shared word in both languages (``{"vi": …, "en": …}``); the key itself when unknown."""
        return self.terms.get(key) or {"vi": key, "en": key}


_TUPLE_FIELDS = ("kinds", "doc_types", "skip_doc_types", "requires")
_TABLE_FIELDS = ("title", "why", "fix", "messages")
# accepted and ignored: ``roles`` was never read by anything (the checks know what they judge)
_DEPRECATED_FIELDS = ("roles",)
_FIELDS = frozenset(RuleDef.__dataclass_fields__) - {"specs"} | set(_DEPRECATED_FIELDS)
_PACK_SETTINGS = {"min_confidence": float}


def _check_requires(values: Any, where: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RulePackError(f"{where}: 'requires' must be a list of capability names")
    for req in values:
        for alt in req.split("|"):
            if alt not in CAPABILITIES:
                close = difflib.get_close_matches(alt, CAPABILITIES, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise RulePackError(f"{where}: unknown capability {alt!r} in 'requires'{hint}; "
                                    f"known: {', '.join(sorted(CAPABILITIES))}")
    return tuple(values)


def _unknown_field(name: str, where: str) -> RulePackError:
    close = difflib.get_close_matches(name, sorted(_FIELDS), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return RulePackError(f"{where}: unknown field {name!r}{hint}")


def _check_scalar(name: str, value: Any, where: str) -> Any:
    if name == "severity" and value not in SEVERITIES:
        raise RulePackError(f"{where}: severity must be error, warning or info, not {value!r}")
    if name in ("pipeline", "enabled") and not isinstance(value, bool):
        raise RulePackError(f"{where}: {name!r} must be true or false, not {value!r}")
    if name in ("category", "clause") and not isinstance(value, str):
        raise RulePackError(f"{where}: {name!r} must be a string, not {value!r}")
    if name == "min_confidence" and not (_is_num(value) and 0 <= value <= 1):
        raise RulePackError(f"{where}: 'min_confidence' must be a number from 0 to 1, not {value!r}")
    if name in _TABLE_FIELDS and not isinstance(value, dict):
        raise RulePackError(f"{where}: {name!r} must be a table")
    if name in ("kinds", "doc_types", "skip_doc_types") and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise RulePackError(f"{where}: {name!r} must be a list of strings")
    return value


def _rule_from_table(table: dict[str, Any], source: str) -> RuleDef:
    """A rule as first declared (built-in pack, or a new rule in an organisation's pack)."""
    try:
        rid = table["id"]
        sev = table["severity"]
    except KeyError as exc:
        raise RulePackError(f"{source}: rule without {exc.args[0]!r}") from None
    where = f"{source}: {rid}"
    _check_scalar("severity", sev, where)
    kwargs: dict[str, Any] = {}
    for name, value in table.items():
        if name not in _FIELDS:
            raise _unknown_field(name, where)
        if name in _DEPRECATED_FIELDS:
            continue
        if name == "params":
            if not isinstance(value, dict):
                raise RulePackError(f"{where}: 'params' must be a table")
            specs = {k: _spec_from_toml(k, v, where) for k, v in value.items()}
            kwargs["specs"] = specs
            kwargs["params"] = {k: copy.deepcopy(s.default) for k, s in specs.items()}
        elif name == "requires":
            kwargs[name] = _check_requires(value, where)
        else:
            _check_scalar(name, value, where)
            kwargs[name] = tuple(value) if name in _TUPLE_FIELDS else value
    return RuleDef(**kwargs)


def _resolve_param(rule: RuleDef, key: str, where: str) -> ParamSpec:
    spec = rule.specs.get(key)
    if spec is not None:
        return spec
    for s in rule.specs.values():
        if key in s.aliases:
            return s
    known = sorted(rule.specs)
    close = difflib.get_close_matches(key, known + [a for s in rule.specs.values() for a in s.aliases], n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    listing = f"; known: {', '.join(known)}" if known else "; this rule has no parameters"
    raise RulePackError(f"{where}: unknown parameter {key!r}{hint}{listing}")


def _merge(base: RuleDef, table: dict[str, Any], source: str) -> None:
    """Apply an organisation's entry for an existing rule: fields replace, tables merge."""
    where = f"{source}: {base.id}"
    for name, value in table.items():
        if name == "id":
            continue
        if name not in _FIELDS or name == "specs":
            raise _unknown_field(name, where)
        if name in _DEPRECATED_FIELDS:
            continue
        if name == "params":
            if not isinstance(value, dict):
                raise RulePackError(f"{where}: 'params' must be a table")
            for key, v in value.items():
                spec = _resolve_param(base, key, where)
                base.params[spec.name] = spec.coerce(v, where)
        elif name == "requires":
            base.requires = _check_requires(value, where)
        elif name in _TABLE_FIELDS:
            _check_scalar(name, value, where)
            merged = dict(getattr(base, name))
            merged.update(value)
            setattr(base, name, merged)
        else:
            _check_scalar(name, value, where)
            setattr(base, name, tuple(value) if name in _TUPLE_FIELDS else value)


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


def _file_tables(data: dict[str, Any], source: str, settings: dict[str, Any], terms: dict[str, dict[str, str]]) -> list:
    """The [[rule]] tables of one file; its [pack] and [terms] tables go to ``settings``/``terms``."""
    unknown = set(data) - {"rule", "pack", "terms"}
    if unknown:
        raise RulePackError(f"{source}: unknown top-level table(s) {', '.join(sorted(unknown))} "
                            "(a pack holds [[rule]], [pack] and [terms.*])")
    for key, value in data.get("pack", {}).items():
        kind = _PACK_SETTINGS.get(key)
        if kind is None:
            raise RulePackError(f"{source}: [pack]: unknown setting {key!r}")
        if not _is_num(value) or not 0 <= value <= 1:
            raise RulePackError(f"{source}: [pack]: {key!r} must be a number from 0 to 1, not {value!r}")
        settings[key] = kind(value)
    for key, value in data.get("terms", {}).items():
        if not (isinstance(value, dict) and isinstance(value.get("vi"), str)):
            raise RulePackError(f"{source}: [terms.{key}] needs at least a 'vi' string")
        terms[key] = {**terms.get(key, {}), **value}
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise RulePackError(f"{source}: 'rule' must be an array of tables ([[rule]])")
    return rules


def load_pack(extra: list[str | Path] | None = None, builtin_dir: Path = BUILTIN_DIR) -> RulePack:
    """Built-in rules, then each extra pack (file or folder of .toml) overriding by ID."""
    hasher = hashlib.sha256()
    rules: dict[str, RuleDef] = {}
    settings: dict[str, Any] = {}
    terms: dict[str, dict[str, str]] = {}
    builtin = sorted(builtin_dir.glob("*.toml"))
    if not builtin:
        raise RulePackError(f"{builtin_dir}: the built-in rule pack is missing (broken install?); "
                            "reinstall nd30check — refusing to check with no rules")
    for path in builtin:
        raw = path.read_bytes()
        hasher.update(raw)
        for table in _file_tables(_read_toml(path), str(path), settings, terms):
            rule = _rule_from_table(table, str(path))
            if rule.id in rules:
                raise RulePackError(f"{path}: rule {rule.id} declared twice")
            rules[rule.id] = rule
    if not rules:  # checked before the user's packs: they add to the built-in rules, never stand in for them
        raise RulePackError(f"{builtin_dir}: the built-in rule pack declares no rules; refusing to check with none")
    for item in extra or []:
        p = Path(item)
        files = sorted(p.glob("*.toml")) if p.is_dir() else [p]
        if not files or not all(f.exists() for f in files):
            raise RulePackError(f"{p}: rule pack not found")
        for f in files:
            hasher.update(f.read_bytes())
            for table in _file_tables(_read_toml(f), str(f), settings, terms):
                rid = table.get("id")
                if not rid:
                    raise RulePackError(f"{f}: rule without 'id'")
                if rid in rules:
                    _merge(rules[rid], table, str(f))
                else:
                    rules[rid] = _rule_from_table(table, str(f))
    if not rules:
        raise RulePackError(f"{builtin_dir}: the built-in rule pack declares no rules; refusing to check with none")
    return RulePack(rules=rules, digest=hasher.hexdigest()[:16], settings=settings, terms=terms)
