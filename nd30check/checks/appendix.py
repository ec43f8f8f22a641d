"""Appendix (Phụ lục) checks: heading layout and the "(Kèm theo …)" reference line
(PL I, Phần I, Mục III, khoản 1; Phụ lục III Mẫu 2.1, 2.2).

ND30-PL-REF compares what the appendix says it is attached to with the main document: the
document's own facts for an appendix inside the main file, the bundle's main document
(``ctx.options.bundle``, as the batch hands it over) for a separate appendix file. In
electronic documents the number and date blanks of that line may be left empty on purpose
(Mẫu 2.2, note 3: the agency's signature stamp carries them), so a blank is not a mismatch.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from ..doctypes import abbr_for_name, fold
from ..measure.position import alignment_of
from ..model import Document, Paragraph, Role
from ..structure.elements import appendix_heading_lines
from ..text.dates import parse_date_line
from .base import Ctx, Term, check
from .body import ALIGN_WORDS, doc_type
from .common import (
    all_bold,
    all_italic,
    check_sizes,
    fmt_pt,
    fmt_range,
    is_all_caps,
    lower_letters,
    own_confidence,
    weakest,
)
from .fixes import align_fix, caps_fix, size_fix, sizes_to, toggle_fix
from .readings import STEM_CONF, one_digit_confused

_HEADING = re.compile(r"^\s*Phụ\s+lục\s*(?P<num>[IVXLCDM]+|\d+)?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_PLACEHOLDER = re.compile(r"^[.…\s\d]*[.…][.…\s\d]*$")


# --------------------------------------------------------------------------------------------
# ND30-PL-HEADING
# --------------------------------------------------------------------------------------------


@check("ND30-PL-HEADING", fixable=True)
def pl_heading(ctx: Ctx) -> None:
    """"Phụ lục" + number on its own line, 14, bold, centred; the title in capitals and bold;
    the "(Kèm theo …)" line italic; Roman numbers when there are several appendices."""
    doc = ctx.doc
    heads, titles, refs = appendix_heading_lines(doc)
    if not heads:
        if doc.facts.is_appendix:
            ctx.fail(None, key="missing", excerpt="")
        else:
            ctx.not_applicable(key="the-document-has-no-appendix")
        return
    lo, hi = float(ctx.param("min")), float(ctx.param("max"))
    tol = float(ctx.param("tolerance_pt"))
    several = len(heads) > 1 or len(doc.facts.appendices) > 1
    unknown = False
    for p in heads:
        unknown |= _judge_heading(ctx, p, several, float(ctx.param("heading_pt")), tol)
    for p in titles:
        caps = is_all_caps(p)
        if caps is False:
            ctx.fail(p, key="title_caps", expected=Term("all-capitals"),
                     actual=lower_letters(p) or Term("lower-case-letters"), fix=caps_fix(p))
        b = all_bold(p)
        if b is False:
            ctx.fail(p, key="title_bold", expected=Term("bold"),
                     actual=Term("not-bold"), fix=toggle_fix(p, "bold", True))
        unknown |= b is None
        v = check_sizes(p, lo, hi, tol)
        if v.ok is False:
            ctx.fail(p, key="title_size", expected=fmt_range(lo, hi), actual=v.actual, fix=size_fix(p, lo, hi, tol))
    for p in refs:
        it = all_italic(p)
        if it is False:
            ctx.fail(p, key="ref_italic", expected=Term("italic"),
                     actual=Term("upright"), fix=toggle_fix(p, "italic", True))
        unknown |= it is None
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="size-weight-or-alignment-of-the")


def _judge_heading(ctx: Ctx, p: Paragraph, several: bool, size: float, tol: float) -> bool:
    """The "Phụ lục …" line: alone on its line, Roman-numbered among several, "Phụ lục" in
    sentence case, 14, bold, centred. Returns whether something could not be measured."""
    m = _HEADING.match(p.text)
    if m is None:
        return False
    unknown = False
    num, rest = m.group("num"), m.group("rest").strip(" .:-–")
    placeholder = bool(rest and _PLACEHOLDER.match(rest))  # template "Phụ lục …1...": number left blank
    if rest and not placeholder:
        ctx.fail(p, key="own_line", actual=" ".join(p.text.split())[:50])
    numbered_past_one = bool(num and num.isdigit() and int(num) >= 2)  # "Phụ lục 2": there are several
    if (several or numbered_past_one) and not placeholder and (num is None or not _ROMAN.match(num)):
        ctx.fail(p, key="roman", expected="Phụ lục I, II, III…", actual=f"Phụ lục {num or ''}".strip())
    if ctx.param("sentence_case") and re.match(r"^\s*PHỤ\s+LỤC", p.shown_text):
        ctx.fail(p, key="case", expected="Phụ lục", actual="PHỤ LỤC")
    v = check_sizes(p, size, size, tol)
    if v.ok is False:
        ctx.fail(p, key="size", expected=fmt_pt(size), actual=v.actual, fix=sizes_to(p, size, tol))
    unknown |= v.ok is None
    b = all_bold(p)
    if b is False:
        ctx.fail(p, key="bold", expected=Term("bold"), actual=Term("not-bold"), fix=toggle_fix(p, "bold", True))
    unknown |= b is None
    a = alignment_of(ctx.doc, p)
    if a is None:
        unknown = True
    elif a != "center":
        ctx.fail(p, key="centre", expected=ALIGN_WORDS["center"], actual=ALIGN_WORDS[a], fix=align_fix(p, "center"))
    return unknown



# --------------------------------------------------------------------------------------------
# ND30-PL-REF
# --------------------------------------------------------------------------------------------

_REF = re.compile(
    r"kèm\s+theo\s+(?P<type>.*?)\s+số\s*:?\s*(?P<ns>\S*?)\s*"
    r"(?:,\s*)?ngày\s+(?P<d>\S*)\s+tháng\s+(?P<m>\S*)\s+năm\s+(?P<y>\S*?)(?=[\s)]|$)",
    re.IGNORECASE | re.DOTALL,
)
_TYPE_ONLY = re.compile(r"kèm\s+theo\s+(?P<type>[^()]*?)\s+(?P<what>số|ngày)\b", re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"\bsố\s*:?\s*(?P<ns>[^\s,()]*)", re.IGNORECASE)
_BLANK = re.compile(r"^[\s.…_/\-–]*$")


def parse_ref(text: str) -> dict[str, str] | None:
    """Type, number/symbol and ISO date named by a "(Kèm theo <type> số … ngày … tháng … năm …)"
    line. Blank parts ("…/KH-UBND", "ngày … tháng …") come back as ""; a part the line does
    not have at all is flagged ("no_number", "no_date")."""
    t = unicodedata.normalize("NFC", text)
    m = _REF.search(t)
    if m is None:
        m2 = _TYPE_ONLY.search(t)
        if m2 is None:
            return None
        out = {"type": m2.group("type").strip(), "number_symbol": "", "date": "", "symbol": ""}
        if m2.group("what").lower() == "số":
            ns = (_NUMBER_ONLY.search(t, m2.start("what")) or _NUMBER_ONLY.search(t)).group("ns").strip(" ,;.")
            out["number_symbol"] = "" if _blank_number(ns) else ns
            out["symbol"] = _symbol(ns) if not _BLANK.match(_symbol(ns)) else ""
        else:
            out["no_number"] = "1"
        if not re.search(r"\bngày\b", t, re.IGNORECASE):
            out["no_date"] = "1"
        return out
    ns = m.group("ns").strip(" ,;")
    out = {"type": m.group("type").strip(), "number_symbol": "" if _blank_number(ns) else ns, "date": "",
           "symbol": _symbol(ns) if not _BLANK.match(_symbol(ns)) else ""}
    d, mo, y = (re.sub(r"[^\d]", "", m.group(k)) for k in ("d", "m", "y"))
    if d and mo and y:
        try:
            out["date"] = date(int(y), int(mo), int(d)).isoformat()
        except ValueError:
            out["date"] = f"{y}-{mo}-{d}"
    return out


def _blank_number(ns: str) -> bool:
    """"…/KH-UBND" or "…" (number left for the stamp) → True."""
    num = ns.split("/", 1)[0]
    return _BLANK.match(num) is not None


def _norm_ns(ns: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", ns)).upper()


#: what OCR writes for the "/" of a number/symbol — Tesseract's fraction and division slashes
#: ("05⁄KH-UBND", its "⁄" at 0.97): the same stroke of ink, so on a scan the same number
_SLASH_LIKE = str.maketrans({"\u2044": "/", "\u2215": "/", "\uff0f": "/"})


def _same_ns(ref_ns: str, main_ns: str, scanned: bool) -> bool:
    """Do two number/symbols match? Read from a scan, a slash-like mark is the slash."""
    a, b = _norm_ns(ref_ns), _norm_ns(main_ns)
    return a == b or (scanned and a.translate(_SLASH_LIKE) == b.translate(_SLASH_LIKE))


def _symbol(ns: str) -> str:
    return _norm_ns(ns).split("/", 1)[1] if "/" in ns else ""


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", value, re.IGNORECASE)
    if m:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", value.strip())
    if m:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def _main_facts(doc: Document, bundle: Any) -> dict[str, Any]:
    """The main document's type/number/date as a plain dict, from a bundle dict (Facts.to_json
    plus extras, as the batch builds it), a Facts object, or the document's own facts."""
    if bundle is None:
        f = doc.facts
        return {"type": doc_type(doc), "type_name": f.type_name, "number_symbol": f.number_symbol,
                "date": f.date, "path": None}
    if not isinstance(bundle, dict):
        bundle = {k: getattr(bundle, k, None) for k in ("type", "type_name", "number_symbol", "date")}
    return {
        "type": bundle.get("type_abbr") or bundle.get("type"),
        "type_name": bundle.get("type_name"),
        "number_symbol": bundle.get("number_symbol") or bundle.get("number"),
        "date": bundle.get("date"),
        "path": bundle.get("path"),
        "date_confidence": (bundle.get("confidence") or {}).get("date"),  # the main's date read from a scan
    }


