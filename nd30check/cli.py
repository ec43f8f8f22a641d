"""Command line: ``nd30check check|audit|rules|explain``.

Exit codes (like ruff and other linters): 0 = nothing at or above the fail level,
1 = findings at or above it, 2 = usage error or an input that could not be read.
Heavy modules are imported inside the commands so ``nd30check --help`` starts fast.

Help and usage errors are in Vietnamese; in English with ``--lang en`` anywhere on the
command line, or when the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) is English. Report
messages follow ``--lang`` (or ``lang`` in the config file) only, so a report never changes
with the machine it runs on.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import click

FORMATS = ("text", "json", "html", "sarif", "junit", "csv", "csv-files")

#: Language of help texts and usage errors for this invocation (set by :func:`detect_lang`).
_LANG = "vi"


def detect_lang(args: list[str] | None) -> str:
    """``--lang en``/``--lang=en`` on the command line wins; else an English locale; else vi."""
    args = list(args or [])
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "vi"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1] == "en" else "vi"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


def _t(vi: str, en: str) -> str:
    return en if _LANG == "en" else vi


def _usage_error(vi: str, en: str | None = None) -> None:
    """One line on stderr, exit code 2 (never a traceback)."""
    click.echo("nd30check: " + " ".join(_t(vi, en or vi).split()), err=True)
    sys.exit(2)


# ---------------------------------------------------------------------------------------
# bilingual help


class Opt(click.Option):
    """An option whose help text is chosen at display time (Vietnamese or English)."""

    def __init__(self, *args: Any, vi: str = "", en: str = "", **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.help_vi, self.help_en = vi, en

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = _t(self.help_vi, self.help_en or self.help_vi)
        return super().get_help_record(ctx)


class _Bilingual:
    """Mix-in for commands: help text, section titles and the help option in both languages."""

    help_vi: str = ""
    help_en: str = ""

    def _pick(self) -> None:
        if self.help_vi:
            self.help = _t(self.help_vi, self.help_en)  # type: ignore[attr-defined]

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._pick()
        super().format_help_text(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        self._pick()
        return super().get_short_help_str(limit)  # type: ignore[misc]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_t("Cách dùng: ", "Usage: "))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        opts = [rv for p in self.get_params(ctx)  # type: ignore[attr-defined]
                if not isinstance(p, click.Argument) and (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section(_t("Tùy chọn", "Options")):
                formatter.write_dl(opts)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = _t("Hiện trợ giúp này rồi thoát.", "Show this message and exit.")
        return opt


class Cmd(_Bilingual, click.Command):
    def __init__(self, *args: Any, vi: str = "", en: str = "", **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.help_vi, self.help_en = vi, en


class Grp(_Bilingual, click.Group):
    command_class = Cmd

    def __init__(self, *args: Any, vi: str = "", en: str = "", **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.help_vi, self.help_en = vi, en

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _Bilingual.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section(_t("Lệnh", "Commands")):
                formatter.write_dl(rows)

    def main(self, args: Any = None, *a: Any, **kw: Any) -> Any:  # noqa: D401 - click API
        global _LANG
        _LANG = detect_lang(sys.argv[1:] if args is None else list(args))
        return super().main(args, *a, **kw)


def _opt(*decls: str, vi: str, en: str, **kw: Any):
    return click.option(*decls, cls=Opt, vi=vi, en=en, **kw)


# ---------------------------------------------------------------------------------------
# shared helpers


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _severity_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in _split(values):
        if "=" not in v:
            _usage_error(f"--severity cần dạng MÃ-QUY-TẮC=error|warning|info, nhận được {v!r}",
                         f"--severity expects RULE-ID=error|warning|info, got {v!r}")
        rid, sev = v.split("=", 1)
        out[rid.strip()] = sev.strip()
    return out


def _pack(extra: list[str]):
    """The rule pack, or exit 2 with one line: never a run with zero rules (broken install)."""
    from .rulepack import BUILTIN_DIR, RulePackError, load_pack

    try:
        return load_pack(extra)
    except RulePackError as exc:
        if str(exc).startswith(str(BUILTIN_DIR)):
            _usage_error(f"bộ quy tắc có sẵn bị thiếu hoặc rỗng ({BUILTIN_DIR}): bản cài đặt bị hỏng, hãy cài lại nd30check — "
                         "không kiểm tra khi không có quy tắc nào",
                         f"the built-in rule pack is missing or empty ({BUILTIN_DIR}): a broken install, reinstall "
                         "nd30check — refusing to check with no rules")
        _usage_error(f"không dùng được bộ quy tắc — {exc}", f"cannot use the rule pack — {exc}")
        raise AssertionError("unreachable") from None


def _load(paths: tuple[str, ...], config_file: str | None, overrides: dict):
    from .config import ConfigError, find_config_file, load_config

    try:
        if config_file:
            cfg_path: Path | None = Path(config_file)
            if not cfg_path.is_file():
                _usage_error(f"không thấy tệp cấu hình: {config_file}", f"config file not found: {config_file}")
        else:
            cfg_path = find_config_file(Path(paths[0]) if paths else Path.cwd())
        cfg = load_config(cfg_path, overrides)
    except ConfigError as exc:
        _usage_error(f"cấu hình sai — {exc}", f"bad configuration — {exc}")
    pack = _pack(cfg.rules)
    for rid in cfg.severity:
        if rid not in pack.rules:
            _usage_error(f"mức độ cho quy tắc không có: {rid}", f"unknown rule in severity override: {rid}")
    for pattern in cfg.select + cfg.ignore:
        p = pattern.rstrip("*").rstrip("-")
        if p != "ALL" and not any(r == p or r.startswith(p + "-") for r in pack.rules):
            _usage_error(f"--select/--ignore: không quy tắc nào khớp {pattern!r} (xem `nd30check rules`)",
                         f"--select/--ignore: no rule matches {pattern!r} (see `nd30check rules`)")
    _check_trust(cfg)
    return cfg, pack


def _check_trust(cfg: Any) -> None:
    """A --trust/--crl/--ocsp file that cannot be used is refused before the run, not
    reported per signed file after it. The signature package is imported only when needed."""
    if not (cfg.trust or cfg.crl or cfg.ocsp):
        return
    from .check import trust_config
    from .signatures.trust import TrustStoreError, check_sources

    try:
        check_sources(trust_config(cfg))
    except TrustStoreError as exc:
        _usage_error(f"tệp tin cậy/thu hồi không dùng được — {exc}", f"unusable trust or revocation file — {exc}")


def check_writable(target: str, what: str) -> None:
    """``-o FILE``: its folder must exist and be writable, and FILE must not be a folder.
    Checked before the run, so a mistyped folder costs a second, not a night's audit."""
    p = Path(target)
    if p.is_dir():
        _usage_error(f"{what} {target}: là một thư mục, cần tên tệp", f"{what} {target}: is a folder, a file name is needed")
    folder = p.resolve().parent if p.parent != Path("") else Path.cwd()
    if not folder.is_dir():
        _usage_error(f"{what} {target}: thư mục {folder} không tồn tại", f"{what} {target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        _usage_error(f"{what} {target}: không có quyền ghi vào thư mục {folder}",
                     f"{what} {target}: no permission to write into folder {folder}")
    if p.exists() and not os.access(p, os.W_OK):
        _usage_error(f"{what} {target}: tệp chỉ đọc", f"{what} {target}: the file is read-only")


