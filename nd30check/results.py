"""Results as a model: what a run found, kept apart from how any report says it.

``Finding`` → ``RuleResult`` → ``FileResult`` → ``RunResult``. The engine and the pipeline
(check, batch, bundles, audit) fill them; every report, the web page, ``fix`` and the audit
database only read them. They hold keys and values, never sentences: a finding's message,
expected and actual values and a rule's reasons are words of the rule pack
(:mod:`nd30check.words`), rendered in the reader's language by ``nd30check.report.words``. So a
result made once — in a worker process, on a Dask worker, in the cache, in the audit
database — can be shown in Vietnamese or English, and the language is not part of the cache key.

Everything here is serialisable (:mod:`nd30check.serialize`) and imports nothing above the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .model import Conversion, Facts, SignatureReport

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
STATUSES = ("pass", "fail", "not-applicable", "not-evaluated")
VERDICTS = ("compliant", "non-compliant", "incomplete")

#: The two judgements an inspection counts apart ("sai thể thức", "không ký số"), besides the
#: overall verdict. A rule belongs to one group by its ID: ``SIG-*`` = signature; ``BUNDLE-*``
#: and ``AUDIT-*`` are about the batch (a missing main document or appendix, numbering across
#: files), so they count only in the overall verdict; everything else (``ND30-*`` layout rules
#: and ``FILE-*``: the file as a document — unreadable, scanned, tracked changes left) = format.
VERDICT_GROUPS = ("format", "signature")

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class Finding:
    """One thing a rule found, machine-readable.

    ``key`` names the rule's message (``[rule.messages.<key>]``) and ``values`` fill its
    placeholders; ``expected``/``actual`` are words too (a string, a number, a
    :class:`~nd30check.words.Term`…): a report renders all three in its language. Where it is:
    ``page``, ``paragraph`` (the model's paragraph index), ``excerpt``, ``signature`` (index of
    the signature it concerns), ``bbox`` (``[x0, top, x1, bottom]`` in points on ``page``, when
    the reader measured it) and ``locator`` (where in the source file the value came from, for
    ``fix``: ``word/document.xml#/w:body/w:p[12]``). ``source``/``confidence``: how the text it
    rests on was read, when not exactly (OCR). ``fixable``: ``nd30check fix`` can correct it
    (its rule's check proposed a safe correction on an editable .docx)."""

    rule: str
    severity: str
    key: str = "default"
    values: dict[str, Any] = field(default_factory=dict)
    clause: str = ""
    role: str | None = None
    page: int | None = None
    paragraph: int | None = None
    excerpt: str | None = None
    expected: Any = None
    actual: Any = None
    signature: int | None = None
    note: bool = False
    source: str | None = None
    confidence: float | None = None
    fixable: bool = False
    bbox: Box | None = None
    locator: str | None = None

    def sort_key(self) -> tuple:
        """Document order (the same in every language; a report breaks ties by its words)."""
        return (self.page or 0, self.paragraph if self.paragraph is not None else -1, self.rule)


@dataclass(slots=True)
class RuleResult:
    rule: str
    status: str
    findings: list[Finding] = field(default_factory=list)
    reasons: list[Any] = field(default_factory=list)  # why not-evaluated / not-applicable: words
    #: the safe corrections its check proposed on a failing rule (``checks.base.Change``, about
    #: the model objects of this process's reading): for ``fix``, which checks in-process; never
    #: serialised, so a result from a worker or the cache has none.
    changes: list[Any] = field(default_factory=list, repr=False, compare=False)


def verdict(results: list[RuleResult]) -> str:
    """non-compliant (an error-level failure) > incomplete (something not evaluated) > compliant."""
    if any(f.severity == "error" and not f.note for r in results if r.status == "fail" for f in r.findings):
        return "non-compliant"
    if any(r.status == "not-evaluated" for r in results):
        return "incomplete"
    return "compliant"


def rule_group(rule_id: str) -> str:
    """"signature", "batch" or "format" (see :data:`VERDICT_GROUPS`)."""
    if rule_id.startswith("SIG-"):
        return "signature"
    if rule_id.startswith(("BUNDLE-", "AUDIT-")):
        return "batch"
    return "format"


def group_verdict(results: list[RuleResult]) -> str:
    """The verdict of one group; ``not-applicable`` when none of its rules applied (a draft's
    signatures, or a group left out with --select/--ignore)."""
    if not results or all(r.status == "not-applicable" for r in results):
        return "not-applicable"
    return verdict(results)


@dataclass
class FileResult:
    """One file's result. ``error`` (``{"rule": "FILE-UNREADABLE", "code": …, "detail": …}``, the
    detail a word as data) when it could not be read — its FILE-UNREADABLE finding says why. ``digest``: SHA-256 of the bytes that
    were checked. ``appendix_file``/``appendix_of``: what the batch decided (a separate appendix
    file; the path of the main document it was matched to); None outside a batch."""

    path: str
    kind: str | None
    facts: Facts = field(default_factory=Facts)
    results: list[RuleResult] = field(default_factory=list)
    signatures: SignatureReport | None = None
    error: dict[str, Any] | None = None
    has_text_layer: bool = True
    page_count: int | None = None
    elapsed_ms: float | None = None
    roles: list[tuple[int, str, str]] | None = None  # (paragraph, role, excerpt) when asked for
    views: dict[str, Any] | None = None  # page pictures / paper view when asked for (the web page)
    conversion: Conversion | None = None  # the file was converted to .docx before checking
    digest: str | None = None
    appendix_file: bool | None = None
    appendix_of: str | None = None

    @property
    def verdict(self) -> str:
        return verdict(self.results)

    @property
    def verdicts(self) -> dict[str, str]:
        """{"format": …, "signature": …}: compliant, non-compliant, incomplete or not-applicable."""
        groups: dict[str, list[RuleResult]] = {g: [] for g in VERDICT_GROUPS}
        for r in self.results:
            g = rule_group(r.rule)
            if g in groups:
                groups[g].append(r)
        return {g: group_verdict(rs) for g, rs in groups.items()}

    @property
    def findings(self) -> list[Finding]:
        """Every finding in document order (reports order ties by their rendered words)."""
        out = [f for r in self.results for f in r.findings]
        return sorted(out, key=Finding.sort_key)

    @property
    def statuses(self) -> dict[str, str]:
        return {r.rule: r.status for r in self.results}

    @property
    def is_appendix(self) -> bool:
        """A separate appendix file: as the batch decided, else as its text says."""
        return self.facts.is_appendix if self.appendix_file is None else self.appendix_file

    @property
    def valid_agency_signature(self) -> bool:
        """A signature whose certificate is an organisation's, intact, trusted at its signing
        time, with no integrity or coverage failure in the file ("chữ ký số hợp lệ của cơ quan")."""
        if not self.signatures or not self.signatures.signatures:
            return False
        st = self.statuses
        if st.get("SIG-INTEGRITY") == "fail" or st.get("SIG-COVERAGE") == "fail":
            return False
        return any(s.role == "agency" and s.intact and s.trusted for s in self.signatures.signatures)


#: Reasons of a skipped entry that mean an input could not be read (exit code 2), not a deliberate skip.
ERROR_REASONS = frozenset({"link-loop", "unlistable"})


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry the walk left out, with why (links out of the folder, loops, unlistable folders)."""

    path: str
    reason: str  # link-outside | link-loop | unlistable
    detail: str = ""

    @property
    def is_error(self) -> bool:
        return self.reason in ERROR_REASONS


@dataclass
class AuditFinding:
    """An AUDIT-* finding: about a unit's documents (``files``), not one file."""

    finding: Finding
    unit: str = ""
    files: list[str] = field(default_factory=list)

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def severity(self) -> str:
        return self.finding.severity


@dataclass
class AuditResult:
    """What ``nd30check audit`` adds to a run: the AUDIT-* rules' statuses and findings."""

    findings: list[AuditFinding] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass
class RunResult:
    """A whole run: the files in walk order, what the walk skipped, the audit's findings when
    the run was an audit; bundles, per-unit figures and the summary are read off it.

    Iterating a RunResult iterates its files (``len``, indexing too)."""

    files: list[FileResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    audit: AuditResult | None = None
    fail_on: str = "error"
    profile: str = "issued"

    def __iter__(self) -> Iterator[FileResult]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, i: int) -> FileResult:
        return self.files[i]

    @property
    def bundles(self) -> dict[str, str]:
        """Appendix file path → the path of the main document it was matched to."""
        return {r.path: r.appendix_of for r in self.files if r.appendix_of is not None}

    @property
    def units(self) -> list[Any]:
        """Figures per issuing unit (:class:`nd30check.figures.UnitFigures`), sorted by name."""
        from .figures import per_unit

        return per_unit(self.files)

    @property
    def summary(self) -> dict[str, Any]:
        """Run-level figures and the exit code, from the files as they are now (a baseline
        applied after the run is counted)."""
        from .summary import summarize

        return summarize(self, self.fail_on)
