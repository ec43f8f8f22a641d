"""JSON report: the stable, documented contract (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..check import JSON_VERSION, FileResult
from ..summary import summarize


def build(files: list[FileResult], fail_on: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    from ..batch import find_bundles

    mains, _orphans = find_bundles(files)
    entries = []
    for r in files:
        entry = r.to_json()
        if r.path in mains:  # a separate appendix file: the main document it was matched to
            entry["appendix_of"] = mains[r.path].path
        entries.append(entry)
    doc: dict[str, Any] = {
        "version": JSON_VERSION,
        "tool": {"name": "nd30check", "version": __version__},
        "files": entries,
        "summary": summarize(files, fail_on),
    }
    if extra:
        doc.update(extra)
    return doc


def render(files: list[FileResult], fail_on: str, extra: dict[str, Any] | None = None) -> str:
    return json.dumps(build(files, fail_on, extra), ensure_ascii=False, indent=2) + "\n"
