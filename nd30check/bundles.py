"""Bundles: a main document and its appendices in separate files, and BUNDLE-ORPHAN.

An appendix file is matched to its main document (1) by its file name — the grammar below:
``45-KH-UBND_PL1.pdf``, ``Phụ lục II - KH45.docx`` — to a main document in the same folder,
else (2) by its "(Kèm theo … số 45/KH-UBND ngày …)" line to the one main document with that
number and symbol. Ambiguous or unknown → orphan (never a guess). The batch then checks each
matched appendix again with its main document's facts (:func:`bundle_info`), so ND30-PL-REF and
the appendix signature rules can compare them, and applies BUNDLE-ORPHAN both ways
(:func:`apply_bundle_rules`): an appendix without its main document, and a main document whose
text names an appendix ("… Phụ lục II kèm theo") that is neither in the file nor in the batch.
Finally :func:`mark_bundles` writes what was decided on the results (``appendix_file``,
``appendix_of``), where the reports and per-unit figures read it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

from .config import Config
from .engine import make_finding
from .results import FileResult, RuleResult
from .rulepack import RulePack
from .text.fold import strip_accents as _ascii_fold  # file names are compared without accents
from .words import Message

# "<main>_PL1", "<main> - Phu luc II", "<main>-phuluc", "<main>.PL-3", "<main> appendix 1"
_PL_SUFFIX = re.compile(
    r"^(?P<base>.*?)[\s_.\-]*(?:pl|phu[\s_\-]*luc|phuluc|appendix)[\s_.\-]*(?P<num>[ivxlc]+|\d+[a-z]?)?$", re.IGNORECASE)
# "PL1_<main>", "Phu luc II - <main>" (a separator is required before the main name)
_PL_PREFIX = re.compile(
    r"^(?:pl|phu[\s_\-]*luc|phuluc)[\s_.\-]*(?:[ivxlc]+|\d+[a-z]?)?[\s_.\-]+(?P<base>.+)$", re.IGNORECASE)


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def appendix_base_name(path: str) -> str | None:
    """The main document's file stem an appendix file is named after, or None when the name
    does not mark an appendix: '45-KH-UBND_PL1.pdf' → '45-kh-ubnd', 'Phụ lục II - KH45.docx'
    → 'kh45'. Only a hint: the "(Kèm theo … số …)" line inside decides when names say nothing."""
    stem = _ascii_fold(_stem(path)).strip()
    for pattern in (_PL_SUFFIX, _PL_PREFIX):
        m = pattern.match(stem)
        if m and m.group("base").strip(" _.-"):
            return m.group("base").strip(" _.-").lower()
    return None


def is_appendix_file(r: FileResult) -> bool:
    """A separate appendix file: its text says so; or its name does and its text does not
    show a main document of its own (a scan, say). Content wins over names: "KH05 … phu luc.docx"
    with its own "Số: 05/KH-UBND" and tên loại is a main document that carries an appendix."""
    if r.facts.is_appendix:
        return True
    if appendix_base_name(r.path) is None:
        return False
    return not (r.facts.number_symbol or r.facts.type_name)


def find_bundles(results: list[FileResult]) -> tuple[dict[str, FileResult], list[FileResult]]:
    """Map appendix path → its main document's result; and the appendices with no main document.

    An appendix file is matched (1) by name to a main document in the same folder
    ('45-KH-UBND_PL1.pdf' → '45-KH-UBND.pdf'), else (2) by its "(Kèm theo … số 45/KH-UBND
    ngày …)" line to the one main document with that number and symbol — same folder first,
    then the date named breaks ties; (3) for a line or Số read from a scan, to the one main
    document in the folder with that number and date whose symbol is one letter apart.
    Ambiguous or unknown → orphan (never a guess).
    Pure function of the results, so reports and audits can call it again.
    """
    by_folder_stem: dict[tuple[str, str], FileResult] = {}
    by_number: dict[str, list[FileResult]] = {}
    appendices: list[FileResult] = []
    for r in results:
        if is_appendix_file(r):
            if not r.error:
                appendices.append(r)
            continue
        # an unreadable main document is still in the batch: its appendix is no orphan (ND30-PL-REF
        # then says it cannot compare), so it is matched by name, never by the number it hides
        folder = os.path.dirname(r.path)
        by_folder_stem.setdefault((folder, _ascii_fold(_stem(r.path)).strip().lower()), r)
        if r.facts.number_symbol and not r.error:
            by_number.setdefault(_norm_number(r.facts.number_symbol), []).append(r)
    mains: dict[str, FileResult] = {}
    orphans: list[FileResult] = []
    for a in appendices:
        main = None
        base = appendix_base_name(a.path)
        if base:
            main = by_folder_stem.get((os.path.dirname(a.path), base))
        ref = a.facts.appendix_ref or {}
        if main is None and ref.get("number_symbol"):
            cands = by_number.get(_norm_number(ref["number_symbol"]), [])
            same_folder = [c for c in cands if os.path.dirname(c.path) == os.path.dirname(a.path)]
            cands = same_folder or cands
            if len(cands) > 1 and ref.get("date"):
                cands = [c for c in cands if c.facts.date == ref["date"]] or cands
            if len(cands) == 1:
                main = cands[0]
        if main is None and ref.get("number_symbol"):
            main = _read_alike(a, ref, by_number)
        if main is not None:
            mains[a.path] = main
        else:
            orphans.append(a)
    return mains, orphans


def _read_alike(a: FileResult, ref: dict[str, str], by_number: dict[str, list[FileResult]]) -> FileResult | None:
    """A scan's misread letter ("05/KH-DBND" for "05/KH-UBND"): when the appendix's line or a
    main document's Số line was read from an image, the one main document in the same folder
    with the same number and date whose symbol differs by one character."""
    want = _norm_number(ref["number_symbol"])
    num, _, sym = want.partition("/")
    folder = os.path.dirname(a.path)
    found = []
    for key, cands in by_number.items():
        n, _, s = key.partition("/")
        if n != num or not _one_apart(s, sym):
            continue
        for c in cands:
            if os.path.dirname(c.path) != folder or not ref.get("date") or c.facts.date != ref["date"]:
                continue
            if "appendix_ref" in a.facts.confidence or "number" in c.facts.confidence:
                found.append(c)
    return found[0] if len(found) == 1 else None


def _one_apart(a: str, b: str) -> bool:
    """Do two symbols differ by exactly one character (changed, added or dropped)?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _norm_number(ns: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", ns)).upper()


def bundle_info(main: FileResult) -> dict[str, Any]:
    """What an appendix's checks may know about its main document (Options.bundle)."""
    f = main.facts
    info = f.to_json()
    info.update({"path": main.path, "type_abbr": f.type_abbr or f.type, "number_symbol": f.number_symbol,
                 "number_only": f.number, "symbol": f.symbol})
    info["signatures"] = [
        {"role": s.role, "subject": s.subject_str, "signing_time": s.signing_time, "timestamp": s.timestamp}
        for s in (main.signatures.signatures if main.signatures else [])
    ]
    return info


def _orphan_result(res: FileResult, pack: RulePack, config: Config, found: bool, main: str | None = None) -> None:
    rule = pack.get("BUNDLE-ORPHAN")
    if rule is None or not config.selected("BUNDLE-ORPHAN"):
        return
    res.results = [r for r in res.results if r.rule != "BUNDLE-ORPHAN"]
    if found:
        res.results.append(RuleResult("BUNDLE-ORPHAN", "pass", reasons=[main or ""]))
        return
    from .checks.bundle import bundle_orphan

    raw = bundle_orphan(res.facts.appendix_ref, appendix_base_name(res.path))
    finding = make_finding(rule, raw, config.severity.get("BUNDLE-ORPHAN", rule.severity))
    res.results.append(RuleResult("BUNDLE-ORPHAN", "fail", [finding]))


def _missing_appendices(res: FileResult, appendices: list[FileResult], pack: RulePack, config: Config,
                        by_ref: dict[str, list[FileResult]] | None = None) -> None:
    """BUNDLE-ORPHAN's second half, on a main document: the appendices its text says come with
    it ("… Phụ lục II kèm theo") must be in the file itself or in the batch — matched to it,
    or naming its number and date in their "(Kèm theo …)" line (``by_ref``). A matched
    appendix whose number cannot be read (a scan) may be any of the missing ones: then
    nothing is reported for it (never a guess)."""
    rule = pack.get("BUNDLE-ORPHAN")
    if rule is None or not config.selected("BUNDLE-ORPHAN") or res.error:
        return
    res.results = [r for r in res.results if r.rule != "BUNDLE-ORPHAN"]
    named = list(res.facts.appendices_named or [])
    present, unknown = _appendices_present(res, appendices, by_ref)
    from .checks.bundle import missing_appendices

    status, raw, reason = missing_appendices(named, present, unknown, res.facts.number_symbol)
    if raw is None:
        res.results.append(RuleResult("BUNDLE-ORPHAN", status, reasons=[Message(reason)] if reason else []))
        return
    finding = make_finding(rule, raw, config.severity.get("BUNDLE-ORPHAN", rule.severity))
    res.results.append(RuleResult("BUNDLE-ORPHAN", status, [finding]))


def _appendices_present(res: FileResult, appendices: list[FileResult],
                        by_ref: dict[str, list[FileResult]] | None) -> tuple[set[str], int]:
    """The appendix numerals present for a main document — in its own file, in the appendices
    matched to it, in those naming its number (and date) — and how many matched ones carry
    no readable numeral."""
    from .structure.appendix_names import numeral

    present = {numeral(h) for h in res.facts.appendices}
    unknown = 0
    if by_ref and res.facts.number_symbol:
        for a in by_ref.get(_norm_number(res.facts.number_symbol), []):
            ref_date = (a.facts.appendix_ref or {}).get("date")
            if a not in appendices and (not ref_date or not res.facts.date or ref_date == res.facts.date):
                present.update(n for n in (numeral(h) for h in a.facts.appendices) if n)
    for a in appendices:
        nums = [numeral(h) for h in a.facts.appendices]
        if any(nums):
            present.update(n for n in nums if n)
        else:
            unknown += 1
    return present, unknown


def apply_bundle_rules(results: list[FileResult], mains: dict[str, FileResult], orphans: list[FileResult],
                       pack: RulePack, config: Config) -> None:
    """BUNDLE-ORPHAN on every file, both halves, from what :func:`find_bundles` found. Needs
    only each result's path, facts and error (a summary of the file will do)."""
    orphan_paths = {o.path for o in orphans}
    by_main: dict[str, list[FileResult]] = {}
    by_ref: dict[str, list[FileResult]] = {}
    for r in results:
        if r.path in mains:
            by_main.setdefault(mains[r.path].path, []).append(r)
        ref = (r.facts.appendix_ref or {}).get("number_symbol")
        if ref and is_appendix_file(r):
            by_ref.setdefault(_norm_number(ref), []).append(r)
    for r in results:
        if r.path in mains:
            _orphan_result(r, pack, config, True, mains[r.path].path)
        elif r.path in orphan_paths:
            _orphan_result(r, pack, config, False)
        elif not is_appendix_file(r):
            _missing_appendices(r, by_main.get(r.path, []), pack, config, by_ref)


def mark_bundles(results: list[FileResult]) -> None:
    """Write on each result what the batch decided: a separate appendix file or not, and the
    main document it belongs to (matched again on the final results, as the reports did)."""
    mains, _orphans = find_bundles(results)
    for r in results:
        r.appendix_file = is_appendix_file(r)
        main = mains.get(r.path)
        r.appendix_of = main.path if main is not None else None
