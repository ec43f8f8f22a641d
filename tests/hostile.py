"""Builders for hostile and broken input files, made at test time (nothing committed).

Also a tiny raw-XML .docx writer (``write_docx``) so tests can state exactly the WordprocessingML
they feed the reader. Run as a script to drop every hostile file into a folder:
``python tests/hostile.py OUTDIR``.
"""

from __future__ import annotations

import random
import struct
import sys
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
KNOWN_TYPES = {
    "styles.xml": ("styles", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
    "numbering.xml": ("numbering", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"),
    "settings.xml": ("settings", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
    "comments.xml": ("comments", "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"),
    "theme/theme1.xml": ("theme", "application/vnd.openxmlformats-officedocument.theme+xml"),
}


def document_xml(body: str, sect: str = "") -> bytes:
    """Wrap body XML (paragraphs, tables) in a w:document with all namespaces declared."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {NSDECL}><w:body>{body}{sect}</w:body></w:document>").encode("utf-8")


def part_xml(root: str, inner: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<w:{root} {NSDECL}>{inner}</w:{root}>'.encode()


def write_docx(path: Path, document: bytes, parts: dict[str, bytes] | None = None,
               headers: dict[str, bytes] | None = None, raw_extra: dict[str, bytes] | None = None) -> Path:
    """A minimal valid package. ``parts`` keys: styles.xml, numbering.xml, settings.xml,
    comments.xml, theme/theme1.xml. ``headers``: rId → XML of a header/footer part (the name
    decides: "hdrX" ids become word/headerX.xml, "ftrX" word/footerX.xml)."""
    parts = parts or {}
    headers = headers or {}
    overrides = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.wordprocessingml.document.main+xml"/>']
    rels = []
    for name, (kind, ctype) in KNOWN_TYPES.items():
        if name in parts:
            overrides.append(f'<Override PartName="/word/{name}" ContentType="{ctype}"/>')
            rels.append(f'<Relationship Id="rId_{kind}" Type="{REL}{kind}" Target="{name}"/>')
    for rid in headers:
        kind = "footer" if rid.startswith("ftr") else "header"
        rels.append(f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{kind}{rid[3:]}.xml"/>')
        overrides.append(f'<Override PartName="/word/{kind}{rid[3:]}.xml" ContentType="application/'
                         f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>')
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
          '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
          'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          + "".join(overrides) + "</Types>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}officeDocument" '
                 'Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships">' + "".join(rels) + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        zf.writestr("word/document.xml", document)
        for name, data in parts.items():
            zf.writestr(f"word/{name}", data)
        for rid, data in headers.items():
            kind = "footer" if rid.startswith("ftr") else "header"
            zf.writestr(f"word/{kind}{rid[3:]}.xml", data)
        for name, data in (raw_extra or {}).items():
            zf.writestr(name, data)
    return path


def simple_docx(path: Path) -> Path:
    return write_docx(path, document_xml("<w:p><w:r><w:t>Xin chào</w:t></w:r></w:p>"))


# --------------------------------------------------------------------------- hostile files

def empty(d: Path) -> Path:
    p = d / "empty.docx"
    p.write_bytes(b"")
    return p


def random_bytes(d: Path) -> Path:
    p = d / "random.docx"
    data = random.Random(30).randbytes(8192)
    p.write_bytes(b"\x13\x37" + data)
    return p


def corrupt_zip(d: Path) -> Path:
    good = simple_docx(d / "_good.docx").read_bytes()
    p = d / "corrupt.docx"
    p.write_bytes(good[: len(good) // 2])  # central directory gone
    return p


def cfb(stream_names: list[str]) -> bytes:
    """A small but well-formed Compound File (MS-CFB v3) whose directory holds these names."""
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # number of FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)  # mini stream cutoff
    struct.pack_into("<IIII", header, 0x3C, end, 0, end, 0)  # mini FAT, DIFAT
    difat = [0] + [free] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [fatsect, end] + [free] * 126
    fat_sector = struct.pack("<128I", *fat)
    entries = []
    for i, name in enumerate(["Root Entry"] + stream_names):
        e = bytearray(128)
        enc = name.encode("utf-16-le") + b"\x00\x00"
        e[0 : len(enc)] = enc
        struct.pack_into("<H", e, 64, len(enc))
        e[66] = 5 if i == 0 else 2  # root storage / stream
        e[67] = 1  # black
        struct.pack_into("<III", e, 68, free, free, 1 if (i == 0 and stream_names) else free)
        if i > 0:  # siblings chained to the right
            struct.pack_into("<I", e, 72, i + 1 if i < len(stream_names) else free)
        struct.pack_into("<I", e, 116, end)
        entries.append(bytes(e))
    directory = b"".join(entries).ljust(512, b"\x00")
    return bytes(header) + fat_sector + directory


def legacy_doc(d: Path) -> Path:
    p = d / "cu.doc.docx"
    p.write_bytes(cfb(["WordDocument", "1Table", "\x05SummaryInformation"]))
    return p


def encrypted(d: Path) -> Path:
    p = d / "mat-khau.docx"
    p.write_bytes(cfb(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]))
    return p


def malformed_xml(d: Path) -> Path:
    return write_docx(d / "malformed.docx",
                      b'<?xml version="1.0"?><w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r>')


XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
       b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
       b"</w:body></w:document>")


def xxe(d: Path) -> Path:
    return write_docx(d / "xxe.docx", XXE)


def xxe_in_styles(d: Path) -> Path:
    styles = (b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              b'<w:styles xmlns:w="' + W_NS.encode() + b'"><w:style w:styleId="&x;"/></w:styles>')
    return write_docx(d / "xxe-styles.docx", document_xml("<w:p><w:r><w:t>a</w:t></w:r></w:p>"),
                      {"styles.xml": styles})


def billion_laughs(d: Path) -> Path:
    ents = ['<!ENTITY l0 "ha">'] + [f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    data = ('<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(ents) + ']><w:document xmlns:w="'
            + W_NS + '"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>').encode()
    return write_docx(d / "laughs.docx", data)


def zip_bomb(d: Path, megabytes: int = 50) -> Path:
    """A part of ``megabytes`` MB of zeros (ratio ≈ 1000:1) inside an otherwise valid package."""
    p = simple_docx(d / "bomb.docx")
    zeros = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            for _ in range(megabytes):
                fh.write(zeros)
    return p


def declared_huge(d: Path, declared: int = 3 * 1024 ** 3) -> Path:
    """A small package whose central directory claims a 3 GB part (declared-size check)."""
    data = bytearray(simple_docx(d / "_decl.docx").read_bytes())
    i = data.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack_from("<H", data, i + 28)[0]
        name = bytes(data[i + 46 : i + 46 + name_len])
        if name == b"word/document.xml":
            struct.pack_into("<I", data, i + 24, min(declared, 0xFFFFFFFE))
        i = data.find(b"PK\x01\x02", i + 4)
    p = d / "declared-huge.docx"
    p.write_bytes(bytes(data))
    return p


def declared_small(d: Path) -> Path:
    """A 3 MB part of zeros whose central directory entry claims 1000 bytes."""
    p = simple_docx(d / "_small.docx")
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/zeros.bin", b"\x00" * (3 * 1024 * 1024))
    data = bytearray(p.read_bytes())
    i = data.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46 : i + 46 + name_len]) == b"word/media/zeros.bin":
            assert struct.unpack_from("<I", data, i + 24)[0] == 3 * 1024 * 1024
            struct.pack_into("<I", data, i + 24, 1000)
        i = data.find(b"PK\x01\x02", i + 4)
    p = d / "declared-small.docx"
    p.write_bytes(bytes(data))
    return p


def deep_nesting(d: Path, depth: int = 100_000) -> Path:
    """``depth`` nested elements; random ids keep the part from looking like a zip bomb."""
    rnd = random.Random(depth)
    inner = "".join(f'<w:sdt w:id="{rnd.getrandbits(32):08x}"><w:sdtContent>' for _ in range(depth))
    inner += "</w:sdtContent></w:sdt>" * depth
    return write_docx(d / f"deep-{depth}.docx", document_xml(inner))


def deep_small(d: Path) -> Path:
    return deep_nesting(d, 1000)


def odt(d: Path) -> Path:
    p = d / "van-ban.odt"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return p


def plain_zip(d: Path) -> Path:
    p = d / "anh.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("photo.txt", "not a document")
    return p


def xlsx_like(d: Path) -> Path:
    p = d / "bang-tinh.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return p


def rtf(d: Path) -> Path:
    p = d / "van-ban.rtf.docx"
    p.write_bytes(b"{\\rtf1\\ansi Xin chao}")
    return p


def zip_password(d: Path) -> Path:
    """A package whose document part has the zip 'encrypted' flag set (traditional zip password)."""
    data = bytearray(simple_docx(d / "_pw.docx").read_bytes())
    for sig, flag_off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        while i != -1:
            struct.pack_into("<H", data, i + flag_off, struct.unpack_from("<H", data, i + flag_off)[0] | 1)
            i = data.find(sig, i + 4)
    p = d / "zip-password.docx"
    p.write_bytes(bytes(data))
    return p


def whitespace_only(d: Path) -> Path:
    p = d / "blank.docx"
    p.write_bytes(b" \r\n\t" * 10)
    return p


def too_many_entries(d: Path, n: int = 12_000) -> Path:
    p = d / "many.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as zf:
        for i in range(n):
            zf.writestr(f"x/{i}", b"")
    return p


ALL = {
    "empty": (empty, "empty"),
    "random": (random_bytes, "not-a-document"),
    "corrupt-zip": (corrupt_zip, "corrupt-zip"),
    "legacy-doc": (legacy_doc, "legacy-doc"),
    "encrypted": (encrypted, "encrypted"),
    "malformed-xml": (malformed_xml, "malformed-xml"),
    "xxe": (xxe, "xml-entities"),
    "xxe-styles": (xxe_in_styles, "xml-entities"),
    "billion-laughs": (billion_laughs, "xml-entities"),
    "zip-bomb": (zip_bomb, "zip-bomb"),
    "declared-huge": (declared_huge, "zip-bomb"),
    "deep": (deep_nesting, "too-deep"),
    "deep-small": (deep_small, "too-deep"),
    "odt": (odt, "odt"),
    "plain-zip": (plain_zip, "no-document-part"),
    "xlsx": (xlsx_like, "no-document-part"),
    "rtf": (rtf, "rtf"),
    "many-entries": (too_many_entries, "zip-bomb"),
    "zip-password": (zip_password, "encrypted"),
    "blank": (whitespace_only, "empty"),
}
"""name → (builder, expected UnreadableError code)."""


# --- entries that are no regular file (found by a hostile-input campaign: each one crashed or
# hung a whole run). Not in ALL: they are folder entries, not file contents.

def symlink_loop(d: Path) -> Path:
    """``vong.docx`` → itself, and a two-link loop ``a`` ↔ ``b`` (no document name)."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "vong.docx").symlink_to("vong.docx")
    (d / "a").symlink_to("b")
    (d / "b").symlink_to("a")
    return d / "vong.docx"


def fifo(d: Path, name: str = "ong.pdf") -> Path:
    """A named pipe: opening it for reading blocks until someone writes."""
    import os

    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    os.mkfifo(p)
    return p


def device_link(d: Path, device: str = "/dev/zero", name: str = "khong-dung.pdf") -> Path:
    """A link to a device that never ends (/dev/zero, /dev/urandom) named like a PDF."""
    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    p.symlink_to(device)
    return p


def non_utf8_name(d: Path) -> Path:
    """A real .docx whose file name is not valid UTF-8 (a CP1258/TCVN3-era name copied raw)."""
    import os

    d.mkdir(parents=True, exist_ok=True)
    raw = os.fsencode(str(d)) + b"/b\xe1o-c\xe1o-\xff.docx"  # not UTF-8: Latin-1 bytes
    p = Path(os.fsdecode(raw))
    simple_docx(p)
    return p


SPECIAL = {
    "symlink-loop": symlink_loop,
    "fifo": fifo,
    "dev-zero": device_link,
    "non-utf8-name": non_utf8_name,
}
"""name → builder of an entry that is no regular file (or has no UTF-8 name)."""

if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-out")
    out.mkdir(parents=True, exist_ok=True)
    for name, (build, code) in ALL.items():
        print(f"{build(out)}\t{code}")
