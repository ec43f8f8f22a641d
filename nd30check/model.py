"""Format-neutral document model.

Readers (DOCX, PDF) fill these objects; structure recognition adds roles; checks read
them. Nothing here imports any other nd30check module, so every layer can depend on it.

Units: every length is in PostScript points (1 pt = 1/72 inch; 1 mm = 2.8346 pt).
A value of ``None`` always means "the reader could not measure this" (e.g. the style a
size came from in a PDF); checks must turn that into ``not-evaluated``, never ``pass``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

MM = 72.0 / 25.4  # points per millimetre


def mm(points: float) -> float:
    """Points → millimetres."""
    return points / MM


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class Cap:
    """What a reader could measure: the vocabulary of ``Document.capabilities``.

    A rule declares the capabilities it needs (``requires = [...]`` in its TOML entry); the
    engine makes it ``not-evaluated`` on a document that lacks one, naming what is missing.
    Inside a check, a value the reader did not measure is ``None`` (see the module docstring);
    capabilities say, for the whole document, how the values that *are* there were obtained.
    """

    TEXT = "text"  # the characters, in reading order (a text layer; a scan without OCR has none)
    FONTS = "fonts"  # the font family of each run
    SIZES = "sizes"  # the exact size of each run
    SIZE_ESTIMATE = "size-estimate"  # sizes estimated from glyph heights (OCR): judge only clear cases
    BOLD_ITALIC = "bold-italic"  # bold and italic of each run
    COLOR = "color"  # the colour of each run
    POSITIONS = "positions"  # page coordinates of runs and paragraphs; alignment, indents and
    #                          spacing are measured from them (estimates: judged with tolerances)
    STYLES = "styles"  # layout values are the author's declared settings with their style
    #                    cascade (exact); a property set nowhere takes the format's default
    PARAGRAPHS = "paragraphs"  # paragraph boundaries typed by the author (not inferred from layout)
    SPACES = "spaces"  # spaces are typed characters (not inferred from the gaps between glyphs)
    PAGE_SETUP = "page-setup"  # paper size and orientation: declared per section (.docx) or of
    #                            each rendered page (PDF, scans: ``Document.pages``)
    MARGINS_DECLARED = "margins-declared"  # declared page margins of each section
    MARGINS_MEASURED = "margins-measured"  # margins measurable from where the text lies on the page
    LINE_SPACING = "line-spacing"  # line spacing of paragraphs (declared or measured)
    SPACING = "spacing"  # space before/after paragraphs (declared or measured)
    LINES = "lines"  # horizontal lines drawn under text (borders, shapes, paths)
    TRACKED_CHANGES = "tracked-changes"  # whether tracked changes and comments remain
    PAGE_NUMBER_FIELDS = "page-number-fields"  # PAGE fields in headers/footers

    # what a page image without a text layer cannot give (a scan that was not recognised)
    FROM_TEXT = frozenset({TEXT, FONTS, SIZES, SIZE_ESTIMATE, BOLD_ITALIC, COLOR, POSITIONS, LINE_SPACING,
                           SPACING, LINES, MARGINS_MEASURED, SPACES, PARAGRAPHS})


# Locators say where in the source file a value lives, so a finding can point at what to edit
# and ``nd30check fix`` can edit it: "<part>#<address>", the address being an element path from
# the part's root ("/w:body/w:tbl[1]/w:tr[2]/w:tc[1]/w:p[3]": 1-based among siblings of the same
# tag, w:body without an index), or "style=<styleId>", "docDefaults", "font=minor|major" (theme).
# None = not known (PDF, scans, converted files).
LOCATOR_SEP = "#"

CAPABILITIES = frozenset(v for k, v in vars(Cap).items() if k.isupper() and isinstance(v, str))

# Provenance of a paragraph or run: how its text was obtained (``source``); ``confidence`` 0–1
# says how sure the reading is (None = exact, as typed or as drawn in a text PDF).
SOURCES = ("docx", "pdf", "ocr", "converted")

Alignment = Literal["left", "center", "right", "justify"]
Container = Literal["body", "table", "header", "footer", "textbox", "signature"]


class Role:
    """Roles that structure recognition gives paragraphs (stable strings: used in JSON)."""

    QUOC_HIEU = "quoc-hieu"
    TIEU_NGU = "tieu-ngu"
    CQ_CHU_QUAN = "co-quan-chu-quan"
    CQ_BAN_HANH = "co-quan-ban-hanh"
    SO_KY_HIEU = "so-ky-hieu"
    DIA_DANH_NGAY = "dia-danh-ngay"
    TEN_LOAI = "ten-loai"
    TRICH_YEU = "trich-yeu"
    VV = "trich-yeu-cong-van"  # "V/v …" under the Số line
    KHAN_MAT = "do-khan-mat"  # HỎA TỐC / KHẨN / MẬT stamps
    THAM_QUYEN = "tham-quyen"  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" line before căn cứ
    CAN_CU = "can-cu"
    KINH_GUI = "kinh-gui"
    KINH_GUI_ITEM = "kinh-gui-item"
    BODY = "body"
    HEADING_PHAN = "heading-phan"  # "Phần I", "Chương I"
    HEADING_MUC = "heading-muc"  # "Mục 1", "Tiểu mục 1"
    HEADING_TITLE = "heading-title"  # the ALL-CAPS title line under Phần/Chương/Mục
    HEADING_DIEU = "heading-dieu"  # "Điều 1. …"
    HEADING_ROMAN = "heading-roman"  # "I. MỤC ĐÍCH, YÊU CẦU"
    HEADING_NUMBERED = "heading-numbered"  # "1. …" short bold heading lines
    QUYEN_HAN = "quyen-han"  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    CHUC_VU = "chuc-vu"  # "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    CHU_KY = "chu-ky"  # placeholder / "(Đã ký)" / signature image line
    HO_TEN = "ho-ten"
    NOI_NHAN = "noi-nhan"
    NOI_NHAN_ITEM = "noi-nhan-item"
    PL_HEADING = "phu-luc-heading"  # "Phụ lục I"
    PL_TITLE = "phu-luc-title"
    PL_REF = "phu-luc-ref"  # "(Kèm theo Kế hoạch số 05/KH-UBND ngày …)"
    PAGE_NUMBER = "page-number"
    ADDRESS = "dia-chi"  # ô 13 address block
    TABLE_CELL = "table-cell"  # text inside a data table
    STAMP = "stamp"  # text drawn by a signature appearance (PDF)
    OTHER = "other"
    EMPTY = "empty"

    @classmethod
    def all(cls) -> list[str]:
        return [v for k, v in vars(cls).items() if k.isupper() and isinstance(v, str)]


@dataclass(slots=True)
class Run:
    """A stretch of text with one effective formatting."""

    text: str
    font: str | None = None  # effective family for Vietnamese text, e.g. "Times New Roman"
    size: float | None = None  # points
    bold: bool | None = None
    italic: bool | None = None
    caps: bool = False  # w:caps / small caps: shown in capitals
    underline: bool = False
    color: str | None = None  # "RRGGBB"; None = automatic/black
    font_source: str | None = None  # where the font came from (docx: "run", "style:Normal", "docDefaults", "theme")
    size_source: str | None = None
    # PDF geometry (points, origin top-left of the page, y grows downwards)
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None
    from_signature: bool = False  # drawn by a signature widget / stamp appearance
    source: str | None = None  # "docx", "pdf", "ocr", "converted" (see SOURCES); None = as the paragraph
    confidence: float | None = None  # 0–1 reading confidence; None = exact
    script: Literal["super", "sub"] | None = None  # raised / lowered and set smaller (m², T_tb, footnote marks)
    size_error: float | None = None  # ± points when ``size`` is an estimate (OCR: Cap.SIZE_ESTIMATE); None = exact
    # Where the run is in its file and where its effective values were set (see LOCATORS below):
    # ``locator`` = the run itself ("word/document.xml#/w:body/w:p[3]/w:r[2]"); ``origins`` maps
    # "font", "size", "color", "bold", "italic", "caps" to the locator of the element that set
    # the value: the run itself, a style ("word/styles.xml#style=Heading1"), the defaults
    # ("word/styles.xml#docDefaults") or a theme font ("word/theme/theme1.xml#font=minor").
    locator: str | None = None
    origins: dict[str, str] | None = None

    @property
    def visible(self) -> bool:
        """Runs with only spaces, tabs or breaks don't count for font, size or colour."""
        return any(not c.isspace() for c in self.text)

    @property
    def shown_text(self) -> str:
        return self.text.upper() if self.caps else self.text


