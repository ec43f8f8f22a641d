"""Decide what a file really is from its bytes (never its extension).

Clerks rename files: a ".docx" may be an old Word 97 file, a password-protected document,
an OpenDocument text, a web page Word saved with a ".doc" name, or a PDF. ``sniff`` returns
the kind; the formats nd30check reads through a conversion (``CONVERTIBLE``) are handed to
``readers.legacy``; everything else gets its own code and a Vietnamese message that says what
to do.

Kinds: ``docx``, ``pdf``, and convertible ``doc`` (Word 97–2003 and Word 6/95, OLE2
compound file with a WordDocument stream), ``rtf`` (``{\rtf``), ``odt`` (ODF text: zip with
that mimetype, or flat XML ``.fodt``), ``word-xml`` (Word 2003 XML). ``word-html`` (a web
page saved by Word, often named .doc) is recognised but refused by the reader: LibreOffice's
HTML import drops the class styles Word-HTML relies on (see ``readers.legacy``).

Codes raised: ``empty``, ``too-large``, ``not-a-document``, ``encrypted``, ``corrupt-doc``,
``corrupt-zip``, ``no-document-part``, ``zip-bomb``.
"""

from __future__ import annotations

import os
import struct
from typing import Any, Literal

from ..model import UnreadableError

Kind = Literal["docx", "pdf", "doc", "rtf", "odt", "word-xml", "word-html"]
CONVERTIBLE = frozenset({"doc", "rtf", "odt", "word-xml", "word-html"})
"""Kinds read through a conversion to .docx (``readers.legacy``)."""

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


def sniff(path: str, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> Kind:
    """The file's kind, or :class:`UnreadableError` saying why it can't be read at all.
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
        return _cfb_kind(path, data)
    if head.startswith(ZIP_MAGICS):
        import io

        return _zip_kind(path if data is None else io.BytesIO(data))
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if text.startswith(b"{\\rtf"):
        return "rtf"
    low = _as_ascii(head).lower()
    if b"<?mso-application progid=\"word.document\"" in low or b"<w:worddocument" in low:
        return "word-xml"
    if b"<office:document" in low and b"application/vnd.oasis.opendocument.text" in low:
        return "odt"
    if _is_word_html(low):
        return "word-html"
    if b"<html" in low or b"mime-version" in low or b"<?mso-application" in low:
        raise _err(
            "not-a-document",
            "Tệp là trang web/XML (đổi đuôi thành .doc/.docx) chứ không phải văn bản Word: "
            "hãy mở bằng Word và lưu lại dạng .docx.",
            "Web page / XML renamed as a document: open it in Word and save as .docx.",
        )
    raise _err(
        "not-a-document",
        "Tệp không phải văn bản .docx hay .pdf (nội dung không nhận dạng được).",
        "Not a .docx or .pdf file (unrecognised content).",
    )


def _as_ascii(head: bytes) -> bytes:
    """The head of a text file as ASCII bytes, whatever its Unicode encoding (Word saves
    web pages in UTF-8, Windows-1258 or UTF-16)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and (head[0] == 0 or head[1] == 0)):
        for enc in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return head.decode(enc, "ignore").encode("ascii", "ignore")
            except UnicodeError:
                continue
    return head


# What Word writes into a page it saves as "Web Page" (also inside an .mht archive).
_WORD_HTML_MARKS = (b"urn:schemas-microsoft-com:office:word", b"content=word.document",
                    b"content=\"word.document\"", b"microsoft word", b"class=msonormal", b"mso-")


def _is_word_html(low: bytes) -> bool:
    is_page = b"<html" in low or (b"mime-version" in low and b"multipart/related" in low)
    return is_page and any(m in low for m in _WORD_HTML_MARKS)


def _zip_kind(path: Any) -> Kind:
    from ..safety import SafeZip  # vets entry count and declared sizes first

    with SafeZip(path) as zf:
        mt = zf.find("mimetype")
        if mt is not None:
            mimetype = zf.read(mt)[:200].strip()
            if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
                return "odt"  # text, text-template, text-master
            if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                raise _err(
                    "not-a-document",
                    "Tệp OpenDocument là bảng tính hoặc bản trình chiếu (.ods/.odp), không phải văn bản.",
                    "An OpenDocument spreadsheet or presentation (.ods/.odp), not a text document.",
                )
    _check_ooxml_zip(path)
    return "docx"


