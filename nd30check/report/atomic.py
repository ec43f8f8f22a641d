"""Write a report so a reader never sees half a file: temp file in the same folder + rename."""

from __future__ import annotations

import os
import tempfile


def _mode(path: str) -> int:
    """Keep an existing report's permissions; a new one gets the usual 0666 minus umask
    (mkstemp's private 0600 would hide the report from colleagues on a shared folder)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(path: str, text: str | bytes) -> None:
    """``text`` as UTF-8, or ``bytes`` as they are (a corrected .docx)."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".nd30check-", suffix=".tmp", dir=folder)
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8", newline="")) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
