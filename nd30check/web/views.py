"""The page's answer for one run: the JSON contract, plus what the page shows beside it.

Each file entry is exactly the contract's (``report.json.file_entry``, with ``appendix_of``) and
gains one key, ``web``:

* ``groups`` — the findings grouped by the part of the document they are about (phần đầu,
  nội dung, chữ ký, nơi nhận, phụ lục, and "toàn văn bản" for page, margins and file), each a
  list of indices into ``findings``; findings are numbered in that order (``number``);
* ``marks`` — where each finding is drawn on the page view: a box on a page (PDF, ``bbox`` in
  points), a paragraph (paper view of a .docx) or a whole page;
* ``view`` — the page pictures / paper view that ``check`` made (``pageview.py``);
* ``not_evaluated`` — the rules that could not be measured, with the reason (why a file is
  CHƯA ĐÁNH GIÁ ĐỦ).

The run carries ``rules`` — title, why, how to fix and clause of every rule that has a
finding, the same text ``nd30check explain`` prints — and the downloadable HTML and JSON
reports rendered by ``nd30check.report``. Only results are read here, never files.
"""

from __future__ import annotations

from typing import Any

from ..results import FileResult
from ..report.words import Words
from ..model import Role
from ..report.labels import t, verdict_label

PARTS: tuple[str, ...] = ("document", "header", "body", "signature", "recipients", "appendix")
PART_LABELS = {
    "document": {"vi": "Toàn văn bản (trang, lề, phông chữ, tệp)", "en": "Whole document (page, margins, fonts, file)"},
    "header": {"vi": "Phần đầu", "en": "Header"},
    "body": {"vi": "Nội dung", "en": "Body"},
    "signature": {"vi": "Chữ ký", "en": "Signature"},
    "recipients": {"vi": "Nơi nhận", "en": "Recipients"},
    "appendix": {"vi": "Phụ lục", "en": "Appendices"},
}
_ROLE_PART = {
    **dict.fromkeys((Role.QUOC_HIEU, Role.TIEU_NGU, Role.CQ_CHU_QUAN, Role.CQ_BAN_HANH, Role.SO_KY_HIEU,
                     Role.DIA_DANH_NGAY, Role.TEN_LOAI, Role.TRICH_YEU, Role.VV, Role.KHAN_MAT,
                     Role.KINH_GUI, Role.KINH_GUI_ITEM), "header"),
    **dict.fromkeys((Role.THAM_QUYEN, Role.CAN_CU, Role.BODY, Role.HEADING_PHAN, Role.HEADING_MUC,
                     Role.HEADING_TITLE, Role.HEADING_DIEU, Role.HEADING_ROMAN, Role.HEADING_NUMBERED,
                     Role.TABLE_CELL), "body"),
    **dict.fromkeys((Role.QUYEN_HAN, Role.CHUC_VU, Role.CHU_KY, Role.HO_TEN, Role.STAMP), "signature"),
    **dict.fromkeys((Role.NOI_NHAN, Role.NOI_NHAN_ITEM), "recipients"),
    **dict.fromkeys((Role.PL_HEADING, Role.PL_TITLE, Role.PL_REF), "appendix"),
}
_CATEGORY_PART = {"header": "header", "body": "body", "signblock": "signature", "signature": "signature",
                  "appendix": "appendix"}


def part_of(rule_id: str, category: str | None, role: str | None) -> str:
    """The part of the document a finding is about: its rule when the rule names one
    (signatures, nơi nhận), else the role of its paragraph, else the rule's catalog section."""
    if rule_id.startswith("SIG-"):
        return "signature"
    if rule_id.startswith("ND30-NN-"):
        return "recipients"
    if role in _ROLE_PART:
        return _ROLE_PART[role]
    return _CATEGORY_PART.get(category or "", "document")


def _mark(finding: dict[str, Any], number: int, view: dict[str, Any] | None, shown: set[int]) -> dict[str, Any] | None:
    loc = finding.get("location") or {}
    page, para = loc.get("page"), loc.get("paragraph")
    if finding.get("bbox") and page:
        return {"number": number, "page": page, "bbox": finding["bbox"]}
    if view and view.get("kind") == "paper":
        if para is not None and para in shown:
            return {"number": number, "paragraph": para}
        return {"number": number, "page": page or 1} if para is not None or page else None
    if page:
        return {"number": number, "page": page}
    return None


def file_entry(res: FileResult, entry: dict[str, Any], pack: Any, lang: str) -> dict[str, Any]:
    """The contract entry of one file with its ``web`` part added."""
    findings = entry["findings"]
    groups: dict[str, list[int]] = {p: [] for p in PARTS}
    for i, f in enumerate(findings):
        rule = pack.get(f["rule"])
        groups[part_of(f["rule"], rule.category if rule else None, f.get("role"))].append(i)
    order = [i for p in PARTS for i in groups[p]]
    view = res.views
    shown = {p["i"] for p in view.get("paragraphs", [])} if view and view.get("kind") == "paper" else set()
    numbers = {}
    marks = []
    for n, i in enumerate(order, 1):
        numbers[i] = n
        mark = _mark(findings[i], n, view, shown)
        if mark is not None:
            mark["finding"] = i
            marks.append(mark)
    not_evaluated = []
    words = Words(pack, lang)
    for r in res.results:
        if r.status == "not-evaluated" and not res.error:
            rule = pack.get(r.rule)
            not_evaluated.append({"rule": r.rule, "title": rule.text("title", lang) if rule else r.rule,
                                  "reasons": words.reasons(r)})
    web = {
        "groups": [{"part": p, "label": PART_LABELS[p].get(lang, PART_LABELS[p]["vi"]), "findings": groups[p]}
                   for p in PARTS if groups[p]],
        "numbers": [numbers[i] for i in range(len(findings))],
        "marks": marks,
        "view": view,
        "not_evaluated": not_evaluated,
        "verdict_label": verdict_label("unreadable" if res.error else entry["verdict"], lang),
        "verdict_labels": {g: verdict_label(v, lang) for g, v in entry["verdicts"].items()},
    }
    out = dict(entry)
    out["web"] = web
    return out


def rule_texts(pack: Any, rule_ids: set[str], lang: str) -> dict[str, dict[str, str]]:
    """What ``nd30check explain`` says of each rule: title, why, how to fix, clause."""
    out = {}
    for rid in sorted(rule_ids):
        rule = pack.get(rid)
        if rule is None:
            continue
        out[rid] = {"title": rule.text("title", lang), "why": rule.text("why", lang) if rule.why else "",
                    "fix": rule.text("fix", lang) if rule.fix else "", "clause": rule.clause,
                    "severity": rule.severity, "severity_label": t(rule.severity, lang)}
    return out


def labels(lang: str) -> dict[str, str]:
    keys = ("error", "warning", "info", "expected", "actual", "page", "paragraph", "how_to_fix", "clause",
            "decree", "format_verdict", "signature_verdict", "no_findings", "signature", "signer", "issuer",
            "signing_time", "intact", "trusted", "yes", "no", "unknown", "official", "agency", "summary")
    return {k: t(k, lang) for k in keys}
