"""A rule is one TOML entry: declared parameters (type, unit, default) validated at load, the
README's own organisation pack taking effect, capabilities in ``requires``, and the engine's
handling of what a reader could not measure or read with confidence."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from nd30check.check import check_path
from nd30check.checks.base import PIPELINE, REGISTRY, implementation
from nd30check.cli import main
from nd30check.config import Config
from nd30check.engine import _load_checks, run_rules
from nd30check.report.words import Words
from nd30check.model import CAPABILITIES, Cap, Document, Facts, Paragraph, Role, Run
from nd30check.rulepack import RulePackError, load_pack

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_13PT = ROOT / "samples" / "compliant" / "bc-truong-thcs-ket-qua-hoc-ky.docx"  # body set at 13 pt


def _readme_pack() -> str:
    """The README's own organisation-pack example, read from the README (so the test follows it)."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```toml\n(.*?)```", text, re.S) if "[[rule]]" in b and "params" in b]
    assert len(blocks) == 1, "the README should hold one rule-pack example"
    return blocks[0]


README_PACK = _readme_pack()


def _pack(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "org.toml"
    p.write_text(text, encoding="utf-8")
    return p


WORDS = Words()


def _json(rr) -> dict:
    """The JSON contract's form of a rule result's first finding."""
    return WORDS.finding(rr.findings[0]).to_json()


def _status(res, rule: str) -> str:
    return res.statuses[rule]


def test_readme_example_takes_effect(tmp_path: Path) -> None:
    """The README's "body text fixed at 14 pt" pack turns a 13-pt body from pass into fail."""
    org = _pack(tmp_path, README_PACK)
    assert _status(check_path(SAMPLE_13PT, Config()), "ND30-BODY-SIZE") == "pass"
    res = check_path(SAMPLE_13PT, Config(rules=[str(org)]), load_pack([org]))
    assert _status(res, "ND30-BODY-SIZE") == "fail"
    assert any("14" in str(f.expected) for f in res.findings if f.rule == "ND30-BODY-SIZE")


def test_old_parameter_names_still_work(tmp_path: Path) -> None:
    pack = load_pack([_pack(tmp_path, '[[rule]]\nid = "ND30-BODY-SIZE"\nparams = { min_pt = 14.0 }\n')])
    assert pack.get("ND30-BODY-SIZE").params["min"] == 14.0
    assert "min_pt" not in pack.get("ND30-BODY-SIZE").params


@pytest.mark.parametrize("body, words", [
    ('params = { mni = 14.0 }', ["ND30-BODY-SIZE", "'mni'", "'min'"]),
    ('params = { min = "14" }', ["ND30-BODY-SIZE", "'min'", "number", "pt"]),
    ('params = { one_size = 1 }', ["ND30-BODY-SIZE", "'one_size'", "true or false"]),
    ('requires = ["txt"]', ["ND30-BODY-SIZE", "'txt'", "'text'"]),
    ('severty = "warning"', ["ND30-BODY-SIZE", "'severty'", "'severity'"]),
    ('min_confidence = 2', ["ND30-BODY-SIZE", "min_confidence"]),
])
def test_misspelt_or_mistyped_pack_is_refused(tmp_path: Path, body: str, words: list[str]) -> None:
    org = _pack(tmp_path, f'[[rule]]\nid = "ND30-BODY-SIZE"\n{body}\n')
    with pytest.raises(RulePackError) as exc:
        load_pack([org])
    for w in words:
        assert w in str(exc.value), (w, str(exc.value))
    assert str(org) in str(exc.value)


def test_cli_refuses_a_misspelt_pack(tmp_path: Path) -> None:
    org = _pack(tmp_path, '[[rule]]\nid = "ND30-BODY-SIZE"\nparams = { max_size = 14.0 }\n')
    out = CliRunner().invoke(main, ["check", str(SAMPLE_13PT), "--rules", str(org), "--no-cache"])
    assert out.exit_code == 2
    assert "ND30-BODY-SIZE" in out.output and "max_size" in out.output


def test_every_builtin_parameter_is_declared_with_a_type() -> None:
    pack = load_pack()
    for rule in pack.rules.values():
        assert set(rule.params) == set(rule.specs), rule.id
        for spec in rule.specs.values():
            spec.coerce(rule.params[spec.name], rule.id)  # the default has the declared type
        for req in rule.requires:
            assert all(alt in CAPABILITIES for alt in req.split("|")), (rule.id, req)


def test_checks_never_restate_a_default() -> None:
    """``ctx.param(name, default)`` would hide the TOML's value behind one in code."""
    offenders = []
    for path in sorted((ROOT / "nd30check" / "checks").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "param" \
                    and (len(node.args) > 1 or node.keywords):
                offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, offenders


def test_a_check_reading_an_undeclared_parameter_is_not_a_pass() -> None:
    from nd30check.checks.base import Ctx, Options

    ctx = Ctx(Document(path="x.docx", kind="docx"), "ND30-BODY-SIZE", {}, Options())
    with pytest.raises(KeyError, match="ND30-BODY-SIZE.*min"):
        ctx.param("min")


# --------------------------------------------------------------------------------------------
# capabilities and confidence
# --------------------------------------------------------------------------------------------

def _body_doc(size: float, *, caps: frozenset[str], confidence: float | None = None, source: str | None = None) -> Document:
    paras = [Paragraph(index=i, role=Role.BODY, alignment="justify", first_line_indent=28.35,
                       runs=[Run("Nội dung văn bản được trình bày theo đúng thể thức quy định. " * 3, size=size,
                                 font="Times New Roman", bold=False, italic=False)],
                       source=source, confidence=confidence) for i in range(3)]
    return Document(path="scan.pdf", kind="pdf", paragraphs=paras, capabilities=caps, facts=Facts(type="KH"))


def _result(doc: Document, rule: str):
    _load_checks()
    cfg = Config(select=[rule])
    return next(r for r in run_rules(doc, load_pack(), cfg) if r.rule == rule)


def test_a_missing_capability_makes_the_rule_not_evaluated_naming_it() -> None:
    caps = frozenset({Cap.TEXT, Cap.POSITIONS})  # no sizes of any kind
    r = _result(_body_doc(12, caps=caps), "ND30-BODY-SIZE")
    assert r.status == "not-evaluated"
    assert "cỡ chữ" in WORDS.reasons(r)[0]
    r = _result(_body_doc(12, caps=frozenset({Cap.POSITIONS})), "ND30-BODY-SIZE")
    assert r.status == "not-evaluated" and "lớp văn bản" in WORDS.reasons(r)[0]
    # an estimate is an alternative to exact sizes: the rule runs and finds the 12 pt text
    r = _result(_body_doc(12, caps=caps | {Cap.SIZE_ESTIMATE}), "ND30-BODY-SIZE")
    assert r.status == "fail"


def test_low_confidence_findings_become_notes_never_failures() -> None:
    caps = frozenset({Cap.TEXT, Cap.POSITIONS, Cap.SIZE_ESTIMATE})
    unsure = _result(_body_doc(12, caps=caps, confidence=0.5, source="ocr"), "ND30-BODY-SIZE")
    assert unsure.status == "not-evaluated"
    assert unsure.findings and all(f.note and f.severity == "info" for f in unsure.findings)
    assert _json(unsure)["source"] == "ocr" and _json(unsure)["confidence"] == 0.5
    sure = _result(_body_doc(12, caps=caps, confidence=0.95, source="ocr"), "ND30-BODY-SIZE")
    assert sure.status == "fail"
    assert sure.findings[0].severity == "error" and _json(sure)["confidence"] == 0.95
    exact = _result(_body_doc(12, caps=caps), "ND30-BODY-SIZE")
    assert "source" not in _json(exact) and "confidence" not in _json(exact)


def test_findings_without_a_paragraph_take_their_page_or_the_scan() -> None:
    """A page-level finding rests on its page's reading; something missing from a document
    read entirely by OCR may be a recognition miss: a note, never a failure."""
    from nd30check.model import Page

    caps = frozenset({Cap.TEXT, Cap.POSITIONS, Cap.SIZE_ESTIMATE, Cap.PAGE_SETUP})
    doc = _body_doc(14, caps=caps, confidence=0.97, source="ocr")
    doc.pages = [Page(1, 595, 842, source="ocr", confidence=0.97)]
    r = _result(doc, "ND30-QH-TEXT")  # no Quốc hiệu anywhere
    assert r.status == "not-evaluated" and r.findings[0].note
    assert WORDS.message(r.findings[0]).endswith("(nhận dạng từ ảnh quét)")
    doc.pages = [Page(1, 595, 842)]  # a text PDF: the same absence is a failure
    assert _result(doc, "ND30-QH-TEXT").status == "fail"


def test_the_confidence_threshold_is_pack_data(tmp_path: Path) -> None:
    org = _pack(tmp_path, "[pack]\nmin_confidence = 0.4\n")
    _load_checks()
    caps = frozenset({Cap.TEXT, Cap.POSITIONS, Cap.SIZE_ESTIMATE})
    res = run_rules(_body_doc(12, caps=caps, confidence=0.5), load_pack([org]), Config(select=["ND30-BODY-SIZE"]))
    assert res[0].status == "fail"
    with pytest.raises(RulePackError):
        load_pack([_pack(tmp_path, "[pack]\nmin_confidence = 'high'\n")])


def test_every_rule_has_one_function_in_the_checks_module_of_its_section() -> None:
    """Document rules run by the engine, pipeline rules (FILE-UNREADABLE, BUNDLE-*, AUDIT-*)
    called by the pipeline; both live in nd30check/checks/<section>.py."""
    _load_checks()
    pack = load_pack()
    section = {"signature": "signature_policy"}  # else the module (or package) is named as the category
    for rule in pack.rules.values():
        assert (rule.id in REGISTRY) != rule.pipeline and (rule.id in PIPELINE) == rule.pipeline, rule.id
        module, _, _fn = implementation(rule.id).partition(":")
        want = "nd30check.checks." + section.get(rule.category, rule.category)
        assert module == want or module.startswith(want + "."), (rule.id, module)


def test_explain_says_where_the_rule_is_implemented() -> None:
    out = CliRunner().invoke(main, ["explain", "ND30-BODY-SIZE", "--lang", "en"])
    assert out.exit_code == 0
    assert "Implemented in: nd30check.checks.body.layout:body_size" in out.output
    assert "min = 13.0 pt" in out.output
    out = CliRunner().invoke(main, ["explain", "AUDIT-NUMBER-DUP"])
    assert "nd30check.checks.audit:number_duplicates" in out.output