@dataclass(slots=True)
class Cell:
    """Where a paragraph sits when it is inside a table."""

    table: int  # index into Document.tables
    row: int
    col: int


@dataclass(slots=True)
class Paragraph:
    index: int
    runs: list[Run] = field(default_factory=list)
    alignment: Alignment | None = None
    first_line_indent: float | None = None  # points; negative = hanging
    left_indent: float | None = None
    right_indent: float | None = None
    space_before: float | None = None  # points
    space_after: float | None = None
    line_spacing: float | None = None  # multiple of single when line_rule == "auto", else points
    line_rule: Literal["auto", "exact", "atLeast"] | None = None
    style: str | None = None
    container: Container = "body"
    cell: Cell | None = None
    column: Literal["left", "right", "full"] | None = None  # side of a two-column block
    section: int = 0
    page: int | None = None  # 1-based page when known (PDF always, DOCX when rendered breaks say)
    # PDF geometry of the whole paragraph box (points, top-left origin)
    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None
    lines: int = 1  # number of visual lines (PDF); 1 for DOCX
    border_bottom: "HLine | None" = None  # paragraph bottom border
    numbering: str | None = None  # rendered list label when the paragraph is auto-numbered ("1.", "a)", "-")
    role: str | None = None  # set by structure recognition
    role_confidence: float = 1.0
    source: str | None = None  # "docx", "pdf", "ocr", "converted" (see SOURCES); None = the document's kind
    confidence: float | None = None  # 0–1 reading confidence (OCR); None = exact
    # The paragraph's element in its file (docx: "word/document.xml#/w:body/w:p[12]"; a tab-split
    # line's two parts share it) and, in ``origins``, where "align", "first_indent", "left_indent",
    # "space_before", "space_after", "line_spacing" and "contextual" were set (LOCATORS below).
    locator: str | None = None
    origins: dict[str, str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        body = nfc("".join(r.text for r in self.runs))
        if self.numbering:
            return f"{self.numbering} {body}" if body else self.numbering
        return body

    @property
    def shown_text(self) -> str:
        body = nfc("".join(r.shown_text for r in self.runs))
        if self.numbering:
            return f"{self.numbering} {body}" if body else self.numbering
        return body

    @property
    def visible_runs(self) -> list[Run]:
        return [r for r in self.runs if r.visible]

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    @property
    def reading_confidence(self) -> float | None:
        """The least certain reading of the paragraph or its visible runs (None = all exact)."""
        values = [c for c in [self.confidence, *(r.confidence for r in self.runs if r.visible)] if c is not None]
        return min(values) if values else None


@dataclass(slots=True)
class HLine:
    """A horizontal line drawn under text: paragraph border, shape, PDF path, underlined spaces."""

    kind: Literal["border", "shape", "vml", "path", "underline"]
    length: float | None  # points; None when the reader cannot tell (e.g. a border spans the paragraph)
    paragraph: int | None = None  # paragraph it is anchored to / drawn under
    page: int | None = None
    x0: float | None = None
    x1: float | None = None
    y: float | None = None  # points from top of page
    locator: str | None = None  # the drawing (wp:anchor, v:line) or the paragraph whose border it is


@dataclass(slots=True)
class Table:
    index: int
    rows: int
    cols: int
    has_borders: bool
    section: int = 0
    nested_in: int | None = None

    @property
    def is_data_table(self) -> bool:
        """A table with borders or more than two columns (the header layout tables don't count)."""
        return self.has_borders or self.cols > 2


@dataclass(slots=True)
class PageNumberField:
    """A page number as Word would show it (PAGE field in a header) or as seen on a PDF page."""

    where: Literal["header", "footer", "body"]
    alignment: Alignment | None = None
    size: float | None = None
    font: str | None = None
    first_page: bool = False  # shown on page 1 too
    page: int | None = None
    text: str | None = None
    arabic: bool = True
    locator: str | None = None  # the paragraph holding the field (docx header/footer part)


@dataclass(slots=True)
class Section:
    index: int
    page_width: float | None = None  # points
    page_height: float | None = None
    orientation: Literal["portrait", "landscape"] | None = None
    margin_top: float | None = None
    margin_bottom: float | None = None
    margin_left: float | None = None
    margin_right: float | None = None
    title_page: bool = False  # different first page
    page_numbers: list[PageNumberField] = field(default_factory=list)
    first_paragraph: int = 0
    last_paragraph: int = -1
    has_data_table: bool = False
    pages: list[int] = field(default_factory=list)  # PDF pages this section covers
    measured: Literal["declared", "text-extent"] = "declared"
    locator: str | None = None  # its w:sectPr ("word/document.xml#/w:body/w:sectPr")


@dataclass(slots=True)
class Page:
    """A rendered page (PDF)."""

    number: int
    width: float
    height: float
    rotation: int = 0
    text_x0: float | None = None
    text_x1: float | None = None
    text_top: float | None = None
    text_bottom: float | None = None
    has_text: bool = True
    page_number_text: str | None = None
    source: str | None = None  # how the page's words were read when not the file's own ("ocr")
    confidence: float | None = None  # mean reading confidence (0–1) of such a page
    dpi: float | None = None  # resolution the page image was read at (OCR)
    skew: float | None = None  # degrees the scan was straightened by (OCR)
    # boxes (points) of ink on a recognised page that holds no word read: lines read badly or
    # not at all, dark seals over the text. Where there is none, the reading of an area is complete.
    unread: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass(slots=True)
class SignatureInfo:
    """One digital signature as verified by a signature reader (PDF CMS or OOXML)."""

    index: int
    kind: Literal["pdf-cms", "ooxml"]
    field_name: str | None = None
    subject: dict[str, str] = field(default_factory=dict)  # CN, O, OU, L, E, UID…
    subject_str: str = ""
    issuer: dict[str, str] = field(default_factory=dict)
    issuer_str: str = ""
    serial: str | None = None
    is_organisation: bool | None = None  # certificate of a body rather than a person
    digest_algorithm: str | None = None
    signature_algorithm: str | None = None
    key_bits: int | None = None
    key_type: str | None = None
    signing_time: str | None = None  # ISO 8601, claimed by the signer
    timestamp: str | None = None  # ISO 8601 from a timestamp token
    timestamp_trusted: bool | None = None
    intact: bool | None = None  # digest and signature value verify
    valid: bool | None = None
    trusted: bool | None = None  # chain to a configured root, valid at the judged time
    trust_status: Literal["trusted", "untrusted", "unknown-issuer", "impostor", "revoked", "expired", "error"] | None = None
    trust_reason: str | None = None  # plain-language reason (Vietnamese)
    trust_reason_en: str | None = None
    judged_at: str | None = None  # ISO time the chain was judged at
    judged_at_basis: Literal["timestamp", "claimed", "now"] | None = None
    revocation: Literal["good", "revoked", "unknown"] | None = None
    coverage: str | None = None  # ENTIRE_FILE, ENTIRE_REVISION, CONTIGUOUS_BLOCK_FROM_START, UNCLEAR, ALL_PARTS, PARTIAL
    modification: str | None = None  # NONE, LTA_UPDATES, FORM_FILLING, OTHER
    visible_text: str | None = None  # text drawn by the signature's appearance
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom on the page
    has_image: bool | None = None
    visible_font: str | None = None  # font of the appearance text (subset prefix stripped), None = no text / not measured
    visible_size: float | None = None  # points, as drawn on the page
    problems: list[str] = field(default_factory=list)  # codes, e.g. "bytes-after-eof"
    problem_messages: list[str] = field(default_factory=list)  # "code: detail" (debugging; wording is in the rule pack)
    problem_details: dict[str, list[Any]] = field(default_factory=dict)  # code -> details (part names, revisions; str or {vi, en})
    role: Literal["official", "agency", "unknown"] = "unknown"
    certifying: int | None = None  # DocMDP permission level (1-3) of a certification signature

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "role": self.role,
            "field": self.field_name,
            "subject": self.subject_str,
            "subject_fields": dict(self.subject),
            "issuer": self.issuer_str,
            "serial": self.serial,
            "digest_algorithm": self.digest_algorithm,
            "key": f"{self.key_type} {self.key_bits}" if self.key_type else None,
            "signing_time": self.signing_time,
            "timestamp": self.timestamp,
            "timestamp_trusted": self.timestamp_trusted,
            "intact": self.intact,
            "trusted": self.trusted,
            "trust_status": self.trust_status,
            "trust_reason": self.trust_reason,
            "judged_at": self.judged_at,
            "judged_at_basis": self.judged_at_basis,
            "revocation": self.revocation,
            "coverage": self.coverage,
            "modification": self.modification,
            "visible_text": self.visible_text,
            "page": self.page,
            "problems": list(self.problems),
        }


