"""What each incremental update after the first signature changed — analysed once per file.

pyHanko's ``evaluate_modifications`` reviews, for *every* signature, every later revision
against that signature's revision. Here each update (revision *k* against revision *k−1*) is
reviewed once with pyHanko's own rules and the result is shared by all signatures before it
(``policy.py`` judges them). Reviewing consecutive revisions is at least as strict as
pyHanko's cumulative review: every change is judged against the revision it was made on, so
a later update that alters what an earlier update added (a signature's appearance, a field)
is seen as the modification it is.

The rules are pyHanko's defaults with three documented departures, each matching what
Acrobat and the EU DSS validator accept:

* **New visible signature fields after a certification signature** with DocMDP P=2 ("form
  filling and signing") are accepted: ISO 32000 lets P=2 documents be signed, Acrobat lets
  the signer place the new field, and e-office software (iText, eSignature, VGCA) certifies
  the first signature at P=2 on real documents. pyHanko refuses them by default and says it
  is stricter than Acrobat (``allow_new_visible_after_certify``).
* **Free entries for object numbers that were never in use** (iTextSharp marks its own
  cross-reference stream's number free, generation 65534) delete nothing and are accepted.
  Freeing an object that was live in the previous revision is a deletion and is not.
* **Tagging a new widget in the structure tree**: signing a tagged (accessible) PDF adds a
  ``/Form`` structure element for the new widget, appends it to its parent element and indexes
  it in the ``/ParentTree``. Accepted only when every existing structure element keeps all its
  attributes and children (new children appended only), every new element only references
  annotations added in the same update, and every existing ``/ParentTree`` entry still maps to
  the same elements — so ``/Alt``, ``/ActualText`` and the reading order of existing content
  cannot change unseen.

Every update is also described (``touched``): metadata (Info, XMP), validation data (DSS,
document timestamp), signatures, structure tree, annotations, page content, fonts and
resources, pages, form fields — so a report can say what a revision changed, not only that
pyHanko refused it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

log = logging.getLogger(__name__)

LEVELS = ("NONE", "LTA_UPDATES", "FORM_FILLING", "ANNOTATIONS", "OTHER")

#: What an update may touch, and which of these are benign on their own.
BENIGN_TOUCHES = frozenset({"metadata", "validation-data", "signature", "structure-tree", "file-structure"})


@dataclass(slots=True)
class Update:
    """One incremental update (pyHanko revision number ``revision``, 0 = the original)."""

    revision: int
    level: str = "NONE"  # pyHanko's ModificationLevel name; "OTHER" = not explained
    reason: str | None = None  # pyHanko's explanation when it refused the update
    changed_fields: set[str] = field(default_factory=set)  # fields whose value changed (pyHanko)
    touched: list[str] = field(default_factory=list)  # categories, see BENIGN_TOUCHES
    objects: list[str] = field(default_factory=list)  # "page 1 /Contents", "Info", …
    signed_fields: list[str] = field(default_factory=list)  # signature fields filled in this update
    deleted: list[int] = field(default_factory=list)  # object numbers freed that were live before

    @property
    def content_changed(self) -> bool:
        return self.level == "OTHER" or bool(self.deleted)

    def to_json(self) -> dict[str, Any]:
        return {"revision": self.revision + 1, "level": self.level, "touched": list(self.touched),
                "objects": [str(o) for o in self.objects], "signed_fields": [str(f) for f in self.signed_fields],
                "changed_fields": sorted(self.changed_fields), "deleted": list(self.deleted),
                "reason": self.reason}


# ---------------------------------------------------------------------------------------
# the structure-tree rule


def _is_struct_elem(obj: Any) -> bool:
    from pyhanko.pdf_utils import generic

    if not isinstance(obj, generic.DictionaryObject):
        return False
    t = obj.get("/Type")
    return t == "/StructElem" or (t is None and "/S" in obj and "/P" in obj)


def _raw_list(value: Any) -> list[Any]:
    from pyhanko.pdf_utils import generic

    if value is None:
        return []
    if isinstance(value, generic.ArrayObject):
        return list(value)
    return [value]


def _ref(value: Any) -> Any:
    from pyhanko.pdf_utils import generic

    return value.reference if isinstance(value, generic.IndirectObject) else None


def _same_raw(a: Any, b: Any) -> bool:
    """Equal raw PDF values (references by number, direct values by content)."""
    ra, rb = _ref(a), _ref(b)
    if ra is not None or rb is not None:
        return ra == rb
    try:
        return a == b
    except Exception:  # noqa: BLE001
        return False


def _number_tree(resolver: Any, node: Any, depth: int = 0) -> dict[int, Any]:
    """A number tree flattened to key → raw value (capped depth; loops cut)."""
    from pyhanko.pdf_utils import generic

    out: dict[int, Any] = {}
    if depth > 32 or node is None:
        return out
    node = node.get_object() if isinstance(node, generic.IndirectObject) else node
    if not isinstance(node, generic.DictionaryObject):
        return out
    nums = node.get("/Nums")
    if nums is not None:
        raw = node.raw_get("/Nums")
        raw = raw.get_object() if isinstance(raw, generic.IndirectObject) else raw
        for i in range(0, len(raw) - 1, 2):
            try:
                out[int(raw[i])] = raw.raw_get(i + 1)
            except Exception:  # noqa: BLE001
                continue
    if "/Kids" in node:
        for kid in node["/Kids"]:
            out.update(_number_tree(resolver, kid, depth + 1))
    return out


def _tree_nodes(node_raw: Any, depth: int = 0) -> Iterator[Any]:
    """References of a number tree's nodes and of its array values."""
    from pyhanko.pdf_utils import generic

    if depth > 32:
        return
    ref = _ref(node_raw)
    if ref is not None:
        yield ref
    node = node_raw.get_object() if isinstance(node_raw, generic.IndirectObject) else node_raw
    if not isinstance(node, generic.DictionaryObject):
        return
    if "/Nums" in node:
        raw = node.raw_get("/Nums")
        if _ref(raw) is not None:
            yield _ref(raw)
        arr = raw.get_object()
        for i in range(1, len(arr), 2):
            val = arr.raw_get(i)
            if _ref(val) is not None and isinstance(val.get_object(), generic.ArrayObject):
                yield _ref(val)
    if "/Kids" in node:
        raw = node.raw_get("/Kids")
        if _ref(raw) is not None:
            yield _ref(raw)
        for kid in raw.get_object():
            yield from _tree_nodes(kid, depth + 1)


