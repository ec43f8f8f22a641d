"""Sections of a .docx: page size, orientation and margins, and the page number fields of the
header and footer parts each section refers to."""

from __future__ import annotations

import re

from lxml import etree

from ...model import PageNumberField, Paragraph, Run, Section
from .blocks import Where
from .package import R_NS, SECTPR
from .styles import num, on, w


class Sections:
    """Reader methods for sections and header/footer parts (mixed into :class:`reader.Reader`)."""

    # ----------------------------------------------------------------- headers & sections
    def sections(self, body: etree._Element) -> None:
        final = body.find(SECTPR)
        els = list(self.sect_els)
        if final is not None or not els:
            els.append(final if final is not None else etree.Element(SECTPR))
        refs: dict[tuple[str, str], str] = {}
        for i, sp in enumerate(els):
            s = Section(index=i)
            pg = sp.find(w("pgSz"))
            if pg is not None:
                wv, hv = num(pg.get(w("w"))), num(pg.get(w("h")))
                s.page_width = wv / 20.0 if wv else None
                s.page_height = hv / 20.0 if hv else None
                orient = pg.get(w("orient"))
                if orient in ("landscape", "portrait"):
                    s.orientation = orient  # type: ignore[assignment]
                elif s.page_width and s.page_height:
                    s.orientation = "landscape" if s.page_width > s.page_height else "portrait"
            else:  # Word's default page when nothing is declared (US Letter)
                s.page_width, s.page_height, s.orientation = 612.0, 792.0, "portrait"
            mar = sp.find(w("pgMar"))
            if mar is not None:
                for attr, field_ in (("top", "margin_top"), ("bottom", "margin_bottom"),
                                     ("left", "margin_left"), ("right", "margin_right")):
                    v = num(mar.get(w(attr)))
                    if v is None and attr in ("left", "right"):
                        v = num(mar.get(w("start" if attr == "left" else "end")))
                    setattr(s, field_, abs(v) / 20.0 if v is not None else None)
            s.title_page = bool(on(sp.find(w("titlePg"))))
            if i < len(self.sect_locs):  # type: ignore[attr-defined]
                s.locator = self.sect_locs[i]  # type: ignore[attr-defined]
            elif sp is final:
                s.locator = f"{self.part}#/w:body/w:sectPr[1]"  # type: ignore[attr-defined]
            for kind, tag in (("header", "headerReference"), ("footer", "footerReference")):
                for ref in sp.iterchildren(w(tag)):
                    rid = ref.get(f"{{{R_NS}}}id")
                    if rid in self.pkg.rels:
                        refs[(kind, ref.get(w("type"), "default"))] = self.pkg.rels[rid][1]
            fmt = sp.find(w("pgNumType"))
            arabic = fmt is None or fmt.get(w("fmt"), "decimal") in ("decimal", "decimalZero")
            s.page_numbers = self.header_numbers(dict(refs), s.title_page, arabic, i)
            self.doc.sections.append(s)

    def header_numbers(self, refs: dict[tuple[str, str], str], title_pg: bool, arabic: bool,
                       sect: int) -> list[PageNumberField]:
        out: list[PageNumberField] = []
        for kind in ("header", "footer"):
            types = ["default"] + (["first"] if title_pg else []) + (["even"] if self.even_odd else [])
            for t in types:
                part = refs.get((kind, t))
                if part is None:
                    continue
                for para, runs, instr in self.part_fields(part, kind, t, sect):
                    shown = [r for r in runs if r.text.strip()] or runs
                    first = shown[0] if shown else None
                    out.append(PageNumberField(
                        where=kind,  # type: ignore[arg-type]
                        alignment=None if para.extra.get("in_textbox") else para.alignment,
                        size=first.size if first else None,
                        font=first.font if first else None,
                        first_page=(t == "first") or (t == "default" and not title_pg),
                        text="".join(r.text for r in runs).strip() or None,
                        arabic=arabic and not re.search(r"\\\*\s*(roman|alphabetic)", instr, re.I),
                        locator=para.locator,
                    ))
        return out

    def part_fields(self, part: str, kind: str, htype: str, sect: int) -> list[tuple[Paragraph, list[Run], str]]:
        cache = self._parts
        if part in cache:
            return cache[part]
        root = self.pkg.xml(part)
        before_fields = len(self.page_fields)
        before_raw = len(self.raw)
        saved = (self.section, self.page, self.field_stack, self.part)  # type: ignore[attr-defined]
        self.section, self.field_stack, self.part = sect, [], part
        if root is not None:
            self.blocks(root, Where(kind), "")
        self.section, self.page, self.field_stack, self.part = saved
        for rp in self.raw[before_raw:]:
            rp.para.page = None
            rp.para.extra["part"] = part
            rp.para.extra["header_type"] = htype
        got = self.page_fields[before_fields:]
        cache[part] = got
        return got