@dataclass(slots=True)
class SignatureReport:
    """Everything the signature reader found in one file (file-level problems included)."""

    signatures: list[SignatureInfo] = field(default_factory=list)
    filled_fields: int = 0  # filled signature fields / signature parts found
    problems: list[str] = field(default_factory=list)  # file-level codes: "bytes-after-eof", "unsigned-changes"…
    problem_messages: list[str] = field(default_factory=list)
    problem_details: dict[str, list[Any]] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)  # PDF: each revision after the first signature, what it changed
    evaluated: bool = True  # False when the reader could not run at all
    error: str | None = None


@dataclass(slots=True)
class Facts:
    """Parsed facts of a document that signature checks and audits reuse."""

    type: str | None = None  # "cong-van", "ke-hoach", … (see structure.DOC_TYPES)
    type_name: str | None = None  # "KẾ HOẠCH"
    type_abbr: str | None = None  # "KH"
    number: str | None = None  # "05"
    symbol: str | None = None  # "KH-UBND"
    number_symbol: str | None = None  # "05/KH-UBND"
    agency: str | None = None  # issuing agency, lines joined: "ỦY BAN NHÂN DÂN XÃ PHƯỢNG TIẾN"
    parent_agency: str | None = None
    place: str | None = None
    date: str | None = None  # ISO "2026-05-08"
    signer: str | None = None  # "Nguyễn Văn A"
    signer_title: str | None = None
    authority: str | None = None  # "TM. ỦY BAN NHÂN DÂN"
    is_appendix: bool = False  # the file is (or starts with) a Phụ lục
    appendix_ref: dict[str, str] | None = None  # {"type": "Kế hoạch", "number_symbol": "45/KH-UBND", "date": "…"}
    appendices: list[str] = field(default_factory=list)  # appendix headings found inside
    appendices_named: list[str] = field(default_factory=list)  # "Phụ lục II kèm theo" in the text: ["II"]
    # facts read from an image (OCR): how sure each reading is, 0–1 ("number", "date", "agency",
    # "signer"); a fact missing here was read exactly. Audits do not count a doubtful number.
    confidence: dict[str, float] = field(default_factory=dict)

    def doubtful(self, fact: str, floor: float) -> bool:
        """Was ``fact`` read from an image with less confidence than ``floor``?"""
        c = self.confidence.get(fact)
        return c is not None and c < floor

    def to_json(self) -> dict[str, Any]:
        out = {
            "type": self.type,
            "type_name": self.type_name,
            "number": self.number_symbol,
            "agency": self.agency,
            "parent_agency": self.parent_agency,
            "place": self.place,
            "date": self.date,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "is_appendix": self.is_appendix,
            "appendix_ref": self.appendix_ref,
        }
        if self.confidence:  # read from a scan: where the facts came from and how sure they are
            out["source"] = "ocr"
            out["confidence"] = {k: round(v, 2) for k, v in sorted(self.confidence.items())}
        return out


