"""CL201 fact-mismatch: a claim contradicts the canonical facts file.

Facts come from lint_rules/facts.yaml, `facts:` in the configuration and `--facts FILE`
(schema in docs/facts.md). A claim is held against a fact when its kind is the fact's
`claim`, an `about` term stands in its paragraph, list label, table row or nearest
heading, a `cue` (if any) stands in its sentence, and its subject matches the fact's
`subject`. When several facts apply, a claim that agrees with any of them is fine
("discovered by Nobel laureate Yamanaka in 2006" names the Nobel but dates the discovery).
A claim that maps to exactly one definite fact in the same unit gets a safe fix.

Passing example (asrm.txt)::

    Japan's regenerative medicine law
    The Act on the Safety of Regenerative Medicine (ASRM) was enacted in 2013.

Failing example (asrm.txt)::

    Japan's regenerative medicine law
    The Act on the Safety of Regenerative Medicine (ASRM) was enacted in 2014.
"""
from __future__ import annotations

from typing import Iterator, Optional

from ..model import Claim, Finding, Fix
from .base import meta
from .compare import TO_DAYS, describe
from .context import Context
from .facts import Fact
from .findings import make_finding

META = meta("CL201", "fact-mismatch", "fact", "error", __doc__)


def check(ctx: Context) -> Iterator[Finding]:
    for claim in ctx.claims:
        facts = [f for f in ctx.settings.facts if _applies(f, claim, ctx)]
        if not facts or any(_holds(f, claim) for f in facts):
            continue
        fact = facts[0]
        yield make_finding(
            META, ctx, claim.location,
            f"{describe(claim)} contradicts fact {fact.id}: {_expected(fact)}"
            + (f" ({fact.note})" if fact.note else "") + (f" Source: {fact.source}" if fact.source else ""),
            quantity=claim.kind, fact_id=fact.id, severity=fact.severity,
            key=(fact.id, describe(claim)), fix=_fix(fact, claim) if len(facts) == 1 else None)


def _applies(fact: Fact, claim: Claim, ctx: Context) -> bool:
    if fact.claim != claim.kind:
        return False
    subject = claim.subject.to_dict()
    if any(subject.get(k) != v for k, v in fact.subject):
        return False
    block = ctx.doc.blocks[claim.block_index]
    context = " ".join((ctx.doc.text[block.start:block.end], block.label,
                        block.heading_path[-1] if block.heading_path else ""))
    if fact.about is not None and not fact.about.search(context):
        return False
    return fact.cue is None or bool(fact.cue.search(claim.context))


def _in_unit(value: Optional[float], claim: Claim, fact: Fact) -> Optional[float]:
    if value is None or claim.kind != "duration" or claim.unit == fact.unit:
        return value
    return value * TO_DAYS.get(claim.unit, 1) / TO_DAYS.get(fact.unit, 1)


def _holds(fact: Fact, claim: Claim) -> bool:
    low, high = _in_unit(claim.low, claim, fact), _in_unit(claim.high, claim, fact)
    if low is None and high is None:
        return True

    def slack(x: float) -> float:
        return fact.tolerance * abs(x) if fact.relative else fact.tolerance

    lo_f = fact.low if fact.low is not None else float("-inf")
    hi_f = fact.high if fact.high is not None else float("inf")
    lo_c = low if low is not None else float("-inf")
    hi_c = high if high is not None else float("inf")
    if fact.policy == "equal":
        return all(abs(x - fact.low) <= slack(fact.low) for x in (low, high) if x is not None)
    if fact.policy == "within":
        return lo_c >= lo_f - slack(lo_f) and hi_c <= hi_f + slack(hi_f)
    return lo_c <= hi_f + slack(hi_f) and hi_c >= lo_f - slack(lo_f)


def _expected(fact: Fact) -> str:
    if fact.policy == "equal":
        return f"the value is {_amount(fact, fact.low)}."
    bounds = f"{_number(fact.low)}–{_amount(fact, fact.high)}"
    return f"the value must {'lie within' if fact.policy == 'within' else 'overlap'} {bounds}."


def _number(x) -> str:
    return "…" if x is None else f"{x:,g}"


def _amount(fact: Fact, x) -> str:
    """2013, 90%, 90 days, 7,000 USD: as a writer would put it."""
    if fact.claim == "year":
        return "…" if x is None else f"{x:g}"
    if fact.unit == "%":
        return f"{_number(x)}%"
    plural = x != 1 and fact.unit.isalpha() and fact.unit.islower() and not fact.unit.endswith("s")
    unit = fact.unit + "s" if plural else fact.unit
    return f"{_number(x)} {unit}".rstrip()


def _fix(fact: Fact, claim: Claim) -> Optional[Fix]:
    """Safe only for a single number in the fact's own unit ("2014" -> "2013")."""
    if not fact.definite or claim.low != claim.high or claim.unit != fact.unit:
        return None
    text = claim.text
    old = f"{claim.low:g}"
    if text.count(old) != 1:
        return None
    return Fix(text.replace(old, f"{fact.low:g}"), True, f"state the canonical value from {fact.id}")