def _refs(doc: Document) -> list[tuple[Paragraph | None, dict[str, str]]]:
    out: list[tuple[Paragraph | None, dict[str, str]]] = []
    for p in doc.with_role(Role.PL_REF):
        if p.is_empty:
            continue
        parsed = parse_ref(p.text)
        if parsed is not None:
            out.append((p, parsed))
        else:
            out.append((p, {"type": "", "number_symbol": "", "date": "", "unparsed": "1"}))
    if not out and doc.facts.appendix_ref:
        out.append((None, {k: str(v or "") for k, v in doc.facts.appendix_ref.items()}))
    return out


def _type_matches(ref_type: str, main: dict[str, Any]) -> bool | None:
    """Does the type named in the reference fit the main document? None when unknown."""
    rt = fold(ref_type)
    if not rt:
        return None
    if rt.startswith("VĂN BẢN"):
        return True  # Mẫu 2.1 writes "Kèm theo Văn bản số …" whatever the type
    if main.get("type_name") and fold(main["type_name"]) == rt:
        return True
    abbr = abbr_for_name(rt) or ("CV" if rt == "CÔNG VĂN" else None)
    if abbr is None or not main.get("type"):
        return None
    return abbr == main["type"]


@check("ND30-PL-REF")
def pl_ref(ctx: Ctx) -> None:
    """The appendix names the main document's type, number/symbol and date, and they match.

    Kept whole: one comparison per part of the reference line (type, number and symbol, date),
    each with its own not-measurable case."""
    doc = ctx.doc
    has_appendix = doc.facts.is_appendix or any(not p.is_empty for p in doc.with_role(Role.PL_HEADING)) \
        or bool(doc.facts.appendices)
    if not has_appendix:
        ctx.not_applicable(key="the-document-has-no-appendix")
        return
    refs = _refs(doc)
    if not refs:
        head = next((p for p in doc.with_role(Role.PL_HEADING) if not p.is_empty), None)
        ctx.fail(head, key="missing")
        return
    if doc.facts.is_appendix:
        if ctx.options.bundle is None:
            ctx.not_evaluated(key="separate-appendix-file-but-its-main")
            return
        main = _main_facts(doc, ctx.options.bundle)
    else:
        main = _main_facts(doc, None)
    unknown = False
    for para, ref in refs:
        if ref.get("unparsed"):
            ctx.fail(para, key="unparsed")
            continue
        # type
        if not ref.get("type"):
            ctx.fail(para, key="no_type")
        else:
            tm = _type_matches(ref["type"], main)
            if tm is False:
                ctx.fail(para, key="type", expected=main.get("type_name") or main.get("type") or "?",
                         actual=ref["type"])
            unknown |= tm is None
        if ref.get("no_number"):
            ctx.fail(para, key="no_number")
        if ref.get("no_date"):
            ctx.fail(para, key="no_date")
        # number and symbol: a blank number (left for the signature stamp) is fine, the symbol must fit
        ref_ns, main_ns = ref.get("number_symbol", ""), main.get("number_symbol") or ""
        if ref_ns and main_ns:
            if not _same_ns(ref_ns, main_ns, para is not None and para.source == "ocr"):
                ctx.fail(para, key="number", expected=main_ns, actual=ref_ns, confidence=weakest(para, ref_ns))
        elif ref_ns and not main_ns:
            unknown = True
        elif not ref_ns and ref.get("symbol") and main_ns and ref["symbol"] != _symbol(main_ns):
            ctx.fail(para, key="number", expected=main_ns, actual="…/" + ref["symbol"])
        # date
        ref_date, main_date = _iso_date(ref.get("date")), _iso_date(main.get("date"))
        if ref_date and main_date and ref_date != main_date:
            ctx.fail(para, key="date", expected=_vn_date(main_date), actual=_vn_date(ref_date),
                     confidence=_date_confidence(doc, para, ref, main, ref_date, main_date))
        elif ref_date and not main_date:
            unknown = True
    if unknown and not ctx.failed:
        ctx.not_evaluated(key="main-facts-unknown")


