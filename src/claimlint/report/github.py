"""GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` per finding.

GitHub turns at most 10 commands of each level per step into annotations (and 50 per
job); the rest stay in the log. Every command is printed anyway, and a closing summary
line says when some findings will not show as annotations.
"""
from __future__ import annotations

from claimlint.display import printable
from claimlint.model import Finding
from claimlint.report.common import SEVERITY_ORDER, plural, severity_counts, title
from claimlint.rules.base import RuleMeta

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATIONS_PER_LEVEL = 10  # per step, for each of error, warning and notice


def render(findings: list[Finding], rules: list[RuleMeta], *, tool_version: str) -> str:
    lines = [_command(f) for f in findings]
    lines.append(_summary(findings))
    return "\n".join(lines) + "\n"


def escape_data(text: str) -> str:
    """As `escapeData` in @actions/core: the message after `::`."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As `escapeProperty` in @actions/core: the `key=value` pairs before `::`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    loc = finding.location
    properties = {
        "file": loc.path,
        "line": loc.line,
        "col": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
        "title": title(finding),
    }
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = f"{loc.path}:{loc.line}:{loc.column}: {finding.message}"
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(printable(message, lines=True))}"


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "claimlint: no findings."
    counts = severity_counts(findings)
    parts = [f"{counts[s]} {s}" if s == "info" else plural(counts[s], s)
             for s in SEVERITY_ORDER if counts[s]]
    text = f"claimlint: {plural(len(findings), 'finding')} ({', '.join(parts)})."
    over = [f"{ANNOTATIONS_PER_LEVEL} of {counts[s]} {COMMANDS[s]}s"
            for s in SEVERITY_ORDER if counts[s] > ANNOTATIONS_PER_LEVEL]
    if over:
        text += (f" GitHub shows only the first {ANNOTATIONS_PER_LEVEL} annotations of each level"
                 f" per step ({', '.join(over)} shown); every finding is in the log above,"
                 " and in the SARIF or Markdown report.")
    return text
