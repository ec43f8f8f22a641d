"""The web layer's parts on their own: names, Host policy, the FIFO queue, parts of the document,
finding boxes and page-view data (no server needed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("python_multipart", reason="the [web] extra is not installed")

from nd30check.check import check_path  # noqa: E402
from nd30check.config import Config  # noqa: E402
from nd30check.rulepack import load_pack  # noqa: E402
from nd30check.web.queue import Busy, Slots  # noqa: E402
from nd30check.web.security import HostPolicy, split_host, token_ok  # noqa: E402
from nd30check.web.upload import Limits, UploadError, receive, safe_relpath  # noqa: E402
from nd30check.web.views import part_of  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.parametrize("name,expected", [
    ("ke-hoach.docx", "ke-hoach.docx"),
    ("../../etc/passwd", "etc/passwd"),
    ("/abs/path/x.pdf", "abs/path/x.pdf"),
    ("C:\\Users\\van thu\\..\\kh.docx", "C:/Users/van thu/kh.docx"),
    ("a/./b/../c.docx", "a/b/c.docx"),
    ("x\x00y\u202ez.docx", "xyz.docx"),
    ("..", "tep-1"),
    ("", "tep-1"),
    ("Phụ lục II - KH05.docx", "Phụ lục II - KH05.docx"),
])
def test_safe_relpath(name: str, expected: str) -> None:
    assert safe_relpath(name, "tep-1") == expected


def test_safe_relpath_keeps_names_short_and_shallow() -> None:
    deep = "/".join(f"d{i}" for i in range(20)) + "/x.docx"
    assert safe_relpath(deep, "f").count("/") == 5
    assert len(safe_relpath("ạ" * 400 + ".docx", "f").encode()) <= 150


def test_host_policy() -> None:
    local = HostPolicy("127.0.0.1")
    assert local.allows("127.0.0.1:8030") and local.allows("localhost") and local.allows("[::1]:8030")
    assert not local.allows("192.168.1.5:8030")  # only loopback names on a loopback server
    assert not local.allows("evil.example") and not local.allows(None) and not local.allows("")
    lan = HostPolicy("0.0.0.0", ["may-van-thu.local"])
    assert lan.allows("192.168.1.5:8030") and lan.allows("[fe80::1]:8030") and lan.allows("may-van-thu.local:8030")
    assert not lan.allows("attacker.example:8030")  # a name can be rebound; an IP literal cannot
    assert split_host("[::1]:8030") == "::1" and split_host("Localhost:1") == "localhost"
    assert local.origin_ok(None, "127.0.0.1:1") and local.origin_ok("http://127.0.0.1:1", "127.0.0.1:1")
    assert not local.origin_ok("http://evil.example", "127.0.0.1:1") and not local.origin_ok("null", "127.0.0.1:1")
    assert token_ok("abc", "abc") and not token_ok("abc", "abd") and not token_ok("abc", None)


def test_slots_serve_in_arrival_order_and_bound_the_queue() -> None:
    async def scenario() -> list[str]:
        slots = Slots(workers=2, capacity=3)
        order: list[str] = []

        async def job(name: str, k: int, hold: float) -> None:
            got = await slots.acquire(k)
            order.append(name)
            await asyncio.sleep(hold)
            slots.release(got)

        a = asyncio.create_task(job("a", 2, 0.05))  # takes both slots
        await asyncio.sleep(0)
        b = asyncio.create_task(job("b", 2, 0.01))  # a big one waits first…
        await asyncio.sleep(0)
        c = asyncio.create_task(job("c", 1, 0.01))  # …and is not overtaken by a small one
        await asyncio.gather(a, b, c)
        for _ in range(3):
            slots.admit()
        with pytest.raises(Busy):
            slots.admit()
        slots.leave()
        slots.admit()
        return order

    assert asyncio.run(scenario()) == ["a", "b", "c"]


def test_a_cancelled_waiter_gives_its_turn_away() -> None:
    async def scenario() -> int:
        slots = Slots(workers=1, capacity=5)
        await slots.acquire(1)
        waiter = asyncio.create_task(slots.acquire(1))
        await asyncio.sleep(0)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        slots.release(1)
        return slots.free

    assert asyncio.run(scenario()) == 1


def _stream(chunks: list[bytes]):
    async def gen():
        for c in chunks:
            yield c
    return gen()


def test_receive_streams_files_into_the_folder(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from webkit import multipart

    body, ctype = multipart([("hồ sơ/kh.docx", b"A" * 5000), ("kh.docx", b"B"), ("kh.docx", b"C")], {"note": "x"})
    chunks = [body[i:i + 777] for i in range(0, len(body), 777)]
    files, fields = asyncio.run(receive(_stream(chunks), ctype, str(len(body)), str(tmp_path), Limits()))
    assert [f.name for f in files] == ["hồ sơ/kh.docx", "kh.docx", "kh (2).docx"]
    assert Path(files[0].path).read_bytes() == b"A" * 5000 and files[0].size == 5000
    assert Path(files[0].path).parent.parent == tmp_path
    assert fields == {"note": "x"}
    with pytest.raises(UploadError) as exc:
        asyncio.run(receive(_stream([b"x"]), "text/plain", "1", str(tmp_path), Limits()))
    assert exc.value.status == 415
    small = Limits(max_file=100, max_request=10_000, max_files=2)
    body, ctype = multipart([("a.pdf", b"x" * 101)])
    (tmp_path / "n1").mkdir()
    with pytest.raises(UploadError) as exc:
        asyncio.run(receive(_stream([body]), ctype, None, str(tmp_path / "n1"), small))
    assert exc.value.status == 413 and exc.value.code == "file-too-large"
    body, ctype = multipart([("a.pdf", b"1"), ("b.pdf", b"2"), ("c.pdf", b"3")])
    (tmp_path / "n2").mkdir()
    with pytest.raises(UploadError) as exc:
        asyncio.run(receive(_stream([body]), ctype, None, str(tmp_path / "n2"), small))
    assert exc.value.code == "too-many-files"


@pytest.mark.parametrize("rule,category,role,part", [
    ("ND30-BODY-SIZE", "body", "body", "body"),
    ("ND30-QH-STYLE", "header", "quoc-hieu", "header"),
    ("ND30-FONT", "page", "quoc-hieu", "header"),  # a whole-document rule, about the header here
    ("ND30-MARGIN", "page", None, "document"),
    ("ND30-NN-ITEMS", "signblock", "noi-nhan-item", "recipients"),
    ("ND30-SIGN-NAME", "signblock", "ho-ten", "signature"),
    ("SIG-PRESENT", "signature", None, "signature"),
    ("ND30-PL-REF", "appendix", "phu-luc-ref", "appendix"),
    ("FILE-UNREADABLE", "file", None, "document"),
])
def test_part_of(rule: str, category: str, role: str | None, part: str) -> None:
    assert part_of(rule, category, role) == part


def test_bbox_in_the_json_contract_only_where_measured() -> None:
    pack = load_pack([])
    cfg = Config(profile="draft", cache=False)
    from nd30check.report.json import file_entry
    from nd30check.report.words import Words

    words = Words(pack)
    pdf = file_entry(check_path(SAMPLES / "pdf" / "defects" / "ND30-BODY-SIZE--12pt.pdf", cfg, pack), words)
    boxes = [f["bbox"] for f in pdf["findings"] if f["rule"] == "ND30-BODY-SIZE"]
    assert len(boxes) == 4 and all(len(b) == 4 and b[0] < b[2] and b[1] < b[3] for b in boxes)
    docx = file_entry(check_path(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx", cfg, pack), words)
    assert all("bbox" not in f for f in docx["findings"])  # a .docx has no measured geometry
    assert check_path(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx", cfg, pack).views is None  # only when asked


def test_paper_view_carries_the_model() -> None:
    pack = load_pack([])
    res = check_path(SAMPLES / "defects" / "ND30-BODY-SIZE--12pt.docx", Config(profile="draft", cache=False, views=True), pack)
    view = res.views
    assert view["kind"] == "paper" and not view["truncated"]
    sec = view["sections"][0]
    assert sec["width"] == pytest.approx(595.3, abs=0.5) and sec["margins"][3] == pytest.approx(85.0, abs=0.5)
    by_role = {p.get("role"): p for p in view["paragraphs"]}
    qh = by_role["quoc-hieu"]
    assert qh["cell"][2] == 1 and qh["align"] == "center" and qh["runs"][0]["b"] and qh["runs"][0]["size"] == 13.0
    cq = by_role["co-quan-ban-hanh"]
    assert cq["cell"][:2] == qh["cell"][:2] and cq["cell"][2] == 0  # the header table's two columns
    body = by_role["body"]
    assert body["align"] == "justify" and body["indent"][2] == pytest.approx(36.0) and body["runs"][0]["size"] == 12.0
    assert any(line["paragraph"] == by_role["tieu-ngu"]["i"] for line in view["lines"])  # the line under the motto


def test_pdf_page_picture_draws_the_signature_stamps() -> None:
    """Signature widgets are drawn (pdfium needs a form environment for them): the picture is
    not blank inside each signature's rectangle."""
    pytest.importorskip("pypdfium2")
    import base64
    import io

    from PIL import Image

    pack = load_pack([])
    res = check_path(SAMPLES / "pdf" / "compliant" / "bb-ubnd-hop-ban-chi-dao.pdf",
                     Config(profile="draft", cache=False, views=True), pack)
    page = res.views["pages"][0]
    img = Image.open(io.BytesIO(base64.b64decode(page["image"].split(",", 1)[1]))).convert("L")
    sx, sy = img.width / page["width"], img.height / page["height"]
    rects = [s.rect for s in res.signatures.signatures if s.rect and s.page == 1]
    assert rects
    for x0, top, x1, bottom in rects:
        crop = img.crop((int(x0 * sx), int(top * sy), int(x1 * sx), int(bottom * sy)))
        assert crop.getextrema()[0] < 128, (x0, top)  # ink inside the stamp
