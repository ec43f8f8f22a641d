"""Office-signed .docx with a thumbnail: the thumbnail is metadata Office leaves unsigned.

The fixture is signed the way Office 2010+ and Apache POI sign (samples/ooxmlsign.py through
tests/ooxml_signer.py, ``office_thumbnail=True``): only
the relationships of the document's content are referenced; core/extended/custom properties,
the thumbnail and the signature origin are not. Every other gap stays a failure that names
the part or relationship.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ooxml_signer import add_thumbnail, make_test_cert, rewrite_docx, sign_docx  # noqa: E402
from sigkit import sig_results  # noqa: E402

from nd30check.model import Document, Facts  # noqa: E402
from nd30check.signatures.ooxml import verify_docx  # noqa: E402

SIGNED_AT = datetime(2026, 5, 8, 2, 15, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("thumb")
    doc = docx.Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN")
    plain = d / "plain.docx"
    doc.save(plain)
    thumb = d / "thumb.docx"
    add_thumbnail(str(plain), str(thumb))
    key, cert = make_test_cert("Ủy ban nhân dân xã Phượng Tiến", org="Tỉnh Thái Nguyên")
    signed = d / "signed.docx"
    sign_docx(str(thumb), str(signed), key, cert, time=SIGNED_AT, office_thumbnail=True)
    return {"dir": d, "signed": signed, "key": key, "cert": cert, "thumb": thumb}


def _doc(report) -> Document:
    doc = Document("x.docx", "docx", facts=Facts())
    doc.signatures = report
    return doc


def test_office_signature_leaves_the_thumbnail_out(files):
    names = zipfile.ZipFile(files["signed"]).namelist()
    sig = zipfile.ZipFile(files["signed"]).read("_xmlsignatures/sig1.xml").decode()
    assert "docProps/thumbnail.jpeg" in names
    assert "thumbnail.jpeg" not in sig and "rIdThumb" not in sig  # as Office signs


def test_thumbnail_is_metadata_noted_by_name(files):
    rep = verify_docx(files["signed"].read_bytes())
    (s,) = rep.signatures
    assert s.intact is True and s.valid is True and s.coverage == "ALL_PARTS"
    assert s.problems == ["metadata-unsigned"]
    assert s.problem_details["metadata-unsigned"] == ["/docProps/thumbnail.jpeg"]
    results = sig_results(_doc(rep))
    cov = results["SIG-COVERAGE"]
    assert cov.status == "pass"
    from nd30check.report.words import Words

    (note,) = Words().findings(cov)
    assert note.severity == "info" and "/docProps/thumbnail.jpeg" in note.message


def test_thumbnail_used_as_a_document_image_is_content(files):
    """A thumbnail part that the document also shows is content: unsigned = a failure."""
    out = files["dir"] / "thumb-in-doc.docx"
    rewrite_docx(str(files["thumb"]), str(out), {
        "word/_rels/document.xml.rels": lambda b: b.replace(
            b"</Relationships>",
            b'<Relationship Id="rId77" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            b'Target="../docProps/thumbnail.jpeg"/></Relationships>'),
    })
    signed = files["dir"] / "thumb-in-doc-signed.docx"
    names = [n for n in zipfile.ZipFile(out).namelist() if n not in ("[Content_Types].xml", "docProps/core.xml", "docProps/app.xml", "docProps/thumbnail.jpeg")]
    sign_docx(str(out), str(signed), files["key"], files["cert"], time=SIGNED_AT, parts=names, office_thumbnail=True)
    (s,) = verify_docx(str(signed)).signatures
    assert s.valid is False and "part-not-signed" in s.problems
    assert "/docProps/thumbnail.jpeg" in s.problem_details["part-not-signed"]


def test_every_other_gap_fails_naming_the_part(files):
    out = files["dir"] / "extra.docx"
    rewrite_docx(str(files["signed"]), str(out), {
        "word/media/extra.png": b"\x89PNG\r\n\x1a\n",
        "word/_rels/document.xml.rels": lambda b: b.replace(
            b"</Relationships>",
            b'<Relationship Id="rId88" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
            b'Target="media/extra.png"/></Relationships>'),
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'),
    })
    rep = verify_docx(str(out))
    (s,) = rep.signatures
    assert s.valid is False and s.coverage == "PARTIAL"
    assert s.problem_details["part-not-signed"] == ["/word/media/extra.png"]
    assert any("rId88" in d for d in s.problem_details["relationship-not-signed"])
    cov = sig_results(_doc(rep))["SIG-COVERAGE"]
    assert cov.status == "fail"
    from nd30check.report.words import Words

    messages = " | ".join(f.message for f in Words().findings(cov))
    assert "/word/media/extra.png" in messages and "rId88" in messages
    assert "/docProps/thumbnail.jpeg" in messages  # still noted, as an info finding
