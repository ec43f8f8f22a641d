"""Where each object of a revision is used (pyHanko's reverse cross-reference cache), kept
up to date from one revision to the next instead of rebuilt.

pyHanko's difference analysis asks, for every object an update overrides, from which paths
of the previous revision it was reachable (``HistoricalResolver._load_reverse_xref_cache``).
Building that table walks the whole document; in a tagged PDF (Word's e-office output) that
means thousands of structure elements, 1–3 s per revision, once per revision reviewed. A
signature update changes a handful of objects (catalog, page, form, Info), so the table of
revision *k* is the table of *k−1* with only the paths through what changed recomputed.

The walk mirrors pyHanko's own rules exactly (tests compare the two on every revision of the
real files): paths start at the trailer; ``/Parent`` is never followed; page-tree nodes are
entered only through their canonical ``/Kids`` path; structure elements only from
``/Root/StructTreeRoot/K``, where ``/P`` is not followed; a reference already on the path is
not recorded again. A path is recorded for every reference reached, descended into or not.

The update is done per changed object: only the locations inside it whose value differs
(another reference, a key added or removed, an array grown) are walked again; entries whose
path runs through such a location are dropped. When the page tree or the structure tree
itself changed, the table is rebuilt (the walk's rules depend on them).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

Path = tuple  # keys and indices from the trailer
Entry = tuple  # (path, chain of references on the path before the entry's own)

_STRUCT_ROOT_PATH = ("/Root", "/StructTreeRoot")


class Unsupported(Exception):
    """The document is beyond what this table mirrors (loops in the page or structure tree)."""


@dataclass
class Usages:
    """The reverse cache of one revision, with what is needed to carry it to the next."""

    page_nodes: dict[Any, Path]
    struct_nodes: set[Any]
    recorded: dict[Any, set[Entry]] = field(default_factory=dict)
    descended: dict[Any, set[Entry]] = field(default_factory=dict)

    def as_pyhanko(self) -> dict[Any, set[Any]]:
        from pyhanko.pdf_utils.reader import RawPdfPath

        return {ref: {RawPdfPath(*e[0]) for e in entries} for ref, entries in self.recorded.items()}

    def install(self, resolver: Any) -> None:
        """Give a resolver this table, so pyHanko does not build its own (paths are converted
        to pyHanko's form only for the objects its rules ask about)."""
        resolver._indirect_object_access_cache = _LazyPaths(self.recorded)


class _LazyPaths(dict):
    """pyHanko's ``{reference: {RawPdfPath}}``, converted on first access per reference."""

    def __init__(self, recorded: dict[Any, set[Entry]]) -> None:
        super().__init__()
        self._recorded = recorded

    def __missing__(self, ref: Any) -> set[Any]:
        from pyhanko.pdf_utils.reader import RawPdfPath

        entries = self._recorded[ref]  # KeyError: never reached (pyHanko answers "no usages")
        value = self[ref] = {RawPdfPath(*e[0]) for e in entries}
        return value

    def __bool__(self) -> bool:
        return True

    def __contains__(self, ref: object) -> bool:
        return ref in self._recorded


def _gen() -> Any:
    from pyhanko.pdf_utils import generic

    return generic


# --------------------------------------------------------------------------- the trees


def _page_nodes(resolver: Any) -> dict[Any, Path]:
    g = _gen()
    raw = resolver.root.raw_get("/Pages")
    out: dict[Any, Path] = {}
    base: Path = ("/Root", "/Pages")
    if isinstance(raw, g.IndirectObject):
        out[raw.reference] = base

    def walk(node: Any, path: Path, depth: int) -> None:
        if depth > 256:
            raise Unsupported("page tree too deep")
        for ix, kid in enumerate(node["/Kids"]):
            kid_path = path + ("/Kids", ix)
            if isinstance(kid, g.IndirectObject):
                if kid.reference in out:
                    raise Unsupported("loop in the page tree")
                out[kid.reference] = kid_path
            kid = kid.get_object()
            if kid.get("/Type", None) == "/Pages":
                walk(kid, kid_path, depth + 1)

    walk(raw.get_object(), base, 0)
    return out


def _struct_nodes(resolver: Any) -> set[Any]:
    g = _gen()
    out: set[Any] = set()
    try:
        root = resolver.root.raw_get("/StructTreeRoot").get_object()
    except KeyError:
        return out

    def walk(elem: Any, depth: int) -> None:
        if depth > 512:
            raise Unsupported("structure tree too deep")
        try:
            children = elem["/K"]
        except KeyError:
            return
        if not isinstance(children, g.ArrayObject):
            children = (children,)
        for child in children:
            ref = None
            if isinstance(child, g.IndirectObject):
                ref = child.reference
                child = child.get_object()
            if not isinstance(child, g.DictionaryObject):
                continue
            try:
                if child["/Type"] != "/StructElem":
                    continue
            except KeyError:
                pass
            if ref is not None:
                if ref in out:
                    raise Unsupported("loop in the structure tree")
                out.add(ref)
            walk(child, depth + 1)

    walk(root, 0)
    return out


# --------------------------------------------------------------------------- the walk


class _Walker:
    """pyHanko's path walk, recording (path, chain) for every reference reached."""

    def __init__(self, resolver: Any, table: Usages) -> None:
        self.resolver = resolver
        self.table = table
        self.g = _gen()

    def value(self, obj: Any, path: Path, chain: tuple, in_struct: bool) -> None:
        g = self.g
        if isinstance(obj, g.IndirectObject):
            ref = obj.reference
            if ref in chain:
                return
            entry = (path, chain)
            self.table.recorded.setdefault(ref, set()).add(entry)
            target = self.resolver(ref)
            if self.table.page_nodes.get(ref, path) != path:
                return
            if not in_struct and ref in self.table.struct_nodes:
                return
            self.table.descended.setdefault(ref, set()).add(entry)
            chain, obj = chain + (ref,), target
        self.inside(obj, path, chain, in_struct)

    def inside(self, obj: Any, path: Path, chain: tuple, in_struct: bool) -> None:
        g = self.g
        if isinstance(obj, g.DictionaryObject):
            for k, v in obj.items():
                if k == "/Parent" or (in_struct and k == "/P"):
                    continue
                self.value(v, path + (k,), chain, in_struct or (path == _STRUCT_ROOT_PATH and k == "/K"))
        elif isinstance(obj, g.ArrayObject):
            for ix, v in enumerate(obj):
                self.value(v, path + (ix,), chain, in_struct)


def _in_struct(path: Path) -> bool:
    return path[:3] == _STRUCT_ROOT_PATH + ("/K",)


def build(resolver: Any) -> Usages:
    """The whole table of one revision (what pyHanko's ``_load_reverse_xref_cache`` computes).

    Raises :class:`Unsupported` for anything it cannot mirror (then pyHanko builds its own)."""
    try:
        table = Usages(_page_nodes(resolver), _struct_nodes(resolver))
    except Unsupported:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged tree: pyHanko decides (and fails) its own way
        raise Unsupported(f"{type(exc).__name__}: {exc}") from None
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        _Walker(resolver, table).inside(resolver.trailer_view, (), (), False)
    finally:
        sys.setrecursionlimit(limit)
    return table


# --------------------------------------------------------------------------- the update


def _dirty(old: Any, new: Any, rel: Path, out: set[Path], depth: int = 0) -> None:
    """Minimal locations inside an object where the old and new values differ (for paths:
    references and containers; scalars lead nowhere)."""
    g = _gen()
    if depth > 64:
        out.add(rel)
        return
    o_ind, n_ind = isinstance(old, g.IndirectObject), isinstance(new, g.IndirectObject)
    if o_ind or n_ind:
        if not (o_ind and n_ind and old.reference == new.reference):
            out.add(rel)
        return
    o_dict, n_dict = isinstance(old, g.DictionaryObject), isinstance(new, g.DictionaryObject)
    o_arr, n_arr = isinstance(old, g.ArrayObject), isinstance(new, g.ArrayObject)
    if o_dict and n_dict:
        for k in set(old.keys()) | set(new.keys()):
            if k not in old or k not in new:
                out.add(rel + (k,))
            else:
                _dirty(old.raw_get(k), new.raw_get(k), rel + (k,), out, depth + 1)
    elif o_arr and n_arr:
        for ix in range(max(len(old), len(new))):
            if ix >= len(old) or ix >= len(new):
                out.add(rel + (ix,))
            else:
                _dirty(old.raw_get(ix), new.raw_get(ix), rel + (ix,), out, depth + 1)
    elif o_dict or n_dict or o_arr or n_arr:
        out.add(rel)


def _trie(prefixes: set[Path]) -> dict:
    root: dict = {}
    for p in prefixes:
        node = root
        for step in p:
            node = node.setdefault(step, {})
        node[_END] = True
    return root


_END = object()


def _under(path: Path, trie: dict) -> bool:
    """Does ``path`` start with one of the trie's prefixes? (A path names one object per
    revision, so a path under a changed location runs through the changed object.)"""
    node = trie
    if _END in node:
        return True
    for step in path:
        node = node.get(step)
        if node is None:
            return False
        if _END in node:
            return True
    return False


def _rewalk(w: _Walker, obj: Any, marks: set[Path], rel: Path, path: Path, chain: tuple, in_struct: bool) -> None:
    """Walk only the dirty locations of a changed object (its new value ``obj`` at ``rel``)."""
    g = w.g
    if rel in marks:
        w.inside(obj, path, chain, in_struct) if not rel else w.value(obj, path, chain, in_struct)
        return
    if not any(m[: len(rel)] == rel and len(m) > len(rel) for m in marks):
        return
    if isinstance(obj, g.DictionaryObject):
        for k in obj.keys():
            if k == "/Parent" or (in_struct and k == "/P"):
                continue
            _rewalk(w, obj.raw_get(k), marks, rel + (k,), path + (k,), chain,
                    in_struct or (path == _STRUCT_ROOT_PATH and k == "/K"))
    elif isinstance(obj, g.ArrayObject):
        for ix in range(len(obj)):
            _rewalk(w, obj.raw_get(ix), marks, rel + (ix,), path + (ix,), chain, in_struct)


def advance(prev: Usages, old: Any, new: Any) -> Usages:
    """The table of revision ``new`` from that of ``old`` (the revision just before it)."""
    g = _gen()
    xrefs = new.reader.xrefs
    written = set(new.explicit_refs_in_revision())
    freed = {g.Reference(r.idnum, 0) for r in new.refs_freed_in_revision()}
    changed = {r for r in written if xrefs.get_historical_ref(r, old.revision) is not None}
    changed |= {r for r in written if r in prev.recorded}  # defined now, dangling before
    changed |= {r for r in freed if r in prev.recorded}
    catalog_old, catalog_new = old.root, new.root
    try:
        same_trees = (_raw_same(catalog_old, catalog_new, "/Pages") and _raw_same(catalog_old, catalog_new, "/StructTreeRoot")
                      and not any(r in prev.struct_nodes or _is_tree_node(old, r) or _is_tree_node(new, r) for r in changed | freed))
    except Exception:  # noqa: BLE001
        same_trees = False
    if not same_trees:
        return build(new)
    dirty: dict[Any, set[Path]] = {}
    for ref in changed:
        marks: set[Path] = set()
        if ref in freed or xrefs.get_historical_ref(ref, old.revision) is None:
            marks.add(())
        else:
            _dirty(old(ref), new(ref), (), marks)
        if marks:
            dirty[ref] = marks
    trailer_marks: set[Path] = set()
    _dirty(old.trailer_view, new.trailer_view, (), trailer_marks)
    invalid = set(trailer_marks)
    for ref, marks in dirty.items():
        for path, _chain in prev.descended.get(ref, ()):
            invalid.update(path + m for m in marks)
    trie = _trie(invalid)
    table = Usages(prev.page_nodes, prev.struct_nodes)
    for src, dst in ((prev.recorded, table.recorded), (prev.descended, table.descended)):
        for ref, entries in src.items():
            kept = {e for e in entries if not _under(e[0], trie)} if invalid else set(entries)
            if kept:
                dst[ref] = kept
    w = _Walker(new, table)
    if trailer_marks:
        _rewalk(w, new.trailer_view, trailer_marks, (), (), (), False)
    for ref, marks in dirty.items():
        for path, chain in list(table.descended.get(ref, ())):
            _rewalk(w, new(ref) if ref not in freed else g.NullObject(), marks, (), path, chain + (ref,), _in_struct(path))
    return table


def _raw_same(a: Any, b: Any, key: str) -> bool:
    g = _gen()
    ra, rb = (a.raw_get(key) if key in a else None), (b.raw_get(key) if key in b else None)
    if isinstance(ra, g.IndirectObject) and isinstance(rb, g.IndirectObject):
        return ra.reference == rb.reference
    return ra is None and rb is None


def _is_tree_node(resolver: Any, ref: Any) -> bool:
    """A page-tree node (not a leaf page) or the structure tree root: the walk's rules depend on them."""
    try:
        obj = resolver(ref)
    except Exception:  # noqa: BLE001
        return False
    g = _gen()
    return isinstance(obj, g.DictionaryObject) and obj.get("/Type") in ("/Pages", "/StructTreeRoot")