def _parent_tree_value(value: Any) -> list[Any]:
    """A ParentTree value as the list of element references it names."""
    from pyhanko.pdf_utils import generic

    obj = value.get_object() if isinstance(value, generic.IndirectObject) else value
    if isinstance(obj, generic.ArrayObject):
        return [_ref(v) for v in obj]
    return [_ref(value)]


class StructTreeAdditionRule:
    """Approves structure-tree updates that only tag annotations added in the same update.

    A :class:`pyhanko.sign.diff_analysis.WhitelistRule` (duck-typed): yields blanket
    approvals for the structure objects it vetted; anything it does not vouch for stays for
    the other rules (and is refused when none explains it).
    """

    def as_qualified(self, level: Any) -> Any:
        from pyhanko.sign.diff_analysis import WhitelistRule

        class _Rule(WhitelistRule):
            def apply(_self, old: Any, new: Any) -> Iterable[Any]:  # noqa: N805
                return self.apply(old, new)

        return _Rule().as_qualified(level)

    def apply(self, old: Any, new: Any) -> Iterable[Any]:
        from pyhanko.sign.diff_analysis import ReferenceUpdate

        try:
            approved = self._vet(old, new)
        except Exception:  # noqa: BLE001 - a structure we cannot read is not vouched for
            log.debug("structure tree not vetted", exc_info=True)
            approved = set()
        for ref in approved:
            yield ReferenceUpdate(ref)

    def _vet(self, old: Any, new: Any) -> set[Any]:
        """The rule proper: see the module docstring for what is accepted."""
        from pyhanko.pdf_utils import generic

        xrefs = new.reader.xrefs
        changed = set(new.explicit_refs_in_revision())
        fresh = {r for r in changed if xrefs.get_historical_ref(r, old.revision) is None}
        try:
            root_ref = _ref(new.root.raw_get("/StructTreeRoot"))
            if root_ref is None or root_ref != _ref(old.root.raw_get("/StructTreeRoot")):
                return set()
        except KeyError:
            return set()
        new_annots = {r for r in fresh if isinstance(new(r), generic.DictionaryObject)
                      and (new(r).get("/Type") == "/Annot" or ("/Subtype" in new(r) and "/Rect" in new(r)))}
        new_elems = {r for r in fresh if _is_struct_elem(new(r))}
        approved: set[Any] = set()
        if not self._new_elements_tag_new_annotations(new, new_elems, new_annots, approved):
            return set()
        if not self._old_elements_only_grow(old, new, changed - fresh - {root_ref}, new_elems, approved):
            return set()
        if root_ref in changed and not self._root_kept(old, new, root_ref, new_elems, changed, approved):
            return set()
        return approved if approved & changed else set()

    @staticmethod
    def _new_elements_tag_new_annotations(new: Any, new_elems: set[Any], new_annots: set[Any], approved: set[Any]) -> bool:
        from pyhanko.pdf_utils import generic

        for r in new_elems:
            elem = new(r)
            for kid in _raw_list(elem.raw_get("/K") if "/K" in elem else None):
                kobj = kid.get_object() if isinstance(kid, generic.IndirectObject) else kid
                if isinstance(kobj, generic.DictionaryObject) and kobj.get("/Type") == "/OBJR":
                    if _ref(kobj.raw_get("/Obj")) not in new_annots:
                        return False
                    if _ref(kid) is not None:
                        approved.add(_ref(kid))
                elif _ref(kid) not in new_elems:
                    return False  # marked content or an old element moved under the new one
            approved.add(r)
        return True

    @staticmethod
    def _old_elements_only_grow(old: Any, new: Any, overridden: set[Any], new_elems: set[Any], approved: set[Any]) -> bool:
        """Existing elements keep every attribute; their children only gain new elements, appended."""
        for r in overridden:
            o, n = old(r), new(r)
            if not (_is_struct_elem(o) and _is_struct_elem(n)):
                continue
            if set(o.keys()) != set(n.keys()) or any(not _same_raw(o.raw_get(k), n.raw_get(k)) for k in o if k != "/K"):
                return False
            ok, nk = _raw_list(o.raw_get("/K") if "/K" in o else None), _raw_list(n.raw_get("/K") if "/K" in n else None)
            if len(nk) < len(ok) or any(not _same_raw(a, b) for a, b in zip(ok, nk)):
                return False
            if any(_ref(k) not in new_elems for k in nk[len(ok):]):
                return False
            approved.add(r)
        return True

    def _root_kept(self, old: Any, new: Any, root_ref: Any, new_elems: set[Any], changed: set[Any], approved: set[Any]) -> bool:
        """The root keeps its keys but /ParentTree and /ParentTreeNextKey; the parent tree keeps its entries."""
        o, n = old(root_ref), new(root_ref)
        loose = {"/ParentTree", "/ParentTreeNextKey"}
        if set(o.keys()) - loose != set(n.keys()) - loose:
            return False
        if any(not _same_raw(o.raw_get(k), n.raw_get(k)) for k in o if k not in loose):
            return False
        approved.add(root_ref)
        return self._parent_tree_kept(old, new, o, n, new_elems, changed, approved)

    @staticmethod
    def _parent_tree_kept(old: Any, new: Any, o: Any, n: Any, new_elems: set[Any], changed: set[Any], approved: set[Any]) -> bool:
        if "/ParentTree" not in n:
            return "/ParentTree" not in o
        before = _number_tree(old, o.raw_get("/ParentTree")) if "/ParentTree" in o else {}
        after = _number_tree(new, n.raw_get("/ParentTree"))
        for key, value in before.items():
            if key not in after or _parent_tree_value(value) != _parent_tree_value(after[key]):
                return False
        for key in set(after) - set(before):
            if any(r not in new_elems for r in _parent_tree_value(after[key])):
                return False
        approved.update(r for r in _tree_nodes(n.raw_get("/ParentTree")) if r in changed)
        return True


