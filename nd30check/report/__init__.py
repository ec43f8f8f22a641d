"""Report formats. Each module renders a list of FileResult to a string."""

from __future__ import annotations

from typing import Any


def render_report(fmt: str, results: list[Any], config: Any, pack: Any, extra: dict[str, Any] | None = None) -> str:
    if fmt == "json":
        from .json import render

        return render(results, config.fail_on, extra)
    if fmt == "text":
        from .text import render

        return render(results, config.fail_on, config.lang, pack=pack, hints=getattr(config, "hints", True),
                      profile=config.profile)
    if fmt == "html":
        from .html import render

        return render(results, config, pack, extra)
    if fmt == "sarif":
        from .sarif import render

        return render(results, config, pack)
    if fmt == "junit":
        from .junit import render

        return render(results, config)
    if fmt == "csv":
        from .csv import render

        return render(results, config)
    if fmt == "csv-files":
        from .csv import render_files

        return render_files(results, config)
    raise ValueError(f"unknown format {fmt}")
