"""One self-contained HTML file a clerk can read and print on A4 (no external assets).

Summary first (files, share compliant, most frequent defects, signature figures, one row
per issuing unit), then each file with its findings, text excerpts and signatures.
A small inline script filters findings by rule and severity; printing shows what is visible.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .. import __version__
from ..figures import has_valid_agency_signature, is_appendix, per_unit
from ..summary import summarize
from .labels import t
from .text import _worth_showing

CSS = """
@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 17pt; margin: 8px 0 2px; } h2 { font-size: 14pt; margin: 18px 0 6px; border-bottom: 1px solid #999; }
h3 { font-size: 12.5pt; margin: 14px 0 4px; word-break: break-all; }
.meta { color: #555; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 10.5pt; }
th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; } td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 6px; border-radius: 3px; font-size: 10pt; font-weight: bold; }
.v-compliant { background: #d8f0d8; } .v-non-compliant { background: #f6d0d0; } .v-incomplete { background: #fbeec2; } .v-unreadable { background: #ddd; }
.s-error { color: #a00; font-weight: bold; } .s-warning { color: #8a5a00; } .s-info { color: #336; }
.excerpt { font-style: italic; color: #333; } .ev { color: #444; font-size: 10pt; }
.file { page-break-inside: avoid; border-top: 1px solid #ddd; padding-top: 4px; }
.filters { background: #f6f6f6; padding: 6px; border: 1px solid #ddd; font-size: 10.5pt; }
.sig { font-size: 10pt; margin: 2px 0 2px 10px; }
@media print { .filters { display: none; } a { color: inherit; text-decoration: none; } }
"""

JS = """
function nd30filter(){
  var rule=document.getElementById('f-rule').value;
  var sev={}; document.querySelectorAll('.f-sev').forEach(function(c){sev[c.value]=c.checked;});
  document.querySelectorAll('tr.finding').forEach(function(tr){
    var ok=(!rule||tr.dataset.rule===rule)&&sev[tr.dataset.sev];
    tr.style.display=ok?'':'none';
  });
  document.querySelectorAll('div.file').forEach(function(d){
    var rows=d.querySelectorAll('tr.finding'); if(!rows.length){d.style.display=rule?'none':'';return;}
    var any=false; rows.forEach(function(r){if(r.style.display!=='none')any=true;});
    d.style.display=any?'':'none';
  });
}
"""


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "—"


def _badge(verdict: str, lang: str) -> str:
    return f'<span class="badge v-{verdict}">{escape(t(verdict, lang))}</span>'


def render(results: list[Any], config: Any, pack: Any, extra: dict[str, Any] | None = None) -> str:
    lang = config.lang
    vi = lang == "vi"
    s = summarize(results, config.fail_on)
    out: list[str] = []
    w = out.append
    title = "Báo cáo kiểm tra thể thức văn bản (Nghị định 30/2020/NĐ-CP)" if vi else "Document format check report (Decree 30/2020/NĐ-CP)"
    w(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>')
    w(f"<style>{CSS}</style></head><body>")
    w(f"<h1>{escape(title)}</h1>")
    prof = {"issued": "văn bản đã ban hành" if vi else "issued documents", "draft": "dự thảo" if vi else "drafts"}[config.profile]
    w(f'<div class="meta">nd30check {escape(__version__)} · {"hồ sơ kiểm tra" if vi else "profile"}: {escape(prof)}</div>')

    # --- summary ---------------------------------------------------------------------
    n = s["files"]
    w(f"<h2>{'Tổng hợp' if vi else 'Summary'}</h2><table>")
    rows = [
        ("Số tệp đã kiểm tra" if vi else "Files checked", str(n)),
        ("Đạt" if vi else "Compliant", f"{s['compliant']} ({_pct(s['compliant'], n)})"),
        ("Không đạt" if vi else "Non-compliant", f"{s['non_compliant']} ({_pct(s['non_compliant'], n)})"),
        ("Chưa đánh giá đủ" if vi else "Incomplete", f"{s['incomplete']} ({_pct(s['incomplete'], n)})"),
        ("Không đọc được" if vi else "Unreadable", str(s["unreadable"])),
        ("Lỗi / cảnh báo" if vi else "Errors / warnings", f"{s['findings']['error']} / {s['findings']['warning']}"),
    ]
    mains = [r for r in results if not r.error and not is_appendix(r)]
    apps = [r for r in results if not r.error and is_appendix(r)]
    signed_valid = sum(has_valid_agency_signature(r) for r in mains)
    any_sig = sum(1 for r in mains if r.signatures and r.signatures.signatures)
    rows += [
        ("Văn bản có chữ ký số" if vi else "Documents with a digital signature", f"{any_sig}/{len(mains)} ({_pct(any_sig, len(mains))})"),
        ("Văn bản có chữ ký số hợp lệ của cơ quan" if vi else "Documents with a valid agency signature",
         f"{signed_valid}/{len(mains)} ({_pct(signed_valid, len(mains))})"),
        ("Phụ lục (tệp riêng) có chữ ký số hợp lệ của cơ quan" if vi else "Separate appendices with a valid agency signature",
         f"{sum(has_valid_agency_signature(r) for r in apps)}/{len(apps)}"),
    ]
    for k, v in rows:
        w(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>")
    w("</table>")

    top = list(s["rules_failed"].items())[:10]
    if top:
        w(f"<h2>{'Lỗi thường gặp' if vi else 'Most frequent defects'}</h2><table><tr><th>{'Quy tắc' if vi else 'Rule'}</th>"
          f"<th>{'Nội dung' if vi else 'Title'}</th><th>{'Số tệp' if vi else 'Files'}</th></tr>")
        for rid, cnt in top:
            rule = pack.get(rid)
            w(f"<tr><td>{escape(rid)}</td><td>{escape(rule.text('title', lang) if rule else '')}</td><td class=num>{cnt}</td></tr>")
        w("</table>")

    units = per_unit(results)
    if units:
        w(f"<h2>{'Theo đơn vị ban hành' if vi else 'Per issuing unit'}</h2><table><tr>"
          f"<th>{'Đơn vị' if vi else 'Unit'}</th><th>{'Văn bản' if vi else 'Documents'}</th>"
          f"<th>{'Có chữ ký số hợp lệ của cơ quan' if vi else 'Valid agency signature'}</th>"
          f"<th>{'Phụ lục được ký' if vi else 'Appendices signed'}</th><th>{'Đúng thể thức' if vi else 'Compliant'}</th>"
          f"<th>{'Lỗi hay gặp' if vi else 'Top defects'}</th></tr>")
        for u in units:
            j = u.to_json()
            fmtp = lambda v: "—" if v is None else f"{v:.1f}%"  # noqa: E731
            defects = ", ".join(f"{d['rule']} ({d['files']})" for d in j["top_defects"][:3])
            w(f"<tr><td>{escape(u.unit or ('(không xác định)' if vi else '(unknown)'))}</td><td class=num>{u.documents}</td>"
              f"<td class=num>{fmtp(j['agency_signed_pct'])}</td><td class=num>{fmtp(j['appendices_signed_pct'])}"
              f" ({u.appendices_signed}/{u.appendices})</td><td class=num>{fmtp(j['compliant_pct'])}</td><td>{escape(defects)}</td></tr>")
        w("</table>")
    if extra and extra.get("audit_html"):
        w(extra["audit_html"])

    # --- filters -----------------------------------------------------------------------
    rules_seen = sorted({f.rule for r in results for f in r.findings})
    w(f'<h2>{"Chi tiết từng tệp" if vi else "Files"}</h2><div class="filters">{"Lọc theo quy tắc" if vi else "Filter by rule"}: '
      f'<select id="f-rule" onchange="nd30filter()"><option value="">{"(tất cả)" if vi else "(all)"}</option>')
    for rid in rules_seen:
        w(f'<option value="{escape(rid)}">{escape(rid)}</option>')
    w("</select> &nbsp; ")
    for sev in ("error", "warning", "info"):
        w(f'<label><input type="checkbox" class="f-sev" value="{sev}" checked onchange="nd30filter()"> {escape(t(sev, lang))}</label> ')
    w("</div>")

    # --- per file ----------------------------------------------------------------------
    for r in results:
        verdict = "unreadable" if r.error else r.verdict
        facts = r.facts
        ident = " · ".join(x for x in (facts.type_name or facts.type, facts.number_symbol, facts.date, facts.agency) if x)
        w(f'<div class="file"><h3>{escape(r.path)} {_badge(verdict, lang)}</h3>')
        if ident:
            w(f'<div class="meta">{escape(ident)}</div>')
        if r.findings:
            w(f"<table><tr><th>{'Quy tắc' if vi else 'Rule'}</th><th>{'Mức' if vi else 'Severity'}</th>"
              f"<th>{'Nội dung' if vi else 'Message'}</th><th>{'Vị trí' if vi else 'Where'}</th></tr>")
            for f in r.findings:
                where = []
                if f.page:
                    where.append(f"{t('page', lang)} {f.page}")
                if f.paragraph is not None:
                    where.append(f"{t('paragraph', lang)} {f.paragraph + 1}")
                detail = ""
                if f.excerpt:
                    detail += f'<div class="excerpt">«{escape(f.excerpt)}»</div>'
                if _worth_showing(f):
                    detail += (f'<div class="ev">{escape(t("expected", lang))}: {escape(str(f.expected if f.expected is not None else "—"))}'
                               f' · {escape(t("actual", lang))}: {escape(str(f.actual if f.actual is not None else "—"))}</div>')
                w(f'<tr class="finding" data-rule="{escape(f.rule)}" data-sev="{escape(f.severity)}"><td>{escape(f.rule)}</td>'
                  f'<td class="s-{escape(f.severity)}">{escape(t(f.severity, lang))}</td><td>{escape(f.message)}{detail}</td>'
                  f'<td>{escape(", ".join(where))}</td></tr>')
            w("</table>")
        else:
            w(f"<p>{escape(t('no_findings', lang))}</p>")
        nev = [rr.rule for rr in r.results if rr.status == "not-evaluated"]
        if nev and not r.error:
            w(f'<div class="meta">{escape(t("not_evaluated_rules", lang))}: {escape(", ".join(nev))}</div>')
        if r.signatures and r.signatures.signatures:
            for sig in r.signatures.signatures:
                who = sig.subject.get("CN") or sig.subject_str or "?"
                role = t(sig.role, lang) if sig.role in ("official", "agency") else t("unknown", lang)
                yn = lambda v: t("unknown", lang) if v is None else t("yes" if v else "no", lang)  # noqa: E731
                when = sig.timestamp or sig.signing_time or ""
                reason = f" — {sig.trust_reason}" if sig.trust_reason and sig.trusted is not True else ""
                w(f'<div class="sig">✎ {escape(t("signature", lang))} {sig.index + 1}: <b>{escape(who)}</b> ({escape(role)}) · '
                  f'{escape(when)} · {escape(t("intact", lang))}: {escape(yn(sig.intact))} · {escape(t("trusted", lang))}: '
                  f'{escape(yn(sig.trusted))}{escape(reason)}</div>')
        w("</div>")
    w(f"<script>{JS}</script></body></html>\n")
    return "".join(out)
