"""PDF fonts for the PDF reader: bytes of a show string → (unicode, advance) per glyph.

Why our own code: pypdf's text extraction is lossy for Vietnamese (combining marks, fonts
without ToUnicode) and slow; we only need, per glyph, its Unicode text and its advance
width, plus the font's family/bold/italic as ND30-FONT judges them.

Order of sources for the text of a code (PDF 32000-1:2008, 9.10.2):
1. the font's ToUnicode CMap (bfchar/bfrange, multi-character and surrogate targets);
2. for simple fonts, the Encoding (base encoding + Differences) → glyph name → Unicode
   (Adobe Glyph List, ``uniXXXX``, ``uXXXX``);
3. otherwise U+FFFD (counted, reported in the reader notes).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

REPLACEMENT = "\ufffd"
DEFAULT_ASCENT = 0.891  # Times New Roman winAscent / em: where Word puts the first baseline
DEFAULT_DESCENT = 0.216
MAX_CMAP_BYTES = 2_000_000
MAX_RANGE = 65_536

_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_WORDS = {
    "bold": "bold",
    "bd": "bold",
    "italic": "italic",
    "it": "italic",
    "oblique": "italic",
    "bolditalic": "bolditalic",
    "boldoblique": "bolditalic",
    "semibold": "bold",
    "demibold": "bold",
    "demi": "bold",
    "black": "bold",
    "heavy": "bold",
    "extrabold": "bold",
    "medium": "",
    "regular": "",
    "roman": "",
    "book": "",
    "normal": "",
    "light": "",
    "mt": "",
    "ps": "",
    "psmt": "",
}
# Base-14 names: the PostScript Times family is NOT Times New Roman (different metrics and
# glyphs); we name it "Times" and let ND30-FONT decide.
_BASE14 = {
    "Times-Roman": ("Times", False, False),
    "Times-Bold": ("Times", True, False),
    "Times-Italic": ("Times", False, True),
    "Times-BoldItalic": ("Times", True, True),
    "Helvetica": ("Helvetica", False, False),
    "Helvetica-Bold": ("Helvetica", True, False),
    "Helvetica-Oblique": ("Helvetica", False, True),
    "Helvetica-BoldOblique": ("Helvetica", True, True),
    "Courier": ("Courier", False, False),
    "Courier-Bold": ("Courier", True, False),
    "Courier-Oblique": ("Courier", False, True),
    "Courier-BoldOblique": ("Courier", True, True),
    "Symbol": ("Symbol", False, False),
    "ZapfDingbats": ("ZapfDingbats", False, False),
}
_FAMILY_ALIASES = {
    "timesnewroman": "Times New Roman",
    "timesnewromanps": "Times New Roman",
    "liberationserif": "Liberation Serif",
    "couriernew": "Courier New",
    "arial": "Arial",
    "arialmt": "Arial",
    "dejavuserif": "DejaVu Serif",
    "dejavusans": "DejaVu Sans",
}


def strip_subset(name: str) -> str:
    """'ABCDEF+TimesNewRomanPSMT' → 'TimesNewRomanPSMT'."""
    return _SUBSET.sub("", name)


def _camel_words(s: str) -> str:
    s = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", s)
    s = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _style_of(token: str) -> str | None:
    """'BoldItalicMT' → 'bolditalic'; None when the token is not a style word."""
    t = token.lower().replace(" ", "")
    for suffix in ("psmt", "mt", "ps"):
        if t.endswith(suffix) and t[: -len(suffix)] in _STYLE_WORDS:
            t = t[: -len(suffix)]
            break
    if t in _STYLE_WORDS:
        return _STYLE_WORDS[t]
    m = re.fullmatch(r"(bold|semibold|demibold|black|heavy)?(italic|oblique)?", t)
    if m and t:
        return ("bold" if m.group(1) else "") + ("italic" if m.group(2) else "")
    return None


def split_font_name(base_font: str) -> tuple[str, bool | None, bool | None, str]:
    """PDF BaseFont → (family, bold, italic, base name without subset prefix).

    Handles Word names ('Times New Roman,Bold', 'TimesNewRoman,BoldItalic'), PostScript
    names ('TimesNewRomanPS-BoldItalicMT', 'LiberationSerif-Bold'), base-14 names (family
    'Times' — not Times New Roman). bold/italic are None when the name says nothing: the
    caller then falls back to the FontDescriptor.
    """
    name = strip_subset(base_font.lstrip("/")).replace("#20", " ")
    if name in _BASE14:
        fam, b, i = _BASE14[name]
        return fam, b, i, name
    family, style = name, None
    if "," in name:
        family, _, rest = name.partition(",")
        style = _style_of(rest)
    elif "-" in name:
        head, _, rest = name.rpartition("-")
        st = _style_of(rest)
        if st is not None and head:
            family, style = head, st
    fam = family.strip()
    low = fam.lower().replace(" ", "")
    for suffix in ("psmt", "mt"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            low = low[: -len(suffix)]
            fam = fam[: -len(suffix)]
            break
    if low.endswith("ps") and low[:-2] in _FAMILY_ALIASES:
        low, fam = low[:-2], fam[:-2]
    if low in _FAMILY_ALIASES:
        fam = _FAMILY_ALIASES[low]
    elif " " not in fam and not fam.startswith("."):
        # 'TimesNewRomanBold' style names without a separator
        m = re.fullmatch(r"(.+?)(Bold|Italic|BoldItalic)", fam)
        if m and style is None:
            style = _style_of(m.group(2))
            fam = m.group(1)
            if fam.lower() in _FAMILY_ALIASES:
                fam = _FAMILY_ALIASES[fam.lower()]
        if fam.lower() not in (v.lower() for v in _FAMILY_ALIASES.values()):
            fam = _camel_words(fam) if re.search(r"[a-z][A-Z]", fam) else fam
    if style is None:
        return fam, None, None, name
    return fam, "bold" in style, "italic" in style, name


def _glyph_to_unicode(name: str) -> str | None:
    """Glyph name → Unicode (AGL, uniXXXX, uXXXX, ligature parts 'f_i', suffixes '.sc')."""
    from pypdf._codecs import adobe_glyphs

    if not name:
        return None
    key = name if name.startswith("/") else "/" + name
    hit = adobe_glyphs.get(key)
    if hit is not None:
        return hit
    bare = key[1:].split(".", 1)[0]
    if not bare:
        return None
    if "_" in bare:
        parts = [_glyph_to_unicode(p) for p in bare.split("_")]
        return "".join(parts) if all(parts) else None
    hit = adobe_glyphs.get("/" + bare)
    if hit is not None:
        return hit
    m = re.fullmatch(r"uni((?:[0-9A-Fa-f]{4})+)", bare)
    if m:
        hx = m.group(1)
        try:
            return "".join(chr(int(hx[i : i + 4], 16)) for i in range(0, len(hx), 4))
        except ValueError:
            return None
    m = re.fullmatch(r"u([0-9A-Fa-f]{4,6})", bare)
    if m:
        v = int(m.group(1), 16)
        if v < 0x110000 and not 0xD800 <= v < 0xE000:
            return chr(v)
    return None


# --- CMaps -------------------------------------------------------------------------------------
_CMAP_TOK = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|/([^\s/\[\]<>(){}%]+)|(\d+)")


def _hex(b: bytes) -> bytes:
    h = re.sub(rb"\s+", b"", b)
    if len(h) % 2:
        h += b"0"
    return bytes.fromhex(h.decode("ascii"))


def _u16(b: bytes) -> str:
    return b.decode("utf-16-be", errors="replace")


@dataclass
class CMapData:
    """What a CMap stream says: code → Unicode (ToUnicode) or code → CID (encoding CMap)."""

    to_unicode: dict[int, str] = field(default_factory=dict)
    to_cid: dict[int, int] = field(default_factory=dict)
    cid_ranges: list[tuple[int, int, int]] = field(default_factory=list)  # lo, hi, first CID
    code_lengths: list[tuple[int, int, int]] = field(default_factory=list)  # nbytes, lo, hi


def _tokens(body: bytes) -> list[Any]:
    out: list[Any] = []
    stack: list[list[Any]] = []
    for m in _CMAP_TOK.finditer(body):
        hx, ao, ac, name, num = m.groups()
        if ao:
            stack.append([])
            continue
        if ac:
            if stack:
                arr = stack.pop()
                (stack[-1] if stack else out).append(arr)
            continue
        if hx is not None:
            tok: Any = _hex(hx)
        elif name is not None:
            tok = ("name", name.decode("latin-1"))
        else:
            tok = int(num)
        (stack[-1] if stack else out).append(tok)
    return out


def parse_cmap(data: bytes) -> CMapData:
    """Parse a CMap stream (ToUnicode or embedded encoding CMap); bounded, never raises."""
    cm = CMapData()
    data = data[:MAX_CMAP_BYTES]
    for sec in re.finditer(rb"begincodespacerange(.*?)endcodespacerange", data, re.S):
        toks = _tokens(sec.group(1))
        for lo, hi in zip(toks[0::2], toks[1::2]):
            if isinstance(lo, bytes) and isinstance(hi, bytes) and lo:
                cm.code_lengths.append((len(lo), int.from_bytes(lo, "big"), int.from_bytes(hi, "big")))
    for sec in re.finditer(rb"beginbfchar(.*?)endbfchar", data, re.S):
        toks = _tokens(sec.group(1))
        for src, dst in zip(toks[0::2], toks[1::2]):
            if not isinstance(src, bytes):
                continue
            code = int.from_bytes(src, "big")
            if isinstance(dst, bytes):
                cm.to_unicode[code] = _u16(dst)
            elif isinstance(dst, tuple):
                u = _glyph_to_unicode(dst[1])
                if u:
                    cm.to_unicode[code] = u
    for sec in re.finditer(rb"beginbfrange(.*?)endbfrange", data, re.S):
        toks = _tokens(sec.group(1))
        for i in range(0, len(toks) - 2, 3):
            lo, hi, dst = toks[i], toks[i + 1], toks[i + 2]
            if not isinstance(lo, bytes) or not isinstance(hi, bytes):
                continue
            a, b = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
            b = min(b, a + MAX_RANGE)
            if isinstance(dst, list):
                for k, d in enumerate(dst[: b - a + 1]):
                    if isinstance(d, bytes):
                        cm.to_unicode[a + k] = _u16(d)
            elif isinstance(dst, bytes) and dst:
                base = int.from_bytes(dst, "big")
                n = len(dst)
                for k in range(b - a + 1):
                    v = base + k
                    if v >= 1 << (8 * n):
                        break
                    cm.to_unicode[a + k] = _u16(v.to_bytes(n, "big"))
    for sec in re.finditer(rb"begincidchar(.*?)endcidchar", data, re.S):
        toks = _tokens(sec.group(1))
        for src, cid in zip(toks[0::2], toks[1::2]):
            if isinstance(src, bytes) and isinstance(cid, int):
                cm.to_cid[int.from_bytes(src, "big")] = cid
    for sec in re.finditer(rb"begincidrange(.*?)endcidrange", data, re.S):
        toks = _tokens(sec.group(1))
        for i in range(0, len(toks) - 2, 3):
            lo, hi, cid = toks[i], toks[i + 1], toks[i + 2]
            if isinstance(lo, bytes) and isinstance(hi, bytes) and isinstance(cid, int):
                cm.cid_ranges.append((int.from_bytes(lo, "big"), int.from_bytes(hi, "big"), cid))
    return cm


# --- fonts -------------------------------------------------------------------------------------
def _num(v: Any, default: float = 0.0) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def _resolve(v: Any) -> Any:
    try:
        return v.get_object() if v is not None else None
    except Exception:  # broken reference
        return None


def _stream_data(obj: Any, budget: "Budget | None") -> bytes | None:
    obj = _resolve(obj)
    if obj is None or not hasattr(obj, "get_data"):
        return None
    try:
        data = obj.get_data()
    except Exception:
        return None
    if budget is not None:
        budget.add_bytes(len(data))
    return data


class Budget:
    """Per-document limits shared by fonts and content streams (never hang, never explode)."""

    def __init__(self, max_bytes: int = 400_000_000):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.exhausted = False

    def add_bytes(self, n: int) -> None:
        self.bytes += n
        if self.bytes > self.max_bytes:
            self.exhausted = True


@dataclass
class PdfFont:
    """A loaded font: how to cut a string into codes, and per code its text and advance."""

    base_name: str  # BaseFont without subset prefix
    family: str
    bold: bool
    italic: bool
    subtype: str
    two_byte: bool = False
    code_lengths: list[tuple[int, int, int]] = field(default_factory=list)
    to_unicode: dict[int, str] = field(default_factory=dict)
    simple_text: list[str | None] = field(default_factory=list)  # 256 entries for simple fonts
    widths: dict[int, float] = field(default_factory=dict)  # code (simple) or CID → glyph units
    default_width: float = 0.0
    to_cid: dict[int, int] = field(default_factory=dict)
    cid_ranges: list[tuple[int, int, int]] = field(default_factory=list)
    scale: float = 0.001  # FontMatrix a: glyph units → text space
    vscale: float = 1.0  # vertical size factor (Type3 FontMatrix d × 1000)
    ascent: float = DEFAULT_ASCENT
    descent: float = DEFAULT_DESCENT
    has_tounicode: bool = False
    unmapped: int = 0
    repaired: int = 0  # ToUnicode entries mapping inked glyphs to a blank, read from the font instead
    _cache: dict[int, tuple[str, float]] = field(default_factory=dict)

    def _cid(self, code: int) -> int:
        if not self.to_cid and not self.cid_ranges:
            return code
        if code in self.to_cid:
            return self.to_cid[code]
        for lo, hi, first in self.cid_ranges:
            if lo <= code <= hi:
                return first + code - lo
        return code

    def glyph(self, code: int) -> tuple[str, float]:
        """(text, advance in text space units for size 1) of one code."""
        hit = self._cache.get(code)
        if hit is not None:
            return hit
        text = self.to_unicode.get(code)
        if self.two_byte:
            w = self.widths.get(self._cid(code), self.default_width)
        else:
            if text is None and code < len(self.simple_text):
                text = self.simple_text[code]
            w = self.widths.get(code, self.default_width)
        if text is None:
            text = REPLACEMENT
            self.unmapped += 1
        elif text and unicodedata.category(text[0]) == "Cc" and text not in ("\t",):
            text = " " if code == 32 else REPLACEMENT if text != "\x00" else ""
        res = (text, w * self.scale)
        if len(self._cache) < 70_000:
            self._cache[code] = res
        return res

    def codes(self, data: bytes) -> list[int]:
        """Cut a show string into character codes."""
        if not self.two_byte and not self.code_lengths:
            return list(data)
        if self.two_byte and not self.code_lengths:
            n = len(data) - len(data) % 2
            return [(data[i] << 8) | data[i + 1] for i in range(0, n, 2)]
        out: list[int] = []
        i, n = 0, len(data)
        lens = self.code_lengths
        while i < n:
            for nb, lo, hi in lens:
                if i + nb <= n:
                    c = int.from_bytes(data[i : i + nb], "big")
                    if lo <= c <= hi:
                        out.append(c)
                        i += nb
                        break
            else:
                nb = 2 if self.two_byte else 1
                out.append(int.from_bytes(data[i : i + nb], "big"))
                i += nb
        return out


def _widths_simple(fd: Any, font: PdfFont, base: str) -> None:
    first = int(_num(fd.get("/FirstChar"), 0))
    widths = _resolve(fd.get("/Widths"))
    if isinstance(widths, list):
        for i, w in enumerate(widths[:256]):
            font.widths[first + i] = _num(_resolve(w), 0.0)
    desc = _resolve(fd.get("/FontDescriptor"))
    if desc is not None and hasattr(desc, "get"):
        font.default_width = _num(desc.get("/MissingWidth"), 0.0)
    if not font.widths:
        from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS

        metrics = CORE_FONT_METRICS.get(base) or CORE_FONT_METRICS.get(base.replace(" ", ""))
        if metrics is not None:
            cw = metrics.character_widths
            font.default_width = float(cw.get("default", 500))
            for code, ch in enumerate(font.simple_text):
                if ch is not None and ch in cw:
                    font.widths[code] = float(cw[ch])
        elif not font.default_width:
            font.default_width = 500.0


def _widths_cid(desc_font: Any, font: PdfFont) -> None:
    font.default_width = _num(desc_font.get("/DW"), 1000.0)
    w = _resolve(desc_font.get("/W"))
    if not isinstance(w, list):
        return
    items = [_resolve(x) for x in w[:200_000]]
    i = 0
    while i < len(items) - 1:
        a = items[i]
        b = items[i + 1]
        if isinstance(b, list):
            start = int(_num(a))
            for k, v in enumerate(b[:MAX_RANGE]):
                font.widths[start + k] = _num(_resolve(v))
            i += 2
        elif i + 2 < len(items):
            lo, hi, v = int(_num(a)), int(_num(b)), _num(items[i + 2])
            for c in range(lo, min(hi, lo + MAX_RANGE) + 1):
                font.widths[c] = v
            i += 3
        else:
            break


def _simple_encoding(fd: Any, subtype: str, base: str, symbolic: bool) -> list[str | None]:
    from pypdf._codecs import charset_encoding

    enc = _resolve(fd.get("/Encoding"))
    if base in ("Symbol",):
        table: list[str | None] = list(charset_encoding["/Symbol"])
    elif base == "ZapfDingbats":
        table = list(charset_encoding["/ZapfDingbats"])
    elif subtype == "/Type1" and not symbolic:
        table = list(charset_encoding["/StandardEncoding"])
    else:
        table = list(charset_encoding["/WinAnsiEncoding"])
    diffs = None
    if isinstance(enc, str) and enc in charset_encoding:
        table = list(charset_encoding[enc])
    elif enc is not None and hasattr(enc, "get"):
        be = _resolve(enc.get("/BaseEncoding"))
        if isinstance(be, str) and be in charset_encoding:
            table = list(charset_encoding[be])
        diffs = _resolve(enc.get("/Differences"))
    table = [None if (c is None or c == "\x00") else c for c in table[:256]] + [None] * (256 - len(table))
    if isinstance(diffs, list):
        code = 0
        for item in diffs[:2048]:
            item = _resolve(item)
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                code = int(item)
            elif isinstance(item, str):
                if 0 <= code < 256:
                    table[code] = _glyph_to_unicode(item)
                code += 1
    return table


MAX_FONT_FILE = 30_000_000


def _embedded_cmap(desc_font: Any, desc: Any, budget: Budget | None) -> dict[int, str]:
    """CID → Unicode from the embedded TrueType's own cmap, for CID fonts without ToUnicode.

    Only for CIDFontType2 (TrueType outlines) where CID → GID is Identity or a CIDToGIDMap
    stream; the font file is parsed with fontTools (imported only here). Never raises.
    """
    if _resolve(desc_font.get("/Subtype")) != "/CIDFontType2":
        return {}
    data = _stream_data(desc.get("/FontFile2"), budget)
    if not data or len(data) > MAX_FONT_FILE:
        return {}
    try:
        import io

        from fontTools.ttLib import TTFont

        tt = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
        best = tt.getBestCmap() or {}
        gid_uni: dict[int, str] = {}
        for cp, name in sorted(best.items()):
            gid = tt.getGlyphID(name)
            if gid not in gid_uni or 0xE000 <= ord(gid_uni[gid]) <= 0xF8FF:
                gid_uni[gid] = chr(cp)
    except Exception:
        return {}
    c2g = _resolve(desc_font.get("/CIDToGIDMap"))
    if c2g is not None and hasattr(c2g, "get_data"):
        raw = _stream_data(c2g, budget) or b""
        out: dict[int, str] = {}
        for cid in range(min(len(raw) // 2, MAX_RANGE)):
            gid = (raw[2 * cid] << 8) | raw[2 * cid + 1]
            if gid in gid_uni:
                out[cid] = gid_uni[gid]
        return out
    return dict(gid_uni)


def _repair_blank_mappings(desc_font: Any, desc: Any, font: PdfFont, budget: Budget | None) -> int:
    """Codes a ToUnicode CMap maps to a space although their glyph draws ink → real text.

    Word 2010's PDF export (and converters copying it) can write a ToUnicode CMap in which
    several glyphs of an embedded TrueType subset map to U+0020: "UBND TỈNH …" then reads
    as blanks and "Hiệp hội" as "iệp hội". A font has one space glyph (two with the
    no-break space); when more codes map to a blank, each one is looked up in the embedded
    font: a glyph with outlines takes the text of the font's own cmap (or its glyph name), or
    U+FFFD when the font does not say — never a silent blank. Returns the codes repaired.
    """
    blanks = [c for c, t in font.to_unicode.items() if t and t.isspace() and t != "\t"]
    if len(blanks) < 3 or _resolve(desc_font.get("/Subtype")) != "/CIDFontType2":
        return 0
    data = _stream_data(desc.get("/FontFile2"), budget)
    if not data or len(data) > MAX_FONT_FILE:
        return 0
    try:
        import io

        from fontTools.ttLib import TTFont

        tt = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
        order = tt.getGlyphOrder()
        glyf = tt["glyf"] if "glyf" in tt else None
        gid_uni: dict[int, str] = {}
        for cp, name in sorted((tt.getBestCmap() or {}).items()):
            gid = tt.getGlyphID(name)
            if gid not in gid_uni and not chr(cp).isspace():
                gid_uni[gid] = chr(cp)
        c2g = _resolve(desc_font.get("/CIDToGIDMap"))
        raw = (_stream_data(c2g, budget) or b"") if c2g is not None and hasattr(c2g, "get_data") else None
        fixed = 0
        for code in blanks:
            cid = font._cid(code)
            gid = cid if raw is None else ((raw[2 * cid] << 8) | raw[2 * cid + 1] if 2 * cid + 1 < len(raw) else -1)
            if not 0 <= gid < len(order) or glyf is None:
                continue
            g = glyf[order[gid]]
            if not getattr(g, "numberOfContours", 0):
                continue  # an empty glyph: a true space
            text = gid_uni.get(gid) or _glyph_to_unicode(order[gid])
            if text and text.isspace():
                continue
            font.to_unicode[code] = text or REPLACEMENT
            fixed += 1
        return fixed
    except Exception:
        return 0


def _descriptor_style(desc: Any) -> tuple[bool, bool]:
    flags = int(_num(desc.get("/Flags"), 0))
    weight = _num(desc.get("/FontWeight"), 0)
    angle = _num(desc.get("/ItalicAngle"), 0)
    bold = bool(flags & (1 << 18)) or weight >= 600
    italic = bool(flags & (1 << 6)) or abs(angle) > 0.5
    return bold, italic


def load_font(fd: Any, budget: Budget | None = None) -> PdfFont:
    """Build a :class:`PdfFont` from a font dictionary; tolerant of every missing entry."""
    subtype = str(_resolve(fd.get("/Subtype")) or "/Type1")
    base_font = str(_resolve(fd.get("/BaseFont")) or _resolve(fd.get("/Name")) or ("Type3" if subtype == "/Type3" else ""))
    desc_font = None
    if subtype == "/Type0":
        dfs = _resolve(fd.get("/DescendantFonts"))
        if isinstance(dfs, list) and dfs:
            desc_font = _resolve(dfs[0])
        if desc_font is not None and not base_font:
            base_font = str(_resolve(desc_font.get("/BaseFont")) or "")
    family, bold, italic, bare = split_font_name(base_font or "Unknown")
    desc = _resolve((desc_font if desc_font is not None else fd).get("/FontDescriptor"))
    if desc is None or not hasattr(desc, "get"):
        desc = {}
    dbold, ditalic = _descriptor_style(desc) if desc else (False, False)
    font = PdfFont(
        base_name=bare,
        family=family,
        bold=bold if bold is not None else dbold,
        italic=italic if italic is not None else ditalic,
        subtype=subtype,
    )
    asc = abs(_num(desc.get("/Ascent"), 0)) if desc else 0
    dsc = abs(_num(desc.get("/Descent"), 0)) if desc else 0
    if 300 <= asc <= 1500:
        font.ascent = asc / 1000
    if 50 <= dsc <= 800:
        font.descent = dsc / 1000
    if subtype == "/Type3":
        fm = _resolve(fd.get("/FontMatrix"))
        if isinstance(fm, list) and len(fm) == 6:
            a, d = _num(_resolve(fm[0]), 0.001), _num(_resolve(fm[3]), 0.001)
            font.scale = a if a else 0.001
            # the em of a Type3 font is unknown: take the FontBBox height as one em
            bbox = _resolve(fd.get("/FontBBox"))
            try:
                em = abs(_num(_resolve(bbox[3])) - _num(_resolve(bbox[1])))
            except (TypeError, IndexError):
                em = 0.0
            v = abs(d) * em if em else abs(d) * 1000
            font.vscale = v if 0.05 <= v <= 20 else 1.0
        font.ascent, font.descent = DEFAULT_ASCENT, DEFAULT_DESCENT
    tu = _stream_data(fd.get("/ToUnicode"), budget)
    if tu:
        cm = parse_cmap(tu)
        font.to_unicode = cm.to_unicode
        font.has_tounicode = bool(cm.to_unicode)
    if subtype == "/Type0":
        font.two_byte = True
        enc = _resolve(fd.get("/Encoding"))
        if enc is not None and hasattr(enc, "get_data"):
            data = _stream_data(enc, budget) or b""
            cm = parse_cmap(data)
            font.code_lengths = cm.code_lengths
            font.to_cid, font.cid_ranges = cm.to_cid, cm.cid_ranges
        if desc_font is not None and hasattr(desc_font, "get"):
            _widths_cid(desc_font, font)
            if not font.to_unicode and desc:
                font.to_unicode = _embedded_cmap(desc_font, desc, budget)
            elif desc:
                font.repaired = _repair_blank_mappings(desc_font, desc, font, budget)
        else:
            font.default_width = 1000.0
    else:
        symbolic = bool(int(_num(desc.get("/Flags"), 0)) & 4) if desc else False
        font.simple_text = _simple_encoding(fd, subtype, bare, symbolic)
        _widths_simple(fd, font, bare)
    return font


def join_combining(chars: list[str]) -> list[str]:
    """Attach combining marks drawn as separate glyphs to their base ('a' + U+0301 → 'á')."""
    out: list[str] = []
    for c in chars:
        if out and c and all(unicodedata.combining(ch) for ch in c):
            out[-1] = unicodedata.normalize("NFC", out[-1] + c)
        else:
            out.append(c)
    return out
