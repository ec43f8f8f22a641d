"""Reading pypdf objects that may be broken: an indirect reference that does not resolve, or a
dictionary that raises, reads as absent instead of stopping the page (hostile files)."""

from __future__ import annotations

from typing import Any


def resolve(v: Any) -> Any:
    """``v`` with its indirect reference followed; None when it does not resolve."""
    try:
        return v.get_object() if v is not None else None
    except Exception:  # broken reference
        return None


def entry(obj: Any, key: str) -> Any:
    """``obj[key]`` resolved; None when absent, broken or ``obj`` is not a dictionary."""
    try:
        return resolve(obj.get(key))
    except Exception:
        return None
