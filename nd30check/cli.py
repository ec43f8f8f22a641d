"""Command line: ``nd30check check|rules|explain|audit``.

Exit codes (like ruff and other linters): 0 = nothing at or above the fail level,
1 = findings at or above it, 2 = usage error or an input that could not be read.
Heavy modules are imported inside the commands so ``nd30check --help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("text", "json", "html", "sarif", "junit", "csv")


def _usage_error(message: str) -> None:
    click.echo(f"nd30check: {message}", err=True)
    sys.exit(2)


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _severity_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in _split(values):
        if "=" not in v:
            _usage_error(f"--severity expects RULE-ID=error|warning|info, got {v!r}")
        rid, sev = v.split("=", 1)
        out[rid.strip()] = sev.strip()
    return out


def _load(paths: tuple[str, ...], config_file: str | None, overrides: dict):
    from .config import ConfigError, find_config_file, load_config
    from .rulepack import RulePackError, load_pack

    try:
        if config_file:
            cfg_path: Path | None = Path(config_file)
            if not cfg_path.is_file():
                _usage_error(f"config file not found: {config_file}")
        else:
            cfg_path = find_config_file(Path(paths[0]) if paths else Path.cwd())
        cfg = load_config(cfg_path, overrides)
        pack = load_pack(cfg.rules)
    except (ConfigError, RulePackError) as exc:
        _usage_error(str(exc))
    for rid in cfg.severity:
        if rid not in pack.rules:
            _usage_error(f"unknown rule in severity override: {rid}")
    for pattern in cfg.select + cfg.ignore:
        p = pattern.rstrip("*").rstrip("-")
        if p != "ALL" and not any(r == p or r.startswith(p + "-") for r in pack.rules):
            _usage_error(f"--select/--ignore: no rule matches {pattern!r} (see `nd30check rules`)")
    return cfg, pack


def _write_output(text: str, output: str | None) -> None:
    if output:
        from .report.atomic import write_atomic

        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


common_options = [
    click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Report format."),
    click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE (atomically)."),
    click.option("--select", multiple=True, help="Only these rule IDs or prefixes (comma-separated)."),
    click.option("--ignore", multiple=True, help="Skip these rule IDs or prefixes."),
    click.option("--severity", "severity", multiple=True, help="Override a rule's severity: RULE-ID=warning."),
    click.option("--rules", "rule_packs", multiple=True, type=click.Path(exists=True), help="Extra or overriding rule pack (TOML file or folder)."),
    click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Message language (default vi)."),
    click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lowest severity that makes the exit code 1 (default error)."),
    click.option("--profile", type=click.Choice(["issued", "draft"]), default=None, help="issued: audit of issued documents (signatures required); draft: self-check before signing."),
    click.option("--config", "config_file", type=click.Path(), help="Config file (default: nd30check.toml or [tool.nd30check] in pyproject.toml, searched upwards)."),
    click.option("--trust", multiple=True, type=click.Path(exists=True), help="Add trusted root/intermediate certificates (PEM/DER file or folder)."),
    click.option("--trust-only", is_flag=True, default=None, help="Use only --trust certificates, not the built-in Vietnamese store."),
    click.option("--crl", multiple=True, type=click.Path(exists=True), help="CRL file(s) for revocation checks."),
    click.option("--ocsp", multiple=True, type=click.Path(exists=True), help="OCSP response file(s)."),
    click.option("--online", is_flag=True, default=None, help="Allow fetching revocation data and certificates from the network."),
    click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help="Worker processes (default: number of cores)."),
    click.option("--no-cache", is_flag=True, default=False, help="Do not read or write the result cache."),
    click.option("--no-ocr", is_flag=True, default=False, help="Do not recognise text on scanned (image-only) pages."),
    click.option("--include", multiple=True, help="Glob of files to take when walking folders."),
    click.option("--exclude", multiple=True, help="Glob of files or folders to skip."),
    click.option("--timeout", type=float, default=None, help="Seconds allowed per file (default 60)."),
    click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings not in this baseline file."),
    click.option("--write-baseline", type=click.Path(dir_okay=False), help="Write the current findings as a baseline and exit 0."),
    click.option("--now", help="Fixed current time (ISO 8601) for reproducible signature time checks."),
    click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal, never in CI)."),
]


def with_common(fn):
    for opt in reversed(common_options):
        fn = opt(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nd30check")
def main() -> None:
    """Kiểm tra thể thức văn bản hành chính theo Nghị định 30/2020/NĐ-CP và chữ ký số.

    Checks Vietnamese administrative documents (.docx, .pdf) against Decree 30/2020/NĐ-CP
    and verifies their digital signatures.
    """


def _overrides(**kw) -> dict:
    return {
        "select": _split(kw["select"]),
        "ignore": _split(kw["ignore"]),
        "severity": _severity_overrides(kw["severity"]) or None,
        "rules": list(kw["rule_packs"]),
        "lang": kw["lang"],
        "fail_on": kw["fail_on"],
        "profile": kw["profile"],
        "trust": list(kw["trust"]),
        "trust_only": kw["trust_only"],
        "crl": list(kw["crl"]),
        "ocsp": list(kw["ocsp"]),
        "online": kw["online"],
        "jobs": kw["jobs"],
        "cache": False if kw["no_cache"] else None,
        "ocr": False if kw.get("no_ocr") else None,
        "include": list(kw["include"]),
        "exclude": list(kw["exclude"]),
        "timeout": kw["timeout"],
        "baseline": kw["baseline"],
        "now": kw["now"],
    }


@main.command()
@click.argument("paths", nargs=-1, required=True)
@with_common
def check(paths: tuple[str, ...], fmt: str, output: str | None, write_baseline: str | None, progress: bool | None,
          config_file: str | None, **kw) -> None:
    """Check files and folders (recursively). Kiểm tra tệp và thư mục."""
    for p in paths:
        if not Path(p).exists():
            _usage_error(f"no such file or folder: {p}")
    cfg, pack = _load(paths, config_file, _overrides(**kw))
    from .batch import run_batch
    from .report import render_report
    from .summary import exit_code

    results = run_batch(list(paths), cfg, pack, progress=progress)
    if write_baseline:
        from .baseline import write_baseline as _wb

        _wb(write_baseline, results)
        click.echo(f"nd30check: baseline written to {write_baseline} ({sum(len(r.findings) for r in results)} findings)", err=True)
        sys.exit(0)
    if cfg.baseline:
        from .baseline import apply_baseline

        results = apply_baseline(cfg.baseline, results)
    _write_output(render_report(fmt, results, cfg, pack), output)
    sys.exit(exit_code(results, cfg.fail_on))


@main.command()
@click.argument("folder", nargs=-1, required=True)
@with_common
def audit(folder: tuple[str, ...], fmt: str, output: str | None, write_baseline: str | None, progress: bool | None,
          config_file: str | None, **kw) -> None:
    """Audit figures of a folder of issued documents (per issuing unit). Số liệu kiểm tra theo đơn vị."""
    for p in folder:
        if not Path(p).exists():
            _usage_error(f"no such file or folder: {p}")
    cfg, pack = _load(folder, config_file, _overrides(**kw))
    from .audit import render_audit, run_audit

    report = run_audit(list(folder), cfg, pack, progress=progress)
    _write_output(render_audit(fmt, report, cfg, pack), output)
    sys.exit(report.exit_code)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(exists=True))
def rules_cmd(fmt: str, lang: str, rule_packs: tuple[str, ...]) -> None:
    """List the rules. Danh sách quy tắc."""
    import json

    from .rulepack import RulePackError, load_pack

    try:
        pack = load_pack(list(rule_packs))
    except RulePackError as exc:
        _usage_error(str(exc))
    if fmt == "json":
        data = [
            {"id": r.id, "severity": r.severity, "category": r.category, "clause": r.clause,
             "title": r.text("title", lang), "kinds": list(r.kinds), "doc_types": list(r.doc_types)}
            for r in pack.ordered()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from .report.labels import t

    for r in pack.ordered():
        click.echo(f"{r.id:<24} {t(r.severity, lang):<9} {r.text('title', lang)}")


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi")
def explain(rule_id: str, lang: str) -> None:
    """Explain a rule: what, why, the clause, how to fix. Giải thích một quy tắc."""
    from .report.labels import t
    from .rulepack import load_pack

    pack = load_pack()
    rule = pack.get(rule_id.upper()) or pack.get(rule_id)
    if rule is None:
        close = [r for r in pack.rules if rule_id.upper() in r]
        hint = f" (did you mean {', '.join(sorted(close)[:5])}?)" if close else ""
        _usage_error(f"unknown rule {rule_id}{hint}")
    vi = lang == "vi"
    click.echo(f"{rule.id} — {rule.text('title', lang)}")
    click.echo(f"{'Mức độ' if vi else 'Severity'}: {t(rule.severity, lang)}")
    click.echo(f"{'Căn cứ' if vi else 'Clause'}: {rule.clause} (Nghị định 30/2020/NĐ-CP)")
    if rule.why:
        click.echo(f"\n{'Quy định' if vi else 'What and why'}:\n  {rule.text('why', lang)}")
    if rule.fix:
        click.echo(f"\n{'Cách sửa' if vi else 'How to fix'}:\n  {rule.text('fix', lang)}")
    if rule.params:
        click.echo(f"\n{'Tham số (có thể chỉnh trong bộ quy tắc riêng)' if vi else 'Parameters (override in your own pack)'}:")
        for k, v in rule.params.items():
            click.echo(f"  {k} = {v!r}")
    kinds = ", ".join(rule.kinds)
    types = ", ".join(rule.doc_types)
    click.echo(f"\n{'Áp dụng cho' if vi else 'Applies to'}: {kinds}; {'loại văn bản' if vi else 'document types'}: {types}"
               + (f" ({'trừ' if vi else 'except'} {', '.join(rule.skip_doc_types)})" if rule.skip_doc_types else ""))


if __name__ == "__main__":  # pragma: no cover
    main()
