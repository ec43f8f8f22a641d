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
from .rulepack import RulePack, render
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


def _msg(pack: RulePack, rid: str, lang: str, **values: Any) -> str:
    rule = pack.get(rid)
    if rule is None:
        return rid
    values.setdefault("expected", "")
    values.setdefault("excerpt", "")
    return render(rule.message("default", lang), values)


def audit_results(results: list[FileResult], config: Any, pack: RulePack) -> AuditReport:
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

    def sev(rid: str) -> str:
        rule = pack.get(rid)
        return config.severity.get(rid, rule.severity if rule else "warning")

    if config.selected("AUDIT-NUMBER-DUP") and pack.get("AUDIT-NUMBER-DUP"):
        statuses["AUDIT-NUMBER-DUP"] = "pass" if series else "not-evaluated"
        for (unit, year), nums in sorted(series.items()):
            for num, paths in sorted(nums.items()):
                if len(paths) > 1:
                    statuses["AUDIT-NUMBER-DUP"] = "fail"
                    findings.append(AuditFinding("AUDIT-NUMBER-DUP", sev("AUDIT-NUMBER-DUP"),
                                                 _msg(pack, "AUDIT-NUMBER-DUP", lang, actual=f"{num:02d}", number=f"{num:02d}",
                                                      year=year, unit=names[unit], count=len(paths)),
                                                 names[unit], sorted(paths)))
    if config.selected("AUDIT-NUMBER-GAP") and pack.get("AUDIT-NUMBER-GAP"):
        statuses["AUDIT-NUMBER-GAP"] = "pass" if series else "not-evaluated"
        for (unit, year), nums in sorted(series.items()):
            have = sorted(nums)
            missing = [n for n in range(have[0], have[-1] + 1) if n not in nums]
            if missing:
                statuses["AUDIT-NUMBER-GAP"] = "fail"
                shown = ", ".join(f"{n:02d}" for n in missing[:30]) + ("…" if len(missing) > 30 else "")
                findings.append(AuditFinding("AUDIT-NUMBER-GAP", sev("AUDIT-NUMBER-GAP"),
                                             _msg(pack, "AUDIT-NUMBER-GAP", lang, actual=shown, missing=shown, year=year,
                                                  unit=names[unit], count=len(missing)), names[unit]))
    from .batch import find_bundles

    units = per_unit(results, find_bundles(results)[0])
    if config.selected("AUDIT-UNSIGNED") and pack.get("AUDIT-UNSIGNED"):
        statuses["AUDIT-UNSIGNED"] = "pass" if issued else "not-applicable"
        for u in units:
            missing = u.readable - u.with_agency_signature
            if u.readable > 0 and missing > 0:
                statuses["AUDIT-UNSIGNED"] = "fail"
                share = f"{100.0 * missing / u.readable:.1f}%"
                files = sorted(r.path for r in issued if unit_key(unit_of(r)) == unit_key(u.unit)
                               and not has_valid_agency_signature(r))
                findings.append(AuditFinding("AUDIT-UNSIGNED", sev("AUDIT-UNSIGNED"),
                                             _msg(pack, "AUDIT-UNSIGNED", lang, actual=share, share=share,
                                                  unit=u.unit or ("(không xác định)" if lang == "vi" else "(unknown)"),
                                                  count=missing, total=u.readable),
                                             u.unit, files))
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
