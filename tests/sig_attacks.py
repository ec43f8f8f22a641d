"""Hostile PDF fixtures: the ten attack classes of ``reference/signatures.md``.

Each function takes genuine signed bytes (from ``tests/pki.py``) and returns a tampered
file. Tampering is done the way attackers do it: byte surgery inside the signed range,
incremental updates after signing (through pyHanko's incremental writer, so the xref is
right and only the policy can object), or hand-written revisions.

``ATTACKS`` maps a name to ``(function, base, expected rules that must fail)``; ``base``
says which genuine fixture the attack starts from.
"""

from __future__ import annotations

import io
import re
from typing import Callable

from pki import Pki, official_then_agency, plain_pdf, sign


def _writer(data: bytes):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    return IncrementalPdfFileWriter(io.BytesIO(data), strict=False)


def _finish(w) -> bytes:
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def _page(w, index: int = 0):
    """(reference, dictionary) of a page of a flat page tree (what tests/pki.py writes)."""
    ref = w.root["/Pages"].raw_get("/Kids")[index]
    return ref, ref.get_object()


def _stream(w, content: bytes):
    from pyhanko.pdf_utils import generic

    return w.add_object(generic.StreamObject(stream_data=content))


# 1 ------------------------------------------------------------------------------------
def byte_changed(data: bytes) -> bytes:
    """Change one byte of page text inside the first signed range."""
    idx = data.find(b"(KE HOACH)")
    assert idx > 0
    return data[: idx + 8] + b"X" + data[idx + 9 :]


# 2 ------------------------------------------------------------------------------------
def page_content_swap(data: bytes) -> bytes:
    """Incremental Saving Attack: a later revision replaces page 1's content."""
    w = _writer(data)
    ref, page = _page(w)
    page["/Contents"] = _stream(w, b"BT /F1 13 Tf 85 780 Td (SO TIEN: 999.000.000 DONG) Tj ET")
    w.update_container(page)
    return _finish(w)


# 3 ------------------------------------------------------------------------------------
def annotation_added(data: bytes) -> bytes:
    """A FreeText annotation painted over the page after signing."""
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    ref, page = _page(w)
    annot = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (80, 700, 400, 730)]),
        generic.NameObject("/Contents"): generic.TextStringObject("Da duyet chi 999 trieu"),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        generic.NameObject("/P"): ref,
    })
    aref = w.add_object(annot)
    annots = page.get("/Annots")
    annots = generic.ArrayObject(list(annots.get_object()) if annots is not None else [])
    annots.append(aref)
    page["/Annots"] = annots
    w.update_container(page)
    return _finish(w)


