"""Reading one input file safely: regular files only, a size cap before reading, once.

A path given by a user may name a FIFO (reading it blocks until someone writes), a device
(``/dev/zero`` never ends), a symbolic-link loop or a file that grows while it is read.
:func:`read_input` looks first (``stat``), opens without blocking, looks again at what it
opened (``fstat``: the name may have been swapped in between) and reads at most the cap; any
of these cases is an :class:`~nd30check.model.UnreadableError`, so the file comes out
FILE-UNREADABLE and the run goes on. :func:`read_source` wraps the bytes in a
:class:`~nd30check.source.Source` that is handed to every reader (document and signatures), so a
file is read once.

:func:`display_path` turns a file name that is not valid UTF-8 (Linux allows any bytes) into
text every report can write: undecodable bytes become ``\\xNN``.
"""

from __future__ import annotations

import errno
import os
import stat

from .model import UnreadableError
from .source import Source

DEFAULT_MAX_BYTES = 100 * 1024 * 1024  # same cap as the readers' (readers/detect.py)


def _not_a_file(kind_vi: str, kind_en: str) -> UnreadableError:
    return UnreadableError(
        "not-a-file",
        f"Không phải tệp thông thường ({kind_vi}) nên không đọc; chỉ kiểm tra tệp .docx/.pdf thật.",
        f"Not a regular file ({kind_en}); only real .docx/.pdf files are read.",
    )


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "ống FIFO", "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "thiết bị", "a device"
    if stat.S_ISSOCK(mode):
        return "socket", "a socket"
    if stat.S_ISDIR(mode):
        return "thư mục", "a folder"
    return "loại đặc biệt", "a special file"


def _os_error(exc: OSError) -> UnreadableError:
    if exc.errno == errno.ELOOP:
        return UnreadableError("not-a-file", "Liên kết tượng trưng vòng lặp (trỏ về chính nó), không có tệp để đọc.",
                               "A symbolic-link loop: there is no file to read.")
    if exc.errno == errno.ENOENT:
        return UnreadableError("io-error", "Không tìm thấy tệp (liên kết hỏng hoặc tệp đã bị xóa).",
                               "File not found (a broken link, or the file was removed).")
    return UnreadableError("io-error", f"Không mở được tệp: {exc.strerror or exc}.", f"Cannot open the file: {exc}")


def _too_large(size: int, max_bytes: int) -> UnreadableError:
    return UnreadableError(
        "too-large",
        f"Tệp quá lớn ({size / 1048576:.0f} MB, giới hạn {max_bytes / 1048576:.0f} MB).",
        f"File too large ({size} bytes; limit {max_bytes}).",
    )


def check_regular(path: str) -> os.stat_result:
    """``stat`` of ``path`` when it is a regular file (links followed), else UnreadableError."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_error(exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_a_file(*_kind(st.st_mode))
    return st


def read_input(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All bytes of a regular file of at most ``max_bytes``, or :class:`UnreadableError`."""
    st = check_regular(path)
    if st.st_size > max_bytes:
        raise _too_large(st.st_size, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for a FIFO or device after the first look
            raise _not_a_file(*_kind(st.st_mode))
        chunks: list[bytes] = []
        total = 0
        while True:
            block = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > max_bytes:  # grew while being read
                raise _too_large(total, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise _os_error(exc) from None
    finally:
        os.close(fd)


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """The one way a path becomes a :class:`Source`: read once by :func:`read_input`."""
    return Source(name=path, data=read_input(path, max_bytes), path=path)


def display_path(path: str) -> str:
    """``path`` as writable text: bytes that are not UTF-8 (kept by Python as surrogates)
    are shown as ``\\xNN``; a valid name is returned unchanged."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        try:
            return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate that no file name made
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