def _check_ooxml_zip(path: Any) -> None:
    from ..safety import SafeZip  # vets entry count and declared sizes first

    with SafeZip(path) as zf:
        names = zf.names()
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

def _cfb_entries(data: bytes) -> tuple[dict[str, tuple[int, int]], int]:
    """Directory entries of a Compound File (MS-CFB): name → (start sector, size), read by
    following the FAT, and the sector size.

    Small and defensive: any inconsistency ends the walk (the caller then falls back to a
    byte search for the names it cares about).
    """
    out: dict[str, tuple[int, int]] = {}
    if len(data) < 512:
        return out, 512
    major = struct.unpack_from("<H", data, 0x1A)[0]
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12) or major not in (3, 4):
        return out, 512
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
                name = chunk[off : off + nlen - 2].decode("utf-16-le", "replace")
                start, size = struct.unpack_from("<II", chunk, off + 116)
                out.setdefault(name, (start, size))
        s = fat[s] if s < len(fat) else 0xFFFFFFFE
    return out, ssize


def _fib_head(data: bytes, entries: dict[str, tuple[int, int]], ssize: int) -> bytes | None:
    """The first bytes of the WordDocument stream (the FIB), when it lives in regular sectors."""
    start, size = entries.get("WordDocument", (0, 0))
    if size < 4096 or start >= 0xFFFFFFFA:  # small streams live in the mini stream: not worth it
        return None
    off = (start + 1) * ssize
    return data[off : off + 32] if off + 32 <= len(data) else None


def _cfb_kind(path: str, data: bytes | None = None) -> Kind:
    if data is None:
        with open(path, "rb") as fh:
            data = fh.read(64 * 1024 * 1024)
    else:
        data = data[: 64 * 1024 * 1024]
    try:
        entries, ssize = _cfb_entries(data)
    except (struct.error, IndexError):
        entries, ssize = {}, 512
    names = set(entries)
    if not names:  # damaged directory: look for the names themselves
        for candidate in ("EncryptionInfo", "EncryptedPackage", "WordDocument", "Workbook"):
            if candidate.encode("utf-16-le") in data:
                names.add(candidate)
    if {"EncryptionInfo", "EncryptedPackage"} & names:
        raise _encrypted()
    if "WordDocument" in names:
        fib = _fib_head(data, entries, ssize)
        if fib is not None:
            ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 0x0A)[0]
            if ident not in (0xA5EC, 0xA5DC):  # Word 97–2003, Word 6/95
                raise _err("corrupt-doc", "Tệp .doc bị hỏng: phần nội dung Word không đúng cấu trúc.",
                           "The .doc file is damaged: its WordDocument stream is not a Word document.")
            if flags & 0x0100:  # fEncrypted
                raise _encrypted()
        return "doc"
    if "Workbook" in names or "Book" in names:
        raise _err("not-a-document", "Tệp là bảng tính Excel cũ (.xls), không phải văn bản.",
                   "Legacy Excel workbook, not a document.")
    if "PowerPoint Document" in names:
        raise _err("not-a-document", "Tệp là bản trình chiếu PowerPoint cũ (.ppt), không phải văn bản.",
                   "Legacy PowerPoint presentation, not a document.")
    raise _err(
        "not-a-document",
        "Tệp Office đời cũ (định dạng OLE) nhưng không phải văn bản Word: hãy mở bằng phần mềm đã tạo ra nó "
        "và lưu lại dạng .docx.",
        "A legacy OLE file that is not a Word document: open it in the program that made it and save as .docx.",
    )


def _encrypted() -> UnreadableError:
    return _err(
        "encrypted",
        "Tệp được đặt mật khẩu (mã hóa) nên không kiểm tra được. Hãy mở bằng Word, gỡ mật khẩu "
        "(Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa trống) rồi lưu lại.",
        "Password-protected (encrypted) document: remove the password in Word and save again.",
    )
