"""Tesseract: finding it, and running it on one page image → recognised words.

Two ways to run the same engine, picked once per process:

* ``tesserocr`` (the ``[ocr]`` extra): Tesseract's C++ API in-process. No process start, no
  model load and no image file per page; one API object per thread, reused; it releases the
  GIL, so pages of one file can be read by several threads. Measured in
  ``benchmarks/bench_ocr.py`` against pytesseract (a ``tesseract`` process per page).
* the ``tesseract`` program (hOCR on stdout), when tesserocr is not installed: slower (the
  model is loaded for every page) but needs nothing from PyPI.

"Installed" means: a ``tesseract`` program on PATH (or ``$ND30CHECK_TESSERACT``) that lists
the Vietnamese model. tesserocr carries its own copy of the engine but reads the same
language data, found through that program. Hiding the program (PATH) therefore turns OCR
off whichever binding is installed, which is what ``FILE-NO-TEXT`` then explains.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from typing import Any

LANG = "vie"
INSTALL_COMMAND = "sudo apt-get install tesseract-ocr tesseract-ocr-vie"


@dataclass(frozen=True, slots=True)
class Tesseract:
    """What is installed: the program, its version, the folder of language data."""

    program: str
    version: str
    tessdata: str | None
    binding: str  # "tesserocr" | "cli"

    @property
    def key(self) -> str:
        """Part of the cache key: results change with the engine and its binding."""
        return f"{self.version}/{self.binding}"


@dataclass(slots=True)
class Word:
    """One recognised word, in pixels of the page image (origin top-left)."""

    text: str
    conf: float  # 0–100
    x0: int
    top: int
    x1: int
    bottom: int
    line: int  # running number of the text line (Tesseract's), page-wide
    block: int
    baseline: float | None = None  # y of the line's baseline under the word's centre
    #: (letter, confidence 0–100) of each letter, where the binding gives them (tesserocr): a
    #: word's confidence is lowered for strings no dictionary holds ("KH-UBND"), its letters' not
    letters: tuple[tuple[str, float], ...] | None = None


_FOUND: dict[str, Tesseract | None] = {}
_LOCK = threading.Lock()


def find(program: str | None = None) -> Tesseract | None:
    """The installed Tesseract with Vietnamese, or None. Cached per process and program."""
    prog = program or os.environ.get("ND30CHECK_TESSERACT") or "tesseract"
    key = f"{prog}|{os.environ.get('PATH', '')}"
    with _LOCK:
        if key in _FOUND:
            return _FOUND[key]
        _FOUND[key] = found = _probe(prog)
        return found


def _probe(prog: str) -> Tesseract | None:
    path = shutil.which(prog)
    if path is None:
        return None
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        ver = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20, env=env)
        langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=20, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    out = (langs.stdout or "") + (langs.stderr or "")
    if LANG not in {ln.strip() for ln in out.splitlines()}:
        return None
    m = re.search(r'"([^"]+)"', out)
    tessdata = m.group(1) if m else None
    vm = re.search(r"tesseract\s+v?(\d+[\w.\-]*)", (ver.stdout or "") + (ver.stderr or ""))
    version = vm.group(1) if vm else "?"
    binding = "cli"
    if tessdata and _tesserocr_ok():
        binding = "tesserocr"
    return Tesseract(program=path, version=version, tessdata=tessdata, binding=binding)


def _tesserocr_ok() -> bool:
    if os.environ.get("ND30CHECK_OCR_BINDING") == "cli":
        return False
    try:
        import tesserocr  # noqa: F401
    except Exception:
        return False
    return True


# --- tesserocr ------------------------------------------------------------------------
_local = threading.local()


def _api(t: Tesseract, psm: int = 3) -> Any:
    """This thread's API object for a page segmentation mode (3: a page, automatic layout;
    6: one block of text; 7: one line)."""
    apis = getattr(_local, "apis", None)
    if apis is None or getattr(_local, "tessdata", None) != t.tessdata:
        apis = _local.apis = {}
        _local.tessdata = t.tessdata
    api = apis.get(psm)
    if api is None:
        from tesserocr import OEM, PyTessBaseAPI

        path = t.tessdata.rstrip("/\\") + os.sep if t.tessdata else ""
        api = apis[psm] = PyTessBaseAPI(path=path, lang=LANG, psm=psm, oem=OEM.LSTM_ONLY)
    return api


def _words_tesserocr(t: Tesseract, image: Any, dpi: int, psm: int = 3, whitelist: str | None = None) -> list[Word]:
    from tesserocr import RIL, iterate_level

    api = _api(t, psm)
    api.SetVariable("tessedit_char_whitelist", whitelist or "")
    api.SetImage(image)
    api.SetSourceResolution(int(dpi))
    api.Recognize()
    words: list[Word] = []
    it = api.GetIterator()
    if it is None:
        api.Clear()
        return words
    line = block = -1
    base: tuple[tuple[int, int], tuple[int, int]] | None = None
    letters: list[tuple[str, float]] = []
    for w in iterate_level(it, RIL.SYMBOL):  # one pass: a word is met at its first letter
        if not w.IsAtBeginningOf(RIL.WORD):
            if letters:
                letters.append((w.GetUTF8Text(RIL.SYMBOL) or "", round(float(w.Confidence(RIL.SYMBOL)), 1)))
            continue
        _spelt(words, letters)
        letters = []
        if w.IsAtBeginningOf(RIL.BLOCK):
            block += 1
        if w.IsAtBeginningOf(RIL.TEXTLINE):
            line += 1
            base = w.Baseline(RIL.TEXTLINE)
        try:
            text = w.GetUTF8Text(RIL.WORD)
        except RuntimeError:  # an empty word (a blob Tesseract found no letter in)
            continue
        box = w.BoundingBox(RIL.WORD)
        if not text or box is None:
            continue
        x0, top, x1, bottom = box
        words.append(Word(text=text.strip(), conf=float(w.Confidence(RIL.WORD)), x0=x0, top=top, x1=x1, bottom=bottom,
                          line=max(line, 0), block=max(block, 0), baseline=_at(base, (x0 + x1) / 2)))
        letters = [(w.GetUTF8Text(RIL.SYMBOL) or "", round(float(w.Confidence(RIL.SYMBOL)), 1))]
    _spelt(words, letters)
    api.Clear()
    return words


def _spelt(words: list[Word], letters: list[tuple[str, float]]) -> None:
    """Give the last word its letters' confidences when they spell it exactly."""
    if words and letters and words[-1].letters is None and "".join(c for c, _ in letters) == words[-1].text:
        words[-1].letters = tuple(letters)


