"""The OPC package of a .docx: its parts and relationships, WordprocessingML namespaces and tags."""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from ...model import UnreadableError
from ...ooxml import A_NS, MC_NS, PKG_REL_NS, R_NS, V_NS, W_NS, WP_NS, WPG_NS, WPS_NS  # noqa: F401 - re-exported
from ...safety import SafeZip, parse_xml
from .styles import w
STRICT = [
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", R_NS.encode()),
    (b"http://purl.oclc.org/ooxml/drawingml/main", A_NS.encode()),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing", WP_NS.encode()),
]
# a .docx declares everything; positions on the page are Word's to compute (not measured here)
# Tags, precomputed (tag comparison is the hot path).
P, R, T, TAB, BR, CR, TBL, TR, TC, SDT, SDTC = (w("p"), w("r"), w("t"), w("tab"), w("br"), w("cr"),
                                                w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent"))
PPR, RPR, INS, DEL, MOVETO, MOVEFROM = w("pPr"), w("rPr"), w("ins"), w("del"), w("moveTo"), w("moveFrom")
HYPER, SMART, CUSTOMXML, FLDSIMPLE, FLDCHAR, INSTR = (w("hyperlink"), w("smartTag"), w("customXml"),
                                                      w("fldSimple"), w("fldChar"), w("instrText"))
SOFTHY = w("softHyphen")
LRPB, NBH, SYM, PTAB, DRAWING, PICT, OBJECT, SECTPR = (w("lastRenderedPageBreak"), w("noBreakHyphen"),
                                                       w("sym"), w("ptab"), w("drawing"), w("pict"),
                                                       w("object"), w("sectPr"))
TXBX = w("txbxContent")
RECURSE_INLINE = {HYPER, SMART, CUSTOMXML, FLDSIMPLE, INS, MOVETO, w("bdo"), w("dir"), SDTC}
SKIP_INLINE = {DEL, MOVEFROM}
CHANGE_TAGS = [w(t) for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
                              "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                              "numberingChange", "tblGridChange")]
ALTCHUNK, COMMENT_START, COMMENT_REF = w("altChunk"), w("commentRangeStart"), w("commentReference")
T_TBLPR, T_TBLSTYLE, T_TBLLOOK, T_TBLBORDERS, T_TCPR, T_GRIDSPAN, T_TCW = (
    w("tblPr"), w("tblStyle"), w("tblLook"), w("tblBorders"), w("tcPr"), w("gridSpan"), w("tcW"))
P_GRIDCOL = f"{w('tblGrid')}/{w('gridCol')}"
P_GRIDSPAN = f"{w('tcPr')}/{w('gridSpan')}"
P_TCBORDERS = f"{w('tcPr')}/{w('tcBorders')}"
A_TYPE, A_W = w("type"), w("w")
EMU_PER_PT = 12700.0
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af]")
PAGE_INSTR = re.compile(r"^\s*PAGE(\s|\\|$)", re.I)


def _err(code: str, vi: str, en: str) -> UnreadableError:
    return UnreadableError(code, vi, en)


class Package:
    """The zip with relationship resolution; XML parts parsed through safety.parse_xml."""

    def __init__(self, zf: SafeZip):
        self.zf = zf
        self.main = self._main_part()
        self.rels = self.part_rels(self.main)
        if not self.rels:
            self._check_rels_present()

    def _check_rels_present(self) -> None:
        """A main part without its relationships part while the package holds styles, headers
        or numbering: nothing can reach them (every run would read at Word's 10 pt default).
        That package is damaged; say so rather than judge a document that is not the one shown."""
        d, base = posixpath.split(self.main)
        rels = posixpath.join(d, "_rels", base + ".rels")
        if self.zf.has(rels):
            return
        stranded = [n for n in self.zf.names() if n.startswith(d + "/") and n != self.main
                    and posixpath.basename(n).split(".")[0].rstrip("0123456789") in
                    ("styles", "numbering", "settings", "header", "footer", "theme", "fontTable")]
        if stranded:
            raise _err("damaged-package",
                       f"Tệp .docx bị hỏng: thiếu phần quan hệ của nội dung ({rels}) nên không tìm được kiểu chữ, "
                       f"đầu trang… ({', '.join(sorted(stranded)[:3])}) và không kiểm tra được đúng văn bản.",
                       f"The .docx package is damaged: the main part's relationships ({rels}) are missing, so its "
                       f"styles, headers… ({', '.join(sorted(stranded)[:3])}) cannot be found.")

    def raw(self, name: str | None) -> bytes | None:
        """Bytes of a part, Strict OOXML namespaces mapped to Transitional ones."""
        if name is None or not self.zf.has(name):
            return None
        data = self.zf.read(name)
        if b"purl.oclc.org/ooxml" in data:
            for old, new in STRICT:
                data = data.replace(old, new)
        return data

    def xml(self, name: str | None) -> etree._Element | None:
        data = self.raw(name)
        return None if data is None else parse_xml(data, name or "XML")

    def _main_part(self) -> str:
        root = self.xml("_rels/.rels")
        if root is not None:
            for rel in root.iterchildren(f"{{{PKG_REL_NS}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = rel.get("Target", "").lstrip("/")
                    if self.zf.has(target):
                        return self.zf.find(target) or target
        if self.zf.has("word/document.xml"):
            return self.zf.find("word/document.xml") or "word/document.xml"
        raise _err("no-document-part", "Tệp không có phần nội dung văn bản Word (word/document.xml).",
                   "No main document part in the package.")

    def part_rels(self, part: str) -> dict[str, tuple[str, str]]:
        """rId → (type suffix, resolved part name)."""
        d, base = posixpath.split(part)
        root = self.xml(posixpath.join(d, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        if root is None:
            return out
        for rel in root.iterchildren(f"{{{PKG_REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(d, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out

    def rel_of_type(self, kind: str) -> str | None:
        for t, path in self.rels.values():
            if t == kind:
                return path
        return None
