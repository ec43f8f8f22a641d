"""Attaching problem codes (and their details) to a signature or a report."""

from __future__ import annotations

from typing import Any

from ..model import SignatureInfo, SignatureReport
from .problems import Problem


def add_problem(target: SignatureInfo | SignatureReport, code: str | Problem, detail: Any = "") -> None:
    """Record ``code`` once on ``target``; every non-empty detail is kept (parts, revisions).

    Details are language-neutral strings (part names, object numbers) or ``{"vi", "en"}``
    dicts; the wording of the code itself lives in the rule pack.
    """
    code = str(code.value if isinstance(code, Problem) else code)
    if isinstance(detail, str):
        detail = str.__str__(detail)  # a plain str: pyHanko's string objects carry their whole reader
    if code not in target.problems:
        target.problems.append(code)
    if detail:
        target.problem_details.setdefault(code, [])
        if detail not in target.problem_details[code]:
            target.problem_details[code].append(detail)
        text = detail if isinstance(detail, str) else detail.get("en", "")
        target.problem_messages.append(f"{code}: {text}")
    elif f"{code}" not in target.problem_messages:
        target.problem_messages.append(code)
