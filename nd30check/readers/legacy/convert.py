"""Convert a .doc/.rtf/.odt (or Word 2003 XML) to .docx with LibreOffice, then read it."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from ...model import Conversion, Document, UnreadableError
from . import soffice
from .pages import saved_page_count
from .vouch import LOST_CAPABILITIES, unvouched_rules

# What the clerk holds, in words (Vietnamese, English), for messages.
FORMAT_NAMES = {
    "doc": ("Word 97–2003 (.doc)", "Word 97–2003 (.doc)"),
    "rtf": ("RTF (.rtf)", "RTF (.rtf)"),
    "odt": ("OpenDocument (.odt)", "OpenDocument (.odt)"),
    "word-xml": ("Word 2003 XML (.xml)", "Word 2003 XML (.xml)"),
}
_SUFFIX = {"doc": ".doc", "rtf": ".rtf", "odt": ".odt", "word-xml": ".xml"}
_INSTALL_HINT_VI = ("Cài LibreOffice (miễn phí, https://www.libreoffice.org) để nd30check tự chuyển đổi và kiểm tra "
                    "tệp này, hoặc mở bằng Word, chọn Tệp → Lưu thành → Tài liệu Word (.docx) rồi kiểm tra tệp .docx.")
_INSTALL_HINT_EN = ("Install LibreOffice (free, https://www.libreoffice.org) and nd30check converts and checks this "
                    "file itself, or open it in Word, use File → Save As → Word Document (.docx) and check the .docx.")
_MISSING_CODE = {"doc": "legacy-doc", "rtf": "rtf", "odt": "odt", "word-xml": "legacy-doc"}


def _source_suffix(path: str, kind: str, data: bytes | None = None) -> str:
    if kind == "odt" and Path(path).suffix.lower() in (".fodt", ".ott"):
        return Path(path).suffix.lower()
    if kind == "odt":
        if data is None:
            with open(path, "rb") as fh:
                data = fh.read(4)
        if not data.startswith(b"PK"):
            return ".fodt"  # flat XML OpenDocument
    return _SUFFIX[kind]


def read_converted(path: str, kind: str, data: bytes | None = None) -> Document:
    """Read a legacy file through LibreOffice. Raises :class:`UnreadableError` when it can't."""
    from ..docx import read_docx

    vi_name, en_name = FORMAT_NAMES.get(kind, (kind, kind))
    office = soffice.find_office()
    if office is None:
        raise UnreadableError(
            _MISSING_CODE.get(kind, "legacy-doc"),
            f"Tệp {vi_name} cần chuyển sang .docx để kiểm tra nhưng máy chưa có LibreOffice. {_INSTALL_HINT_VI}",
            f"This {en_name} file must be converted to .docx to be checked, and LibreOffice is not installed. "
            f"{_INSTALL_HINT_EN}",
        )
    timeout = soffice.timeout_seconds()
    work = soffice.new_workdir()
    try:
        source = work / f"document{_source_suffix(path, kind, data)}"
        try:  # LibreOffice works on a private copy, never on the user's file
            if data is not None:
                source.write_bytes(data)
            else:
                shutil.copyfile(path, source)
        except OSError as exc:
            raise UnreadableError("io-error", f"Không mở được tệp: {exc.strerror or exc}.",
                                  f"Cannot open file: {exc}") from None
        t0 = time.perf_counter()
        try:
            produced = soffice.run_conversion(office, source, work / "out", work, timeout)
        except soffice.ConversionError as exc:
            if exc.code == "convert-timeout":
                raise UnreadableError(
                    "convert-timeout",
                    f"Chuyển đổi tệp {vi_name} sang .docx bằng LibreOffice quá {timeout:g} giây nên đã dừng. "
                    "Cách sửa: mở bằng Word hoặc LibreOffice, lưu thành .docx rồi kiểm tra tệp .docx.",
                    f"Converting this {en_name} file to .docx with LibreOffice took more than {timeout:g} s and "
                    "was stopped. Fix: open it in Word or LibreOffice, save it as .docx and check the .docx.",
                ) from None
            raise UnreadableError(
                "convert-failed",
                f"LibreOffice không chuyển được tệp {vi_name} này sang .docx (tệp hỏng hoặc không đúng định dạng; "
                f"chi tiết: {exc.detail}). Cách sửa: mở bằng Word, lưu thành .docx, hoặc xin lại bản gốc.",
                f"LibreOffice could not convert this {en_name} file to .docx (damaged or not what it claims to be; "
                f"details: {exc.detail}). Fix: open it in Word and save it as .docx, or ask for the original.",
            ) from None
        elapsed_ms = (time.perf_counter() - t0) * 1000
        doc = read_docx(str(produced))
        doc.path = path
        # LibreOffice's docProps/app.xml page count is its own statistic, not the author's (measured:
        # <Pages>99</Pages> for a 2-page RTF): drop it, take what the original file recorded instead
        doc.reader_notes = [n for n in doc.reader_notes if not n.startswith("page_count from docProps")]
        doc.page_count = saved_page_count(data if data is not None else source.read_bytes(), kind)
        if doc.page_count is not None:
            doc.reader_notes.append(f"page_count from the {kind} file's properties (as last saved)")
        doc.capabilities = set(doc.capabilities) - LOST_CAPABILITIES
        doc.conversion = Conversion(source=kind, tool=office.name, elapsed_ms=round(elapsed_ms, 1),
                                    unvouched=unvouched_rules(kind, produced))
        doc.reader_notes.append(f"converted from {kind} to .docx by {office.name} in {elapsed_ms:.0f} ms")
        return doc
    finally:
        shutil.rmtree(work, ignore_errors=True)
