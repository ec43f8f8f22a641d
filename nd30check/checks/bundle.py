"""Bundle rules (BUNDLE-*): a separate appendix file and its main document travel together.

A pipeline rule: ``batch.py`` groups the files of a run into bundles (by file name, then by
the appendix's "(Kèm theo … số …)" line) and calls :func:`bundle_orphan` for each appendix
whose main document is not in the batch, and :func:`missing_appendices` for each main
document with the appendices its text names and those the batch holds for it.
"""

from __future__ import annotations

from typing import Any, Iterable

from .base import Phrase, RawFinding, Term, pipeline


@pipeline("BUNDLE-ORPHAN")
def bundle_orphan(appendix_ref: dict[str, str] | None, name_hint: str | None) -> RawFinding:
    """The appendix names a main document (by its "(Kèm theo …)" line, else by its file name)
    that the batch does not hold."""
    ref: Any = (appendix_ref or {}).get("number_symbol") or name_hint or Term("no-number-given")
    return RawFinding(actual=ref, fmt={"number": ref})


def _appendices(numbers: Iterable[str]) -> Phrase:
    return Phrase(Term("appendix-numbered", n=n) for n in numbers)


def missing_appendices(named: list[str], present: set[str], unknown: int,
                       number_symbol: str | None) -> tuple[str, RawFinding | None, str | None]:
    """BUNDLE-ORPHAN's other half, on a main document: (status, finding, reason key). The
    appendices its text names ("… Phụ lục II kèm theo": ``named``) must be among those found
    in the file or the batch (``present``); ``unknown`` appendices of the bundle whose number
    could not be read (scans) may be any of the missing ones — never a guess."""
    if not named:
        return "not-applicable", None, "names-no-appendix"
    missing = [n for n in named if n not in present]
    if len(missing) <= unknown:
        return "pass", None, None
    shown = _appendices(missing)
    found = [n for n in named if n in present]
    return "fail", RawFinding(key="missing_appendix", actual=_appendices(found) if found else Term("none"),
                              expected=_appendices(named),
                              fmt={"missing": shown, "actual": shown, "expected": "", "number": number_symbol or ""}), None
