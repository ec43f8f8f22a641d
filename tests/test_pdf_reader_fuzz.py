"""Mutated PDFs never crash the PDF reader: they read, or raise UnreadableError; never hang."""

from __future__ import annotations

import random
import time

import pytest

import pdf_fixtures as F
from nd30check.model import UnreadableError
from nd30check.readers.pdf import read_pdf, signature_appearances


def _seeds() -> list[bytes]:
    orig = F.PdfBuilder.stream

    def plain(self, d, data, *, compress=False, num=None):  # uncompressed: mutations reach the interpreter
        return orig(self, d, data, compress=False, num=num)

    F.PdfBuilder.stream = plain  # type: ignore[method-assign]
    try:
        return [F.nd30_layout(pages=1), F.simple_fonts(), F.type3_font(), F.colours_and_form(), F.ruled_table(),
                F.self_drawing_form(), F.glyph_by_glyph()]
    finally:
        F.PdfBuilder.stream = orig  # type: ignore[method-assign]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_mutated_pdfs(tmp_path, seed: int) -> None:
    rng = random.Random(seed)
    seeds = _seeds()
    path = tmp_path / "m.pdf"
    read = 0
    for _ in range(40):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 12)):
            k = rng.randrange(len(data))
            r = rng.random()
            if r < 0.5:
                data[k] = rng.randrange(256)
            elif r < 0.7:
                del data[k : k + rng.randint(1, 40)]
            else:
                data[k:k] = rng.choice([b"(", b")", b"[", b"]", b"<<", b">>", b" q ", b" Q ", b"/R 99 Tf", b" 1e9 ", b" 0 0 R "])
        path.write_bytes(bytes(data))
        t = time.perf_counter()
        try:
            read_pdf(str(path))
            signature_appearances(str(path))
            read += 1
        except UnreadableError:
            pass
        assert time.perf_counter() - t < 5
    assert read > 0  # most mutations stay readable: the reader recovers, it does not give up
