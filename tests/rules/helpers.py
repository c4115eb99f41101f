"""Each rule's docstring examples are its first tests: passing yields nothing of that rule,
failing yields at least one finding of it."""
from __future__ import annotations

from claimlint.rules.base import examples


def check_docstring_examples(module, lint):
    cases = examples(module.META.doc)
    assert {kind for kind, _, _ in cases} == {"Passing", "Failing"}, "rule doc needs both examples"
    for kind, names, text in cases:
        files = _files(names, text)
        codes = [f.rule for f in lint(files)]
        if kind == "Passing":
            assert module.META.code not in codes, f"passing example flagged: {codes}"
        else:
            assert module.META.code in codes, f"failing example not flagged: {codes}"


def _files(names: str, text: str) -> dict[str, str]:
    """`a.md, b.md` with parts separated by a line `---` (when more than one file)."""
    parts = [n.strip() for n in names.split(",")]
    if len(parts) == 1:
        return {parts[0]: text}
    bodies = text.split("\n---\n")
    if len(bodies) == 1:
        bodies = bodies * len(parts)
    return {name: body for name, body in zip(parts, bodies)}
