"""The history report as one self-contained HTML page: inline CSS, charts drawn as inline
SVG (no script, no font, no image fetched: it opens offline, prints, and can be mailed)."""

from __future__ import annotations

from html import escape
from typing import Any

from .. import __version__
from ..report.labels import t
from .report import W, change_word, executor_label, month_label, pct, period_label, unit_label, verdict_pair, when

CSS = """
body{font-family:'Times New Roman',Times,serif;font-size:13pt;margin:1.5cm auto;max-width:27cm;color:#111}
h1{font-size:16pt;text-align:center;margin:0 0 .3em}h2{font-size:14pt;margin:1.2em 0 .4em}
.meta{text-align:center;color:#444;font-size:11pt}
table{border-collapse:collapse;width:100%;margin:.4em 0;font-size:11pt}
th,td{border:1px solid #999;padding:2px 5px;vertical-align:top}th{background:#eee}
td.n{text-align:right;white-space:nowrap}.bad{color:#a00}.good{color:#060}.note{color:#444;font-size:10.5pt}
svg{display:block;margin:.3em auto;max-width:100%}svg text{font-family:'Times New Roman',Times,serif}
@media print{body{margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
"""

SERIES = (
    ("without_valid_agency_signature_pct", "#b22222", ("Không có chữ ký số hợp lệ của cơ quan", "Without a valid agency signature")),
    ("format_compliant_pct", "#1f5fa8", ("Đúng thể thức", "Format compliant")),
    ("signature_compliant_pct", "#2e8b57", ("Chữ ký số đạt", "Signatures compliant")),
    ("compliant_pct", "#6a3d9a", ("Đạt cả hai", "Compliant")),
)


def _ordinal(label: str) -> float | None:
    """A position on a time axis for 'YYYY-MM' (months) or 'YYYY-MM-DD' (days)."""
    from datetime import date

    try:
        if len(label) == 7:
            return int(label[:4]) * 12 + int(label[5:7])
        if len(label) == 10:
            return float(date.fromisoformat(label).toordinal())
    except ValueError:
        return None
    return None


def line_chart(points: list[tuple[str, dict[str, Any]]], lang: str, title: str, width: int = 760, height: int = 280) -> str:
    """Shares (0–100 %) over ``points`` (label, figures); one line per series, a gap where a
    value is missing, the value of each point in its tooltip. Months and days are placed in
    proportion to time (a month with no document is a gap in the axis, not a hidden jump)."""
    left, right, top, bottom = 46, 34, 28, 58
    pw, ph = width - left - right, height - top - bottom
    n = len(points)
    ords = [_ordinal(label) for label, _f in points]
    timed = n > 1 and all(o is not None for o in ords) and ords[-1] != ords[0]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>',
           f'<text x="{width / 2:.0f}" y="16" text-anchor="middle" font-size="13">{escape(title)}</text>']
    for tick in (0, 25, 50, 75, 100):
        y = top + ph * (1 - tick / 100)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick}%</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#888"/>'
               f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#888"/>')

    def x_of(i: int) -> float:
        if timed:
            return left + pw * (ords[i] - ords[0]) / (ords[-1] - ords[0])  # type: ignore[operator]
        return left + (pw / 2 if n == 1 else pw * i / (n - 1))

    step = max(1, (n + 11) // 12)
    last_x = -1e9
    for i, (label, _f) in enumerate(points):
        if (i % step == 0 or i == n - 1) and x_of(i) - last_x >= 58:
            last_x = x_of(i)
            out.append(f'<text x="{x_of(i):.1f}" y="{top + ph + 16}" text-anchor="middle" font-size="11">{escape(label)}</text>')
    for key, color, words in SERIES:
        name = W(lang, *words)
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, (label, f) in enumerate(points):
            v = f.get(key)
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            x, y = x_of(i), top + ph * (1 - v / 100)
            segment.append(f"{x:.1f},{y:.1f}")
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"><title>{escape(name)} — {escape(label)}: '
                       f'{v:.1f}% ({f.get("documents", 0)} {W(lang, "văn bản", "documents")})</title></circle>')
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(seg)}"/>')
    lx = left
    ly = height - 18
    for _key, color, words in SERIES:
        name = W(lang, *words)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="14" height="4" fill="{color}"/>'
                   f'<text x="{lx + 18}" y="{ly - 4}" font-size="11">{escape(name)}</text>')
        lx += 28 + int(len(name) * 5.6)
    out.append("</svg>")
    return "".join(out)


def _figure_cells(f: dict[str, Any]) -> str:
    bad = f["without_valid_agency_signature_pct"]
    cls = " bad" if bad else ""
    return (f"<td class='n'>{f['documents']}</td><td class='n'>{f['unreadable']}</td>"
            f"<td class='n{cls}'>{f['without_valid_agency_signature']} ({pct(bad)})</td>"
            f"<td class='n'>{f['format_compliant']} ({pct(f['format_compliant_pct'])})</td>"
            f"<td class='n'>{f['signature_compliant']} ({pct(f['signature_compliant_pct'])})</td>"
            f"<td class='n'>{f['appendices_signed']}/{f['appendices']}</td>"
            f"<td class='n'>{f['compliant']} ({pct(f['compliant_pct'])})</td>")


