"""CL502 markup-debris: Markdown or HTML left in plain text: `.png)`, `![`, stray tags.

Patterns live in the `markup_debris` section of lint_rules/artifacts.yaml.

In plain-text articles a stray HTML entity gets a safe fix (the character it stands for:
`&amp;` -> `&`, `&nbsp;` -> a no-break space), and so does a stray tag (removed), unless
removing it would join two words ("a<br>b"): then the suggestion puts a space there and
is not applied by `--fix`. Image and link leftovers have no fix: what to keep is a choice.

Passing example (page.txt)::

    Stem Cell Therapy in Japan
    Japan has emerged as a leader in regenerative medicine.

Failing example (page.txt)::

    Stem Cell Therapy in Japan
    .png)
    Japan has emerged as a leader in regenerative medicine.</div>
"""
from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Optional

from ..model import Document, Fix, Location
from .base import meta
from .phrase_rule import check_phrases

META = meta("CL502", "markup-debris", "artifact", "warning", __doc__)

_ENTITY = re.compile(r"&[A-Za-z]+;")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")


def check(ctx):
    for finding in check_phrases(META, ctx.settings.markup_debris, ctx):
        fix = _fix(ctx.doc, finding.location) if ctx.doc.format == "text" else None
        yield replace(finding, fix=fix) if fix else finding


def _fix(doc: Document, loc: Location) -> Optional[Fix]:
    """The one obvious repair of a stray entity or tag that is the whole finding."""
    text = loc.text
    if loc.line != loc.end_line:
        return None
    if _ENTITY.fullmatch(text):
        char = html.unescape(text)
        if len(char) == 1:
            return Fix(char, True, f"replace the entity {text} with the character it stands for")
        return None
    if not _TAG.fullmatch(text):
        return None
    start = doc.lines.line_start(loc.line) + loc.column - 1
    end = start + len(text)
    before = doc.source[start - 1] if start > 0 else ""
    after = doc.source[end] if end < len(doc.source) else ""
    if before.isalnum() and after.isalnum():
        return Fix(" ", False, f"replace the stray tag {text} with a space")
    return Fix("", True, f"remove the stray tag {text}")
