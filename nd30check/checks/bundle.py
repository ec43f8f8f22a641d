"""Bundle rules (BUNDLE-*): a separate appendix file and its main document travel together.

A pipeline rule: ``batch.py`` groups the files of a run into bundles (by file name, then by
the appendix's "(Kèm theo … số …)" line) and calls :func:`bundle_orphan` for each appendix
whose main document is not in the batch.
"""

from __future__ import annotations

from .base import RawFinding, pipeline


@pipeline("BUNDLE-ORPHAN")
def bundle_orphan(appendix_ref: dict[str, str] | None, name_hint: str | None, no_number: dict[str, str]) -> RawFinding:
    """The appendix names a main document (by its "(Kèm theo …)" line, else by its file name)
    that the batch does not hold; ``no_number`` is the pack's word for an appendix naming none."""
    ref: str | dict[str, str] = (appendix_ref or {}).get("number_symbol") or name_hint or no_number
    return RawFinding(actual=ref, fmt={"number": ref})
