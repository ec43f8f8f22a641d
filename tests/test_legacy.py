"""Legacy formats end to end: .doc/.rtf/.odt converted by a real LibreOffice, TCVN3/VNI text,
Word-HTML named .doc, and the same files without LibreOffice (a real run, soffice hidden).

Fixtures: tests/legacy/make_legacy.py (from the committed samples; labels.json says which
sample each one was made from). A converted file must be judged like its source, except the
rules the conversion cannot vouch for (not-evaluated, with the reason) and, for text typed in
a legacy encoding, ND30-FONT (a specific failure).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from nd30check.check import check_path
from nd30check.config import Config
from nd30check.model import UnreadableError
from nd30check.readers import read_document, sniff
from nd30check.readers.legacy import soffice
from nd30check.readers.legacy.signatures import legacy_signature_report
from nd30check.report.json import file_entry
from nd30check.report.words import Words

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FILES = HERE / "legacy" / "files"
LABELS = json.loads((HERE / "legacy" / "labels.json").read_text(encoding="utf-8"))["files"]
HAVE_OFFICE = soffice.find_office() is not None
needs_office = pytest.mark.skipif(not HAVE_OFFICE, reason="LibreOffice (soffice) is not installed: "
                                  "apt-get install -y libreoffice-writer-nogui")
CONVERTED = [e for e in LABELS if e["kind"] in ("doc", "rtf", "odt")]
_SOURCES: dict[str, object] = {}


def _source_result(entry: dict):
    src = entry["source"]
    path = ROOT / src if "/" in src else FILES / src
    if src not in _SOURCES:
        _SOURCES[src] = check_path(path)
    return _SOURCES[src]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- sniffing

@pytest.mark.parametrize("entry", LABELS, ids=lambda e: e["file"])
def test_kind_is_sniffed_from_bytes_not_name(entry: dict, tmp_path: Path) -> None:
    renamed = tmp_path / "van-ban.pdf"  # a misleading name
    shutil.copyfile(FILES / entry["file"], renamed)
    assert sniff(str(renamed)) == entry["kind"]


def test_flat_odt_and_word_xml_are_recognised(tmp_path: Path) -> None:
    fodt = tmp_path / "a.docx"
    fodt.write_text('<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                    'office:1.0" office:mimetype="application/vnd.oasis.opendocument.text"/>', encoding="utf-8")
    assert sniff(str(fodt)) == "odt"
    wxml = tmp_path / "b.doc"
    wxml.write_text('<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>',
                    encoding="utf-8")
    assert sniff(str(wxml)) == "word-xml"
    page = tmp_path / "c.doc"
    page.write_text("<html><body><p>not from Word</p></body></html>", encoding="utf-8")
    with pytest.raises(UnreadableError) as info:
        sniff(str(page))
    assert info.value.code == "not-a-document"


def _doc_with_fib(tmp_path: Path, ident: int | None = None, flags_or: int = 0) -> Path:
    data = bytearray((FILES / "gm-ubnd-hoi-nghi-so-ket.doc").read_bytes())
    from nd30check.readers.detect import _cfb_entries

    entries, ssize = _cfb_entries(bytes(data))
    off = (entries["WordDocument"][0] + 1) * ssize
    if ident is not None:
        struct.pack_into("<H", data, off, ident)
    struct.pack_into("<H", data, off + 0x0A, struct.unpack_from("<H", data, off + 0x0A)[0] | flags_or)
    p = tmp_path / "x.doc"
    p.write_bytes(bytes(data))
    return p


def test_encrypted_doc_is_refused_before_conversion(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError) as info:
        sniff(str(_doc_with_fib(tmp_path, flags_or=0x0100)))  # FIB fEncrypted
    assert info.value.code == "encrypted"


def test_damaged_word_stream_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableError) as info:
        sniff(str(_doc_with_fib(tmp_path, ident=0x1234)))
    assert info.value.code == "corrupt-doc"


def test_spreadsheet_opendocument_is_not_a_text(tmp_path: Path) -> None:
    import zipfile

    p = tmp_path / "bang.odt"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(UnreadableError) as info:
        sniff(str(p))
    assert info.value.code == "not-a-document"


# --------------------------------------------------------------------------- conversion, end to end

@needs_office
@pytest.mark.parametrize("entry", CONVERTED, ids=lambda e: e["file"])
def test_converted_file_is_judged_like_its_source(entry: dict) -> None:
    src = _source_result(entry)
    res = check_path(FILES / entry["file"])
    assert res.error is None, res.error
    conv = res.conversion
    assert conv is not None and conv.source == entry["kind"] and conv.tool.startswith("LibreOffice")
    for rule, status in src.statuses.items():
        got = res.statuses[rule]
        if rule.startswith("SIG-"):  # the samples are signed .docx; their .doc/.rtf/.odt copies are not
            continue
        if rule in conv.unvouched:
            assert got == "not-evaluated", rule
            reason = next(Words().reasons(r)[0] for r in res.results if r.rule == rule)
            assert "LibreOffice" in reason
        elif rule == "ND30-FONT" and entry["encoding"]:
            assert got == "fail"
        else:
            assert got == status, (rule, status, got)
    assert res.facts.type == src.facts.type and res.facts.number_symbol == src.facts.number_symbol
    assert res.facts.date == src.facts.date and res.facts.agency == src.facts.agency


@needs_office
def test_conversion_is_said_in_json_and_text(tmp_path: Path) -> None:
    from nd30check.report import text as text_report

    res = check_path(FILES / "hyperlink-tb-ubnd-ket-luan-chu-tich.doc")
    out = file_entry(res, Words())
    assert out["kind"] == "docx" and out["converted"]["from"] == "doc"
    assert out["converted"]["rules_not_vouched"] == ["ND30-COLOR"]
    assert out["converted"]["elapsed_ms"] > 0
    assert out["rules"]["ND30-COLOR"] == "not-evaluated"
    lines = text_report.render_file(res, Words())
    assert any("Đã chuyển từ .doc (Word 97–2003) sang .docx bằng LibreOffice" in ln and "ND30-COLOR" in ln
               for ln in lines)
    assert any("Converted from .doc" in ln for ln in text_report.render_file(res, Words(lang="en")))
    # its source, a .docx with the same black hyperlink, is judged: ND30-COLOR passes there
    assert check_path(FILES / "hyperlink-tb-ubnd-ket-luan-chu-tich.docx").statuses["ND30-COLOR"] == "pass"


@needs_office
def test_multi_section_rtf_page_numbers_not_vouched() -> None:
    res = check_path(FILES / "kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc.rtf")
    assert res.statuses["ND30-PAGE-NUMBER"] == "not-evaluated"
    one = check_path(FILES / "cv-ubnd-mot-noi-nhan-2-trang.rtf")  # one section: vouched
    assert "ND30-PAGE-NUMBER" not in one.conversion.unvouched


@needs_office
def test_users_file_is_untouched_and_nothing_is_left_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "van thư (đến)"
    folder.mkdir()
    for name in ("cv-ubnd-mot-noi-nhan-2-trang.doc", "cv-ubnd-mot-noi-nhan-2-trang.rtf",
                 "cv-ubnd-mot-noi-nhan-2-trang.odt"):
        shutil.copyfile(FILES / name, folder / name)
    before = {p.name: (_sha(p), p.stat().st_mtime_ns) for p in folder.iterdir()}
    for p in sorted(folder.iterdir()):
        assert check_path(p).conversion is not None
    after = {p.name: (_sha(p), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert after == before  # same bytes, same mtime, no lock file or output next to them


@needs_office
def test_conversion_leaves_no_private_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    check_path(FILES / "gm-ubnd-hoi-nghi-so-ket.doc")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("nd30check-convert-")]


@needs_office
def test_profile_has_macros_off_and_links_never_updated(tmp_path: Path) -> None:
    office = soffice.find_office()
    src = tmp_path / "document.odt"
    shutil.copyfile(FILES / "macro-autorun.odt", src)
    out = soffice.run_conversion(office, src, tmp_path / "out", tmp_path, timeout=60)
    assert out.suffix == ".docx" and out.stat().st_size > 0
    # LibreOffice rewrites the profile's registry when it exits: our settings must still be there
    reg = (tmp_path / "profile" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    for setting in ('"MacroSecurityLevel" oor:op="fuse"><value>3<', '"DisableMacrosExecution" oor:op="fuse"><value>true<',
                    '"BlockUntrustedRefererLinks" oor:op="fuse"><value>true<'):
        assert setting in reg, setting
    assert not (tmp_path / "nd30check-macro-ran.txt").exists()
    assert [p.text for p in read_document(str(FILES / "macro-autorun.odt")).paragraphs if p.text]  # text read


@needs_office
def test_time_limit_kills_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(soffice.TIMEOUT_ENV_VAR, "0.05")
    with pytest.raises(UnreadableError) as info:
        read_document(str(FILES / "qd-ubnd-thanh-lap-to-cong-tac.doc"))
    assert info.value.code == "convert-timeout" and "LibreOffice" in info.value.message_vi
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "nd30check-convert-" not in ps  # no office left running on a deleted profile


@needs_office
def test_parallel_conversions_never_share_a_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    real = soffice.write_profile

    def spy(work: Path) -> Path:
        prof = real(work)
        seen.append(prof)
        return prof

    monkeypatch.setattr(soffice, "write_profile", spy)
    names = ["cv-ubnd-mot-noi-nhan-2-trang.doc", "qd-ubnd-thanh-lap-to-cong-tac.rtf",
             "gm-ubnd-hoi-nghi-so-ket.doc", "pl-rieng-kh05-phu-luc-iii-ngang.odt"]
    results: dict[str, object] = {}

    def work(n: str) -> None:
        results[n] = read_document(str(FILES / n))

    threads = [threading.Thread(target=work, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == sorted(names)
    assert all(d.conversion is not None for d in results.values())
    assert len(set(seen)) == len(names)


@needs_office
def test_batch_workers_convert_in_parallel(tmp_path: Path) -> None:
    from nd30check.batch import run_batch
    from nd30check.rulepack import load_pack

    for n in ("cv-ubnd-mot-noi-nhan-2-trang.doc", "cv-ubnd-mot-noi-nhan-2-trang.odt",
              "qd-ubnd-thanh-lap-to-cong-tac.rtf", "tcvn3-qd-ubnd-thanh-lap-to-cong-tac.doc"):
        shutil.copyfile(FILES / n, tmp_path / n)
    config = Config(jobs=2, cache=False)
    results = run_batch([str(tmp_path)], config, load_pack([]), progress=False)
    assert len(results) == 4
    assert all(r.error is None and r.conversion is not None for r in results), [r.error for r in results]


# --------------------------------------------------------------------------- without LibreOffice

def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("nd30check", path=str(Path(sys.executable).parent)) or "nd30check"  # the installed command
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120, env=env, cwd=str(ROOT))


@pytest.mark.parametrize("how", ["path-without-soffice", "switched-off"])
def test_without_libreoffice_a_real_run_says_how_to_install(how: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != soffice.ENV_VAR}
    if how == "path-without-soffice":  # the interpreter's own folder only: no soffice on PATH
        env["PATH"] = str(Path(sys.executable).parent)
        if any(os.path.isfile(c) for c in soffice._CANDIDATES):
            env[soffice.ENV_VAR] = str(tmp_path / "no-such-soffice")  # the usual install folders too
    else:
        env[soffice.ENV_VAR] = "off"
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    files = [str(FILES / n) for n in ("gm-ubnd-hoi-nghi-so-ket.doc", "qd-ubnd-thanh-lap-to-cong-tac.rtf",
                                      "cv-ubnd-mot-noi-nhan-2-trang.odt")]
    proc = _cli(["check", "--format", "json", *files], env)
    assert proc.returncode == 2, proc.stderr
    report = json.loads(proc.stdout)
    codes = [f["error"]["code"] for f in report["files"]]
    assert codes == ["legacy-doc", "rtf", "odt"]
    for f in report["files"]:
        assert "LibreOffice" in f["error"]["message"] and ".docx" in f["error"]["message"]
        assert f["verdict"] == "non-compliant"


def test_word_html_named_doc_gets_a_clear_message() -> None:
    res = check_path(FILES / "word-html-gm-ubnd-hoi-nghi-so-ket.doc")
    assert res.error is not None and res.error["code"] == "word-html"
    message = Words().error(res)["message"]
    assert "trang web" in message and ".docx" in message
    assert "web page" in Words(lang="en").error(res)["message"]


def test_cache_key_changes_when_libreoffice_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    from nd30check.cache import settings_key

    monkeypatch.setenv(soffice.ENV_VAR, "off")
    off = settings_key(Config(), "pack")
    monkeypatch.setenv(soffice.ENV_VAR, sys.executable)  # any executable stands for "a converter is there"
    on = settings_key(Config(), "pack")
    assert off != on


def test_legacy_signature_is_said_not_silently_missing(tmp_path: Path) -> None:
    import hostile

    p = tmp_path / "ky.doc"
    p.write_bytes(hostile.cfb(["WordDocument", "1Table", "_xmlsignatures"]))
    rep = legacy_signature_report(str(p), "doc")
    assert rep.evaluated is False and rep.filled_fields == 1 and "không kiểm tra được" in rep.error
    assert legacy_signature_report(str(FILES / "gm-ubnd-hoi-nghi-so-ket.doc"), "doc").evaluated is True


@needs_office
def test_real_word_file_through_doc_keeps_lines_and_page_number(tmp_path: Path, real_samples: Path) -> None:
    """A real Word-born file (connector lines, header text-box page number) saved as .doc by
    LibreOffice and checked: the lines are still found, the judgement is the same."""
    office = soffice.find_office()
    results = {}
    for name in ("docx_lamdong_KH-CCHC2026_mixed-orient_2025.docx",
                 "docx_appendix_lamdong_PL-BC-CCHC2025_2025_Letter-landscape.docx"):
        work = tmp_path / name
        work.mkdir()
        shutil.copyfile(real_samples / name, work / name)
        legacy = soffice.run_conversion(office, work / name, work / "doc", work, 120, target="doc:MS Word 97")
        results[name] = (check_path(real_samples / name), check_path(legacy))
    orig, conv = results["docx_lamdong_KH-CCHC2026_mixed-orient_2025.docx"]
    for rule in ("ND30-TN-LINE", "ND30-CQ-LINE", "ND30-TRICH-YEU"):
        assert orig.statuses[rule] == conv.statuses[rule] == "pass", rule
    assert conv.statuses["ND30-COLOR"] == "not-evaluated"  # it has a hyperlink
    orig, conv = results["docx_appendix_lamdong_PL-BC-CCHC2025_2025_Letter-landscape.docx"]
    assert orig.statuses["ND30-PAGE-NUMBER"] == conv.statuses["ND30-PAGE-NUMBER"] == "not-evaluated"


@needs_office
def test_batch_time_limit_kills_the_office_and_the_next_conversion_sweeps_its_folder(tmp_path: Path,
                                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile
    import time

    from nd30check.batch import run_batch
    from nd30check.rulepack import load_pack

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    shutil.copyfile(FILES / "qd-ubnd-thanh-lap-to-cong-tac.doc", tmp_path / "a.doc")
    res = run_batch([str(tmp_path / "a.doc")], Config(jobs=1, cache=False, timeout=0.4), load_pack([]),
                    progress=False)
    assert res[0].error and res[0].error["code"] == "timeout"
    time.sleep(0.5)
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(temp) not in ps  # the worker's office died with it (PR_SET_PDEATHSIG)
    # what a killed worker leaves (its folder, named with its pid) is swept by the next conversion
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    (temp / f"{soffice.WORKDIR_PREFIX}{dead}-x" / "profile").mkdir(parents=True)
    mine = temp / f"{soffice.WORKDIR_PREFIX}{os.getpid()}-busy"  # a live process's folder stays
    mine.mkdir()
    read_document(str(FILES / "gm-ubnd-hoi-nghi-so-ket.doc"))
    assert [p.name for p in temp.iterdir() if p.name.startswith(soffice.WORKDIR_PREFIX)] == [mine.name]


@needs_office
def test_page_count_of_a_word_rtf_is_taken_as_last_saved(tmp_path: Path) -> None:
    data = (FILES / "cv-ubnd-mot-noi-nhan-2-trang.rtf").read_bytes()
    assert read_document(str(FILES / "cv-ubnd-mot-noi-nhan-2-trang.rtf")).page_count is None  # LibreOffice wrote none
    i = data.index(b"{\\rtf1") + len(b"{\\rtf1")
    word = tmp_path / "word.rtf"
    word.write_bytes(data[:i] + b"{\\info{\\nofpages2}{\\nofwords250}}" + data[i:])  # what Word writes in \info
    doc = read_document(str(word))
    assert doc.page_count == 2 and any("as last saved" in n for n in doc.reader_notes)