def _figure_head(first: str, lang: str) -> str:
    cols = (first, W(lang, "Văn bản", "Documents"), W(lang, "Không đọc được", "Unreadable"),
            W(lang, "Không có chữ ký số hợp lệ của cơ quan", "Without a valid agency signature"),
            W(lang, "Đúng thể thức", "Format compliant"), W(lang, "Chữ ký số đạt", "Signatures compliant"),
            W(lang, "Phụ lục được ký", "Appendices signed"), W(lang, "Đạt cả hai", "Compliant"))
    return "<tr>" + "".join(f"<th>{escape(c)}</th>" for c in cols) + "</tr>"


def _head(w: Any, rep: dict[str, Any], lang: str) -> None:
    """Title, period, the runs the report reads."""
    vi = lang != "en"
    title = W(lang, "Báo cáo kiểm tra văn bản đã ban hành", "Audit of issued documents")
    w(f"<!DOCTYPE html><html lang='{'vi' if vi else 'en'}'><head><meta charset='utf-8'><title>{escape(title)}</title>"
      f"<style>{CSS}</style></head><body><h1>{escape(title.upper())}</h1>")
    w(f"<div class='meta'>{escape(period_label(rep, lang))} · nd30check {escape(__version__)} · "
      f"{escape(W(lang, 'cơ sở dữ liệu', 'database'))} {escape(rep['database'])}</div>")
    w("<ul class='note'>")
    for r in rep["latest_runs"]:
        w("<li>" + escape(W(lang, f"Lần kiểm tra gần nhất #{r['id']} lúc {when(r['started_at'])}: ",
                            f"Latest run #{r['id']} at {when(r['started_at'])}: ")) + escape(", ".join(r["scope"])) +
          escape(W(lang, f" — {r['files']} tệp, {r['new']} mới, {r['changed']} thay đổi, {r['unchanged']} không đổi",
                   f" — {r['files']} files, {r['new']} new, {r['changed']} changed, {r['unchanged']} unchanged")) +
          (escape(f"; {executor_label(r, lang)}") if r.get("executor") else "") + "</li>")
    w("</ul>")


def _units(w: Any, rep: dict[str, Any], lang: str) -> None:
    """I. Figures per issuing unit, with the most frequent failing rules."""
    w(f"<h2>{escape(W(lang, 'I. Số liệu theo đơn vị ban hành', 'I. Figures per issuing unit'))}</h2><table>")
    w(_figure_head(W(lang, "Đơn vị", "Unit"), lang))
    for u in rep["units"]:
        w(f"<tr><td>{escape(unit_label(u['unit'], lang))}</td>{_figure_cells(u)}</tr>")
    w(f"<tr><th>{escape(W(lang, 'Tổng', 'Total'))}</th>{_figure_cells(rep['totals'])}</tr></table>")
    w("<p class='note'>" + escape(W(lang, "Tỉ lệ tính trên văn bản đọc được; phụ lục tệp riêng được tính cho đơn vị của văn "
                                          "bản chính. Lỗi hay gặp: ", "Shares are of readable documents; separate appendices "
                                          "count under their main document's unit. Top defects: ")))
    w("; ".join(escape(f"{unit_label(u['unit'], lang)}: " + ", ".join(f"{d['rule']} ({d['files']})" for d in u["top_defects"]))
                for u in rep["units"] if u["top_defects"]) + "</p>")


def _months(w: Any, rep: dict[str, Any], lang: str) -> None:
    """II. Trend by month of issue: chart, table, unit × month shares."""
    w(f"<h2>{escape(W(lang, 'II. Xu hướng theo tháng ban hành', 'II. Trend by month of issue'))}</h2>")
    dated = [m for m in rep["months"] if m["month"]]
    if dated:
        w(line_chart([(m["month"], m) for m in dated], lang, W(lang, "Tỉ lệ theo tháng ban hành", "Shares by month of issue")))
    w("<table>" + _figure_head(W(lang, "Tháng", "Month"), lang))
    for m in rep["months"]:
        w(f"<tr><td>{escape(month_label(m['month'], lang))}</td>{_figure_cells(m)}</tr>")
    w("</table>")
    months = [m["month"] for m in rep["months"]]
    if rep["units"] and len(months) > 1:
        w("<p class='note'>" + escape(W(lang, "Tỉ lệ văn bản không có chữ ký số hợp lệ của cơ quan, theo đơn vị và tháng:",
                                        "Share of documents without a valid agency signature, per unit and month:")) + "</p>")
        w("<table><tr><th>" + escape(W(lang, "Đơn vị", "Unit")) + "</th>" +
          "".join(f"<th>{escape(month_label(m, lang))}</th>" for m in months) + "</tr>")
        for u in rep["units"]:
            cells = []
            for m in rep["months"]:
                f = m["units"].get(u["unit"] or "")
                if f is None:
                    f = m["units"].get(u["unit"]) if u["unit"] else None
                v = f["without_valid_agency_signature_pct"] if f else None
                cells.append(f"<td class='n{' bad' if v else ''}'>{pct(v) if f else ''}</td>")
            w(f"<tr><td>{escape(unit_label(u['unit'], lang))}</td>{''.join(cells)}</tr>")
        w("</table>")


