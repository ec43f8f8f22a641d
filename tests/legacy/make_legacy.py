"""Legacy-format fixtures: what communes still save (.doc, .rtf, .odt), typed in TCVN3/VNI.

Made from the committed samples (so each fixture has a known-good twin to compare with):

* ``<sample>.doc`` / ``.rtf`` / ``.odt`` — LibreOffice saves the sample in the old format;
* ``tcvn3-<sample>.docx`` — the sample retyped the way ABC users typed it: every run in
  ``.VnTime`` with TCVN3 codes; all-caps lines (Quốc hiệu, tên loại, agency…) and single
  capitals with a tone mark in the capital font ``.VnTimeH`` with the lower-case codes;
* ``tcvn3-<sample>.doc`` — that file saved as Word 97–2003 by LibreOffice (the real-world
  case: an old .doc typed in TCVN3);
* ``vni-<sample>.docx`` — the sample in ``VNI-Times`` with VNI codes;
* ``word-html-<sample>.doc`` — a web page in the shape Word writes ("Save as Web Page"),
  named .doc, as met in a public collection of commune documents;
* ``hyperlink-<sample>.docx`` / ``.doc`` — the sample with a web address typed as a plain
  black hyperlink (no Hyperlink style), and its .doc;
* ``macro-autorun.odt`` — an OpenDocument text with a Basic macro bound to "open document"
  that would write a file next to the document (for the test that macros never run).

    python tests/legacy/make_legacy.py       # needs soffice; writes tests/legacy/files + labels.json

LibreOffice's outputs carry timestamps, so they are not byte-stable: the tests compare what
nd30check reads from them, never their bytes.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "files"
sys.path.insert(0, str(ROOT))

from nd30check.text.encodings import encode_tcvn3, encode_vni  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COMPLIANT = ROOT / "samples" / "compliant"
DEFECTS = ROOT / "samples" / "defects"

# (sample, formats): a spread of layouts — header table and tab-stop headers, shapes and
# borders for lines, one- and two-page documents, a landscape appendix
CONVERT = [
    (COMPLIANT / "cv-ubnd-mot-noi-nhan-2-trang.docx", ("doc", "rtf", "odt")),
    (COMPLIANT / "qd-ubnd-thanh-lap-to-cong-tac.docx", ("doc", "rtf", "odt")),
    (COMPLIANT / "gm-ubnd-hoi-nghi-so-ket.docx", ("doc",)),
    (COMPLIANT / "pl-rieng-kh05-phu-luc-iii-ngang.docx", ("doc", "odt")),
    (DEFECTS / "ND30-MARGIN--left-20mm.docx", ("doc", "rtf")),
    (DEFECTS / "ND30-BODY-SIZE--12pt.docx", ("doc",)),
    (DEFECTS / "ND30-SO-FORMAT--no-colon.docx", ("doc", "odt")),
    (COMPLIANT / "kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc.docx", ("rtf", "doc")),  # two sections
]
HYPERLINK_SAMPLE = COMPLIANT / "tb-ubnd-ket-luan-chu-tich.docx"
TCVN3_SAMPLES = [COMPLIANT / "cv-ubnd-mot-noi-nhan-2-trang.docx", COMPLIANT / "qd-ubnd-thanh-lap-to-cong-tac.docx"]
VNI_SAMPLES = [COMPLIANT / "tb-ubnd-ket-luan-chu-tich.docx"]
HTML_SAMPLES = [COMPLIANT / "gm-ubnd-hoi-nghi-so-ket.docx"]

_FILTERS = {"doc": "doc:MS Word 97", "rtf": "rtf:Rich Text Format", "odt": "odt:writer8"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _fixed_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def _unsigned(name: str, data: bytes) -> bytes | None:
    """The samples are signed; an edited copy is not (its signature parts are left out)."""
    if name.startswith("_xmlsignatures/"):
        return None
    if name == "_rels/.rels":
        return re.sub(rb'<Relationship [^>]*digital-signature/origin"[^>]*/>', b"", data)
    if name == "[Content_Types].xml":
        return re.sub(rb'<Override PartName="/_xmlsignatures/[^>]*/>', b"", data)
    return data


# --------------------------------------------------------------------------- legacy fonts

def _needs_capital_font(ch: str) -> bool:
    try:
        encode_tcvn3(ch)
        return False
    except ValueError:
        return True


def _set_font(rpr: etree._Element, font: str) -> None:
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, _w("rFonts"))
        rpr.remove(fonts)
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_w(attr), font)


def _tcvn3_segments(text: str, all_caps: bool) -> list[tuple[str, bool]]:
    """(text, capital font?) pieces: how an ABC user types it."""
    if all_caps:
        return [(text, True)]
    out: list[tuple[str, bool]] = []
    for ch in text:
        cap = _needs_capital_font(ch)
        if out and out[-1][1] == cap:
            out[-1] = (out[-1][0] + ch, cap)
        else:
            out.append((ch, cap))
    return out


def _retype_part(xml: bytes, encoding: str, font: str, capital_font: str | None) -> bytes:
    root = etree.fromstring(xml)
    for para in root.iter(_w("p")):
        for run in list(para.iter(_w("r"))):
            ts = run.findall(_w("t"))
            if not ts:
                continue
            rpr = run.find(_w("rPr"))
            if rpr is None:
                rpr = etree.Element(_w("rPr"))
                run.insert(0, rpr)
            run_text = "".join(t.text or "" for t in ts)
            letters = [c for c in run_text if c.isalpha()]
            run_caps = bool(letters) and all(c.isupper() for c in letters)  # a line in capitals: .VnTimeH
            if encoding == "VNI":
                _set_font(rpr, font)
                for t in ts:
                    t.text = encode_vni(t.text or "")
                continue
            segments = _tcvn3_segments(run_text, run_caps)
            if len(segments) == 1:
                cap = segments[0][1]
                _set_font(rpr, capital_font if cap else font)
                for t in ts:
                    t.text = encode_tcvn3(t.text or "", capital=cap)
                continue
            # split the run: one run per piece, same formatting, capitals with a tone mark in .VnTimeH
            parent = run.getparent()
            pos = parent.index(run)
            for j, (piece, cap) in enumerate(segments):
                new = etree.fromstring(etree.tostring(run))
                for t in new.findall(_w("t")):
                    new.remove(t)
                t = etree.SubElement(new, _w("t"))
                t.text = encode_tcvn3(piece, capital=cap)
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                _set_font(new.find(_w("rPr")), capital_font if cap else font)
                parent.insert(pos + j, new)
            parent.remove(run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def retype(src: Path, dst: Path, encoding: str) -> None:
    font, capital = (".VnTime", ".VnTimeH") if encoding == "TCVN3" else ("VNI-Times", None)
    zin = zipfile.ZipFile(src)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = _unsigned(info.filename, zin.read(info.filename))
            if data is None:
                continue
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", info.filename):
                data = _retype_part(data, encoding, font, capital)
            zout.writestr(info, data)
    dst.write_bytes(_fixed_zip(buf.getvalue()))


def with_hyperlink(src: Path, dst: Path) -> None:
    """The sample with its last body paragraph followed by one holding a black hyperlink."""
    zin = zipfile.ZipFile(src)
    buf = io.BytesIO()
    rid = "rIdNd30Link"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = _unsigned(info.filename, zin.read(info.filename))
            if data is None:
                continue
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                body = root.find(_w("body"))
                paras = [p for p in body.findall(_w("p")) if "".join(t.text or "" for t in p.iter(_w("t"))).strip()]
                anchor = paras[len(paras) // 2]  # a body paragraph, away from header and signature
                run = next(r for r in anchor.iter(_w("r")) if r.find(_w("t")) is not None)
                link = etree.SubElement(anchor, _w("hyperlink"))
                link.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
                new = etree.fromstring(etree.tostring(run))
                for t in new.findall(_w("t")):
                    new.remove(t)
                t = etree.SubElement(new, _w("t"))
                t.text = " (https://dichvucong.gov.vn)"
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                link.append(new)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/hyperlink" Target="https://dichvucong.gov.vn" TargetMode="External"/>'
                    "</Relationships>").encode())
            zout.writestr(info, data)
    dst.write_bytes(_fixed_zip(buf.getvalue()))


# --------------------------------------------------------------------------- Word-HTML

def word_html(src: Path, dst: Path) -> None:
    """A page in the shape Word's "Save as Web Page" writes: class styles in <style>, mso-
    properties, @page WordSection1 — text and basic layout of the sample."""
    from nd30check.readers import read_document

    d = read_document(str(src))
    s = d.sections[0]

    def pt(v: float | None) -> str:
        return f"{(v or 0):.2f}pt"

    body = []
    for p in d.paragraphs:
        if p.container in ("header", "footer"):
            continue
        style = []
        if p.alignment in ("center", "right", "justify"):
            style.append(f"text-align:{p.alignment}")
        if p.first_line_indent:
            style.append(f"text-indent:{pt(p.first_line_indent)}")
        runs = []
        for r in p.runs:
            t = html.escape(r.text).replace("\t", "<span style='mso-tab-count:1'>&nbsp;&nbsp; </span>")
            if r.bold:
                t = f"<b>{t}</b>"
            if r.italic:
                t = f"<i>{t}</i>"
            runs.append(f"<span style='font-size:{r.size or 14:g}.0pt'>{t}</span>")
        body.append(f"<p class=MsoNormal style='{';'.join(style)}'>{''.join(runs) or '&nbsp;'}</p>")
    page = (f"@page WordSection1 {{size:{pt(s.page_width)} {pt(s.page_height)}; margin:{pt(s.margin_top)} "
            f"{pt(s.margin_right)} {pt(s.margin_bottom)} {pt(s.margin_left)}; mso-header-margin:35.4pt;}}")
    doc = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n<head>'
           '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\n<meta name=ProgId content=Word.Document>'
           '\n<meta name=Generator content="Microsoft Word 15">\n<style><!--\n'
           'p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:14.0pt; font-family:"Times New Roman",serif;}'
           f'\n{page}\ndiv.WordSection1 {{page:WordSection1;}}\n--></style></head>\n'
           "<body lang=VI style='tab-interval:36.0pt'><div class=WordSection1>\n" + "\n".join(body)
           + "\n</div></body></html>\n")
    dst.write_text(doc, encoding="utf-8")


# --------------------------------------------------------------------------- macro document

MACRO_MARKER = "nd30check-macro-ran.txt"


def macro_odt(dst: Path) -> None:
    """An .odt whose Basic macro runs on "open document" and writes MACRO_MARKER into the
    folder the document was opened from (only if macros are allowed to run)."""
    basic = f'''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  Dim n As Integer
  n = FreeFile
  Open ConvertFromURL(Left(ThisComponent.URL, InStrRev(ThisComponent.URL, "/"))) &amp; "{MACRO_MARKER}" For Output As #n
  Print #n, "macro ran"
  Close #n
End Sub
</script:module>
'''
    content = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3">
<office:scripts><office:event-listeners>
<script:event-listener script:language="ooo:script" script:event-name="dom:load"
 xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document" xlink:type="simple"/>
</office:event-listeners></office:scripts>
<office:body><office:text><text:p>ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN</text:p></office:text></office:body>
</office:document-content>
'''
    manifest = '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Basic/script-lc.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Basic/Standard/script-lb.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
'''
    lc = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
'''
    lb = '''<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
'''
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", (2026, 1, 1, 0, 0, 0)), "application/vnd.oasis.opendocument.text")
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest),
                           ("Basic/script-lc.xml", lc), ("Basic/Standard/script-lb.xml", lb),
                           ("Basic/Standard/Module1.xml", basic)):
            zi = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    dst.write_bytes(buf.getvalue())


# --------------------------------------------------------------------------- LibreOffice

def _soffice_convert(sources: list[Path], fmt: str, outdir: Path, tmp: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--convert-to", _FILTERS[fmt], "--outdir", str(outdir), *map(str, sources)],
                   check=True, capture_output=True, timeout=600, env={"HOME": str(tmp), "PATH": "/usr/bin:/bin"})


def main() -> int:
    if not shutil.which("soffice"):
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer-nogui")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    labels = []
    with tempfile.TemporaryDirectory(prefix="nd30-legacy-") as t:
        tmp = Path(t)
        for src in TCVN3_SAMPLES:
            retype(src, OUT / f"tcvn3-{src.stem}.docx", "TCVN3")
            labels.append({"file": f"tcvn3-{src.stem}.docx", "source": str(src.relative_to(ROOT)), "kind": "docx",
                           "encoding": "TCVN3"})
        for src in VNI_SAMPLES:
            retype(src, OUT / f"vni-{src.stem}.docx", "VNI")
            labels.append({"file": f"vni-{src.stem}.docx", "source": str(src.relative_to(ROOT)), "kind": "docx",
                           "encoding": "VNI"})
        jobs: dict[str, list[Path]] = {}
        for src, fmts in CONVERT:
            for fmt in fmts:
                jobs.setdefault(fmt, []).append(src)
                labels.append({"file": f"{src.stem}.{fmt}", "source": str(src.relative_to(ROOT)), "kind": fmt,
                               "encoding": None})
        link = OUT / f"hyperlink-{HYPERLINK_SAMPLE.stem}.docx"
        with_hyperlink(HYPERLINK_SAMPLE, link)
        labels += [{"file": link.name, "source": str(HYPERLINK_SAMPLE.relative_to(ROOT)), "kind": "docx",
                    "encoding": None},
                   {"file": f"{link.stem}.doc", "source": link.name, "kind": "doc", "encoding": None}]
        jobs["doc"].append(link)
        jobs["doc"] += [OUT / f"tcvn3-{s.stem}.docx" for s in TCVN3_SAMPLES]
        labels += [{"file": f"tcvn3-{s.stem}.doc", "source": str(s.relative_to(ROOT)), "kind": "doc",
                    "encoding": "TCVN3"} for s in TCVN3_SAMPLES]
        for fmt, sources in jobs.items():
            _soffice_convert(sources, fmt, OUT, tmp)
        for src in HTML_SAMPLES:
            word_html(src, OUT / f"word-html-{src.stem}.doc")
            labels.append({"file": f"word-html-{src.stem}.doc", "source": str(src.relative_to(ROOT)),
                           "kind": "word-html", "encoding": None})
    macro_odt(OUT / "macro-autorun.odt")
    labels.sort(key=lambda e: e["file"])
    (HERE / "labels.json").write_text(json.dumps({"version": 1, "files": labels}, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    print(f"{len(labels)} fixtures in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