def _check_inputs(paths: tuple[str, ...]) -> None:
    """A name that does not exist is a usage error. A name that exists but is no regular
    file (a FIFO, a device, a broken or looping link) is checked, and comes out unreadable."""
    for p in paths:
        if not os.path.lexists(p):
            _usage_error(f"không có tệp hoặc thư mục: {p}", f"no such file or folder: {p}")


def _write_output(text: str, output: str | None) -> None:
    if output:
        from .report.atomic import write_atomic

        write_atomic(output, text)
    else:
        import codecs

        out = sys.stdout
        enc = out.encoding or "utf-8"
        if codecs.lookup(enc).name == "ascii":
            enc = "utf-8"
        try:
            if hasattr(out, "buffer"):
                out.flush()
                out.buffer.write(text.encode(enc, errors="replace"))
            else:
                out.write(text)
            out.flush()
        except BrokenPipeError:  # `nd30check check … | head`: the reader left; not an error
            _quiet_broken_pipe()


def _quiet_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(0)


common_options = [
    _opt("--format", "fmt", type=click.Choice(FORMATS), default="text",
         vi="Định dạng báo cáo (mặc định text). csv: một dòng mỗi lỗi; csv-files: một dòng mỗi tệp.",
         en="Report format (default text). csv: one row per finding; csv-files: one row per file."),
    _opt("--output", "-o", type=click.Path(),
         vi="Ghi báo cáo vào TỆP (ghi trọn vẹn, không để tệp dở dang).", en="Write the report to FILE (atomically)."),
    _opt("--select", multiple=True, vi="Chỉ các quy tắc này (mã hoặc tiền tố, cách nhau bằng dấu phẩy).",
         en="Only these rule IDs or prefixes (comma-separated)."),
    _opt("--ignore", multiple=True, vi="Bỏ qua các quy tắc này (mã hoặc tiền tố).", en="Skip these rule IDs or prefixes."),
    _opt("--severity", "severity", multiple=True, vi="Đổi mức độ của một quy tắc: MÃ=warning.",
         en="Override a rule's severity: RULE-ID=warning."),
    _opt("--rules", "rule_packs", multiple=True, type=click.Path(exists=True),
         vi="Bộ quy tắc bổ sung hoặc thay thế (tệp TOML hoặc thư mục).", en="Extra or overriding rule pack (TOML file or folder)."),
    _opt("--lang", type=click.Choice(["vi", "en"]), default=None, vi="Ngôn ngữ thông báo (mặc định vi).",
         en="Message language (default vi)."),
    _opt("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
         vi="Mức thấp nhất làm mã thoát bằng 1 (mặc định error).", en="Lowest severity that makes the exit code 1 (default error)."),
    _opt("--profile", type=click.Choice(["issued", "draft"]), default=None,
         vi="issued: văn bản đã ban hành (phải có chữ ký số); draft: tự kiểm tra dự thảo trước khi ký.",
         en="issued: audit of issued documents (signatures required); draft: self-check before signing."),
    _opt("--config", "config_file", type=click.Path(),
         vi="Tệp cấu hình (mặc định: nd30check.toml hoặc [tool.nd30check] trong pyproject.toml, tìm từ thư mục kiểm tra lên).",
         en="Config file (default: nd30check.toml or [tool.nd30check] in pyproject.toml, searched upwards)."),
    _opt("--trust", multiple=True, type=click.Path(exists=True),
         vi="Thêm chứng thư gốc/trung gian tin cậy (tệp PEM/DER hoặc thư mục).",
         en="Add trusted root/intermediate certificates (PEM/DER file or folder)."),
    _opt("--trust-only", is_flag=True, default=None, vi="Chỉ tin các chứng thư --trust, không dùng kho tin cậy Việt Nam có sẵn.",
         en="Use only --trust certificates, not the built-in Vietnamese store."),
    _opt("--crl", multiple=True, type=click.Path(exists=True), vi="Tệp CRL để kiểm tra thu hồi.", en="CRL file(s) for revocation checks."),
    _opt("--ocsp", multiple=True, type=click.Path(exists=True), vi="Tệp phản hồi OCSP.", en="OCSP response file(s)."),
    _opt("--online", is_flag=True, default=None, vi="Cho phép tải dữ liệu thu hồi và chứng thư qua mạng.",
         en="Allow fetching revocation data and certificates from the network."),
    _opt("--no-sha1", is_flag=True, default=False,
         vi="Không tin chữ ký/chứng thư dùng SHA-1 (mặc định: kiểm tra được, chỉ cảnh báo SIG-ALGORITHM).",
         en="Do not trust SHA-1 signatures or certificates (default: verified, warned by SIG-ALGORITHM)."),
    _opt("--jobs", "-j", type=click.IntRange(1, 256), default=None, vi="Số tiến trình (mặc định: số lõi CPU).",
         en="Worker processes (default: number of cores)."),
    _opt("--executor", type=click.Choice(["local", "dask"]), default=None,
         vi="Nơi kiểm tra từng tệp: local (tiến trình trên máy này, mặc định) hoặc dask (cụm máy Dask, cần --scheduler).",
         en="Where the per-file checks run: local (worker processes on this machine, default) or dask (a Dask "
            "cluster, with --scheduler)."),
    _opt("--scheduler", metavar="ADDRESS",
         vi="Địa chỉ bộ lập lịch Dask (tcp://MÁY:8786) hoặc tệp scheduler-file; mặc định: DASK_SCHEDULER_ADDRESS.",
         en="The Dask scheduler's address (tcp://HOST:8786) or scheduler file; default: DASK_SCHEDULER_ADDRESS."),
    _opt("--no-cache", is_flag=True, default=False, vi="Không đọc, không ghi bộ nhớ đệm kết quả.",
         en="Do not read or write the result cache."),
    _opt("--no-ocr", is_flag=True, default=False, vi="Không nhận dạng chữ (OCR) trên các trang ảnh quét.",
         en="Do not recognise text on scanned (image-only) pages."),
    _opt("--include", multiple=True, vi="Mẫu tên tệp cần lấy khi duyệt thư mục.", en="Glob of files to take when walking folders."),
    _opt("--exclude", multiple=True, vi="Mẫu tên tệp/thư mục bỏ qua.", en="Glob of files or folders to skip."),
    _opt("--timeout", type=float, default=None, vi="Số giây tối đa cho mỗi tệp (mặc định 60).",
         en="Seconds allowed per file (default 60)."),
    _opt("--baseline", type=click.Path(), vi="Chỉ báo các lỗi chưa có trong tệp mốc (baseline).",
         en="Report only findings not in this baseline file."),
    _opt("--write-baseline", type=click.Path(), vi="Ghi các lỗi hiện có làm mốc rồi thoát với mã 0.",
         en="Write the current findings as a baseline and exit 0."),
    _opt("--now", vi="Cố định thời điểm hiện tại (ISO 8601) để kiểm tra thời gian ký lặp lại được.",
         en="Fixed current time (ISO 8601) for reproducible signature time checks."),
    _opt("--no-hints", is_flag=True, default=False, vi="Báo cáo ngắn: không kèm cách sửa và căn cứ.",
         en="Terse report: no fix hints or clauses."),
    _opt("--progress/--no-progress", default=None, vi="Thanh tiến độ (mặc định: chỉ khi chạy ở cửa sổ lệnh, không trong CI).",
         en="Progress bar (default: only on a terminal, never in CI)."),
]


