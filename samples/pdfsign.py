"""PDF signing with pyHanko for the demo samples and the signature tests (``tests/pki.py``).

One incremental update per signature, as e-office software writes them: an optional visible
widget (a box on a page) whose appearance is text (pyHanko's Courier, the base-14 Times-Roman
with ASCII text, or a Unicode TrueType font) over an optional image (a signature or a seal).

``when`` fixes the signing time; together with a seeded document ID and RSA (PKCS#1 v1.5:
deterministic) the same input gives the same bytes, so signed samples are reproducible.
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator


def asn1_cert(cert: Any) -> Any:
    """asn1crypto certificate from a cryptography one (or as is)."""
    from asn1crypto import x509 as ax509

    if isinstance(cert, ax509.Certificate):
        return cert
    from cryptography.hazmat.primitives import serialization

    return ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def asn1_key(key: Any) -> Any:
    from asn1crypto import keys

    if isinstance(key, keys.PrivateKeyInfo):
        return key
    from cryptography.hazmat.primitives import serialization

    return keys.PrivateKeyInfo.load(
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def ascii_text(text: str) -> str:
    """Vietnamese folded to ASCII (for base-14 fonts, which have no Vietnamese letters)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def unicode_font(cache_dir: Path) -> str | None:
    """A serif TrueType font rescaled to 1000 units/em (pyHanko 0.38 writes 2048-unit widths
    wrongly: text comes out widely spaced). None when no such font is installed."""
    for cand in ("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
                 "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"):
        if os.path.exists(cand):
            out = cache_dir / ("upem1000-" + os.path.basename(cand))
            if not out.exists():
                from fontTools.ttLib import TTFont
                from fontTools.ttLib.scaleUpem import scale_upem

                font = TTFont(cand)
                if font["head"].unitsPerEm != 1000:
                    scale_upem(font, 1000)
                font.save(str(out))
            return str(out)
    return None


@contextmanager
def _reproducible(seed: bytes | None, when: datetime | None) -> Iterator[None]:
    """pyHanko gives each revision a random second document ID (os.urandom) and stamps the
    clock into /ModDate; derive the ID from ``seed`` and stop the clock at ``when`` instead,
    so the output is reproducible."""
    if seed is None or when is None:
        yield
        return
    from pyhanko.pdf_utils.metadata import info, xmp_xml

    class _Frozen(datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001 - datetime's own signature
            return when if tz is None else when.astimezone(tz)

    real_urandom, saved = os.urandom, {m: m.datetime for m in (info, xmp_xml) if hasattr(m, "datetime")}
    os.urandom = lambda n: hashlib.sha256(seed).digest()[:n]  # type: ignore[assignment]
    for m in saved:
        m.datetime = _Frozen
    try:
        yield
    finally:
        os.urandom = real_urandom  # type: ignore[assignment]
        for m, v in saved.items():
            m.datetime = v


def sign_pdf(data: bytes, key: Any, cert: Any, *, field: str, chain: list[Any] = (), box: tuple | None = None,
             page: int = 0, text: str | None = None, image: Any = None, font: str | None = "unicode",
             font_dir: Path | None = None, font_size: int = 10, md: str = "sha256", subfilter: str = "adbe",
             timestamper: Any = None, when: datetime | None = None, certify: int | None = None) -> bytes:
    """Add one signature to ``data`` (an incremental update) and return the new bytes.

    ``certify``: a certification signature with that DocMDP permission (1, 2 or 3).

    ``box``: visible widget (PDF coordinates x0, y0, x1, y1) on ``page``; ``text`` and/or
    ``image`` (a PNG path or a PIL image) make its appearance. ``font``: "unicode" (a Unicode serif font
    when installed, else ASCII text), "times" (base-14 Times-Roman, ASCII text) or None
    (pyHanko's Courier). ``chain``: CA certificates embedded in the CMS (path building only).
    ``when``: fixed signing time (and a reproducible file).
    """
    from pyhanko.pdf_utils import images
    from pyhanko.pdf_utils.font.basic import SimpleFontEngineFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = signers.SimpleSigner(signing_cert=asn1_cert(cert), signing_key=asn1_key(key),
                                  cert_registry=SimpleCertificateStore.from_certs([asn1_cert(c) for c in chain]))
    meta = signers.PdfSignatureMetadata(
        field_name=field, md_algorithm=md,
        subfilter=SigSeedSubFilter.PADES if subfilter == "pades" else SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        **({"certify": True, "docmdp_permissions": MDPPerm(certify)} if certify else {}),
    )
    style = None
    spec = None
    if box is not None:
        spec = fields.SigFieldSpec(field, on_page=page, box=box)
        if text is not None or image is not None:
            factory = None
            shown = text or ""
            if font == "unicode":
                try:  # needs pyHanko[opentype] (uharfbuzz); otherwise Courier with ASCII text
                    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
                except ImportError:
                    GlyphAccumulatorFactory = None  # noqa: N806
                path = unicode_font(font_dir or Path("/tmp")) if GlyphAccumulatorFactory else None
                if path:
                    factory = GlyphAccumulatorFactory(path)
                else:
                    shown = ascii_text(shown)
            elif font == "times":
                factory = SimpleFontEngineFactory("Times-Roman", 0.5)
                shown = ascii_text(shown)
            box_style = TextBoxStyle(font=factory, font_size=font_size) if factory else TextBoxStyle(font_size=font_size)
            kw: dict[str, Any] = dict(stamp_text=shown.replace("%", "%%"), text_box_style=box_style, border_width=0)
            if image is not None:
                from PIL import Image

                pic = Image.open(image) if isinstance(image, str) else image
                tag = hashlib.sha256(pic.tobytes()).hexdigest()[:12]  # a stable resource name (pyHanko's is random)
                kw.update(background=images.PdfImage(pic, name=f"Img{tag}"), background_opacity=1.0)
            style = TextStampStyle(**kw)

    class _Signer(signers.PdfSigner):
        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            if when is not None:
                session.system_time = when
            return session

    seed = None if when is None else hashlib.sha256(data + field.encode() + when.isoformat().encode()).digest()
    out = io.BytesIO()
    with _reproducible(seed, when):
        w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        _Signer(meta, signer, timestamper=timestamper, stamp_style=style, new_field_spec=spec).sign_pdf(w, output=out)
    return out.getvalue()
