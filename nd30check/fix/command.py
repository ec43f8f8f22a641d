"""The ``nd30check fix`` command: which files, where their copies go, what is printed.

Folders are walked for .docx files (PDFs and other formats in a folder are not drafts to fix;
named explicitly they are refused with the reason), leaving out copies a previous run wrote
(``*.da-sua.docx``) so running twice does not fix the fixes. ``-o`` names the copy of one
input, or a folder for several.
"""

from __future__ import annotations

import os
from typing import Callable

from ..config import Config
from ..rulepack import RulePack
from .report import exit_code, render
from .run import DEFAULT_SUFFIX, Outcome, default_output, fix_file


def inputs(paths: list[str], suffix: str) -> list[str]:
    """The files to fix: named ones as given, .docx files found in named folders."""
    from ..walk import walk

    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            out += [f for f in walk([p], include=["*.docx"])
                    if not os.path.splitext(os.path.basename(f))[0].endswith(suffix)]
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def targets(files: list[str], output: str | None, suffix: str, usage_error: Callable[..., None]) -> dict[str, str]:
    """Input → where its copy goes."""
    if output is None:
        return {f: default_output(f, suffix) for f in files}
    if os.path.isdir(output):
        return {f: os.path.join(output, os.path.basename(default_output(f, suffix))) for f in files}
    if len(files) > 1:
        usage_error(f"-o {output}: nhiều tệp cần sửa thì -o phải là một thư mục có sẵn",
                    f"-o {output}: with several files to fix, -o must be an existing folder")
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        usage_error(f"-o {output}: thư mục {folder} không tồn tại", f"-o {output}: folder {folder} does not exist")
    return {files[0]: output} if files else {}


def run_fix(paths: list[str], config: Config, pack: RulePack, output: str | None, suffix: str | None, diff: bool,
            usage_error: Callable[..., None]) -> tuple[int, str]:
    suffix = suffix if suffix is not None else DEFAULT_SUFFIX
    if not suffix.strip() or "/" in suffix or os.sep in suffix:
        usage_error(f"--suffix {suffix!r}: cần một hậu tố tên tệp như .da-sua", f"--suffix {suffix!r}: a file-name suffix "
                    "such as .da-sua is needed")
    files = inputs(paths, suffix)
    where = targets(files, output, suffix, usage_error)
    lang = config.lang
    outcomes: list[Outcome] = []
    lines: list[str] = []
    for f in files:
        o = fix_file(f, config, pack, where.get(f), write=not diff)
        outcomes.append(o)
        lines += render(o, pack, lang, diff, config.fail_on) + [""]
    if len(outcomes) > 1:
        lines.append(_totals(outcomes, lang))
    return exit_code(outcomes, config.fail_on, diff), "\n".join(lines).rstrip("\n") + "\n"


def _totals(outcomes: list[Outcome], lang: str) -> str:
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    edits = sum(len(o.edits) for o in outcomes)
    words: dict[str, tuple[str, str]] = {"fixed": ("đã sửa", "fixed"), "clean": ("không cần sửa", "nothing to fix"),
                                         "unfixed": ("không sửa được", "could not be fixed"),
                                         "refused": ("từ chối", "refused")}
    parts = [f"{counts[s]} {words[s][0 if lang == 'vi' else 1]}" for s in words if s in counts]
    head = f"{len(outcomes)} tệp: " if lang == "vi" else f"{len(outcomes)} files: "
    tail = f" · {edits} thay đổi" if lang == "vi" else f" · {edits} changes"
    return head + ", ".join(parts) + tail