def _at(base: Any, x: float) -> float | None:
    if not base:
        return None
    (ax, ay), (bx, by) = base
    if bx == ax:
        return float(ay)
    return ay + (by - ay) * (x - ax) / (bx - ax)


# --- the tesseract program (hOCR) ---------------------------------------------------------
_HOCR_SPAN = re.compile(r"<span class='(ocr_line|ocrx_word|ocr_caption|ocr_header|ocr_textfloat)'[^>]*title='([^']*)'[^>]*>")
_HOCR_BLOCK = re.compile(r"<div class='ocr_carea'")
_WORD_TEXT = re.compile(r"<span class='ocrx_word'[^>]*title='([^']*)'[^>]*>(.*?)</span>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _words_cli(t: Tesseract, image: Any, dpi: int, psm: int = 3, whitelist: str | None = None,
               timeout: float = 120.0) -> list[Word]:
    import html
    import io

    buf = io.BytesIO()
    image.save(buf, format="PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    extra = ["-c", f"tessedit_char_whitelist={whitelist}"] if whitelist else []
    proc = subprocess.run([t.program, "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(int(dpi)), *extra,
                           "hocr"], input=buf.getvalue(), capture_output=True, timeout=timeout, env=env)
    doc = proc.stdout.decode("utf-8", "replace")
    words: list[Word] = []
    line = block = -1
    base: tuple[float, float, int, int] | None = None  # slope, offset, line x0, line bottom
    pos = 0
    events: list[tuple[int, str, str]] = []
    for m in _HOCR_BLOCK.finditer(doc):
        events.append((m.start(), "block", ""))
    for m in _HOCR_SPAN.finditer(doc):
        if m.group(1) != "ocrx_word":
            events.append((m.start(), "line", m.group(2)))
    for m in _WORD_TEXT.finditer(doc):
        events.append((m.start(), "word", m.group(1) + "\x00" + m.group(2)))
    events.sort()
    for pos, kind, data in events:
        if kind == "block":
            block += 1
        elif kind == "line":
            line += 1
            bb = re.search(r"bbox (\d+) (\d+) (\d+) (\d+)", data)
            bl = re.search(r"baseline (-?[\d.]+) (-?[\d.]+)", data)
            if bb:
                lx0, _, _, lb = (int(v) for v in bb.groups())
                slope, off = (float(v) for v in bl.groups()) if bl else (0.0, 0.0)
                base = (slope, off, lx0, lb)
        else:
            title, body = data.split("\x00", 1)
            bb = re.search(r"bbox (\d+) (\d+) (\d+) (\d+)", title)
            cf = re.search(r"x_wconf (\d+)", title)
            text = html.unescape(_TAG.sub("", body)).strip()
            if not bb or not text:
                continue
            x0, top, x1, bottom = (int(v) for v in bb.groups())
            y = None
            if base is not None:
                slope, off, lx0, lb = base
                y = lb + off + slope * ((x0 + x1) / 2 - lx0)
            words.append(Word(text=text, conf=float(cf.group(1)) if cf else 0.0, x0=x0, top=top, x1=x1, bottom=bottom,
                              line=max(line, 0), block=max(block, 0), baseline=y))
    del pos
    return words


def recognise(t: Tesseract, image: Any, dpi: int, psm: int = 3, whitelist: str | None = None) -> list[Word]:
    """Words of one image (PIL, grey) at ``dpi``: a page (``psm`` 3), a block (6) or a line (7),
    optionally only with the characters of ``whitelist``. Answers are kept in the optional
    ``pagecache``."""
    from . import pagecache

    k = pagecache.key(image, dpi, t.key, f"{psm}|{whitelist or ''}") if pagecache.folder() is not None else None
    if k is not None:
        hit = pagecache.load(k)
        if isinstance(hit, list):
            return hit
    if t.binding == "tesserocr":
        words = _words_tesserocr(t, image, dpi, psm, whitelist)
    else:
        words = _words_cli(t, image, dpi, psm, whitelist)
    if k is not None:
        pagecache.store(k, words)
    return words
