"""Legacy and other word-processor formats, read through a LibreOffice conversion to .docx.

``read_converted(path, kind)`` copies the file into a private folder, converts it headless
(see :mod:`.soffice`), reads the .docx with the normal DOCX reader and records on the
document that it was converted, with which tool, and which rules the conversion cannot vouch
for (:mod:`.vouch`). Without LibreOffice it raises FILE-UNREADABLE with the install hint.
Text typed in the legacy Vietnamese encodings (TCVN3, VNI) is decoded by :mod:`.fonts`, for
every reader, not only for converted files.
"""

from __future__ import annotations

from .convert import read_converted
from .fonts import decode_legacy_fonts

__all__ = ["read_converted", "decode_legacy_fonts"]
