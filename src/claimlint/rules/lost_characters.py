"""CL501 lost-characters: characters lost in conversion: '??' for an emoji, U+FFFD, mojibake.

Patterns live in the `lost_characters` section of lint_rules/artifacts.yaml.

Mojibake that decodes back to one character (`MÃ©rida` -> `Mérida`, `â€™` -> `’`) gets a
safe fix; a lost symbol ('??') or a replacement character has no fix, since what was
lost cannot be known.

Passing example (page.txt)::

    Costs by country
    - Japan: $6,500 – $15,000

Failing example (page.txt)::

    Costs by country
    - ?? Japan: $6,500 – $15,000
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Optional

from ..model import Fix, Location
from .base import meta
from .phrase_rule import check_phrases

META = meta("CL501", "lost-characters", "artifact", "warning", __doc__)


def check(ctx):
    for finding in check_phrases(META, ctx.settings.lost_characters, ctx):
        fix = _fix(finding.location)
        yield replace(finding, fix=fix) if fix else finding


def _fix(loc: Location) -> Optional[Fix]:
    """UTF-8 bytes that were read as Windows-1252, read back as UTF-8: one character."""
    if loc.line != loc.end_line:
        return None
    try:
        char = loc.text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    if len(char) != 1 or unicodedata.category(char).startswith("C"):
        return None
    return Fix(char, True, f"restore {char!r} (UTF-8 that was read as Windows-1252)")
