"""JSON report: the stable, documented contract (see README, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..check import JSON_VERSION, FileResult
from ..summary import summarize


def build(files: list[FileResult], fail_on: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "version": JSON_VERSION,
        "tool": {"name": "nd30check", "version": __version__},
        "files": [r.to_json() for r in files],
        "summary": summarize(files, fail_on),
    }
    if extra:
        doc.update(extra)
    return doc


def render(files: list[FileResult], fail_on: str, extra: dict[str, Any] | None = None) -> str:
    return json.dumps(build(files, fail_on, extra), ensure_ascii=False, indent=2) + "\n"
