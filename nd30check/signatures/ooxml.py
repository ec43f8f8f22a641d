"""Strict verifier for OOXML package signatures (.docx, ECMA-376 Part 2 / XML-DSig + XAdES).

Why strict: lenient verifiers (LibreOffice, and Office per Rohlmann et al., USENIX Security
2023) call a document "validly signed" when a relationship was added after signing (an
``aFChunk`` HTML part shown inside the text), when a part is missing from the signed
Manifest, or when ``[Content_Types].xml`` switched the main part to macro-enabled. Here a
signature is *intact* only if SignedInfo, the signature value and every Manifest digest
verify, and its *coverage* is ``ALL_PARTS`` only if every part and every relationship of
the package is signed (except the metadata Office leaves unsigned) with the content types it
was signed with. Anything unexpected is a failed signature, never a pass.

Nothing is fetched, no entity is expanded, zip members are read with size caps.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable
from urllib.parse import unquote

from lxml import etree

from ..model import SignatureInfo, SignatureReport

# --------------------------------------------------------------------------- constants

DSIG = "http://www.w3.org/2000/09/xmldsig#"
MDSSI = "http://schemas.openxmlformats.org/package/2006/digital-signature"
XADES_NS = ("http://uri.etsi.org/01903/v1.3.2#", "http://uri.etsi.org/01903/v1.4.1#", "http://uri.etsi.org/01903/v1.1.1#")
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TRANSFORM = "http://schemas.openxmlformats.org/package/2006/RelationshipTransform"

REL_ORIGIN = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin"
REL_SIGNATURE = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature"
# Relationship types whose targets Office leaves unsigned (transitional and strict spellings).
UNSIGNED_REL_TYPES = frozenset({
    REL_ORIGIN,
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/metadata/core-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
})
UNSIGNED_PARTS = frozenset({"[Content_Types].xml", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"})

C14N_10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_10_C = C14N_10 + "#WithComments"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
EXC_C14N_C = EXC_C14N + "WithComments"
C14N_METHODS = {C14N_10: (False, False), C14N_10_C: (False, True), EXC_C14N: (True, False), EXC_C14N_C: (True, True)}

DIGESTS = {
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
    "http://www.w3.org/2001/04/xmldsig-more#sha224": "sha224",
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
}
_MORE = "http://www.w3.org/2001/04/xmldsig-more#"
SIG_METHODS = {
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1": ("RSA", "sha1"),
    _MORE + "rsa-sha224": ("RSA", "sha224"),
    _MORE + "rsa-sha256": ("RSA", "sha256"),
    _MORE + "rsa-sha384": ("RSA", "sha384"),
    _MORE + "rsa-sha512": ("RSA", "sha512"),
    _MORE + "ecdsa-sha1": ("EC", "sha1"),
    _MORE + "ecdsa-sha224": ("EC", "sha224"),
    _MORE + "ecdsa-sha256": ("EC", "sha256"),
    _MORE + "ecdsa-sha384": ("EC", "sha384"),
    _MORE + "ecdsa-sha512": ("EC", "sha512"),
}
_DIGEST_RANK = {"sha1": 0, "sha224": 1, "sha256": 2, "sha384": 3, "sha512": 4}
XADES_SIGNED_PROPS_TYPE = "http://uri.etsi.org/01903#SignedProperties"

# Size caps: a .docx is small; anything bigger than this is refused rather than read.
MAX_ENTRIES = 5000
MAX_PART_BYTES = 200 * 1024 * 1024  # one part (images can be large)
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # all parts read for digests
MAX_XML_BYTES = 32 * 1024 * 1024  # an XML part parsed for C14N / rels / content types
MAX_SIG_BYTES = 4 * 1024 * 1024  # one signature part
MAX_SIGNATURES = 64
MAX_REFERENCES = 10000  # Manifest references per signature
TIME_TOLERANCE_S = 300  # SignatureTime vs XAdES SigningTime

# Codes → (Vietnamese, English). Codes are stable (they appear in JSON).
PROBLEMS: dict[str, tuple[str, str]] = {
    "malformed-signature": ("Chữ ký XML bị hỏng hoặc sai cấu trúc", "Malformed signature XML"),
    "xml-entities": ("Chữ ký XML chứa khai báo DTD/thực thể (bị từ chối)", "Signature XML contains a DTD/entities (refused)"),
    "duplicate-id": ("Chữ ký có hai phần tử trùng Id (dấu hiệu tấn công bọc chữ ký)", "Duplicate Id in the signature (signature wrapping)"),
    "unsupported-algorithm": ("Thuật toán không được hỗ trợ hoặc không được phép", "Unsupported or disallowed algorithm"),
    "reference-unresolved": ("Tham chiếu trong chữ ký không trỏ tới phần tử nào", "A signature reference points nowhere"),
    "reference-digest-mismatch": ("Nội dung đã ký trong chữ ký bị thay đổi (sai giá trị băm)", "Signed signature content changed (digest mismatch)"),
    "signature-value-invalid": ("Giá trị chữ ký không khớp với chứng thư số", "Signature value does not verify against the certificate"),
    "no-certificate": ("Chữ ký không kèm chứng thư số của người ký", "No signer certificate in the signature"),
    "certificate-unreadable": ("Không đọc được chứng thư số trong chữ ký", "Unreadable certificate in the signature"),
    "signing-certificate-mismatch": ("Chứng thư số kèm theo không phải chứng thư đã ký (XAdES SigningCertificate)", "Certificate in KeyInfo is not the signed signing certificate"),
    "no-manifest": ("Chữ ký không có danh sách phần đã ký (Manifest)", "No signed Manifest in the signature"),
    "manifest-part-missing": ("Phần được ký không còn trong tệp", "A signed part is missing from the package"),
    "part-digest-mismatch": ("Nội dung văn bản đã bị thay đổi sau khi ký", "A signed part changed after signing"),
    "content-type-mismatch": ("Kiểu nội dung của một phần đã bị đổi sau khi ký (ví dụ thành tệp có macro)", "A part's content type changed after signing (e.g. to macro-enabled)"),
    "part-not-signed": ("Tệp có phần không được ký (thêm vào sau khi ký hoặc bị bỏ khỏi danh sách ký)", "A part of the package is not signed"),
    "relationship-not-signed": ("Tệp có liên kết (relationship) không được ký, ví dụ nội dung chèn thêm sau khi ký", "A relationship of the package is not signed (e.g. inserted content)"),
    "transform-not-allowed": ("Chữ ký dùng phép biến đổi không được phép", "Disallowed transform in the signature"),
    "rels-digest-nonstandard": ("Giá trị băm tệp liên kết theo cách không chuẩn (LibreOffice cũ); chấp nhận kèm cảnh báo", "Non-standard .rels digest (old LibreOffice); accepted with a warning"),
    "signing-time-mismatch": ("Hai thời điểm ký ghi trong chữ ký không khớp nhau", "The two signing times in the signature disagree"),
    "no-signing-time": ("Chữ ký không ghi thời điểm ký", "No signing time in the signature"),
    "no-xades": ("Chữ ký không gắn chứng thư số vào phần đã ký (thiếu XAdES)", "No XAdES signed properties binding the certificate"),
    "unsigned-object": ("Chữ ký chứa phần dữ liệu không được ký (bị bỏ qua)", "Unsigned object inside the signature (ignored)"),
    # Same code as the PDF reader uses, so policy checks treat both alike (a warning).
    "timestamp-untrusted": ("Chữ ký có dấu thời gian (XAdES-T) nhưng dấu thời gian chưa được kiểm tra nên không được tin cậy; thời điểm ký là do người ký khai",
                            "The signature carries an XAdES timestamp that is not verified, so not trusted; the signing time is the one claimed"),
    "signature-part-missing": ("Phần chữ ký được khai báo nhưng không có trong tệp", "A declared signature part is missing"),
    "signature-part-orphan": ("Có phần chữ ký không được khai báo (không được kiểm tra)", "A signature part is not declared (not verified)"),
    "duplicate-part": ("Tệp có hai phần trùng tên", "Duplicate part names in the package"),
    "too-large": ("Tệp hoặc chữ ký quá lớn để kiểm tra an toàn", "File or signature too large to check safely"),
    "corrupt-package": ("Tệp .docx bị hỏng, không đọc được", "Corrupt .docx package"),
    "verification-error": ("Lỗi khi kiểm tra chữ ký (coi như chữ ký không hợp lệ)", "Error while verifying (treated as invalid)"),
    "trust-error": ("Lỗi khi kiểm tra chuỗi chứng thư", "Error while validating the certificate chain"),
}
# Codes that do not make a signature invalid on their own.
WARNING_CODES = frozenset({"rels-digest-nonstandard", "signing-time-mismatch", "no-signing-time", "no-xades", "unsigned-object",
                           "timestamp-untrusted"})


class SigError(Exception):
    """A signature problem that stops verification of that signature."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