@dataclass(slots=True)
class Conversion:
    """The file was converted to .docx before it was read (legacy .doc, .rtf, .odt).

    ``unvouched`` names the rules whose result a conversion cannot vouch for (what LibreOffice
    changes in a round trip), with the reason (vi, en): the engine makes them not-evaluated.
    """

    source: str  # sniffed kind of the original: "doc", "rtf", "odt", "word-xml"
    tool: str  # "LibreOffice 7.4.7.2"
    elapsed_ms: float | None = None
    unvouched: dict[str, tuple[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "tool": self.tool, "elapsed_ms": self.elapsed_ms,
                "rules_not_vouched": sorted(self.unvouched)}


@dataclass(slots=True)
class Document:
    path: str
    kind: Literal["docx", "pdf"]
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    hlines: list[HLine] = field(default_factory=list)
    tracked_changes: int = 0
    comments: int = 0
    has_text_layer: bool = True
    page_count: int | None = None
    # What this reader could measure (names from ``Cap`` / CAPABILITIES): the engine makes a
    # rule whose ``requires`` are not all here not-evaluated; checks ask it, never ``kind``.
    capabilities: frozenset[str] = frozenset()
    facts: Facts = field(default_factory=Facts)
    signatures: SignatureReport | None = None
    # PDF: what each signature widget and stamp draws (readers/pdf/annots.py: kind, page, rect,
    # field, signed, text, has_image, font, size), read once and shared with the signature verifier
    signature_appearances: list[dict[str, Any]] = field(default_factory=list)
    reader_notes: list[str] = field(default_factory=list)
    conversion: Conversion | None = None  # set when the file was converted to .docx first
    # OCR of image-only pages: None (not needed), "read", "disabled" (--no-ocr), "missing"
    # (Tesseract or the [ocr] extra not installed), "failed"
    ocr_status: str | None = None

    def body_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.container not in ("header", "footer")]

    def with_role(self, *roles: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role in roles]

    def first(self, role: str) -> Paragraph | None:
        for p in self.paragraphs:
            if p.role == role:
                return p
        return None

    def hlines_under(self, para: Paragraph) -> list[HLine]:
        return [h for h in self.hlines if h.paragraph == para.index]


class UnreadableError(Exception):
    """Raised by readers when a file cannot be read safely; becomes FILE-UNREADABLE.

    ``code`` is a short stable reason ("corrupt-zip", "encrypted", "legacy-doc", "zip-bomb",
    "xml-entities", "too-deep", "not-a-document", "empty", "too-large", "timeout", "malformed-pdf", …).
    """

    def __init__(self, code: str, message_vi: str, message_en: str | None = None):
        super().__init__(message_en or message_vi)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en or message_vi
