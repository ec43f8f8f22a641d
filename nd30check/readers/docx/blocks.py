"""What the body walk carries: where a block sits, and a paragraph before post-processing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...model import Cell, Paragraph


@dataclass(slots=True)
class Where:
    """Where a block sits: container, table cell, side, table style layer, usable width."""

    container: str = "body"
    cell: Cell | None = None
    column: str | None = "full"
    tstyle: tuple[str, tuple[dict[str, Any], dict[str, Any]]] | None = None  # (key, (rPr, pPr))
    width: float | None = None  # usable width in points (cell width) when known


@dataclass(slots=True)
class RawPara:
    """A paragraph before post-processing (tab splits, spacing context, pages)."""

    para: Paragraph
    ppr: dict[str, Any]
    style_id: str | None
    tab_stops: list[tuple[str, float, str | None]]  # kind, position (pt), leader
    width: float | None
    hard_break_before: bool = False
