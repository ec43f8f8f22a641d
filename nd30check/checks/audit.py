"""Audit rules (AUDIT-*): figures across a set of issued documents, per issuing unit.

Pipeline rules: ``nd30check audit`` (``audit.py``) groups the checked files by unit and year
and calls these functions; they decide the rule's status and findings, the pack holds the
words. AUDIT-NUMBER-DUP: two documents of one agency share a number in one calendar year
(Đ15: numbers run from 01 on 1 January to 31 December). AUDIT-NUMBER-GAP: numbers missing
from an agency's sequence within the audited set (info: the set may simply be incomplete).
AUDIT-UNSIGNED: per unit, the share of documents without a valid agency signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Mapping, Sequence

from .base import RawFinding, pipeline

# (unit key, year) → number → paths of the documents carrying it
Series = Mapping[tuple[str, str], Mapping[int, Sequence[str]]]


@dataclass(slots=True)
class AuditItem:
    """One audit finding before its words: the finding, the unit it is about, the files."""

    finding: RawFinding
    unit: str
    files: list[str] = field(default_factory=list)


@dataclass(slots=True)
class UnitCount:
    """What AUDIT-UNSIGNED needs of one unit: documents read, those with a valid agency
    signature, and the paths of those without."""

    unit: str  # display name ("" = unknown)
    readable: int
    agency_signed: int
    unsigned_files: list[str] = field(default_factory=list)


@pipeline("AUDIT-NUMBER-DUP")
def number_duplicates(series: Series, names: Mapping[str, str],
                      doubtful: Collection[str] = ()) -> tuple[str, list[AuditItem]]:
    """A number given to more than one document of a unit in one year. ``doubtful``: files
    whose number, date or agency was read from a scan with low confidence — a duplicate that
    involves one is a note asking to compare with the original (a misread digit is no
    duplicate), and alone it leaves the rule not-evaluated."""
    status = "pass" if series else "not-evaluated"
    items: list[AuditItem] = []
    for (unit, year), nums in sorted(series.items()):
        for num, paths in sorted(nums.items()):
            if len(paths) > 1:
                unsure = any(p in doubtful for p in paths)
                if not unsure:
                    status = "fail"
                elif status == "pass":
                    status = "not-evaluated"
                items.append(AuditItem(RawFinding(key="ocr_reading" if unsure else "default", note=unsure,
                                                  actual=f"{num:02d}", fmt={
                    "number": f"{num:02d}", "year": year, "unit": names[unit], "count": len(paths)}),
                    names[unit], sorted(paths)))
    return status, items


@pipeline("AUDIT-NUMBER-GAP")
def number_gaps(series: Series, names: Mapping[str, str], shown_max: int = 30) -> tuple[str, list[AuditItem]]:
    """Numbers missing between a unit's lowest and highest number of a year (first 30 shown)."""
    status = "pass" if series else "not-evaluated"
    items: list[AuditItem] = []
    for (unit, year), nums in sorted(series.items()):
        have = sorted(nums)
        missing = [n for n in range(have[0], have[-1] + 1) if n not in nums]
        if missing:
            status = "fail"
            shown = ", ".join(f"{n:02d}" for n in missing[:shown_max]) + ("…" if len(missing) > shown_max else "")
            items.append(AuditItem(RawFinding(actual=shown, fmt={
                "missing": shown, "year": year, "unit": names[unit], "count": len(missing)}), names[unit]))
    return status, items


@pipeline("AUDIT-UNSIGNED")
def unsigned_share(units: Sequence[UnitCount], any_issued: bool, unknown_unit: object) -> tuple[str, list[AuditItem]]:
    """Per unit, the documents read that carry no valid agency signature, as a share."""
    status = "pass" if any_issued else "not-applicable"
    items: list[AuditItem] = []
    for u in units:
        missing = u.readable - u.agency_signed
        if u.readable > 0 and missing > 0:
            status = "fail"
            share = f"{100.0 * missing / u.readable:.1f}%"
            items.append(AuditItem(RawFinding(actual=share, fmt={
                "share": share, "unit": u.unit or unknown_unit, "count": missing, "total": u.readable}),
                u.unit, sorted(u.unsigned_files)))
    return status, items