def _changes(w: Any, rep: dict[str, Any], lang: str) -> None:
    """III. What changed since each folder's previous run."""
    w(f"<h2>{escape(W(lang, 'III. Thay đổi so với lần kiểm tra trước', 'III. What changed since the last run'))}</h2>")
    for ch in rep["changes"]:
        if ch["previous_run"] is None:
            w("<p>" + escape(W(lang, f"#{ch['current_run']}: lần kiểm tra đầu tiên của thư mục này.",
                               f"#{ch['current_run']}: the first run of these folders.")) + "</p>")
            continue
        c = ch["counts"]
        w(f"<p><b>#{ch['previous_run']} → #{ch['current_run']}</b>: " + escape(" · ".join(
            f"{change_word(k, lang)}: {c[k]}" for k in ("new", "fixed", "started_failing", "changed", "removed", "unchanged")))
          + "</p>")
        listed = [(k, e) for k in ("fixed", "started_failing", "new", "changed", "removed") for e in ch[k]]
        if listed:
            w("<table><tr>" + "".join(f"<th>{escape(x)}</th>" for x in (
                W(lang, "Thay đổi", "Change"), W(lang, "Tệp", "File"), W(lang, "Đơn vị", "Unit"), W(lang, "Kết quả", "Verdict"),
                W(lang, "Chi tiết", "Details"))) + "</tr>")
            for kind, e in listed:
                cls = {"fixed": "good", "started_failing": "bad"}.get(kind, "")
                detail = []
                if e.get("rules_fixed"):
                    detail.append(W(lang, "hết lỗi: ", "fixed: ") + ", ".join(e["rules_fixed"]))
                if e.get("rules_new"):
                    detail.append(W(lang, "lỗi mới: ", "new failures: ") + ", ".join(e["rules_new"]))
                w(f"<tr><td class='{cls}'>{escape(change_word(kind, lang))}</td><td>{escape(e['path'])}</td>"
                  f"<td>{escape(unit_label(e.get('unit'), lang))}</td><td>{escape(verdict_pair(e, lang))}</td>"
                  f"<td>{escape('; '.join(detail))}</td></tr>")
            w("</table>")


def _runs(w: Any, rep: dict[str, Any], lang: str) -> None:
    """IV. Over the runs (chart by day, table); V. the AUDIT-* findings."""
    w(f"<h2>{escape(W(lang, 'IV. Qua các lần kiểm tra', 'IV. Over the audit runs'))}</h2>")
    if len(rep["by_day"]) > 1:
        w(line_chart([(d["day"], d) for d in rep["by_day"]], lang,
                     W(lang, "Tỉ lệ theo ngày kiểm tra", "Shares by day of audit")))
    w("<table><tr>" + "".join(f"<th>{escape(x)}</th>" for x in (
        "#", W(lang, "Thời điểm", "When"), W(lang, "Thư mục", "Folders"), W(lang, "Tệp", "Files"), W(lang, "Mới", "New"),
        W(lang, "Thay đổi", "Changed"), W(lang, "Không đổi", "Unchanged"),
        W(lang, "Không có chữ ký số hợp lệ", "Without a valid agency signature"), W(lang, "Đúng thể thức", "Format compliant"),
        W(lang, "Đạt cả hai", "Compliant"))) + "</tr>")
    for r in rep["history"]:
        f = r["figures"]
        w(f"<tr><td class='n'>{r['id']}</td><td>{escape(when(r['started_at']))}</td><td>{escape(', '.join(r['scope']))}</td>"
          f"<td class='n'>{r['files']}</td><td class='n'>{r['new']}</td><td class='n'>{r['changed']}</td>"
          f"<td class='n'>{r['unchanged']}</td><td class='n'>{pct(f['without_valid_agency_signature_pct'])}</td>"
          f"<td class='n'>{pct(f['format_compliant_pct'])}</td><td class='n'>{pct(f['compliant_pct'])}</td></tr>")
    w("</table>")
    if rep["audit_findings"]:
        w(f"<h2>{escape(W(lang, 'V. Số văn bản và chữ ký số của cả lô', 'V. Numbers and signatures across the batch'))}</h2><table>")
        w("<tr>" + "".join(f"<th>{escape(x)}</th>" for x in (W(lang, "Quy tắc", "Rule"), W(lang, "Mức", "Severity"),
                                                              W(lang, "Nội dung", "Message"))) + "</tr>")
        for f in rep["audit_findings"]:
            w(f"<tr><td>{escape(f['rule'])}</td><td>{escape(t(f['severity'], lang))}</td><td>{escape(f['message'])}</td></tr>")
        w("</table>")


def render_html(rep: dict[str, Any], lang: str) -> str:
    h: list[str] = []
    for part in (_head, _units, _months, _changes, _runs):
        part(h.append, rep, lang)
    h.append("</body></html>\n")
    return "".join(h)
