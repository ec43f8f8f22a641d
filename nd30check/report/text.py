"""Plain-text report for people: grouped per file, Vietnamese first, readable when printed.

Each file: its overall verdict and the two verdicts inspections count apart (thể thức, chữ ký
số); each finding with where it is, the evidence, and — once per rule and file — how to fix
it and the clause of the decree (``--no-hints`` leaves those out); then its signatures in
plain words, times in Vietnam time. The summary counts both verdicts and says when the only
failure of a whole run is a missing signature (a draft checked as issued).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from ..model import SignatureInfo
from ..results import FileResult, RunResult
from .labels import conversion_line, t, verdict_label
from .words import Words

VN = timezone(timedelta(hours=7))
INDENT = " " * 27


def _loc(f, lang: str) -> str:
    parts = []
    if f.page:
        parts.append(f"{t('page', lang)} {f.page}")
    if f.paragraph is not None:
        parts.append(f"{t('paragraph', lang)} {f.paragraph + 1}")
    return ", ".join(parts)


def _worth_showing(f) -> bool:
    """Expected/actual add something only when the message does not already say it."""
    exp = "" if f.expected is None else str(f.expected)
    act = "" if f.actual is None else str(f.actual)
    if not exp and not act or f.rule == "FILE-UNREADABLE":  # its "actual" is a machine code
        return False
    return not (not exp and act in f.message) and not (exp in f.message and act in f.message)


def evidence(f, lang: str) -> str:
    """"cần: X · thực tế: Y", leaving out a side that is empty ("" when nothing to add)."""
    if not _worth_showing(f):
        return ""
    parts = []
    if f.expected not in (None, ""):
        parts.append(f"{t('expected', lang)}: {f.expected}")
    if f.actual not in (None, ""):
        parts.append(f"{t('actual', lang)}: {f.actual}")
    return " · ".join(parts)


def vn_time(iso: str | None, lang: str = "vi") -> str:
    """ISO 8601 → '03/02/2026 09:00:00 (+07:00)': day first, as a clerk reads dates, in Vietnam
    time (CMS signing times are recorded in UTC). A time recorded with another offset is
    converted too, and its recorded form follows. (A Vietnam time mislabelled as UTC is
    SIG-TIME's business: it compares the recorded time with the one the stamp shows.)"""
    if not iso:
        return ""
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if dt.tzinfo is None:
        return dt.strftime("%d/%m/%Y %H:%M:%S")
    text = dt.astimezone(VN).strftime("%d/%m/%Y %H:%M:%S") + " (+07:00)"
    if dt.utcoffset() not in (timedelta(0), timedelta(hours=7)):
        off = dt.strftime("%z")
        text += f" — {'ghi trong chữ ký' if lang == 'vi' else 'recorded as'} {dt.strftime('%H:%M:%S')} UTC{off[:3]}:{off[3:]}"
    return text


COVERAGE = {
    "ENTIRE_FILE": ("toàn bộ tệp", "the whole file"),
    "ENTIRE_REVISION": ("toàn bộ bản đã ký; sau đó có thêm phần khác", "the whole signed revision; more was added after it"),
    "CONTIGUOUS_BLOCK_FROM_START": ("chỉ phần đầu tệp", "only the start of the file"),
    "UNCLEAR": ("không rõ phạm vi", "unclear"),
    "ALL_PARTS": ("toàn bộ các phần của tệp", "every part of the file"),
    "PARTIAL": ("chỉ một phần của tệp", "only part of the file"),
}
MODIFICATION = {
    "NONE": ("không", "none"),
    "FORM_FILLING": ("chỉ thêm chữ ký hoặc điền biểu mẫu", "only signatures added or forms filled"),
    "LTA_UPDATES": ("chỉ thêm dữ liệu kiểm chứng chữ ký", "only validation data added"),
    "OTHER": ("CÓ — nội dung bị thay đổi sau khi ký", "YES — content changed after signing"),
}


def coverage_words(sig: SignatureInfo, lang: str) -> str:
    """'phạm vi ký: toàn bộ tệp · sửa sau khi ký: không' (the verifier's codes in plain words)."""
    vi = lang == "vi"
    parts = []
    if sig.coverage:
        words = COVERAGE.get(sig.coverage, (sig.coverage, sig.coverage))[0 if vi else 1]
        parts.append(f"{t('coverage', lang).lower() if vi else t('coverage', lang)}: {words}")
    if sig.modification:
        words = MODIFICATION.get(sig.modification, (sig.modification, sig.modification))[0 if vi else 1]
        parts.append(f"{'sửa sau khi ký' if vi else 'changed after signing'}: {words}")
    return " · ".join(parts)


def _sig_block(sig: SignatureInfo, lang: str) -> list[str]:
    def yn(v: bool | None) -> str:
        return t("unknown", lang) if v is None else t("yes" if v else "no", lang)

    who = sig.subject.get("CN") or sig.subject_str or "?"
    role = t(sig.role, lang) if sig.role in ("official", "agency") else t("unknown", lang)
    lines = [f"    [{t('signature', lang)} {sig.index + 1}] {who} ({role})"]
    lines.append(f"        {t('issuer', lang)}: {sig.issuer.get('CN') or sig.issuer_str or '?'}")
    when = sig.timestamp or sig.signing_time
    if when:
        label = t("timestamp" if sig.timestamp else "signing_time", lang)
        lines.append(f"        {label}: {vn_time(when, lang)}")
    trust = yn(sig.trusted)
    if sig.trust_reason and sig.trusted is not True:
        trust += f" — {sig.trust_reason if lang == 'vi' else (sig.trust_reason_en or sig.trust_reason)}"
    lines.append(f"        {t('intact', lang)}: {yn(sig.intact)} · {t('trusted', lang)}: {trust}")
    cov = coverage_words(sig, lang)
    if cov:
        lines.append(f"        {cov[:1].upper() + cov[1:]}")
    return lines


def verdict_line(res: FileResult, lang: str) -> str:
    """'KHÔNG ĐẠT (thể thức: ĐẠT · chữ ký số: KHÔNG ĐẠT)'."""
    if res.error:
        return t("unreadable", lang)
    v = res.verdicts
    parts = [f"{t('format_verdict', lang)}: {verdict_label(v['format'], lang)}",
             f"{t('signature_verdict', lang)}: {verdict_label(v['signature'], lang)}"]
    return f"{t(res.verdict, lang)} ({' · '.join(parts)})"


def hint_lines(rule: Any, lang: str) -> list[str]:
    """'Cách sửa: …' and 'Căn cứ: …' of a rule (as ``explain`` gives them)."""
    if rule is None:
        return []
    out = []
    fix = rule.text("fix", lang)
    if fix:
        out.append(f"{t('how_to_fix', lang)}: {fix}")
    if rule.clause and rule.clause not in ("—", "-"):
        out.append(f"{t('clause', lang)}: {rule.clause} ({t('decree', lang)})")
    return out


def render_file(res: FileResult, words: Words, show_passed: bool = False, hints: bool = True) -> list[str]:
    """A file's lines: path, facts and verdicts, each finding (where, evidence, how to fix
    once per rule), what could not be evaluated, the signatures."""
    lang = words.lang
    head = f"{res.path}"
    facts = res.facts
    ident = " ".join(x for x in (facts.type, facts.number_symbol, facts.date) if x)
    if ident:
        head += f"  [{ident}]"
    out = [f"{head}  — {verdict_line(res, lang)}"]
    if res.conversion is not None:
        out.append(f"  {conversion_line(res.conversion, lang)}")
    findings = words.findings(res)
    hinted: set[str] = set()
    for f in findings:
        out.extend(_finding_lines(f, words, hints, hinted))
    if not findings:
        out.append(f"  {t('no_findings', lang)}")
    fixable = sum(1 for f in findings if f.fixable)
    if fixable:  # once per file: the command that writes the corrected copy
        out.append("  → " + t("fixable_hint", lang).format(count=fixable, path=res.path))
    unevaluated = [r for r in res.results if r.status == "not-evaluated"]
    if unevaluated and not res.error:
        ids = ", ".join(r.rule for r in unevaluated) if len(unevaluated) <= 8 else \
            f"{len(unevaluated)} {'quy tắc' if lang == 'vi' else 'rules'}"
        reason = next((words.reasons(r)[0] for r in unevaluated if r.reasons), "")
        out.append(f"  {t('not_evaluated_rules', lang)}: {ids}" + (f" ({reason})" if reason else ""))
    if res.signatures and res.signatures.signatures:
        for sig in res.signatures.signatures:
            out.extend(_sig_block(sig, lang))
    return out


def _finding_lines(f: Any, words: Words, hints: bool, hinted: set[str]) -> list[str]:
    """One finding: rule, severity, message, where; its excerpt and evidence; the fix hint
    the first time its rule fails in the file."""
    lang = words.lang
    loc = _loc(f, lang)
    line = f"  {f.rule:<24} {t(f.severity, lang):<9} {f.message}"
    if loc:
        line += f"  ({loc})"
    out = [line]
    details = []
    if f.excerpt and f.excerpt not in f.message:
        details.append(f"«{f.excerpt}»")
    ev = evidence(f, lang)
    if ev:
        details.append(ev)
    if f.fixable:
        details.append(t("fixable", lang))
    if details:
        out.append(INDENT + " · ".join(details))
    if hints and not f.note and f.severity != "info" and f.rule not in hinted:
        hinted.add(f.rule)
        out.extend(INDENT + h for h in hint_lines(words.pack.get(f.rule), lang))
    return out


def only_unsigned(files: RunResult | list[FileResult], profile: str = "issued") -> bool:
    """Does every file that fails fail only because it is not signed (SIG-PRESENT)? Then the
    run was most likely a set of drafts checked as issued documents."""
    if profile != "issued":
        return False
    failing = [r for r in files if not r.error and r.verdict == "non-compliant"]
    if not failing:
        return False
    for r in failing:
        rules = {f.rule for f in r.findings if f.severity == "error" and not f.note}
        if rules != {"SIG-PRESENT"}:
            return False
    return True


def skipped_lines(files: Any, lang: str) -> list[str]:
    out = []
    for s in getattr(files, "skipped", ()):
        reason = t(f"skip_{s.reason}", lang)
        out.append(f"{t('skipped', lang)}: {s.path} — {reason}" + (f" ({s.detail})" if s.detail else ""))
    return out


def summary_lines(run: RunResult, lang: str) -> list[str]:
    s = run.summary
    fv, sv = s["verdicts"]["format"], s["verdicts"]["signature"]
    if lang == "vi":
        lines = [
            f"{t('summary', lang)}: {s['files']} tệp — {s['compliant']} đạt, {s['non_compliant']} không đạt, "
            f"{s['incomplete']} chưa đánh giá đủ, {s['unreadable']} không đọc được; "
            f"{s['findings']['error']} lỗi, {s['findings']['warning']} cảnh báo.",
            f"  Thể thức: {fv['compliant']} đạt, {fv['non_compliant']} không đạt, {fv['incomplete']} chưa đánh giá đủ"
            f" · Chữ ký số: {sv['compliant']} đạt, {sv['non_compliant']} không đạt, {sv['incomplete']} chưa đánh giá đủ"
            + (f", {sv['not_applicable']} không xét" if sv["not_applicable"] else "") + ".",
        ]
    else:
        lines = [
            f"{t('summary', lang)}: {s['files']} files — {s['compliant']} compliant, {s['non_compliant']} non-compliant, "
            f"{s['incomplete']} incomplete, {s['unreadable']} unreadable; "
            f"{s['findings']['error']} errors, {s['findings']['warning']} warnings.",
            f"  Format: {fv['compliant']} compliant, {fv['non_compliant']} non-compliant, {fv['incomplete']} incomplete"
            f" · Signatures: {sv['compliant']} compliant, {sv['non_compliant']} non-compliant, {sv['incomplete']} incomplete"
            + (f", {sv['not_applicable']} not applicable" if sv["not_applicable"] else "") + ".",
        ]
    if s["skipped"]:
        lines.append(f"  {t('skipped_count', lang)}: {s['skipped']}")
    if only_unsigned(run, run.profile):
        lines.append(t("draft_hint", lang))
    return lines


def render(run: RunResult, words: Words, hints: bool = True) -> str:
    lines: list[str] = []
    for res in run:
        lines.extend(render_file(res, words, hints=hints))
        lines.append("")
    skipped = skipped_lines(run, words.lang)
    if skipped:
        lines.extend(skipped)
        lines.append("")
    lines.extend(summary_lines(run, words.lang))
    return "\n".join(lines) + "\n"
