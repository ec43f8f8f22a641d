"""Uploaded files → a private temporary folder, streamed, within limits.

The request body is read as it arrives and parsed by python-multipart's streaming parser;
each file part is written straight into the request's own folder (created ``0700`` inside the
server's private folder), never into a spool file elsewhere. Limits are checked before the
body is read (``Content-Length``) and again on every chunk, so an oversize upload is refused
(413) after at most one chunk past the limit, its partial files removed with the folder.

File names are display text only: a name is cut to its safe relative path (no ``..``, no
absolute path, no control characters; folders kept so an appendix and its main document
stay side by side as the batch expects). What a file *is* is decided from its bytes by the
readers, never from this name.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import AsyncIterator

MB = 1024 * 1024


class UploadError(Exception):
    """A refused upload: HTTP status, a stable code and a message in both languages."""

    def __init__(self, status: int, code: str, vi: str, en: str):
        super().__init__(en)
        self.status, self.code, self.vi, self.en = status, code, vi, en

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Limits:
    max_file: int = 50 * MB
    max_request: int = 200 * MB
    max_files: int = 200

    def too_large_request(self) -> UploadError:
        mb = self.max_request // MB
        return UploadError(413, "request-too-large",
                           f"Tổng dung lượng tải lên vượt quá giới hạn {mb} MB mỗi lần. Hãy chia thành nhiều lần.",
                           f"The upload is larger than the limit of {mb} MB per request. Send the files in several parts.")

    def too_large_file(self, name: str) -> UploadError:
        mb = self.max_file // MB
        return UploadError(413, "file-too-large", f"Tệp “{name}” vượt quá giới hạn {mb} MB mỗi tệp.",
                           f"File “{name}” is larger than the limit of {mb} MB per file.")

    def too_many(self) -> UploadError:
        return UploadError(413, "too-many-files", f"Quá nhiều tệp trong một lần (tối đa {self.max_files}).",
                           f"Too many files in one request (at most {self.max_files}).")


@dataclass(frozen=True)
class Upload:
    name: str  # display name: the safe relative path the browser gave ("hồ sơ/kh-05.docx")
    path: str  # where it is stored, inside the request's private folder
    size: int


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _cut_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def safe_relpath(name: str, fallback: str) -> str:
    """A relative path made only of plain components: 'C:\\a\\..\\b.docx' → 'a/b.docx'."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/"))
    parts = []
    for part in name.split("/"):
        part = _CONTROL.sub("", part).strip().strip(".")
        if part and part not in (".", ".."):
            parts.append(_cut_bytes(part, 150))
    parts = parts[-6:]  # at most five folder levels
    return "/".join(parts) or fallback


def _content_disposition(value: bytes) -> dict[str, str]:
    from python_multipart.multipart import parse_options_header

    _kind, params = parse_options_header(value)
    return {k.decode("latin-1").lower(): v.decode("utf-8", "replace") for k, v in params.items()}


class _Receiver:
    """Callbacks for python-multipart: one open file at a time, sizes counted as bytes arrive."""

    def __init__(self, folder: str, limits: Limits):
        self.folder = folder
        self.limits = limits
        self.files: list[Upload] = []
        self.fields: dict[str, str] = {}
        self.taken: set[str] = set()
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._fd: int | None = None
        self._name = ""
        self._path = ""
        self._size = 0
        self._field: str | None = None
        self._field_value = b""
        self.error: UploadError | None = None  # a file over its limit: the rest is read and dropped

    # headers
    def on_part_begin(self) -> None:
        self._headers = {}
        self._header_field = self._header_value = b""

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def on_headers_finished(self) -> None:
        disp = _content_disposition(self._headers.get(b"content-disposition", b""))
        if self.error is not None:
            self._field = None
            return
        if "filename" in disp:
            if len(self.files) >= self.limits.max_files:
                self.error = self.limits.too_many()
                return
            n = len(self.files) + 1
            self._name = self._unique(safe_relpath(disp["filename"], f"tep-{n}"))
            self._path = os.path.join(self.folder, *self._name.split("/"))
            os.makedirs(os.path.dirname(self._path), mode=0o700, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            self._fd = os.open(self._path, flags, 0o600)
            self._size = 0
            self._field = None
        else:
            self._field = disp.get("name", "")
            self._field_value = b""

    def _unique(self, name: str) -> str:
        key = name.casefold()
        if key not in self.taken:
            self.taken.add(key)
            return name
        stem, ext = os.path.splitext(name)
        i = 2
        while f"{stem} ({i}){ext}".casefold() in self.taken:
            i += 1
        name = f"{stem} ({i}){ext}"
        self.taken.add(name.casefold())
        return name

    # body
    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._fd is not None:
            self._size += end - start
            if self._size > self.limits.max_file:
                self.error = self.limits.too_large_file(self._name)
                self.close()
                return
            view = memoryview(data)[start:end]
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
        elif self._field is not None and len(self._field_value) < 4096:
            self._field_value += data[start:end][: 4096 - len(self._field_value)]

    def on_part_end(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            self.files.append(Upload(self._name, self._path, self._size))
        elif self._field:
            self.fields[self._field] = self._field_value.decode("utf-8", "replace")
        self._field = None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _boundary(content_type: str) -> bytes:
    from python_multipart.multipart import parse_options_header

    kind, params = parse_options_header(content_type)
    if kind != b"multipart/form-data" or not params.get(b"boundary"):
        raise UploadError(415, "not-multipart", "Cần gửi tệp dưới dạng multipart/form-data (trường “file”).",
                          "Files must be sent as multipart/form-data (field “file”).")
    return params[b"boundary"]


async def receive(stream: AsyncIterator[bytes], content_type: str, content_length: str | None, folder: str,
                  limits: Limits) -> tuple[list[Upload], dict[str, str]]:
    """Write every file part of a multipart body into ``folder``; the form's text fields too."""
    from python_multipart.multipart import MultipartParser

    if content_length is not None:
        try:
            declared = int(content_length)
        except ValueError:
            raise UploadError(400, "bad-length", "Content-Length không hợp lệ.", "Invalid Content-Length.") from None
        if declared > limits.max_request:
            raise limits.too_large_request()
    boundary = _boundary(content_type)
    rec = _Receiver(folder, limits)
    callbacks = {name: getattr(rec, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end", "on_headers_finished",
        "on_part_data", "on_part_end")}
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    total = 0
    try:
        async for chunk in stream:
            total += len(chunk)
            if total > limits.max_request:
                raise limits.too_large_request()
            if chunk:
                parser.write(chunk)
        parser.finalize()
    except UploadError:
        raise
    except OSError as exc:
        raise UploadError(507, "storage", f"Không lưu tạm được tệp tải lên: {exc.strerror or exc}.",
                          f"Could not store the upload: {exc}") from None
    except Exception as exc:  # malformed multipart body
        raise UploadError(400, "bad-multipart", f"Dữ liệu tải lên không đúng định dạng ({exc}).",
                          f"Malformed upload ({exc}).") from None
    finally:
        rec.close()
    if rec.error is not None:
        raise rec.error
    if not rec.files:
        raise UploadError(400, "no-file", "Không có tệp nào được gửi lên.", "No file was sent.")
    return rec.files, rec.fields
