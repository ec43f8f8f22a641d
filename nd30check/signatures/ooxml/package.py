"""The OPC package under a signature: parts read through ``nd30check.safety.SafeZip`` (one zip
reader for the whole tool, size caps and bomb checks included), content types, relationships.

Part names are compared the OPC way (ASCII case-insensitive, ECMA-376 Part 2 §9.1.1.1.2);
two zip entries whose names differ only by case make the package ambiguous and are refused.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from ...model import UnreadableError
from ...safety import Limits, SafeZip

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

# Office 2010 and Apache POI sign only relationships of the document's own content types and
# leave these metadata relationships (and their targets) out: core, extended and custom
# properties, and the thumbnail a file browser shows (ECMA-376 Part 2 §13.2.4; POI's list of
# signed types). The thumbnail is reported as a note (a viewer shows it; it could differ
# from the content), the properties silently.
REL_THUMBNAIL = frozenset({
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/metadata/thumbnail",
})
UNSIGNED_REL_TYPES = UNSIGNED_REL_TYPES | REL_THUMBNAIL
THUMBNAIL_TYPES = ("image/jpeg", "image/png", "image/x-emf", "image/x-wmf", "image/gif", "image/tiff", "image/bmp")

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

    Goes through the shared ``nd30check.safety`` parser; its errors become signature problems.
    """
    from ...safety import parse_xml as safe_parse

    try:
        return safe_parse(data, what)
    except UnreadableError as exc:
        raise SigError("xml-entities" if exc.code == "xml-entities" else "malformed-signature", f"{what}: {exc.message_en}") from None


def parse_xml(data: bytes, what: str = "xml") -> etree._ElementTree:
    """Parse untrusted XML that will be canonicalised: no DTD at all (so no entities, no
    network, no disk), comments and processing instructions kept.

    Not the shared ``nd30check.safety`` parser on purpose: that one drops comments and PIs,
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


def _limits() -> Limits:
    return Limits(total=MAX_TOTAL_BYTES, part=MAX_PART_BYTES, entries=MAX_ENTRIES)


@dataclass
class Package:
    """The zip as OPC parts, read lazily with caps; digests cached across signatures."""

    zf: SafeZip
    names: list[str]
    problems: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    _bytes: dict[str, bytes] = field(default_factory=dict)
    _digests: dict[tuple[str, str], bytes] = field(default_factory=dict)
    _content_types: tuple[dict[str, str], dict[str, str]] | None = None

    @classmethod
    def open(cls, data: bytes | str) -> "Package":
        try:
            zf = SafeZip(data, _limits())
        except UnreadableError as exc:
            raise SigError("too-large" if exc.code in ("zip-bomb", "too-large") else "corrupt-package", exc.message_en) from None
        pkg = cls(zf, [n for n in zf.names() if not n.endswith("/")])
        for n in zf.duplicates:
            pkg.add_problem("duplicate-part", n)
        return pkg

    def close(self) -> None:
        self.zf.close()

    def add_problem(self, code: str, detail: str = "") -> None:
        if code not in self.problems:
            self.problems.append(code)
        if detail:
            self.details.append(f"{code}: {detail}")

    def find(self, name: str) -> str | None:
        """The zip entry holding part ``name`` (case-insensitive), or None."""
        return self.zf.find(_norm_part(name))

    def has(self, name: str) -> bool:
        return self.find(name) is not None

    def read(self, name: str, cap: int = MAX_PART_BYTES) -> bytes:
        real = self.find(name)
        if real is None:
            raise SigError("manifest-part-missing", "/" + _norm_part(name))
        if real in self._bytes:
            return self._bytes[real]
        try:
            data = self.zf.read(real)
        except UnreadableError as exc:
            raise SigError("too-large" if exc.code in ("zip-bomb", "too-large") else "corrupt-package", f"{real}: {exc.message_en}") from None
        if len(data) > cap:
            raise SigError("too-large", real)
        self._bytes[real] = data
        return data

    def xml(self, name: str) -> etree._ElementTree:
        return parse_xml(self.read(name, MAX_XML_BYTES), _norm_part(name))

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


