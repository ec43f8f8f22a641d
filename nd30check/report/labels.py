"""Words the reports show, in Vietnamese and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "error": {"vi": "lỗi", "en": "error"},
    "warning": {"vi": "cảnh báo", "en": "warning"},
    "info": {"vi": "thông tin", "en": "info"},
    "compliant": {"vi": "ĐẠT", "en": "COMPLIANT"},
    "non-compliant": {"vi": "KHÔNG ĐẠT", "en": "NON-COMPLIANT"},
    "incomplete": {"vi": "CHƯA ĐÁNH GIÁ ĐỦ", "en": "INCOMPLETE"},
    "unreadable": {"vi": "KHÔNG ĐỌC ĐƯỢC", "en": "UNREADABLE"},
    "pass": {"vi": "đạt", "en": "pass"},
    "fail": {"vi": "không đạt", "en": "fail"},
    "not-applicable": {"vi": "không áp dụng", "en": "not applicable"},
    "not-evaluated": {"vi": "chưa đánh giá được", "en": "not evaluated"},
    "expected": {"vi": "cần", "en": "expected"},
    "actual": {"vi": "thực tế", "en": "actual"},
    "page": {"vi": "tr.", "en": "p."},
    "paragraph": {"vi": "đoạn", "en": "para."},
    "files": {"vi": "tệp", "en": "files"},
    "signature": {"vi": "Chữ ký số", "en": "Signature"},
    "signer": {"vi": "Người ký", "en": "Signer"},
    "issuer": {"vi": "Tổ chức cấp", "en": "Issuer"},
    "signing_time": {"vi": "Thời gian ký", "en": "Signing time"},
    "timestamp": {"vi": "Dấu thời gian", "en": "Timestamp"},
    "intact": {"vi": "Toàn vẹn", "en": "Intact"},
    "trusted": {"vi": "Tin cậy", "en": "Trusted"},
    "coverage": {"vi": "Phạm vi ký", "en": "Coverage"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "unknown": {"vi": "không rõ", "en": "unknown"},
    "official": {"vi": "người có thẩm quyền", "en": "official"},
    "agency": {"vi": "cơ quan", "en": "agency"},
    "not_evaluated_rules": {"vi": "Chưa đánh giá được", "en": "Not evaluated"},
    "summary": {"vi": "Tổng hợp", "en": "Summary"},
    "no_findings": {"vi": "Không có lỗi.", "en": "No findings."},
    "converted": {"vi": "Đã chuyển từ {source} sang .docx bằng {tool} để kiểm tra",
                  "en": "Converted from {source} to .docx with {tool} to be checked"},
    "not_vouched": {"vi": "không kiểm chứng được qua chuyển đổi", "en": "not vouched for by the conversion"},
    "not-applicable-verdict": {"vi": "KHÔNG XÉT", "en": "NOT APPLICABLE"},
    "format_verdict": {"vi": "thể thức", "en": "format"},
    "signature_verdict": {"vi": "chữ ký số", "en": "signatures"},
    "how_to_fix": {"vi": "Cách sửa", "en": "How to fix"},
    "fixable": {"vi": "có thể sửa tự động", "en": "can be fixed automatically"},
    "fixable_mark": {"vi": "sửa tự động", "en": "auto-fix"},
    "fixable_legend": {"vi": "[sửa tự động]: `nd30check fix TỆP.docx` ghi bản sửa các lỗi này (tệp gốc giữ nguyên); "
                              "các lỗi về tên, số, ký hiệu vẫn do người soạn sửa.",
                       "en": "[auto-fix]: `nd30check fix FILE.docx` writes a copy with these corrected (the input is kept); "
                             "names, numbers and symbols are left to the author."},
    "fixable_hint": {"vi": "{count} lỗi có thể sửa tự động: nd30check fix \"{path}\"",
                     "en": "{count} finding(s) can be fixed automatically: nd30check fix \"{path}\""},
    "clause": {"vi": "Căn cứ", "en": "Clause"},
    "decree": {"vi": "Nghị định 30/2020/NĐ-CP", "en": "Decree 30/2020/NĐ-CP"},
    "skipped": {"vi": "Bỏ qua", "en": "Skipped"},
    "skipped_count": {"vi": "Mục bỏ qua khi duyệt thư mục", "en": "Entries skipped while walking folders"},
    "skip_link-outside": {"vi": "liên kết trỏ ra ngoài thư mục kiểm tra (không theo)",
                          "en": "a link leading out of the checked folder (not followed)"},
    "skip_link-loop": {"vi": "liên kết tượng trưng vòng lặp", "en": "a symbolic-link loop"},
    "skip_unlistable": {"vi": "không đọc được thư mục", "en": "the folder could not be listed"},
    "draft_hint": {"vi": "Mọi tệp không đạt chỉ vì chưa có chữ ký số (SIG-PRESENT). Bản dự thảo? dùng `--profile draft`.",
                   "en": "Every failing file fails only for lack of a digital signature (SIG-PRESENT). Drafts? "
                         "use `--profile draft`."},
}

SOURCE_FORMATS = {"doc": ".doc (Word 97–2003)", "rtf": ".rtf", "odt": ".odt (OpenDocument)",
                  "word-xml": "Word 2003 XML"}


def conversion_line(conv, lang: str) -> str:
    """One line saying the file was converted, and which rules that leaves unjudged."""
    line = t("converted", lang).format(source=SOURCE_FORMATS.get(conv.source, conv.source), tool=conv.tool)
    if conv.unvouched:
        line += f"; {t('not_vouched', lang)}: {', '.join(sorted(conv.unvouched))}"
    return line + "."


def verdict_label(verdict: str, lang: str) -> str:
    """ĐẠT / KHÔNG ĐẠT / CHƯA ĐÁNH GIÁ ĐỦ / KHÔNG XÉT (a verdict group with no rule applying)."""
    return t("not-applicable-verdict" if verdict == "not-applicable" else verdict, lang)


def t(key: str, lang: str) -> str:
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["vi"]