# 4 ------------------------------------------------------------------------------------
def signature_wrapping(data: bytes) -> bytes:
    """Signature Wrapping: signed bytes kept, the ByteRange gap enlarged to hide a forged revision.

    Layout: ``F[0:b] + X + F[b:b+c] + xref``, where X holds a forged page content, a copy of
    the page pointing to it and a copy of the last signature dictionary whose /ByteRange
    is ``[0 a b+len(X) c]``; the digest over the two ranges is unchanged.
    """
    m = list(re.finditer(rb"/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]", data))[-1]
    _z, a, b, c = (int(g) for g in m.groups())
    # object numbers: last signature dictionary, page 1
    sig_start = data.rfind(b" 0 obj", 0, m.start())
    line_start = data.rfind(b"\n", 0, sig_start) + 1
    sig_num = int(data[line_start:sig_start])
    sig_end = data.find(b"endobj", m.start())
    sig_body = data[sig_start + len(b" 0 obj") : sig_end]
    page_num = 3
    page_match = list(re.finditer(rb"\n%d 0 obj\n?(.*?)endobj" % page_num, data, re.S))[-1]
    page_body = page_match.group(1)
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    forged_num = size
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])

    head = data[:b]
    x = io.BytesIO()
    x.write(b"\n")
    content = b"BT /F1 13 Tf 85 780 Td (QUYET DINH GIA MAO) Tj ET"
    offsets: dict[int, int] = {}
    offsets[forged_num] = len(head) + x.tell()
    x.write(b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (forged_num, len(content), content))
    new_page = re.sub(rb"/Contents \d+ 0 R", b"/Contents %d 0 R" % forged_num, page_body)
    offsets[page_num] = len(head) + x.tell()
    x.write(b"%d 0 obj\n%sendobj\n" % (page_num, new_page))
    # the signature dictionary copy: filled in once X's length is known
    placeholder = b"/ByteRange [0 %d %010d %d]" % (a, 0, c)
    sig_copy_pos = x.tell()
    offsets[sig_num] = len(head) + sig_copy_pos
    sig_copy = re.sub(rb"/ByteRange \[[^\]]*\]\s*", placeholder + b" ", sig_body)
    x.write(b"%d 0 obj" % sig_num + sig_copy + b"endobj\n")
    xb = x.getvalue()
    new_b = b + len(xb)
    xb = xb.replace(placeholder, b"/ByteRange [0 %d %010d %d]" % (a, new_b, c))
    tail = data[b : b + c]
    body = head + xb + tail
    # objects of the original last revision that sat after b moved by len(xb)
    sect = data[prev : data.find(b"trailer", prev)]
    lines = sect.split(b"\n")[1:]
    i = 0
    while i < len(lines):
        head_line = lines[i].split()
        i += 1
        if len(head_line) != 2:
            continue
        first, count = int(head_line[0]), int(head_line[1])
        for j in range(count):
            entry = lines[i + j].split()
            if len(entry) == 3 and entry[2] == b"n" and int(entry[0]) >= b and first + j not in offsets:
                offsets[first + j] = int(entry[0]) + len(xb)
        i += count
    xref_pos = len(body)
    out = io.BytesIO()
    out.write(body)
    out.write(b"\nxref\n")
    for num in sorted(offsets):
        out.write(b"%d 1\n%010d 00000 n \n" % (num, offsets[num]))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size + 1, prev + len(xb), xref_pos + 1))
    return out.getvalue()


# 5 ------------------------------------------------------------------------------------
def shadow_base() -> bytes:
    """An unsigned PDF hiding a second content stream that no page uses yet."""
    data = plain_pdf()
    shadow = b"BT /F1 13 Tf 85 780 Td (KE HOACH CHI 999 TRIEU DONG) Tj ET"
    w = _writer(data)
    ref = _stream(w, shadow)
    # keep it reachable but unused: stash it in the catalog under a private key
    w.root["/NDShadow"] = ref
    w.update_root()
    return _finish(w)


def shadow_hide_replace(data: bytes) -> bytes:
    """Shadow hide-and-replace: after signing, page 1 switches to the stream already in the signed file."""
    w = _writer(data)
    shadow_ref = w.root.raw_get("/NDShadow")
    _ref, page = _page(w)
    page["/Contents"] = shadow_ref
    w.update_container(page)
    return _finish(w)


def shadow_hide(data: bytes) -> bytes:
    """Shadow hide: after signing, the visible content is dropped, leaving the shadow overlay."""
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    shadow_ref = w.root.raw_get("/NDShadow")
    _ref, page = _page(w)
    page["/Contents"] = generic.ArrayObject([shadow_ref])
    w.update_container(page)
    return _finish(w)


