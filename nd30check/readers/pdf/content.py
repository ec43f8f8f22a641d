"""A small, bounded PDF content-stream interpreter: glyphs, horizontal rules and images.

Why our own: we need, fast and for every glyph, its Unicode text, font, effective size,
colour and position on the *displayed* page (after /Rotate and the CropBox), plus the thin
horizontal paths Word draws under the Tiêu ngữ. pypdf's ContentStream builds Python objects
per token and its text extraction loses positions; a regex tokenizer over the decoded bytes
is several times faster and lets us bound every loop (hostile files).

Coordinates: the interpreter starts with the page's display matrix as CTM, so everything it
emits is already in display space (points, origin top-left, y downwards).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterator

from .fonts import Budget, PdfFont, load_font

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_OPS_PER_PAGE = 2_000_000
MAX_OPS_PER_DOCUMENT = 8_000_000  # ≈ 15 s of interpretation at worst
MAX_FORM_DEPTH = 12
MAX_FORMS_PER_PAGE = 3_000
MAX_GLYPHS_PER_PAGE = 400_000
MAX_PATH_POINTS = 400_000
MAX_HLINES_PER_PAGE = 5_000

_DELIM = rb" \t\r\n\f\x00/\[\]<>(){}%"
_TOK = re.compile(
    rb"(?:[ \t\r\n\f\x00]+|%[^\r\n]*)*"  # whitespace and comments are eaten with the token
    rb"(?:(?P<n>[+-]?(?:\d+\.?\d*|\.\d+))(?![^" + _DELIM + rb"])"
    rb"|(?P<o>[A-Za-z'\"*][^" + _DELIM + rb"]*)"
    rb"|(?P<m>/[^" + _DELIM + rb"]*)"
    rb"|\((?P<S>[^()\\]*)\)|(?P<s>\()|(?P<d><<)|(?P<e>>>)|(?P<h><[^<>]*>)|(?P<a>\[)|(?P<b>\])"
    rb"|(?P<O>[^" + _DELIM + rb"]+)|(?P<j>[\s\S])|(?P<z>$))"
)
# Fast path, one match per operator for what fills a Word-born page: an operator whose operands
# are all numbers ("1 0 0 1 86.4 784.9 Tm", "0 g", "re", "BT"), "[<0038>-9(…)] TJ" and
# "/F1 13 Tf". Anything else (dictionaries, names, comments, inline images) takes the general
# token-by-token path, which yields the same operators and operands.
_WS = rb"[ \t\r\n\f\x00]"
_NUM = rb"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"  # unambiguous: no two ways to split a run of digits
_LIT = rb"\((?:[^()\\]|\\[\s\S])*\)"
_HEXS = rb"<[0-9A-Fa-f \t\r\n\f]*>"
_FAST_ALL = re.compile(
    _WS + rb"*(?:"
    rb"\[(?P<tj>(?:" + _WS + rb"*(?:" + _HEXS + rb"|" + _LIT + rb"|" + _NUM + rb"(?![0-9.])))*)" + _WS + rb"*\]" + _WS + rb"*TJ"
    rb"|/(?P<tf>[^" + _DELIM + rb"]+)" + _WS + rb"+(?P<fs>" + _NUM + rb")" + _WS + rb"+Tf"
    rb"|(?P<nums>(?:" + _NUM + _WS + rb"+)*)(?P<op>[A-Za-z'\"*][^" + _DELIM + rb"]*)"
    rb")(?=[" + _DELIM + rb"]|$)"
)
_TJ_EL = re.compile(rb"<([0-9A-Fa-f \t\r\n\f]*)>|(" + _LIT + rb")|(" + _NUM + rb")")
_NOT_FAST = frozenset({b"true", b"false", b"null", b"BI"})


_TJ_CACHE: dict[bytes, list[Any]] = {}


def _tj_elements(body: bytes) -> list[Any]:
    """The elements of a TJ array matched by the fast path: strings and numbers. Cached: a page
    repeats the same arrays ("( )" between words, common words); the interpreter only reads them."""
    hit = _TJ_CACHE.get(body)
    if hit is not None:
        return hit
    out = _parse_tj(body)
    if len(body) <= 256:
        if len(_TJ_CACHE) >= 20_000:
            _TJ_CACHE.clear()
        _TJ_CACHE[body] = out
    return out


def _parse_tj(body: bytes) -> list[Any]:
    out: list[Any] = []
    for hx, lit, num in _TJ_EL.findall(body):
        if num:
            out.append(float(num))
        elif lit:
            out.append(_literal(lit, 1)[0])
        else:
            h = re.sub(rb"[^0-9A-Fa-f]", b"", hx)
            if len(h) % 2:
                h += b"0"
            out.append(bytes.fromhex(h.decode("ascii")))
    return out


# operators the interpreter acts on; every other one is skipped before the dispatch chain
_HANDLED = frozenset({
    b"Tj", b"'", b'"', b"TJ", b"Td", b"TD", b"Tf", b"Tm", b"T*", b"BT", b"Tc", b"Tw", b"Tz", b"TL", b"Ts",
    b"Tr", b"q", b"Q", b"cm", b"rg", b"g", b"k", b"cs", b"sc", b"scn", b"m", b"l", b"re", b"c", b"v", b"y",
    b"h", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n", b"Do", b"BI", b"BDC", b"BMC", b"EMC",
})
_EI = re.compile(rb"\sEI(?=[\s]|$)")
_ESC = {0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0C, 0x28: 0x28, 0x29: 0x29, 0x5C: 0x5C}
_NAME_ESC = re.compile(rb"#([0-9A-Fa-f]{2})")


@lru_cache(maxsize=4096)
def _all_combining(text: str) -> bool:
    return all(unicodedata.combining(ch) for ch in text)


class OpLimit(Exception):
    """Too many operators on one page."""


def mult(m1: Matrix, m2: Matrix) -> Matrix:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _literal(data: bytes, pos: int) -> tuple[bytes, int]:
    """Read a literal string starting after '(' (nested parentheses, escapes)."""
    end = data.find(b")", pos)
    if end != -1:
        chunk = data[pos:end]
        if b"(" not in chunk and b"\\" not in chunk:
            return chunk, end + 1
    out = bytearray()
    depth, i, n = 1, pos, len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:
            i += 1
            if i >= n:
                break
            c = data[i]
            if c in _ESC:
                out.append(_ESC[c])
                i += 1
            elif 0x30 <= c <= 0x37:
                v, j = 0, i
                while j < i + 3 and j < n and 0x30 <= data[j] <= 0x37:
                    v = v * 8 + data[j] - 0x30
                    j += 1
                out.append(v & 0xFF)
                i = j
            elif c == 0x0D:
                i += 1
                if i < n and data[i] == 0x0A:
                    i += 1
            elif c == 0x0A:
                i += 1
            else:
                out.append(c)
                i += 1
        elif c == 0x28:
            depth += 1
            out.append(c)
            i += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out.append(c)
            i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out), n


def _name(raw: bytes) -> str:
    if b"#" in raw:
        raw = _NAME_ESC.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return raw.decode("latin-1")


def _inline_image(data: bytes, pos: int, match: Any) -> int:
    """Skip an inline image (BI … ID <binary> EI); returns the position after EI."""
    n = len(data)
    while pos < n:
        m2 = match(data, pos)
        if m2 is None or m2.end() == pos:
            break
        pos = m2.end()
        if m2.lastgroup in ("o", "O") and m2.group(m2.lastgroup) == b"ID":
            break
    em = _EI.search(data, pos + 1)
    return em.end() if em else n


def iter_ops(data: bytes, max_ops: int = MAX_OPS_PER_PAGE) -> Iterator[tuple[bytes, list[Any]]]:
    """Yield (operator, operands); arrays → list, dicts → dict, strings → bytes, names → '/X'."""
    pos, n = 0, len(data)
    operands: list[Any] = []
    stack: list[list[Any]] = []  # open arrays / dicts (dict = list flagged by a leading None)
    match = _TOK.match
    fast = _FAST_ALL.match
    count = 0
    while pos < n:
        if not operands and not stack:
            fm = fast(data, pos)
            if fm is not None:
                op = fm.group("op")
                if op is None:
                    tj = fm.group("tj")
                    item: tuple[bytes, list[Any]] = (b"TJ", [_tj_elements(tj)]) if tj is not None else \
                        (b"Tf", ["/" + _name(fm.group("tf")), float(fm.group("fs"))])
                elif op in _NOT_FAST:
                    item = None  # type: ignore[assignment]
                else:
                    nums = fm.group("nums")
                    item = (op, [float(x) for x in nums.split()] if nums else [])
                if item is not None:
                    count += 1
                    if count > max_ops:
                        raise OpLimit(count)
                    pos = fm.end()
                    yield item
                    continue
        m = match(data, pos)
        if m is None:  # pragma: no cover - the last alternative matches any byte
            break
        pos = m.end()
        g = m.lastgroup
        if g == "n":
            v: Any = float(m.group(g))
        elif g == "o" or g == "O":
            op = m.group(g)
            if op in (b"true", b"false", b"null"):
                v = True if op == b"true" else False if op == b"false" else None
            elif stack:
                continue  # stray operator inside an array: ignore
            else:
                count += 1
                if count > max_ops:
                    raise OpLimit(count)
                if op == b"BI":
                    pos = _inline_image(data, pos, match)
                    yield b"BI", [{}]
                    operands = []
                    continue
                yield op, operands
                operands = []
                continue
        elif g == "S":
            v = m.group(g)
        elif g == "m":
            v = "/" + _name(m.group(g)[1:])
        elif g == "s":
            v, pos = _literal(data, pos)
        elif g == "h":
            raw = m.group(g)[1:-1]
            try:
                v = bytes.fromhex(raw.decode("latin-1"))  # accepts ASCII whitespace
            except ValueError:
                h = re.sub(rb"[^0-9A-Fa-f]", b"", raw)
                if len(h) % 2:
                    h += b"0"
                v = bytes.fromhex(h.decode("ascii"))
        elif g == "z" or g is None:
            break
        elif g == "a":
            stack.append([])
            continue
        elif g == "d":
            stack.append([None])
            continue
        elif g == "b" or g == "e":
            if not stack:
                continue
            lst = stack.pop()
            if lst and lst[0] is None and g == "e":
                items = lst[1:]
                v = {items[i]: items[i + 1] for i in range(0, len(items) - 1, 2) if isinstance(items[i], str)}
            else:
                v = lst[1:] if lst and lst[0] is None else lst
        else:
            continue
        if stack:
            stack[-1].append(v)
        else:
            operands.append(v)
            if len(operands) > 10_000:
                operands = operands[-64:]


# --- results -----------------------------------------------------------------------------------
class Glyph:
    """One drawn glyph (or a joined base + combining marks) on the displayed page."""

    __slots__ = ("text", "x0", "x1", "y", "top", "bottom", "size", "font", "color", "invisible", "sig", "seq", "oblique",
                 "mcid", "cell")

    def __init__(self, text: str, x0: float, x1: float, y: float, top: float, bottom: float,
                 size: float, font: PdfFont | None, color: str | None, invisible: bool, sig: bool, seq: int,
                 oblique: bool = False, mcid: int = -1):
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.y = y
        self.top = top
        self.bottom = bottom
        self.size = size
        self.font = font
        self.color = color
        self.invisible = invisible
        self.sig = sig
        self.seq = seq
        self.oblique = oblique  # slanted by the text matrix (synthetic italic), whatever the font
        self.mcid = mcid  # marked-content id of the page content it is drawn in (tagged PDF), -1 if none
        self.cell: int | None = None  # the tagged table cell (TD/TH) holding it, set by the reader

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Glyph({self.text!r}, x0={self.x0:.1f}, y={self.y:.1f}, size={self.size:.1f})"


@dataclass
class PathLine:
    x0: float
    x1: float
    y: float
    thickness: float


@dataclass
class VLine:
    x: float
    y0: float
    y1: float


@dataclass
class PageContent:
    glyphs: list[Glyph] = field(default_factory=list)
    rotated_chars: int = 0  # text not upright on the displayed page (not laid out)
    lines: list[PathLine] = field(default_factory=list)
    vlines: list[VLine] = field(default_factory=list)  # vertical rules (table grids)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, top, x1, bottom
    notes: list[str] = field(default_factory=list)
    ops: int = 0


class _Rect:
    """A rectangle path ("x y w h re") kept untransformed until it is painted."""

    __slots__ = ("ctm", "x", "y", "w", "h")

    def __init__(self, ctm: Matrix, x: float, y: float, w: float, h: float):
        self.ctm, self.x, self.y, self.w, self.h = ctm, x, y, w, h

    def points(self) -> list[tuple[float, float]]:
        c, x, y, w, h = self.ctm, self.x, self.y, self.w, self.h
        return [apply(c, x, y), apply(c, x + w, y), apply(c, x + w, y + h), apply(c, x, y + h), apply(c, x, y)]


class _GS:
    __slots__ = ("ctm", "fill", "fill_n", "font", "fs", "tc", "tw", "th", "tl", "rise", "tr")

    def __init__(self, ctm: Matrix):
        self.ctm = ctm
        self.fill: str | None = None
        self.fill_n = 1  # components of the fill colour space (1 gray, 3 rgb, 4 cmyk, 0 unknown)
        self.font: PdfFont | None = None
        self.fs = 0.0
        self.tc = 0.0
        self.tw = 0.0
        self.th = 1.0
        self.tl = 0.0
        self.rise = 0.0
        self.tr = 0

    def copy(self) -> "_GS":
        g = _GS.__new__(_GS)
        g.ctm, g.fill, g.fill_n, g.font, g.fs, g.tc = self.ctm, self.fill, self.fill_n, self.font, self.fs, self.tc
        g.tw, g.th, g.tl, g.rise, g.tr = self.tw, self.th, self.tl, self.rise, self.tr
        return g


def _hex(r: float, g: float, b: float) -> str | None:
    def c(v: float) -> int:
        return max(0, min(255, int(round(v * 255))))

    h = f"{c(r):02X}{c(g):02X}{c(b):02X}"
    return None if h == "000000" else h


def colour(vals: list[Any], n: int) -> str | None:
    nums = [float(v) for v in vals if isinstance(v, float)]
    try:
        if n == 1 and len(nums) >= 1:
            return _hex(nums[0], nums[0], nums[0])
        if n == 3 and len(nums) >= 3:
            return _hex(nums[0], nums[1], nums[2])
        if n == 4 and len(nums) >= 4:
            cc, m, y, k = nums[:4]
            return _hex((1 - cc) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    except (TypeError, ValueError):
        pass
    return None


def _cs_components(name: Any, resources: Any) -> int:
    """Number of colour components of a colour space operand (0 = cannot turn into RGB)."""
    if name in ("/DeviceGray", "/G", "/CalGray"):
        return 1
    if name in ("/DeviceRGB", "/RGB", "/CalRGB"):
        return 3
    if name in ("/DeviceCMYK", "/CMYK"):
        return 4
    try:
        spaces = resources.get("/ColorSpace") if resources is not None else None
        cs = spaces.get(name) if spaces is not None else None
        cs = cs.get_object() if cs is not None else None
        if isinstance(cs, list) and cs:
            kind = cs[0]
            if kind == "/ICCBased" and len(cs) > 1:
                return int(cs[1].get_object().get("/N", 0))
            if kind in ("/CalRGB", "/Lab"):
                return 3 if kind == "/CalRGB" else 0
            if kind == "/CalGray":
                return 1
        elif isinstance(cs, str):
            return _cs_components(cs, None)
    except Exception:
        return 0
    return 0


def _mcid(args: list[Any]) -> int | None:
    """The /MCID of an inline BDC property list ("/P <</MCID 3>> BDC"): where the structure
    tree of a tagged PDF points into the page's content."""
    if len(args) >= 2 and isinstance(args[1], dict):
        v = args[1].get("/MCID")
        if isinstance(v, (int, float)) and 0 <= v < 10_000_000:
            return int(v)
    return None


