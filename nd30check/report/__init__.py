"""Report formats. Each renders a :class:`~nd30check.results.RunResult` — read only, never a
file — with its words in the run's language (:class:`~nd30check.report.words.Words`)."""

from __future__ import annotations

from typing import Any

from ..results import RunResult
from .words import Words

FORMATS = ("text", "json", "html", "sarif", "junit", "csv", "csv-files")


def as_run(results: Any, config: Any) -> RunResult:
    """A RunResult as is; a list of file results (one checked file, tests) wrapped in one."""
    if isinstance(results, RunResult):
        return results
    return RunResult(list(results), fail_on=config.fail_on, profile=config.profile)


def render_report(fmt: str, results: RunResult | list[Any], config: Any, pack: Any,
                  extra: dict[str, Any] | None = None) -> str:
    run = as_run(results, config)
    words = Words(pack, config.lang)
    if fmt == "json":
        from .json import render

        return render(run, words, extra)
    if fmt == "text":
        from .text import render

        return render(run, words, hints=getattr(config, "hints", True))
    if fmt == "html":
        from .html import render

        return render(run, words, config, extra)
    if fmt == "sarif":
        from .sarif import render

        return render(run, words)
    if fmt == "junit":
        from .junit import render

        return render(run, words, run.fail_on)
    if fmt == "csv":
        from .csv import render

        return render(run, words)
    if fmt == "csv-files":
        from .csv import render_files

        return render_files(run, words)
    raise ValueError(f"unknown format {fmt}")
