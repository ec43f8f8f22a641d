"""Readers: bytes → :class:`nd30check.model.Document`.

``read_document`` looks at the file's bytes (not its name) and hands it to the DOCX or PDF
reader. Problems become :class:`nd30check.model.UnreadableError`.
"""

from __future__ import annotations

from ..model import Document, UnreadableError
from .detect import DEFAULT_MAX_BYTES, sniff

__all__ = ["read_document", "sniff", "UnreadableError"]


def read_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> Document:
    """Read a .docx or .pdf file into the format-neutral model. ``data``: the file's bytes
    when the caller has read them already (the readers then parse those, not the path)."""
    kind = sniff(path, max_bytes=max_bytes, data=data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path, data=data)
    from .pdf import read_pdf  # written separately; imported lazily (heavy dependencies)

    return read_pdf(path, data=data)