def _actual_text(args: list[Any], resources: Any) -> str | None:
    """The /ActualText of a BDC property list (inline dict or named in /Properties)."""
    if len(args) < 2:
        return None
    props = args[1]
    if isinstance(props, str) and resources is not None:
        try:
            named = resources.get("/Properties")
            props = named.get_object().get(props) if named is not None else None
            props = props.get_object() if props is not None else None
        except Exception:
            return None
    if not hasattr(props, "get"):
        return None
    raw = props.get("/ActualText")
    if raw is None:
        return None
    if isinstance(raw, str):  # pypdf TextStringObject: already decoded
        return unicodedata.normalize("NFC", raw)
    if isinstance(raw, bytes):
        if raw[:2] == b"\xfe\xff":
            return unicodedata.normalize("NFC", raw[2:].decode("utf-16-be", errors="replace"))
        if raw[:3] == b"\xef\xbb\xbf":
            return unicodedata.normalize("NFC", raw[3:].decode("utf-8", errors="replace"))
        return raw.decode("latin-1")
    return None


def _replace_span(glyphs: list["Glyph"], start: int, actual: str) -> None:
    """Marked content with /ActualText: its glyphs show that text (ligatures, odd encodings)."""
    span = glyphs[start:]
    if not span:
        return
    if not actual.strip():
        if actual == "":
            del glyphs[start:]  # ActualText () hides decorative glyphs
        return
    first = span[0]
    same_line = [g for g in span if abs(g.y - first.y) <= 0.3 * max(first.size, 1.0)]
    if len(same_line) != len(span):
        return  # a span over several lines: positions of its characters are unknown, keep glyphs
    first.text = actual
    first.x1 = max(g.x1 for g in span)
    del glyphs[start + 1 :]


