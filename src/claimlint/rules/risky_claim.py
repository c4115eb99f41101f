"""CL401 risky-claim: health-marketing language that promises what cannot be promised.

The phrases live in lint_rules/claims.yaml (add your own with `claims:` in the
configuration): guarantees, cures, "no risk", miracles, "clinically proven" without a
citation, "FDA-approved" for unapproved uses, "eliminates the risk of rejection", and
implausible precision such as "99.9% purity". Each entry carries its reason and source
(FTC Health Products Compliance Guidance, ISSCR, FDA). A phrase that is negated, asked
or warned against in its sentence ("stem cells cannot cure arthritis") is not reported.

Passing example (risk.md)::

    Stem cells cannot cure arthritis, and every procedure carries some risk.

Failing example (risk.md)::

    Our stem cell therapy cures arthritis with guaranteed results.
"""
from __future__ import annotations

from .base import meta
from .phrase_rule import check_phrases

META = meta("CL401", "risky-claim", "claim-risk", "warning", __doc__)


def check(ctx):
    return check_phrases(META, ctx.settings.risky, ctx)
