"""OOXML knowledge shared by whoever reads or edits a .docx: the namespaces and their usual
prefixes, and the grammar of a locator's element path (``/w:body/w:tbl[1]/w:tr[2]/w:p[3]``:
prefixed names, 1-based indices among siblings of the same tag, as XPath counts them).

Model layer — no I/O: the docx reader writes locators with it, ``nd30check fix`` resolves them
with the same table, and neither imports the other.
"""

from __future__ import annotations

from functools import lru_cache

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
V_NS = "urn:schemas-microsoft-com:vml"

#: namespace → the prefix a locator uses for it
PREFIXES = {
    W_NS: "w", WP_NS: "wp", A_NS: "a", WPS_NS: "wps", WPG_NS: "wpg", V_NS: "v", MC_NS: "mc", R_NS: "r",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
    "urn:schemas-microsoft-com:office:office": "o",
    "urn:schemas-microsoft-com:office:word": "w10",
    "http://schemas.microsoft.com/office/word/2010/wordml": "w14",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing": "wp14",
}
#: prefix → namespace (resolving a locator's names)
NAMESPACES = {v: k for k, v in PREFIXES.items()}
BODY = f"{{{W_NS}}}body"


@lru_cache(maxsize=512)
def name_of(tag: str) -> str:
    """Clark tag → "w:p" (an unknown namespace stays in Clark notation)."""
    if tag.startswith("{"):
        ns, local = tag[1:].split("}", 1)
        prefix = PREFIXES.get(ns)
        return f"{prefix}:{local}" if prefix else tag
    return tag


def step(tag: str, n: int) -> str:
    """One path step: "/w:p[3]" (w:body, of which there is one, without an index)."""
    if tag == BODY:
        return "/w:body"
    return f"/{name_of(tag)}[{n}]"