# ---------------------------------------------------------------------------------------
# the policy


def diff_policy() -> Any:
    """pyHanko's default rules with the three departures of the module docstring."""
    from pyhanko.sign.diff_analysis import (
        CatalogModificationRule,
        DocInfoRule,
        DSSCompareRule,
        FormUpdatingRule,
        GenericFieldModificationRule,
        MetadataUpdateRule,
        ModificationLevel,
        ObjectStreamRule,
        SigFieldCreationRule,
        SigFieldModificationRule,
        StandardDiffPolicy,
        XrefStreamRule,
    )

    lta = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[
            CatalogModificationRule(),
            DocInfoRule().as_qualified(lta),
            XrefStreamRule().as_qualified(lta),
            ObjectStreamRule().as_qualified(lta),
            DSSCompareRule().as_qualified(lta),
            MetadataUpdateRule().as_qualified(lta),
            StructTreeAdditionRule().as_qualified(ModificationLevel.FORM_FILLING),
        ],
        form_rule=FormUpdatingRule(field_rules=[
            SigFieldCreationRule(allow_new_visible_after_certify=True),
            SigFieldModificationRule(),
            GenericFieldModificationRule(),
        ]),
        reject_object_freeing=False,
    )


# ---------------------------------------------------------------------------------------
# describing an update


