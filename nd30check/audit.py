"""``nd30check audit``: figures across a folder of issued documents.

AUDIT-NUMBER-DUP: two documents of one agency share a number in one calendar year (Đ15:
numbers run from 01 on 1 January to 31 December). AUDIT-NUMBER-GAP: numbers missing in an
agency's sequence within the audited set (info: the set may simply be incomplete).
AUDIT-UNSIGNED: per issuing unit, the share of documents without a valid agency signature.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from .batch import run_batch
from .check import FileResult
from .config import SEVERITY_RANK
from .figures import (
    has_valid_agency_signature,
    is_appendix,
    per_unit,
    unit_key,
    unit_name,
    unit_of,
)
from .rulepack import RulePack
from .summary import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exit_code


@dataclass
class AuditFinding:
    rule: str
    severity: str
    message: str
    unit: str
    files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "unit": self.unit or None,
                "files": self.files}


@dataclass
class AuditReport:
    results: list[FileResult]
    findings: list[AuditFinding]
    units: list[Any]
    fail_on: str
    statuses: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        base = exit_code(self.results, self.fail_on)
        if base == EXIT_ERROR:
            return base
        if self.fail_on != "never" and any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[self.fail_on] for f in self.findings):
            return EXIT_FINDINGS
        return base or EXIT_OK


def audit_results(results: list[FileResult], config: Any, pack: RulePack) -> AuditReport:
    """Group the results by unit and year and run the AUDIT-* rules (checks/audit.py) on them."""
    from .checks.audit import UnitCount, number_duplicates, number_gaps, unsigned_share
    from .checks.base import Term
    from .engine import render_finding

    lang = config.lang
    findings: list[AuditFinding] = []
    statuses: dict[str, str] = {}
    issued = [r for r in results if not r.error and not is_appendix(r)]

    # numbers per (unit, year)
    series: dict[tuple[str, str], dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for r in issued:
        f = r.facts
        if not (f.number and f.number.isdigit() and f.date and f.agency):
            continue
        key = unit_key(unit_name(f))
        names[key] = unit_name(f)
        series[(key, f.date[:4])][int(f.number)].append(r.path)

    def run(rid: str, fn: Any, *args: Any) -> None:
        rule = pack.get(rid)
        if rule is None or not config.selected(rid):
            return
        status, items = fn(*args)
        statuses[rid] = status
        sev = config.severity.get(rid, rule.severity)
        for item in items:
            msg = render_finding(rule, item.finding, sev, lang, pack.terms).message
            findings.append(AuditFinding(rid, sev, msg, item.unit, item.files))

    run("AUDIT-NUMBER-DUP", number_duplicates, series, names)
    run("AUDIT-NUMBER-GAP", number_gaps, series, names)
    from .batch import find_bundles

    units = per_unit(results, find_bundles(results)[0])
    counts = [UnitCount(u.unit, u.readable, u.with_agency_signature,
                        [r.path for r in issued if unit_key(unit_of(r)) == unit_key(u.unit)
                         and not has_valid_agency_signature(r)]) for u in units]
    run("AUDIT-UNSIGNED", unsigned_share, counts, bool(issued), Term("unknown-unit"))
    return AuditReport(results, findings, units, config.fail_on, statuses)


def run_audit(paths: list[str], config: Any, pack: RulePack, progress: bool | None = None) -> AuditReport:
    return audit_results(run_batch(paths, config, pack, progress=progress), config, pack)


def render_audit(fmt: str, report: AuditReport, config: Any, pack: RulePack) -> str:
    from .report import render_report
    from .report.labels import t

    lang = config.lang
    vi = lang == "vi"
    audit_json = {"rules": report.statuses, "findings": [f.to_json() for f in report.findings],
                  "units": [u.to_json() for u in report.units]}
    if fmt == "json":
        from .report.json import build, dumps

        doc = build(report.results, config.fail_on, {"audit": audit_json})
        doc["summary"]["exit_code"] = report.exit_code
        return dumps(doc)
    if fmt == "html":
        parts = [f"<h2>{'Kiểm tra số văn bản và chữ ký số của cả lô' if vi else 'Numbers and signatures across the batch'}</h2>"]
        if report.findings:
            parts.append("<table><colgroup><col style='width:23%'><col style='width:10%'><col></colgroup><thead><tr>"
                         f"<th>{'Quy tắc' if vi else 'Rule'}</th><th>{'Mức' if vi else 'Severity'}</th>"
                         f"<th>{'Nội dung (các tệp liên quan)' if vi else 'Message (files concerned)'}</th></tr></thead>")
            for f in report.findings:
                names = [Path(x).name for x in f.files[:10]] + (["…"] if len(f.files) > 10 else [])
                parts.append(f"<tr><td>{escape(f.rule)}</td><td class='s-{f.severity}'>{escape(t(f.severity, lang))}</td>"
                             f"<td>{escape(f.message)}<div class='ev'>{escape(', '.join(names))}</div></td></tr>")
            parts.append("</table>")
        else:
            parts.append(f"<p>{escape(t('no_findings', lang))}</p>")
        return render_report("html", report.results, config, pack, {"audit_html": "".join(parts)})
    if fmt == "text":
        lines = [("Số liệu theo đơn vị ban hành" if vi else "Figures per issuing unit")]
        hdr = ("Đơn vị", "VB", "Đúng TT", "Ký số đạt", "Ký hợp lệ", "PL ký", "Đạt") if vi else \
            ("Unit", "Docs", "Format", "Signatures", "Agency-signed", "Appx signed", "Compliant")
        lines.append(f"  {hdr[0]:<38} {hdr[1]:>5} {hdr[2]:>9} {hdr[3]:>10} {hdr[4]:>13} {hdr[5]:>11} {hdr[6]:>9}")
        for u in report.units:
            j = u.to_json()
            p = lambda v: "—" if v is None else f"{v:.1f}%"  # noqa: E731
            unit = u.unit or ("(không xác định)" if vi else "(unknown)")
            lines.append(f"  {unit[:38]:<38} {u.documents:>5} {p(j['format_compliant_pct']):>9} "
                         f"{p(j['signature_compliant_pct']):>10} {p(j['agency_signed_pct']):>13} "
                         f"{p(j['appendices_signed_pct']):>11} {p(j['compliant_pct']):>9}")
            if j["top_defects"]:
                lines.append("      " + ("lỗi hay gặp: " if vi else "top defects: ") +
                             ", ".join(f"{d['rule']} ({d['files']})" for d in j["top_defects"]))
        lines.append("  " + ("Đúng TT: đúng thể thức; Ký số đạt: các quy tắc chữ ký số đạt; Ký hợp lệ: có chữ ký số hợp lệ "
                             "của cơ quan; PL ký: phụ lục tệp riêng được cơ quan ký; Đạt: cả hai." if vi else
                             "Format / Signatures: the two verdicts; Agency-signed: a valid agency signature; Appx signed: "
                             "separate appendices signed by the agency; Compliant: both."))
        lines.append("")
        for f in report.findings:
            lines.append(f"  {f.rule:<20} {t(f.severity, lang):<9} {f.message}")
            for p in f.files[:10]:
                lines.append(f"      {p}")
        if not report.findings:
            lines.append("  " + t("no_findings", lang))
        lines.append("")
        return render_report("text", report.results, config, pack) + "\n" + "\n".join(lines) + "\n"
    if fmt == "csv":
        from .report.csv import render as render_csv

        extra = [[";".join(f.files), "", "", "", f.rule, t(f.severity, lang), f.message, "", f.unit, "", "", "", "", ""]
                 for f in report.findings]
        return render_csv(report.results, config, extra_rows=extra)
    return render_report(fmt, report.results, config, pack)