# 6 ------------------------------------------------------------------------------------
def _usf(data: bytes, *, byterange: bool, contents: str | None) -> bytes:
    """Universal Signature Forgery: a signature dictionary that cannot be verified."""
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    pref, page = _page(w)
    sig = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Sig"),
        generic.NameObject("/Filter"): generic.NameObject("/Adobe.PPKLite"),
        generic.NameObject("/SubFilter"): generic.NameObject("/adbe.pkcs7.detached"),
        generic.NameObject("/Name"): generic.TextStringObject("Nguyen Van An"),
    })
    if byterange:
        sig["/ByteRange"] = generic.ArrayObject([generic.NumberObject(v) for v in (0, 10, 20, 10)])
    if contents == "zero":
        sig["/Contents"] = generic.ByteStringObject(b"\x00" * 512)
    elif contents == "null":
        sig["/Contents"] = generic.NullObject()
    sref = w.add_object(sig)
    field = generic.DictionaryObject({
        generic.NameObject("/FT"): generic.NameObject("/Sig"),
        generic.NameObject("/T"): generic.TextStringObject("ChuKyGiaMao"),
        generic.NameObject("/V"): sref,
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(0)] * 4),
        generic.NameObject("/F"): generic.NumberObject(132),
        generic.NameObject("/P"): pref,
    })
    fref = w.add_object(field)
    form = w.root.get("/AcroForm")
    if form is None:
        form = generic.DictionaryObject({generic.NameObject("/Fields"): generic.ArrayObject()})
        w.root["/AcroForm"] = w.add_object(form)
        w.update_root()
    form = w.root["/AcroForm"]
    fields = form["/Fields"]
    fields.append(fref)
    w.update_container(form)
    annots = page.get("/Annots")
    annots = generic.ArrayObject(list(annots.get_object()) if annots is not None else [])
    annots.append(fref)
    page["/Annots"] = annots
    w.update_container(page)
    return _finish(w)


def usf_no_byterange(data: bytes) -> bytes:
    return _usf(data, byterange=False, contents="zero")


def usf_no_contents(data: bytes) -> bytes:
    return _usf(data, byterange=True, contents=None)


def usf_zero_contents(data: bytes) -> bytes:
    return _usf(data, byterange=True, contents="zero")


# 7 ------------------------------------------------------------------------------------
def unknown_subfilter(data: bytes) -> bytes:
    """The (only) signature claims a SubFilter pyHanko does not know: pyHanko skips it silently."""
    old = b"/SubFilter /adbe.pkcs7.detached"
    new = b"/SubFilter /x.nd30.unknown".ljust(len(old), b"x")
    assert old in data
    return data.replace(old, new)


# 8 ------------------------------------------------------------------------------------
def objects_after_eof(data: bytes) -> bytes:
    """An object appended after the final %%EOF without any xref."""
    return data + b"\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 99 0 R >>\nendobj\n"


# 9 ------------------------------------------------------------------------------------
def sneaky_signature(data: bytes) -> bytes:
    """A new, empty signature field whose appearance paints a fake signature."""
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    pref, page = _page(w)
    ap = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): generic.ArrayObject([generic.FloatObject(v) for v in (0, 0, 200, 40)]),
            generic.NameObject("/Resources"): generic.DictionaryObject({
                generic.NameObject("/Font"): generic.DictionaryObject({
                    generic.NameObject("/F1"): generic.DictionaryObject({
                        generic.NameObject("/Type"): generic.NameObject("/Font"),
                        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
                        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
                    })
                })
            }),
        },
        stream_data=b"BT /F1 9 Tf 2 25 Td (Nguoi ky: Pham Van Gia) Tj 0 -12 Td (Thoi gian ky: 01.01.2026 08:00:00 +07:00) Tj ET",
    )
    apref = w.add_object(ap)
    field = generic.DictionaryObject({
        generic.NameObject("/FT"): generic.NameObject("/Sig"),
        generic.NameObject("/T"): generic.TextStringObject("ChuKyPhu"),
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (300, 60, 500, 100)]),
        generic.NameObject("/F"): generic.NumberObject(4),
        generic.NameObject("/P"): pref,
        generic.NameObject("/AP"): generic.DictionaryObject({generic.NameObject("/N"): apref}),
    })
    fref = w.add_object(field)
    form = w.root["/AcroForm"]
    form["/Fields"].append(fref)
    w.update_container(form)
    annots = page.get("/Annots")
    annots = generic.ArrayObject(list(annots.get_object()) if annots is not None else [])
    annots.append(fref)
    page["/Annots"] = annots
    w.update_container(page)
    return _finish(w)


