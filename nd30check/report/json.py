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
    skipped = getattr(files, "skipped", None)
    if skipped:  # entries the walk left out, with the reason (links out of the folder, loops…)
        doc["skipped"] = [{"path": s.path, "reason": s.reason, "detail": s.detail or None} for s in skipped]
    if extra:
        doc.update(extra)
    return doc


INDENT_UP_TO = 100  # files; beyond that one file per line (json's C encoder; indent=2 is pure Python, 10× slower)


def dumps(doc: dict[str, Any]) -> str:
    """Indented for a person when small; for big batches each entry of "files" on one line
    (still one JSON document, same content, fast enough for a nightly 10,000-file audit)."""
    if len(doc.get("files", ())) <= INDENT_UP_TO:
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    parts = []
    for key, value in doc.items():  # same key order as the indented form
        if key == "files":
            body = ",\n".join(json.dumps(f, ensure_ascii=False) for f in value)
            parts.append(f'"files": [\n{body}\n]')
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{" + ",\n".join(parts) + "}\n"


def render(files: list[FileResult], fail_on: str, extra: dict[str, Any] | None = None) -> str:
    return dumps(build(files, fail_on, extra))
