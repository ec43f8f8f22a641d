"""JSON report: the stable, documented contract (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..results import FileResult, RunResult
from .words import Words

JSON_VERSION = 1


def file_entry(res: FileResult, words: Words) -> dict[str, Any]:
    """One file of the contract, its words in ``words``' language."""
    out: dict[str, Any] = {
        "path": res.path,
        "kind": res.kind,
        "document": res.facts.to_json(),
        "verdict": res.verdict,
        "verdicts": res.verdicts,
        "rules": res.statuses,
        "findings": [f.to_json() for f in words.findings(res)],
        "signatures": [s.to_json() for s in res.signatures.signatures] if res.signatures else [],
        "error": words.error(res),
    }
    if res.signatures and (res.signatures.problems or res.signatures.error):
        out["signature_problems"] = list(res.signatures.problems)
    if res.conversion is not None:
        out["converted"] = res.conversion.to_json()
    if res.roles is not None:
        out["roles"] = [{"paragraph": i, "role": r, "excerpt": e} for i, r, e in res.roles]
    if res.appendix_of is not None:  # a separate appendix file: the main document it was matched to
        out["appendix_of"] = res.appendix_of
    return out


def build(run: RunResult, words: Words, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": JSON_VERSION,
        "tool": {"name": "nd30check", "version": __version__},
        "files": [file_entry(r, words) for r in run],
        "summary": run.summary,
    }
    if run.skipped:  # entries the walk left out, with the reason (links out of the folder, loops…)
        doc["skipped"] = [{"path": s.path, "reason": s.reason, "detail": s.detail or None} for s in run.skipped]
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


def render(run: RunResult, words: Words, extra: dict[str, Any] | None = None) -> str:
    return dumps(build(run, words, extra))
