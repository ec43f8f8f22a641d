"""One self-contained HTML file a clerk can read and print on A4 (no external assets).

Summary first (files, share compliant, most frequent defects, signature figures, one row
per issuing unit), then each file with its findings, text excerpts and signatures.
A small inline script filters findings by rule and severity; printing shows what is visible.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from .. import __version__
from ..batch import find_bundles
from ..figures import has_valid_agency_signature, is_appendix, per_unit
from ..summary import summarize
from .labels import conversion_line, t
from .text import evidence, vn_time

CSS = """
@page { size: A4; margin: 14mm 12mm 14mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 12pt; color: #111;
       margin: 0 auto; max-width: 190mm; padding: 0 4mm; line-height: 1.3; }
h1 { font-size: 16pt; margin: 10px 0 2px; text-align: center; }
h2 { font-size: 13.5pt; margin: 16px 0 6px; border-bottom: 1px solid #888; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 0 0 2px; overflow-wrap: anywhere; }
.meta { color: #444; font-size: 10pt; overflow-wrap: anywhere; } .center { text-align: center; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 10.5pt; table-layout: fixed; }
th, td { border: 1px solid #aaa; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; } td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
td.num .meta { white-space: normal; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
tr.folder td { background: #f3f3f3; font-size: 9.5pt; color: #333; padding: 1px 5px; }
table.list td { padding: 1px 5px; }
table.kv th { width: 62%; font-weight: normal; background: #f6f6f6; } table.kv td { font-weight: bold; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 9.5pt; font-weight: bold;
         border: 1px solid #999; white-space: nowrap; vertical-align: 1px; }
.v-compliant { background: #d8f0d8; } .v-non-compliant { background: #f6d0d0; } .v-incomplete { background: #fbeec2; }
.v-unreadable { background: #ddd; }
.s-error { color: #a00; font-weight: bold; } .s-warning { color: #8a5a00; } .s-info { color: #335; }
.excerpt { font-style: italic; color: #333; } .ev { color: #444; font-size: 9.5pt; }
.file { border-top: 1px solid #bbb; padding-top: 6px; margin-top: 10px; }
.filehead { page-break-after: avoid; }
.filters { background: #f4f4f4; padding: 6px; border: 1px solid #ccc; font-size: 10.5pt; margin-bottom: 6px; }
.sig { font-size: 10pt; margin: 3px 0 3px 8px; padding-left: 6px; border-left: 3px solid #bbb; }
.legend { font-size: 10pt; color: #333; margin: 4px 0; }
details summary { cursor: pointer; }
a { color: #124; }
@media print {
  .filters, .noprint { display: none; }
  a { color: inherit; text-decoration: none; }
  details > *:not(summary) { display: block; }
  body { padding: 0; }
}
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


def _where(f: Any, lang: str) -> str:
    where = []
    if f.page:
        where.append(f"{t('page', lang)} {f.page}")
    if f.paragraph is not None:
        where.append(f"{t('paragraph', lang)} {f.paragraph + 1}")
    return ", ".join(where)


def _split_path(path: str) -> tuple[str, str]:
    p = Path(path)
    return p.name, str(p.parent) if str(p.parent) not in ("", ".") else ""


def render(results: list[Any], config: Any, pack: Any, extra: dict[str, Any] | None = None) -> str:
    lang = config.lang
    vi = lang == "vi"
    s = summarize(results, config.fail_on)
    mains_of, _orphans = find_bundles(results)
    out: list[str] = []
    w = out.append
    title = "Báo cáo kiểm tra thể thức văn bản hành chính" if vi else "Administrative document format check report"
    sub = "theo Nghị định số 30/2020/NĐ-CP về công tác văn thư và kiểm tra chữ ký số" if vi else \
        "against Decree 30/2020/NĐ-CP on records work, with digital signature verification"
    w(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
      f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>')
    w(f"<style>{CSS}</style></head><body>")
    w(f"<h1>{escape(title)}</h1><div class='center meta'>{escape(sub)}</div>")
    prof = {"issued": "văn bản đã ban hành" if vi else "issued documents", "draft": "dự thảo" if vi else "drafts"}[config.profile]
    when = (config.now or datetime.now().astimezone().isoformat(timespec="minutes"))[:16].replace("T", " ")
    w(f'<div class="center meta">{"Lập lúc" if vi else "Made"} {escape(when)} · nd30check {escape(__version__)} · '
      f'{"hồ sơ kiểm tra" if vi else "profile"}: {escape(prof)}</div>')

    # --- summary ---------------------------------------------------------------------
    n = s["files"]
    w(f"<h2>{'I. Tổng hợp' if vi else 'I. Summary'}</h2><table class='kv'>")
    rows = [
        ("Số tệp đã kiểm tra" if vi else "Files checked", str(n)),
        ("Đạt (đúng thể thức)" if vi else "Compliant", f"{s['compliant']} ({_pct(s['compliant'], n)})"),
        ("Không đạt" if vi else "Non-compliant", f"{s['non_compliant']} ({_pct(s['non_compliant'], n)})"),
        ("Chưa đánh giá đủ (ví dụ bản quét)" if vi else "Incomplete (e.g. scans)", f"{s['incomplete']} ({_pct(s['incomplete'], n)})"),
        ("Không đọc được" if vi else "Unreadable", f"{s['unreadable']} ({_pct(s['unreadable'], n)})"),
        ("Số lỗi / cảnh báo" if vi else "Errors / warnings", f"{s['findings']['error']} / {s['findings']['warning']}"),
    ]
    mains = [r for r in results if not r.error and not is_appendix(r)]
    apps = [r for r in results if not r.error and is_appendix(r)]
    signed_valid = sum(has_valid_agency_signature(r) for r in mains)
    any_sig = sum(1 for r in mains if r.signatures and r.signatures.signatures)
    apps_valid = sum(has_valid_agency_signature(r) for r in apps)
    rows += [
        ("Văn bản có chữ ký số" if vi else "Documents with a digital signature", f"{any_sig}/{len(mains)} ({_pct(any_sig, len(mains))})"),
        ("Văn bản có chữ ký số hợp lệ của cơ quan" if vi else "Documents with a valid agency signature",
         f"{signed_valid}/{len(mains)} ({_pct(signed_valid, len(mains))})"),
        ("Phụ lục (tệp riêng) có chữ ký số hợp lệ của cơ quan" if vi else "Separate appendices with a valid agency signature",
         f"{apps_valid}/{len(apps)} ({_pct(apps_valid, len(apps))})"),
    ]
    for k, v in rows:
        w(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>")
    w("</table>")
    w('<div class="legend">' + escape(
        "ĐẠT: không có lỗi ở mức “lỗi”. KHÔNG ĐẠT: có ít nhất một lỗi. CHƯA ĐÁNH GIÁ ĐỦ: có quy tắc không kiểm tra được "
        "(bản quét không có lớp chữ, thiếu dữ liệu) — cần xem bằng mắt. KHÔNG ĐỌC ĐƯỢC: tệp hỏng hoặc sai định dạng."
        if vi else
        "COMPLIANT: no error-level finding. NON-COMPLIANT: at least one error. INCOMPLETE: some rules could not be checked "
        "(scans without text, missing data) — check by eye. UNREADABLE: damaged or wrong-format file.") + "</div>")

    if config.profile == "issued" and mains and any_sig == 0:
        w('<div class="legend"><b>' + escape(
            "Lưu ý: không văn bản nào có chữ ký số, nên mọi văn bản đều không đạt quy tắc SIG-PRESENT. Nếu đây là dự thảo "
            "chưa ký, hãy kiểm tra lại với tùy chọn --profile draft." if vi else
            "Note: no document is digitally signed, so every document fails SIG-PRESENT. For unsigned drafts, "
            "run again with --profile draft.") + "</b></div>")

    top = list(s["rules_failed"].items())[:10]
    if top:
        w(f"<h2>{'II. Lỗi thường gặp' if vi else 'II. Most frequent defects'}</h2><table><colgroup><col style='width:28%'>"
          f"<col><col style='width:13%'></colgroup><thead><tr><th>{'Quy tắc' if vi else 'Rule'}</th>"
          f"<th>{'Nội dung' if vi else 'Title'}</th><th class=num>{'Số tệp' if vi else 'Files'}</th></tr></thead>")
        for rid, cnt in top:
            rule = pack.get(rid)
            w(f"<tr><td>{escape(rid)}</td><td>{escape(rule.text('title', lang) if rule else '')}</td><td class=num>{cnt}</td></tr>")
        w("</table>")

    units = per_unit(results, mains_of)
    if units:
        w(f"<h2>{'III. Theo đơn vị ban hành' if vi else 'III. Per issuing unit'}</h2><table><colgroup><col style='width:25%'>"
          "<col style='width:9%'><col style='width:14%'><col style='width:14%'><col style='width:12%'><col></colgroup><thead><tr>"
          f"<th>{'Đơn vị' if vi else 'Unit'}</th><th class=num>{'Văn bản' if vi else 'Docs'}</th>"
          f"<th class=num>{'Có chữ ký số hợp lệ của cơ quan' if vi else 'Valid agency signature'}</th>"
          f"<th class=num>{'Phụ lục được ký' if vi else 'Appendices signed'}</th><th class=num>{'Đúng thể thức' if vi else 'Compliant'}</th>"
          f"<th>{'Lỗi hay gặp (số tệp)' if vi else 'Top defects (files)'}</th></tr></thead>")
        for u in units:
            j = u.to_json()
            fmtp = lambda v: "—" if v is None else f"{v:.1f}%"  # noqa: E731
            defects = ", ".join(f"{d['rule']} ({d['files']})" for d in j["top_defects"][:3])
            unread = f"<div class=meta>{u.unreadable} {'không đọc được' if vi else 'unreadable'}</div>" if u.unreadable else ""
            w(f"<tr><td>{escape(u.unit or ('(không xác định)' if vi else '(unknown)'))}</td><td class=num>{u.documents}{unread}</td>"
              f"<td class=num>{fmtp(j['agency_signed_pct'])}<div class=meta>{u.with_agency_signature}/{u.readable}</div></td>"
              f"<td class=num>{fmtp(j['appendices_signed_pct'])}<div class=meta>{u.appendices_signed}/{u.appendices}</div></td>"
              f"<td class=num>{fmtp(j['compliant_pct'])}</td><td>{escape(defects)}</td></tr>")
        w("</table>")
    if extra and extra.get("audit_html"):
        w(extra["audit_html"])

    # --- list of files -----------------------------------------------------------------
    w(f"<h2>{'IV. Danh sách tệp' if vi else 'IV. Files'}</h2><table class='list'><colgroup><col style='width:5%'><col>"
      "<col style='width:24%'><col style='width:8%'><col style='width:11%'></colgroup><thead><tr>"
      f"<th class=num>#</th><th>{'Tệp' if vi else 'File'}</th><th>{'Kết quả' if vi else 'Verdict'}</th>"
      f"<th class=num>{'Lỗi' if vi else 'Errors'}</th><th class=num>{'Cảnh báo' if vi else 'Warnings'}</th></tr></thead>")
    last_folder = None
    for i, r in enumerate(results, 1):
        verdict = "unreadable" if r.error else r.verdict
        name, folder = _split_path(r.path)
        if folder != last_folder:
            w(f'<tr class="folder"><td colspan="5">{"Thư mục" if vi else "Folder"}: {escape(folder or ".")}</td></tr>')
            last_folder = folder
        errs = sum(1 for f in r.findings if f.severity == "error" and not f.note)
        warns = sum(1 for f in r.findings if f.severity == "warning" and not f.note)
        w(f'<tr><td class=num>{i}</td><td><a href="#f{i}">{escape(name)}</a></td><td>{_badge(verdict, lang)}</td>'
          f"<td class=num>{errs}</td><td class=num>{warns}</td></tr>")
    w("</table>")

    # --- filters -----------------------------------------------------------------------
    rules_seen = sorted({f.rule for r in results for f in r.findings})
    w(f'<h2>{"V. Chi tiết từng tệp" if vi else "V. Details per file"}</h2><div class="filters">{"Lọc theo quy tắc" if vi else "Filter by rule"}: '
      f'<select id="f-rule" onchange="nd30filter()"><option value="">{"(tất cả)" if vi else "(all)"}</option>')
    for rid in rules_seen:
        w(f'<option value="{escape(rid)}">{escape(rid)}</option>')
    w(f"</select> &nbsp; {'Mức' if vi else 'Severity'}: ")
    for sev in ("error", "warning", "info"):
        w(f'<label><input type="checkbox" class="f-sev" value="{sev}" checked onchange="nd30filter()"> {escape(t(sev, lang))}</label> ')
    w("</div>")

    # --- per file ----------------------------------------------------------------------
    for i, r in enumerate(results, 1):
        verdict = "unreadable" if r.error else r.verdict
        facts = r.facts
        name, folder = _split_path(r.path)
        ident = " · ".join(x for x in (facts.type_name or facts.type, facts.number_symbol and
                                       (("Số " if vi else "No. ") + facts.number_symbol), facts.date,
                                       " / ".join(y for y in (facts.parent_agency, facts.agency) if y)) if x)
        w(f'<div class="file" id="f{i}"><div class="filehead"><h3>{i}. {escape(name)} {_badge(verdict, lang)}</h3>')
        if folder:
            w(f'<div class="meta">{"Thư mục" if vi else "Folder"}: {escape(folder)}</div>')
        if ident:
            w(f'<div class="meta">{escape(ident)}</div>')
        if r.path in mains_of:
            w(f'<div class="meta">{"Phụ lục của" if vi else "Appendix of"}: {escape(Path(mains_of[r.path].path).name)}</div>')
        if r.conversion is not None:
            w(f'<div class="meta">{escape(conversion_line(r.conversion, lang))}</div>')
        w("</div>")
        if r.findings:
            w("<table><colgroup><col style='width:23%'><col style='width:10%'><col><col style='width:13%'></colgroup><thead>"
              f"<tr><th>{'Quy tắc' if vi else 'Rule'}</th><th>{'Mức' if vi else 'Severity'}</th>"
              f"<th>{'Nội dung' if vi else 'Message'}</th><th>{'Vị trí' if vi else 'Where'}</th></tr></thead>")
            for f in r.findings:
                detail = ""
                if f.excerpt and f.excerpt not in f.message:
                    detail += f'<div class="excerpt">«{escape(f.excerpt)}»</div>'
                ev = evidence(f, lang)
                if ev:
                    detail += f'<div class="ev">{escape(ev)}</div>'
                w(f'<tr class="finding" data-rule="{escape(f.rule)}" data-sev="{escape(f.severity)}"><td>{escape(f.rule)}</td>'
                  f'<td class="s-{escape(f.severity)}">{escape(t(f.severity, lang))}</td><td>{escape(f.message)}{detail}</td>'
                  f'<td>{escape(_where(f, lang))}</td></tr>')
            w("</table>")
        else:
            w(f"<p>{escape(t('no_findings', lang))}</p>")
        nev = [rr for rr in r.results if rr.status == "not-evaluated"]
        if nev and not r.error:
            reasons = sorted({rr.reasons[0] for rr in nev if rr.reasons})
            w(f'<details class="meta"><summary>{escape(t("not_evaluated_rules", lang))}: {len(nev)} '
              f'{"quy tắc" if vi else "rules"}' + (f" — {escape('; '.join(reasons[:3]))}" if reasons else "") + "</summary>"
              f'{escape(", ".join(rr.rule for rr in nev))}</details>')
        if r.signatures and r.signatures.signatures:
            for sig in r.signatures.signatures:
                who = sig.subject.get("CN") or sig.subject_str or "?"
                role = t(sig.role, lang) if sig.role in ("official", "agency") else t("unknown", lang)
                yn = lambda v: t("unknown", lang) if v is None else t("yes" if v else "no", lang)  # noqa: E731
                when = sig.timestamp or sig.signing_time or ""
                why = sig.trust_reason if vi else (sig.trust_reason_en or sig.trust_reason)
                reason = f" — {why}" if why and sig.trusted is not True else ""
                issuer = sig.issuer.get("CN") or sig.issuer_str or ""
                w(f'<div class="sig">✎ {escape(t("signature", lang))} {sig.index + 1}: <b>{escape(who)}</b> ({escape(role)})'
                  + (f' · {escape(t("issuer", lang))}: {escape(issuer)}' if issuer else "")
                  + f'<br>{escape(t("timestamp" if sig.timestamp else "signing_time", lang))}: {escape(vn_time(when) or "—")} · {escape(t("intact", lang))}: {escape(yn(sig.intact))}'
                  f' · {escape(t("trusted", lang))}: {escape(yn(sig.trusted))}{escape(reason)}</div>')
        w("</div>")
    w(f"<script>{JS}</script></body></html>\n")
    return "".join(out)