def with_common(fn):
    for opt in reversed(common_options):
        fn = opt(fn)
    return fn


@click.group(cls=Grp, context_settings={"help_option_names": ["-h", "--help"]},
             vi="Kiểm tra thể thức văn bản hành chính theo Nghị định 30/2020/NĐ-CP và chữ ký số (.docx, .pdf).\n\n"
                "Ví dụ: nd30check check van-ban/ · nd30check explain ND30-SO-FORMAT. "
                "Thêm --lang en để xem bằng tiếng Anh.",
             en="Check Vietnamese administrative documents (.docx, .pdf) against Decree 30/2020/NĐ-CP and verify "
                "their digital signatures.\n\nExamples: nd30check check documents/ · nd30check explain ND30-SO-FORMAT.")
@click.version_option(package_name="nd30check", cls=Opt, vi="Hiện phiên bản rồi thoát.", en="Show the version and exit.")
def main() -> None:
    pass


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
        "allow_sha1": False if kw["no_sha1"] else None,
        "jobs": kw["jobs"],
        "executor": kw["executor"],
        "scheduler": kw["scheduler"],
        "cache": False if kw["no_cache"] else None,
        "ocr": False if kw.get("no_ocr") else None,
        "include": list(kw["include"]),
        "exclude": list(kw["exclude"]),
        "timeout": kw["timeout"],
        "baseline": kw["baseline"],
        "now": kw["now"],
        "hints": False if kw["no_hints"] else None,
    }


