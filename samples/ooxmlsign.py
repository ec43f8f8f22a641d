"""OOXML package signer (ECMA-376 Part 2), the way Microsoft Office signs — for the demo
samples (``make_samples.py``) and the signature tests (``tests/ooxml_signer.py`` re-exports it).

Deliberately independent of ``nd30check.signatures.ooxml``: canonical forms are computed
from *standalone* strings (each signed element written with the namespace declarations it
inherits), the RelationshipTransform output is written as a string, so a bug shared by the
verifier's in-context C14N and this signer cannot make them agree only with each other.

Also offers ``rewrite_docx`` (byte surgery on parts, for tamper variants) and
``make_test_cert`` (a small self-signed certificate when the test PKI is not wanted).
"""

from __future__ import annotations

import base64
import hashlib
import io
import posixpath
import re
import zipfile
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable
from urllib.parse import quote
from xml.sax.saxutils import escape

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID
from lxml import etree

DSIG = "http://www.w3.org/2000/09/xmldsig#"
MDSSI = "http://schemas.openxmlformats.org/package/2006/digital-signature"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_ORIGIN = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
REL_SIG = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature"
CT_ORIGIN = "application/vnd.openxmlformats-package.digital-signature-origin"
CT_SIG = "application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml"
UNSIGNED_TYPES = {
    REL_ORIGIN,
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
}
#: The thumbnail relationship: Office 2010+ and Apache POI (OOXMLSignatureFacet, a copy of
#: Office's list of *signed* relationship types) leave it, and the thumbnail part, unsigned.
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
#: A tiny JPEG (SOI … EOI); Office writes a real one, the verifier only looks at the package.
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _c14n_standalone(xml: str) -> bytes:
    """C14N 1.0 of a complete, standalone document (no subtree: no lxml xmlns="" trap)."""
    return etree.tostring(etree.fromstring(xml.encode("utf-8"), _PARSER).getroottree(), method="c14n")


def _with_ns(element_xml: str, decls: str) -> str:
    """Insert namespace declarations into the start tag of ``element_xml``."""
    m = re.match(r"<([\w:.-]+)", element_xml)
    assert m, element_xml
    return element_xml[: m.end()] + " " + decls + element_xml[m.end():]


def _attr(v: str) -> str:
    """Attribute value escaped the way C14N writes it."""
    return v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace("\t", "&#x9;").replace("\n", "&#xA;").replace("\r", "&#xD;")


def _parse_rels(data: bytes) -> list[dict[str, str]]:
    root = etree.fromstring(data, _PARSER)
    return [dict(el.attrib) for el in root if el.tag == f"{{{RELS}}}Relationship"]


def rels_transform_c14n(data: bytes, ids: Iterable[str]) -> bytes:
    """RelationshipTransform + C14N, written directly as the canonical string."""
    wanted = set(ids)
    chosen = sorted((r for r in _parse_rels(data) if r.get("Id") in wanted), key=lambda r: r["Id"])
    out = [f'<Relationships xmlns="{RELS}">']
    for r in chosen:
        attrs = dict(r)
        attrs.setdefault("TargetMode", "Internal")
        out.append("<Relationship" + "".join(f' {k}="{_attr(attrs[k])}"' for k in sorted(attrs)) + "></Relationship>")
    out.append("</Relationships>")
    return "".join(out).encode("utf-8")


def _content_types(data: bytes) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(data, _PARSER)
    defaults, overrides = {}, {}
    for el in root:
        if el.tag.endswith("}Default"):
            defaults[el.get("Extension").lower()] = el.get("ContentType")
        elif el.tag.endswith("}Override"):
            overrides[el.get("PartName").lower()] = el.get("ContentType")
    return defaults, overrides


def _ct_of(cts: tuple[dict[str, str], dict[str, str]], name: str) -> str:
    defaults, overrides = cts
    pn = "/" + name
    return overrides.get(pn.lower()) or defaults[posixpath.basename(name).rpartition(".")[2].lower()]


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class _Parts(dict):
    """Part name → bytes, remembering each part's zip entry (timestamp, compression)."""

    infos: dict[str, zipfile.ZipInfo]


def _read_zip(src: "str | bytes") -> _Parts:
    """The parts of a package given as a path or as bytes."""
    with zipfile.ZipFile(io.BytesIO(src) if isinstance(src, (bytes, bytearray)) else src) as zf:
        parts = _Parts((n, zf.read(n)) for n in zf.namelist())
        parts.infos = {i.filename: i for i in zf.infolist()}
    return parts


