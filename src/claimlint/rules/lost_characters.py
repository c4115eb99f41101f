"""CL501 lost-characters: characters lost in conversion: '??' for an emoji, U+FFFD, mojibake.

Patterns live in the `lost_characters` section of lint_rules/artifacts.yaml.

Passing example (page.txt)::

    Costs by country
    - Japan: $6,500 – $15,000

Failing example (page.txt)::

    Costs by country
    - ?? Japan: $6,500 – $15,000
"""
from __future__ import annotations

from .base import meta
from .phrase_rule import check_phrases

META = meta("CL501", "lost-characters", "artifact", "warning", __doc__)


def check(ctx):
    return check_phrases(META, ctx.settings.lost_characters, ctx)