def _prepare(paths: tuple[str, ...], output: str | None, write_baseline: str | None, config_file: str | None, kw: dict):
    """Everything that can be a usage error, checked before any file is read."""
    _check_inputs(paths)
    if output:
        check_writable(output, "-o")
    if write_baseline:
        check_writable(write_baseline, "--write-baseline")
    cfg, pack = _load(paths, config_file, _overrides(**kw))
    with executor_errors(cfg.lang):
        from .executor import make_executor

        make_executor(cfg).connect()  # a cluster that cannot be reached: exit 2 before any file is read
    return cfg, pack


@contextlib.contextmanager
def executor_errors(lang: str):
    """An executor that cannot run the checks (:class:`~nd30check.executor.ExecutorError`):
    one line, exit 2."""
    from .executor import ExecutorError

    try:
        yield
    except ExecutorError as exc:
        click.echo("nd30check: " + exc.line(lang), err=True)
        sys.exit(2)


@main.command(cls=Cmd, vi="Kiểm tra tệp và thư mục (duyệt cả thư mục con).", en="Check files and folders (recursively).")
@click.argument("paths", nargs=-1, required=True)
@with_common
def check(paths: tuple[str, ...], fmt: str, output: str | None, write_baseline: str | None, progress: bool | None,
          config_file: str | None, **kw) -> None:
    cfg, pack = _prepare(paths, output, write_baseline, config_file, kw)
    from .batch import run_batch
    from .report import render_report
    from .report.words import Words
    from .summary import exit_code

    with executor_errors(cfg.lang):
        results = run_batch(list(paths), cfg, pack, progress=progress)
    words = Words(pack, cfg.lang)
    if write_baseline:
        from .baseline import write_baseline as _wb

        _wb(write_baseline, results, words)
        n = sum(len(r.findings) for r in results)
        click.echo("nd30check: " + _t(f"đã ghi mốc vào {write_baseline} ({n} lỗi)", f"baseline written to {write_baseline} ({n} findings)"),
                   err=True)
        sys.exit(0)
    if cfg.baseline:
        from .baseline import apply_baseline

        results = apply_baseline(cfg.baseline, results, words)
    _write_output(render_report(fmt, results, cfg, pack), output)
    sys.exit(exit_code(results, cfg.fail_on))


