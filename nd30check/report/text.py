"""Plain-text report for people: grouped per file, Vietnamese first, readable when printed."""

from __future__ import annotations

from ..check import FileResult
from ..model import SignatureInfo
from ..summary import summarize
from .labels import conversion_line, t


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


def vn_time(iso: str | None) -> str:
    """ISO 8601 → '24/01/2025 14:23:49 (UTC+07:00)': day first, as a clerk reads dates, and the
    offset exactly as recorded (never converted: a Vietnam time mislabelled UTC must stay visible)."""
    if not iso:
        return ""
    from datetime import datetime

    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    text = dt.strftime("%d/%m/%Y %H:%M:%S")
    off = dt.strftime("%z")
    return f"{text} (UTC{off[:3]}:{off[3:]})" if off else text


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
        lines.append(f"        {label}: {vn_time(when)}")
    trust = yn(sig.trusted)
    if sig.trust_reason and sig.trusted is not True:
        trust += f" — {sig.trust_reason if lang == 'vi' else (sig.trust_reason_en or sig.trust_reason)}"
    lines.append(f"        {t('intact', lang)}: {yn(sig.intact)} · {t('trusted', lang)}: {trust}")
    if sig.coverage:
        lines.append(f"        {t('coverage', lang)}: {sig.coverage}" + (f" / {sig.modification}" if sig.modification else ""))
    return lines


def render_file(res: FileResult, lang: str, show_passed: bool = False) -> list[str]:
    verdict = "unreadable" if res.error else res.verdict
    head = f"{res.path}"
    facts = res.facts
    ident = " ".join(x for x in (facts.type, facts.number_symbol, facts.date) if x)
    if ident:
        head += f"  [{ident}]"
    out = [f"{head}  — {t(verdict, lang)}"]
    if res.conversion is not None:
        out.append(f"  {conversion_line(res.conversion, lang)}")
    findings = res.findings
    for f in findings:
        loc = _loc(f, lang)
        line = f"  {f.rule:<24} {t(f.severity, lang):<9} {f.message}"
        if loc:
            line += f"  ({loc})"
        out.append(line)
        details = []
        if f.excerpt and f.excerpt not in f.message:
            details.append(f"«{f.excerpt}»")
        ev = evidence(f, lang)
        if ev:
            details.append(ev)
        if details:
            out.append("  " + " " * 25 + " · ".join(details))
    if not findings:
        out.append(f"  {t('no_findings', lang)}")
    unevaluated = [r for r in res.results if r.status == "not-evaluated"]
    if unevaluated and not res.error:
        ids = ", ".join(r.rule for r in unevaluated) if len(unevaluated) <= 8 else \
            f"{len(unevaluated)} {'quy tắc' if lang == 'vi' else 'rules'}"
        reason = next((r.reasons[0] for r in unevaluated if r.reasons), "")
        out.append(f"  {t('not_evaluated_rules', lang)}: {ids}" + (f" ({reason})" if reason else ""))
    if res.signatures and res.signatures.signatures:
        for sig in res.signatures.signatures:
            out.extend(_sig_block(sig, lang))
    return out


def render(files: list[FileResult], fail_on: str, lang: str = "vi") -> str:
    lines: list[str] = []
    for res in files:
        lines.extend(render_file(res, lang))
        lines.append("")
    s = summarize(files, fail_on)
    if lang == "vi":
        lines.append(
            f"{t('summary', lang)}: {s['files']} tệp — {s['compliant']} đạt, {s['non_compliant']} không đạt, "
            f"{s['incomplete']} chưa đánh giá đủ, {s['unreadable']} không đọc được; "
            f"{s['findings']['error']} lỗi, {s['findings']['warning']} cảnh báo."
        )
    else:
        lines.append(
            f"{t('summary', lang)}: {s['files']} files — {s['compliant']} compliant, {s['non_compliant']} non-compliant, "
            f"{s['incomplete']} incomplete, {s['unreadable']} unreadable; "
            f"{s['findings']['error']} errors, {s['findings']['warning']} warnings."
        )
    return "\n".join(lines) + "\n"
