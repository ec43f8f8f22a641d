"""Form fields of a PDF revision, walked the same way on pyHanko and pypdf objects."""

from __future__ import annotations

from typing import Any, Iterable

MAX_FIELD_DEPTH = 32


def walk_fields(fields: Iterable[Any], prefix: str = "", inherited_ft: Any = None, seen: set | None = None, depth: int = 0):
    """Yield ``(fully_qualified_name, field_dict)`` for terminal fields, with /FT inherited."""
    seen = set() if seen is None else seen
    if depth > MAX_FIELD_DEPTH:
        return
    for ref in fields:
        key = getattr(ref, "idnum", None), getattr(ref, "generation", None)
        if key[0] is not None:
            if key in seen:
                continue
            seen.add(key)
        try:
            fdict = ref.get_object()
        except Exception:  # noqa: BLE001
            continue
        if not hasattr(fdict, "get"):
            continue
        t = item(fdict, "/T")
        name = f"{prefix}.{t}" if prefix and t is not None else (str(t) if t is not None else prefix)
        ft = item(fdict, "/FT") or inherited_ft
        kids = item(fdict, "/Kids")
        kid_fields = []
        if kids is not None:
            try:
                kid_fields = [k for k in kids if "/T" in k.get_object()]
            except Exception:  # noqa: BLE001
                kid_fields = []
        if kid_fields:
            yield from walk_fields(kid_fields, name, ft, seen, depth + 1)
        else:
            if ft is not None and "/FT" not in fdict:
                fdict = _WithFT(fdict, ft)
            yield name, fdict


def item(d: Any, key: str) -> Any:
    """``d[key]`` dereferenced, or None (pyHanko's and pypdf's ``get`` may return references)."""
    try:
        return d[key] if key in d else None
    except Exception:  # noqa: BLE001
        return None


class _WithFT:
    """A field dict view with an inherited /FT."""

    def __init__(self, d: Any, ft: Any):
        self._d, self._ft = d, ft

    def get(self, key: str, default: Any = None) -> Any:
        return self._ft if key == "/FT" else self._d.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self._ft if key == "/FT" else self._d[key]

    def __contains__(self, key: str) -> bool:
        return key == "/FT" or key in self._d

    def raw_get(self, key: str) -> Any:
        return self._d.raw_get(key)


def fields_of(root: Any) -> dict[str, tuple[str, bool, str | None]]:
    """name → (field type, filled, value) for every terminal field under ``root``'s AcroForm.

    The value of a signature field is not read (its /Contents is large and the signature
    itself is validated); other fields' values are, so a changed text value shows.
    """
    out: dict[str, tuple[str, bool, str | None]] = {}
    try:
        form = root["/AcroForm"] if "/AcroForm" in root else None
        if form is None:
            return out
        fields = form["/Fields"] if "/Fields" in form else []
        for name, fdict in walk_fields(fields):
            ft = str(fdict.get("/FT"))
            value = None
            if ft != "/Sig" and "/V" in fdict:
                try:
                    value = str(fdict["/V"])[:500]
                except Exception:  # noqa: BLE001
                    value = "?"
            out[name] = (ft, filled(fdict), value)
    except Exception:  # noqa: BLE001
        pass
    return out


def filled(fdict: Any) -> bool:
    """Has a /V value, without resolving it (a signature dictionary holds a large /Contents)."""
    from pyhanko.pdf_utils import generic

    try:
        raw = fdict.raw_get("/V")
    except KeyError:
        return False
    except AttributeError:  # not a pyHanko dictionary
        raw = fdict.get("/V")
    if isinstance(raw, generic.IndirectObject):
        return True
    return raw is not None and not isinstance(raw, generic.NullObject)



def enumerate_filled(reader: Any) -> list[tuple[str, Any, Any]]:
    """(name, signature dictionary, field reference) of every filled signature field."""
    from pyhanko.sign.fields import enumerate_sig_fields

    return list(enumerate_sig_fields(reader, filled_status=True))
