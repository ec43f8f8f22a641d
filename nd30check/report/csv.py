"""CSV for spreadsheets: one row per finding (``csv``) or one row per file (``csv-files``).

UTF-8 with a byte-order mark and CRLF line ends, so Excel and LibreOffice open Vietnamese text
correctly with a double click. Headers and verdict words follow ``--lang`` (Vietnamese by
default); the JSON report is the machine contract.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .labels import t, verdict_label
from .words import Words

COLUMNS = {
    "vi": ["Tệp", "Kết quả", "Thể thức", "Chữ ký số", "Quy tắc", "Mức độ", "Nội dung", "Căn cứ", "Thành phần",
           "Trang", "Đoạn", "Trích đoạn", "Cần", "Thực tế"],
    "en": ["File", "Verdict", "Format", "Signatures", "Rule", "Severity", "Message", "Clause", "Role",
           "Page", "Paragraph", "Excerpt", "Expected", "Actual"],
}

FILE_COLUMNS = {
    "vi": ["Tệp", "Định dạng", "Loại văn bản", "Số, ký hiệu", "Ngày", "Cơ quan ban hành", "Cơ quan chủ quản",
           "Người ký", "Phụ lục của", "Kết quả", "Thể thức", "Chữ ký số", "Số chữ ký số", "Chữ ký hợp lệ của cơ quan",
           "Lỗi", "Cảnh báo", "Thông tin", "Quy tắc không đạt", "Quy tắc chưa đánh giá được", "Lỗi đọc tệp"],
    "en": ["File", "Kind", "Document type", "Number", "Date", "Issuing agency", "Parent agency",
           "Signer", "Appendix of", "Verdict", "Format", "Signatures", "Signatures found", "Valid agency signature",
           "Errors", "Warnings", "Info", "Rules failed", "Rules not evaluated", "Read error"],
}


def _writer() -> tuple[io.StringIO, Any]:
    buf = io.StringIO()
    return buf, csv.writer(buf, lineterminator="\r\n")


def _verdicts(r: Any, lang: str) -> list[str]:
    if r.error:
        return [t("unreadable", lang), "", ""]
    v = r.verdicts
    return [verdict_label(r.verdict, lang), verdict_label(v["format"], lang), verdict_label(v["signature"], lang)]


def rows(results: Any, words: Words) -> list[list[Any]]:
    lang = words.lang
    out = []
    for r in results:
        verdicts = _verdicts(r, lang)
        for f in words.findings(r):
            out.append([r.path, *verdicts, f.rule, t(f.severity, lang), f.message, f.clause, f.role or "",
                        f.page or "", "" if f.paragraph is None else f.paragraph + 1, f.excerpt or "",
                        "" if f.expected is None else f.expected, "" if f.actual is None else f.actual])
    return out


def render(results: Any, words: Words, extra_rows: list[list[Any]] | None = None) -> str:
    """One row per finding; ``extra_rows`` (the audit's batch findings) follow."""
    lang = words.lang
    buf, w = _writer()
    w.writerow(COLUMNS.get(lang, COLUMNS["vi"]))
    w.writerows(rows(results, words))
    if extra_rows:
        w.writerows(extra_rows)
    return "\ufeff" + buf.getvalue()


def render_files(results: Any, words: Words) -> str:
    """One row per file: the facts found, both verdicts, signatures and finding counts."""
    lang = words.lang
    buf, w = _writer()
    w.writerow(FILE_COLUMNS.get(lang, FILE_COLUMNS["vi"]))
    for r in results:
        f = r.facts
        counts = {s: sum(1 for x in r.findings if x.severity == s and (s == "info" or not x.note)) for s in ("error", "warning")}
        counts["info"] = sum(1 for x in r.findings if x.severity == "info")
        failed = [rr.rule for rr in r.results if rr.status == "fail"]
        unevaluated = [rr.rule for rr in r.results if rr.status == "not-evaluated"]
        sigs = len(r.signatures.signatures) if r.signatures else 0
        w.writerow([
            r.path, r.kind or "", f.type or "", f.number_symbol or "", f.date or "", f.agency or "",
            f.parent_agency or "", f.signer or "", r.appendix_of or "",
            *_verdicts(r, lang), sigs, t("yes" if r.valid_agency_signature else "no", lang),
            counts["error"], counts["warning"], counts["info"], "; ".join(failed),
            "" if r.error else "; ".join(unevaluated), (words.error(r) or {}).get("message", ""),
        ])
    return "\ufeff" + buf.getvalue()
