"""XML-DSig of one OOXML signature part: SignedInfo, signature value, XAdES signing
certificate, the Manifest of signed parts (with the RelationshipTransform for ``.rels``).

Cryptography only: which parts a signature covers is recorded in :class:`Result`; whether
that is the whole package is ``coverage.py``'s question, whose certificate it is ``__init__``'s.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import unquote

from lxml import etree

from .package import (
    C14N_METHODS, DIGESTS, DSIG, MAX_REFERENCES, MAX_XML_BYTES, MDSSI, REL_TRANSFORM, RELS_NS, SIG_METHODS,
    XADES_NS, XADES_SIGNED_PROPS_TYPE, Package, SigError, _norm_part, _PARSER, c14n, parse_xml,
)

# --------------------------------------------------------------------------- relationship transform


def relationship_transform(data: bytes, ids: set[str], types: set[str], *, legacy_xmlsec: bool = False) -> bytes:
    """ECMA-376 Part 2 §13.2.4.24 RelationshipTransform followed by C14N (inclusive, 1.0).

    Keeps the Relationship elements selected by SourceId/SourceType, adds
    ``TargetMode="Internal"`` when absent, sorts them by Id (ordinal); nothing else survives.

    ``legacy_xmlsec`` reproduces the old libxmlsec (LibreOffice 7.4) output: every other child
    node of ``Relationships`` — in practice whitespace text — comes out first as an empty
    element named after the libxml2 node (``<text></text>``, ``<comment></comment>``). It
    selects the same relationships, so it is accepted, with a warning.
    """
    root = parse_xml(data, ".rels").getroot()
    if root.tag != f"{{{RELS_NS}}}Relationships":
        raise SigError("malformed-signature", "not a relationships part")
    chosen: dict[str, etree._Element] = {}
    junk: list[str] = []
    if root.text:
        junk.append("text")
    for el in root:
        if el.tag == f"{{{RELS_NS}}}Relationship":
            rid = el.get("Id") or ""
            if rid in ids or (el.get("Type") or "") in types:
                if rid in chosen:
                    raise SigError("duplicate-id", f"relationship {rid}")
                chosen[rid] = el
        elif el.tag is etree.Comment:
            junk.append("comment")
        elif el.tag is etree.PI:
            junk.append(el.target)
        if el.tail:
            junk.append("text")
    out = [f'<Relationships xmlns="{RELS_NS}">']
    if legacy_xmlsec:
        out.extend(f"<{name}></{name}>" for name in junk)
    for rid in sorted(chosen, key=lambda s: [ord(c) for c in s]):
        attrs = dict(chosen[rid].attrib)
        if not attrs.get("TargetMode"):
            attrs["TargetMode"] = "Internal"
        if any(k.startswith("{") for k in attrs):
            raise SigError("transform-not-allowed", "namespaced attribute on a Relationship")
        out.append("<Relationship" + "".join(f' {k}="{_c14n_attr(attrs[k])}"' for k in sorted(attrs)) + "></Relationship>")
    out.append("</Relationships>")
    # Written as text and parsed back: elements built in memory are where lxml's spurious
    # xmlns="" comes from; a parsed document canonicalises right.
    return etree.tostring(etree.fromstring("".join(out).encode("utf-8"), _PARSER).getroottree(), method="c14n")


def _c14n_attr(v: str) -> str:
    return (v.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("\t", "&#x9;").replace("\n", "&#xA;").replace("\r", "&#xD;"))


# --------------------------------------------------------------------------- one signature


@dataclass
class Ref:
    uri: str
    digest_algo: str
    digest_value: bytes
    transforms: list[etree._Element]
    type: str | None


@dataclass
class Result:
    intact: bool = False
    covered_parts: set[str] = field(default_factory=set)
    covered_rels: dict[str, set[str] | None] = field(default_factory=dict)  # rels part → Ids (None = all)
    covered_rel_types: dict[str, set[str]] = field(default_factory=dict)
    signed_types: dict[str, str] = field(default_factory=dict)  # part → content type in the URI
    problems: list[tuple[str, str]] = field(default_factory=list)
    cert_der: bytes | None = None
    other_certs: list[bytes] = field(default_factory=list)
    signature_method: str | None = None
    digests: set[str] = field(default_factory=set)
    signature_time: datetime | None = None
    signing_time: datetime | None = None

    def problem(self, code: str, detail: str = "") -> None:
        self.problems.append((code, detail))


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _b64(text: str | None) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError):
        raise SigError("malformed-signature", "bad base64") from None


def _one(parent: etree._Element, tag: str, *, required: bool = True) -> etree._Element | None:
    found = [c for c in parent if c.tag == tag]
    if len(found) > 1 or (required and not found):
        raise SigError("malformed-signature", f"expected one {tag.split('}')[-1]} in {parent.tag.split('}')[-1]}")
    return found[0] if found else None


def _parse_ref(ref: etree._Element) -> Ref:
    dm = _one(ref, _q(DSIG, "DigestMethod"))
    algo = DIGESTS.get(dm.get("Algorithm") or "")
    if algo is None:
        raise SigError("unsupported-algorithm", dm.get("Algorithm") or "")
    dv = _one(ref, _q(DSIG, "DigestValue"))
    tr = _one(ref, _q(DSIG, "Transforms"), required=False)
    transforms = [t for t in tr if isinstance(t.tag, str)] if tr is not None else []
    for t in transforms:
        if t.tag != _q(DSIG, "Transform"):
            raise SigError("malformed-signature", "bad Transforms")
    return Ref(ref.get("URI") or "", algo, _b64(dv.text), transforms, ref.get("Type"))


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    s = text.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _verify_signature_value(cert_der: bytes, method: str, data: bytes, value: bytes) -> tuple[str, int]:
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    try:
        cert = x509.load_der_x509_certificate(cert_der)
        key = cert.public_key()
    except Exception as exc:  # noqa: BLE001 - any parse failure is a bad certificate
        raise SigError("certificate-unreadable", str(exc)) from None
    key_type, algo = SIG_METHODS[method]
    h = getattr(hashes, algo.upper())()
    try:
        if key_type == "RSA":
            if not isinstance(key, rsa.RSAPublicKey):
                raise SigError("signature-value-invalid", "key is not RSA")
            key.verify(value, data, padding.PKCS1v15(), h)
            return "RSA", key.key_size
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise SigError("signature-value-invalid", "key is not EC")
        if len(value) % 2:
            raise SigError("signature-value-invalid", "odd ECDSA signature length")
        half = len(value) // 2
        der = encode_dss_signature(int.from_bytes(value[:half], "big"), int.from_bytes(value[half:], "big"))
        key.verify(der, data, ec.ECDSA(h))
        return "EC", key.curve.key_size
    except InvalidSignature:
        raise SigError("signature-value-invalid") from None


def _transform_chain(ref: Ref, *, for_part: bool) -> tuple[tuple[set[str], set[str]] | None, tuple[bool, bool] | None]:
    """Split transforms into (relationship selection, c14n mode); reject anything else."""
    rel_sel: tuple[set[str], set[str]] | None = None
    mode: tuple[bool, bool] | None = None
    for i, t in enumerate(ref.transforms):
        alg = t.get("Algorithm") or ""
        if alg == REL_TRANSFORM and for_part and i == 0:
            ids: set[str] = set()
            types: set[str] = set()
            for sel in t:
                if sel.tag == _q(MDSSI, "RelationshipReference"):
                    ids.add(sel.get("SourceId") or "")
                elif sel.tag == _q(MDSSI, "RelationshipsGroupReference"):
                    types.add(sel.get("SourceType") or "")
                elif isinstance(sel.tag, str):
                    raise SigError("transform-not-allowed", "unknown relationship selector")
            rel_sel = (ids, types)
        elif alg in C14N_METHODS and mode is None and i == len(ref.transforms) - 1:
            mode = C14N_METHODS[alg]
        else:
            raise SigError("transform-not-allowed", alg)
    return rel_sel, mode


def _verify_part_ref(pkg: Package, ref: Ref, res: Result) -> None:
    """One Manifest reference: URI + content type, transforms, digest."""
    uri = ref.uri
    if not uri.startswith("/"):
        raise SigError("malformed-signature", f"manifest URI {uri!r}")
    path, _, query = uri.partition("?")
    part = _norm_part(unquote(path))
    signed_ct = None
    if query:
        m = re.fullmatch(r"ContentType=(.*)", query)
        if not m:
            raise SigError("malformed-signature", f"manifest URI {uri!r}")
        signed_ct = unquote(m.group(1))
    if not pkg.has(part):
        raise SigError("manifest-part-missing", "/" + part)
    part = pkg.find(part) or part  # OPC names are case-insensitive: record the zip entry's own
    rel_sel, mode = _transform_chain(ref, for_part=True)
    is_rels = part.endswith(".rels")
    if rel_sel is not None and not is_rels:
        raise SigError("transform-not-allowed", "RelationshipTransform on a non-.rels part")
    if rel_sel is not None:
        if mode != (False, False):
            raise SigError("transform-not-allowed", "RelationshipTransform without C14N")
        data = pkg.read(part, MAX_XML_BYTES)
        got = hashlib.new(ref.digest_algo, relationship_transform(data, *rel_sel)).digest()
        if got != ref.digest_value:
            alt = hashlib.new(ref.digest_algo, relationship_transform(data, *rel_sel, legacy_xmlsec=True)).digest()
            if alt != ref.digest_value:
                raise SigError("part-digest-mismatch", "/" + part)
            res.problem("rels-digest-nonstandard", "/" + part)
        prev = res.covered_rels.get(part, set())
        if prev is not None:
            res.covered_rels[part] = prev | rel_sel[0]
        res.covered_rel_types.setdefault(part, set()).update(rel_sel[1])
    elif mode is not None:
        tree = pkg.xml(part)
        got = hashlib.new(ref.digest_algo, etree.tostring(tree, method="c14n", exclusive=mode[0], with_comments=mode[1])).digest()
        if got != ref.digest_value:
            raise SigError("part-digest-mismatch", "/" + part)
        if is_rels:
            res.covered_rels[part] = None
    else:
        if pkg.digest(part, ref.digest_algo) != ref.digest_value:
            raise SigError("part-digest-mismatch", "/" + part)
        if is_rels:
            res.covered_rels[part] = None
    res.digests.add(ref.digest_algo)
    res.covered_parts.add(part)
    if signed_ct is not None:
        if part in res.signed_types and res.signed_types[part] != signed_ct:
            raise SigError("content-type-mismatch", "/" + part)
        res.signed_types[part] = signed_ct
    elif not is_rels:
        res.signed_types.setdefault(part, "")


def _ids(root: etree._Element) -> dict[str, etree._Element]:
    """Every Id in the signature; a repeated Id is refused (signature wrapping)."""
    ids: dict[str, etree._Element] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("Id", "ID", "id"):
            v = el.get(attr)
            if v is not None:
                if v in ids:
                    raise SigError("duplicate-id", v)
                ids[v] = el
    return ids


def _signed_info(root: etree._Element, res: Result) -> tuple[etree._Element, etree._Element, tuple[bool, bool], str]:
    si = _one(root, _q(DSIG, "SignedInfo"))
    sv = _one(root, _q(DSIG, "SignatureValue"))
    cm = _one(si, _q(DSIG, "CanonicalizationMethod"))
    sm = _one(si, _q(DSIG, "SignatureMethod"))
    if cm.get("Algorithm") not in C14N_METHODS:
        raise SigError("unsupported-algorithm", cm.get("Algorithm") or "")
    method = sm.get("Algorithm") or ""
    if method not in SIG_METHODS:
        raise SigError("unsupported-algorithm", method)
    if len(sm):
        raise SigError("unsupported-algorithm", "SignatureMethod parameters (HMAC output length) are refused")
    res.signature_method = method
    res.digests.add(SIG_METHODS[method][1])
    return si, sv, C14N_METHODS[cm.get("Algorithm")], method


def _keyinfo_certs(root: etree._Element) -> list[bytes]:
    ki = _one(root, _q(DSIG, "KeyInfo"), required=False)
    certs = [_b64(c.text) for xd in (ki.iter(_q(DSIG, "X509Data")) if ki is not None else ()) for c in xd.iter(_q(DSIG, "X509Certificate"))]
    if not certs:
        raise SigError("no-certificate")
    return certs


def _signed_targets(si: etree._Element, ids: dict[str, etree._Element], res: Result) -> tuple[list[etree._Element], etree._Element | None]:
    """SignedInfo references: same-document only (#Id), each resolved and its digest checked."""
    signed: list[etree._Element] = []
    signed_props: etree._Element | None = None
    refs = [c for c in si if c.tag == _q(DSIG, "Reference")]
    if not refs:
        raise SigError("malformed-signature", "SignedInfo without references")
    for rel in refs:
        ref = _parse_ref(rel)
        if not ref.uri.startswith("#") or len(ref.uri) < 2:
            raise SigError("reference-unresolved", ref.uri or "(empty URI)")
        target = ids.get(ref.uri[1:])
        if target is None:
            raise SigError("reference-unresolved", ref.uri)
        _, mode = _transform_chain(ref, for_part=False)
        exclusive, comments = mode if mode is not None else (False, False)
        if hashlib.new(ref.digest_algo, c14n(target, exclusive=exclusive, comments=comments)).digest() != ref.digest_value:
            raise SigError("reference-digest-mismatch", ref.uri)
        res.digests.add(ref.digest_algo)
        signed.append(target)
        if ref.type == XADES_SIGNED_PROPS_TYPE or target.tag in {_q(ns, "SignedProperties") for ns in XADES_NS}:
            signed_props = target
    return signed, signed_props


def _xades_signer(signed_props: etree._Element | None, certs: list[bytes], res: Result) -> bytes:
    """The signed XAdES SigningCertificate decides which KeyInfo certificate is the signer's."""
    if signed_props is None:
        res.problem("no-xades")
        return certs[0]
    st = next((e for ns in XADES_NS for e in signed_props.iter(_q(ns, "SigningTime"))), None)
    if st is not None:
        res.signing_time = _parse_time(st.text)
    sc = [e for ns in XADES_NS for e in signed_props.iter(_q(ns, "SigningCertificate"), _q(ns, "SigningCertificateV2"))]
    if not sc:
        res.problem("no-xades", "SignedProperties without SigningCertificate")
        return certs[0]
    for cert_el in sc[0]:
        cd = next((e for ns in XADES_NS for e in cert_el.iter(_q(ns, "CertDigest"))), None)
        if cd is None:
            continue
        dm = _one(cd, _q(DSIG, "DigestMethod"))
        algo = DIGESTS.get(dm.get("Algorithm") or "")
        if algo is None:
            raise SigError("unsupported-algorithm", dm.get("Algorithm") or "")
        want = _b64(_one(cd, _q(DSIG, "DigestValue")).text)
        for c in certs:
            if hashlib.new(algo, c).digest() == want:
                return c
    raise SigError("signing-certificate-mismatch")


def _manifests(root: etree._Element, signed: list[etree._Element], res: Result) -> list[etree._Element]:
    """Manifest(s) and SignatureTime, only from signed subtrees; unsigned Objects noted.

    Elements are identified by their path in the tree (lxml proxies are not stable identities).
    """
    tree = root.getroottree()
    signed_paths = [tree.getpath(t) for t in signed]
    manifests: list[etree._Element] = []
    seen: set[str] = set()
    for target in signed:
        for m in target.iter(_q(DSIG, "Manifest")):
            key = tree.getpath(m)
            if key not in seen:
                seen.add(key)
                manifests.append(m)
        for t in target.iter(_q(MDSSI, "SignatureTime")):
            v = _one(t, _q(MDSSI, "Value"), required=False)
            if v is not None and res.signature_time is None:
                res.signature_time = _parse_time(v.text)
    if not manifests:
        raise SigError("no-manifest")
    if any(True for ns in XADES_NS for _ in root.iter(_q(ns, "SignatureTimeStamp"))):
        res.problem("timestamp-untrusted")
    for obj in root:
        if obj.tag != _q(DSIG, "Object"):
            continue
        op = tree.getpath(obj)
        # Signed, or holding something signed (XAdES: SignedProperties inside the Object).
        if not any(sp == op or sp.startswith(op + "/") for sp in signed_paths):
            res.problem("unsigned-object", obj.get("Id") or "")
    if sum(len(m) for m in manifests) > MAX_REFERENCES:
        raise SigError("too-large", "too many Manifest references")
    return manifests


def verify_signature_xml(pkg: Package, data: bytes) -> Result:
    """Cryptographic verification of one ``sigN.xml`` (no trust, no coverage)."""
    res = Result()
    root = parse_xml(data, "signature").getroot()
    if root.tag != _q(DSIG, "Signature"):
        raise SigError("malformed-signature", "root is not ds:Signature")
    ids = _ids(root)
    si, sv, (exclusive, comments), method = _signed_info(root, res)
    certs = _keyinfo_certs(root)
    signed, signed_props = _signed_targets(si, ids, res)
    res.cert_der = _xades_signer(signed_props, certs, res)
    res.other_certs = [c for c in certs if c != res.cert_der]
    _verify_signature_value(res.cert_der, method, c14n(si, exclusive=exclusive, comments=comments), _b64(sv.text))
    for m in _manifests(root, signed, res):
        for r in m:
            if not isinstance(r.tag, str):
                continue
            if r.tag != _q(DSIG, "Reference"):
                raise SigError("malformed-signature", "non-Reference in Manifest")
            _verify_part_ref(pkg, _parse_ref(r), res)
    res.intact = True
    return res