def _stream_kind(obj: Any, ref: Any) -> tuple[str, str]:
    t, st = obj.get("/Type"), obj.get("/Subtype")
    if t == "/Metadata":
        return "metadata", "XMP"
    if t in ("/XRef", "/ObjStm"):
        return "file-structure", str(t)[1:]
    if st in ("/Form", "/Image"):
        return "appearance", f"{str(st)[1:]} XObject {ref.idnum}"
    if t == "/EmbeddedFile":
        return "attachments", f"embedded file {ref.idnum}"
    return "stream", f"stream {ref.idnum}"


def _annot_kind(obj: Any, ref: Any) -> tuple[str, str]:
    st = obj.get("/Subtype")
    if st == "/Widget" or "/FT" in obj:
        return ("signature-widget" if obj.get("/FT") == "/Sig" else "form"), f"{str(st or 'Widget')[1:]} {ref.idnum}"
    return "annotations", f"{str(st)[1:] if st else 'annotation'} {ref.idnum}"


_DICT_TYPES = {"/Catalog": ("catalog", "Catalog"), "/Pages": ("pages", "page tree"),
               "/DSS": ("validation-data", "DSS"), "/VRI": ("validation-data", "DSS")}


def _kind_of(obj: Any, ref: Any, new: Any, page_no: dict[Any, int]) -> tuple[str, str]:
    """(category, short description) of one object an update wrote."""
    from pyhanko.pdf_utils import generic

    if isinstance(obj, generic.StreamObject):
        return _stream_kind(obj, ref)
    if isinstance(obj, generic.NullObject):
        return "file-structure", f"free entry {ref.idnum}"  # freed numbers are judged by _deleted()
    if not isinstance(obj, generic.DictionaryObject):
        return ("array", f"array {ref.idnum}") if isinstance(obj, generic.ArrayObject) else ("value", f"object {ref.idnum}")
    t = obj.get("/Type")
    if t in _DICT_TYPES:
        return _DICT_TYPES[t]
    if t == "/Page":
        return "page", f"page {page_no.get(ref, '?')}"
    if t in ("/Sig", "/DocTimeStamp"):
        return "signature", f"{str(t)[1:]} {ref.idnum}"
    if ref == _ref(_safe_raw(new.root, "/DSS")):
        return "validation-data", "DSS"
    if t == "/Annot" or ("/Subtype" in obj and "/Rect" in obj):
        return _annot_kind(obj, ref)
    if "/FT" in obj or "/Fields" in obj:
        return ("signature-widget" if obj.get("/FT") == "/Sig" else "form"), ("AcroForm" if "/Fields" in obj else f"field {ref.idnum}")
    if _is_struct_elem(obj) or t in ("/StructTreeRoot", "/OBJR") or "/Nums" in obj:
        return "structure-tree", "structure tree"
    if t in ("/Font", "/FontDescriptor", "/ExtGState", "/XObject"):
        return "resources", f"{str(t)[1:]} {ref.idnum}"
    if ref == _ref(_safe_raw(new.trailer_view, "/Info")):
        return "metadata", "Info"
    return "other", f"object {ref.idnum}"


def _safe_raw(d: Any, key: str) -> Any:
    try:
        return d.raw_get(key)
    except Exception:  # noqa: BLE001
        return None


def _page_numbers(resolver: Any) -> dict[Any, int]:
    from .widgets import page_refs

    out: dict[Any, int] = {}
    try:
        for i, (_idnum, ref) in enumerate(page_refs(resolver), start=1):
            if _ref(ref) is not None:
                out[_ref(ref)] = i
    except Exception:  # noqa: BLE001
        pass
    return out


