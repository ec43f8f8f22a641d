"""The OOXML package signer used by the signature tests lives with the sample generator
(``samples/ooxmlsign.py``), which signs the demo samples with it: one copy of that knowledge.
It stays independent of ``nd30check.signatures.ooxml`` (see its docstring)."""

from __future__ import annotations

import sys
from pathlib import Path

_SAMPLES = str(Path(__file__).resolve().parent.parent / "samples")
if _SAMPLES not in sys.path:
    sys.path.insert(0, _SAMPLES)

from ooxmlsign import *  # noqa: E402,F401,F403
from ooxmlsign import (  # noqa: E402,F401 - names the tests import explicitly
    _c14n_standalone,
    _read_zip,
    _write_zip,
    add_thumbnail,
    make_test_ca,
    make_test_cert,
    rels_transform_c14n,
    rewrite_docx,
    sign_docx,
)
