"""What changed after signing, per revision: the three documented departures from pyHanko's
default rules (diff.py) accept only what they say, and every update is named.

* P=2 certification then further signatures: accepted; P=1 then a signature: refused.
* A free entry for a number never used: accepted; freeing a live object: a deletion.
* Structure-tree tags of a new widget: accepted; changing an existing element (ActualText):
  refused, named "structure tree".
* An Info-only update after the last signature: a note naming the revision.
"""

from __future__ import annotations

import io

import pki as P
import pytest
from sigkit import session_pki, sig_results

from nd30check.model import Document, Facts
from nd30check.report.words import Words
from nd30check.signatures import trust
from nd30check.signatures.pdf import verify_pdf

FACTS = Facts(signer="Nguyễn Văn An", agency="ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN")


@pytest.fixture(scope="module")
def tpki(tmp_path_factory):
    return session_pki(tmp_path_factory)


@pytest.fixture(scope="module")
def cfg(tpki):
    return trust.TrustConfig(extra=[tpki.files["root"]])


def _incremental(data: bytes, edit) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    edit(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _rules(rep) -> dict:
    doc = Document("x.pdf", "pdf", facts=FACTS)
    doc.signatures = rep
    return sig_results(doc)


def _certified_pair(tpki, perm: int) -> bytes:
    one = P.sign(P.plain_pdf(), tpki.official, field="A", pki=tpki, box=(330, 110, 470, 160), text="Nguyen Van An", certify=perm)
    return P.sign(one, tpki.agency, field="B", pki=tpki, box=(300, 100, 400, 170), text="UBND")


def test_p2_certification_then_a_signature_is_accepted(tpki, cfg):
    rep = verify_pdf(_certified_pair(tpki, 2), cfg)
    off, ag = rep.signatures
    assert off.certifying == 2 and off.modification == "FORM_FILLING" and off.problems == []
    assert _rules(rep)["SIG-COVERAGE"].status == "pass"


def test_p1_certification_then_a_new_field_is_refused(tpki, cfg):
    """pyHanko will not sign after P=1, so the later revision adds a signature field by hand."""
    from pyhanko.sign import fields

    one = P.sign(P.plain_pdf(), tpki.official, field="A", pki=tpki, box=(330, 110, 470, 160), text="Nguyen Van An", certify=1)
    rep = verify_pdf(_incremental(one, lambda w: fields.append_signature_field(w, fields.SigFieldSpec("B", box=(10, 10, 60, 40)))), cfg)
    off = rep.signatures[0]
    assert off.certifying == 1 and "docmdp-violated" in off.problems
    cov = _rules(rep)["SIG-COVERAGE"]
    assert cov.status == "fail" and any("P=1" in f.message for f in Words().findings(cov))


def test_page_content_changed_is_named_by_revision(tpki, cfg):
    from pyhanko.pdf_utils import generic

    def edit(w):
        page = w.root["/Pages"].raw_get("/Kids")[0].get_object()
        page["/Contents"] = w.add_object(generic.StreamObject(stream_data=b"BT /F1 13 Tf 85 780 Td (SO TIEN 999) Tj ET"))
        w.update_container(page)

    rep = verify_pdf(_incremental(P.official_then_agency(tpki), edit), cfg)
    assert all("unsigned-changes" in s.problems for s in rep.signatures)
    (detail,) = rep.signatures[-1].problem_details["unsigned-changes"]
    assert detail["en"].startswith("revision 4 changed page content") and "page 1 /Contents" in detail["en"]
    msgs = " | ".join(f.message for f in Words().findings(_rules(rep)["SIG-COVERAGE"]))
    assert "lần lưu 4 sửa nội dung trang" in msgs


def test_deleting_a_live_object_is_a_content_change(tpki, cfg):
    """A classic xref section appended after signing that frees page 1's content stream."""
    import re

    data = P.official_then_agency(tpki)
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = max(int(m) for m in re.findall(rb"/Size (\d+)", data))
    root = re.findall(rb"/Root (\d+ \d+ R)", data)[-1]
    contents_num = int(re.search(rb"/Contents (\d+) 0 R", data).group(1))
    section = (b"xref\n0 1\n0000000000 65535 f \n" + f"{contents_num} 1\n0000000000 00001 f \n".encode()
               + b"trailer\n<< /Size " + str(size).encode() + b" /Root " + root + b" /Prev " + str(startxref).encode() + b" >>\n")
    tampered = data + b"\n" + section + b"startxref\n" + str(len(data) + 1).encode() + b"\n%%EOF\n"
    rep = verify_pdf(tampered, cfg)
    assert all("unsigned-changes" in s.problems for s in rep.signatures), [s.problems for s in rep.signatures]
    assert rep.updates[-1]["deleted"] == [contents_num] and "deleted" in rep.updates[-1]["touched"]


def test_info_only_update_after_the_last_signature_is_a_note(tpki, cfg):
    from pyhanko.pdf_utils import generic

    def edit(w):  # what e-office software does after the last signature: rewrite Info
        info = w.trailer["/Info"]
        info[generic.NameObject("/Producer")] = generic.TextStringObject("e-office 2.0")
        w.update_container(info)

    rep = verify_pdf(_incremental(P.official_then_agency(tpki), edit), cfg)
    assert [s.problems for s in rep.signatures] == [[], []]
    assert rep.updates[-1]["touched"] == ["metadata"] and rep.updates[-1]["level"] == "LTA_UPDATES"
    cov = _rules(rep)["SIG-COVERAGE"]
    assert cov.status == "pass"
    (note,) = Words().findings(cov)
    assert note.severity == "info" and "lần lưu 4" in note.message


def test_changing_an_existing_structure_element_is_refused():
    """The structure-tree rule refuses an update that rewrites an existing element's text."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import PdfFileWriter

    from nd30check.signatures.pdf.diff import StructTreeAdditionRule

    w = PdfFileWriter()
    page = w.insert_page(generic.DictionaryObject({generic.NameObject("/Type"): generic.NameObject("/Page"),
                                                   generic.NameObject("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)])}))
    elem = w.add_object(generic.DictionaryObject({generic.NameObject("/Type"): generic.NameObject("/StructElem"),
                                                  generic.NameObject("/S"): generic.NameObject("/P"),
                                                  generic.NameObject("/Pg"): page,
                                                  generic.NameObject("/ActualText"): generic.TextStringObject("Số tiền: 100.000 đồng"),
                                                  generic.NameObject("/K"): generic.NumberObject(0)}))
    root = w.add_object(generic.DictionaryObject({generic.NameObject("/Type"): generic.NameObject("/StructTreeRoot"),
                                                  generic.NameObject("/K"): generic.ArrayObject([elem])}))
    elem.get_object()[generic.NameObject("/P")] = root
    w.root[generic.NameObject("/StructTreeRoot")] = root
    buf = io.BytesIO()
    w.write(buf)

    def edit(iw):
        e = iw.root["/StructTreeRoot"]["/K"][0].get_object()
        e[generic.NameObject("/ActualText")] = generic.TextStringObject("Số tiền: 999.000.000 đồng")
        iw.update_container(e)

    changed = _incremental(buf.getvalue(), edit)
    r = PdfFileReader(io.BytesIO(changed), strict=False)
    old, new = r.get_historical_resolver(0), r.get_historical_resolver(1)
    assert list(StructTreeAdditionRule().apply(old, new)) == []
