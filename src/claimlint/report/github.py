"""GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` per finding.

GitHub turns only the first 10 commands of each level per step into annotations (and 50
per job); the rest stay in the log. So the commands are printed most important first:
errors, then warnings, then notices; within a level, findings in the files the pull
request changes (GITHUB_BASE_REF, or `changed` given by the caller), then by confidence
(high, medium, low, then findings that carry none), then by file and line. Every command
is printed, and a closing summary line says how many will not show as annotations.
"""
from __future__ import annotations

import os
from typing import Iterable, Optional

from claimlint.display import printable
from claimlint.model import Finding
from claimlint.report.common import SEVERITY_ORDER, plural, severity_counts, title
from claimlint.rules.base import RuleMeta

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATIONS_PER_LEVEL = 10  # per step, for each of error, warning and notice
CONFIDENCE_ORDER = ("high", "medium", "low")


def render(findings: list[Finding], rules: list[RuleMeta], *, tool_version: str,
           root: Optional[str] = None, changed: Optional[Iterable[str]] = None) -> str:
    """`changed`: paths (from the project root) that the pull request changes; by default
    read from git when GITHUB_BASE_REF names the pull request's base branch."""
    if changed is None:
        changed = _changed_in_pull_request(root)
    lines = [_command(f) for f in by_importance(findings, set(changed))]
    lines.append(_summary(findings))
    return "\n".join(lines) + "\n"


def by_importance(findings: list[Finding], changed: set[str]) -> list[Finding]:
    def rank(pair: tuple[int, Finding]) -> tuple:
        order, f = pair
        confidence = getattr(f, "confidence", None)  # findings may carry high|medium|low
        return (SEVERITY_ORDER.index(f.severity), f.location.path not in changed,
                CONFIDENCE_ORDER.index(confidence) if confidence in CONFIDENCE_ORDER else len(CONFIDENCE_ORDER),
                order)
    return [f for _, f in sorted(enumerate(findings), key=rank)]


def _changed_in_pull_request(root: Optional[str]) -> set[str]:
    base = os.environ.get("GITHUB_BASE_REF")
    if not base:
        return set()
    from claimlint.gitdiff import changed_since
    return changed_since(f"origin/{base}", root or ".")


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
    hidden = [(s, counts[s] - ANNOTATIONS_PER_LEVEL) for s in SEVERITY_ORDER
              if counts[s] > ANNOTATIONS_PER_LEVEL]
    if hidden:
        missing = ", ".join(plural(n, COMMANDS[s]) for s, n in hidden)
        shown = ", ".join(f"{ANNOTATIONS_PER_LEVEL} of {counts[s]} {COMMANDS[s]}s" for s, _ in hidden)
        text += (f" Not shown as annotations: {missing} (GitHub annotates the first"
                 f" {ANNOTATIONS_PER_LEVEL} of each level per step; {shown} shown, the most important:"
                 " files this pull request changes first, then higher confidence). Every finding is"
                 " in the log above, and in the SARIF or Markdown report.")
    return text