# 9b ----------------------------------------------------------------------------------
def form_base() -> bytes:
    """An unsigned PDF with a text form field holding an amount (forms are rare in Decree 30
    documents, but a field's value is drawn on the page like any text)."""
    from pyhanko.pdf_utils import generic

    w = _writer(plain_pdf())
    pref, page = _page(w)
    field = generic.DictionaryObject({
        generic.NameObject("/FT"): generic.NameObject("/Tx"),
        generic.NameObject("/T"): generic.TextStringObject("SoTien"),
        generic.NameObject("/V"): generic.TextStringObject("100.000.000"),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (85, 600, 300, 620)]),
        generic.NameObject("/P"): pref,
    })
    fref = w.add_object(field)
    w.root["/AcroForm"] = w.add_object(generic.DictionaryObject({generic.NameObject("/Fields"): generic.ArrayObject([fref])}))
    page["/Annots"] = generic.ArrayObject([fref])
    w.update_container(page)
    w.update_root()
    return _finish(w)


def form_value_changed(data: bytes) -> bytes:
    """After signing, the text field's value (an amount shown on the page) is changed."""
    from pyhanko.pdf_utils import generic

    w = _writer(data)
    form = w.root["/AcroForm"]
    for ref in form["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == "SoTien":
            field["/V"] = generic.TextStringObject("999.000.000")
            w.update_container(field)
    return _finish(w)


# 10 -----------------------------------------------------------------------------------
def agency_cut_off(data: bytes) -> bytes:
    """The agency's revision removed: the file ends where the official's signed revision ends."""
    m = re.search(rb"/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]", data)
    assert m
    end = int(m.group(3)) + int(m.group(4))
    return data[:end]


ATTACKS: dict[str, tuple[Callable[[bytes], bytes], str, set[str]]] = {
    "byte-changed": (byte_changed, "pair", {"SIG-INTEGRITY"}),
    "page-content-swap": (page_content_swap, "pair", {"SIG-COVERAGE"}),
    "annotation-added": (annotation_added, "pair", {"SIG-COVERAGE"}),
    "signature-wrapping": (signature_wrapping, "pair", {"SIG-COVERAGE"}),
    "shadow-hide": (shadow_hide, "shadow", {"SIG-COVERAGE"}),
    "shadow-hide-replace": (shadow_hide_replace, "shadow", {"SIG-COVERAGE"}),
    "usf-no-byterange": (usf_no_byterange, "pair", {"SIG-INTEGRITY", "SIG-COVERAGE"}),
    "usf-no-contents": (usf_no_contents, "pair", {"SIG-INTEGRITY", "SIG-COVERAGE"}),
    "usf-zero-contents": (usf_zero_contents, "pair", {"SIG-INTEGRITY", "SIG-COVERAGE"}),
    "unknown-subfilter": (unknown_subfilter, "single", {"SIG-COVERAGE", "SIG-PRESENT"}),
    "objects-after-eof": (objects_after_eof, "pair", {"SIG-COVERAGE"}),
    "sneaky-signature": (sneaky_signature, "pair", {"SIG-COVERAGE"}),
    "form-value-changed": (form_value_changed, "form", {"SIG-COVERAGE"}),
    "agency-cut-off": (agency_cut_off, "pair", {"SIG-PRESENT"}),
}


def bases(pki: Pki) -> dict[str, bytes]:
    """The genuine fixtures the attacks start from."""
    pair = official_then_agency(pki)
    single = sign(plain_pdf(), pki.agency, field="ChuKyCoQuan", pki=pki, box=(330, 110, 420, 200), text="UBND xa Phuong Tien")
    shadow = official_then_agency(pki, base=shadow_base())
    form = official_then_agency(pki, base=form_base())
    return {"pair": pair, "single": single, "shadow": shadow, "form": form}
