"""CL502 markup-debris: Markdown or HTML left in plain text: `.png)`, `![`, stray tags.

Patterns live in the `markup_debris` section of lint_rules/artifacts.yaml.

Passing example (page.txt)::

    Stem Cell Therapy in Japan
    Japan has emerged as a leader in regenerative medicine.

Failing example (page.txt)::

    Stem Cell Therapy in Japan
    .png)
    Japan has emerged as a leader in regenerative medicine.</div>
"""
from __future__ import annotations

from .base import meta
from .phrase_rule import check_phrases

META = meta("CL502", "markup-debris", "artifact", "warning", __doc__)


def check(ctx):
    return check_phrases(META, ctx.settings.markup_debris, ctx)
