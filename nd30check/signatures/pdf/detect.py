"""Cheap questions about PDF bytes, answered without pyHanko (unsigned files pay nothing)."""

from __future__ import annotations

import re
import zlib

_PDF_WS = b"\x00\t\n\x0c\r "
#: What a signature (filled or forged) leaves in a file: a signature dictionary with its
#: byte range, a signature field, or a document timestamp.
SIG_HINT = re.compile(rb"/FT\s*/Sig\b|/Type\s*/(?:Sig|DocTimeStamp)\b|/ByteRange\b")
_OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
_STREAM = re.compile(rb"stream\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+\d+\s+R)?")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
MAX_INFLATED = 256 * 1024 * 1024  # object streams inflated while looking, in all


def bytes_after_eof(data: bytes) -> bool:
    """Anything but PDF whitespace after the last ``%%EOF`` (or no ``%%EOF`` at all)."""
    idx = data.rfind(b"%%EOF")
    if idx < 0:
        return True
    return bool(data[idx + 5 :].strip(_PDF_WS))


def has_pdf_signatures(data: bytes) -> bool:
    """True when the file may hold a signature (filled or forged).

    Plain bytes are searched first. A file rewritten with compressed object streams (a
    receiving system's "ký đóng dấu đến" re-save, iText 7 full writes) keeps its signature
    dictionaries and fields *inside* those streams, so each object stream is inflated (capped)
    and searched too. A stream we cannot inflate (another filter, damage) answers "maybe":
    the full verifier decides, never a silent "unsigned".
    """
    if SIG_HINT.search(data):
        return True
    budget = MAX_INFLATED
    for m in _OBJSTM.finditer(data):
        head_start = data.rfind(b"obj", 0, m.start())
        head = data[head_start if head_start >= 0 else m.start() : m.end() + 512]
        s = _STREAM.search(data, m.end())
        if s is None:
            return True
        filt = _FILTER.search(head)
        if filt is not None and b"FlateDecode" not in filt.group(1):
            return True
        length = _LENGTH.search(head)
        end = s.end() + int(length.group(1)) if length and not length.group(2) else data.find(b"endstream", s.end())
        if end < 0:
            return True
        raw = data[s.end() : end]
        try:
            inflater = zlib.decompressobj()
            text = inflater.decompress(raw, budget) if filt is not None else raw
        except zlib.error:
            return True
        budget -= len(text)
        if budget <= 0 or inflater.unconsumed_tail:
            return True
        if SIG_HINT.search(text):
            return True
    return False
