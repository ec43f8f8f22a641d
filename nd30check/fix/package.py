"""The .docx package being fixed: its parts read through the safe zip reader, written back
with every untouched entry copied byte for byte.

A rewrite keeps, for each entry the fix did not change, its local header, compressed bytes
and data descriptor exactly as they were, in the same order, and the central directory's
records (only their offsets patched) — so a tool comparing the two files sees the changed
parts and nothing else. A changed part is deflated again (or stored, as it was). A package
this cannot copy faithfully (zip64, a damaged directory) is written with the standard
library instead: same part contents, same order, compression redone.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from ..safety import SafeZip
from .xml import Part

_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"
_DESCRIPTOR = b"PK\x07\x08"


class Package:
    """The input's bytes, its XML parts parsed on demand for editing."""

    def __init__(self, data: bytes):
        self.data = data
        self.zip = SafeZip(data)
        self.parts: dict[str, Part] = {}

    def has(self, name: str) -> bool:
        return self.zip.has(name)

    def part(self, name: str) -> Part | None:
        """The part named in a locator, parsed faithfully; None when absent or not editable."""
        real = self.zip.find(name)
        if real is None:
            return None
        got = self.parts.get(real)
        if got is None:
            data = self.zip.read(real)
            if not Part.editable(data):
                return None
            got = self.parts[real] = Part(real, data)
        return got

    def changed(self) -> dict[str, bytes]:
        """New bytes of every part an edit touched (and that really differs)."""
        out = {}
        for name, p in self.parts.items():
            if p.dirty:
                new = p.serialize()
                if new != p.data:
                    out[name] = new
        return out

    def write(self) -> bytes:
        """The package with the changed parts; the input itself when nothing changed."""
        changed = self.changed()
        if not changed:
            return self.data
        try:
            out = _rewrite_raw(self.data, changed)
            _verify(out, changed)
            return out
        except (ValueError, struct.error, zipfile.BadZipFile, IndexError):
            return _rewrite_plain(self.data, changed)


def _verify(data: bytes, changed: dict[str, bytes]) -> None:
    """The written package opens, every entry's CRC holds, the changed parts read back."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if zf.testzip() is not None:
            raise ValueError("crc")
        for name, content in changed.items():
            if zf.read(name) != content:
                raise ValueError(name)


def _rewrite_raw(data: bytes, changed: dict[str, bytes]) -> bytes:
    """Kept whole: one pass over the end record, the central directory and the local records
    it points to, copying or re-encoding each, then the directory with its offsets patched."""
    end = data.rfind(_END)
    if end < 0 or len(data) - end < 22:
        raise ValueError("no end record")
    (_sig, disk, cd_disk, n_disk, n_total, cd_size, cd_off, clen) = struct.unpack("<4sHHHHIIH", data[end:end + 22])
    if disk or cd_disk or n_disk != n_total or 0xFFFF in (n_total,) or 0xFFFFFFFF in (cd_size, cd_off):
        raise ValueError("multi-disk or zip64")
    records: list[tuple[bytes, str, int, int]] = []  # central record, name, local offset, index
    pos = cd_off
    for i in range(n_total):
        if data[pos:pos + 4] != _CENTRAL:
            raise ValueError("central directory")
        n, m, k = struct.unpack("<HHH", data[pos + 28:pos + 34])
        rec = data[pos:pos + 46 + n + m + k]
        flags = struct.unpack("<H", rec[8:10])[0]
        name = rec[46:46 + n].decode("utf-8" if flags & 0x800 else "cp437")
        local = struct.unpack("<I", rec[42:46])[0]
        records.append((rec, name, local, i))
        pos += len(rec)
    first = min((r[2] for r in records), default=cd_off)
    out = bytearray(data[:first])
    new_offsets: dict[int, int] = {}
    patched: dict[int, bytes] = {}
    for rec, name, local, i in sorted(records, key=lambda r: r[2]):
        new_offsets[i] = len(out)
        body, central = _local_record(data, rec, local, changed.get(name))
        out += body
        if central is not None:
            patched[i] = central
    cd_start = len(out)
    for rec, _name, _local, i in records:
        rec = patched.get(i, rec)
        out += rec[:42] + struct.pack("<I", new_offsets[i]) + rec[46:]
    cd_len = len(out) - cd_start
    out += data[end:end + 12] + struct.pack("<II", cd_len, cd_start) + data[end + 20:end + 22 + clen]
    return bytes(out)


def _local_record(data: bytes, rec: bytes, local: int, content: bytes | None) -> tuple[bytes, bytes | None]:
    """(local header + data [+ descriptor] as they were, None) for an untouched entry; (the
    entry re-encoded, its patched central record) for a changed one."""
    if data[local:local + 4] != _LOCAL:
        raise ValueError("local header")
    n, m = struct.unpack("<HH", data[local + 26:local + 30])
    flags, method = struct.unpack("<HH", rec[8:12])
    csize = struct.unpack("<I", rec[20:24])[0]
    start = local + 30 + n + m
    stop = start + csize
    if flags & 0x08:  # data descriptor after the data (optional signature)
        stop += 16 if data[stop:stop + 4] == _DESCRIPTOR else 12
    if content is None:
        return data[local:stop], None
    if method == 0:
        packed = content
    elif method == 8:
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = comp.compress(content) + comp.flush()
    else:
        raise ValueError("compression method")
    crc = zlib.crc32(content) & 0xFFFFFFFF
    sizes = struct.pack("<III", crc, len(packed), len(content))
    new_flags = struct.pack("<H", flags & ~0x08)
    header = data[local:local + 6] + new_flags + data[local + 8:local + 14] + sizes + data[local + 26:start]
    central = rec[:8] + new_flags + rec[10:16] + sizes + rec[28:]
    return header + packed, central


def _rewrite_plain(data: bytes, changed: dict[str, bytes]) -> bytes:
    """Same entries, same order and settings, through the standard library."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            content = changed.get(info.filename)
            dst.writestr(info, content if content is not None else src.read(info))
    return buf.getvalue()
