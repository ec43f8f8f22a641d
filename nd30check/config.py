"""Run configuration: command-line options merged over ``nd30check.toml`` / ``[tool.nd30check]``.

Precedence: built-in defaults < config file < profile section of the config file < command
line. Profiles: ``issued`` (default; audit of issued documents: both signatures required)
and ``draft`` (self-check before signing: no signature expected yet).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
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
    # batch
    jobs: int | None = None
    cache: bool = True
    cache_dir: str | None = None
    timeout: float = 60.0  # seconds per file
    memory_mb: int = 1024  # per worker
    baseline: str | None = None
    now: str | None = None  # fixed "now" (ISO) for reproducible signature time checks
    ocr: bool = True  # recognise scanned pages with Tesseract when it is installed (--no-ocr)
    source: str | None = None  # the config file used

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
        if self.lang not in ("vi", "en"):
            raise ConfigError(f"lang must be vi or en, not {self.lang!r}")
        for rid, sev in self.severity.items():
            if sev not in SEVERITY_RANK:
                raise ConfigError(f"severity for {rid} must be error, warning or info, not {sev!r}")


_KEYMAP = {"fail-on": "fail_on", "trust-only": "trust_only", "cache-dir": "cache_dir", "memory-mb": "memory_mb"}


def _apply(cfg: Config, table: dict[str, Any], origin: str) -> None:
    names = {f.name for f in fields(Config)}
    for key, value in table.items():
        if key == "profiles":
            continue
        name = _KEYMAP.get(key, key.replace("-", "_"))
        if name not in names:
            raise ConfigError(f"{origin}: unknown setting {key!r}")
        if name == "severity" and not isinstance(value, dict):
            raise ConfigError(f"{origin}: 'severity' must be a table of RULE-ID = \"error|warning|info\"")
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
            _apply(cfg, prof_table, f"{path} [profiles.{cfg.profile}]")
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
