"""Defect variants: a compliant base with exactly one mistake, as a clerk would make it.

Text mistakes change the :class:`layout.Spec` (what was typed); formatting mistakes change the
laid-out model (how it was formatted); file-level ones change the bytes. Each variant names the
rule it targets; ``expected`` lists other rules the same mistake necessarily breaks, ``unsure``
the rules whose status then depends on how a checker copes (left out of the labels).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterator

from docxgen import DocModel, P, R
from layout import Spec, iter_paras

SPEC = Callable[[Spec], Spec]


@dataclass
class Defect:
    rule: str
    desc: str
    base: str
    what: str  # what the clerk did, in plain words
    spec_fn: SPEC | None = None
    model_fn: Callable[[DocModel], None] | None = None
    bytes_fn: Callable[[bytes], bytes] | None = None
    expected: dict = field(default_factory=dict)
    unsure: tuple = ()
    severity: str | None = None
    pdf: bool = True  # a PDF of it still shows the mistake
    unreadable: bool = False
    facts: dict = field(default_factory=dict)  # corrections to the expected document facts
    pdf_target_only: bool = False  # the PDF changes so much (wrapping) that only the target rule is sure


# --- helpers ----------------------------------------------------------------------------------
def runs_of(model: DocModel, role: str) -> Iterator[R]:
    """Text runs carrying ``role`` (for tab lines: the run of that column)."""
    for p in iter_paras(model):
        if p.col_roles:
            texts = [r for r in p.runs if r.shape is None and r.text.strip()]
            for (_, rl), r in zip(p.col_roles, texts):
                if rl == role:
                    yield r
        elif p.role == role:
            yield from (r for r in p.runs if r.shape is None)


def paras_of(model: DocModel, role: str) -> list[P]:
    return [p for p in iter_paras(model) if p.role == role]


def fmt(role: str, **kw) -> Callable[[DocModel], None]:
    def fn(model: DocModel) -> None:
        for r in runs_of(model, role):
            for k, v in kw.items():
                setattr(r, k, v)
    return fn


def pfmt(role: str, **kw) -> Callable[[DocModel], None]:
    def fn(model: DocModel) -> None:
        for p in paras_of(model, role):
            for k, v in kw.items():
                setattr(p, k, v)
    return fn


def nth_body(n: int, **kw) -> Callable[[DocModel], None]:
    def fn(model: DocModel) -> None:
        p = paras_of(model, "body")[n]
        for r in p.runs:
            for k, v in kw.items():
                setattr(r, k, v)
    return fn


def layout_(**kw) -> SPEC:
    return lambda s: replace(s, layout=replace(s.layout, **kw))


def spec_(**kw) -> SPEC:
    return lambda s: replace(s, **kw)


def sections(model: DocModel, **kw) -> None:
    model.final = replace(model.final, **kw)
    for p in iter_paras(model):
        if p.sect is not None:
            p.sect = replace(p.sect, **kw)


def sect_(**kw) -> Callable[[DocModel], None]:
    return lambda m: sections(m, **kw)


def no_tn_line(model: DocModel) -> None:
    for p in paras_of(model, "tieu-ngu"):
        p.border_bottom = False
        p.left = p.right = None


def no_shape_after(role: str) -> Callable[[DocModel], None]:
    def fn(model: DocModel) -> None:
        for p in paras_of(model, role):
            p.runs = [r for r in p.runs if r.shape is None]
    return fn


def body_text(old: str, new: str) -> SPEC:
    def fn(s: Spec) -> Spec:
        body = [(k, t.replace(old, new)) for k, t in s.body]
        assert body != s.body, old
        return replace(s, body=body)
    return fn


def move_kinh_gui_after_first_body(model: DocModel) -> None:
    blocks = model.blocks
    kg = [b for b in blocks if isinstance(b, P) and b.role in ("kinh-gui", "kinh-gui-item")]
    for b in kg:
        blocks.remove(b)
    first = next(i for i, b in enumerate(blocks) if isinstance(b, P) and b.role == "body")
    blocks[first + 1:first + 1] = kg


def track(model: DocModel) -> None:
    paras_of(model, "body")[1].marker = "<!--TRACK-->"
    model.tracked = True


def comment(model: DocModel) -> None:
    from docxgen import Comment

    paras_of(model, "body")[0].marker = "<!--COMMENT-->"
    model.comment = Comment("Đề nghị bổ sung số liệu của năm 2025 để so sánh.")


def truncate(data: bytes) -> bytes:
    return data[: len(data) * 3 // 5]


def mixed_sizes(model: DocModel) -> None:
    other = 13 if model.styles.body_size >= 14 else 14
    for p in paras_of(model, "body")[2:5]:
        for r in p.runs:
            r.size = other


def body_size(size: float) -> Callable[[DocModel], None]:
    def fn(model: DocModel) -> None:
        for p in paras_of(model, "body"):
            for r in p.runs:
                r.size = size
    return fn


def _shift_day(ref: str) -> str:
    """Cite the main document with a day ten days off (a typo clerks make when copying)."""
    import re

    return re.sub(r"ngày (\d+)", lambda m: f"ngày {(int(m.group(1)) + 9) % 28 + 1:02d}", ref, count=1)


def nn(items: list[str]) -> SPEC:
    return spec_(noi_nhan=items)


def decomposed(model: DocModel) -> None:
    """Every run typed in "Unicode tổ hợp" (NFD: base letters + combining marks), still correct."""
    import unicodedata

    for p in iter_paras(model):
        for r in p.runs:
            r.text = unicodedata.normalize("NFD", r.text)
        if p.col_roles:
            p.col_roles = [(unicodedata.normalize("NFD", t), rl) for t, rl in p.col_roles]


def caps_formatting(model: DocModel) -> None:
    """Type name and agency typed in sentence case and shown in capitals by the Caps format."""
    for role in ("ten-loai", "co-quan-ban-hanh"):
        for r in runs_of(model, role):
            r.text = r.text[:1] + r.text[1:].lower()
            r.caps = True


@dataclass
class Variant:
    """A compliant variant of a compliant base: written differently, still right."""

    key: str
    base: str
    what: str
    model_fn: Callable[[DocModel], None]


# --- the variants -----------------------------------------------------------------------------
KH = "kh-ubnd-xa-chuyen-doi-so-3-trang-phu-luc"
QD = "qd-ubnd-thanh-lap-to-cong-tac"
CV1 = "cv-ubnd-mot-noi-nhan-2-trang"
CVN = "cv-so-noi-vu-nhieu-noi-nhan"
TTR = "ttr-phong-vhxh-de-nghi-kinh-phi"
TB = "tb-ubnd-ket-luan-chu-tich"
GM = "gm-ubnd-hoi-nghi-so-ket"
BC = "bc-truong-thcs-ket-qua-hoc-ky"
KHT = "kh-truong-thpt-on-thi-tot-nghiep"
BB = "bb-ubnd-hop-ban-chi-dao"
PL = "pl-rieng-kh05-phu-luc-ii"

D = Defect
DEFECTS: list[Defect] = [
    # file level
    D("FILE-TRACKED-CHANGES", "ins-del", TB, "Track Changes left on: an insertion and a deletion remain",
      model_fn=track, pdf=False),
    D("FILE-TRACKED-CHANGES", "comment", TTR, "a reviewer's comment left in the file", model_fn=comment, pdf=False),
    D("FILE-UNREADABLE", "truncated-zip", CVN, "file cut off while copying (corrupt zip)", bytes_fn=truncate,
      pdf=False, unreadable=True),
    # page setup
    D("ND30-PAGE-SIZE", "a5", KHT, "paper set to A5", model_fn=sect_(width_mm=148.0, height_mm=210.0),
      unsure=("ND30-MARGIN",), pdf_target_only=True),
    D("ND30-PAGE-SIZE", "letter", TB, "paper left at US Letter", model_fn=sect_(width_mm=215.9, height_mm=279.4)),
    D("ND30-PAGE-ORIENT", "landscape-prose", BC, "a prose document turned landscape", model_fn=sect_(landscape=True),
      unsure=("ND30-MARGIN", "ND30-PAGE-SIZE", "ND30-TRICH-YEU"), pdf_target_only=True),
    D("ND30-MARGIN", "left-20mm", QD, "left margin 2 cm", model_fn=sect_(margins_mm=(25, 25, 20, 20))),
    D("ND30-MARGIN", "bottom-30mm-right-25mm", TTR, "bottom 3 cm and right 2.5 cm",
      model_fn=sect_(margins_mm=(20, 30, 30, 25))),
    D("ND30-FONT", "arial-one-paragraph", KH, "one paragraph pasted in Arial", model_fn=nth_body(3, font="Arial")),
    D("ND30-FONT", "arial-in-docdefaults", BB, "the file's default font is Arial (nothing overrides it)",
      model_fn=lambda m: setattr(m.styles, "normal_font", "Arial")),
    D("ND30-FONT", "calibri-from-theme", CV1, "a pasted paragraph keeps the theme font (Calibri)",
      model_fn=nth_body(2, font="inherit")),
    D("ND30-COLOR", "blue-paragraph", TB, "one paragraph in blue", model_fn=nth_body(2, color="0000FF")),
    D("ND30-PAGE-NUMBER", "on-first-page", KH, "page number shown on page 1 too", model_fn=sect_(title_pg=False)),
    D("ND30-PAGE-NUMBER", "missing", KH, "no page numbers in a 3-page document", model_fn=sect_(page_number="none")),
    D("ND30-PAGE-NUMBER", "in-footer", KH, "page numbers in the footer", model_fn=sect_(page_number="footer")),
    D("ND30-PAGE-NUMBER", "right-aligned-11pt", KH, "page numbers right-aligned, 11 pt",
      model_fn=sect_(number_align="right", number_size=11.0)),
    D("ND30-SIZE-PAIR", "qh13-tn13-date13", TB, "Quốc hiệu 13 with Tiêu ngữ and date 13",
      spec_fn=layout_(qh=13, tn=13, date=13)),
    # header
    D("ND30-QH-TEXT", "missing-xa-hoi", TTR, "Quốc hiệu typed without \"XÃ HỘI\"",
      spec_fn=spec_(qh_text="CỘNG HÒA CHỦ NGHĨA VIỆT NAM"), unsure=("ND30-QH-STYLE", "ND30-SIZE-PAIR",
                                                                    "ND30-STRUCTURE-REQUIRED", "ND30-STRUCTURE-ORDER")),
    D("ND30-QH-STYLE", "not-bold", KH, "Quốc hiệu not bold", model_fn=fmt("quoc-hieu", b=False)),
    D("ND30-QH-STYLE", "14pt", BC, "Quốc hiệu 14 pt", spec_fn=layout_(qh=14), expected={"ND30-SIZE-PAIR": "fail"}),
    D("ND30-TN-TEXT", "en-dash", QD, "Tiêu ngữ typed with en dashes", spec_fn=spec_(tn_text="Độc lập – Tự do – Hạnh phúc"),
      severity="warning", unsure=("ND30-TN-LINE",)),
    D("ND30-TN-TEXT", "no-spaces", CVN, "Tiêu ngữ hyphens without spaces", spec_fn=spec_(tn_text="Độc lập-Tự do-Hạnh phúc"),
      unsure=("ND30-TN-LINE", "ND30-TN-STYLE")),
    D("ND30-TN-STYLE", "not-bold", BB, "Tiêu ngữ not bold", model_fn=fmt("tieu-ngu", b=False)),
    D("ND30-TN-LINE", "missing", KH, "no line under Tiêu ngữ", model_fn=no_tn_line),
    D("ND30-CQ-TEXT", "lower-case", TB, "agency name typed in lower case",
      spec_fn=spec_(agency=["Ủy ban nhân dân", "xã Phượng Tiến"]),
      unsure=("ND30-CQ-STYLE", "ND30-CQ-LINE", "ND30-STRUCTURE-REQUIRED", "ND30-STRUCTURE-ORDER", "ND30-SIZE-PAIR"),
      facts={"agency": None}),
    D("ND30-CQ-STYLE", "agency-not-bold", QD, "issuing agency not bold", model_fn=fmt("co-quan-ban-hanh", b=False)),
    D("ND30-CQ-STYLE", "parent-bold", TTR, "parent agency line made bold", model_fn=fmt("co-quan-chu-quan", b=True),
      severity="warning"),
    D("ND30-CQ-LINE", "too-long", KH, "line under the agency as long as the name", spec_fn=layout_(cq_ratio=1.0)),
    D("ND30-CQ-LINE", "too-short", BC, "line under the agency a sixth of the name", spec_fn=layout_(cq_ratio=0.15)),
    D("ND30-CQ-LINE", "missing", CVN, "no line under the agency name", model_fn=no_shape_after("co-quan-ban-hanh")),
    D("ND30-SO-FORMAT", "no-colon", KH, "\"Số 05/KH-UBND\" without the colon", spec_fn=spec_(so_label="Số"),
      unsure=("ND30-SO-TYPE",)),
    D("ND30-SO-FORMAT", "not-zero-padded", TTR, "\"Số: 8/TTr-VHXH\" without the leading zero", spec_fn=spec_(number="8")),
    D("ND30-SO-FORMAT", "spaces-in-symbol", BC, "spaces around the dash in the symbol", spec_fn=spec_(symbol="BC - THCS"),
      unsure=("ND30-SO-TYPE",), facts={"number": None}),
    D("ND30-SO-TYPE", "kh-on-quyet-dinh", QD, "a quyết định numbered with the KH symbol", spec_fn=spec_(symbol="KH-UBND")),
    D("ND30-SO-TYPE", "cong-van-with-type", CVN, "a công văn numbered with a type abbreviation (TB)",
      spec_fn=spec_(symbol="TB-SNV")),
    D("ND30-DATE-FORMAT", "day-not-padded", KH, "\"ngày 8 tháng 5\"",
      spec_fn=spec_(date_override="Phượng Tiến, ngày 8 tháng 5 năm 2026")),
    D("ND30-DATE-FORMAT", "january-not-padded", BC, "\"tháng 1\" without the leading zero",
      spec_fn=spec_(date_override="Phượng Tiến, ngày 19 tháng 1 năm 2026")),
    D("ND30-DATE-FORMAT", "no-comma", TB, "no comma after the place name",
      spec_fn=spec_(date_override="Phượng Tiến ngày 09 tháng 4 năm 2026")),
    D("ND30-DATE-FORMAT", "30-february", QD, "a date that does not exist (30/02)",
      spec_fn=spec_(date_override="Phượng Tiến, ngày 30 tháng 02 năm 2026"), facts={"date": None}),
    D("ND30-DATE-FORMAT", "may-zero-padded", KHT, "\"tháng 02\" style padding on month 5 (warning only)",
      spec_fn=spec_(date_override="Định Hóa, ngày 24 tháng 05 năm 2026"), severity="warning",
      facts={"date": "2026-05-24"}),
    D("ND30-DATE-STYLE", "not-italic", CVN, "date line upright", model_fn=fmt("dia-danh-ngay", i=False)),
    D("ND30-TYPE-STYLE", "not-bold", KHT, "type name not bold", model_fn=fmt("ten-loai", b=False)),
    D("ND30-TYPE-STYLE", "left-aligned", TB, "type name left-aligned", model_fn=pfmt("ten-loai", align="left")),
    D("ND30-TRICH-YEU", "not-bold", TTR, "trích yếu not bold", model_fn=fmt("trich-yeu", b=False)),
    D("ND30-TRICH-YEU", "vv-bold", CVN, "V/v line made bold", model_fn=fmt("trich-yeu-cong-van", b=True)),
    D("ND30-TRICH-YEU", "no-line", QD, "no line under the trích yếu", model_fn=no_shape_after("trich-yeu")),
    # body
    D("ND30-BODY-SIZE", "12pt", KHT, "body text 12 pt", model_fn=body_size(12)),
    D("ND30-BODY-SIZE", "mixed-13-14", KH, "three paragraphs 13 pt in a 14 pt body", model_fn=mixed_sizes),
    D("ND30-BODY-ALIGN", "left", TTR, "body left-aligned", model_fn=pfmt("body", align="left")),
    D("ND30-BODY-INDENT", "none", BC, "no first-line indent", model_fn=pfmt("body", first=0)),
    D("ND30-BODY-SPACING", "0pt", TB, "no space between paragraphs", model_fn=pfmt("body", before=0, after=0)),
    D("ND30-BODY-SPACING", "double-line", CVN, "double line spacing", model_fn=pfmt("body", line=480)),
    D("ND30-CAN-CU", "not-italic", QD, "căn cứ lines upright", model_fn=fmt("can-cu", i=False)),
    D("ND30-CAN-CU", "last-semicolon", QD, "last căn cứ line ends with \";\"",
      spec_fn=lambda s: replace(s, can_cu=s.can_cu[:-1] + [s.can_cu[-1][:-1] + ";"])),
    D("ND30-HEADINGS", "1-1-1-numbering", KH, "\"1.1.1.\" style heading", spec_fn=body_text("1. Mục đích", "1.1.1. Mục đích")),
    D("ND30-HEADINGS", "phan-title-not-bold", "da-ubnd-du-lich-cong-dong-phan-i-ii", "\"Phần II\" title not bold",
      model_fn=lambda m: [setattr(r, "b", False) for p in [x for x in iter_paras(m) if x.role == "heading-title"][1:2]
                          for r in p.runs]),
    D("ND30-KINH-GUI", "items-without-dash", CVN, "Kính gửi recipients without \"-\"",
      spec_fn=lambda s: replace(s, kinh_gui=[k[2:] for k in s.kinh_gui])),
    D("ND30-STRUCTURE-REQUIRED", "no-noi-nhan", TTR, "Nơi nhận left out", spec_fn=nn([]),
      expected={"ND30-NN-LABEL": "fail"}, unsure=("ND30-NN-ITEMS", "ND30-NN-LUU")),
    D("ND30-STRUCTURE-REQUIRED", "no-trich-yeu", KHT, "trích yếu left out", spec_fn=spec_(trich_yeu=""),
      unsure=("ND30-TRICH-YEU",)),
    D("ND30-STRUCTURE-ORDER", "kinh-gui-after-body", BC, "Kính gửi placed after the first paragraph",
      model_fn=move_kinh_gui_after_first_body, unsure=("ND30-KINH-GUI",)),
    D("ND30-TEXT-STRAY", "backtick-double-space", KH, "a stray backtick inside a word and a doubled space",
      spec_fn=lambda s: body_text("lấy người dân", "lấy  người dân")(body_text("phục vụ.", "p`hục vụ.")(s)),
      severity="info"),
    # signature block and recipients
    D("ND30-SIGN-AUTHORITY", "t-slash-m", KH, "\"T/M\" instead of \"TM.\"",
      spec_fn=lambda s: replace(s, authority=["T/M ỦY BAN NHÂN DÂN"] + s.authority[1:])),
    D("ND30-SIGN-AUTHORITY", "kt-without-dot", QD, "\"KT CHỦ TỊCH\" without the dot",
      spec_fn=lambda s: replace(s, authority=["KT CHỦ TỊCH"] + s.authority[1:])),
    D("ND30-SIGN-AUTHORITY", "not-bold", TB, "authority lines not bold",
      model_fn=lambda m: (fmt("quyen-han", b=False)(m), fmt("chuc-vu", b=False)(m))),
    D("ND30-SIGN-NAME", "academic-title", QD, "\"TS.\" before the signer's name", spec_fn=spec_(signer="TS. Hoàng Văn Khánh"),
      facts={"signer": None}),
    D("ND30-SIGN-NAME", "not-bold", TTR, "signer's name not bold", model_fn=fmt("ho-ten", b=False)),
    D("ND30-NN-LABEL", "not-bold-italic", KH, "\"Nơi nhận:\" upright, not bold", model_fn=fmt("noi-nhan", b=False, i=False)),
    D("ND30-NN-LABEL", "13pt", CVN, "\"Nơi nhận:\" 13 pt", model_fn=fmt("noi-nhan", size=13)),
    D("ND30-NN-ITEMS", "no-dash", TB, "recipients without \"-\"",
      spec_fn=lambda s: replace(s, noi_nhan=[t[2:] for t in s.noi_nhan[:-1]] + s.noi_nhan[-1:])),
    D("ND30-NN-ITEMS", "no-semicolon", BB, "a recipient line without \";\"",
      spec_fn=lambda s: replace(s, noi_nhan=[s.noi_nhan[0].rstrip(";")] + s.noi_nhan[1:])),
    D("ND30-NN-ITEMS", "13pt", QD, "recipient lines 13 pt", model_fn=fmt("noi-nhan-item", size=13)),
    D("ND30-NN-LUU", "no-final-period", CVN, "\"- Lưu: VT, CCVC\" without the full stop",
      spec_fn=lambda s: replace(s, noi_nhan=s.noi_nhan[:-1] + ["- Lưu: VT, CCVC"])),
    D("ND30-NN-LUU", "no-colon-no-vt", KHT, "\"- Lưu CM.\" without \"VT\"",
      spec_fn=lambda s: replace(s, noi_nhan=s.noi_nhan[:-1] + ["- Lưu CM."])),
    # appendices
    D("ND30-PL-HEADING", "not-bold", KH, "\"Phụ lục I\" not bold", model_fn=fmt("phu-luc-heading", b=False)),
    D("ND30-PL-HEADING", "13pt", PL, "\"Phụ lục II\" 13 pt", model_fn=fmt("phu-luc-heading", size=13)),
    D("ND30-PL-REF", "wrong-date", KH, "the appendix cites the plan with another date",
      spec_fn=lambda s: replace(s, appendix=replace(s.appendix, ref=_shift_day(s.appendix.ref)))),
]

VARIANTS: list[Variant] = [
    Variant("tb-ubnd-ket-luan-chu-tich-unicode-to-hop", "tb-ubnd-ket-luan-chu-tich",
            "all text in decomposed Unicode (NFD), as old Vietnamese keyboards type it", decomposed),
    Variant("kh-truong-thpt-on-thi-tot-nghiep-caps-format", "kh-truong-thpt-on-thi-tot-nghiep",
            "type name and agency typed in lower case, shown in capitals by the Caps format", caps_formatting),
]
