"""Tagged PDF: which table cell (TD/TH of the structure tree) each marked-content id sits in.

Why: Word and its e-office pipelines export tagged PDFs; the Decree 30 header and signature
block are borderless tables there, and the structure tree says which cell a run of text belongs
to even when the geometry does not (``Số: …`` and the date line a few spaces apart, both
upright; a Nơi nhận line touching the signer's title). PDF 32000-1:2008, 14.7.4: a page's
/StructParents keys the structure tree's /ParentTree to the array of structure elements that
own its marked-content ids (MCIDs); each element's /P leads up to its TD/TH.

Only the pages that hold the header and the signature block are asked for (the first and the
last), so the cost stays a few milliseconds however big the tree is. Bounded (number-tree depth
and size, ancestor depth) and never raises: an unreadable tree is no tree.
"""

from __future__ import annotations

from typing import Any

CELL_TYPES = frozenset({"/TD", "/TH"})
MAX_LAYOUT_ROWS = 8  # the header and signature tables have 1–3 rows; more is a data table
MAX_UP = 10
MAX_TREE_NODES = 2_000


def _get(obj: Any, key: str) -> Any:
    try:
        v = obj.get(key)
        return v.get_object() if v is not None else None
    except Exception:
        return None


def _num(v: Any) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _lookup(tree: Any, key: int) -> Any:
    """Value of ``key`` in a number tree (/Nums leaves, /Kids with /Limits)."""
    node, visited = tree, 0
    while node is not None and visited < MAX_TREE_NODES:
        visited += 1
        nums = _get(node, "/Nums")
        if isinstance(nums, list):
            for i in range(0, len(nums) - 1, 2):
                if _num(nums[i]) == key:
                    v = nums[i + 1]
                    try:
                        return v.get_object()
                    except Exception:
                        return None
            return None
        kids = _get(node, "/Kids")
        if not isinstance(kids, list):
            return None
        nxt = None
        for kid in kids:
            k = kid.get_object() if hasattr(kid, "get_object") else kid
            lim = _get(k, "/Limits")
            if isinstance(lim, list) and len(lim) == 2 and _num(lim[0]) is not None and _num(lim[1]) is not None:
                if _num(lim[0]) <= key <= _num(lim[1]):  # type: ignore[operator]
                    nxt = k
                    break
            elif lim is None:
                nxt = k
                break
        node = nxt
    return None


def _rows(table: Any) -> int:
    """Rows of a Table element (its TR kids, directly or under THead/TBody/TFoot)."""
    k = _get(table, "/K")
    rows = 0
    for kid in (k if isinstance(k, list) else [k]):
        try:
            o = kid.get_object()
        except Exception:
            continue
        if not hasattr(o, "get"):
            continue
        s = _get(o, "/S")
        if s == "/TR":
            rows += 1
        elif s in ("/THead", "/TBody", "/TFoot"):
            kk = _get(o, "/K")
            rows += len(kk) if isinstance(kk, list) else 1
        if rows > MAX_LAYOUT_ROWS:
            break
    return rows


def page_cells(reader: Any, page: Any) -> dict[int, int]:
    """{MCID: cell id} for the page's marked content that sits in a layout-table cell."""
    try:
        root = reader.trailer["/Root"].get_object()
        tree = _get(root, "/StructTreeRoot")
        key = _num(page.get("/StructParents"))
    except Exception:
        return {}
    if tree is None or key is None:
        return {}
    parents = _lookup(_get(tree, "/ParentTree"), key)
    if not isinstance(parents, list):
        return {}
    out: dict[int, int] = {}
    owner: dict[int, int | None] = {}  # element object number → cell id (None: not in a layout cell)
    for mcid, ref in enumerate(parents[:100_000]):
        num = getattr(ref, "idnum", None)
        if num is None:
            continue
        if num not in owner:
            owner[num] = _cell_of(ref)
        cell = owner[num]
        if cell is not None:
            out[mcid] = cell
    return out


def _cell_of(ref: Any) -> int | None:
    node = ref
    cell: int | None = None
    for _ in range(MAX_UP):
        try:
            obj = node.get_object()
        except Exception:
            return None
        if not hasattr(obj, "get"):
            return None
        s = _get(obj, "/S")
        if cell is None and s in CELL_TYPES:
            cell = getattr(node, "idnum", None)
        elif s == "/Table":
            return cell if cell is not None and _rows(obj) <= MAX_LAYOUT_ROWS else None
        nxt = obj.get("/P")
        if nxt is None:
            return cell
        node = nxt
    return cell