@main.command(cls=Cmd, vi="Số liệu kiểm tra của một thư mục văn bản đã ban hành, theo từng đơn vị; --db ghi lịch sử, "
                 "--report báo cáo xu hướng.",
              en="Audit figures of a folder of issued documents (per issuing unit); --db records the history, "
                 "--report the trends.")
@click.argument("folder", nargs=-1, required=False)
@with_common
@_opt("--db", "db_url", is_flag=False, flag_value="default", default=None, envvar="ND30CHECK_DB", metavar="[URL]",
      vi="Ghi lần kiểm tra vào cơ sở dữ liệu URL: postgresql://… hoặc tệp SQLite (không ghi URL: "
         "~/.local/share/nd30check/audit.sqlite). Biến môi trường ND30CHECK_DB.",
      en="Record the run in database URL: postgresql://… or an SQLite file (no URL: "
         "~/.local/share/nd30check/audit.sqlite). Environment: ND30CHECK_DB.")
@_opt("--report", "db_report", is_flag=True, default=False,
      vi="Không kiểm tra: báo cáo từ cơ sở dữ liệu (theo đơn vị, theo tháng, thay đổi so với lần trước).",
      en="Do not check: report from the database (per unit, per month, changes since the last run).")
@_opt("--from", "date_from", metavar="YYYY-MM", vi="Báo cáo: văn bản ban hành từ tháng YYYY-MM.", en="Report: documents issued from month YYYY-MM.")
@_opt("--to", "date_to", metavar="YYYY-MM", vi="Báo cáo: văn bản ban hành đến tháng YYYY-MM.", en="Report: documents issued up to month YYYY-MM.")
def audit(folder: tuple[str, ...], fmt: str, output: str | None, write_baseline: str | None, progress: bool | None,
          config_file: str | None, db_url: str | None, db_report: bool, date_from: str | None, date_to: str | None,
          **kw) -> None:
    if db_report or db_url is not None:
        _audit_db(folder, fmt, output, progress, config_file, db_url, db_report, date_from, date_to, kw)
        return
    if not folder:
        _usage_error("thiếu THƯ MỤC cần kiểm tra", "missing the FOLDER to audit")
    cfg, pack = _prepare(folder, output, None, config_file, kw)
    from .audit import run_audit
    from .report.audit import render_audit

    with executor_errors(cfg.lang):
        run = run_audit(list(folder), cfg, pack, progress=progress)
    _write_output(render_audit(fmt, run, cfg, pack), output)
    sys.exit(run.summary["exit_code"])