def _ref_key(container: Any, name: str) -> Any:
    try:
        raw = container.raw_get(name)
    except Exception:
        return None
    idnum = getattr(raw, "idnum", None)
    if idnum is not None:
        return ("ref", idnum, getattr(raw, "generation", 0))
    return ("obj", id(raw))


class Interpreter:
    """Runs content streams of one document; fonts are cached across pages."""

    def __init__(self, budget: Budget, font_cache: dict[Any, PdfFont] | None = None):
        self.budget = budget
        self.fonts: dict[Any, PdfFont] = font_cache if font_cache is not None else {}
        self.out = PageContent()
        self._forms: set[Any] = set()
        self._depth = 0
        self._form_count = 0
        self._ops_left = MAX_OPS_PER_PAGE
        self._doc_ops_used = 0
        self._points = 0
        self._seq = 0
        self._sig = False
        self._mcid = -1
        self._decoded: dict[tuple[int, bytes], tuple[PdfFont | None, tuple[tuple[str, float, bool, bool], ...]]] = {}
        self._font_names: dict[tuple[int, str], tuple[Any, PdfFont | None]] = {}
        self._laid: dict[tuple[Any, ...], tuple[Any, tuple[tuple[str, float, float, bool], ...], float]] = {}

    # --- public -----------------------------------------------------------------------------
    def new_page(self) -> PageContent:
        if self.out.ops:
            self._doc_ops_used += self.out.ops
        self.out = PageContent()
        self._form_count = 0
        self._ops_left = max(0, min(MAX_OPS_PER_PAGE, MAX_OPS_PER_DOCUMENT - self._doc_ops_used))
        self._points = 0
        return self.out

    def run(self, data: bytes, resources: Any, ctm: Matrix, *, from_signature: bool = False) -> None:
        """Interpret one content stream with a starting CTM (display space)."""
        prev = self._sig
        self._sig = from_signature
        self._mcid = -1
        try:
            self._run(data, resources, ctm)
        except OpLimit:
            self.out.notes.append("ops-limit")
        finally:
            self._sig = prev

    def run_annotation(self, form: Any, key: Any, resources: Any, ctm: Matrix) -> PageContent:
        """Run an annotation's appearance form into a separate result (glyphs marked sig)."""
        saved, prev, mcid = self.out, self._sig, self._mcid
        self.out, self._sig, self._mcid = PageContent(), True, -1
        try:
            self.run_form(form, key, resources, ctm)
        except OpLimit:
            self.out.notes.append("ops-limit")
        finally:
            result = self.out
            self.out, self._sig, self._mcid = saved, prev, mcid
        return result

    # --- helpers ----------------------------------------------------------------------------
    def _font(self, resources: Any, name: str) -> PdfFont | None:
        rk = (id(resources), name)
        hit = self._font_names.get(rk)
        if hit is not None and hit[0] is resources:
            return hit[1]  # a Word page switches fonts hundreds of times: resolve each name once
        font = self._load_font(resources, name)
        if len(self._font_names) < 10_000:
            self._font_names[rk] = (resources, font)
        return font

    def _load_font(self, resources: Any, name: str) -> PdfFont | None:
        try:
            fonts = resources.get("/Font") if resources is not None else None
            fonts = fonts.get_object() if fonts is not None else None
            if fonts is None:
                return None
            key = _ref_key(fonts, name)
            if key is not None and key in self.fonts:
                return self.fonts[key]
            fd = fonts.get(name)
            fd = fd.get_object() if fd is not None else None
            if fd is None or not hasattr(fd, "get"):
                return None
            font = load_font(fd, self.budget)
        except Exception:
            self.out.notes.append("bad-font")
            return None
        if key is not None:
            self.fonts[key] = font
        return font

    def _run(self, data: bytes, resources: Any, ctm: Matrix, inherit: _GS | None = None) -> None:
        out = self.out
        if inherit is not None:  # a form XObject inherits the graphics state (PDF 8.10.1)
            gs = inherit.copy()
            gs.ctm = ctm
        else:
            gs = _GS(ctm)
        stack: list[_GS] = []
        tm: Matrix = IDENTITY
        tlm: Matrix = IDENTITY
        path: list[list[tuple[float, float]]] = []
        cur: list[tuple[float, float]] | None = None
        curved = False
        glyphs = out.glyphs
        marked: list[tuple[str | None, int]] = []  # open marked-content spans: (ActualText, first glyph)
        handled = _HANDLED
        for op, args in iter_ops(data, self._ops_left):
            self._ops_left -= 1
            out.ops += 1
            if self._ops_left <= 0:
                raise OpLimit(out.ops)
            if op not in handled:
                continue  # clipping (W, W*), stroke colour and line style, gs, …: nothing we measure
            try:
                if op == b"Tj" or op == b"'" or op == b'"':
                    if op != b"Tj":
                        if op == b'"' and len(args) >= 3:
                            gs.tw, gs.tc = float(args[0]), float(args[1])
                        tlm = (tlm[0], tlm[1], tlm[2], tlm[3], -gs.tl * tlm[2] + tlm[4], -gs.tl * tlm[3] + tlm[5])
                        tm = tlm
                    if args and isinstance(args[-1], bytes):
                        tm = self._show(args[-1], gs, tm, glyphs)
                elif op == b"TJ":
                    if args and isinstance(args[0], list):
                        els = args[0]
                        if len(els) == 1 and type(els[0]) is bytes:
                            tm = self._show(els[0], gs, tm, glyphs)  # "[(word)] TJ", most of a docx4j page
                            continue
                        for el in els:
                            if isinstance(el, bytes):
                                tm = self._show(el, gs, tm, glyphs)
                            elif isinstance(el, float):
                                tx = -el / 1000.0 * gs.fs * gs.th
                                tm = (tm[0], tm[1], tm[2], tm[3], tx * tm[0] + tm[4], tx * tm[1] + tm[5])
                elif op == b"Td" or op == b"TD":
                    tx, ty = float(args[0]), float(args[1])
                    if op == b"TD":
                        gs.tl = -ty
                    tlm = (tlm[0], tlm[1], tlm[2], tlm[3], tx * tlm[0] + ty * tlm[2] + tlm[4], tx * tlm[1] + ty * tlm[3] + tlm[5])
                    tm = tlm
                elif op == b"Tf":
                    gs.font = self._font(resources, args[0]) if isinstance(args[0], str) else None
                    gs.fs = float(args[1])
                elif op == b"Tm":
                    tlm = tm = tuple(float(a) for a in args[:6])  # type: ignore[assignment]
                elif op == b"T*":
                    tlm = (tlm[0], tlm[1], tlm[2], tlm[3], -gs.tl * tlm[2] + tlm[4], -gs.tl * tlm[3] + tlm[5])
                    tm = tlm
                elif op == b"BT":
                    tm = tlm = IDENTITY
                elif op == b"ET":
                    pass
                elif op == b"Tc":
                    gs.tc = float(args[0])
                elif op == b"Tw":
                    gs.tw = float(args[0])
                elif op == b"Tz":
                    gs.th = float(args[0]) / 100.0
                elif op == b"TL":
                    gs.tl = float(args[0])
                elif op == b"Ts":
                    gs.rise = float(args[0])
                elif op == b"Tr":
                    gs.tr = int(args[0])
                elif op == b"q":
                    if len(stack) < 256:
                        stack.append(gs.copy())
                elif op == b"Q":
                    if stack:
                        gs = stack.pop()
                elif op == b"cm":
                    gs.ctm = mult(tuple(float(a) for a in args[:6]), gs.ctm)  # type: ignore[arg-type]
                elif op == b"rg" or op == b"g" or op == b"k":
                    n = 3 if op == b"rg" else 1 if op == b"g" else 4
                    gs.fill_n = n
                    gs.fill = colour(args, n)
                elif op == b"cs":
                    gs.fill_n = _cs_components(args[0] if args else None, resources)
                    gs.fill = None
                elif op == b"sc" or op == b"scn":
                    gs.fill = colour(args, gs.fill_n)
                elif op == b"m":
                    if self._points < MAX_PATH_POINTS:
                        cur = [apply(gs.ctm, float(args[0]), float(args[1]))]
                        path.append(cur)
                        self._points += 1
                elif op == b"l":
                    if cur is not None and self._points < MAX_PATH_POINTS:
                        cur.append(apply(gs.ctm, float(args[0]), float(args[1])))
                        self._points += 1
                elif op == b"re":
                    if self._points < MAX_PATH_POINTS:
                        # transformed when painted: most rectangles of a Word page are clips ("re W n")
                        path.append(_Rect(gs.ctm, float(args[0]), float(args[1]), float(args[2]), float(args[3])))
                        cur = None
                        self._points += 5
                elif op in (b"c", b"v", b"y"):
                    curved = True
                    if cur is not None and len(args) >= 2:
                        cur.append(apply(gs.ctm, float(args[-2]), float(args[-1])))
                elif op == b"h":
                    if cur:
                        cur.append(cur[0])
                elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
                    if not curved:
                        self._paint(path, stroke=op in (b"S", b"s", b"B", b"B*", b"b", b"b*"))
                    path, cur, curved = [], None, False
                elif op == b"n":
                    path, cur, curved = [], None, False
                elif op == b"Do":
                    self._do(args[0] if args else None, resources, gs)
                elif op == b"BI":
                    x0, y0 = apply(gs.ctm, 0, 0)
                    x1, y1 = apply(gs.ctm, 1, 1)
                    out.images.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
                elif op == b"BDC" or op == b"BMC":
                    if len(marked) < 64:
                        marked.append((_actual_text(args, resources), len(glyphs), self._mcid))
                        # a form's own MCIDs number its own structure (StructParents): only the
                        # page content's are looked up in the page's structure tree
                        mcid = _mcid(args) if op == b"BDC" and self._depth == 0 and not self._sig else None
                        if mcid is not None:
                            self._mcid = mcid
                elif op == b"EMC":
                    if marked:
                        actual, start, outer = marked.pop()
                        self._mcid = outer
                        if actual is not None:
                            _replace_span(glyphs, start, actual)
            except (IndexError, ValueError, TypeError, ZeroDivisionError, OverflowError):
                continue  # malformed operands: skip the operator, like viewers do

    def _decode(self, font: PdfFont | None, s: bytes) -> tuple[tuple[str, float, bool, bool], ...]:
        """(text, advance for size 1, is a one-byte space, is only combining marks) per code of a
        show string; cached per font (a page shows the same words and spaces again and again)."""
        key = (id(font), s)
        hit = self._decoded.get(key)
        if hit is not None and hit[0] is font:
            return hit[1]
        if font is None:
            dec = tuple((chr(c), 0.5, c == 32, False) for c in s)
        else:
            one_byte = not font.two_byte
            get = font.glyph
            out = []
            for code in font.codes(s):
                text, w = get(code)
                out.append((text, w, one_byte and code == 32, bool(text) and text >= "\u0300" and _all_combining(text)))
            dec = tuple(out)
        if len(self._decoded) < 200_000:
            self._decoded[key] = (font, dec)
        return dec

    def _show(self, s: bytes, gs: _GS, tm: Matrix, glyphs: list[Glyph]) -> Matrix:
        font = gs.font
        fs, th, tc, tw = gs.fs, gs.th, gs.tc, gs.tw
        a1, b1, c1, d1, e1, f1 = tm
        a2, b2, c2, d2, e2, f2 = gs.ctm
        a, b = a1 * a2 + b1 * c2, a1 * b2 + b1 * d2
        c, d = c1 * a2 + d1 * c2, c1 * b2 + d1 * d2
        e, f = e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2
        hit = self._decoded.get((id(font), s))
        dec = hit[1] if hit is not None and hit[0] is font else self._decode(font, s)
        vscale = font.vscale if font is not None else 1.0
        # upright: the baseline runs left to right and glyphs stand up. A horizontal shear of
        # the glyphs (text matrix "1 0 0.21 1": a synthetic italic, as signing software and some
        # converters draw italics) keeps the baseline horizontal: still laid out, as italic.
        upright = a > 0 and d < 0 and abs(b) <= 0.02 * a and abs(c) <= abs(d)
        x = 0.0
        if upright:
            # glyph offsets along the baseline (text space) for this string at this spacing:
            # computed once, then each show only scales and shifts them
            lk = (id(dec), fs, tc, tw, th)
            lay = self._laid.get(lk)
            if lay is None or lay[0] is not dec:
                offs = []
                for text, w, space, comb in dec:
                    adv = w * fs
                    offs.append((text, x, adv * th, comb))
                    x += (adv + tc + (tw if space else 0.0)) * th
                lay = (dec, tuple(offs), x)
                if len(self._laid) >= 200_000:
                    self._laid.clear()
                self._laid[lk] = lay
            return self._place(lay, gs, font, a, c, d, e, f, fs, vscale, tm, glyphs)
        for text, w, space, _comb in dec:  # not upright: counted, not laid out
            if text and not text.isspace():
                self.out.rotated_chars += 1
            x += (w * fs + tc + (tw if space else 0.0)) * th
        return (tm[0], tm[1], tm[2], tm[3], x * tm[0] + tm[4], x * tm[1] + tm[5])

    def _place(self, lay: tuple[Any, tuple[tuple[str, float, float, bool], ...], float], gs: _GS, font: PdfFont | None,
               a: float, c: float, d: float, e: float, f: float, fs: float, vscale: float, tm: Matrix,
               glyphs: list[Glyph]) -> Matrix:
        """Emit the glyphs of a laid-out show string (upright text) and advance the text matrix."""
        _dec, offs, total = lay
        oblique = abs(c) > 0.02 * abs(d)
        size = abs(fs) * vscale * abs(d)
        asc = font.ascent if font is not None else 0.891
        desc = font.descent if font is not None else 0.216
        invisible = gs.tr in (3, 7)
        yb = f + gs.rise * d
        top, bottom = yb - asc * size, yb + desc * size
        xoff = e + gs.rise * c
        sig = self._sig
        color = gs.fill
        if len(glyphs) > MAX_GLYPHS_PER_PAGE:
            return tm
        seq = self._seq
        mcid = self._mcid
        append = glyphs.append
        for text, xo, wo, comb in offs:
            if text:
                if comb and glyphs and abs(glyphs[-1].y - yb) < 0.5 * size + 0.1 and glyphs[-1].sig == sig:
                    prev = glyphs[-1]
                    prev.text = unicodedata.normalize("NFC", prev.text + text)
                else:
                    x0 = xoff + xo * a
                    seq += 1
                    append(Glyph(text, x0, x0 + wo * a, yb, top, bottom, size, font, color, invisible, sig, seq, oblique, mcid))
        self._seq = seq
        return (tm[0], tm[1], tm[2], tm[3], total * tm[0] + tm[4], total * tm[1] + tm[5])

    def _paint(self, path: list[Any], stroke: bool) -> None:
        lines = self.out.lines
        vlines = self.out.vlines
        for sub in path:
            if type(sub) is _Rect:
                sub = sub.points()
            if len(lines) + len(vlines) >= MAX_HLINES_PER_PAGE or len(sub) < 2:
                continue
            xs = [p[0] for p in sub]
            ys = [p[1] for p in sub]
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if w > 3 and h < 2.5:
                lines.append(PathLine(min(xs), max(xs), (max(ys) + min(ys)) / 2, h))
            elif h > 3 and w < 2.5:
                vlines.append(VLine((max(xs) + min(xs)) / 2, min(ys), max(ys)))
            elif stroke and len(sub) > 2:
                for (x0, y0), (x1, y1) in zip(sub, sub[1:]):
                    if abs(y1 - y0) < 0.75 and abs(x1 - x0) > 3:
                        lines.append(PathLine(min(x0, x1), max(x0, x1), (y0 + y1) / 2, 0.0))
                    elif abs(x1 - x0) < 0.75 and abs(y1 - y0) > 3:
                        vlines.append(VLine((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def _do(self, name: Any, resources: Any, gs: _GS) -> None:
        if not isinstance(name, str) or resources is None:
            return
        try:
            xobjs = resources.get("/XObject")
            xobjs = xobjs.get_object() if xobjs is not None else None
            if xobjs is None:
                return
            key = _ref_key(xobjs, name)
            xo = xobjs.get(name)
            xo = xo.get_object() if xo is not None else None
        except Exception:
            return
        if xo is None or not hasattr(xo, "get"):
            return
        sub = xo.get("/Subtype")
        if sub == "/Image":
            x0, y0 = apply(gs.ctm, 0, 0)
            x1, y1 = apply(gs.ctm, 1, 1)
            self.out.images.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
            return
        if sub != "/Form":
            return
        self.run_form(xo, key, resources, gs.ctm, gs)

    def run_form(self, xo: Any, key: Any, parent_resources: Any, ctm: Matrix, gs: _GS | None = None) -> None:
        """Run a form XObject (also used for annotation appearances); cycles and depth bounded."""
        if key in self._forms or self._depth >= MAX_FORM_DEPTH or self._form_count >= MAX_FORMS_PER_PAGE:
            if key in self._forms:
                self.out.notes.append("form-cycle")
            return
        self._form_count += 1
        try:
            data = xo.get_data()
        except Exception:
            self.out.notes.append("bad-stream")
            return
        self.budget.add_bytes(len(data))
        if self.budget.exhausted:
            self.out.notes.append("bytes-limit")
            return
        try:
            mat = xo.get("/Matrix")
            m = tuple(float(v) for v in mat[:6]) if mat is not None and len(mat) >= 6 else IDENTITY
        except Exception:
            m = IDENTITY
        res = xo.get("/Resources")
        res = res.get_object() if res is not None else parent_resources
        self._forms.add(key)
        self._depth += 1
        try:
            sub_ctm = mult(m, ctm)  # type: ignore[arg-type]
            self._run(data, res, sub_ctm, gs)
        finally:
            self._depth -= 1
            self._forms.discard(key)
