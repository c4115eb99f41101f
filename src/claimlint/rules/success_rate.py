"""CL402 implausible-success-rate: a success rate above the configured ceiling (default 90%).

Success rates above the ceiling (`success_ceiling:` in the configuration) are rarely
supported by controlled trials in regenerative or elective medicine; they need a citation
or a softer claim.

Passing example (rates.md)::

    Clinics report an 80-85% success rate for knee osteoarthritis.

Failing example (rates.md)::

    Our clinic has a 98% success rate for knee osteoarthritis.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Finding
from .base import meta
from .compare import describe
from .context import Context
from .findings import make_finding

META = meta("CL402", "implausible-success-rate", "claim-risk", "warning", __doc__)


def check(ctx: Context) -> Iterator[Finding]:
    ceiling = ctx.settings.success_ceiling
    for claim in ctx.claims:
        if claim.kind != "percentage" or claim.subject.measure != "success-rate" or claim.comparison:
            continue
        top = claim.high if claim.high is not None else claim.low
        if top is not None and top > ceiling:
            yield make_finding(META, ctx, claim.location,
                               f"success rate {describe(claim)} is above {ceiling:g}%; "
                               "cite the study or soften the claim",
                               quantity="percentage", key=(describe(claim),))
