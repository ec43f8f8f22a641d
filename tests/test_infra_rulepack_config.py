"""Rule packs as data and run configuration."""

from __future__ import annotations

import pytest

from nd30check.config import Config, ConfigError, find_config_file, load_config
from nd30check.rulepack import RulePackError, load_pack

BASE = """
[[rule]]
id = "ND30-BODY-SIZE"
severity = "error"
category = "body"
title = { vi = "Cỡ chữ nội dung", en = "Body size" }
params = { min = 13.0, max = 14.0 }
[rule.messages.default]
vi = "Cỡ chữ {actual}, cần {expected}."
en = "Size {actual}, expected {expected}."

[[rule]]
id = "ND30-FONT"
severity = "error"
category = "page"
"""


def _builtin(tmp_path):
    d = tmp_path / "builtin"
    d.mkdir(exist_ok=True)
    (d / "a.toml").write_text(BASE, encoding="utf-8")
    return d


def test_user_pack_tightens_params_without_code(tmp_path):
    user = tmp_path / "org.toml"
    user.write_text('[[rule]]\nid = "ND30-BODY-SIZE"\nparams = { min = 14.0 }\nseverity = "warning"\n', encoding="utf-8")
    base = load_pack(builtin_dir=_builtin(tmp_path))
    pack = load_pack([user], builtin_dir=_builtin(tmp_path))
    rule = pack.get("ND30-BODY-SIZE")
    assert rule.params == {"min": 14.0, "max": 14.0}
    assert rule.severity == "warning"
    assert rule.title["vi"] == "Cỡ chữ nội dung"
    assert pack.digest != base.digest
    assert [r.id for r in pack.ordered()] == ["ND30-FONT", "ND30-BODY-SIZE"]


def test_bad_packs_are_usage_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "X"\nseverity = "fatal"\n', encoding="utf-8")
    with pytest.raises(RulePackError):
        load_pack([bad], builtin_dir=_builtin(tmp_path))
    broken = tmp_path / "broken.toml"
    broken.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(RulePackError):
        load_pack([broken], builtin_dir=_builtin(tmp_path))


def test_builtin_pack_covers_the_catalog():
    pack = load_pack()
    catalog = [
        "FILE-UNREADABLE", "FILE-NO-TEXT", "FILE-TRACKED-CHANGES", "ND30-PAGE-SIZE", "ND30-PAGE-ORIENT",
        "ND30-MARGIN", "ND30-FONT", "ND30-COLOR", "ND30-PAGE-NUMBER", "ND30-SIZE-PAIR", "ND30-QH-TEXT",
        "ND30-QH-STYLE", "ND30-TN-TEXT", "ND30-TN-STYLE", "ND30-TN-LINE", "ND30-CQ-TEXT", "ND30-CQ-STYLE",
        "ND30-CQ-LINE", "ND30-SO-FORMAT", "ND30-SO-TYPE", "ND30-DATE-FORMAT", "ND30-DATE-STYLE",
        "ND30-TYPE-STYLE", "ND30-TRICH-YEU", "ND30-BODY-SIZE", "ND30-BODY-ALIGN", "ND30-BODY-INDENT",
        "ND30-BODY-SPACING", "ND30-CAN-CU", "ND30-HEADINGS", "ND30-KINH-GUI", "ND30-STRUCTURE-REQUIRED",
        "ND30-STRUCTURE-ORDER", "ND30-TEXT-STRAY", "ND30-SIGN-AUTHORITY", "ND30-SIGN-NAME", "ND30-NN-LABEL",
        "ND30-NN-ITEMS", "ND30-NN-LUU", "ND30-PL-HEADING", "ND30-PL-REF", "SIG-PRESENT", "SIG-INTEGRITY",
        "SIG-COVERAGE", "SIG-TRUST", "SIG-ALGORITHM", "SIG-ORDER", "SIG-SIGNER-MATCH", "SIG-AGENCY-MATCH",
        "SIG-TIME", "SIG-APPENDIX-INFO", "BUNDLE-ORPHAN", "AUDIT-NUMBER-DUP", "AUDIT-NUMBER-GAP", "AUDIT-UNSIGNED",
    ]
    missing = [rid for rid in catalog if rid not in pack.rules]
    assert not missing, f"rules missing from rules/*.toml: {missing}"
    for rule in pack.rules.values():
        assert rule.title.get("vi") and rule.title.get("en"), rule.id
        assert rule.messages.get("default", {}).get("vi"), rule.id
        assert rule.clause, rule.id


def test_every_non_pipeline_rule_has_a_check():
    from nd30check.checks.base import REGISTRY
    from nd30check.engine import _load_checks

    _load_checks()
    pack = load_pack()
    missing = [r.id for r in pack.rules.values() if not r.pipeline and r.id not in REGISTRY]
    assert not missing, f"rules without a check: {missing}"


def test_config_file_profiles_and_overrides(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nd30check]\nfail-on = "warning"\nignore = ["ND30-TEXT-STRAY"]\n'
        '[tool.nd30check.profiles.draft]\nignore = ["SIG"]\n', encoding="utf-8")
    sub = tmp_path / "docs"
    sub.mkdir()
    found = find_config_file(sub)
    assert found == tmp_path / "pyproject.toml"
    cfg = load_config(found, {"profile": "draft"})
    assert cfg.fail_on == "warning" and cfg.profile == "draft"
    assert not cfg.selected("SIG-PRESENT") and not cfg.selected("SIG-TRUST")
    assert cfg.selected("ND30-FONT")
    cfg2 = load_config(found, {"fail_on": "error", "select": ["ND30-BODY"]})
    assert cfg2.fail_on == "error"
    assert cfg2.selected("ND30-BODY-SIZE") and not cfg2.selected("ND30-FONT")
    with pytest.raises(ConfigError):
        load_config(None, {"fail_on": "fatal"})
    (tmp_path / "nd30check.toml").write_text('colour = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nd30check.toml")


def test_selection_by_prefix():
    cfg = Config(select=["SIG"], ignore=["SIG-TIME"])
    assert cfg.selected("SIG-TRUST")
    assert not cfg.selected("SIG-TIME")
    assert not cfg.selected("ND30-FONT")
