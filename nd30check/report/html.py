"""One self-contained HTML file a clerk can read and print on A4 (no external assets).

Summary first (files, share compliant — overall, in format, in signatures —, most frequent
defects, signature figures, one row per issuing unit), then each file with its two verdicts,
its findings (where, evidence, how to fix and the clause, unless ``--no-hints``) and its
signatures in plain words. Printed, every page is numbered ("Trang 2/5") and the report ends
with a sign-off block for the person who checked and the head of the unit. A small inline
script filters findings by rule and severity; printing shows what is visible.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from .. import __version__
from ..results import RunResult
from .labels import conversion_line, t, verdict_label
from .text import coverage_words, evidence, hint_lines, only_unsigned, skipped_lines, vn_time
from .words import Words

CSS = """
@page { size: A4; margin: 14mm 12mm 16mm 14mm;
  @bottom-center { content: "PAGE_WORD " counter(page) "/" counter(pages); font-size: 9pt; color: #444; } }
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
.v-unreadable { background: #ddd; } .v-not-applicable { background: #f0f0f0; font-weight: normal; }
.s-error { color: #a00; font-weight: bold; } .s-warning { color: #8a5a00; } .s-info { color: #335; }
.excerpt { font-style: italic; color: #333; } .ev { color: #444; font-size: 9.5pt; }
.file { border-top: 1px solid #bbb; padding-top: 6px; margin-top: 10px; }
.filehead { page-break-after: avoid; }
.filters { background: #f4f4f4; padding: 6px; border: 1px solid #ccc; font-size: 10.5pt; margin-bottom: 6px; }
.sig { font-size: 10pt; margin: 3px 0 3px 8px; padding-left: 6px; border-left: 3px solid #bbb; }
.legend { font-size: 10pt; color: #333; margin: 4px 0; }
details summary { cursor: pointer; }
.fixable { font-size: 9pt; color: #05603a; } .fixable::before { content: "✔ "; }
.fix { font-size: 9.5pt; color: #222; } .fix .clause { color: #555; display: block; margin-top: 2px; }
.verdicts { font-size: 10pt; margin: 2px 0; }
.signoff { margin-top: 18px; page-break-inside: avoid; display: flex; justify-content: space-between; gap: 12mm; }
.signoff > div { flex: 1; text-align: center; } .signoff .when { font-style: italic; }
.signoff .line { margin-top: 22mm; border-top: 1px dotted #777; padding-top: 2px; font-size: 10pt; color: #444; }
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
    return f'<span class="badge v-{verdict}">{escape(verdict_label(verdict, lang))}</span>'


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


def _verdict_cells(r: Any, lang: str) -> str:
    if r.error:
        return "<td></td><td></td>"
    v = r.verdicts
    return f"<td>{_badge(v['format'], lang)}</td><td>{_badge(v['signature'], lang)}</td>"


def _sig_html(sig: Any, lang: str) -> str:
    vi = lang == "vi"
    who = sig.subject.get("CN") or sig.subject_str or "?"
    role = t(sig.role, lang) if sig.role in ("official", "agency") else t("unknown", lang)

    def yn(v: bool | None) -> str:
        return t("unknown", lang) if v is None else t("yes" if v else "no", lang)

    when = sig.timestamp or sig.signing_time or ""
    why = sig.trust_reason if vi else (sig.trust_reason_en or sig.trust_reason)
    reason = f" — {why}" if why and sig.trusted is not True else ""
    issuer = sig.issuer.get("CN") or sig.issuer_str or ""
    cov = coverage_words(sig, lang)
    return (f'<div class="sig">✎ {escape(t("signature", lang))} {sig.index + 1}: <b>{escape(who)}</b> ({escape(role)})'
            + (f' · {escape(t("issuer", lang))}: {escape(issuer)}' if issuer else "")
            + f'<br>{escape(t("timestamp" if sig.timestamp else "signing_time", lang))}: {escape(vn_time(when, lang) or "—")}'
            + f' · {escape(t("intact", lang))}: {escape(yn(sig.intact))} · {escape(t("trusted", lang))}: {escape(yn(sig.trusted))}{escape(reason)}'
            + (f"<br>{escape(cov[:1].upper() + cov[1:])}" if cov else "") + "</div>")


def _signoff(lang: str) -> str:
    """Where the person who checked and the head of the unit sign the printed report."""
    vi = lang == "vi"
    when = "……, ngày … tháng … năm ……" if vi else "……, on ……"
    left = ("NGƯỜI KIỂM TRA", "(Ký, ghi rõ họ tên)") if vi else ("CHECKED BY", "(signature and full name)")
    right = ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)") if vi else ("HEAD OF UNIT", "(signature, full name, seal)")
    return (f'<div class="signoff"><div><b>{escape(left[0])}</b><div class="meta">{escape(left[1])}</div>'
            f'<div class="line">&nbsp;</div></div>'
            f'<div><div class="when">{escape(when)}</div><b>{escape(right[0])}</b><div class="meta">{escape(right[1])}</div>'
            f'<div class="line">&nbsp;</div></div></div>')


class _Page:
    """The report being written: its words, settings and output."""

    def __init__(self, run: RunResult, words: Words, config: Any) -> None:
        self.run, self.words, self.config = run, words, config
        self.lang, self.pack = words.lang, words.pack
        self.vi = self.lang == "vi"
        self.hints = getattr(config, "hints", True)
        self.out: list[str] = []

    def w(self, text: str) -> None:
        self.out.append(text)


def render(results: RunResult, words: Words, config: Any, extra: dict[str, Any] | None = None) -> str:
    page = _Page(results, words, config)
    _head(page)
    _summary(page)
    _frequent(page)
    _units(page)
    if extra and extra.get("audit_html"):
        page.w(extra["audit_html"])
    _file_list(page)
    _filters(page)
    for i, r in enumerate(results, 1):
        _file(page, i, r)
    page.w(_signoff(page.lang))
    page.w(f"<script>{JS}</script></body></html>\n")
    return "".join(page.out)


def _head(page: _Page) -> None:
    vi, lang, config, w = page.vi, page.lang, page.config, page.w
    title = "Báo cáo kiểm tra thể thức văn bản hành chính" if vi else "Administrative document format check report"
    sub = "theo Nghị định số 30/2020/NĐ-CP về công tác văn thư và kiểm tra chữ ký số" if vi else \
        "against Decree 30/2020/NĐ-CP on records work, with digital signature verification"
    w(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
      f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>')
    w(f"<style>{CSS.replace('PAGE_WORD', 'Trang' if vi else 'Page')}</style></head><body>")
    w(f"<h1>{escape(title)}</h1><div class='center meta'>{escape(sub)}</div>")
    prof = {"issued": "văn bản đã ban hành" if vi else "issued documents", "draft": "dự thảo" if vi else "drafts"}[config.profile]
    when = (config.now or datetime.now().astimezone().isoformat(timespec="minutes"))[:16].replace("T", " ")
    w(f'<div class="center meta">{"Lập lúc" if vi else "Made"} {escape(when)} · nd30check {escape(__version__)} · '
      f'{"hồ sơ kiểm tra" if vi else "profile"}: {escape(prof)}</div>')


def _summary_rows(page: _Page, s: dict[str, Any]) -> tuple[list[tuple[str, str]], list[Any], int]:
    """Section I's rows; also the main documents and how many carry a signature (for the notes)."""
    vi = page.vi
    n = s["files"]
    fv, sv = s["verdicts"]["format"], s["verdicts"]["signature"]
    rows = [
        ("Số tệp đã kiểm tra" if vi else "Files checked", str(n)),
        ("Đạt (cả thể thức và chữ ký số)" if vi else "Compliant (format and signatures)", f"{s['compliant']} ({_pct(s['compliant'], n)})"),
        ("Không đạt" if vi else "Non-compliant", f"{s['non_compliant']} ({_pct(s['non_compliant'], n)})"),
        ("Chưa đánh giá đủ (ví dụ bản quét)" if vi else "Incomplete (e.g. scans)", f"{s['incomplete']} ({_pct(s['incomplete'], n)})"),
        ("Không đọc được" if vi else "Unreadable", f"{s['unreadable']} ({_pct(s['unreadable'], n)})"),
        ("Đúng thể thức" if vi else "Format compliant", f"{fv['compliant']} ({_pct(fv['compliant'], n)})"),
        ("Sai thể thức" if vi else "Format non-compliant", f"{fv['non_compliant']} ({_pct(fv['non_compliant'], n)})"),
        ("Chữ ký số đạt" if vi else "Signatures compliant", f"{sv['compliant']} ({_pct(sv['compliant'], n)})"),
        ("Chữ ký số không đạt (thiếu, hỏng, không tin cậy…)" if vi else "Signatures non-compliant (missing, broken, untrusted…)",
         f"{sv['non_compliant']} ({_pct(sv['non_compliant'], n)})"),
        ("Số lỗi / cảnh báo" if vi else "Errors / warnings", f"{s['findings']['error']} / {s['findings']['warning']}"),
    ]
    sig_rows, mains, any_sig = _signature_rows(page)
    rows += sig_rows
    if s["skipped"]:
        rows.append(("Mục bỏ qua khi duyệt thư mục" if vi else "Entries skipped while walking folders", str(s["skipped"])))
    return rows, mains, any_sig


def _signature_rows(page: _Page) -> tuple[list[tuple[str, str]], list[Any], int]:
    """Section I's signature rows (main documents, separate appendices), the main documents
    and how many carry a signature."""
    vi, results = page.vi, page.run
    mains = [r for r in results if not r.error and not r.is_appendix]
    apps = [r for r in results if not r.error and r.is_appendix]
    signed_valid = sum(r.valid_agency_signature for r in mains)
    any_sig = sum(1 for r in mains if r.signatures and r.signatures.signatures)
    apps_valid = sum(r.valid_agency_signature for r in apps)
    rows = [
        ("Văn bản có chữ ký số" if vi else "Documents with a digital signature", f"{any_sig}/{len(mains)} ({_pct(any_sig, len(mains))})"),
        ("Văn bản có chữ ký số hợp lệ của cơ quan" if vi else "Documents with a valid agency signature",
         f"{signed_valid}/{len(mains)} ({_pct(signed_valid, len(mains))})"),
        ("Phụ lục (tệp riêng) có chữ ký số hợp lệ của cơ quan" if vi else "Separate appendices with a valid agency signature",
         f"{apps_valid}/{len(apps)} ({_pct(apps_valid, len(apps))})"),
    ]
    return rows, mains, any_sig


def _summary(page: _Page) -> None:
    """I. Summary: the figures, the legend, and a note when only missing signatures fail."""
    vi, config, results, w = page.vi, page.config, page.run, page.w
    s = results.summary
    w(f"<h2>{'I. Tổng hợp' if vi else 'I. Summary'}</h2><table class='kv'>")
    rows, mains, any_sig = _summary_rows(page, s)
    for k, v in rows:
        w(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>")
    w("</table>")
    w('<div class="legend">' + escape(
        "ĐẠT: không có lỗi ở mức “lỗi”. KHÔNG ĐẠT: có ít nhất một lỗi. CHƯA ĐÁNH GIÁ ĐỦ: có quy tắc không kiểm tra được "
        "(bản quét không có lớp chữ, thiếu dữ liệu) — cần xem bằng mắt. KHÔNG ĐỌC ĐƯỢC: tệp hỏng hoặc sai định dạng. "
        "Thể thức và chữ ký số được đánh giá riêng: thể thức theo các quy tắc trình bày (ND30-*, FILE-*), chữ ký số theo "
        "các quy tắc SIG-*; KHÔNG XÉT: không có quy tắc nào của nhóm được áp dụng (ví dụ dự thảo chưa ký)."
        if vi else
        "COMPLIANT: no error-level finding. NON-COMPLIANT: at least one error. INCOMPLETE: some rules could not be checked "
        "(scans without text, missing data) — check by eye. UNREADABLE: damaged or wrong-format file. Format and "
        "signatures are judged apart: format by the layout rules (ND30-*, FILE-*), signatures by the SIG-* rules; "
        "NOT APPLICABLE: no rule of the group applied (an unsigned draft, say).") + "</div>")

    if only_unsigned(results, config.profile):
        w('<div class="legend"><b>' + escape(
            "Lưu ý: mọi văn bản không đạt đều chỉ vì chưa có chữ ký số (quy tắc SIG-PRESENT). Nếu đây là dự thảo "
            "chưa ký, hãy kiểm tra lại với tùy chọn --profile draft." if vi else
            "Note: every failing document fails only for lack of a digital signature (SIG-PRESENT). For unsigned drafts, "
            "run again with --profile draft.") + "</b></div>")
    elif config.profile == "issued" and mains and any_sig == 0:
        w('<div class="legend"><b>' + escape(
            "Lưu ý: không văn bản nào có chữ ký số, nên mọi văn bản đều không đạt quy tắc SIG-PRESENT. Nếu đây là dự thảo "
            "chưa ký, hãy kiểm tra lại với tùy chọn --profile draft." if vi else
            "Note: no document is digitally signed, so every document fails SIG-PRESENT. For unsigned drafts, "
            "run again with --profile draft.") + "</b></div>")


def _frequent(page: _Page) -> None:
    """II. The most frequent defects."""
    vi, lang, pack, w = page.vi, page.lang, page.pack, page.w
    s = page.run.summary
    top = list(s["rules_failed"].items())[:10]
    if top:
        w(f"<h2>{'II. Lỗi thường gặp' if vi else 'II. Most frequent defects'}</h2><table><colgroup><col style='width:28%'>"
          f"<col><col style='width:13%'></colgroup><thead><tr><th>{'Quy tắc' if vi else 'Rule'}</th>"
          f"<th>{'Nội dung' if vi else 'Title'}</th><th class=num>{'Số tệp' if vi else 'Files'}</th></tr></thead>")
        for rid, cnt in top:
            rule = pack.get(rid)
            w(f"<tr><td>{escape(rid)}</td><td>{escape(rule.text('title', lang) if rule else '')}</td><td class=num>{cnt}</td></tr>")
        w("</table>")


def _units(page: _Page) -> None:
    """III. One row per issuing unit."""
    vi, w = page.vi, page.w
    units = page.run.units
    if units:
        w(f"<h2>{'III. Theo đơn vị ban hành' if vi else 'III. Per issuing unit'}</h2><table><colgroup><col style='width:22%'>"
          "<col style='width:8%'><col style='width:11%'><col style='width:11%'><col style='width:12%'><col style='width:11%'>"
          "<col></colgroup><thead><tr>"
          f"<th>{'Đơn vị' if vi else 'Unit'}</th><th class=num>{'Văn bản' if vi else 'Docs'}</th>"
          f"<th class=num>{'Đúng thể thức' if vi else 'Format compliant'}</th>"
          f"<th class=num>{'Chữ ký số đạt' if vi else 'Signatures compliant'}</th>"
          f"<th class=num>{'Có chữ ký số hợp lệ của cơ quan' if vi else 'Valid agency signature'}</th>"
          f"<th class=num>{'Phụ lục được ký' if vi else 'Appendices signed'}</th>"
          f"<th>{'Lỗi hay gặp (số tệp)' if vi else 'Top defects (files)'}</th></tr></thead>")
        for u in units:
            j = u.to_json()
            fmtp = lambda v: "—" if v is None else f"{v:.1f}%"  # noqa: E731
            defects = ", ".join(f"{d['rule']} ({d['files']})" for d in j["top_defects"][:3])
            unread = f"<div class=meta>{u.unreadable} {'không đọc được' if vi else 'unreadable'}</div>" if u.unreadable else ""
            w(f"<tr><td>{escape(u.unit or ('(không xác định)' if vi else '(unknown)'))}</td><td class=num>{u.documents}{unread}</td>"
              f"<td class=num>{fmtp(j['format_compliant_pct'])}<div class=meta>{u.format_compliant}/{u.readable}</div></td>"
              f"<td class=num>{fmtp(j['signature_compliant_pct'])}<div class=meta>{u.signature_compliant}/{u.readable}</div></td>"
              f"<td class=num>{fmtp(j['agency_signed_pct'])}<div class=meta>{u.with_agency_signature}/{u.readable}</div></td>"
              f"<td class=num>{fmtp(j['appendices_signed_pct'])}<div class=meta>{u.appendices_signed}/{u.appendices}</div></td>"
              f"<td>{escape(defects)}</td></tr>")
        w("</table>")


def _file_list(page: _Page) -> None:
    """IV. The files, by folder, with their verdicts."""
    vi, lang, results, w = page.vi, page.lang, page.run, page.w
    w(f"<h2>{'IV. Danh sách tệp' if vi else 'IV. Files'}</h2><table class='list'><colgroup><col style='width:5%'><col>"
      "<col style='width:17%'><col style='width:14%'><col style='width:14%'><col style='width:6%'><col style='width:8%'>"
      "</colgroup><thead><tr>"
      f"<th class=num>#</th><th>{'Tệp' if vi else 'File'}</th><th>{'Kết quả' if vi else 'Verdict'}</th>"
      f"<th>{'Thể thức' if vi else 'Format'}</th><th>{'Chữ ký số' if vi else 'Signatures'}</th>"
      f"<th class=num>{'Lỗi' if vi else 'Errors'}</th><th class=num>{'Cảnh báo' if vi else 'Warnings'}</th></tr></thead>")
    last_folder = None
    for i, r in enumerate(results, 1):
        verdict = "unreadable" if r.error else r.verdict
        name, folder = _split_path(r.path)
        if folder != last_folder:
            w(f'<tr class="folder"><td colspan="7">{"Thư mục" if vi else "Folder"}: {escape(folder or ".")}</td></tr>')
            last_folder = folder
        errs = sum(1 for f in r.findings if f.severity == "error" and not f.note)
        warns = sum(1 for f in r.findings if f.severity == "warning" and not f.note)
        w(f'<tr><td class=num>{i}</td><td><a href="#f{i}">{escape(name)}</a></td><td>{_badge(verdict, lang)}</td>'
          f"{_verdict_cells(r, lang)}<td class=num>{errs}</td><td class=num>{warns}</td></tr>")
    w("</table>")
    skipped = skipped_lines(results, lang)
    if skipped:
        w('<div class="legend">' + "<br>".join(escape(x) for x in skipped) + "</div>")


def _filters(page: _Page) -> None:
    """V. heading and the rule / severity filters (the inline script)."""
    vi, lang, results, w = page.vi, page.lang, page.run, page.w
    rules_seen = sorted({f.rule for r in results for f in r.findings})
    w(f'<h2>{"V. Chi tiết từng tệp" if vi else "V. Details per file"}</h2><div class="filters">{"Lọc theo quy tắc" if vi else "Filter by rule"}: '
      f'<select id="f-rule" onchange="nd30filter()"><option value="">{"(tất cả)" if vi else "(all)"}</option>')
    for rid in rules_seen:
        w(f'<option value="{escape(rid)}">{escape(rid)}</option>')
    w(f"</select> &nbsp; {'Mức' if vi else 'Severity'}: ")
    for sev in ("error", "warning", "info"):
        w(f'<label><input type="checkbox" class="f-sev" value="{sev}" checked onchange="nd30filter()"> {escape(t(sev, lang))}</label> ')
    w("</div>")


def _file(page: _Page, i: int, r: Any) -> None:
    """One file: its head (verdicts, folder, facts), findings, what could not be evaluated, signatures."""
    vi, lang, w = page.vi, page.lang, page.w
    _file_head(page, i, r)
    shown = page.words.findings(r)
    if shown:
        _findings_table(page, shown)
    else:
        w(f"<p>{escape(t('no_findings', lang))}</p>")
    nev = [rr for rr in r.results if rr.status == "not-evaluated"]
    if nev and not r.error:
        reasons = sorted({page.words.reasons(rr)[0] for rr in nev if rr.reasons})
        w(f'<details class="meta"><summary>{escape(t("not_evaluated_rules", lang))}: {len(nev)} '
          f'{"quy tắc" if vi else "rules"}' + (f" — {escape('; '.join(reasons[:3]))}" if reasons else "") + "</summary>"
          f'{escape(", ".join(rr.rule for rr in nev))}</details>')
    if r.signatures and r.signatures.signatures:
        for sig in r.signatures.signatures:
            w(_sig_html(sig, lang))
    w("</div>")


def _file_head(page: _Page, i: int, r: Any) -> None:
    vi, lang, w = page.vi, page.lang, page.w
    verdict = "unreadable" if r.error else r.verdict
    facts = r.facts
    name, folder = _split_path(r.path)
    ident = " · ".join(x for x in (facts.type_name or facts.type, facts.number_symbol and
                                   (("Số " if vi else "No. ") + facts.number_symbol), facts.date,
                                   " / ".join(y for y in (facts.parent_agency, facts.agency) if y)) if x)
    w(f'<div class="file" id="f{i}"><div class="filehead"><h3>{i}. {escape(name)} {_badge(verdict, lang)}</h3>')
    if not r.error:
        v = r.verdicts
        w(f'<div class="verdicts">{escape(t("format_verdict", lang).capitalize())}: {_badge(v["format"], lang)} · '
          f'{escape(t("signature_verdict", lang).capitalize())}: {_badge(v["signature"], lang)}</div>')
    if folder:
        w(f'<div class="meta">{"Thư mục" if vi else "Folder"}: {escape(folder)}</div>')
    if ident:
        w(f'<div class="meta">{escape(ident)}</div>')
    if r.appendix_of:
        w(f'<div class="meta">{"Phụ lục của" if vi else "Appendix of"}: {escape(Path(r.appendix_of).name)}</div>')
    if r.conversion is not None:
        w(f'<div class="meta">{escape(conversion_line(r.conversion, lang))}</div>')
    w("</div>")


def _findings_table(page: _Page, shown: list[Any]) -> None:
    vi, lang, hints, w = page.vi, page.lang, page.hints, page.w
    fix_col = "<col style='width:27%'>" if hints else ""
    w(f"<table><colgroup><col style='width:19%'><col style='width:9%'><col>{fix_col}<col style='width:10%'></colgroup><thead>"
      f"<tr><th>{'Quy tắc' if vi else 'Rule'}</th><th>{'Mức' if vi else 'Severity'}</th>"
      f"<th>{'Nội dung' if vi else 'Message'}</th>"
      + (f"<th>{'Cách sửa · căn cứ' if vi else 'How to fix · clause'}</th>" if hints else "")
      + f"<th>{'Vị trí' if vi else 'Where'}</th></tr></thead>")
    hinted: set[str] = set()
    for f in shown:
        detail = ""
        if f.excerpt and f.excerpt not in f.message:
            detail += f'<div class="excerpt">«{escape(f.excerpt)}»</div>'
        ev = evidence(f, lang)
        if ev:
            detail += f'<div class="ev">{escape(ev)}</div>'
        if f.fixable:
            detail += f'<div class="fixable">{escape(t("fixable", lang))}</div>'
        fix = _fix_cell(page, f, hinted) if hints else ""
        w(f'<tr class="finding" data-rule="{escape(f.rule)}" data-sev="{escape(f.severity)}"><td>{escape(f.rule)}</td>'
          f'<td class="s-{escape(f.severity)}">{escape(t(f.severity, lang))}</td><td>{escape(f.message)}{detail}</td>'
          f'{fix}<td>{escape(_where(f, lang))}</td></tr>')
    w("</table>")


def _fix_cell(page: _Page, f: Any, hinted: set[str]) -> str:
    """How to fix and the clause, once per rule and file ("(as above)" after)."""
    lang = page.lang
    lines = [] if (f.note or f.severity == "info" or f.rule in hinted) else hint_lines(page.pack.get(f.rule), lang)
    if not lines:
        return '<td class="fix meta">' + (escape("(như trên)" if page.vi else "(as above)") if f.rule in hinted else "") + "</td>"
    hinted.add(f.rule)
    body, clause = (lines[0], lines[1]) if len(lines) > 1 else (lines[0], "")
    if body.startswith(t("clause", lang)):
        body, clause = "", body
    return (f'<td class="fix">{escape(body.split(": ", 1)[-1]) if body else ""}'
            + (f'<span class="clause">{escape(clause)}</span>' if clause else "") + "</td>")