def _write_zip(dst: "str | None", parts: dict[str, bytes]) -> bytes | None:
    """Write the package to ``dst`` (or return its bytes when ``dst`` is None). Entries keep
    their original timestamp and compression; new ones take the first entry's timestamp, so
    signing the same package twice gives the same bytes (the samples are reproducible)."""
    infos = getattr(parts, "infos", {})
    stamp = next(iter(infos.values())).date_time if infos else None
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            old = infos.get(n)
            if old is not None:
                info = zipfile.ZipInfo(n, date_time=old.date_time)
                info.compress_type = old.compress_type
            elif stamp is not None:
                info = zipfile.ZipInfo(n, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
            else:
                zf.writestr(n, data)
                continue
            zf.writestr(info, data)
    if dst is None:
        return buf.getvalue()
    with open(dst, "wb") as fh:
        fh.write(buf.getvalue())
    return None


def _utc(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _rfc2253(name: x509.Name) -> str:
    return name.rfc4514_string()


def sign_docx(src: "str | bytes", dst: "str | None", key, cert: x509.Certificate, *, time: datetime | None = None,
              parts: Iterable[str] | None = None, digest: str = "sha256", extra_certs: Iterable[x509.Certificate] = (),
              xades: bool = True, signature_time: datetime | None = None,
              comments: str = "Phê duyệt", xml_c14n: bool = False,
              rel_types: dict[str, list[str]] | None = None, office_thumbnail: bool = False) -> bytes | None:
    """Add one Office-style package signature to ``src``, written to ``dst`` (may be the same).
    ``src`` may be the package's bytes; with ``dst=None`` the signed bytes are returned.

    ``parts``: the part names to sign (default: every part except the metadata Office leaves
    unsigned and the signature parts). ``signature_time`` overrides the mdssi:SignatureTime
    (default: ``time``), to make the two claimed times disagree. ``xml_c14n``: digest XML
    parts through a C14N transform (allowed by the standard; Office digests raw bytes).
    ``rel_types``: {rels part: [relationship types]} selected by SourceType instead of Id.
    ``office_thumbnail``: leave the thumbnail (relationship and part) unsigned, as Office and
    POI do (off by default: the demo samples sign it, and their outputs stay as committed).
    """
    time = time or datetime.now(timezone.utc)
    signature_time = signature_time or time
    pkg = _read_zip(src)
    halg, dm_uri = (hashlib.sha256, SHA256) if digest == "sha256" else (hashlib.sha1, SHA1)

    def b64digest(data: bytes) -> str:
        return base64.b64encode(halg(data).digest()).decode()

    # Which parts and relationships Office would sign.
    pkg_rels = _parse_rels(pkg["_rels/.rels"])
    unsigned = {"[Content_Types].xml"}
    left_out = UNSIGNED_TYPES | ({THUMBNAIL_REL} if office_thumbnail else set())
    for r in pkg_rels:
        if r.get("Type") in left_out:
            unsigned.add(_resolve("", r["Target"]))
    candidates = [n for n in pkg if n not in unsigned and not n.startswith("_xmlsignatures/") and not n.endswith("/")]
    chosen = list(parts) if parts is not None else candidates
    cts = _content_types(pkg["[Content_Types].xml"])

    refs = []
    for name in sorted(chosen):
        ct = _ct_of(cts, name)
        uri = f"/{quote(name, safe='/')}?ContentType={ct}"
        if name.endswith(".rels"):
            rels = _parse_rels(pkg[name])
            ids = [r["Id"] for r in rels if not (name == "_rels/.rels" and r.get("Type") in left_out)]
            sel = "".join(f'<mdssi:RelationshipReference xmlns:mdssi="{MDSSI}" SourceId="{i}"/>' for i in ids)
            if rel_types is not None and name in rel_types:
                # Select by type (RelationshipsGroupReference) instead of by Id.
                types = rel_types[name]
                ids = [r["Id"] for r in rels if r.get("Type") in types]
                sel = "".join(f'<mdssi:RelationshipsGroupReference xmlns:mdssi="{MDSSI}" SourceType="{escape(t)}"/>'
                              for t in types)
            refs.append(
                f'<Reference URI="{escape(uri)}"><Transforms>'
                f'<Transform Algorithm="http://schemas.openxmlformats.org/package/2006/RelationshipTransform">{sel}</Transform>'
                f'<Transform Algorithm="{C14N}"/></Transforms>'
                f'<DigestMethod Algorithm="{dm_uri}"/><DigestValue>{b64digest(rels_transform_c14n(pkg[name], ids))}</DigestValue></Reference>')
        elif xml_c14n and name.endswith(".xml"):
            canon = etree.tostring(etree.fromstring(pkg[name], _PARSER).getroottree(), method="c14n")
            refs.append(f'<Reference URI="{escape(uri)}"><Transforms><Transform Algorithm="{C14N}"/></Transforms>'
                        f'<DigestMethod Algorithm="{dm_uri}"/><DigestValue>{b64digest(canon)}</DigestValue></Reference>')
        else:
            refs.append(f'<Reference URI="{escape(uri)}"><DigestMethod Algorithm="{dm_uri}"/>'
                        f'<DigestValue>{b64digest(pkg[name])}</DigestValue></Reference>')

    package_object = (
        '<Object Id="idPackageObject"><Manifest>' + "".join(refs) + '</Manifest>'
        '<SignatureProperties><SignatureProperty Id="idSignatureTime" Target="#idPackageSignature">'
        f'<mdssi:SignatureTime xmlns:mdssi="{MDSSI}"><mdssi:Format>YYYY-MM-DDThh:mm:ssTZD</mdssi:Format>'
        f'<mdssi:Value>{_utc(signature_time)}</mdssi:Value></mdssi:SignatureTime>'
        '</SignatureProperty></SignatureProperties></Object>')
    office_object = (
        '<Object Id="idOfficeObject"><SignatureProperties>'
        '<SignatureProperty Id="idOfficeV1Details" Target="#idPackageSignature">'
        '<SignatureInfoV1 xmlns="http://schemas.microsoft.com/office/2006/digsig">'
        '<SetupID></SetupID><SignatureText></SignatureText><SignatureImage/>'
        f'<SignatureComments>{escape(comments)}</SignatureComments><WindowsVersion>10.0</WindowsVersion>'
        '<OfficeVersion>16.0</OfficeVersion><ApplicationVersion>16.0</ApplicationVersion><Monitors>1</Monitors>'
        '<HorizontalResolution>1920</HorizontalResolution><VerticalResolution>1080</VerticalResolution>'
        '<ColorDepth>32</ColorDepth><SignatureProviderId>{00000000-0000-0000-0000-000000000000}</SignatureProviderId>'
        '<SignatureProviderUrl></SignatureProviderUrl><SignatureProviderDetails>9</SignatureProviderDetails>'
        '<SignatureType>1</SignatureType></SignatureInfoV1></SignatureProperty></SignatureProperties></Object>')
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    signed_props = (
        '<xd:SignedProperties Id="idSignedProperties"><xd:SignedSignatureProperties>'
        f'<xd:SigningTime>{_utc(time)}</xd:SigningTime><xd:SigningCertificate><xd:Cert><xd:CertDigest>'
        f'<DigestMethod Algorithm="{dm_uri}"/><DigestValue>{b64digest(cert_der)}</DigestValue></xd:CertDigest>'
        f'<xd:IssuerSerial><X509IssuerName>{escape(_rfc2253(cert.issuer))}</X509IssuerName>'
        f'<X509SerialNumber>{cert.serial_number}</X509SerialNumber></xd:IssuerSerial></xd:Cert></xd:SigningCertificate>'
        '<xd:SignaturePolicyIdentifier><xd:SignaturePolicyImplied/></xd:SignaturePolicyIdentifier>'
        '</xd:SignedSignatureProperties></xd:SignedProperties>')
    xades_object = (f'<Object><xd:QualifyingProperties xmlns:xd="{XADES}" Target="#idPackageSignature">'
                    + signed_props + '</xd:QualifyingProperties></Object>') if xades else ""

    dsig_ns = f'xmlns="{DSIG}"'
    si_refs = [
        ("#idPackageObject", ' Type="http://www.w3.org/2000/09/xmldsig#Object"', "", _c14n_standalone(_with_ns(package_object, dsig_ns))),
        ("#idOfficeObject", ' Type="http://www.w3.org/2000/09/xmldsig#Object"', "", _c14n_standalone(_with_ns(office_object, dsig_ns))),
    ]
    if xades:
        si_refs.append(("#idSignedProperties", ' Type="http://uri.etsi.org/01903#SignedProperties"',
                        f'<Transforms><Transform Algorithm="{C14N}"/></Transforms>',
                        _c14n_standalone(_with_ns(signed_props, f'{dsig_ns} xmlns:xd="{XADES}"'))))
    if isinstance(key, rsa.RSAPrivateKey):
        sm = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" if digest == "sha256" else "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
    else:
        sm = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    signed_info = (
        f'<SignedInfo><CanonicalizationMethod Algorithm="{C14N}"/><SignatureMethod Algorithm="{sm}"/>'
        + "".join(f'<Reference{t} URI="{u}">{tr}<DigestMethod Algorithm="{dm_uri}"/><DigestValue>{b64digest(d)}</DigestValue></Reference>'
                  for u, t, tr, d in si_refs)
        + '</SignedInfo>')
    to_sign = _c14n_standalone(_with_ns(signed_info, dsig_ns))
    hobj = hashes.SHA256() if digest == "sha256" else hashes.SHA1()
    if isinstance(key, rsa.RSAPrivateKey):
        value = key.sign(to_sign, padding.PKCS1v15(), hobj)
    else:
        r, s = decode_dss_signature(key.sign(to_sign, ec.ECDSA(hashes.SHA256())))
        size = (key.curve.key_size + 7) // 8
        value = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    certs = [cert, *extra_certs]
    key_info = "<KeyInfo><X509Data>" + "".join(
        f"<X509Certificate>{base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode()}</X509Certificate>"
        for c in certs) + "</X509Data></KeyInfo>"
    sig_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Signature xmlns="{DSIG}" Id="idPackageSignature">'
               + signed_info + f"<SignatureValue>{base64.b64encode(value).decode()}</SignatureValue>" + key_info
               + package_object + office_object + xades_object + "</Signature>")

    # Put it in the package: origin part, its relationships, content types, package rel.
    n = 1
    while f"_xmlsignatures/sig{n}.xml" in pkg:
        n += 1
    sig_name = f"_xmlsignatures/sig{n}.xml"
    pkg.setdefault("_xmlsignatures/origin.sigs", b"")
    origin_rels = "_xmlsignatures/_rels/origin.sigs.rels"
    existing = pkg.get(origin_rels, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{RELS}"></Relationships>'.encode())
    pkg[origin_rels] = existing.replace(
        b"</Relationships>", f'<Relationship Id="rId{n}" Type="{REL_SIG}" Target="sig{n}.xml"/></Relationships>'.encode())
    pkg[sig_name] = sig_xml.encode("utf-8")
    if not any(r.get("Type") == REL_ORIGIN for r in pkg_rels):
        rid = "rIdSig"
        pkg["_rels/.rels"] = pkg["_rels/.rels"].replace(
            b"</Relationships>", f'<Relationship Id="{rid}" Type="{REL_ORIGIN}" Target="_xmlsignatures/origin.sigs"/></Relationships>'.encode())
    ct = pkg["[Content_Types].xml"]
    if b'Extension="sigs"' not in ct:
        ct = ct.replace(b"</Types>", f'<Default Extension="sigs" ContentType="{CT_ORIGIN}"/></Types>'.encode())
    ct = ct.replace(b"</Types>", f'<Override PartName="/{sig_name}" ContentType="{CT_SIG}"/></Types>'.encode())
    pkg["[Content_Types].xml"] = ct
    return _write_zip(dst, pkg)


def add_thumbnail(src: str, dst: str, *, name: str = "docProps/thumbnail.jpeg", data: bytes = TINY_JPEG) -> None:
    """Add the thumbnail Word writes ("Save thumbnail"): the part, its package relationship and
    (for .jpeg) the Default content type."""
    pkg = _read_zip(src)
    pkg[name] = data
    rels = pkg["_rels/.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", f'<Relationship Id="rIdThumb" Type="{THUMBNAIL_REL}" Target="{name}"/></Relationships>')
    pkg["_rels/.rels"] = rels.encode("utf-8")
    ct = pkg["[Content_Types].xml"].decode("utf-8")
    ext = name.rpartition(".")[2]
    if f'Extension="{ext}"' not in ct:
        ct = ct.replace("</Types>", f'<Default Extension="{ext}" ContentType="image/{"jpeg" if ext in ("jpg", "jpeg") else ext}"/></Types>')
    pkg["[Content_Types].xml"] = ct.encode("utf-8")
    _write_zip(dst, pkg)


def rewrite_docx(src: str, dst: str, changes: dict[str, bytes | None | Callable[[bytes], bytes]]) -> None:
    """Copy a package, replacing (bytes), transforming (callable) or deleting (None) parts; new names are added."""
    pkg = _read_zip(src)
    for name, change in changes.items():
        if change is None:
            pkg.pop(name, None)
        elif callable(change):
            pkg[name] = change(pkg[name])
        else:
            pkg[name] = change
    _write_zip(dst, pkg)


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_test_ca(cn: str = "nd30check OOXML test CA", *, org: str = "nd30check tests", days: int = 3650):
    """A throw-away root CA (key, cert) for chain tests; same ``cn`` twice = a look-alike CA."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(cn, org)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(start + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_test_cert(cn: str, *, org: str = "Ủy ban nhân dân xã Phượng Tiến", key_type: str = "rsa",
                   key=None, days: int = 365, not_before: datetime | None = None, issuer=None):
    """Test certificate (key, cert): self-signed, or issued by ``issuer`` = (ca_key, ca_cert)."""
    if key is None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if key_type == "rsa" else ec.generate_private_key(ec.SECP256R1())
    name = _name(cn, org)
    start = not_before or datetime(2025, 1, 1, tzinfo=timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(start + timedelta(days=days))
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True))
    if issuer is None:
        cert = builder.issuer_name(name).sign(key, hashes.SHA256())
    else:
        ca_key, ca_cert = issuer
        cert = (builder.issuer_name(ca_cert.subject)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
                .sign(ca_key, hashes.SHA256()))
    return key, cert
