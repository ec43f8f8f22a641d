"""Test PKI and PDF signing helpers, made at test time (no network, ~1 s).

Layout (all RSA 2048, SHA-256, Vietnamese UTF-8 subjects):

    root  "nd30check Test Root CA"
     └─ inter  "CA thử nghiệm phục vụ các cơ quan Nhà nước"   (CRL DP http://crl.nd30check.invalid/…)
         ├─ official  CN=Nguyễn Văn An, OU=VĂN PHÒNG, O=ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN
         ├─ agency    CN=Ủy ban nhân dân xã Phượng Tiến, O=Huyện Định Hóa, L=Thái Nguyên
         ├─ revoked   CN=Trần Thị Bình (listed in inter's CRL)
         └─ tsa       critical EKU timeStamping
    fake_root / fake_inter: same subject names as root / inter, other keys (look-alike CA)
     └─ impostor  CN=Ủy ban nhân dân xã Phượng Tiến (issued by fake_inter)

Every CMS embeds the signer's issuing CA (as real e-office software does not; it makes
"trust only the root" tests meaningful: embedded certificates may build the path but are
never anchors). Use :func:`get_pki` (cached per directory) from a session/module fixture.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cryptography import x509 as cx509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

# The certificate builder and the PDF signer are shared with the demo samples (samples/).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))
from demo_pki import build_cert  # noqa: E402
from demo_pki import name as _name  # noqa: E402
from pdfsign import ascii_text as _ascii  # noqa: E402,F401
from pdfsign import sign_pdf, unicode_font  # noqa: E402,F401

CRL_URL = "http://crl.nd30check.invalid/inter.crl"
ROOT_CRL_URL = "http://crl.nd30check.invalid/root.crl"


@dataclass
class Party:
    name: str
    key: Any  # cryptography private key
    cert: Any  # cryptography certificate
    issuer: "Party | None" = None

    @property
    def asn1_cert(self):
        from asn1crypto import x509

        return x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    @property
    def asn1_key(self):
        from asn1crypto import keys

        return keys.PrivateKeyInfo.load(
            self.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )


@dataclass
class Pki:
    dir: Path
    root: Party
    inter: Party
    official: Party
    agency: Party
    revoked: Party
    tsa: Party
    fake_root: Party
    fake_inter: Party
    impostor: Party
    files: dict[str, str] = field(default_factory=dict)  # "root", "inter", "chain", "crl", "root_crl", "fake_root"…


_KEYS: list[Any] = []


def _key() -> Any:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(subject: cx509.Name, key: Any, issuer: Party | None, *, ca: bool, serial: int, days: int = 3650,
          ku: dict | None = None, eku: list | None = None, eku_critical: bool = False, crl_url: str | None = None,
          not_before: datetime | None = None) -> Any:
    now = datetime.now(timezone.utc)
    nb = not_before or (now - timedelta(days=30))
    return build_cert(subject, key.public_key(), issuer.cert.subject if issuer else subject, issuer.key if issuer else key,
                      ca=ca, serial=serial, not_before=nb, not_after=nb + timedelta(days=days), ku=ku, eku=eku,
                      eku_critical=eku_critical, crl_url=crl_url)


def _party(name: str, subject: cx509.Name, issuer: Party | None, *, ca: bool, serial: int, **kw: Any) -> Party:
    key = _key()
    return Party(name, key, _cert(subject, key, issuer, ca=ca, serial=serial, **kw), issuer)


def _crl(issuer: Party, revoked: list[Party]) -> Any:
    now = datetime.now(timezone.utc)
    b = cx509.CertificateRevocationListBuilder().issuer_name(issuer.cert.subject)
    b = b.last_update(now - timedelta(hours=1)).next_update(now + timedelta(days=7))
    b = b.add_extension(cx509.CRLNumber(1), critical=False)
    b = b.add_extension(cx509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False)
    for p in revoked:
        b = b.add_revoked_certificate(
            cx509.RevokedCertificateBuilder().serial_number(p.cert.serial_number).revocation_date(now - timedelta(days=1)).build()
        )
    return b.sign(issuer.key, hashes.SHA256())


ROOT_SUBJECT = dict(C="VN", O="Ban Cơ yếu Thử nghiệm", CN="nd30check Test Root CA")
INTER_SUBJECT = dict(C="VN", O="Ban Cơ yếu Thử nghiệm", CN="CA thử nghiệm phục vụ các cơ quan Nhà nước")
OFFICIAL_SUBJECT = dict(C="VN", L="Thái Nguyên", O="ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN", OU="VĂN PHÒNG", CN="Nguyễn Văn An")
AGENCY_SUBJECT = dict(C="VN", L="Thái Nguyên", O="Huyện Định Hóa", CN="Ủy ban nhân dân xã Phượng Tiến")


def make_pki(directory: Path) -> Pki:
    directory.mkdir(parents=True, exist_ok=True)
    root = _party("root", _name(**ROOT_SUBJECT), None, ca=True, serial=1, days=7300, crl_url=None)
    inter = _party("inter", _name(**INTER_SUBJECT), root, ca=True, serial=2, days=3650, crl_url=ROOT_CRL_URL)
    official = _party("official", _name(**OFFICIAL_SUBJECT), inter, ca=False, serial=0x1001, days=730, crl_url=CRL_URL)
    agency = _party("agency", _name(**AGENCY_SUBJECT), inter, ca=False, serial=0x1002, days=730, crl_url=CRL_URL,
                    ku={"digital_signature": True})  # real agency certificates may lack nonRepudiation
    revoked = _party("revoked", _name(C="VN", O="ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN", OU="VĂN PHÒNG", CN="Trần Thị Bình"), inter,
                     ca=False, serial=0x1003, days=730, crl_url=CRL_URL)
    tsa = _party("tsa", _name(C="VN", O="Ban Cơ yếu Thử nghiệm", CN="Máy chủ cấp dấu thời gian thử nghiệm"), inter, ca=False,
                 serial=0x1004, days=3650, ku={"digital_signature": True}, eku=[ExtendedKeyUsageOID.TIME_STAMPING], eku_critical=True,
                 crl_url=CRL_URL)
    fake_root = _party("fake_root", _name(**ROOT_SUBJECT), None, ca=True, serial=1, days=7300)
    fake_inter = _party("fake_inter", _name(**INTER_SUBJECT), fake_root, ca=True, serial=2, days=3650)
    impostor = _party("impostor", _name(**AGENCY_SUBJECT), fake_inter, ca=False, serial=0x1002, days=730, crl_url=CRL_URL)
    pki = Pki(directory, root, inter, official, agency, revoked, tsa, fake_root, fake_inter, impostor)

    def pem(name: str, *parties: Party) -> None:
        path = directory / f"{name}.pem"
        path.write_bytes(b"".join(p.cert.public_bytes(serialization.Encoding.PEM) for p in parties))
        pki.files[name] = str(path)

    pem("root", root)
    pem("inter", inter)
    pem("chain", root, inter)
    pem("fake_root", fake_root)
    pem("fake_chain", fake_root, fake_inter)
    for name, crl in (("crl", _crl(inter, [revoked])), ("root_crl", _crl(root, []))):
        path = directory / f"{name}.crl"
        path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
        pki.files[name] = str(path)
    return pki


_CACHE: dict[str, Pki] = {}


def get_pki(directory: Path) -> Pki:
    key = str(directory)
    if key not in _CACHE:
        _CACHE[key] = make_pki(directory)
    return _CACHE[key]


# ---------------------------------------------------------------------------------------
# documents


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def plain_pdf(lines: list[str] | None = None, pages: int = 1) -> bytes:
    """A small unsigned A4 PDF (Helvetica, ASCII text), written by hand: deterministic bytes."""
    lines = lines or ["CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc", "So: 05/KH-UBND", "KE HOACH"]
    objs: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_obj = 3 + 2 * pages
    for i in range(pages):
        content = "BT /F1 13 Tf 85 780 Td 16 TL " + " ".join(f"{_pdf_string(l)} Tj T*" for l in lines) + f" ({i + 1}) Tj ET"
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 {font_obj} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        data = content.encode("latin-1")
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def seal_png(path: Path, color: tuple[int, int, int] = (220, 0, 0), size: int = 96) -> str:
    """A transparent PNG with a red ring (a stand-in for the agency seal), made with Pillow."""
    from PIL import Image, ImageDraw

    if not path.exists():
        img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        d.ellipse((4, 4, size - 4, size - 4), outline=color + (255,), width=6)
        d.ellipse((size // 3, size // 3, 2 * size // 3, 2 * size // 3), fill=color + (255,))
        img.save(path)
    return str(path)


def sign(
    data: bytes,
    who: Party,
    *,
    field: str,
    pki: Pki,
    box: tuple[float, float, float, float] | None = None,
    page: int = 0,
    text: str | None = None,
    image: str | None = None,
    timestamp: bool = False,
    font: str | None = "unicode",
    font_size: int = 10,
    md: str = "sha256",
    subfilter: str = "adbe",
    embed_issuer: bool = True,
    certify: int | None = None,
) -> bytes:
    """Add one signature (incremental update). ``box`` = visible widget (PDF coordinates).

    ``certify``: make it a certification signature with that DocMDP permission (1, 2 or 3).

    ``font``: "unicode" (rescaled serif TTF when installed, ASCII fallback), "times"
    (base-14 Times-Roman, ASCII text) or None (pyHanko's Courier).
    """
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    chain = [who.issuer.cert] if (embed_issuer and who.issuer) else []
    ts = DummyTimeStamper(pki.tsa.asn1_cert, pki.tsa.asn1_key, certs_to_embed=[pki.inter.asn1_cert]) if timestamp else None
    return sign_pdf(data, who.key, who.cert, field=field, chain=chain, box=box, page=page, text=text, image=image,
                    font=font, font_dir=pki.dir, font_size=font_size, md=md, subfilter=subfilter, timestamper=ts,
                    certify=certify)


def official_then_agency(pki: Pki, *, timestamp: bool = False, base: bytes | None = None, seal: str | None = None) -> bytes:
    """The Decree 30 pair: the official's visible signature, then the agency's seal over it."""
    data = base or plain_pdf()
    data = sign(data, pki.official, field="ChuKyNguoiKy", pki=pki, box=(360, 120, 540, 190), timestamp=timestamp,
                text="Người ký: Nguyễn Văn An\nThời gian ký: %s" % _now_vn())
    seal = seal or seal_png(pki.dir / "seal.png")
    return sign(data, pki.agency, field="ChuKyCoQuan", pki=pki, box=(330, 110, 420, 200), timestamp=timestamp,
                text="Ủy ban nhân dân xã Phượng Tiến", image=seal)


def appendix_signed(pki: Pki, number_symbol: str = "05/KH-UBND", *, image: str | None = None, font: str = "times",
                    font_size: int = 10, top_right: bool = True) -> bytes:
    """A separate-file appendix signed by the agency: number/symbol + time, top right of page 1."""
    data = plain_pdf(["PHU LUC", "Danh sach kem theo Ke hoach"])
    box = (400, 770, 585, 830) if top_right else (60, 60, 245, 120)
    text = f"{number_symbol}\n{_now_vn(iso=True)}"
    return sign(data, pki.agency, field="ChuKyPhuLuc", pki=pki, box=box, text=text, image=image, font=font, font_size=font_size)


def _now_vn(iso: bool = False) -> str:
    now = datetime.now(timezone(timedelta(hours=7))).replace(microsecond=0)
    return now.isoformat() if iso else now.strftime("%d.%m.%Y %H:%M:%S +07:00")


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG without Pillow (for hostile-input tests)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00\xff" * width for _ in range(height))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def doc_timestamp(data: bytes, pki: Pki) -> bytes:
    """Append a document timestamp (validation data after the last signature: allowed)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    ts = DummyTimeStamper(pki.tsa.asn1_cert, pki.tsa.asn1_key, certs_to_embed=[pki.inter.asn1_cert])
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    out = io.BytesIO()
    signers.PdfTimeStamper(ts).timestamp_pdf(w, "sha256", output=out)
    return out.getvalue()
