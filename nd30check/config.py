"""Run configuration: command-line options merged over ``nd30check.toml`` / ``[tool.nd30check]``.

Precedence: built-in defaults < config file < profile section of the config file < command
line. List settings (select, ignore, include, exclude, rules, trust, crl, ocsp) and
severities *add up*: ``[profiles.draft] ignore = ["SIG"]`` ignores SIG on top of the top-level
``ignore``; ``--ignore`` on the command line adds to both (``--select`` replaces). Profiles: ``issued`` (default; audit of issued documents: both signatures required)
and ``draft`` (self-check before signing: no signature expected yet).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .results import SEVERITY_RANK  # noqa: F401  (one vocabulary, in the results model)

PROFILES = ("issued", "draft")


class ConfigError(Exception):
    """Bad configuration (usage error, exit code 2)."""


@dataclass
class Config:
    select: list[str] = field(default_factory=list)  # rule IDs or prefixes; empty = all
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # rule ID → severity override
    fail_on: str = "error"
    profile: str = "issued"
    lang: str = "vi"
    rules: list[str] = field(default_factory=list)  # extra rule packs
    include: list[str] = field(default_factory=list)  # globs for folder walks
    exclude: list[str] = field(default_factory=list)
    # trust
    trust: list[str] = field(default_factory=list)
    trust_only: bool = False
    crl: list[str] = field(default_factory=list)
    ocsp: list[str] = field(default_factory=list)
    online: bool = False
    allow_sha1: bool = True  # SHA-1 signatures verified and warned about (SIG-ALGORITHM); False = untrusted
    # batch
    jobs: int | None = None
    cache: bool = True
    cache_dir: str | None = None
    timeout: float = 60.0  # seconds per file
    memory_mb: int = 1024  # per worker
    executor: str = "local"  # where the per-file checks run: "local" worker processes or a "dask" cluster
    scheduler: str | None = None  # the Dask scheduler's address (tcp://HOST:8786) or scheduler file
    baseline: str | None = None
    now: str | None = None  # fixed "now" (ISO) for reproducible signature time checks
    ocr: bool = True  # recognise scanned pages with Tesseract when it is installed (--no-ocr)
    source: str | None = None  # the config file used
    hints: bool = True  # text/HTML findings carry the rule's fix hint and clause
    views: bool = False  # results carry page pictures / paper views (nd30check serve; never cached, not a file setting)

    def selected(self, rule_id: str) -> bool:
        def match(patterns: list[str]) -> bool:
            return any(rule_id == p or rule_id.startswith(p.rstrip("*").rstrip("-") + "-") or p == "ALL" for p in patterns)

        if self.select and not match(self.select):
            return False
        return not match(self.ignore)

    def validate(self) -> None:
        if self.fail_on not in SEVERITY_RANK and self.fail_on != "never":
            raise ConfigError(f"fail-on must be error, warning, info or never, not {self.fail_on!r}")
        if self.profile not in PROFILES:
            raise ConfigError(f"profile must be one of {', '.join(PROFILES)}, not {self.profile!r}")
        if self.executor not in EXECUTORS:
            raise ConfigError(f"executor must be one of {', '.join(EXECUTORS)}, not {self.executor!r}")
        if self.lang not in ("vi", "en"):
            raise ConfigError(f"lang must be vi or en, not {self.lang!r}")
        for rid, sev in self.severity.items():
            if sev not in SEVERITY_RANK:
                raise ConfigError(f"severity for {rid} must be error, warning or info, not {sev!r}")


_KEYMAP = {"fail-on": "fail_on", "trust-only": "trust_only", "cache-dir": "cache_dir", "memory-mb": "memory_mb",
           "allow-sha1": "allow_sha1"}
#: Settings that are lists: a profile table and the command line add to them.
LIST_SETTINGS = ("select", "ignore", "rules", "include", "exclude", "trust", "crl", "ocsp")
_TYPES: dict[str, type | tuple[type, ...]] = {
    "fail_on": str, "profile": str, "lang": str, "trust_only": bool, "online": bool, "allow_sha1": bool,
    "jobs": int, "cache": bool, "cache_dir": str, "timeout": (int, float), "memory_mb": int, "baseline": str,
    "now": str, "hints": bool, "executor": str, "scheduler": str,
}
EXECUTORS = ("local", "dask")


def _apply(cfg: Config, table: dict[str, Any], origin: str, add: bool = False) -> None:
    """Set ``table``'s settings on ``cfg``; with ``add`` (a profile table), list settings are
    added to what the top level gave and severities merged, instead of replacing them."""
    names = {f.name for f in fields(Config)} - {"source", "views"}
    for key, value in table.items():
        if key == "profiles":
            continue
        name = _KEYMAP.get(key, key.replace("-", "_"))
        if name not in names:
            raise ConfigError(f"{origin}: unknown setting {key!r}")
        if name == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{origin}: 'severity' must be a table of RULE-ID = \"error|warning|info\"")
            merged = dict(cfg.severity) if add else {}
            merged.update(value)
            cfg.severity = merged
            continue
        if name in LIST_SETTINGS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{origin}: {key!r} must be a list of strings")
            value = (list(getattr(cfg, name)) + value) if add else list(value)
        elif name in _TYPES and (not isinstance(value, _TYPES[name]) or (isinstance(value, bool) and _TYPES[name] in (int, (int, float)))):
            raise ConfigError(f"{origin}: {key!r} has the wrong type ({type(value).__name__})")
        setattr(cfg, name, value)


def find_config_file(start: Path) -> Path | None:
    """nd30check.toml or a pyproject.toml with [tool.nd30check], from start upwards."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        cand = folder / "nd30check.toml"
        if cand.is_file():
            return cand
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                data = tomllib.loads(py.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if "nd30check" in data.get("tool", {}):
                return py
    return None


def load_config(path: Path | None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults < config file < its [profiles.<name>] table < command-line overrides."""
    cfg = Config()
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None and v != () and v != []}
    table: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
        table = data.get("tool", {}).get("nd30check", {}) if Path(path).name == "pyproject.toml" else data
        _apply(cfg, table, str(path))
        if "profile" in overrides:
            cfg.profile = overrides["profile"]
        prof_table = table.get("profiles", {}).get(cfg.profile, {})
        if prof_table:
            _apply(cfg, prof_table, f"{path} [profiles.{cfg.profile}]", add=True)
        cfg.source = str(path)
        base = Path(path).parent
        # paths in the config file are relative to it
        for name in ("rules", "trust", "crl", "ocsp"):
            setattr(cfg, name, [str(base / p) for p in getattr(cfg, name)])
        if cfg.baseline:
            cfg.baseline = str(base / cfg.baseline)
        if cfg.cache_dir:
            cfg.cache_dir = str(base / cfg.cache_dir)
    for key, value in overrides.items():
        if key in ("ignore", "rules", "trust", "crl", "ocsp", "include", "exclude"):
            setattr(cfg, key, list(getattr(cfg, key)) + list(value))
        elif key == "select":
            setattr(cfg, key, list(value))
        elif key == "severity":
            cfg.severity.update(value)
        else:
            setattr(cfg, key, value)
    cfg.validate()
    return cfg
