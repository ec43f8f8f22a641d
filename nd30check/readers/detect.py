"""Decide what a file really is from its bytes (never its extension).

Clerks rename files: a ".docx" may be an old Word 97 file, a password-protected document,
an OpenDocument text or a PDF. Each case gets its own code and a Vietnamese message that says
what to do.

Codes raised: ``empty``, ``too-large``, ``not-a-document``, ``legacy-doc``, ``encrypted``,
``odt`` (also .ods/.odp), ``rtf``, ``corrupt-zip``, ``no-document-part``, ``zip-bomb``.
"""

from __future__ import annotations

import os
import struct
from typing import Literal

from ..model import UnreadableError

DEFAULT_MAX_BYTES = 100 * 1024 * 1024

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
WORD_MAIN_TYPES = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _err(code: str, vi: str, en: str) -> UnreadableError:
    return UnreadableError(code, vi, en)


def sniff(path: str, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> Literal["docx", "pdf"]:
    """Return "docx" or "pdf", or raise :class:`UnreadableError` saying why the file can't be read.
    ``data``: the file's bytes when the caller has read them already (then the path is not opened)."""
    if data is not None:
        size, head = len(data), data[:2048]
    else:
        try:
            size = os.path.getsize(path)
            with open(path, "rb") as fh:
                head = fh.read(2048)
        except OSError as exc:
            raise _err("io-error", f"Không mở được tệp: {exc.strerror or exc}.", f"Cannot open file: {exc}") from None
    if size == 0 or (size <= len(head) and not head.strip(b"\x00 \t\r\n")):
        raise _err("empty", "Tệp rỗng (0 byte hoặc không có nội dung).", "The file is empty.")
    if size > max_bytes:
        raise _err(
            "too-large",
            f"Tệp quá lớn ({size / 1048576:.0f} MB, giới hạn {max_bytes / 1048576:.0f} MB).",
            f"File too large ({size} bytes; limit {max_bytes}).",
        )
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(CFB_MAGIC):
        raise _cfb_error(path, data)
    if head.startswith(ZIP_MAGICS):
        import io

        _check_ooxml_zip(path if data is None else io.BytesIO(data))
        return "docx"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        raise _err(
            "rtf",
            "Tệp RTF không được hỗ trợ: hãy mở bằng Word và lưu lại dạng .docx.",
            "RTF is not supported: open it in Word and save as .docx.",
        )
    low = head.lower()
    if b"<html" in low or b"mime-version" in low or b"<?mso-application" in low:
        raise _err(
            "not-a-document",
            "Tệp là trang web/XML của Word (đổi đuôi thành .doc/.docx) chứ không phải .docx thật: "
            "hãy mở bằng Word và lưu lại dạng .docx.",
            "Web page / Word XML renamed as a document: open it in Word and save as .docx.",
        )
    raise _err(
        "not-a-document",
        "Tệp không phải văn bản .docx hay .pdf (nội dung không nhận dạng được).",
        "Not a .docx or .pdf file (unrecognised content).",
    )


def _check_ooxml_zip(path: str) -> None:
    from .safety import SafeZip  # vets entry count and declared sizes first

    with SafeZip(path) as zf:
        names = zf.names()
        mt = zf.find("mimetype")
        if mt is not None:
            mimetype = zf.read(mt)[:200]
            if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                raise _err(
                    "odt",
                    "Tệp OpenDocument (.odt/.ods, LibreOffice/OpenOffice) không được hỗ trợ: hãy mở "
                    "và chọn Lưu thành (Save As) định dạng Word .docx.",
                    "OpenDocument files are not supported: save as .docx.",
                )
        if zf.has("word/document.xml"):
            return
        ct = zf.find("[Content_Types].xml")
        if ct is not None:
            data = zf.read(ct)
            if any(t in data for t in WORD_MAIN_TYPES):
                return
        if any(n.lower().startswith("xl/") for n in names):
            what = "bảng tính Excel (.xlsx)"
        elif any(n.lower().startswith("ppt/") for n in names):
            what = "bản trình chiếu PowerPoint (.pptx)"
        else:
            what = "tệp nén (zip) thông thường"
        raise _err(
            "no-document-part",
            f"Tệp là {what}, không phải văn bản Word .docx.",
            "The zip archive holds no Word document part (word/document.xml).",
        )


# --------------------------------------------------------------------------- OLE CFB

def _cfb_stream_names(data: bytes) -> list[str]:
    """Directory entry names of a Compound File (MS-CFB), read by following the FAT.

    Small and defensive: any inconsistency ends the walk (the caller then falls back to a
    byte search for the names it cares about).
    """
    names: list[str] = []
    if len(data) < 512:
        return names
    major = struct.unpack_from("<H", data, 0x1A)[0]
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12) or major not in (3, 4):
        return names
    ssize = 1 << shift
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    difat = list(struct.unpack_from("<109I", data, 0x4C))

    def sector(n: int) -> bytes:
        off = (n + 1) * ssize
        return data[off : off + ssize]

    fat: list[int] = []
    for s in difat:
        if s >= 0xFFFFFFFA:
            continue
        chunk = sector(s)
        if len(chunk) < ssize:
            break
        fat.extend(struct.unpack(f"<{ssize // 4}I", chunk))
    seen: set[int] = set()
    s = first_dir
    while s < 0xFFFFFFFA and s not in seen and len(seen) < 10_000:
        seen.add(s)
        chunk = sector(s)
        for off in range(0, len(chunk) - 127, 128):
            nlen = struct.unpack_from("<H", chunk, off + 64)[0]
            if 2 <= nlen <= 64:
                names.append(chunk[off : off + nlen - 2].decode("utf-16-le", "replace"))
        s = fat[s] if s < len(fat) else 0xFFFFFFFE
    return names


def _cfb_error(path: str, data: bytes | None = None) -> UnreadableError:
    if data is None:
        with open(path, "rb") as fh:
            data = fh.read(64 * 1024 * 1024)
    else:
        data = data[:64 * 1024 * 1024]
    try:
        names = set(_cfb_stream_names(data))
    except (struct.error, IndexError):
        names = set()
    if not names:  # damaged directory: look for the names themselves
        for candidate in ("EncryptionInfo", "EncryptedPackage", "WordDocument", "Workbook"):
            if candidate.encode("utf-16-le") in data:
                names.add(candidate)
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        return _err(
            "encrypted",
            "Tệp được đặt mật khẩu (mã hóa) nên không kiểm tra được. Hãy mở bằng Word, gỡ mật khẩu "
            "(Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa trống) rồi lưu lại.",
            "Password-protected (encrypted) document: remove the password in Word and save again.",
        )
    if "WordDocument" in names:
        return _err(
            "legacy-doc",
            "Tệp .doc (Word 97–2003) không được hỗ trợ: hãy mở bằng Word và lưu lại dạng .docx.",
            "Legacy .doc (Word 97–2003) is not supported: open it in Word and save as .docx.",
        )
    if "Workbook" in names or "Book" in names:
        return _err("not-a-document", "Tệp là bảng tính Excel cũ (.xls), không phải văn bản.",
                    "Legacy Excel workbook, not a document.")
    return _err(
        "legacy-doc",
        "Tệp Office đời cũ (định dạng OLE) không được hỗ trợ: hãy mở bằng Word và lưu lại dạng .docx.",
        "Legacy OLE Office file: open it in Word and save as .docx.",
    )
