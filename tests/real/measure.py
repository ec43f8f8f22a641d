"""Measurements behind the labels of the real documents (tests/real/labels.json).

Usage: ``python tests/real/measure.py [FILE ...]`` (default: every labelled file).

Independent of nd30check's reader: PDFs are measured with pdfplumber (chars and words with
font name, size and position; lines and rectangles), .docx with python-docx/lxml (run
properties as written, style cascade followed). Only the signature appearances (the number
and day stamped by widgets) come from nd30check's own widget reader, which pdfplumber does not
render. For each file it prints the facts a clerk reads in the header, the page sizes and text
extents, and then every labelled finding's *probe*: the measured values its ``why`` quotes.

Probes (``"probe"`` of a label):
* ``{"text": "VĂN PHÒNG", "page": 1}``  — the words of that text: font, size, x0–x1, gaps;
* ``{"margins": true}``                 — text extents per page (mm from each edge);
* ``{"page_size": true}``               — every page's size in mm;
* ``{"line_under": "Về việc …", "page": 1}`` — horizontal rules/rects just under that text;
* ``{"docx_runs": "TÊN CƠ QUAN"}``      — .docx: the runs of the paragraphs holding that text.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any, Iterable

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
LABELS = HERE / "labels.json"
MM = 72 / 25.4


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def load_labels() -> dict[str, Any]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


# --- PDF (pdfplumber) ------------------------------------------------------------------------
def _font(name: str) -> str:
    return name.split("+", 1)[-1]


def pdf_lines(page: Any, *, y0: float = 0, y1: float = 1e9) -> list[dict[str, Any]]:
    """Words grouped by baseline (±1.5 pt) between y0 and y1: [{top, bottom, segments}], where a
    segment is a run of words in one font and size: (x0, x1, font, size, text)."""
    words = page.extract_words(extra_attrs=["fontname", "size"], x_tolerance=1.5, keep_blank_chars=False)
    words = [w for w in words if y0 <= w["top"] <= y1]
    words.sort(key=lambda w: (round(w["bottom"]), w["x0"]))
    rows: list[dict[str, Any]] = []
    for w in words:
        if rows and abs(rows[-1]["bottom"] - w["bottom"]) <= 1.5:
            row = rows[-1]
        else:
            row = {"top": w["top"], "bottom": w["bottom"], "segments": []}
            rows.append(row)
        seg = row["segments"]
        f, sz = _font(w["fontname"]), round(w["size"], 2)
        if seg and seg[-1][2] == f and seg[-1][3] == sz and w["x0"] - seg[-1][1] < 2.5 * sz:
            x0, _x1, _f, _s, t = seg[-1]
            seg[-1] = (x0, w["x1"], f, sz, t + " " + w["text"])
        else:
            seg.append((w["x0"], w["x1"], f, sz, w["text"]))
    for row in rows:
        row["segments"].sort(key=lambda s: s[0])
    return rows


def fmt_row(row: dict[str, Any]) -> str:
    return f"{row['bottom']:7.1f}  " + "  |  ".join(
        f"[{x0:.1f}–{x1:.1f} {f} {s:g}] {nfc(t)}" for x0, x1, f, s, t in row["segments"])


def text_extents(pdf: Any) -> list[tuple[int, float, float, float, float, float, float]]:
    """Per page: (page, width, height, left mm, right mm, top mm, bottom mm) of the visible
    text, a lone 1–3 digit number at the very top or bottom (the page number) left out."""
    out = []
    for i, page in enumerate(pdf.pages, start=1):
        chars = [c for c in page.chars if c["text"].strip() and not _white(c)]
        if not chars:
            out.append((i, float(page.width), float(page.height), None, None, None, None))
            continue
        rows = pdf_lines(page)
        skip: set[int] = set()
        for k in (0, len(rows) - 1):
            if rows and rows[k]["segments"] and len(rows[k]["segments"]) == 1 and rows[k]["segments"][0][4].strip("-– ").isdigit() \
                    and len(rows[k]["segments"][0][4].strip("-– ")) <= 3 and len(rows) > 1:
                skip.add(round(rows[k]["bottom"]))
        keep = [c for c in chars if round(c["bottom"]) not in skip and all(abs(c["bottom"] - s) > 1.5 for s in skip)]
        keep = keep or chars
        x0 = min(c["x0"] for c in keep)
        x1 = max(c["x1"] for c in keep)
        top = min(c["top"] for c in keep)
        bottom = max(c["bottom"] for c in keep)
        w, h = float(page.width), float(page.height)
        out.append((i, w, h, x0 / MM, (w - x1) / MM, top / MM, (h - bottom) / MM))
    return out


def _white(c: dict[str, Any]) -> bool:
    col = c.get("non_stroking_color")
    if isinstance(col, (list, tuple)) and col and all(isinstance(v, (int, float)) for v in col):
        if len(col) == 1:
            return col[0] >= 0.96
        if len(col) == 3:
            return min(col) >= 0.96
        if len(col) == 4:
            return max(col) <= 0.04
    return False


def find_words(page: Any, text: str) -> list[dict[str, Any]]:
    """The chars spelling ``text`` (NFC, spaces ignored) on the page, in reading order."""
    target = nfc(text).replace(" ", "")
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: (round(c["bottom"]), c["x0"]))
    s = "".join(nfc(c["text"]) for c in chars)
    k = s.find(target)
    if k < 0:
        return []
    # map string offset back to chars (NFC of single chars keeps one code point each here)
    out, pos = [], 0
    for c in chars:
        t = nfc(c["text"])
        if pos >= k and pos < k + len(target):
            out.append(c)
        pos += len(t)
    return out


def probe_text(pdf: Any, page_no: int, text: str) -> str:
    page = pdf.pages[page_no - 1]
    chars = find_words(page, text)
    if not chars:
        return f"    “{text}” not found on page {page_no}"
    fonts = sorted({(_font(c["fontname"]), round(c["size"], 2)) for c in chars})
    gaps = []
    for a, b in zip(chars, chars[1:]):
        g = b["x0"] - a["x1"]
        if g > 0.15 * a["size"]:
            gaps.append(f"{nfc(a['text'])}→{nfc(b['text'])} {g:.1f} pt")
    return (f"    “{text}” p{page_no}: x {chars[0]['x0']:.1f}–{chars[-1]['x1']:.1f}, top {chars[0]['top']:.1f}; "
            f"fonts/sizes {fonts}; gaps > 0.15 em: {gaps or 'none'}")


def probe_line_under(pdf: Any, page_no: int, text: str) -> str:
    page = pdf.pages[page_no - 1]
    chars = find_words(page, text)
    if not chars:
        return f"    “{text}” not found on page {page_no}"
    bottom = max(c["bottom"] for c in chars)
    x0, x1 = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
    rules = []
    for ln in list(page.lines) + [r for r in page.rects if r["height"] <= 2.5]:
        if bottom - 2 <= ln["top"] <= bottom + 25 and ln["x1"] - ln["x0"] > 3:
            rules.append(f"{(ln['x1'] - ln['x0']) / MM:.1f} mm at y {ln['top']:.1f} (x {ln['x0']:.1f}–{ln['x1']:.1f})")
    under = [c for c in page.chars if c["text"] == "_" and bottom - 2 <= c["top"] <= bottom + 25]
    typed = f"; typed underscores: {len(under)}" if under else ""
    return (f"    under “{text[:40]}” (text {x0:.1f}–{x1:.1f} = {(x1 - x0) / MM:.1f} mm, bottom {bottom:.1f}): "
            f"{rules or 'no rule'}{typed}")


def measure_pdf(path: Path, label: dict[str, Any] | None) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        exts = text_extents(pdf)
        sizes = sorted({(round(w / MM), round(h / MM)) for _, w, h, *_ in exts})
        print(f"  pages {len(pdf.pages)}, sizes (mm) {sizes}, text pages {sum(1 for e in exts if e[3] is not None)}")
        first = next((i for i, *_r, l in [(e[0], e[3]) for e in exts] if l is not None), None)
        if first is None:
            print("  no text layer (scan)")
        else:
            page = pdf.pages[first - 1]
            print(f"  page {first} header (top 40 %):")
            for row in pdf_lines(page, y1=0.4 * float(page.height)):
                print("   ", fmt_row(row))
            last = max(e[0] for e in exts if e[3] is not None)
            page = pdf.pages[last - 1]
            rows = pdf_lines(page)
            k = next((j for j, r in enumerate(rows) if any("Nơi nhận" in nfc(s[4]) for s in r["segments"])), None)
            if k is not None:
                print(f"  page {last} signature block:")
                for row in rows[k: k + 22]:
                    print("   ", fmt_row(row))
        try:
            from nd30check.readers.pdf import signature_appearances

            for a in signature_appearances(str(path)):
                if a["text"]:
                    print(f"  widget {a['field']} p{a['page']} rect {tuple(round(v) for v in a['rect'])}: "
                          f"{a['text']!r}")
        except Exception as exc:  # noqa: BLE001 - a measuring tool reports and goes on
            print(f"  widgets: {exc}")
        for lab in _probes(label):
            p = lab["probe"]
            print(f"  [{lab['rule']}] {lab.get('why', '')}")
            if p.get("margins"):
                for i, w, h, l, r, t, b in exts:
                    if l is not None:
                        print(f"    page {i}: left {l:.1f} right {r:.1f} top {t:.1f} bottom {b:.1f} mm")
            if p.get("page_size"):
                for i, w, h, *_ in exts:
                    print(f"    page {i}: {w / MM:.1f} × {h / MM:.1f} mm")
            if "text" in p:
                print(probe_text(pdf, p.get("page", 1), p["text"]))
            if "line_under" in p:
                print(probe_line_under(pdf, p.get("page", 1), p["line_under"]))


def _probes(label: dict[str, Any] | None) -> Iterable[dict[str, Any]]:
    if not label:
        return []
    return [dict(rule=rule, **v) for rule, v in label.get("errors", {}).items() if v.get("probe")]


# --- DOCX (python-docx / lxml) ---------------------------------------------------------------
def measure_docx(path: Path, label: dict[str, Any] | None) -> None:
    import docx
    from docx.shared import Length

    d = docx.Document(str(path))
    for k, s in enumerate(d.sections, start=1):
        def mm(v: Length | None) -> str:
            return f"{v.mm:.1f}" if v is not None else "?"
        print(f"  section {k}: page {mm(s.page_width)} × {mm(s.page_height)} mm, margins T {mm(s.top_margin)} "
              f"B {mm(s.bottom_margin)} L {mm(s.left_margin)} R {mm(s.right_margin)} mm, {s.orientation}")
    for lab in _probes(label):
        p = lab["probe"]
        print(f"  [{lab['rule']}] {lab.get('why', '')}")
        if "docx_runs" in p:
            want = nfc(p["docx_runs"])
            for para in _all_paragraphs(d):
                if want in nfc(para.text):
                    style = para.style.name if para.style is not None else None
                    runs = [(r.text, r.font.name, r.font.size.pt if r.font.size else None, r.bold, r.italic)
                            for r in para.runs if r.text.strip()]
                    print(f"    style {style!r}: {runs}")
                    break


def _all_paragraphs(d: Any) -> Iterable[Any]:
    yield from d.paragraphs
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def main(argv: list[str]) -> int:
    labels = load_labels()
    names = [Path(a).name for a in argv] or sorted(labels["files"])
    for name in names:
        path = FILES / name
        label = labels["files"].get(name)
        print(f"== {name}")
        if label:
            print(f"  labelled facts: {json.dumps(label.get('facts'), ensure_ascii=False)}")
        if path.suffix.lower() == ".pdf":
            measure_pdf(path, label)
        else:
            measure_docx(path, label)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
