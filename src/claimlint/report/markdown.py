"""A Markdown report for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Everything taken from articles is escaped: `|` cannot break a table, `<script>` stays
text, `$8,000 – $14,000` is not read as LaTeX math and `@name` does not ping anyone.
"""
from __future__ import annotations

import re

from claimlint.model import CATEGORIES, Finding, Location
from claimlint.report.common import SEVERITY_ORDER, by_path, plural, severity_counts, title
from claimlint.rules.base import RuleMeta

_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~&@])")


def render(findings: list[Finding], rules: list[RuleMeta], *, tool_version: str) -> str:
    out = ["## claimlint report", ""]
    if not findings:
        out += ["No findings.", ""]
    else:
        files = by_path(findings)
        counts = severity_counts(findings)
        parts = [plural(counts[s], s) if s != "info" else f"{counts[s]} info"
                 for s in SEVERITY_ORDER if counts[s]]
        out += [f"{plural(len(findings), 'finding')} in {plural(len(files), 'file')}: "
                f"{', '.join(parts)}.", ""]
        out += _category_table(findings)
        for path, group in files.items():
            out += [f"### {_text(path)}", "",
                    "| Line | Rule | Severity | Message |", "| ---: | --- | --- | --- |"]
            out += [_row(f"{f.location.line}:{f.location.column}", _text(title(f)), f.severity,
                         _text(f.message)) for f in group]
            out.append("")
        out += _conflicts([f for group in files.values() for f in group if f.related])
    out.append(f"<sub>claimlint {_text(tool_version)}</sub>")
    return "\n".join(out) + "\n"


def _category_table(findings: list[Finding]) -> list[str]:
    present = {f.category for f in findings}
    categories = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    lines = ["| Category | " + " | ".join(SEVERITY_ORDER) + " | Total |",
             "| --- |" + " ---: |" * (len(SEVERITY_ORDER) + 1)]
    for category in categories:
        counts = severity_counts([f for f in findings if f.category == category])
        lines.append(_row(_text(category), *(str(counts[s]) for s in SEVERITY_ORDER),
                          str(sum(counts.values()))))
    counts = severity_counts(findings)
    lines.append(_row("**Total**", *(f"**{counts[s]}**" for s in SEVERITY_ORDER),
                      f"**{len(findings)}**"))
    return lines + [""]


def _conflicts(findings: list[Finding]) -> list[str]:
    """Both sides of each conflict on one row: this value against each other value."""
    if not findings:
        return []
    lines = ["### Conflicts", "",
             "| Rule | Claim | Here | Value | Other side | Value |",
             "| --- | --- | --- | --- | --- | --- |"]
    for f in findings:
        for other in f.related:
            lines.append(_row(_text(f.rule), _text(f.quantity or f.name), _where(f.location),
                              _text(f.location.text), _where(other), _text(other.text)))
    return lines + [""]


def _where(loc: Location) -> str:
    return _text(f"{loc.path}:{loc.line}")


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _text(text: str) -> str:
    """Literal text for a table cell or heading: Markdown punctuation backslash-escaped,
    line breaks as `<br>`."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\r\n|\r|\n", "<br>", escaped)
