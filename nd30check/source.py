"""One input, read once: :class:`Source` — its bytes, what to call it, where it came from,
what it is.

Every input becomes a Source before anything looks at it: a file on disk through
:func:`nd30check.inputs.read_source` (regular files only, size-capped, one read), an upload of
the web page or a task shipped to a Dask worker through :meth:`Source.from_bytes`. The same
Source is then handed to the document reader (``readers.read_document``, which records the
kind it sniffed from the bytes) and to the signature verifiers, so no component opens the file
again by its path, and the result carries the digest of exactly the bytes that were checked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(eq=False)
class Source:
    name: str  # what reports call it: the path as given, or an upload's file name
    data: bytes = field(repr=False)
    path: str | None = None  # where the bytes came from on disk, when they did
    kind: str | None = None  # sniffed from the bytes ("docx", "pdf", "doc"…), by the reader that sniffs
    _digest: str | None = field(default=None, repr=False)

    @classmethod
    def from_bytes(cls, data: bytes, name: str, kind: str | None = None) -> "Source":
        """Bytes held already (an upload, a task's payload): ``name`` is only what to call them."""
        return cls(name=name, data=bytes(data), kind=kind)

    @property
    def digest(self) -> str:
        """SHA-256 of the bytes (hex), computed once: the cache's and the audit's content key."""
        if self._digest is None:
            self._digest = hashlib.sha256(self.data).hexdigest()
        return self._digest

    @property
    def size(self) -> int:
        return len(self.data)
