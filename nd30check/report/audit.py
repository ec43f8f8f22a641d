"""The report of ``nd30check audit``: figures per issuing unit and the AUDIT-* findings, in
every format, on top of the files' report. Reads the run result only (``RunResult.audit``,
``RunResult.units``)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from ..results import AuditResult, RunResult
from ..rulepack import RulePack
from . import render_report
from .csv import render as render_csv
from .json import render as render_json
from .labels import t
from .words import Words


def audit_json(run: RunResult, words: Words) -> dict[str, Any]:
    """The JSON report's ``audit`` part: the rules' statuses, their findings, the units."""
    audit = run.audit or AuditResult()
    return {"rules": audit.statuses,
            "findings": [{"rule": f.rule, "severity": f.severity, "message": words.message(f.finding),
                          "unit": f.unit or None, "files": f.files} for f in audit.findings],
            "units": [u.to_json() for u in run.units]}


def render_audit(fmt: str, run: RunResult, config: Any, pack: RulePack) -> str:
    """The report of ``nd30check audit`` in ``fmt``: the files' report plus the audit's
    figures per unit and its AUDIT-* findings."""
    words = Words(pack, config.lang)
    findings = (run.audit or AuditResult()).findings
    if fmt == "json":
        return render_json(run, words, {"audit": audit_json(run, words)})
    if fmt == "html":
        return render_report("html", run, config, pack, {"audit_html": _html(findings, words)})
    if fmt == "text":
        return render_report("text", run, config, pack) + "\n" + "\n".join(_text(run, findings, words)) + "\n"
    if fmt == "csv":
        extra = [[";".join(f.files), "", "", "", f.rule, t(f.severity, words.lang), words.message(f.finding), "", f.unit,
                  "", "", "", "", ""] for f in findings]
        return render_csv(run, words, extra_rows=extra)
    return render_report(fmt, run, config, pack)


def _html(findings: list[Any], words: Words) -> str:
    """The audit's section of the HTML report: its findings with the files concerned."""
    lang = words.lang
    vi = lang == "vi"
    parts = [f"<h2>{'Kiểm tra số văn bản và chữ ký số của cả lô' if vi else 'Numbers and signatures across the batch'}</h2>"]
    if not findings:
        return parts[0] + f"<p>{escape(t('no_findings', lang))}</p>"
    parts.append("<table><colgroup><col style='width:23%'><col style='width:10%'><col></colgroup><thead><tr>"
                 f"<th>{'Quy tắc' if vi else 'Rule'}</th><th>{'Mức' if vi else 'Severity'}</th>"
                 f"<th>{'Nội dung (các tệp liên quan)' if vi else 'Message (files concerned)'}</th></tr></thead>")
    for f in findings:
        names = [Path(x).name for x in f.files[:10]] + (["…"] if len(f.files) > 10 else [])
        parts.append(f"<tr><td>{escape(f.rule)}</td><td class='s-{f.severity}'>{escape(t(f.severity, lang))}</td>"
                     f"<td>{escape(words.message(f.finding))}<div class='ev'>{escape(', '.join(names))}</div></td></tr>")
    parts.append("</table>")
    return "".join(parts)


def _text(run: RunResult, findings: list[Any], words: Words) -> list[str]:
    """The audit's lines after the text report: the table per unit, then its findings."""
    lang = words.lang
    vi = lang == "vi"
    lines = [("Số liệu theo đơn vị ban hành" if vi else "Figures per issuing unit")]
    hdr = ("Đơn vị", "VB", "Đúng TT", "Ký số đạt", "Ký hợp lệ", "PL ký", "Đạt") if vi else \
        ("Unit", "Docs", "Format", "Signatures", "Agency-signed", "Appx signed", "Compliant")
    lines.append(f"  {hdr[0]:<38} {hdr[1]:>5} {hdr[2]:>9} {hdr[3]:>10} {hdr[4]:>13} {hdr[5]:>11} {hdr[6]:>9}")
    for u in run.units:
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
    for f in findings:
        lines.append(f"  {f.rule:<20} {t(f.severity, lang):<9} {words.message(f.finding)}")
        lines.extend(f"      {p}" for p in f.files[:10])
    if not findings:
        lines.append("  " + t("no_findings", lang))
    lines.append("")
    return lines
