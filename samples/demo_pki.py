"""A DEMO public-key infrastructure for the bundled samples — never trust it for real documents.

Why: issued documents must carry the official's and the agency's digital signatures (Điều
13.7, 14.3), so unsigned "compliant" samples would all fail SIG-PRESENT and a newcomer's
first run would show 0 compliant files. The samples are therefore signed with this demo PKI,
whose root is trusted only through ``samples/nd30check.toml`` (the config file a run over
``samples/`` finds by itself). Nothing else trusts it: checked anywhere else, the same files
come out "issuer unknown".

    DEMO root   "nd30check DEMO Root CA (chỉ để thử)"
     └─ DEMO CA "CA DEMO cho cơ quan (chỉ để thử)"
         ├─ per sample: the official, CN = the signer's name in the signature block,
         │  O = the issuing agency as printed in the header
         └─ per sample: the agency, CN = the issuing agency's name (sentence case, as real
            agency certificates write it), O = the parent agency

The four RSA keys in ``samples/demo-pki/*.key.pem`` are committed on purpose (demo keys, no
secret: anyone may sign with them, which is exactly why only the samples' config trusts
them). With fixed keys, serial numbers and validity dates the certificates are the same
bytes on every run, and so are the signed samples (RSA PKCS#1 v1.5 signatures are
deterministic). The certificate builder is shared with the test PKI (``tests/pki.py``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).resolve().parent
PKI_DIR = HERE / "demo-pki"

ROOT_SUBJECT = dict(C="VN", O="nd30check DEMO", CN="nd30check DEMO Root CA (chỉ để thử)")
CA_SUBJECT = dict(C="VN", O="nd30check DEMO", CN="CA DEMO cho cơ quan (chỉ để thử)")
NOT_BEFORE = datetime(2025, 1, 1, tzinfo=timezone.utc)
ROOT_UNTIL = datetime(2045, 1, 1, tzinfo=timezone.utc)
CA_UNTIL = datetime(2040, 1, 1, tzinfo=timezone.utc)
LEAF_UNTIL = datetime(2031, 1, 1, tzinfo=timezone.utc)

_OIDS = {"CN": NameOID.COMMON_NAME, "O": NameOID.ORGANIZATION_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
         "L": NameOID.LOCALITY_NAME, "ST": NameOID.STATE_OR_PROVINCE_NAME, "C": NameOID.COUNTRY_NAME,
         "E": NameOID.EMAIL_ADDRESS}
_ORDER = ["C", "ST", "L", "O", "OU", "CN", "E"]


def name(**attrs: str) -> x509.Name:
    """An X.509 name in the order Vietnamese CAs write them (C, L, O, OU, CN)."""
    return x509.Name([x509.NameAttribute(_OIDS[k], attrs[k]) for k in _ORDER if k in attrs])


def build_cert(subject: x509.Name, public_key: Any, issuer_name: x509.Name, issuer_key: Any, *, ca: bool, serial: int,
               not_before: datetime, not_after: datetime, ku: dict | None = None, eku: list | None = None,
               eku_critical: bool = False, crl_url: str | None = None) -> x509.Certificate:
    """One certificate the way Vietnamese CAs issue them: basic constraints, key identifiers,
    key usage (CA: keyCertSign + cRLSign; signer: digitalSignature + nonRepudiation unless
    ``ku`` says otherwise), optional EKU and CRL distribution point. SHA-256."""
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    usage = dict(digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
                 key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)
    usage.update(ku or ({"key_cert_sign": True, "crl_sign": True} if ca else {"digital_signature": True, "content_commitment": True}))
    b = b.add_extension(x509.KeyUsage(**usage), critical=True)
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    if crl_url:
        b = b.add_extension(
            x509.CRLDistributionPoints([x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]),
            critical=False)
    return b.sign(issuer_key, hashes.SHA256())


# ---------------------------------------------------------------------------------------------
# the demo PKI


def _key(role: str) -> Any:
    """The committed demo key of ``role`` (made once, if missing: then commit it)."""
    path = PKI_DIR / f"{role}.key.pem"
    if not path.exists():
        PKI_DIR.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


@dataclass
class Signer:
    """A key and its certificate chain (leaf first), for the PDF and OOXML signers."""

    key: Any
    cert: x509.Certificate
    chain: list[x509.Certificate]


@dataclass
class DemoPki:
    root: Signer
    ca: Signer
    official_key: Any
    agency_key: Any

    def _serial(self, role: str, subject: x509.Name) -> int:
        digest = hashlib.sha256(role.encode() + subject.public_bytes()).digest()
        return int.from_bytes(digest[:8], "big") | 1 << 63  # positive, 64 bits, stable per subject

    def _leaf(self, role: str, subject: x509.Name, key: Any, ku: dict | None = None) -> Signer:
        cert = build_cert(subject, key.public_key(), self.ca.cert.subject, self.ca.key, ca=False,
                          serial=self._serial(role, subject), not_before=NOT_BEFORE, not_after=LEAF_UNTIL, ku=ku)
        return Signer(key, cert, [self.ca.cert])

    def official(self, person: str, agency: str, parent: str | None = None) -> Signer:
        """A personal certificate: CN = the name in the signature block, O = the agency."""
        attrs = dict(C="VN", L="Thái Nguyên", O=" ".join(agency.split()), CN=person)
        return self._leaf("official", name(**attrs), self.official_key)

    def agency(self, agency: str, parent: str | None = None) -> Signer:
        """An organisation certificate: CN = the agency in sentence case; O = its parent.
        Agency certificates may carry digitalSignature only (as real ones do)."""
        attrs = dict(C="VN", L="Thái Nguyên", CN=sentence_case(agency))
        if parent:
            attrs["O"] = sentence_case(parent)
        return self._leaf("agency", name(**attrs), self.agency_key, ku={"digital_signature": True})

    def crl(self, issuer: Signer) -> bytes:
        """An empty CRL of ``issuer`` (nothing revoked), valid over the whole demo period, so
        the samples show revocation as checked (``--crl``) instead of "unknown"."""
        b = (x509.CertificateRevocationListBuilder().issuer_name(issuer.cert.subject)
             .last_update(NOT_BEFORE).next_update(LEAF_UNTIL)
             .add_extension(x509.CRLNumber(1), critical=False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False))
        return b.sign(issuer.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def write_trust(self, folder: Path = PKI_DIR) -> list[Path]:
        """The demo root and CA as PEM files and their CRLs (what ``samples/nd30check.toml`` names)."""
        out = []
        files = [("demo-root.pem", self.root.cert.public_bytes(serialization.Encoding.PEM)),
                 ("demo-ca.pem", self.ca.cert.public_bytes(serialization.Encoding.PEM)),
                 ("demo-root.crl", self.crl(self.root)), ("demo-ca.crl", self.crl(self.ca))]
        for fname, data in files:
            path = folder / fname
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            out.append(path)
        return out


def demo_pki() -> DemoPki:
    root_key, ca_key = _key("demo-root"), _key("demo-ca")
    root_name, ca_name = name(**ROOT_SUBJECT), name(**CA_SUBJECT)
    root_cert = build_cert(root_name, root_key.public_key(), root_name, root_key, ca=True, serial=1,
                           not_before=NOT_BEFORE, not_after=ROOT_UNTIL)
    ca_cert = build_cert(ca_name, ca_key.public_key(), root_name, root_key, ca=True, serial=2,
                         not_before=NOT_BEFORE, not_after=CA_UNTIL)
    return DemoPki(Signer(root_key, root_cert, []), Signer(ca_key, ca_cert, [root_cert]),
                   _key("demo-official"), _key("demo-agency"))


_KEEP_UPPER = {"UBND", "HĐND", "THCS", "THPT", "GD&ĐT", "GDĐT", "LĐTB&XH", "VH", "TT&DL", "KH&ĐT", "MTTQ"}
_PLACE_WORDS = {"xã", "phường", "thị", "trấn", "huyện", "quận", "tỉnh", "thành", "phố", "thcs", "thpt"}


def sentence_case(text: str) -> str:
    """"ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN" → "Ủy ban nhân dân xã Phượng Tiến": the way agency
    certificates write names. Acronyms stay in capitals; the words after a place word (xã,
    huyện, tỉnh…, THCS, THPT) are a proper name and get capitals."""
    words = unicodedata.normalize("NFC", " ".join(text.split())).split(" ")
    out: list[str] = []
    proper = False
    for i, w in enumerate(words):
        if w.upper() in _KEEP_UPPER:
            out.append(w.upper())
            proper = True  # "Trường THCS Phượng Tiến", "Sở GD&ĐT Thái Nguyên"
            continue
        elif proper and w not in ("-", "&"):
            out.append(w[:1].upper() + w[1:].lower())
        else:
            low = w.lower()
            out.append(low[:1].upper() + low[1:] if i == 0 else low)
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if w.lower() == "xã" and nxt == "hội":  # "xã hội" (society) is no commune
            continue
        proper = proper or w.lower() in _PLACE_WORDS
        if w == "-":
            proper = False
    return " ".join(out)
