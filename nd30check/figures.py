"""Figures an inspection asks for, per issuing unit: issued, signed, appendices signed, compliant.

"Đúng thể thức" counts the format verdict and "chữ ký số đạt" the signature verdict, apart:
inspections report wrong format and missing signatures separately, and a unit whose
documents are well formatted but unsigned must not show 0 % well formatted.

"Valid agency signature" means: a signature whose certificate is an organisation's, intact,
trusted at its signing time, with no integrity or coverage failure in the file
(:attr:`FileResult.valid_agency_signature`).

Pure functions of the results model (the batch has already decided which files are separate
appendices and of which main document): ``RunResult.units`` is :func:`per_unit` of its files.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .results import FileResult


def unit_name(facts: Any) -> str:
    """The issuing unit as printed in the header: parent agency / agency ("ỦY BAN NHÂN DÂN /
    XÃ PHƯỢNG TIẾN"); two schools of two districts never merge into one row."""
    parts = [x for x in (getattr(facts, "parent_agency", None), getattr(facts, "agency", None)) if x]
    return " / ".join(" ".join(unicodedata.normalize("NFC", x).split()) for x in parts)


def unit_of(res: FileResult) -> str:
    """Unit from the header text; for a scan (no text) from the agency signature's name."""
    name = unit_name(res.facts)
    if name or not res.signatures:
        return name
    for s in res.signatures.signatures:
        if s.role == "agency":
            cn = s.subject.get("CN") or s.subject.get("O") or ""
            return " ".join(unicodedata.normalize("NFC", cn).upper().split())
    return ""


def unit_key(agency: str | None) -> str:
    """Same unit whether the name came from a two-line header or a certificate."""
    if not agency:
        return ""
    t = unicodedata.normalize("NFC", agency).upper().replace("/", " ")
    return re.sub(r"\s+", " ", t).strip()


def has_valid_agency_signature(res: FileResult) -> bool:
    return res.valid_agency_signature


def is_appendix(res: FileResult) -> bool:
    """A separate appendix file (as the batch decided: :attr:`FileResult.is_appendix`)."""
    return res.is_appendix


@dataclass
class UnitFigures:
    unit: str
    documents: int = 0
    appendices: int = 0
    with_agency_signature: int = 0
    appendices_signed: int = 0
    compliant: int = 0  # overall verdict
    format_compliant: int = 0  # "đúng thể thức": the format verdict, whatever the signatures
    signature_compliant: int = 0  # the signature verdict (SIG-* rules)
    unreadable: int = 0
    defects: Counter = field(default_factory=Counter)

    def pct(self, part: int, whole: int) -> float | None:
        return round(100.0 * part / whole, 1) if whole else None

    @property
    def readable(self) -> int:
        """Documents whose signature and layout could be judged (shares are of these)."""
        return self.documents - self.unreadable

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit or None,
            "documents": self.documents,
            "appendices": self.appendices,
            "unreadable": self.unreadable,
            "with_valid_agency_signature": self.with_agency_signature,
            "agency_signed_pct": self.pct(self.with_agency_signature, self.readable),
            "without_valid_agency_signature": self.readable - self.with_agency_signature,
            "appendices_signed": self.appendices_signed,
            "appendices_signed_pct": self.pct(self.appendices_signed, self.appendices),
            "compliant": self.compliant,
            "compliant_pct": self.pct(self.compliant, self.readable),
            "format_compliant": self.format_compliant,
            "format_compliant_pct": self.pct(self.format_compliant, self.readable),
            "signature_compliant": self.signature_compliant,
            "signature_compliant_pct": self.pct(self.signature_compliant, self.readable),
            "top_defects": [{"rule": r, "files": n} for r, n in self.defects.most_common(5)],
        }


def per_unit(results: list[FileResult], main_of: dict[str, FileResult] | None = None) -> list[UnitFigures]:
    """Units sorted by name; an appendix counts under its main document's unit (``main_of``:
    appendix path → main document's result; by default what the batch matched,
    :attr:`FileResult.appendix_of`)."""
    if main_of is None:
        by_path = {r.path: r for r in results}
        main_of = {r.path: by_path[r.appendix_of] for r in results if r.appendix_of in by_path}
    units: dict[str, UnitFigures] = {}
    for r in results:
        name = unit_of(r)
        if is_appendix(r) and r.path in main_of:
            name = unit_of(main_of[r.path]) or name
        key = unit_key(name)
        u = units.setdefault(key, UnitFigures(unit=name))
        if r.error:
            u.unreadable += 1
            u.documents += 1
            u.defects["FILE-UNREADABLE"] += 1
            continue
        valid = has_valid_agency_signature(r)
        if is_appendix(r):
            u.appendices += 1
            u.appendices_signed += valid
            continue
        u.documents += 1
        u.with_agency_signature += valid
        u.compliant += r.verdict == "compliant"
        verdicts = r.verdicts
        u.format_compliant += verdicts["format"] == "compliant"
        u.signature_compliant += verdicts["signature"] == "compliant"
        for rr in r.results:
            if rr.status == "fail":
                u.defects[rr.rule] += 1
    return sorted(units.values(), key=lambda u: (u.unit == "", u.unit))
