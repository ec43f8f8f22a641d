"""Document facts from the labelled segments: type, number and symbol, agency, place and date,
signer, appendix reference (what signature checks, bundles and audits reuse)."""

from __future__ import annotations

from ..doctypes import CONG_VAN, abbr_for_name
from ..model import Facts, Role
from .features import Feat
from .segments import Segment, pl_heading_text
from .text import guess_type_from_symbol, parse_date_line, parse_kem_theo, parse_so_line


def collect_facts(feats: list[Feat], roles: list[str | None], segs: list[Segment], info: dict[str, object]) -> Facts:
    """The facts of the document: appendix or not (and what it is attached to), then, from the
    main segment, its type, number, agency, place and date, and signer."""
    facts = Facts()
    main = next((s for s in segs if s.kind == "main"), None)
    first_body = next((f for f in feats if not f.empty and not f.margin and roles[f.i] != Role.STAMP), None)
    if first_body is not None and roles[first_body.i] == Role.PL_HEADING:
        facts.is_appendix = True
    facts.appendices = [pl_heading_text(feats[s.start]) for s in segs if s.kind == "appendix"]
    if facts.is_appendix:
        _appendix_ref(facts, feats, roles, next(s for s in segs if s.kind == "appendix"))
    if main is None:
        return facts
    _type_and_number(facts, info)
    ag = info.get("agency") or []
    pa = info.get("parent") or []
    facts.agency = " ".join(ag) or None  # type: ignore[arg-type]
    facts.parent_agency = " ".join(pa) or None  # type: ignore[arg-type]
    date = info.get("date")
    if isinstance(date, str):
        dl = parse_date_line(date)
        if dl is not None:
            facts.place = dl.place
            facts.date = dl.iso
    if main.sign_start is not None:
        _signer(facts, feats, roles, main, info)
    _readings(facts, info)
    return facts


def _readings(facts: Facts, info: dict[str, object]) -> None:
    """How sure the readings of the facts found are (only facts read from an image)."""
    read = info.get("read")
    if not isinstance(read, dict):
        return
    found = {"number": facts.number_symbol, "date": facts.date, "agency": facts.agency, "signer": facts.signer}
    for key, value in found.items():
        c = read.get(key)
        if value is not None and isinstance(c, float):
            facts.confidence[key] = c


def _appendix_ref(facts: Facts, feats: list[Feat], roles: list[str | None], seg: Segment) -> None:
    """What a separate appendix says it is attached to: its "(Kèm theo …)" lines."""
    lines = [feats[x] for x in range(seg.start, seg.end) if roles[x] == Role.PL_REF]
    ref = " ".join(f.text for f in lines)
    parsed = parse_kem_theo(ref) if ref else None
    if parsed is not None:
        facts.appendix_ref = {"type": parsed["type"], "number_symbol": parsed["number_symbol"],
                              "date": parsed["date"]}  # type: ignore[dict-item]
        read = [c for f in lines if (c := f.p.reading_confidence) is not None]
        if read:
            facts.confidence["appendix_ref"] = min(read)


def _type_and_number(facts: Facts, info: dict[str, object]) -> None:
    """Type from the tên loại (else công văn when there is a V/v line, else the symbol's first
    group) and number/symbol from the Số line."""
    tn = info.get("type_name")
    if isinstance(tn, str):
        facts.type_name = tn
        facts.type_abbr = abbr_for_name(tn)
    so = info.get("so")
    if isinstance(so, str):
        parsed_so = parse_so_line(so)
        if parsed_so is not None:
            facts.number = parsed_so.number
            facts.symbol = parsed_so.symbol
            facts.number_symbol = parsed_so.number_symbol
    if facts.type_abbr:
        facts.type = facts.type_abbr
    elif info.get("vv") is not None:
        facts.type = CONG_VAN
    else:
        facts.type = guess_type_from_symbol(facts.symbol)


def _signer(facts: Facts, feats: list[Feat], roles: list[str | None], main: Segment, info: dict[str, object]) -> None:
    """The signer: the name in the right-hand group of the main segment's signature block, with
    the authority and title lines above it in the same column."""
    names = [f for f in feats[main.sign_start:main.end] if roles[f.i] == Role.HO_TEN]
    if not names:
        return
    right = [f for f in names if f.side == "right"]
    name = (right or names)[-1] if right else names[0]
    if len(names) > 1 and not right:
        name = names[-1]
    facts.signer = name.text
    read = info.setdefault("read", {})
    if isinstance(read, dict) and name.p.reading_confidence is not None:
        read["signer"] = name.p.reading_confidence
    block = [f for f in feats[main.sign_start:name.i] if roles[f.i] in (Role.QUYEN_HAN, Role.CHUC_VU)
             and f.side == name.side and (f.table == name.table)]
    auth = [f.text for f in block if roles[f.i] == Role.QUYEN_HAN]
    titles = [f.text for f in block if roles[f.i] == Role.CHUC_VU]
    facts.authority = " ".join(auth) or None
    facts.signer_title = " ".join(titles) or (auth[-1] if auth else None)
