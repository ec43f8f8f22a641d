"""An optional on-disk cache of Tesseract's answers, keyed by content.

Recognising a page costs about a second; Tesseract's words depend only on the image it is
given (the rendered, cleaned, straightened page, or a region of it), the resolution, the
options (page segmentation mode, character whitelist), the engine (version and binding) and
the code that asks it (``tess.py``). When ``$ND30CHECK_OCR_CACHE`` names a folder, each answer
is kept there under a hash of those, so a second reading of the same scan — by another test,
the golden outputs, a rerun after a change to layout or rules — skips Tesseract, while
everything computed from the image and the words runs again. Off unless the variable is set
(the result cache of ``check``/``batch`` already serves users; this one serves the test
session and development). A damaged or foreign entry is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

ENV = "ND30CHECK_OCR_CACHE"
_VERSION = b"1"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the code that runs Tesseract and reads its output: a change makes old entries stale."""
    h = hashlib.sha256(_VERSION)
    h.update((Path(__file__).parent / "tess.py").read_bytes())
    return h.hexdigest()[:16]


def folder() -> Path | None:
    value = os.environ.get(ENV)
    return Path(value) if value else None


def key(image: Any, dpi: int, engine: str, options: str = "") -> str:
    """Key of one question to Tesseract: the image's pixels, size and mode, and the rest."""
    h = hashlib.sha256(f"{image.mode}|{image.size}|{dpi}|{engine}|{options}|{code_fingerprint()}".encode())
    h.update(image.tobytes())
    return h.hexdigest()[:32]


def load(k: str) -> Any:
    base = folder()
    if base is None:
        return None
    path = base / k[:2] / f"{k}.pkl"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # damaged, or from another version of the classes
        return None


def store(k: str, value: Any) -> None:
    base = folder()
    if base is None:
        return
    sub = base / k[:2]
    try:
        sub.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=sub, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, sub / f"{k}.pkl")
    except OSError:
        pass  # a cache that cannot be written is only slower
