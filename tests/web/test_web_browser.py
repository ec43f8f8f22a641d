"""The page in a real browser: Debian's Chromium driven by Playwright against a real
``nd30check serve``. Drop a file, wait for the result, check the verdict and the marks on the
page view, click between findings and marks, switch language and profile, save a screenshot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from browser import browser_page, drop_files, wait_done, why_no_browser  # noqa: E402
from webkit import SAMPLES, Server  # noqa: E402

pytest.importorskip("starlette", reason="the [web] extra is not installed")
_why = why_no_browser()
pytestmark = pytest.mark.skipif(_why is not None, reason=_why or "")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = Server(tmp_path_factory.mktemp("serve-browser"), "--config", str(SAMPLES / "nd30check.toml"))
    yield srv
    err = srv.stop()
    assert "Traceback" not in err, err[-3000:]


@pytest.fixture(scope="module")
def page(server: Server):
    with browser_page() as pg:
        pg.goto(server.url)
        yield pg
        assert pg.errors == [], pg.errors  # no script error on the page, ever


def _runs(page) -> int:
    return int(page.get_attribute("body", "data-runs") or 0)


def _drop_and_wait(page, paths: list[Path]) -> None:
    before = _runs(page)
    drop_files(page, paths)
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=60_000)
    assert page.get_attribute("body", "data-state") == "done", page.inner_text("#error")


def test_drop_12pt_docx_shows_non_compliant_and_marks_the_12pt_paragraphs(page, tmp_path: Path) -> None:
    sample = SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx"
    _drop_and_wait(page, [sample])
    card = page.locator("section.file").first
    assert card.locator(".filehead .verdict").inner_text() == "KHÔNG ĐẠT"
    assert card.locator(".filehead h2").inner_text() == sample.name
    findings = card.locator(".finding[data-rule='ND30-BODY-SIZE']")
    assert findings.count() == 4
    marks = card.locator(".paper .mark")
    assert marks.count() == 4 == int(card.get_attribute("data-marks"))
    # every mark sits on a paragraph of the paper view whose text is set in 12 pt
    for i in range(marks.count()):
        mark = marks.nth(i)
        para = mark.locator("xpath=..")
        assert "para" in (para.get_attribute("class") or "")
        sizes = para.evaluate("p => [...p.querySelectorAll(':scope > span')].filter(s => s.textContent.trim()).map(s => getComputedStyle(s).fontSize)")
        assert set(sizes) == {"16px"}  # 12 pt
    assert card.locator(".sheet").count() >= 1
    # the paper is A4: 595.3 × 841.9 pt
    w, h = card.locator(".sheet").first.evaluate("s => [s.offsetWidth, s.offsetHeight]")
    assert abs(w / h - 595.3 / 841.9) < 0.01
    # a finding's "show on the page" scrolls to its mark, and the mark back to its finding
    first = findings.first
    first.locator(".goto").click()
    fi = first.get_attribute("data-finding")
    page.wait_for_function("id => document.getElementById(id).classList.contains('flash')", arg=f"m0-{fi}")
    page.locator(f"#m0-{fi} .lbl").click()
    page.wait_for_function("id => document.getElementById(id).classList.contains('flash')", arg=f"f0-{fi}")
    # why / how to fix / clause, from the rule pack
    first.locator("summary").click()
    details = first.locator("details").inner_text()
    assert "Cách sửa" in details and "Căn cứ" in details and "Nghị định 30/2020/NĐ-CP" in details
    shot = tmp_path / "nd30check-serve-12pt.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000


def test_english_switch_and_issued_profile_recheck(page) -> None:
    before = _runs(page)
    page.click("#lang-en")
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=60_000)
    card = page.locator("section.file").first
    assert card.locator(".filehead .verdict").inner_text() == "NON-COMPLIANT"
    assert page.locator("#drop .big").inner_text().startswith("Drop")
    before = _runs(page)
    page.select_option("#profile", "issued")
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=60_000)
    assert page.locator("section.file .finding[data-rule='SIG-PRESENT']").count() == 1
    assert "Signature" in page.locator("section.file .group[data-part='signature'] h3").inner_text()
    before = _runs(page)
    page.select_option("#profile", "draft")
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=60_000)
    before = _runs(page)
    page.click("#lang-vi")
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=60_000)
    assert page.locator("section.file .filehead .verdict").first.inner_text() == "KHÔNG ĐẠT"


def test_pdf_page_picture_with_boxes(page) -> None:
    pytest.importorskip("pypdfium2")
    _drop_and_wait(page, [SAMPLES / "pdf" / "defects" / "ND30-BODY-SIZE--12pt.pdf"])
    card = page.locator("section.file").first
    assert card.locator(".filehead .verdict").inner_text() == "KHÔNG ĐẠT"
    img = card.locator(".pdfpage img")
    assert img.count() == 1
    page.wait_for_function("() => [...document.querySelectorAll('.pdfpage img')].every(i => i.complete && i.naturalWidth > 0)")
    boxes = card.locator(".pdfpage .mark")
    assert boxes.count() == 4
    page_box = card.locator(".pdfpage").first.bounding_box()
    for i in range(4):
        b = boxes.nth(i).bounding_box()
        assert b and page_box and page_box["x"] <= b["x"] and b["x"] + b["width"] <= page_box["x"] + page_box["width"] + 1


def test_compliant_docx_samples_come_out_dat_under_draft(page) -> None:
    files = sorted((SAMPLES / "compliant").glob("*.docx"))
    _drop_and_wait(page, files)
    cards = page.locator("section.file")
    assert cards.count() == len(files)
    for i in range(cards.count()):
        name = cards.nth(i).locator(".filehead h2").inner_text()
        verdict = cards.nth(i).locator(".filehead .verdict").inner_text()
        assert verdict == "ĐẠT", name
        assert cards.nth(i).locator(".mark").count() == int(cards.nth(i).get_attribute("data-marks"))


def test_download_reports(page) -> None:
    _drop_and_wait(page, [SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx"])
    with page.expect_download() as info:
        page.click("#dl-json")
    path = info.value.path()
    import json

    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["files"][0]["rules"]["ND30-BODY-SIZE"] == "fail"
    with page.expect_download() as info:
        page.click("#dl-html")
    assert "ND30-BODY-SIZE" in Path(info.value.path()).read_text(encoding="utf-8")


def test_a_whole_folder_issued_profile_and_printing(page, tmp_path: Path) -> None:
    """Pick a folder (signed PDFs, checked as issued documents): every file listed with its
    folder, signature widgets boxed on the rendered pages; the page prints."""
    before = _runs(page)
    page.select_option("#profile", "issued")  # the files already shown are checked again
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=60_000)
    before = _runs(page)
    page.set_input_files("#folder", str(SAMPLES / "pdf" / "compliant"))
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=120_000)
    names = page.locator("section.file .filehead h2").all_inner_texts()
    expected = sorted(f"compliant/{p.name}" for p in (SAMPLES / "pdf" / "compliant").glob("*.pdf"))
    assert names == expected  # in name order, with the folder
    assert set(page.locator("section.file .filehead .verdict").all_inner_texts()) == {"ĐẠT"}
    assert page.locator(".group[data-part='signature'] .finding").count() > 0
    assert page.locator(".pdfpage .mark").count() > 0
    pdf = tmp_path / "in.pdf"
    page.emulate_media(media="print")
    assert page.locator("#drop").is_hidden()  # the controls are not printed
    page.pdf(path=str(pdf))
    page.emulate_media(media="screen")
    assert pdf.stat().st_size > 50_000
    before = _runs(page)
    page.select_option("#profile", "draft")
    page.wait_for_function("n => Number(document.body.dataset.runs) > n", arg=before, timeout=120_000)
