"""Safe opening of untrusted containers and XML.

Every byte a reader parses comes through here, so that hostile files (zip bombs, XML entity
expansion, external entities, absurd nesting) become a clean :class:`UnreadableError` with a
message a records clerk can act on, instead of a hang, a crash or a leak of local files.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from dataclasses import dataclass

from lxml import etree

from .model import UnreadableError

# Caps (generous for real administrative documents, tiny next to what a bomb needs).
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together
MAX_PART_SIZE = 100 * 1024 * 1024  # one part
MAX_ENTRIES = 10_000
MAX_RATIO = 100.0  # compression ratio allowed on big parts
RATIO_MIN_SIZE = 1024 * 1024  # small parts may compress very well (runs of spaces)
MAX_XML_DEPTH = 256  # libxml2's own limit without XML_PARSE_HUGE is the same


def _err(code: str, vi: str, en: str) -> UnreadableError:
    return UnreadableError(code, vi, en)


def bomb_error(detail: str, detail_en: str | None = None) -> UnreadableError:
    return _err(
        "zip-bomb",
        f"Tệp bị nghi là 'bom nén' (dữ liệu giải nén quá lớn: {detail}); không mở để bảo vệ máy. "
        "Hãy kiểm tra lại nguồn gốc tệp.",
        f"Suspected zip bomb ({detail_en or detail}); not opened.",
    )


@dataclass(slots=True)
class Limits:
    total: int = MAX_TOTAL_UNCOMPRESSED
    part: int = MAX_PART_SIZE
    entries: int = MAX_ENTRIES
    ratio: float = MAX_RATIO
    ratio_min_size: int = RATIO_MIN_SIZE


class SafeZip:
    """A zip archive whose declared sizes were vetted and whose reads are capped.

    The declared sizes in the central directory can lie, so :meth:`read` also counts the bytes
    actually inflated and stops at the cap.
    """

    def __init__(self, path: str | bytes, limits: Limits | None = None):
        self.limits = limits or Limits()
        try:
            self._zf = zipfile.ZipFile(io.BytesIO(path) if isinstance(path, (bytes, bytearray, memoryview)) else path)
            infos = self._zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise _err(
                "corrupt-zip",
                "Tệp .docx bị hỏng (không đọc được cấu trúc nén). Hãy mở lại bằng Word và lưu lại, "
                "hoặc xin bản gốc.",
                f"Corrupt .docx (bad zip structure): {exc}",
            ) from None
        lim = self.limits
        if len(infos) > lim.entries:
            raise bomb_error(f"{len(infos)} mục trong tệp nén", f"{len(infos)} entries")
        total = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        #: names listed twice (case-insensitively): a package signature must refuse them
        self.duplicates: list[str] = []
        seen_lower: set[str] = set()
        for info in infos:
            if not info.filename.endswith("/"):
                if info.filename.lower() in seen_lower:
                    self.duplicates.append(info.filename)
                seen_lower.add(info.filename.lower())
            if info.flag_bits & 0x1:
                raise _err(
                    "encrypted",
                    "Tệp được nén kèm mật khẩu nên không đọc được. Hãy gửi bản không đặt mật khẩu.",
                    f"Password-protected zip entry {info.filename}.",
                )
            size = info.file_size
            if size > lim.part:
                raise bomb_error(f"phần {info.filename} {size // (1024 * 1024)} MB", f"part {info.filename} {size // (1024 * 1024)} MB")
            if size >= lim.ratio_min_size and size > lim.ratio * max(info.compress_size, 1):
                raise bomb_error(f"phần {info.filename} nén {size / max(info.compress_size, 1):.0f}:1",
                                 f"part {info.filename} ratio {size / max(info.compress_size, 1):.0f}:1")
            total += size
            if info.filename.lower().endswith((".zip", ".docx", ".jar")) and size > lim.part // 2:
                raise bomb_error(f"tệp nén lồng nhau {info.filename}", f"nested archive {info.filename}")
            self._infos.setdefault(info.filename, info)
        if total > lim.total:
            raise bomb_error(f"tổng {total // (1024 * 1024)} MB", f"{total // (1024 * 1024)} MB in total")
        self._read_total = 0
        # Case-insensitive lookup: some producers write "Word/Document.xml".
        self._lower = {name.lower(): name for name in self._infos}

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> "SafeZip":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> list[str]:
        return list(self._infos)

    def find(self, name: str) -> str | None:
        name = name.lstrip("/")
        if name in self._infos:
            return name
        return self._lower.get(name.lower())

    def has(self, name: str) -> bool:
        return self.find(name) is not None

    def read(self, name: str) -> bytes:
        """Inflate one part, counting real bytes against the caps."""
        real = self.find(name)
        if real is None:
            raise KeyError(name)
        info = self._infos[real]
        lim = self.limits
        cap = min(lim.part, lim.total - self._read_total)
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zf.open(info) as fh:
                while True:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > cap:
                        raise bomb_error(f"phần {real} vượt {cap // (1024 * 1024)} MB khi giải nén", f"part {real} over {cap // (1024 * 1024)} MB")
                    if got >= lim.ratio_min_size and got > lim.ratio * max(info.compress_size, 1):
                        raise bomb_error(f"phần {real} nén hơn {lim.ratio:.0f}:1", f"part {real} ratio over {lim.ratio:.0f}:1")
                    chunks.append(chunk)
        except UnreadableError:
            raise
        except NotImplementedError as exc:  # unsupported compression method
            raise _err(
                "corrupt-zip",
                "Tệp .docx dùng kiểu nén không được hỗ trợ. Hãy mở bằng Word và lưu lại.",
                f"Unsupported zip compression: {exc}",
            ) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise _err(
                "corrupt-zip",
                f"Tệp .docx bị hỏng (phần {real} không giải nén được). Hãy mở lại bằng Word và lưu lại.",
                f"Corrupt .docx: part {real} cannot be inflated ({exc}).",
            ) from None
        self._read_total += got
        return b"".join(chunks)


def open_zip(path: str, limits: Limits | None = None) -> SafeZip:
    return SafeZip(path, limits)


# --------------------------------------------------------------------------- XML

_local = threading.local()
_ENTITY = re.compile(rb"<!ENTITY", re.I)


def _parser(faithful: bool = False) -> etree.XMLParser:
    """One parser per thread (lxml parsers are not thread-safe). ``faithful``: comments,
    processing instructions and CDATA kept, for a part that will be edited and written back."""
    name = "faithful_parser" if faithful else "parser"
    p = getattr(_local, name, None)
    if p is None:
        p = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=not faithful,
            remove_pis=not faithful,
            strip_cdata=not faithful,
        )
        setattr(_local, name, p)
    return p


def _as_utf8_probe(data: bytes) -> bytes:
    """Bytes in which ASCII markup can be searched, also for UTF-16 encoded XML."""
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return data.decode("utf-16-le", "replace").encode("utf-8", "replace")
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return data.decode("utf-16-be", "replace").encode("utf-8", "replace")
    return data


def parse_xml(data: bytes, part: str = "XML", *, faithful: bool = False) -> etree._Element:
    """Parse an untrusted XML part: no entities, no DTD, no network, bounded depth.

    A DOCTYPE that declares entities is refused outright ("xml-entities"): Word never writes
    one, so it can only be a trick (billion laughs, XXE). ``faithful``: keep comments,
    processing instructions and CDATA (``nd30check fix`` writes the part back).
    """
    probe = _as_utf8_probe(data)
    at = probe.find(b"<!DOCTYPE")
    if at < 0 and b"<!doctype" in probe[:4096].lower():
        at = 0
    if at >= 0 and _ENTITY.search(probe, at):
        raise _err(
            "xml-entities",
            f"Tệp chứa khai báo thực thể XML ({part}), có thể là tệp độc hại; không mở. "
            "Hãy xin lại bản gốc do Word tạo ra.",
            f"XML entity declarations in {part} (possible XXE/billion laughs); refused.",
        )
    try:
        root = etree.fromstring(data, _parser(faithful))
    except etree.XMLSyntaxError as exc:
        msg = str(exc)
        if "depth" in msg.lower() or "nesting" in msg.lower():
            raise too_deep(part) from None
        if "entit" in msg.lower() and "amplification" in msg.lower():
            raise _err("xml-entities", f"Tệp chứa thực thể XML bất thường ({part}); không mở.",
                       f"XML entity amplification in {part}.") from None
        raise _err(
            "malformed-xml",
            f"Nội dung tệp bị hỏng (XML lỗi trong {part}). Hãy mở bằng Word, sửa nếu được và lưu lại.",
            f"Malformed XML in {part}: {msg}",
        ) from None
    except ValueError as exc:  # e.g. unicode strings with encoding declaration
        raise _err("malformed-xml", f"Nội dung tệp bị hỏng ({part}).", f"Malformed XML in {part}: {exc}") from None
    if root is None:
        raise _err("malformed-xml", f"Phần {part} rỗng.", f"Empty XML part {part}.")
    return root


def too_deep(part: str) -> UnreadableError:
    return _err(
        "too-deep",
        f"Cấu trúc tệp lồng nhau quá sâu ({part}); có thể là tệp độc hại hoặc hỏng. Không mở.",
        f"XML nesting too deep in {part}; refused.",
    )
