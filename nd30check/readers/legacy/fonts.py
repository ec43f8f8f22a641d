"""Decode text typed in legacy Vietnamese fonts (TCVN3 ``.VnTime``…, VNI ``VNI-Times``…).

Runs keep their font name — ND30-FONT then reports the legacy font as such — but their text
becomes Unicode, so structure recognition (Quốc hiệu, Số, ngày, tên loại…) works on it. In a
TCVN3 capital font (``.VnTimeH``) every letter is drawn as a capital (the glyphs are
capitals, it is not a format): the decoded text is in capitals.
A run in a legacy font whose text already holds Unicode Vietnamese letters is left alone
(text converted to Unicode but still set in the old font). The DOCX reader keeps optional
hyphens (``w:softHyphen``, U+00AD) for this pass: in TCVN3 that code is "ư" (LibreOffice
writes it as an optional hyphen), elsewhere it is dropped.
"""

from __future__ import annotations

from collections import Counter

from ...model import Document
from ...text.encodings import decode, is_capital_font, is_legacy_text, legacy_encoding


def decode_legacy_fonts(doc: Document) -> Counter[str]:
    """Decode every legacy-coded run of ``doc`` in place; return runs decoded per encoding."""
    done: Counter[str] = Counter()
    for para in doc.paragraphs:
        for run in para.runs:
            enc = legacy_encoding(run.font)
            if enc is None or not run.text or not is_legacy_text(run.text):
                if "\xad" in run.text:  # an optional hyphen is not text
                    run.text = run.text.replace("\xad", "")
                continue
            run.text = decode(run.text, enc, capital=is_capital_font(run.font))
            done[enc] += 1
    for enc, n in sorted(done.items()):
        doc.reader_notes.append(f"{n} run(s) typed in {enc} fonts decoded to Unicode")
    return done
