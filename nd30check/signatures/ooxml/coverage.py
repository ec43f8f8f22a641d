"""Which parts and relationships of the package a signature leaves out.

Office (and Apache POI, which copies Office's list) signs every relationship of the
document's content and leaves the package metadata out: core, extended and custom
properties, the thumbnail, and the signature origin. Those gaps are expected; every other
part or relationship not covered is a coverage failure that names it, and so is a content
type that differs from the one signed. The thumbnail is an image a file browser shows in
place of the document, so its being unsigned is reported as a note, naming the part.
"""

from __future__ import annotations

from .package import (
    REL_ORIGIN, REL_SIGNATURE, REL_THUMBNAIL, THUMBNAIL_TYPES, UNSIGNED_PARTS, UNSIGNED_REL_TYPES,
    Package, rels_part_of, resolve_target, source_of,
)
from .xmldsig import Result


def signature_parts(pkg: Package) -> tuple[list[str], set[str]]:
    """Signature parts listed by the origin's relationships, and the origin-related parts."""
    origins: list[str] = []
    if pkg.has("_rels/.rels"):
        for r in pkg.rels("_rels/.rels"):
            if r.get("Type") == REL_ORIGIN and r.get("TargetMode", "Internal") == "Internal":
                origins.append(resolve_target("", r.get("Target") or ""))
    sig_parts: list[str] = []
    meta: set[str] = set()
    for origin in origins:
        meta.add(pkg.find(origin) or origin)
        rp = rels_part_of(origin)
        if pkg.has(rp):
            meta.add(pkg.find(rp) or rp)
            for r in pkg.rels(rp):
                if r.get("Type") == REL_SIGNATURE:
                    t = resolve_target(origin, r.get("Target") or "")
                    t = pkg.find(t) or t
                    if t not in sig_parts:
                        sig_parts.append(t)
                    meta.add(t)
    return sig_parts, meta


def _thumbnails(pkg: Package) -> set[str]:
    """Parts the package relationships name as the thumbnail, when they are images that
    nothing else in the package refers to (a thumbnail that is also a document image is
    content, and must be signed)."""
    if not pkg.has("_rels/.rels"):
        return set()
    named = {pkg.find(resolve_target("", r.get("Target") or "")) for r in pkg.rels("_rels/.rels")
             if r.get("Type") in REL_THUMBNAIL and r.get("TargetMode", "Internal") == "Internal"}
    named.discard(None)
    out = set()
    for part in named:
        ct = (pkg.content_type(part) or "").lower()
        if not ct.startswith(THUMBNAIL_TYPES):
            continue
        used_elsewhere = False
        for rels in (n for n in pkg.names if n.endswith(".rels") and n != "_rels/.rels" and not n.lower().startswith("_xmlsignatures/")):
            src = source_of(rels)
            if any(pkg.find(resolve_target(src, r.get("Target") or "")) == part for r in pkg.rels(rels)
                   if r.get("TargetMode", "Internal") == "Internal"):
                used_elsewhere = True
                break
        if not used_elsewhere:
            out.add(part)
    return out


def _unsigned_parts(pkg: Package, res: Result, meta: set[str], thumbs: set[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    # Only the usual metadata paths are exempt: a core-properties relationship pointing at
    # some other part does not make that part unsigned content.
    unsigned = set(meta) | {pkg.find(p) or p for p in UNSIGNED_PARTS}
    for name in pkg.names:
        if name in unsigned or name in res.covered_parts:
            continue
        low = name.lower()
        if low.startswith("_xmlsignatures/") and low.endswith((".xml", ".rels", ".sigs", ".cer", ".crt", ".der")):
            continue  # signature machinery: undeclared signature parts are reported as orphans
        out.append(("metadata-unsigned" if name in thumbs else "part-not-signed", "/" + name))
    return out


def _unsigned_relationships(pkg: Package, res: Result, meta: set[str], thumbs: set[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
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
            internal = r.get("TargetMode", "Internal") == "Internal"
            target = "/" + resolve_target(src, r.get("Target") or "") if internal else r.get("Target") or ""
            if name == "_rels/.rels" and r.get("Type") in UNSIGNED_REL_TYPES:
                if r.get("Type") in REL_THUMBNAIL and internal:
                    if (pkg.find(target) or "") not in thumbs:
                        out.append(("relationship-not-signed", f"/{name} {rid} → {target}"))
                continue
            out.append(("relationship-not-signed", f"/{name} {rid} → {target}"))
    return out


def coverage_gaps(pkg: Package, res: Result, meta: set[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(failures, notes): parts, relationships and content types the signature does not cover."""
    thumbs = _thumbnails(pkg)
    found = _unsigned_parts(pkg, res, meta, thumbs) + _unsigned_relationships(pkg, res, meta, thumbs)
    for part, ct in sorted(res.signed_types.items()):
        actual = pkg.content_type(part)
        if ct and actual != ct:
            found.append(("content-type-mismatch", f"/{part}: {ct} → {actual}"))
        elif not ct and not part.endswith(".rels"):
            found.append(("content-type-mismatch", f"/{part}: no content type signed"))
    notes = [g for g in found if g[0] == "metadata-unsigned"]
    return [g for g in found if g[0] != "metadata-unsigned"], notes