def _date_confidence(doc: Document, para: Paragraph | None, ref: dict[str, str], main: dict[str, Any],
                     ref_iso: str, main_iso: str) -> float | None:
    """Kept whole: the branches are the date parts' cases, read side by side.
    What a date mismatch rests on: the words of the date parts that differ, on both sides (the
    appendix's line and the main document's date line) — not either line's weakest other word,
    nor a part both sides read alike ("năm 2026" at 0.86 on the main's line, equal to the
    appendix's, does not make "ngày 18" against "ngày 08" doubtful). On a scan a date part with
    a letter in it ("năm 202G"), or one digit off the other side's by a pair a scan confuses
    ("06" for "08"), is a misreading, not another date: a note."""
    m = _REF.search(unicodedata.normalize("NFC", para.text)) if para is not None else None
    words = [m.group(k).strip(" ,.;)") for k in ("d", "m", "y")] if m else []
    odd = any(w and not w.isdigit() and not _BLANK.match(w) for w in words) or (m and len(words[2]) != 4)
    scanned = para is not None and para.source == "ocr"
    if odd and scanned:  # "năm 202G"
        return STEM_CONF
    differ = [k for k, a, b in zip("ymd", ref_iso.split("-"), main_iso.split("-")) if a != b]
    main_conf = _main_date_confidence(doc, main, differ)
    if (scanned or main_conf is not None) and any(
            one_digit_confused(a, b) for a, b in zip(ref_iso.split("-"), main_iso.split("-")) if a != b):
        return STEM_CONF
    own = [w for k, w in zip("dmy", words) if k in differ] or words
    conf = own_confidence(para, *own, exact=True)
    if conf is None:
        conf = weakest(para, *(ref.get("date") or "").split("-"))
    found = [c for c in (conf, main_conf) if c is not None]
    return min(found) if found else None


def _main_date_confidence(doc: Document, main: dict[str, Any], parts: list[str] = ()) -> float | None:  # type: ignore[assignment]
    """How sure the main document's date is when read from a scan: its date line's day, month
    and year words (only those of ``parts`` — "d", "m", "y" — when given: the parts compared);
    a separate appendix's main: the confidence its facts carry; None: exact."""
    if main.get("path") is not None or doc.facts.is_appendix:
        c = main.get("date_confidence")
        return float(c) if isinstance(c, (int, float)) else None
    dl = doc.first(Role.DIA_DANH_NGAY)
    if dl is None or dl.source != "ocr":
        return None
    parsed = parse_date_line(dl.text)
    found = list(zip("dmy", (parsed.day, parsed.month, parsed.year))) if parsed is not None else []
    chosen = [x for k, x in found if x and k in parts] or [x for _, x in found if x]
    own = own_confidence(dl, *chosen, exact=True) if chosen else None
    return own if own is not None else dl.reading_confidence


def _vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"
