"""Mutated real documents: junk attribute values and missing elements never crash the reader.

The reader either returns a Document or raises UnreadableError; anything else would turn into an
opaque internal error for the clerk."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from nd30check.model import UnreadableError
from nd30check.readers.docx import read_docx

JUNK = ["", "-1", "abc", "1e400", "inf", "nan", "99999999999", "0", "-99999", "auto", "none", "%", "%9",
        "true", "FFFFFFFF", "D800", "x" * 300]
PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml", "word/header1.xml", "word/settings.xml")


def _mutate(parts: dict[str, bytes], rnd: random.Random) -> bytes:
    new = dict(parts)
    for name in PARTS:
        if name not in parts:
            continue
        root = etree.fromstring(parts[name])
        with_attrs = [e for e in root.iter() if e.attrib]
        for e in rnd.sample(with_attrs, min(len(with_attrs), 40)):
            e.set(rnd.choice(list(e.attrib.keys())), rnd.choice(JUNK))
        everything = list(root.iter())[1:]
        for e in rnd.sample(everything, min(len(everything), 10)):
            parent = e.getparent()
            if parent is not None:
                parent.remove(e)
        new[name] = etree.tostring(root)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zw:
        for n, d in new.items():
            zw.writestr(n, d)
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(20))
def test_mutated_templates_never_crash(real_samples: Path, tmp_path: Path, seed: int) -> None:
    with zipfile.ZipFile(real_samples / "nd30-phu-luc-III-official-templates.docx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    path = tmp_path / f"m{seed}.docx"
    path.write_bytes(_mutate(parts, random.Random(seed)))
    try:
        doc = read_docx(str(path))
    except UnreadableError:
        return
    assert all(p.index == i for i, p in enumerate(doc.paragraphs))
    for p in doc.paragraphs:
        p.text.encode("utf-8")  # no lone surrogates reach the JSON report
