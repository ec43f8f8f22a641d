"""Judging each signature against what the updates after it changed (``diff.py``).

The decisions, and why (``rules/signatures.toml`` SIG-COVERAGE says the same to users):

* An update pyHanko's rules (with the departures documented in ``diff.py``) cannot explain
  changed content — page content, fonts, pages, annotations, form values, deleted objects — and
  fails every signature before it, naming the revision and what it touched. Acrobat too calls
  such a signature "modified after signing"; the EU DSS validator reports the same object-level
  difference (its "modification detection").
* A certification signature's DocMDP permission is applied on top: P=1 allows no change but
  validation data (DSS, document timestamps: PAdES-LTA), P=2 allows form filling and signing,
  P=3 also annotations. Field locks (FieldMDP) of a signature forbid changing the locked fields.
* Updates that only rewrite metadata (Info dictionary, XMP), add validation data or re-save the
  file's cross-reference structure change nothing a reader sees: Acrobat and DSS accept them,
  and so does this checker — with a note naming the revision, so nothing is silent.
* The last signature covers the whole file, or only such benign updates follow it.
"""

from __future__ import annotations

from typing import Any, Iterable

from ...model import SignatureInfo, SignatureReport
from ..problems import Kind, Problem, kind_of
from ..report import add_problem
from .diff import LEVELS, Update

#: How an update's touched categories read in a report (vi, en).
TOUCHED_WORDS: dict[str, tuple[str, str]] = {
    "metadata": ("siêu dữ liệu (Info/XMP)", "metadata (Info/XMP)"),
    "validation-data": ("dữ liệu kiểm tra hiệu lực (DSS)", "validation data (DSS)"),
    "signature": ("chữ ký số", "a signature"),
    "structure-tree": ("cây cấu trúc (thẻ)", "the structure tree (tags)"),
    "file-structure": ("cấu trúc tệp", "the file structure"),
    "catalog": ("từ điển gốc của tệp", "the document catalog"),
    "page-annotations": ("danh sách chú thích của trang", "a page's annotation list"),
    "page-content": ("nội dung trang", "page content"),
    "pages": ("danh sách trang", "the page list"),
    "annotations": ("chú thích (annotation)", "annotations"),
    "form": ("trường biểu mẫu", "form fields"),
    "attachments": ("tệp đính kèm", "attachments"),
    "deleted": ("xóa đối tượng", "deleted objects"),
    "other": ("đối tượng khác", "other objects"),
}


def describe(update: Update) -> dict[str, str]:
    """``{"vi", "en"}``: "revision 4 (page 1 /Contents, Info): page content, metadata"."""
    words = [TOUCHED_WORDS.get(t, (t, t)) for t in update.touched] or [TOUCHED_WORDS["other"]]
    objs = ", ".join(update.objects[:6])
    vi = f"lần lưu {update.revision + 1} sửa {', '.join(w[0] for w in words)}" + (f" ({objs})" if objs else "")
    en = f"revision {update.revision + 1} changed {', '.join(w[1] for w in words)}" + (f" ({objs})" if objs else "")
    return {"vi": vi, "en": en}


def _max_level(updates: Iterable[Update]) -> str:
    best = "NONE"
    for u in updates:
        if LEVELS.index(u.level) > LEVELS.index(best):
            best = u.level
    return best


def _docmdp(info: SignatureInfo, later: list[Update]) -> None:
    perm = info.certifying
    if perm is None:
        return
    allowed = {1: ("NONE", "LTA_UPDATES"), 2: ("NONE", "LTA_UPDATES", "FORM_FILLING"),
               3: ("NONE", "LTA_UPDATES", "FORM_FILLING", "ANNOTATIONS")}.get(perm, LEVELS)
    for u in later:
        if u.level not in allowed and not u.content_changed:
            add_problem(info, Problem.DOCMDP_VIOLATED, {"vi": f"P={perm}; {describe(u)['vi']}", "en": f"P={perm}; {describe(u)['en']}"})


def _field_locks(info: SignatureInfo, emb: Any, later: list[Update]) -> None:
    spec = getattr(emb, "fieldmdp", None)
    if spec is None:
        return
    for u in later:
        for name in sorted(u.changed_fields):
            try:
                locked = spec.is_locked(name)
            except Exception:  # noqa: BLE001
                locked = True
            if locked:
                add_problem(info, Problem.FIELD_LOCKED, f"{name} ({u.revision + 1})")


def _fields_after(info: SignatureInfo, emb: Any, reader: Any, final_fields: dict, signed_names: set[str]) -> None:
    """Fields that appeared or changed after the signature (the "sneaky signature" attack)."""
    from .fields import fields_of

    try:
        old = fields_of(reader.get_historical_resolver(emb.signed_revision).root)
    except Exception:  # noqa: BLE001
        old = {}
    for name, (ft, filled, value) in final_fields.items():
        if old.get(name) == (ft, filled, value):
            continue
        if ft == "/Sig":
            if not filled:
                add_problem(info, Problem.EMPTY_FIELD_ADDED, name)
            elif name not in signed_names:
                add_problem(info, Problem.UNVALIDATED_SIGNATURE_FIELD, name)
        else:
            add_problem(info, Problem.FORM_CHANGED, name)


def judge(reader: Any, statuses: list[tuple[SignatureInfo | None, Any, Any]], updates: list[Update],
          final_fields: dict, report: SignatureReport) -> None:
    """Rules 4 and 5 of ``pdf/__init__.py`` for every validated signature, and the notes."""
    signed_names = {emb.field_name for info, emb, st in statuses if (info is None or st is not None)}
    last_rev = max((emb.signed_revision for _i, emb, _s in statuses), default=-1)
    for info, emb, st in statuses:
        if info is None or st is None:
            continue
        later = [u for u in updates if u.revision > emb.signed_revision]
        info.modification = _max_level(later)
        cov = info.coverage
        if cov in ("UNCLEAR", "CONTIGUOUS_BLOCK_FROM_START") or cov is None:
            add_problem(info, Problem.COVERAGE_UNCLEAR, str(cov))
        for u in later:
            if u.content_changed:
                add_problem(info, Problem.UNSIGNED_CHANGES, describe(u))
        _docmdp(info, later)
        _field_locks(info, emb, later)
        _fields_after(info, emb, reader, final_fields, signed_names)
        if emb.signed_revision == last_rev and cov != "ENTIRE_FILE" and info.modification not in ("NONE", "LTA_UPDATES"):
            add_problem(info, Problem.LAST_SIGNATURE_PARTIAL, f"{cov}/{info.modification}")
    for u in updates:
        if not u.content_changed and not u.signed_fields and u.level in ("NONE", "LTA_UPDATES"):
            add_problem(report, Problem.BENIGN_UPDATE, describe(u))
    report.updates = [u.to_json() for u in updates]
    for info, _emb, _st in statuses:
        if info is None:
            continue
        for code in info.problems:
            if kind_of(code) is Kind.COVERAGE and code not in report.problems:
                add_problem(report, code)
