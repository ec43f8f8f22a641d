"""What ``nd30check fix`` prints: every change (rule, where, excerpt, before → after) and, per
file, what was written, what could not be fixed and what is left for the author — in the
words of the rule pack (``rules/fix.toml``), Vietnamese first."""

from __future__ import annotations

from typing import Any

from ..checks.base import Term, localise
from ..checks.common import fmt_pt
from ..model import MM
from ..results import SEVERITY_RANK
from ..rulepack import RulePack
from .plan import Edit
from .run import Outcome

REFUSED_CODE = {"unreadable": 2, "signed": 3, "pdf": 3, "not-docx": 3, "output-is-input": 3, "output-signed": 3}


def _num(value: float, digits: int, lang: str) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",") if lang == "vi" else text


def _mm(points: float, lang: str) -> str:
    return f"{_num(points / MM, 1, lang)} mm"


def value_text(prop: str, v: Any, lang: str, terms: dict[str, dict[str, str]]) -> str:
    """A property's value as a clerk reads it ("13", "đều hai lề", "30 mm", "1,27 cm")."""

    def term(key: str, **kw: Any) -> str:
        return str(localise(Term(key, **kw), lang, terms))

    if v is None:
        return term("fix-none")
    if prop == "size":
        return fmt_pt(float(v))
    if prop in ("bold", "italic", "caps"):
        return term("fix-on" if v else "fix-off")
    if prop == "color":
        return term("fix-black") if str(v).lower() in ("auto", "000000") else f"#{str(v).upper()}"
    if prop == "align":
        return term(f"fix-align-{v}") if v in ("justify", "center", "left", "right") else term("fix-align-left")
    if prop == "first_indent":
        return f"{_num(float(v) / MM / 10, 2, lang)} cm"
    if prop in ("space_before", "space_after"):
        return f"{_num(float(v), 1, lang)} pt"
    if prop == "line_spacing":
        value, rule = v
        if value is None:
            return term("fix-none")
        key = {"auto": "fix-lines", "exact": "fix-exact"}.get(rule or "auto", "fix-at-least")
        return term(key, value=_num(float(value), 2, lang))
    if prop == "text":
        return f"«{v}»"
    if prop in ("add_line", "line_length") or prop.startswith("margin_"):
        return _mm(float(v), lang)
    if prop == "page_size":
        return f"{_num(v[0] / MM, 0, lang)} × {_num(v[1] / MM, 0, lang)} mm" if v[0] and v[1] else term("fix-none")
    if prop == "orientation":
        return term("fix-portrait" if v == "portrait" else "fix-landscape")
    if prop == "title_page":
        return term("fix-hidden" if v else "fix-shown")
    return str(v)


def where_text(e: Edit, lang: str, terms: dict[str, dict[str, str]]) -> str:
    para = e.para.index + 1 if e.para is not None else "?"
    key = "fix-where-" + e.scope
    if e.scope == "paragraph" and e.para is not None and e.para.container in ("header", "footer"):
        key = "fix-where-header"
    style = e.address.split("=", 1)[1] if e.address.startswith("style=") else ""
    unit = localise(Term("fix-unit-" + e.geometry.get("unit", "run")), lang, terms)
    return str(localise(Term(key, paragraph=para, count=e.count, style=style, unit=unit,
                             section=e.geometry.get("section", 1)), lang, terms))


def change_line(e: Edit, lang: str, terms: dict[str, dict[str, str]]) -> str:
    """"ND30-BODY-SIZE  đoạn 12 «Căn cứ Luật …»: cỡ chữ 12 → 13"."""
    what = str(localise(Term("fix-" + e.prop), lang, terms))
    where = where_text(e, lang, terms)
    if e.prop == "text":
        old, new = compact(*e.value)
        change = f"{value_text('text', old, lang, terms)} → {value_text('text', new, lang, terms)}"
    elif e.prop in ("bold", "italic", "caps"):
        change = f": {value_text(e.prop, e.before, lang, terms)} → {value_text(e.prop, e.value, lang, terms)}"
    else:
        change = f"{value_text(e.prop, e.before, lang, terms)} → {value_text(e.prop, e.value, lang, terms)}"
    excerpt = f" «{e.excerpt}»" if e.excerpt and e.scope not in ("section",) and e.prop != "text" else ""
    sep = "" if change.startswith(":") else " "
    return f"{e.rule:<22} {where}{excerpt}: {what}{sep}{change}"


def compact(old: str, new: str, context: int = 24) -> tuple[str, str]:
    """The changed stretch of a long line with a little context each side ("…2030;" → "…2030.")."""
    a = 0
    while a < min(len(old), len(new)) and old[a] == new[a]:
        a += 1
    b = 0
    while b < min(len(old), len(new)) - a and old[len(old) - 1 - b] == new[len(new) - 1 - b]:
        b += 1
    start = max(a - context, 0)
    if start > 0 and " " in old[:start]:
        start = old.rfind(" ", 0, start) + 1  # from the start of a word
    head = "…" if start > 0 else ""
    tail_old, tail_new = old[len(old) - b:][:context], new[len(new) - b:][:context]
    more = "…" if b > context else ""
    return head + old[start:len(old) - b] + tail_old + more, head + new[start:len(new) - b] + tail_new + more


