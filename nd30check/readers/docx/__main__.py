"""``python -m nd30check.readers.docx FILE…``: what the reader sees, one line per paragraph."""

import sys

from .reader import _dump

for arg in sys.argv[1:]:
    _dump(arg)
