"""Defect variants: a compliant base with exactly one mistake, as a clerk would make it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Defect:
    rule: str
    desc: str
    base: str
    what: str
    spec_fn: Callable | None = None
    model_fn: Callable | None = None
    bytes_fn: Callable | None = None
    expected: dict = field(default_factory=dict)
    unsure: tuple = ()
    severity: str | None = None
    pdf: bool = True
    unreadable: bool = False


DEFECTS: list[Defect] = []
