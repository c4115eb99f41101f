"""What every rule module declares, and how its documentation is read from its docstring."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

import regex

_EXAMPLE = regex.compile(r"^(Passing|Failing) example \((?P<name>[^)]+)\)::\n\n(?P<body>(?:[ \t]{4}.*\n|[ \t]*\n)+)",
                         regex.M)


@dataclass(frozen=True)
class RuleMeta:
    """A rule's identity and documentation, as reports and `claimlint explain` show it."""

    code: str  # stable, e.g. "CL101"
    name: str  # kebab-case, e.g. "conflicting-values"
    category: str  # one of model.CATEGORIES
    severity: str  # default severity: info | warning | error
    summary: str  # one line
    doc: str  # the module docstring: what, why, a passing and a failing example


def meta(code: str, name: str, category: str, severity: str, doc: str) -> RuleMeta:
    doc = textwrap.dedent(doc).strip() + "\n"
    return RuleMeta(code, name, category, severity, doc.split("\n", 1)[0].rstrip("."), doc)


def examples(doc: str) -> list[tuple[str, str, str]]:
    """(Passing|Failing, file name, text) for each example in a rule's docstring."""
    return [(m.group(1), m.group("name"), textwrap.dedent(m.group("body")).strip("\n") + "\n")
            for m in _EXAMPLE.finditer(doc)]
