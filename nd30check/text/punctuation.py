"""Punctuation at the ends of lines: what a line ends with, as the decree's rules read it."""

from __future__ import annotations


def tail(text: str) -> str:
    """Last visible character of a line, the closing "./." marker of a document ignored."""
    t = text.rstrip()
    if t.endswith("./."):
        t = t[:-2]
    return t[-1:] if t else ""
