"""From the corrections the checks proposed (model-level :class:`Change`) to edits of the file.

Where an edit goes is read from what the reader recorded, never worked out again here: each
run and paragraph carries its locator and, per property, the locator of the element that set
its value (the run or paragraph itself, a style, the document defaults, a theme font). So:

* when *every* run (or non-empty paragraph) whose value comes from one style, the defaults or
  the theme is to get the same new value, the edit goes there, once (the style is fixed, not
  forty paragraphs);
* otherwise each run or paragraph gets the value as its own direct formatting.

Bold, italic and caps always go on the runs: in styles Word *toggles* them (a character style
over a bold paragraph style makes text plain again), so a style edit could flip text the rule
never judged. A change whose run shares its ``w:r`` (or paragraph its ``w:p``) with text that
must not change — a tab-split header line — is left out, and its finding stays.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..checks.base import LINE_PROPS, PARA_PROPS, RUN_PROPS, SECTION_PROPS, Change, excerpt_of
from ..model import LOCATOR_SEP, Document, Paragraph, Run

TOGGLES = frozenset({"bold", "italic", "caps"})
STYLE_LEVEL = ("style=", "docDefaults", "font=")


@dataclass
class Edit:
    """One edit of one element of the package, with what ``--diff`` shows of it."""

    rule: str
    part: str
    address: str
    prop: str
    value: Any
    before: Any = None
    para: Paragraph | None = None  # the (first) paragraph it corrects
    scope: str = "run"  # run | paragraph | style | defaults | theme | section | line
    count: int = 1  # runs / paragraphs it corrects
    geometry: dict[str, Any] = field(default_factory=dict)  # lines: widths and offsets (points)

    @property
    def excerpt(self) -> str:
        return excerpt_of(self.para.text, 60) if self.para is not None else ""


def split(locator: str) -> tuple[str, str]:
    part, _, address = locator.partition(LOCATOR_SEP)
    return part, address


def plan(doc: Document, changes: list[Change]) -> tuple[list[Edit], list[tuple[Change, str]]]:
    """The edits for ``changes`` (in the checks' order), and the changes left out with why."""
    edits: list[Edit] = []
    left: list[tuple[Change, str]] = []
    runs = [c for c in changes if isinstance(c.target, Run) and c.prop in RUN_PROPS]
    paras = [c for c in changes if isinstance(c.target, Paragraph) and c.prop in PARA_PROPS - {"text", "add_line"}]
    edits += _formatting(doc, runs, _run_users(doc), "run", left)
    edits += _formatting(doc, paras, _para_users(doc), "paragraph", left)
    for c in changes:
        if c in runs or c in paras:
            continue
        e = _other(doc, c)
        if isinstance(e, Edit):
            edits.append(e)
        else:
            left.append((c, e))
    return edits, left


def _run_users(doc: Document) -> list[Run]:
    return [r for p in doc.paragraphs for r in p.runs if r.visible and not r.from_signature]


def _para_users(doc: Document) -> list[Paragraph]:
    return [p for p in doc.paragraphs if not p.is_empty]


def _formatting(doc: Document, changes: list[Change], users: list[Any], kind: str,
                left: list[tuple[Change, str]]) -> list[Edit]:
    """Run or paragraph properties: one edit at a style / the defaults / the theme when every
    user of it changes alike, else one per element (deduplicated by locator)."""
    by_origin: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for c in changes:
        by_origin[(c.prop, (c.target.origins or {}).get(c.prop, ""))].append(c)
    users_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for u in users:
        for prop, origin in (u.origins or {}).items():
            users_of[(prop, origin)].add(id(u))
    out: list[Edit] = []
    direct: list[Change] = []
    for (prop, origin), group in by_origin.items():
        values = {_key(c.value) for c in group}
        shared = origin and split(origin)[1].startswith(STYLE_LEVEL) and prop not in TOGGLES
        if shared and len(values) == 1 and users_of[(prop, origin)] <= {id(c.target) for c in group}:
            out.append(_shared_edit(group, origin, len(users_of[(prop, origin)]), kind))
        else:
            direct += group
    out += _direct(doc, direct, kind, left)
    return out


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _shared_edit(group: list[Change], origin: str, users: int, kind: str) -> Edit:
    part, address = split(origin)
    first = group[0]
    scope = "theme" if address.startswith("font=") else "defaults" if address == "docDefaults" else "style"
    return Edit(first.rule or "", part, address, first.prop, first.value, first.before, first.para, scope, users,
                geometry={"unit": kind})


def _direct(doc: Document, changes: list[Change], kind: str, left: list[tuple[Change, str]]) -> list[Edit]:
    """Direct formatting on each run / paragraph element; an element shared with text that
    must not change (its other model pieces would change too) is left out."""
    pieces: dict[str, list[Any]] = defaultdict(list)
    for p in doc.paragraphs:
        for x in (p.runs if kind == "run" else [p]):
            if x.locator:
                pieces[x.locator].append(x)
    seen: dict[tuple[str, str], Edit] = {}
    out: list[Edit] = []
    for c in changes:
        loc = c.target.locator
        if not loc:
            left.append((c, "no-locator"))
            continue
        key = (loc, c.prop)
        if key in seen:
            if _key(seen[key].value) != _key(c.value):
                left.append((c, "conflict"))
            continue
        targeted = {id(x.target) for x in changes if x.prop == c.prop and x.target.locator == loc
                    and _key(x.value) == _key(c.value)}
        others = [x for x in pieces.get(loc, []) if id(x) not in targeted
                  and (kind == "paragraph" and not x.is_empty or kind == "run" and x.visible)
                  and _key(_now(x, c.prop)) != _key(c.value)]
        if others:
            left.append((c, "shared-element"))
            continue
        part, address = split(loc)
        e = Edit(c.rule or "", part, address, c.prop, c.value, c.before, c.para, kind)
        if c.prop in ("space_before", "space_after") and isinstance(c.target, Paragraph) \
                and c.target.extra.get("contextual"):
            e.geometry["contextual"] = True  # Word drops the space between paragraphs of one style
        seen[key] = e
        out.append(e)
    return out


_ATTR = {"align": "alignment", "first_indent": "first_line_indent"}


def _now(x: Any, prop: str) -> Any:
    """The value a model run / paragraph has now, in a Change's terms."""
    if prop == "line_spacing":
        return (x.line_spacing, x.line_rule)
    return getattr(x, _ATTR.get(prop, prop), None)


def _other(doc: Document, c: Change) -> Edit | str:
    """Sections, lines, text and added lines: one edit at the target's own element."""
    t = c.target
    loc = getattr(t, "locator", None)
    if not loc:
        return "no-locator"
    part, address = split(loc)
    if c.prop in SECTION_PROPS:
        return Edit(c.rule or "", part, address, c.prop, c.value, c.before, c.para, "section",
                    geometry={"section": getattr(t, "index", 0) + 1})
    if c.prop in LINE_PROPS:
        geo: dict[str, Any] = {"kind": t.kind, "length": t.length}
        if t.kind == "border":
            holder = next((p for p in doc.paragraphs if p.index == t.paragraph), None)
            if holder is None or not holder.extra.get("width"):
                return "no-geometry"
            geo.update(width=holder.extra["width"], left=holder.left_indent or 0.0, right=holder.right_indent or 0.0)
        return Edit(c.rule or "", part, address, c.prop, c.value, c.before, c.para, "line", geometry=geo)
    if c.prop == "text":
        return Edit(c.rule or "", part, address, c.prop, c.value, c.before, c.para, "paragraph")
    if c.prop == "add_line":
        return _add_line(c, part, address)
    return "unknown-change"


def _add_line(c: Change, part: str, address: str) -> Edit | str:
    """Where a new line goes under its paragraph: centred under the text, just below it."""
    p: Paragraph = c.target
    width = p.extra.get("width")
    length, text_w = c.value
    if not width or not length:
        return "no-geometry"
    left, right = p.left_indent or 0.0, p.right_indent or 0.0
    if p.alignment == "center":
        centre = left + (width - left - right) / 2
    elif p.alignment == "right":
        centre = width - right - text_w / 2
    else:
        centre = left + max(p.first_line_indent or 0.0, 0.0) + text_w / 2
    size = max((r.size or 12.0 for r in p.runs if r.visible), default=12.0)
    lines = 1 + sum(r.text.count("\n") for r in p.runs)
    geo = {"x": centre - length / 2, "y": lines * size * 1.2 + 5.5, "length": length}
    return Edit(c.rule or "", part, address, "add_line", length, None, p, "line", geometry=geo)