def _describe(update: Update, old: Any, new: Any, page_no: dict[Any, int]) -> None:
    """Fill ``touched``/``objects``: which kinds of objects the update wrote, and which pages."""
    xrefs = new.reader.xrefs
    touched: dict[str, None] = {}
    objects: dict[str, None] = {}
    sig_deps = False
    for ref in sorted(new.explicit_refs_in_revision(), key=lambda r: r.idnum):
        try:
            obj = new(ref)
        except Exception:  # noqa: BLE001
            touched["other"] = None
            continue
        kind, what = _kind_of(obj, ref, new, page_no)
        existed = xrefs.get_historical_ref(ref, old.revision) is not None
        if kind == "page" and existed:
            try:
                before = old(ref)
                keys = sorted(k for k in set(before.keys()) | set(obj.keys()) if not _same_raw(before.raw_get(k) if k in before else None, obj.raw_get(k) if k in obj else None))
            except Exception:  # noqa: BLE001
                keys = ["?"]
            kind = "page-annotations" if keys == ["/Annots"] else "page-content"
            what = f"{what} {' '.join(keys)}"
        elif kind in ("appearance", "resources", "stream", "array", "other", "value") and not existed:
            sig_deps = True  # new objects: judged through what refers to them (or unused)
            continue
        elif kind in ("signature-widget", "signature"):
            kind = "signature"
        elif kind == "resources" or (kind == "stream" and existed):
            kind = "page-content"
        touched[kind] = None
        objects[what] = None
    if update.deleted:
        touched["deleted"] = None
        objects.update({f"deleted object {n}": None for n in update.deleted})
    if sig_deps and not touched:
        touched["other" if update.level == "OTHER" else "file-structure"] = None
    update.touched = list(touched)
    update.objects = list(objects)[:12]


# ---------------------------------------------------------------------------------------
# the analysis


def _deleted(old: Any, new: Any) -> list[int]:
    """Object numbers freed by ``new`` that were live in ``old`` (real deletions)."""
    xrefs = new.reader.xrefs
    out = []
    for ref in new.refs_freed_in_revision():
        from pyhanko.pdf_utils import generic

        live = xrefs.get_historical_ref(generic.Reference(ref.idnum, 0), old.revision)
        if live is not None:
            out.append(ref.idnum)
    return sorted(out)


def _signed_here(new: Any, reader: Any) -> list[str]:
    from .fields import fields_of

    try:
        now = fields_of(new.root)
        before = fields_of(reader.get_historical_resolver(new.revision - 1).root)
    except Exception:  # noqa: BLE001
        return []
    return sorted(n for n, (ft, filled, _v) in now.items() if ft == "/Sig" and filled and not (before.get(n) or ("", False, None))[1])


def analyse_updates(reader: Any, first_revision: int) -> list[Update]:
    """Review every update after ``first_revision`` once (revision k against k−1).

    The table of where each object is used, which pyHanko's rules need for the previous
    revision, is built once and carried from revision to revision (``usages.py``)."""
    from pyhanko.sign.diff_analysis import SuspiciousModification

    from . import usages

    policy = diff_policy()
    updates: list[Update] = []
    total = reader.xrefs.total_revisions
    table: usages.Usages | None = None
    for k in range(max(first_revision, 0) + 1, total):
        upd = Update(revision=k)
        old = new = None
        try:
            old = reader.get_historical_resolver(k - 1)
            new = reader.get_historical_resolver(k)
            table = _install_usages(table, old)
            upd.deleted = _deleted(old, new)
            result = policy.apply(old, new)
            upd.level = result.modification_level.name
            upd.changed_fields = {str(n) for n in result.changed_form_fields}  # plain str: pyHanko's carry their reader
        except SuspiciousModification as exc:
            upd.level, upd.reason = "OTHER", str(exc).splitlines()[0][:300]
        except Exception as exc:  # noqa: BLE001 - an update we cannot analyse is not explained
            log.debug("update %s not analysed", k, exc_info=True)
            upd.level, upd.reason = "OTHER", f"{type(exc).__name__}: {exc}"[:300]
        if upd.deleted:
            upd.level = "OTHER"
        if new is not None and old is not None:
            try:
                _describe(upd, old, new, _page_numbers(new))
            except Exception:  # noqa: BLE001
                upd.touched = upd.touched or ["other"]
            upd.signed_fields = _signed_here(new, reader)
            table = _advance_usages(table, old, new)
        updates.append(upd)
    return updates


def _install_usages(table: Any, old: Any) -> Any:
    """Give ``old`` its usage table (built on the first revision, carried after); None = let pyHanko build it."""
    from . import usages

    try:
        if table is None:
            table = usages.build(old)
        table.install(old)
        return table
    except usages.Unsupported:
        return None


def _advance_usages(table: Any, old: Any, new: Any) -> Any:
    from . import usages

    if table is None:
        return None
    try:
        return usages.advance(table, old, new)
    except Exception:  # noqa: BLE001 - the next revision builds its table afresh
        log.debug("usage table not carried to revision %s", new.revision, exc_info=True)
        return None
