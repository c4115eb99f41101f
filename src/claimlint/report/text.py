"""Text output for people: grouped by file, the line with a caret under the span.

Paths and article text are shown through display.printable: the report is read on a
terminal, where a control character in an article would otherwise be obeyed."""
from __future__ import annotations

from collections import Counter

import click

from ..display import excerpt, printable
from ..model import Finding

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(findings: list[Finding], sources: dict[str, str], colour: bool = False) -> str:
    def style(text, **kw):
        return click.style(text, **kw) if colour else text

    out = []
    current, lines = None, None
    for f in findings:
        loc = f.location
        if loc.path != current:
            current = loc.path
            source = sources.get(loc.path)
            lines = None if source is None else source.split("\n")  # once per file
            out.append(style(printable(loc.path), bold=True, underline=True))
        out.append(f"  {loc.line}:{loc.column}  {style(f.severity, fg=_COLOURS[f.severity])}  "
                   f"{style(f.rule, bold=True)} {f.name}  {printable(f.message)}")
        line = lines[loc.line - 1] if lines is not None and 0 < loc.line <= len(lines) else None
        if line is not None:
            end = loc.end_column if loc.end_line == loc.line else len(line) + 1
            before = printable(line[:loc.column - 1])  # escapes are wider than what they show
            width = len(printable(line[loc.column - 1:end - 1]))
            out.append(f"      | {printable(line.rstrip())}")
            out.append("      | " + " " * len(before) + style("^" * max(1, width), fg=_COLOURS[f.severity]))
        if f.fix is not None:
            how = "--fix applies it" if f.fix.safe else "a suggestion: --fix leaves it"
            out.append(f"      = fix: replace {excerpt(loc.text, 200)} with {excerpt(f.fix.replacement, 200)}: "
                       f"{printable(f.fix.description)} ({how})")
        for r in f.related[:5]:
            out.append(f"      = related: {printable(r.path)}:{r.line}:{r.column}  {printable(' '.join(r.text.split()))}")
        if len(f.related) > 5:
            out.append(f"      = ... and {len(f.related) - 5} more related locations")
    counts = Counter(f.severity for f in findings)
    files = len({f.location.path for f in findings})
    if findings:
        out.append("")
        out.append(style(f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in {files} "
                         f"file{'s' if files != 1 else ''}: " + ", ".join(
                             f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s]), bold=True))
    else:
        out.append("No findings.")
    return "\n".join(out) + "\n"
