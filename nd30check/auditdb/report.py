"""The history report in words: text, CSV (for spreadsheets) and JSON; HTML in :mod:`.html`.

All renderers take the plain data of :func:`nd30check.auditdb.figures.build_report`;
Vietnamese first, English with ``--lang en``. CSV is UTF-8 with a byte-order mark and CRLF,
like the other CSV exports, so a spreadsheet opens Vietnamese text with a double click.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..report.labels import t, verdict_label

FORMATS = ("text", "json", "html", "csv", "csv-files")


def W(lang: str, vi: str, en: str) -> str:
    return en if lang == "en" else vi


def pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}%"


def unit_label(name: str | None, lang: str) -> str:
    return name or W(lang, "(không xác định)", "(unknown)")


def month_label(m: str | None, lang: str) -> str:
    return m or W(lang, "(không rõ ngày)", "(no date)")


def period_label(rep: dict[str, Any], lang: str) -> str:
    p = rep["period"]
    if not (p["from"] or p["to"]):
        return W(lang, "mọi văn bản (không giới hạn ngày ban hành)", "all documents (any issue date)")
    return W(lang, f"văn bản ban hành từ {p['from'] or '…'} đến {p['to'] or '…'}",
             f"documents issued from {p['from'] or '…'} to {p['to'] or '…'}")


def when(iso: str) -> str:
    return iso[:16].replace("T", " ")


def executor_label(run: dict[str, Any], lang: str) -> str:
    """Where a run's checks ran, as its stored settings say ("" for a run recorded before
    nd30check stored it)."""
    name = run.get("executor")
    if not name:
        return ""
    if name == "dask":
        where = run.get("scheduler") or "?"
        return W(lang, f"chạy trên cụm Dask {where}", f"run on the Dask cluster {where}")
    return W(lang, "chạy trên máy này (local)", "run on this machine (local)")


CHANGE_WORDS = {
    "new": ("Mới", "New"),
    "fixed": ("Đã sửa (hết KHÔNG ĐẠT)", "Fixed (no longer non-compliant)"),
    "started_failing": ("Bắt đầu KHÔNG ĐẠT", "Started failing"),
    "changed": ("Thay đổi khác", "Other changes"),
    "removed": ("Không còn trong thư mục", "No longer in the folder"),
    "unchanged": ("Không đổi", "Unchanged"),
}


def change_word(kind: str, lang: str) -> str:
    vi, en = CHANGE_WORDS[kind]
    return W(lang, vi, en)


def verdict_pair(entry: dict[str, Any], lang: str) -> str:
    now = verdict_label(entry["verdict"], lang) if "verdict" in entry else W(lang, "không còn", "gone")
    before = entry.get("before")
    return f"{verdict_label(before['verdict'], lang)} → {now}" if before else now


# -- text ----------------------------------------------------------------------------------

def _unit_table(rows: list[tuple[str, dict[str, Any]]], lang: str, first: str) -> list[str]:
    hdr = (first, W(lang, "VB", "Docs"), W(lang, "Không ký HL", "No valid sig"), W(lang, "Đúng TT", "Format"),
           W(lang, "Ký số đạt", "Signatures"), W(lang, "PL ký", "Appx signed"), W(lang, "Đạt", "Compliant"))
    out = [f"  {hdr[0]:<40} {hdr[1]:>6} {hdr[2]:>12} {hdr[3]:>8} {hdr[4]:>10} {hdr[5]:>11} {hdr[6]:>9}"]
    for label, f in rows:
        out.append(f"  {label[:40]:<40} {f['documents']:>6} {pct(f['without_valid_agency_signature_pct']):>12} "
                   f"{pct(f['format_compliant_pct']):>8} {pct(f['signature_compliant_pct']):>10} "
                   f"{pct(f['appendices_signed_pct']):>11} {pct(f['compliant_pct']):>9}")
    return out


def _text_head(L: list[str], rep: dict[str, Any], lang: str) -> None:
    """Title, database, period, the runs read."""
    L.append(W(lang, "BÁO CÁO KIỂM TRA VĂN BẢN ĐÃ BAN HÀNH — LỊCH SỬ VÀ XU HƯỚNG",
               "AUDIT OF ISSUED DOCUMENTS — HISTORY AND TRENDS"))
    L.append(W(lang, f"Cơ sở dữ liệu: {rep['database']}", f"Database: {rep['database']}"))
    L.append(W(lang, f"Phạm vi: {period_label(rep, lang)}", f"Scope: {period_label(rep, lang)}"))
    for r in rep["latest_runs"]:
        ran = executor_label(r, lang)
        L.append(W(lang, f"Lần kiểm tra gần nhất #{r['id']} lúc {when(r['started_at'])}: {', '.join(r['scope'])} "
                         f"({r['files']} tệp; {r['new']} mới, {r['changed']} thay đổi, {r['unchanged']} không đổi, "
                         f"{r['removed']} không còn)",
                   f"Latest run #{r['id']} at {when(r['started_at'])}: {', '.join(r['scope'])} "
                   f"({r['files']} files; {r['new']} new, {r['changed']} changed, {r['unchanged']} unchanged, "
                   f"{r['removed']} gone)") + (f"; {ran}" if ran else ""))


def _text_units(L: list[str], rep: dict[str, Any], lang: str) -> None:
    """1. Per issuing unit."""
    L.append(W(lang, "1. Số liệu theo đơn vị ban hành", "1. Figures per issuing unit"))
    rows = [(unit_label(u["unit"], lang), u) for u in rep["units"]] + [(W(lang, "TỔNG", "TOTAL"), rep["totals"])]
    L += _unit_table(rows, lang, W(lang, "Đơn vị", "Unit"))
    for u in rep["units"]:
        if u["top_defects"]:
            L.append(f"  · {unit_label(u['unit'], lang)[:40]}: " + W(lang, "lỗi hay gặp ", "top defects ") +
                     ", ".join(f"{d['rule']} ({d['files']})" for d in u["top_defects"]))
    L.append("  " + W(lang, "Không ký HL: tỉ lệ văn bản không có chữ ký số hợp lệ của cơ quan; Đúng TT: đúng thể thức; "
                            "Ký số đạt: các quy tắc chữ ký số đạt; PL ký: phụ lục tệp riêng được cơ quan ký; Đạt: cả hai. "
                            "Tỉ lệ tính trên văn bản đọc được.",
                      "No valid sig: share of documents without a valid agency signature; Format / Signatures: the two "
                      "verdicts; Appx signed: separate appendices signed by the agency; Compliant: both. Shares are of "
                      "readable documents."))


def _text_months(L: list[str], rep: dict[str, Any], lang: str) -> None:
    """2. By month of issue."""
    L.append(W(lang, "2. Theo tháng ban hành", "2. By month of issue"))
    L += _unit_table([(month_label(m["month"], lang), m) for m in rep["months"]], lang, W(lang, "Tháng", "Month"))


def _text_changes(L: list[str], rep: dict[str, Any], lang: str) -> None:
    """3. What changed since the last run."""
    L.append(W(lang, "3. Thay đổi so với lần kiểm tra trước", "3. What changed since the last run"))
    for ch in rep["changes"]:
        if ch["previous_run"] is None:
            L.append("  " + W(lang, f"#{ch['current_run']}: lần kiểm tra đầu tiên của thư mục này, chưa có gì để so sánh.",
                              f"#{ch['current_run']}: the first run of these folders, nothing to compare with."))
            continue
        c = ch["counts"]
        L.append(f"  #{ch['previous_run']} → #{ch['current_run']}: " +
                 " · ".join(f"{change_word(k, lang)}: {c[k]}" for k in ("new", "fixed", "started_failing", "changed",
                                                                         "removed", "unchanged")))
        for kind, mark in (("fixed", "✓"), ("started_failing", "✗"), ("new", "+"), ("changed", "~"), ("removed", "−")):
            for e in ch[kind]:
                extra = ""
                if e.get("rules_fixed"):
                    extra += W(lang, "; hết lỗi: ", "; fixed: ") + ", ".join(e["rules_fixed"])
                if e.get("rules_new"):
                    extra += W(lang, "; lỗi mới: ", "; new failures: ") + ", ".join(e["rules_new"])
                L.append(f"    {mark} {e['path']}  ({verdict_pair(e, lang)}{extra})")
            if len(ch[kind]) < c[kind]:
                L.append("      " + W(lang, f"… và {c[kind] - len(ch[kind])} văn bản khác", f"… and {c[kind] - len(ch[kind])} more"))


def _text_runs(L: list[str], rep: dict[str, Any], lang: str) -> None:
    """4. The runs; 5. the AUDIT-* findings of the latest runs."""
    L.append(W(lang, "4. Các lần kiểm tra", "4. Audit runs"))
    hdr = ("#", W(lang, "Thời điểm", "When"), W(lang, "Tệp", "Files"), W(lang, "Mới", "New"), W(lang, "Đổi", "Chg"),
           W(lang, "Không ký HL", "No valid sig"), W(lang, "Đúng TT", "Format"), W(lang, "Đạt", "Compliant"))
    L.append(f"  {hdr[0]:>4} {hdr[1]:<16} {hdr[2]:>6} {hdr[3]:>5} {hdr[4]:>5} {hdr[5]:>12} {hdr[6]:>8} {hdr[7]:>9}")
    for h in rep["history"]:
        f = h["figures"]
        L.append(f"  {h['id']:>4} {when(h['started_at']):<16} {h['files']:>6} {h['new']:>5} {h['changed']:>5} "
                 f"{pct(f['without_valid_agency_signature_pct']):>12} {pct(f['format_compliant_pct']):>8} "
                 f"{pct(f['compliant_pct']):>9}")
    if rep["audit_findings"]:
        L.append("")
        L.append(W(lang, "5. Số văn bản và chữ ký số của cả lô (lần gần nhất)", "5. Numbers and signatures across the batch (latest run)"))
        for f in rep["audit_findings"]:
            L.append(f"  {f['rule']:<20} {t(f['severity'], lang):<9} {f['message']}")


def render_text(rep: dict[str, Any], lang: str) -> str:
    L: list[str] = []
    for part in (_text_head, _text_units, _text_months, _text_changes, _text_runs):
        if L:
            L.append("")
        part(L, rep, lang)
    return "\n".join(L) + "\n"


# -- CSV -----------------------------------------------------------------------------------

TREND_COLUMNS = {
    "vi": ["Tháng ban hành", "Đơn vị", "Văn bản", "Không đọc được", "Có chữ ký số hợp lệ của cơ quan",
           "Không có chữ ký số hợp lệ của cơ quan", "Tỉ lệ không có chữ ký số hợp lệ (%)", "Đúng thể thức",
           "Tỉ lệ đúng thể thức (%)", "Chữ ký số đạt", "Tỉ lệ chữ ký số đạt (%)", "Đạt cả hai", "Tỉ lệ đạt (%)",
           "Phụ lục tệp riêng", "Phụ lục được cơ quan ký"],
    "en": ["Month of issue", "Unit", "Documents", "Unreadable", "With a valid agency signature",
           "Without a valid agency signature", "Without a valid agency signature (%)", "Format compliant",
           "Format compliant (%)", "Signatures compliant", "Signatures compliant (%)", "Compliant", "Compliant (%)",
           "Separate appendices", "Appendices signed by the agency"],
}

FILE_COLUMNS = {
    "vi": ["Tệp", "Đơn vị", "Tháng ban hành", "Thay đổi", "Kết quả", "Thể thức", "Chữ ký số", "Kết quả lần trước",
           "Hết lỗi", "Lỗi mới"],
    "en": ["File", "Unit", "Month of issue", "Change", "Verdict", "Format", "Signatures", "Previous verdict",
           "Rules fixed", "New failures"],
}


def _num(v: float | None) -> Any:
    return "" if v is None else v


def _trend_row(month: str, unit: str, f: dict[str, Any]) -> list[Any]:
    return [month, unit, f["documents"], f["unreadable"], f["with_valid_agency_signature"],
            f["without_valid_agency_signature"], _num(f["without_valid_agency_signature_pct"]), f["format_compliant"],
            _num(f["format_compliant_pct"]), f["signature_compliant"], _num(f["signature_compliant_pct"]), f["compliant"],
            _num(f["compliant_pct"]), f["appendices"], f["appendices_signed"]]


def render_csv(rep: dict[str, Any], lang: str) -> str:
    """One row per month × unit, a row per month for all units, and a row per unit for the
    whole period: a pivot table is one drag away."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(TREND_COLUMNS.get(lang, TREND_COLUMNS["vi"]))
    every = W(lang, "Tất cả đơn vị", "All units")
    whole = W(lang, "Cả kỳ", "Whole period")
    for m in rep["months"]:
        label = m["month"] or month_label(None, lang)
        for unit, f in m["units"].items():
            w.writerow(_trend_row(label, unit_label(unit, lang), f))
        w.writerow(_trend_row(label, every, m))
    for u in rep["units"]:
        w.writerow(_trend_row(whole, unit_label(u["unit"], lang), u))
    w.writerow(_trend_row(whole, every, rep["totals"]))
    return "\ufeff" + buf.getvalue()


