"""CL402 implausible-success-rate: a success rate above what the treatment's evidence supports.

The ceiling is the treatment's `success_ceiling` in the subjects pack where it has one
(dental implants survive ten years in 95-98% of cases, so 97% is plausible there), else
`success_ceiling:` in the configuration (default 90%): rates above it are rarely supported
by controlled trials in regenerative or elective medicine; they need a citation or a
softer claim.

Passing example (rates.md)::

    Clinics report an 80-85% success rate for knee osteoarthritis.

    Dental implants in Budapest have a 97% success rate.

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
    for claim in ctx.claims:
        if claim.kind != "percentage" or claim.subject.measure != "success-rate" or claim.comparison:
            continue
        ceiling = ctx.settings.vocab.success_ceiling(claim.subject.treatment) \
            or ctx.settings.success_ceiling
        top = claim.high if claim.high is not None else claim.low
        if top is not None and top > ceiling:
            yield make_finding(META, ctx, claim.location,
                               f"success rate {describe(claim)} is above {ceiling:g}%; "
                               "cite the study or soften the claim",
                               quantity="percentage", key=(describe(claim),))
