"""The usage table carried from revision to revision (signatures/pdf/usages.py) is exactly
pyHanko's own reverse cross-reference cache, on every revision of real signed files whose
updates add signatures, structure tags, free entries and metadata."""

from __future__ import annotations

import io
import logging

import pytest

from nd30check.signatures.pdf import usages as U
from nd30check.signatures.pdf.reader import open_reader

FILES = [
    "pdf_signed_vinhlong_BC811-UBND_2026.pdf",  # tagged PDF: each signature adds structure elements
    "pdf_signed_bnv_QD1187-BNV_2025.pdf",  # free entries for never-used numbers, XMP updates
    "pdf_signed_vinhlong_BC287-SNV_2026.pdf",  # certification P=2, an Info-only update at the end
    "pdf_signed_qngai_TB-UBND-HoiNghiVTCI_2024.pdf",  # five signatures, widgets stamping number and day
    "pdf_signed_btp_CV3917-BTP_2025_devexpress.pdf",
]


@pytest.mark.parametrize("name", FILES)
def test_carried_table_equals_pyhankos_own(name, real_samples):
    from pyhanko.pdf_utils.reader import PdfFileReader

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    data = (real_samples / name).read_bytes()
    reader = open_reader(data)
    total = reader.xrefs.total_revisions
    start = 0
    while True:  # the first revisions of Word's hybrid files may be unreadable to both
        try:
            table = U.build(reader.get_historical_resolver(start))
            break
        except U.Unsupported:
            start += 1
            assert start < total
    fresh = PdfFileReader(io.BytesIO(data), strict=False)
    for k in range(start, total):
        if k > start:
            table = U.advance(table, reader.get_historical_resolver(k - 1), reader.get_historical_resolver(k))
        theirs = fresh.get_historical_resolver(k)
        theirs._load_reverse_xref_cache()
        assert table.as_pyhanko() == {ref: set(v) for ref, v in theirs._indirect_object_access_cache.items()}, (name, k)


def test_installed_table_answers_like_pyhanko(real_samples):
    data = (real_samples / FILES[0]).read_bytes()
    reader = open_reader(data)
    k = reader.xrefs.total_revisions - 1
    resolver = reader.get_historical_resolver(k)
    table = U.build(resolver)
    table.install(resolver)
    some = next(iter(table.recorded))
    assert resolver._get_usages_of_ref(some) == table.as_pyhanko()[some]
    from pyhanko.pdf_utils import generic

    assert resolver._get_usages_of_ref(generic.Reference(999999, 0)) == set()
