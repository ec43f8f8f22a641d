"""Checks of the signature-block section (rules/signblock.toml): the signer's lines (block.py)
and the recipients list (recipients.py) — one package because the rule pack files both under
the "signblock" category, split because each is judged on its own lines."""

from __future__ import annotations

from . import block, recipients  # noqa: F401  (registers the checks)
from .block import academic_title, authority_prefix

__all__ = ["academic_title", "authority_prefix", "block", "recipients"]
