"""Table-driven extraction cases: tests/extract/cases/*.yaml.

Each case is a short article (`text`, in `format` txt, md or html) and the complete list of
claims claimlint must extract from it, in text order (`expect: []` for text that holds no
claim at all). A claim is compared on `text`, `kind`, `low`, `high` and `unit`, and on
`qualifiers`, `comparison`, `approximate` and `subject` fields when the case gives them.
A case with `xfail: "reason"` is a known gap and must keep failing (strict), so fixing it
shows up as a test to update.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from claimlint.extract.claims import extract_claims
from claimlint.load import decode, parse

CASES_DIR = Path(__file__).parent / "cases"
SUFFIX = {"txt": ".txt", "md": ".md", "html": ".html"}
CLAIM_KEYS = {"text", "kind", "low", "high", "unit", "qualifiers", "comparison", "approximate",
              "subject"}
CASE_KEYS = {"id", "text", "format", "expect", "xfail", "note"}
SUBJECT_KEYS = {"treatment", "country", "variant", "measure"}


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case = dict(case)
            case["id"] = f"{path.stem}/{case['id']}"
            cases.append(case)
    return cases


CASES = load_cases()


def _params() -> list:
    return [pytest.param(case, id=case["id"],
                         marks=[pytest.mark.xfail(reason=case["xfail"], strict=True)]
                         if case.get("xfail") else [])
            for case in CASES]


def extract_text(text: str, fmt: str, settings) -> list:
    """The claims of `text` read as a file of format `fmt`, as `claimlint extract` reads it."""
    doc = parse("case" + SUFFIX[fmt], decode(text.encode("utf-8")), settings.metadata)
    return extract_claims(doc, settings.vocab, settings.currency)


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def _differences(want: dict, got) -> list[str]:
    out = []
    if got.text != want["text"]:
        out.append(f"text {got.text!r} != {want['text']!r}")
    for key in ("kind", "unit"):
        if getattr(got, key) != want[key]:
            out.append(f"{key} {getattr(got, key)!r} != {want[key]!r}")
    for key in ("low", "high"):
        if not _same_number(getattr(got, key), want[key]):
            out.append(f"{key} {getattr(got, key)!r} != {want[key]!r}")
    if "qualifiers" in want and sorted(got.qualifiers) != sorted(want["qualifiers"]):
        out.append(f"qualifiers {list(got.qualifiers)} != {want['qualifiers']}")
    for key in ("comparison", "approximate"):
        if key in want and getattr(got, key) != want[key]:
            out.append(f"{key} {getattr(got, key)} != {want[key]}")
    for key, value in (want.get("subject") or {}).items():
        if getattr(got.subject, key) != value:
            out.append(f"subject.{key} {getattr(got.subject, key)!r} != {value!r}")
    return out


def _show(claims) -> str:
    if not claims:
        return "  (no claims)"
    return "\n".join(
        f"  {c.location.line}:{c.location.column} {c.text!r} {c.kind} low={c.low} high={c.high} "
        f"unit={c.unit} qualifiers={list(c.qualifiers)} comparison={c.comparison} "
        f"subject={c.subject.to_dict()}" for c in claims)


@pytest.mark.parametrize("case", _params())
def test_extraction_case(case, settings):
    claims = sorted(extract_text(case["text"], case.get("format", "txt"), settings),
                    key=lambda c: c.start)
    expected = case["expect"]
    problems = []
    if len(claims) != len(expected):
        problems.append(f"{len(claims)} claims extracted, {len(expected)} expected")
    for i, (want, got) in enumerate(zip(expected, claims)):
        problems += [f"claim {i + 1}: {d}" for d in _differences(want, got)]
    assert not problems, ("\n".join(problems) + f"\ntext: {case['text']!r}\nextracted:\n"
                          + _show(claims))


def test_case_files_are_well_formed():
    """Unique ids, known keys, and every expected span is text of its case."""
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for case in CASES:
        assert set(case) <= CASE_KEYS, f"{case['id']}: unknown keys {set(case) - CASE_KEYS}"
        assert case.get("format", "txt") in SUFFIX, case["id"]
        assert isinstance(case["expect"], list), case["id"]
        for claim in case["expect"]:
            assert {"text", "kind", "low", "high", "unit"} <= set(claim) <= CLAIM_KEYS, \
                f"{case['id']}: claim keys {sorted(claim)}"
            assert set(claim.get("subject") or {}) <= SUBJECT_KEYS, case["id"]
            assert claim["text"] in case["text"], f"{case['id']}: {claim['text']!r} not in text"


def test_case_table_is_large_enough():
    negatives = [c for c in CASES if not c["expect"]]
    xfails = [c for c in CASES if c.get("xfail")]
    formats = {c.get("format", "txt") for c in CASES}
    assert len(CASES) >= 450
    assert len(negatives) >= 100
    assert len(xfails) <= 2
    assert formats == set(SUFFIX)


def test_bare_dollar_follows_the_configured_currency(settings):
    """`currency: CAD` in the configuration: a bare `$` is CAD, `US$` stays USD."""
    text = "Knee PRP in Toronto costs $1,200, or US$900 in Cancun."
    doc = parse("case.txt", decode(text.encode("utf-8")), settings.metadata)
    claims = extract_claims(doc, settings.vocab, "CAD")
    assert [(c.text, c.unit) for c in claims] == [("$1,200", "CAD"), ("US$900", "USD")]
