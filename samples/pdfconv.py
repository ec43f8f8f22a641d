"""DOCX → PDF the way users make them (Word's "Save as PDF"), with LibreOffice.

LibreOffice is not Word, and the build machine has no Times New Roman. So that the PDFs
carry fonts named like Word's (``TimesNewRomanPSMT``, ``TimesNewRomanPS-BoldMT``, …), this
module makes, in a private folder, copies of Liberation Serif (metric-compatible with Times
New Roman: same advance widths, so the same line breaks) renamed with fontTools to the family
"Times New Roman" and Word's PostScript names, and runs LibreOffice with a fontconfig file
that sees them. The renamed fonts are never committed or installed system-wide.

Needs: ``soffice`` (libreoffice-writer-nogui) and fonts-liberation2.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
STYLES = {  # Liberation file suffix → (subfamily, PostScript name, full name)
    "Regular": ("Regular", "TimesNewRomanPSMT", "Times New Roman"),
    "Bold": ("Bold", "TimesNewRomanPS-BoldMT", "Times New Roman Bold"),
    "Italic": ("Italic", "TimesNewRomanPS-ItalicMT", "Times New Roman Italic"),
    "BoldItalic": ("Bold Italic", "TimesNewRomanPS-BoldItalicMT", "Times New Roman Bold Italic"),
}


def make_fonts(folder: Path) -> None:
    """Write the four renamed Liberation Serif faces into ``folder``."""
    from fontTools.ttLib import TTFont

    folder.mkdir(parents=True, exist_ok=True)
    for suffix, (sub, ps, full) in STYLES.items():
        font = TTFont(str(LIBERATION / f"LiberationSerif-{suffix}.ttf"))
        name = font["name"]
        for rec in list(name.names):
            if rec.nameID in (16, 17, 21, 22):
                name.removeNames(nameID=rec.nameID)
        values = {1: "Times New Roman", 2: sub, 3: f"nd30check-samples: {full}", 4: full, 6: ps}
        for nid, val in values.items():
            name.setName(val, nid, 3, 1, 0x409)
            name.setName(val, nid, 1, 0, 0)
        font.save(str(folder / f"{ps}.ttf"))


def _fontconfig(folder: Path, fonts: Path) -> Path:
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts}</dir>\n  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf


def convert(sources: list[Path], targets: list[Path]) -> None:
    """Convert each source .docx to its target .pdf (folders created as needed)."""
    if not shutil.which("soffice"):
        raise SystemExit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-liberation2")
    with tempfile.TemporaryDirectory(prefix="nd30-pdf-") as tmp:
        t = Path(tmp)
        make_fonts(t / "fonts")
        env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig(t, t / "fonts")), HOME=str(t))
        subprocess.run(["fc-cache", "-f", str(t / "fonts")], env=env, check=False, capture_output=True)
        groups: dict[Path, list[tuple[Path, Path]]] = defaultdict(list)
        for s, d in zip(sources, targets):
            groups[d.parent].append((s, d))
        for outdir, pairs in groups.items():
            stage = t / "out"
            stage.mkdir(exist_ok=True)
            cmd = ["soffice", f"-env:UserInstallation=file://{t}/profile", "--headless", "--convert-to", "pdf",
                   "--outdir", str(stage)] + [str(s) for s, _ in pairs]
            subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=600)
            outdir.mkdir(parents=True, exist_ok=True)
            for s, d in pairs:
                produced = stage / (s.stem + ".pdf")
                shutil.move(str(produced), str(d))