def _audit_db(folder: tuple[str, ...], fmt: str, output: str | None, progress: bool | None, config_file: str | None,
              db_url: str | None, db_report: bool, date_from: str | None, date_to: str | None, kw: dict) -> None:
    """``audit --db`` (record, then report these folders) and ``audit --report`` (report only)."""
    from .auditdb.report import FORMATS as DB_FORMATS

    if fmt not in DB_FORMATS:
        _usage_error(f"--db/--report: định dạng {fmt} không có; dùng {', '.join(DB_FORMATS)}",
                     f"--db/--report: no {fmt} format; use {', '.join(DB_FORMATS)}")
    if not db_report and not folder:
        _usage_error("--db: thiếu THƯ MỤC cần kiểm tra (hoặc thêm --report để chỉ xem báo cáo)",
                     "--db: missing the FOLDER to audit (or add --report to only see the report)")
    if db_report:
        for p in folder:
            if not os.path.isdir(p):
                _usage_error(f"--report: {p} không phải thư mục", f"--report: {p} is not a folder")
        if output:
            check_writable(output, "-o")
        cfg, _pack_ = _load(folder, config_file, _overrides(**kw))
    else:
        cfg, _pack_ = _prepare(folder, output, None, config_file, kw)
    from .auditdb import AuditDbError
    from .auditdb.command import record_and_report, report_only

    try:
        if db_report:
            text, code = report_only(db_url, list(folder), cfg, fmt, date_from, date_to), 0
        else:
            with executor_errors(cfg.lang):  # the run is then recorded as failed, never complete
                text, code = record_and_report(db_url, list(folder), cfg, _pack_, fmt, progress, date_from, date_to)
    except AuditDbError as exc:
        click.echo("nd30check: " + exc.line(cfg.lang), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("nd30check: " + _t("đã dừng — lần kiểm tra này không được ghi là hoàn tất",
                                      "stopped — this run is not recorded as complete"), err=True)
        sys.exit(130)
    _write_output(text, output)
    sys.exit(code)


@main.command("fix", cls=Cmd,
              vi="Ghi bản sửa của tệp .docx cho mọi lỗi thể thức sửa tự động được (tệp gốc giữ nguyên).\n\n"
                 "Ví dụ: nd30check fix du-thao.docx (ghi du-thao.da-sua.docx) · nd30check fix --diff du-thao.docx. "
                 "Không sửa tệp đã ký số, tệp PDF. Mã thoát: 0 xong; 1 còn lỗi cần sửa tay (hoặc --diff có thay đổi); "
                 "2 không đọc được tệp; 3 tệp bị từ chối (đã ký số, PDF, không phải .docx).",
              en="Write a corrected copy of a .docx for every layout defect that can be fixed safely (the input is "
                 "never touched).\n\nExamples: nd30check fix draft.docx (writes draft.da-sua.docx) · nd30check fix "
                 "--diff draft.docx. Signed files and PDFs are refused. Exit codes: 0 done; 1 findings left to fix by "
                 "hand (or --diff shows changes); 2 a file could not be read; 3 a file was refused (signed, PDF, not "
                 "a .docx).")
@click.argument("paths", nargs=-1, required=True)
@_opt("--output", "-o", type=click.Path(), vi="Tệp bản sửa (một tệp vào) hoặc thư mục để ghi các bản sửa.",
      en="Output file (one input) or folder for the corrected copies.")
@_opt("--suffix", default=None, vi="Hậu tố tên bản sửa, đặt trước .docx (mặc định .da-sua).",
      en="Suffix of the copy's name, before .docx (default .da-sua).")
@_opt("--diff", is_flag=True, default=False, vi="Chỉ hiện các thay đổi sẽ làm, không ghi tệp.",
      en="Only show the changes, write nothing.")
@_opt("--select", multiple=True, vi="Chỉ sửa theo các quy tắc này (mã hoặc tiền tố).", en="Fix only these rule IDs or prefixes.")
@_opt("--ignore", multiple=True, vi="Không sửa theo các quy tắc này.", en="Do not fix these rule IDs or prefixes.")
@_opt("--rules", "rule_packs", multiple=True, type=click.Path(exists=True),
      vi="Bộ quy tắc riêng (tệp TOML hoặc thư mục): các khoảng giá trị của nó quyết định giá trị sửa.",
      en="Your own rule pack (TOML file or folder): its ranges decide the values fixed to.")
@_opt("--lang", type=click.Choice(["vi", "en"]), default=None, vi="Ngôn ngữ (mặc định vi).", en="Language (default vi).")
@_opt("--profile", type=click.Choice(["issued", "draft"]), default=None,
      vi="Hồ sơ kiểm tra bản sửa (mặc định draft: bản dự thảo chưa ký).", en="Profile the copy is checked with (default draft).")
@_opt("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
      vi="Lỗi còn lại ở mức này trở lên cho mã thoát 1 (mặc định error).", en="Findings left at or above it give exit code 1 "
      "(default error).")
@_opt("--config", "config_file", type=click.Path(), vi="Tệp cấu hình.", en="Config file.")
def fix_cmd(paths: tuple[str, ...], output: str | None, suffix: str | None, diff: bool, config_file: str | None,
            **kw: Any) -> None:
    from .fix.command import run_fix

    _check_inputs(paths)
    overrides = {"select": _split(kw["select"]), "ignore": _split(kw["ignore"]), "rules": list(kw["rule_packs"]),
                 "lang": kw["lang"], "fail_on": kw["fail_on"], "profile": kw["profile"] or "draft", "cache": False}
    cfg, pack = _load(paths, config_file, overrides)
    code, text = run_fix(list(paths), cfg, pack, output, suffix, diff, _usage_error)
    _write_output(text, None)
    sys.exit(code)


@main.command("rules", cls=Cmd, vi="Danh sách các quy tắc.", en="List the rules.")
@_opt("--format", "fmt", type=click.Choice(["text", "json"]), default="text", vi="Định dạng (text hoặc json).",
      en="Format (text or json).")
@_opt("--lang", type=click.Choice(["vi", "en"]), default="vi", vi="Ngôn ngữ (mặc định vi).", en="Language (default vi).")
@_opt("--rules", "rule_packs", multiple=True, type=click.Path(exists=True), vi="Bộ quy tắc bổ sung (tệp TOML hoặc thư mục).",
      en="Extra rule pack (TOML file or folder).")
def rules_cmd(fmt: str, lang: str, rule_packs: tuple[str, ...]) -> None:
    import json

    from .checks.base import FIXABLE
    from .engine import _load_checks

    pack = _pack(list(rule_packs))
    _load_checks()  # which rules `nd30check fix` corrects
    if fmt == "json":
        data = [
            {"id": r.id, "severity": r.severity, "category": r.category, "clause": r.clause,
             "title": r.text("title", lang), "kinds": list(r.kinds), "doc_types": list(r.doc_types),
             "fixable": r.id in FIXABLE}
            for r in pack.ordered()
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from .report.labels import t

    mark = t("fixable_mark", lang)
    for r in pack.ordered():
        click.echo(f"{r.id:<24} {t(r.severity, lang):<9} {r.text('title', lang)}" + (f"  [{mark}]" if r.id in FIXABLE else ""))
    click.echo("\n" + t("fixable_legend", lang))


@main.command(cls=Cmd, vi="Giải thích một quy tắc: nội dung, lý do, căn cứ, cách sửa.",
              en="Explain a rule: what, why, the clause, how to fix.")
@click.argument("rule_id")
@_opt("--lang", type=click.Choice(["vi", "en"]), default="vi", vi="Ngôn ngữ (mặc định vi).", en="Language (default vi).")
@_opt("--rules", "rule_packs", multiple=True, type=click.Path(exists=True), vi="Bộ quy tắc bổ sung (tệp TOML hoặc thư mục).",
      en="Extra rule pack (TOML file or folder).")
def explain(rule_id: str, lang: str, rule_packs: tuple[str, ...]) -> None:
    from .report.labels import t

    pack = _pack(list(rule_packs))
    rule = pack.get(rule_id.upper()) or pack.get(rule_id)
    if rule is None:
        close = [r for r in pack.rules if rule_id.upper() in r]
        hint = ", ".join(sorted(close)[:5])
        _usage_error(f"không có quy tắc {rule_id}" + (f" (có phải {hint}?)" if close else ""),
                     f"unknown rule {rule_id}" + (f" (did you mean {hint}?)" if close else ""))
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
            spec = rule.specs.get(k)
            unit = f" {spec.unit}" if spec is not None and spec.unit else ""
            click.echo(f"  {k} = {v!r}{unit}")
    kinds = ", ".join(rule.kinds)
    types = ", ".join(rule.doc_types)
    click.echo(f"\n{'Áp dụng cho' if vi else 'Applies to'}: {kinds}; {'loại văn bản' if vi else 'document types'}: {types}"
               + (f" ({'trừ' if vi else 'except'} {', '.join(rule.skip_doc_types)})" if rule.skip_doc_types else ""))
    if rule.requires:
        click.echo(f"{'Cần đo được' if vi else 'Requires'}: {', '.join(rule.requires)}")
    from .checks.base import implementation
    from .engine import _load_checks

    _load_checks()  # like `ruff rule`: where the rule lives in the code
    click.echo(f"{'Cài đặt tại' if vi else 'Implemented in'}: {implementation(rule.id) or '—'}")
    from .checks.base import FIXABLE

    if rule.id in FIXABLE:
        click.echo("Sửa tự động: nd30check fix TỆP.docx (các lỗi về định dạng, dấu câu theo quy định; không sửa tên, số, ký hiệu)"
                   if vi else "Auto-fix: nd30check fix FILE.docx (formatting and prescribed punctuation; never names, "
                   "numbers or symbols)")


from .web.command import serve_options  # noqa: E402 - only click; the server is imported when it runs


@main.command(cls=Cmd, vi="Mở trang web trên máy này để tự kiểm tra văn bản trong trình duyệt (cần gói [web]).",
              en="Start a local web page to self-check documents in the browser (needs the [web] extra).")
@serve_options(_opt)
def serve(**kw: Any) -> None:
    from .web.command import serve as run_server

    run_server(**kw)


if __name__ == "__main__":  # pragma: no cover
    main()
