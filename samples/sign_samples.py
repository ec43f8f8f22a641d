"""Signing the compliant samples with the demo PKI, the way issued documents are signed.

* Main document: the official signs first, the agency last (Điều 13.7, 14.3). In a PDF the
  official's signature image (blue, transparent) sits between the title line and the name,
  and the agency's red seal covers the left third of it (PL I, Phần I, Mục II, 7.d, 8.a);
  a DOCX carries two Office package signatures in the same order. A biên bản is signed by
  the secretary and the chair, then the agency.
* Separate-file appendix: the agency signs; in a PDF the signature shows, at the top right
  of page 1, the main document's number/symbol and the signing time (ISO 8601, Vietnam
  time) in Times 10, no image (PL I, Phần I, Mục II, 8.b).

Certificates are made per sample from the sample's own facts (names in the signature block
and the header), so SIG-SIGNER-MATCH and SIG-AGENCY-MATCH hold. Signing times are the
document's date, in the morning, Vietnam time. Everything is deterministic.
"""

from __future__ import annotations

import io
import math
import random
from datetime import datetime, timedelta, timezone

from demo_pki import DemoPki, Signer
from layout import Spec

VN = timezone(timedelta(hours=7))


def signing_time(spec: Spec, minutes: int = 0) -> datetime:
    y, m, d = spec.date
    return datetime(y, m, d, 9, 0, 0, tzinfo=VN) + timedelta(minutes=minutes)


def signers_for(spec: Spec, pki: DemoPki) -> list[tuple[str, Signer, datetime]]:
    """(role, signer, time) in signing order."""
    agency = " ".join(spec.agency)
    if spec.appendix_only:
        return [("agency", pki.agency(agency, spec.parent), signing_time(spec, 60))]
    out = []
    if spec.secretary:
        out.append(("official", pki.official(spec.secretary[1], agency, spec.parent), signing_time(spec, -5)))
    out.append(("official", pki.official(spec.signer, agency, spec.parent), signing_time(spec)))
    out.append(("agency", pki.agency(agency, spec.parent), signing_time(spec, 5)))
    return out


def sign_docx_sample(spec: Spec, data: bytes, pki: DemoPki) -> bytes:
    """Office package signatures, official(s) first, agency last."""
    from ooxmlsign import sign_docx

    for role, who, when in signers_for(spec, pki):
        data = sign_docx(data, None, who.key, who.cert, time=when, extra_certs=who.chain,
                         comments="Ký ban hành" if role == "agency" else "Phê duyệt")
    return data


# ---------------------------------------------------------------------------------------------
# PDFs


def _words(pdf: bytes) -> list[tuple[int, float, float, float, str]]:
    """(page, x, y, font size, text) of every text chunk, in PDF coordinates (pypdf)."""
    from pypdf import PdfReader

    out: list[tuple[int, float, float, float, str]] = []
    reader = PdfReader(io.BytesIO(pdf))
    for pno, page in enumerate(reader.pages):
        def visit(text, cm, tm, font_dict, font_size, pno=pno):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                out.append((pno, x, y, font_size * (tm[3] or 1) * (cm[3] or 1), text.strip()))
        page.extract_text(visitor_text=visit)
    return out


def _find(words, text: str) -> tuple[int, float, float, float] | None:
    """Last place (page, x0, baseline, x1) where ``text`` is written on one line."""
    import unicodedata

    from docxgen import text_width_pt

    text = unicodedata.normalize("NFC", text)
    hits = []
    for pno, x, y, size, t in words:
        t = unicodedata.normalize("NFC", t)
        if text in t:
            lead = t[: t.index(text)]
            x0 = x + text_width_pt(lead, size)
            hits.append((pno, x0, y, x0 + text_width_pt(text, size)))
    return hits[-1] if hits else None


def signature_png(name: str, width: int = 300, height: int = 120):
    """A blue handwritten-looking signature on a transparent background (seeded by the name)."""
    from PIL import Image, ImageDraw

    rng = random.Random(name)
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pts = []
    loops = 3 + rng.randint(0, 2)
    for i in range(220):
        t = i / 219
        x = 20 + t * (width - 40)
        y = height / 2 + math.sin(t * math.pi * loops * 2 + rng.random() * 0.2) * (height * 0.28) * (1 - 0.5 * t)
        pts.append((x, y))
    d.line(pts, fill=(20, 40, 170, 255), width=5, joint="curve")
    d.line([(30, height * 0.78), (width - 40, height * 0.70)], fill=(20, 40, 170, 255), width=4)
    return img


def seal_png(size: int = 240):
    """A red seal: two rings and a star (a stand-in for the agency's seal)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (210, 20, 20, 235)
    d.ellipse((6, 6, size - 6, size - 6), outline=red, width=10)
    d.ellipse((46, 46, size - 46, size - 46), outline=red, width=5)
    c, r = size / 2, size * 0.2
    star = [(c + r * math.sin(k * 4 * math.pi / 5), c - r * math.cos(k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=red)
    return img


def sign_pdf_sample(spec: Spec, pdf: bytes, pki: DemoPki) -> bytes:
    """Visible PDF signatures placed where Decree 30 puts them (see the module docstring)."""
    from pdfsign import sign_pdf
    from pypdf import PdfReader

    words = _words(pdf)
    if spec.appendix_only:
        (role, who, when), = signers_for(spec, pki)
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        text = f"{spec.number_symbol}\n{when.isoformat()}"
        return sign_pdf(pdf, who.key, who.cert, chain=who.chain, field="ChuKyCoQuan", box=(w - 214, h - 64, w - 24, h - 12),
                        text=text, font="times", font_size=10, when=when)
    signers = signers_for(spec, pki)
    names = ([spec.secretary[1]] if spec.secretary else []) + [spec.signer]
    placed = []
    for (role, who, when), person in zip(signers, names):
        hit = _find(words, person)
        if hit is None:
            raise SystemExit(f"{spec.key}: cannot find the signer's name {person!r} in the PDF")
        pno, x0, base, x1 = hit
        cx = (x0 + x1) / 2
        box = (cx - 50, base + 16, cx + 50, base + 58)  # between the title line and the name
        pdf = sign_pdf(pdf, who.key, who.cert, chain=who.chain, field=f"ChuKy{len(placed) + 1}", box=box, page=pno,
                       image=signature_png(person), text="", font=None, when=when)
        placed.append((pno, box))
    role, who, when = signers[-1]
    pno, (bx0, by0, bx1, by1) = placed[-1]
    side = 62  # the seal covers about the left third of the official's signature image
    cy = (by0 + by1) / 2
    return sign_pdf(pdf, who.key, who.cert, chain=who.chain, field="ChuKyCoQuan", page=pno,
                    box=(bx0 - side / 2 + 8, cy - side / 2, bx0 + side / 2 + 8, cy + side / 2), image=seal_png(), text="",
                    font=None, when=when)