# --------------------------------------------------------------------------- safe XML

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=False, remove_pis=False, collect_ids=False)


def parse_package_xml(data: bytes, what: str) -> etree._Element:
    """Package XML read for its meaning only (content types, relationship lists).

    Goes through the shared ``readers.safety`` parser; its errors become signature problems.
    """
    from ..model import UnreadableError
    from ..readers.safety import parse_xml as safe_parse

    try:
        return safe_parse(data, what)
    except UnreadableError as exc:
        raise SigError("xml-entities" if exc.code == "xml-entities" else "malformed-signature", f"{what}: {exc.message_en}") from None


def parse_xml(data: bytes, what: str = "xml") -> etree._ElementTree:
    """Parse untrusted XML that will be canonicalised: no DTD at all (so no entities, no
    network, no disk), comments and processing instructions kept.

    Not the shared ``readers.safety`` parser on purpose: that one drops comments and PIs,
    which changes canonical forms (PIs are part of C14N; old xmlsec counts comments in the
    RelationshipTransform). It is at least as strict: any DOCTYPE is refused.
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise SigError("xml-entities", what)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SigError("malformed-signature", f"{what}: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise SigError("xml-entities", what)
    return tree


def c14n(el: etree._Element, *, exclusive: bool = False, comments: bool = False) -> bytes:
    """Canonical form of ``el`` in its document context (inherited namespaces included).

    lxml 6.1 / libxml2 2.14 emit a spurious ``xmlns=""`` on descendants when canonicalising a
    sub-element of a default-namespace document (seen on Office's Manifest), which makes
    verifiers agree only with their own signer. So the subtree is first serialised (lxml
    declares every in-scope namespace on its root), re-parsed as a document of its own and
    canonicalised whole, which libxml2 does right.
    """
    for anc in el.iterancestors():
        if any(k.startswith("{http://www.w3.org/XML/1998/namespace}") for k in anc.attrib):
            raise SigError("malformed-signature", "xml:* attributes inherited by a signed element")
    if el.getparent() is None:
        return etree.tostring(el.getroottree(), method="c14n", exclusive=exclusive, with_comments=comments)
    alone = etree.fromstring(etree.tostring(el, with_tail=False), _PARSER)
    return etree.tostring(alone.getroottree(), method="c14n", exclusive=exclusive, with_comments=comments)


# --------------------------------------------------------------------------- package


def _norm_part(name: str) -> str:
    return name.lstrip("/")


@dataclass
class Package:
    """The zip as OPC parts, read lazily with caps; digests cached across signatures."""

    zf: zipfile.ZipFile
    names: list[str]
    problems: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    _bytes: dict[str, bytes] = field(default_factory=dict)
    _digests: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _read_total: int = 0
    _content_types: tuple[dict[str, str], dict[str, str]] | None = None
    _name_set: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, path: str) -> "Package":
        try:
            zf = zipfile.ZipFile(path)
            infos = zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise SigError("corrupt-package", str(exc)) from None
        if len(infos) > MAX_ENTRIES:
            raise SigError("too-large", f"{len(infos)} entries")
        names = [i.filename for i in infos if not i.filename.endswith("/")]
        pkg = cls(zf, names)
        seen: set[str] = set()
        for n in names:
            if n.lower() in seen:
                pkg.add_problem("duplicate-part", n)
            seen.add(n.lower())
        return pkg

    def add_problem(self, code: str, detail: str = "") -> None:
        if code not in self.problems:
            self.problems.append(code)
        if detail:
            self.details.append(f"{code}: {detail}")

    def has(self, name: str) -> bool:
        if len(self._name_set) != len(self.names):
            self._name_set = set(self.names)
        return _norm_part(name) in self._name_set

    def read(self, name: str, cap: int = MAX_PART_BYTES) -> bytes:
        name = _norm_part(name)
        if name in self._bytes:
            return self._bytes[name]
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            raise SigError("manifest-part-missing", "/" + name) from None
        if info.file_size > cap:
            raise SigError("too-large", name)
        chunks, size = [], 0
        try:
            with self.zf.open(info) as fh:
                while True:
                    chunk = fh.read(1 << 16)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > cap or self._read_total + size > MAX_TOTAL_BYTES:
                        raise SigError("too-large", name)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise SigError("corrupt-package", f"{name}: {exc}") from None
        self._read_total += size
        data = b"".join(chunks)
        self._bytes[name] = data
        return data

    def xml(self, name: str) -> etree._ElementTree:
        return parse_xml(self.read(name, MAX_XML_BYTES), name)

    def content_type(self, name: str) -> str | None:
        """Content type of a part from ``[Content_Types].xml`` (names compared case-insensitively)."""
        if self._content_types is None:
            defaults: dict[str, str] = {}
            overrides: dict[str, str] = {}
            root = parse_package_xml(self.read("[Content_Types].xml", MAX_XML_BYTES), "[Content_Types].xml")
            for el in root:
                if el.tag == f"{{{CT_NS}}}Default":
                    defaults[(el.get("Extension") or "").lower()] = el.get("ContentType") or ""
                elif el.tag == f"{{{CT_NS}}}Override":
                    overrides[(el.get("PartName") or "").lower()] = el.get("ContentType") or ""
            self._content_types = (defaults, overrides)
        defaults, overrides = self._content_types
        pn = "/" + _norm_part(name)
        if pn.lower() in overrides:
            return overrides[pn.lower()]
        base = posixpath.basename(pn)
        ext = base.rpartition(".")[2].lower() if "." in base else ""
        return defaults.get(ext)

    def rels(self, rels_part: str) -> list[dict[str, str]]:
        """Relationships of a .rels part (attributes as dicts), document order."""
        root = parse_package_xml(self.read(rels_part, MAX_XML_BYTES), "/" + _norm_part(rels_part))
        return [dict(el.attrib) for el in root if el.tag == f"{{{RELS_NS}}}Relationship"]

    def digest(self, name: str, algo: str) -> bytes:
        key = (_norm_part(name), algo)
        if key not in self._digests:
            self._digests[key] = hashlib.new(algo, self.read(name)).digest()
        return self._digests[key]


def rels_part_of(source: str) -> str:
    """``word/document.xml`` → ``word/_rels/document.xml.rels``; ``""`` (package) → ``_rels/.rels``."""
    d, f = posixpath.split(_norm_part(source))
    return posixpath.join(d, "_rels", f + ".rels")


def source_of(rels_part: str) -> str:
    d, f = posixpath.split(_norm_part(rels_part))
    parent = posixpath.dirname(d)
    return posixpath.join(parent, f[: -len(".rels")]) if f != ".rels" else ""


def resolve_target(source: str, target: str) -> str:
    """Part name a relationship target points to (relative to the source part's folder)."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    base = posixpath.dirname(_norm_part(source))
    return posixpath.normpath(posixpath.join(base, target)).lstrip("/")


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
class _Ref:
    uri: str
    digest_algo: str
    digest_value: bytes
    transforms: list[etree._Element]
    type: str | None


@dataclass
class _Result:
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


def _parse_ref(ref: etree._Element) -> _Ref:
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
    return _Ref(ref.get("URI") or "", algo, _b64(dv.text), transforms, ref.get("Type"))


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


def _transform_chain(ref: _Ref, *, for_part: bool) -> tuple[tuple[set[str], set[str]] | None, tuple[bool, bool] | None]:
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


def _verify_part_ref(pkg: Package, ref: _Ref, res: _Result) -> None:
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


def verify_signature_xml(pkg: Package, data: bytes) -> _Result:
    """Cryptographic verification of one ``sigN.xml`` (no trust, no coverage)."""
    res = _Result()
    root = parse_xml(data, "signature").getroot()
    if root.tag != _q(DSIG, "Signature"):
        raise SigError("malformed-signature", "root is not ds:Signature")
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
    si = _one(root, _q(DSIG, "SignedInfo"))
    sv = _one(root, _q(DSIG, "SignatureValue"))
    ki = _one(root, _q(DSIG, "KeyInfo"), required=False)
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

    # Certificates from KeyInfo.
    certs: list[bytes] = []
    if ki is not None:
        for xd in ki.iter(_q(DSIG, "X509Data")):
            for c in xd.iter(_q(DSIG, "X509Certificate")):
                certs.append(_b64(c.text))
    if not certs:
        raise SigError("no-certificate")

    # SignedInfo references: same-document only (#Id), each resolved to one element.
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

    # Signature value over canonical SignedInfo, with the certificate matched below.
    exclusive, comments = C14N_METHODS[cm.get("Algorithm")]
    si_bytes = c14n(si, exclusive=exclusive, comments=comments)
    value = _b64(sv.text)

    # XAdES: the signed SigningCertificate decides which KeyInfo certificate is the signer's.
    cert_der = certs[0]
    if signed_props is not None:
        sc = [e for ns in XADES_NS for e in signed_props.iter(_q(ns, "SigningCertificate"), _q(ns, "SigningCertificateV2"))]
        if sc:
            matched = None
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
                        matched = c
                        break
                if matched is not None:
                    break
            if matched is None:
                raise SigError("signing-certificate-mismatch")
            cert_der = matched
        else:
            res.problem("no-xades", "SignedProperties without SigningCertificate")
        st = next((e for ns in XADES_NS for e in signed_props.iter(_q(ns, "SigningTime"))), None)
        if st is not None:
            res.signing_time = _parse_time(st.text)
    else:
        res.problem("no-xades")
    res.cert_der = cert_der
    res.other_certs = [c for c in certs if c != cert_der]
    _verify_signature_value(cert_der, method, si_bytes, value)

    # Manifest(s) and SignatureTime: only from signed subtrees. Elements are identified by
    # their path in the tree (lxml proxies are not stable identities).
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
    for m in manifests:
        for r in m:
            if not isinstance(r.tag, str):
                continue
            if r.tag != _q(DSIG, "Reference"):
                raise SigError("malformed-signature", "non-Reference in Manifest")
            _verify_part_ref(pkg, _parse_ref(r), res)
    res.intact = True
    return res


# --------------------------------------------------------------------------- package walk


def _signature_parts(pkg: Package) -> tuple[list[str], set[str]]:
    """Signature parts listed by the origin's relationships, and the origin-related parts."""
    origins: list[str] = []
    if pkg.has("_rels/.rels"):
        for r in pkg.rels("_rels/.rels"):
            if r.get("Type") == REL_ORIGIN and r.get("TargetMode", "Internal") == "Internal":
                origins.append(resolve_target("", r.get("Target") or ""))
    sig_parts: list[str] = []
    meta: set[str] = set()
    for origin in origins:
        meta.add(origin)
        rp = rels_part_of(origin)
        if pkg.has(rp):
            meta.add(rp)
            for r in pkg.rels(rp):
                if r.get("Type") == REL_SIGNATURE:
                    t = resolve_target(origin, r.get("Target") or "")
                    if t not in sig_parts:
                        sig_parts.append(t)
                    meta.add(t)
    return sig_parts, meta


def has_ooxml_signatures(path: str) -> bool:
    """Cheap test: the zip lists ``_xmlsignatures/`` parts or the package rels name an origin."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if len(names) > MAX_ENTRIES:
                return True  # let verify_docx report it
            if any(n.lower().startswith("_xmlsignatures/") for n in names):
                return True
            if "_rels/.rels" in names:
                info = zf.getinfo("_rels/.rels")
                if info.file_size <= MAX_XML_BYTES:
                    return REL_ORIGIN.encode() in zf.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError):
        return False
    return False


def _coverage(pkg: Package, res: _Result, meta: set[str]) -> list[tuple[str, str]]:
    """Parts and relationships of the package the signature does not cover."""
    gaps: list[tuple[str, str]] = []
    # Only the usual metadata paths are exempt: a core-properties relationship pointing at
    # some other part does not make that part unsigned content.
    unsigned = set(meta) | UNSIGNED_PARTS
    for name in pkg.names:
        if name in unsigned or name in res.covered_parts:
            continue
        low = name.lower()
        if low.startswith("_xmlsignatures/") and low.endswith((".xml", ".rels", ".sigs", ".cer", ".crt", ".der")):
            continue  # signature machinery: undeclared signature parts are reported as orphans
        gaps.append(("part-not-signed", "/" + name))
    for name in pkg.names:
        if not name.endswith(".rels") or name in meta or name.lower().startswith("_xmlsignatures/"):
            continue
        covered = res.covered_rels.get(name, set()) if name in res.covered_parts else set()
        if covered is None:
            continue
        types = res.covered_rel_types.get(name, set())
        src = source_of(name)
        for r in pkg.rels(name):
            rid = r.get("Id") or ""
            if rid in covered or (r.get("Type") or "") in types:
                continue
            if name == "_rels/.rels" and r.get("Type") in UNSIGNED_REL_TYPES:
                continue
            target = r.get("Target") or ""
            if r.get("TargetMode", "Internal") == "Internal":
                target = "/" + resolve_target(src, target)
            gaps.append(("relationship-not-signed", f"/{name} {rid} → {target}"))
    for part, ct in sorted(res.signed_types.items()):
        actual = pkg.content_type(part)
        if ct and actual != ct:
            gaps.append(("content-type-mismatch", f"/{part}: {ct} → {actual}"))
        elif not ct and not part.endswith(".rels"):
            gaps.append(("content-type-mismatch", f"/{part}: no content type signed"))
    return gaps


def _trust_config(config: Any) -> Any:
    if config is None:
        return None
    try:
        from .trust import TrustConfig
    except ImportError:
        return None
    if isinstance(config, TrustConfig):
        return config
    return getattr(config, "trust_config", None)


def _name_fields(name: Any) -> tuple[dict[str, str], str]:
    from cryptography.x509.oid import NameOID

    short = {
        NameOID.COMMON_NAME: "CN", NameOID.ORGANIZATION_NAME: "O", NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
        NameOID.LOCALITY_NAME: "L", NameOID.STATE_OR_PROVINCE_NAME: "ST", NameOID.COUNTRY_NAME: "C",
        NameOID.EMAIL_ADDRESS: "E", NameOID.USER_ID: "UID", NameOID.SERIAL_NUMBER: "SERIALNUMBER",
        NameOID.TITLE: "T", NameOID.GIVEN_NAME: "GN", NameOID.SURNAME: "SN",
    }
    fields: dict[str, str] = {}
    parts: list[str] = []
    for rdn in reversed(list(name.rdns)):
        for attr in rdn:
            key = short.get(attr.oid, attr.oid.dotted_string)
            val = attr.value if isinstance(attr.value, str) else attr.value.hex()
            fields[key] = f"{fields[key]}, {val}" if key in fields else val
            parts.append(f"{key}={val}")
    return fields, ", ".join(parts)


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _fill(info: SignatureInfo, res: _Result, key: tuple[str, int] | None) -> None:
    from cryptography import x509

    cert = x509.load_der_x509_certificate(res.cert_der)
    info.subject, info.subject_str = _name_fields(cert.subject)
    info.issuer, info.issuer_str = _name_fields(cert.issuer)
    try:  # same wording as the PDF verifier when the shared trust module is there
        from asn1crypto import x509 as ax509

        from .trust import describe_name

        acert = ax509.Certificate.load(res.cert_der)
        subject, subject_str = describe_name(acert.subject)
        issuer, issuer_str = describe_name(acert.issuer)
        if subject_str:
            info.subject, info.subject_str = subject, subject_str
        if issuer_str:
            info.issuer, info.issuer_str = issuer, issuer_str
    except ImportError:
        pass
    info.serial = format(cert.serial_number, "X")
    if res.digests:
        info.digest_algorithm = min(res.digests, key=lambda d: _DIGEST_RANK.get(d, -1))
    if res.signature_method:
        kt, algo = SIG_METHODS[res.signature_method]
        info.signature_algorithm = f"{'rsa' if kt == 'RSA' else 'ecdsa'}-{algo}"
    if key:
        info.key_type, info.key_bits = key
    when = res.signing_time or res.signature_time
    info.signing_time = _iso(when)


def _judge_trust(info: SignatureInfo, res: _Result, config: Any) -> None:
    """Chain validation through trust.py, judged at the claimed signing time."""
    tcfg = _trust_config(config)
    try:
        from asn1crypto import x509 as ax509

        from . import trust
    except ImportError:
        return
    cert = ax509.Certificate.load(res.cert_der)
    try:
        info.is_organisation = bool(trust.is_organisation(cert))
        info.role = "agency" if info.is_organisation else "official"
    except Exception:  # noqa: BLE001 - role stays unknown
        pass
    if tcfg is None:
        return
    when = res.signing_time or res.signature_time
    try:
        tr = trust.validate_certificate(cert, other_certs=[ax509.Certificate.load(c) for c in res.other_certs],
                                        config=tcfg, moment=when, moment_basis="claimed" if when else "now")
    except Exception as exc:  # noqa: BLE001 - a chain we cannot judge is not trusted
        info.trusted = False
        info.trust_status = "error"
        info.trust_reason = f"{PROBLEMS['trust-error'][0]}: {exc}"
        info.trust_reason_en = f"{PROBLEMS['trust-error'][1]}: {exc}"
        return
    info.trusted = tr.trusted
    info.trust_status = tr.status
    info.trust_reason = tr.reason_vi
    info.trust_reason_en = tr.reason_en
    info.judged_at = tr.judged_at if isinstance(tr.judged_at, str) or tr.judged_at is None else tr.judged_at.isoformat()
    info.judged_at_basis = tr.basis
    info.revocation = tr.revocation


def _add(info: SignatureInfo, code: str, detail: str = "") -> None:
    vi = PROBLEMS.get(code, (code, code))[0]
    if code not in info.problems:
        info.problems.append(code)
    info.problem_messages.append(f"{vi}: {detail}" if detail else vi)


def _describe_claimed(info: SignatureInfo, data: bytes | None) -> None:
    """For a broken signature, still say whose certificate it carries (never trusted, never judged)."""
    if not data:
        return
    try:
        root = parse_xml(data, "signature").getroot()
        el = next(root.iter(_q(DSIG, "X509Certificate")), None)
        if el is None:
            return
        res = _Result(cert_der=_b64(el.text))
        _fill(info, res, _key_of(res.cert_der))
        from asn1crypto import x509 as ax509

        from .trust import is_organisation

        info.is_organisation = bool(is_organisation(ax509.Certificate.load(res.cert_der)))
        info.role = "agency" if info.is_organisation else "official"
    except Exception:  # noqa: BLE001 - best effort only: the signature already failed
        return


def _verify_one(pkg: Package, index: int, part: str, meta: set[str], config: Any) -> SignatureInfo:
    info = SignatureInfo(index=index, kind="ooxml", field_name="/" + part)
    res: _Result | None = None
    key: tuple[str, int] | None = None
    data: bytes | None = None
    try:
        data = pkg.read(part, MAX_SIG_BYTES)
        res = verify_signature_xml(pkg, data)
        key = _key_of(res.cert_der)
    except SigError as exc:
        info.intact = False
        info.valid = False
        _add(info, exc.code if exc.code != "manifest-part-missing" or pkg.has(part) else "signature-part-missing", exc.detail)
        if exc.code not in ("xml-entities", "too-large"):
            _describe_claimed(info, data)
        return info
    except Exception as exc:  # noqa: BLE001 - never pass a signature we could not process
        info.intact = False
        info.valid = False
        _add(info, "verification-error", repr(exc))
        return info
    try:
        info.intact = res.intact
        for code, detail in res.problems:
            _add(info, code, detail)
        gaps = _coverage(pkg, res, meta)
        for code, detail in gaps:
            _add(info, code, detail)
        info.coverage = "PARTIAL" if gaps else "ALL_PARTS"
        if res.signature_time and res.signing_time and abs((res.signature_time - res.signing_time).total_seconds()) > TIME_TOLERANCE_S:
            _add(info, "signing-time-mismatch", f"{_iso(res.signature_time)} ≠ {_iso(res.signing_time)}")
        if not (res.signature_time or res.signing_time):
            _add(info, "no-signing-time")
        _fill(info, res, key)
        info.valid = info.intact and info.coverage == "ALL_PARTS" and not (set(info.problems) - WARNING_CODES)
    except SigError as exc:
        info.valid = False
        info.coverage = info.coverage or "PARTIAL"
        _add(info, exc.code, exc.detail)
        return info
    except Exception as exc:  # noqa: BLE001
        info.valid = False
        _add(info, "verification-error", repr(exc))
        return info
    _judge_trust(info, res, config)
    return info


def _key_of(cert_der: bytes | None) -> tuple[str, int] | None:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if cert_der is None:
        return None
    key = x509.load_der_x509_certificate(cert_der).public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC", key.curve.key_size
    return type(key).__name__, 0


def verify_docx(path: str, config: Any = None) -> SignatureReport:
    """Verify every OOXML package signature of a .docx.

    ``config`` is a ``signatures.trust.TrustConfig`` (None: no chain validation). Signatures
    come in the order the origin's relationships list them (Office appends, so official
    first, agency last). ``filled_fields`` is the number of signature parts found.
    """
    report = SignatureReport()
    try:
        pkg = Package.open(path)
    except SigError as exc:
        report.evaluated = False
        report.error = exc.code
        _report_problem(report, exc.code, exc.detail)
        return report
    try:
        with pkg.zf:
            try:
                sig_parts, meta = _signature_parts(pkg)
            except SigError as exc:
                _report_problem(report, exc.code, exc.detail)
                sig_parts, meta = [], set()
            declared = set(sig_parts)
            orphans = [n for n in pkg.names if n.lower().startswith("_xmlsignatures/") and n.lower().endswith(".xml")
                       and n not in declared]
            for n in orphans:
                _report_problem(report, "signature-part-orphan", "/" + n)
            report.filled_fields = len(sig_parts) + len(orphans)
            for i, part in enumerate(sig_parts[:MAX_SIGNATURES]):
                report.signatures.append(_verify_one(pkg, i, part, meta, config))
            if len(sig_parts) > MAX_SIGNATURES:
                _report_problem(report, "too-large", f"{len(sig_parts)} signatures")
            for code in pkg.problems:
                _report_problem(report, code)
            for info in report.signatures:
                for code in info.problems:
                    if code in ("part-not-signed", "relationship-not-signed", "content-type-mismatch") and code not in report.problems:
                        _report_problem(report, code)
            if pkg.problems:
                for info in report.signatures:
                    for code in pkg.problems:
                        _add(info, code)
                    info.valid = False
                    info.coverage = "PARTIAL"
    except Exception as exc:  # noqa: BLE001 - a package we cannot walk is not evaluated, never passed
        report.evaluated = False
        report.error = repr(exc)
        _report_problem(report, "verification-error", repr(exc))
    return report


def _report_problem(report: SignatureReport, code: str, detail: str = "") -> None:
    vi = PROBLEMS.get(code, (code, code))[0]
    if code not in report.problems:
        report.problems.append(code)
    report.problem_messages.append(f"{vi}: {detail}" if detail else vi)


def iter_problem_codes() -> Iterable[str]:
    """Every problem code this verifier can emit (for docs and the rule catalog)."""
    return iter(PROBLEMS)
