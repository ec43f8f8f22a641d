"""Hand-built documents for structure tests: the layouts readers produce, written out explicitly.

Each line is ``(text, role, options)``: the expected role travels with the paragraph so a test
can compare every paragraph at once and print a confusion list when something differs.
"""

from __future__ import annotations

from typing import Any

from nd30check.model import Cell, Document, Paragraph, Role, Run, Table

R = Role


def para(i: int, text: str, *, bold: bool | None = False, italic: bool | None = False, align: str | None = None,
         col: str | None = None, cell: tuple[int, int, int] | None = None, size: float = 13.0,
         container: str = "body", page: int | None = None, indent: float | None = None, sig: bool = False,
         runs: list[Run] | None = None, **extra: Any) -> Paragraph:
    p = Paragraph(index=i, runs=runs if runs is not None else ([Run(text, font="Times New Roman", size=size, bold=bold,
                                                                   italic=italic, from_signature=sig)] if text else []))
    p.alignment = align  # type: ignore[assignment]
    p.column = col  # type: ignore[assignment]
    p.cell = Cell(*cell) if cell else None
    p.container = container  # type: ignore[assignment]
    p.page = page
    p.first_line_indent = indent
    p.extra.update(extra)
    if cell:
        p.container = "table"
    return p


def make(lines: list[tuple[str, str | None, dict[str, Any]]], tables: list[Table] | None = None,
         kind: str = "docx") -> tuple[Document, list[str | None]]:
    doc = Document(path="hand-built", kind=kind)  # type: ignore[arg-type]
    want: list[str | None] = []
    for i, (text, role, opts) in enumerate(lines):
        doc.paragraphs.append(para(i, text, **opts))
        want.append(role)
    doc.tables = tables or []
    return doc, want


def diff(doc: Document, want: list[str | None]) -> list[str]:
    out = []
    for p, w in zip(doc.paragraphs, want):
        if w is not None and p.role != w:
            out.append(f"#{p.index} {p.text[:50]!r}: want {w}, got {p.role}")
    return out


# --- common pieces --------------------------------------------------------------------------
B = {"bold": True}
C = {"align": "center"}
CB = {"align": "center", "bold": True}
J = {"align": "justify", "indent": 36.0}
I_ = {"italic": True}


def opt(*dicts: dict[str, Any], **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for d in dicts:
        out.update(d)
    out.update(kw)
    return out