def grouped_lines(edits: list[Edit], lang: str, terms: dict[str, dict[str, str]]) -> list[str]:
    """One line per change; the same change made to several runs of one paragraph is one line
    with their number ("(3 đoạn chữ)")."""
    groups: dict[tuple[Any, ...], list[Edit]] = {}
    for e in edits:
        key = (e.rule, id(e.para), e.prop, repr(e.before), repr(e.value), e.scope, e.address if e.scope != "run" else "")
        groups.setdefault(key, []).append(e)
    out = []
    for group in groups.values():
        line = change_line(group[0], lang, terms)
        if len(group) > 1:
            line += f" ({len(group)} {localise(Term('fix-unit-run'), lang, terms)})"
        out.append(line)
    return out


def render(outcome: Outcome, pack: RulePack, lang: str, diff: bool, fail_on: str = "error") -> list[str]:
    """The lines for one file (``--diff``: every change, nothing written)."""
    terms = pack.terms

    def term(key: str, **kw: Any) -> str:
        return str(localise(Term(key, **kw), lang, terms))

    out = [outcome.path]
    if outcome.status == "refused" and not outcome.written:
        detail = outcome.detail[0 if lang == "vi" else 1] if outcome.detail else ""
        out.append("  " + term(f"fix-refused-{outcome.reason}", detail=detail, kind=detail))
        if outcome.reason not in ("output-is-input", "output-signed"):
            return out
    if outcome.edits:
        rules = sorted({e.rule for e in outcome.edits})
        out.append("  " + term("fix-count", count=len(outcome.edits), rules=", ".join(rules)))
        out += ["    " + line for line in grouped_lines(outcome.edits, lang, terms)]
        if outcome.output and outcome.status == "fixed":
            out.append("  " + term("fix-written" if outcome.written else "fix-would-write", output=outcome.output))
    elif outcome.status == "clean":
        remaining = _remaining(outcome, SEVERITY_RANK.get(fail_on, 0) if fail_on != "never" else 0)
        out.append("  " + term("fix-nothing-fixable" if remaining else "fix-clean"))
    elif outcome.status == "unfixed":
        out.append("  " + term("fix-unfixed"))
    for _x, why in outcome.left:
        if str(why).startswith("internal-error"):
            out.append("  " + term("fix-internal-error", detail=str(why).split(":", 1)[1]))
    left = [x for x in outcome.left if isinstance(x[0], Edit) or getattr(x[0], "rule", None)]
    if left:
        rules = sorted({getattr(x[0], "rule", "") or "" for x in left})
        out.append("  " + term("fix-left-out", count=len(left), rules=", ".join(r for r in rules if r)))
    out += _remaining_lines(outcome, pack, lang)
    return out


def _remaining(outcome: Outcome, min_rank: int = 0) -> list[Any]:
    res = outcome.after or outcome.before
    if res is None:
        return []
    return [f for f in res.findings if not f.note and SEVERITY_RANK.get(f.severity, 0) >= min_rank
            and f.rule.startswith(("ND30-", "FILE-"))]


def _remaining_lines(outcome: Outcome, pack: RulePack, lang: str) -> list[str]:
    """What is left for the author, with the rule's advice (once per rule)."""
    from ..report.labels import t
    from ..report.words import Words

    left = _remaining(outcome)
    if not left:
        if outcome.edits:
            return ["  " + str(localise(Term("fix-all-fixed"), lang, pack.terms))]
        return []
    out = ["  " + str(localise(Term("fix-remaining", count=len(left)), lang, pack.terms))]
    advised: set[str] = set()
    words = Words(pack, lang)  # the results hold keys and values: worded here, in the run's language
    for f in sorted((words.finding(f) for f in left), key=lambda s: s.sort_key()):
        out.append(f"    {f.rule:<22} {t(f.severity, lang):<9} {f.message}")
        rule = pack.get(f.rule)
        if rule is not None and f.rule not in advised and rule.text("fix", lang):
            advised.add(f.rule)
            out.append(f"    {'':<22} {t('how_to_fix', lang)}: {rule.text('fix', lang)}")
    return out


def exit_code(outcomes: list[Outcome], fail_on: str, diff: bool) -> int:
    """0 all fine; 1 something is left for a person (or, with --diff, something would change);
    2 a file could not be read; 3 a file was refused (signed, PDF, not a .docx)."""
    code = 0
    rank = SEVERITY_RANK.get(fail_on)
    for o in outcomes:
        if o.status == "refused":
            code = max(code, REFUSED_CODE.get(o.reason or "", 3))
            continue
        if diff and o.edits:
            code = max(code, 1)
        if rank is not None and _remaining(o, rank):
            code = max(code, 1)
    return code
