"""A rule's documentation, read from its docstring: plain text for `claimlint explain`, a
Markdown page for docs/rules/CODE.md (what SARIF `helpUri` and rdjson `code.url` link to),
and the finding that the failing example produces, found by running it.

    python -m claimlint.ruledoc [FOLDER]          # write FOLDER/CODE.md (default docs/rules)
    python -m claimlint.ruledoc --check [FOLDER]  # exit 1 when a page is out of date

The pages are generated: edit the rule's docstring, then run the first command.
"""
from __future__ import annotations

import re
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .display import printable
from .rules.base import RuleMeta, examples

DOCS_FOLDER = Path("docs") / "rules"
_EXAMPLE_HEADING = re.compile(r"^(Passing|Failing) example \(([^)]+)\)::$")


@dataclass(frozen=True)
class Example:
    kind: str  # Passing | Failing
    files: tuple[tuple[str, str], ...]  # (file name, text)


def summary(rule: RuleMeta) -> str:
    """The one-line summary without the code and name it starts with ("CL101 name: ...")."""
    text = rule.summary
    prefix = f"{rule.code} {rule.name}:"
    if text.startswith(prefix):
        text = text[len(prefix):].strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def body(rule: RuleMeta) -> list[str]:
    """The docstring's paragraphs after the summary line and before the examples, unwrapped."""
    paragraphs = [" ".join(p.split()) for p in rule.doc.split("\n\n") if p.strip()]
    if paragraphs and _same(paragraphs[0], rule):
        paragraphs = paragraphs[1:]
    return [p for p in _prose(paragraphs)]


def _same(paragraph: str, rule: RuleMeta) -> bool:
    return paragraph.rstrip(".") == rule.summary.rstrip(".")


def _prose(paragraphs: list[str]):
    for p in paragraphs:
        if _EXAMPLE_HEADING.match(p) or p.startswith(("Passing example", "Failing example")):
            return
        yield p


def rule_examples(rule: RuleMeta) -> list[Example]:
    out = []
    for kind, names, text in examples(rule.doc):
        parts = [n.strip() for n in names.split(",")]
        bodies = text.split("\n---\n") if len(parts) > 1 else [text]
        if len(bodies) == 1:
            bodies = bodies * len(parts)
        out.append(Example(kind, tuple((n, b.strip("\n") + "\n") for n, b in zip(parts, bodies))))
    return out


@lru_cache(maxsize=None)
def failing_findings(code: str) -> tuple[str, ...]:
    """What `claimlint check` says of the rule's failing example (its lines for this rule),
    run with the built-in packs only, as `file:line:column: severity CODE name: message`."""
    from .config import load_settings
    from .linter import _display, check, extract
    from .rules import rule as find_rule

    rule = find_rule(code)
    failing = [e for e in rule_examples(rule) if e.kind == "Failing"]
    if not failing:
        return ()
    with tempfile.TemporaryDirectory(prefix="claimlint-explain-") as tmp:
        for name, text in failing[0].files:
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        settings = load_settings(config=None, start=tmp)
        run = check(extract([str(Path(tmp) / n) for n, _ in failing[0].files], settings), settings)
        prefix = _display(tmp) + "/"
        return tuple(_line(f, prefix) for f in run.findings if f.rule == code)


def _line(finding, prefix: str) -> str:
    loc = finding.location
    message = " ".join(finding.message.replace(prefix, "").split())
    return (f"{loc.path.replace(prefix, '')}:{loc.line}:{loc.column}: {finding.severity} "
            f"{finding.rule} {finding.name}: {message}")


def plain(rule: RuleMeta) -> str:
    """`claimlint explain CODE`: the documentation as text, without reStructuredText marks."""
    lines = [f"{rule.code} {rule.name} ({rule.category}, default severity {rule.severity})", "",
             summary(rule), ""]
    for paragraph in body(rule):
        lines += textwrap.wrap(paragraph, 88) + [""]
    for example in rule_examples(rule):
        names = ", ".join(name for name, _ in example.files)
        lines += [f"{example.kind} example ({names}):", ""]
        for name, text in example.files:
            if len(example.files) > 1:
                lines += [f"  {name}:", ""]
            lines += [f"    {line}" if line else "" for line in text.rstrip("\n").split("\n")] + [""]
        if example.kind == "Failing":
            lines += ["What claimlint reports for it:", ""]
            lines += [f"    {line}" for line in failing_findings(rule.code)] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown(rule: RuleMeta) -> str:
    """The page docs/rules/CODE.md."""
    lines = [f"<!-- Generated from the docstring of rule {rule.code} by `python -m claimlint.ruledoc`;"
             " edit the docstring, not this page. -->", "",
             f"# {rule.code} {rule.name}", "",
             f"Category: {rule.category}. Default severity: {rule.severity}.", "",
             summary(rule), ""]
    for paragraph in body(rule):
        lines += [paragraph, ""]
    for example in rule_examples(rule):
        lines += [f"## {example.kind} example", ""]
        for name, text in example.files:
            lines += [f"`{name}`:", "", "```text", text.rstrip("\n"), "```", ""]
        if example.kind == "Failing":
            lines += ["What `claimlint check` reports for it:", "", "```text",
                      *failing_findings(rule.code), "```", ""]
    lines += ["Select or ignore it with `--select`/`--ignore " + rule.code + "`; change its severity"
              f" with `severity: {{{rule.code}: warning}}` in `.claimlint.yaml`.", ""]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """File name -> content of every generated page (the rules and an index)."""
    from .rules import all_rules

    rules = all_rules()
    out = {f"{r.code}.md": markdown(r) for r in rules}
    index = ["<!-- Generated by `python -m claimlint.ruledoc`. -->", "", "# Rules", "",
             "| code | name | category | severity | summary |", "|---|---|---|---|---|"]
    index += [f"| [{r.code}]({r.code}.md) | {r.name} | {r.category} | {r.severity} | {summary(r)} |"
              for r in rules]
    out["README.md"] = "\n".join(index) + "\n"
    return out


def stale(folder: Path) -> list[str]:
    """Pages in `folder` that are missing, out of date, or no longer generated."""
    wanted = pages()
    present = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    wrong = [name for name, text in wanted.items()
             if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    return sorted(wrong + [name for name in present - set(wanted)])


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    args = [a for a in argv if a != "--check"]
    folder = Path(args[0]) if args else DOCS_FOLDER
    if check_only:
        wrong = stale(folder)
        for name in wrong:
            print(printable(f"{folder / name}: out of date (run python -m claimlint.ruledoc)"), file=sys.stderr)
        return 1 if wrong else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale(folder):
        target = folder / name
        wanted = pages().get(name)
        if wanted is None:
            target.unlink()
        else:
            target.write_text(wanted, encoding="utf-8")
        print(printable(f"wrote {target}" if wanted is not None else f"removed {target}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