def render_csv_changes(rep: dict[str, Any], lang: str) -> str:
    """One row per document that changed since the previous run (``csv-files``)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(FILE_COLUMNS.get(lang, FILE_COLUMNS["vi"]))
    for ch in rep["changes"]:
        for kind in ("fixed", "started_failing", "new", "changed", "removed"):
            for e in ch[kind]:
                v = e.get("verdicts") or {}
                before = e.get("before") or {}
                w.writerow([e["path"], unit_label(e.get("unit"), lang), e.get("month") or "", change_word(kind, lang),
                            verdict_label(e["verdict"], lang) if kind != "removed" else "",
                            verdict_label(v["format"], lang) if v else "", verdict_label(v["signature"], lang) if v else "",
                            verdict_label(before["verdict"], lang) if before else "",
                            ", ".join(e.get("rules_fixed", [])), ", ".join(e.get("rules_new", []))])
    return "\ufeff" + buf.getvalue()


def render(fmt: str, rep: dict[str, Any], lang: str) -> str:
    if fmt == "json":
        return json.dumps(rep, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return render_csv(rep, lang)
    if fmt == "csv-files":
        return render_csv_changes(rep, lang)
    if fmt == "html":
        from .html import render_html

        return render_html(rep, lang)
    return render_text(rep, lang)
