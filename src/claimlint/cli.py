"""The command line: extract, check, diff, rules, explain. Exit 0 clean, 1 findings, 2 usage or
configuration error (or an input that could not be read)."""
from __future__ import annotations

import json
import os
import signal
import sys
from typing import Optional

import click

from . import __version__, display
from .config import Settings, load_settings
from .errors import EXIT_FINDINGS, EXIT_USAGE, ClaimlintError, Terminated
from .linter import Run, check as run_checks, extract as run_extract, failed
from .load import DEFAULT_MAX_BYTES
from .rules import all_rules, rule as find_rule
from .writefile import write_atomic

FINDING_FORMATS = ("text", "json", "sarif", "github", "markdown", "junit", "rdjson")


class _Group(click.Group):
    """Turns every claimlint error into one line and exit 2; --debug shows the traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimlintError as exc:
            if ctx.params.get("debug"):
                raise
            display.tell(str(exc))
            ctx.exit(EXIT_USAGE)
        except KeyboardInterrupt as exc:
            display.tell("interrupted")
            ctx.exit(getattr(exc, "exit_code", 130))

    def format_commands(self, ctx, formatter):
        """Each command's whole summary (wrapped), where Click would cut it at 45 characters."""
        rows = [(name, cmd.get_short_help_str(limit=1000)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimlint")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def main(debug: bool) -> None:
    """claimlint: a content-consistency linter for medical marketing articles."""
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame) -> None:
    raise Terminated()


def _common(f):
    for option in reversed((
        click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (default: .claimlint.yaml or pyproject.toml, found upward)."),
        click.option("--facts", multiple=True, type=click.Path(dir_okay=False), help="Extra facts file for this run (repeatable)."),
        click.option("--max-file-size", default=DEFAULT_MAX_BYTES // 1_000_000, show_default=True, type=click.IntRange(1), help="Skip files larger than this many MB."),
        click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (atomically) instead of stdout."),
    )):
        f = option(f)
    return f


def _settings(config, facts, **kw) -> Settings:
    for path in facts:
        if not os.path.isfile(path):
            raise ClaimlintError("facts file not found", path)
    settings = load_settings(config, tuple(facts), **kw)
    for message in settings.notices:
        display.tell(message)
    return settings


def _emit(text: str, output: Optional[str]) -> None:
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)


def _report_problems(run: Run) -> None:
    for message in run.news:
        display.tell(message)
    for message in run.notices:
        display.warn(message)
    for message in run.errors:
        display.error(message)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
@_common
def extract(paths, fmt, config, facts, max_file_size, output):
    """Print every claim found in PATHS (files, folders, or - for stdin)."""
    settings = _settings(config, facts)
    run = run_extract(paths, settings, max_file_size * 1_000_000)
    claims = [c.to_dict() for c in run.claims]
    if fmt == "json":
        text = json.dumps({"claims": claims}, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims)
    else:
        text = _claims_table(claims)
    _emit(text, output)
    _report_problems(run)
    sys.exit(EXIT_USAGE if run.errors else 0)


def _claims_table(claims) -> str:
    from tabulate import tabulate

    def value(c):
        shown = "{}" if c["kind"] == "year" else "{:,}"  # 2009, not 2,009
        low = "…" if c["low"] is None else shown.format(c["low"])
        high = "…" if c["high"] is None else shown.format(c["high"])
        return low if low == high else f"{low} – {high}"

    rows = [[display.printable(f"{c['path']}:{c['line']}:{c['column']}"), c["kind"], value(c), c["unit"],
             " / ".join(v for v in (c["subject"]["treatment"], c["subject"]["country"],
                                    c["subject"]["variant"]) if v) or "-",
             c["subject"]["measure"] or "-", display.printable(c["text"])] for c in claims]
    return tabulate(rows, headers=["where", "kind", "value", "unit", "subject", "measure", "text"]) + \
        f"\n\n{len(claims)} claims\n"


CHECK_EPILOG = """\b
Formats (--format):
  text      findings with the line quoted (the default)
  json      every finding as an object
  sarif     SARIF 2.1.0, for GitHub code scanning
  github    workflow commands: annotations on a pull request
  markdown  tables for a job summary or a comment
  junit     JUnit XML, for CI test reports
  rdjson    reviewdog's diagnostic format

\b
Exit codes:
  0  no finding at or above --fail-on (default: error)
  1  findings at or above --fail-on (with --diff: fixes to apply)
  2  usage or configuration error, or an input that could not be read
"""


@main.command(epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FINDING_FORMATS), default="text", show_default=True,
              help="Report format (see Formats below).")
@click.option("--select", help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Exit 1 when findings at or above this severity remain (default: error).")
@click.option("--archive", type=click.Path(file_okay=False), help="Compare with every article under this folder, through its claims index (default: `archive` in the configuration).")
@click.option("--jobs", "-j", type=click.IntRange(1), help="Processes for indexing the archive (default: all cores).")
@click.option("--statistics", is_flag=True, help="Print a count of findings per rule instead of the findings.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings that this baseline file does not record.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in this baseline file and exit 0.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files checked, then report what remains.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the safe fixes as a unified diff instead of writing them (exit 1 when there are any).")
@_common
@click.pass_context
def check(ctx, paths, fmt, select, ignore, fail_on, archive, jobs, statistics, baseline, write_baseline,
          fix, show_diff, config, facts, max_file_size, output):
    """Check PATHS and report what is wrong."""
    from . import baseline as baselines
    if write_baseline and (baseline or fix or show_diff):
        raise ClaimlintError("--write-baseline cannot be combined with --baseline, --fix or --diff")
    known = baselines.load(baseline) if baseline else None
    for code in filter(None, ",".join(filter(None, (select, ignore))).split(",")):
        if not any(r.code.startswith(code.strip().upper()) for r in all_rules()):
            raise ClaimlintError(f"unknown rule code {code.strip()!r} (see `claimlint rules`)")
    settings = _settings(config, facts, select=select, ignore=ignore, fail_on=fail_on, archive=archive)
    limit = max_file_size * 1_000_000
    if settings.archive:
        from .archive import audit_plan, check_against_archive
        if not os.path.isdir(settings.archive):
            raise ClaimlintError("archive folder not found", settings.archive)
        run = check_against_archive(paths, settings, audit_plan(jobs, "local", None, limit, False))
    else:
        run = run_checks(run_extract(paths, settings, limit), settings)
    if write_baseline:
        _report_problems(run)
        if run.errors:  # a baseline missing the unreadable files would hide nothing there
            display.error(f"the baseline {write_baseline} was not written")
            sys.exit(EXIT_USAGE)
        baselines.write(write_baseline, run.findings)
        display.tell(f"wrote {_count(len(run.findings), 'finding')} to the baseline {write_baseline}")
        sys.exit(0)
    note = _apply_baseline(run, known) if known is not None else None
    if fix or show_diff:
        _fix(ctx, run, show_diff, output)
    _emit(_render(run, fmt, statistics, settings), output)
    if note:
        display.tell(note)
    _report_problems(run)
    if run.errors:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failed(run.findings, settings.fail_on) else 0)


def _apply_baseline(run: Run, known) -> str:
    from . import baseline as baselines

    kept = baselines.apply(known, run.findings)
    run.findings = kept.findings
    note = f"the baseline {known.path} hid {kept.hidden} finding{'s' if kept.hidden != 1 else ''}"
    if kept.stale:
        note += (f"; {kept.stale} recorded finding{' no longer occurs' if kept.stale == 1 else 's no longer occur'}"
                 " (refresh the baseline with --write-baseline)")
    return note


def _fix(ctx: click.Context, run: Run, show_diff: bool, output: Optional[str]) -> None:
    """--diff: print the safe fixes and exit. --fix: write them, then check again, so that
    what was fixed is gone and every position is right; with nothing written, go on."""
    from . import fixes

    plan = fixes.plan(run.findings, [d.path for d, _ in run.documents], ctx.params["paths"])
    for message in plan.notices:
        display.warn(message)
    if show_diff:
        _emit(fixes.unified_diff(plan), output)
        display.tell(f"{_count(plan.edits, 'fix', 'fixes')} would be applied in "
                     f"{_count(len(plan.files), 'file')} (nothing was written)")
        run.errors += plan.errors
        _report_problems(run)
        sys.exit(EXIT_USAGE if run.errors else EXIT_FINDINGS if plan.edits else 0)
    planned = len(plan.notices)
    written = fixes.apply(plan)
    for message in plan.notices[planned:]:
        display.warn(message)
    for filefix in written:
        for edit in filefix.edits:
            click.echo(display.printable(fixes.describe(edit)), err=True)
    edits = sum(len(f.edits) for f in written)
    display.tell(f"{_count(edits, 'fix', 'fixes')} applied in {_count(len(written), 'file')}")
    if written:
        try:
            ctx.invoke(check, **{**ctx.params, "fix": False})
        except SystemExit as exc:
            for message in plan.errors:
                display.error(message)
            sys.exit(EXIT_USAGE if plan.errors else exc.code)
    run.errors += plan.errors  # reported with the inputs that could not be read: exit 2


def _count(n: int, word: str, many: str = "") -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


ROOT_AWARE_FORMATS = ("sarif", "rdjson", "github")  # they name the root, or read files or git from it


def _render(run: Run, fmt: str, statistics: bool, settings: Settings) -> str:
    """The report; every path in it is relative to the project root (Settings.root)."""
    from .report.common import rebased
    findings = rebased(run.findings, settings.from_root)
    if statistics:
        from collections import Counter
        from tabulate import tabulate
        counts = Counter((f.rule, f.name, f.category) for f in findings)
        return tabulate([[c, n, cat, k] for (c, n, cat), k in counts.most_common()],
                        headers=["rule", "name", "category", "count"]) + "\n"
    if fmt == "json":
        return json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=1) + "\n"
    if fmt == "text":
        from .report import text
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sources = {settings.from_root(d.path): d.source for d, _ in run.documents}
        return text.render(findings, sources, colour)
    import importlib
    module = importlib.import_module(f".report.{fmt}", __package__)
    options = {"root": settings.root} if fmt in ROOT_AWARE_FORMATS else {}
    return module.render(findings, all_rules(), tool_version=__version__, **options)


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (default: .claimlint.yaml or pyproject.toml, found upward).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file (atomically) instead of stdout.")
@click.option("--archive", type=click.Path(file_okay=False), help="List the other pages of this archive that still state a changed claim's old value (default: `archive` in the configuration).")
def diff(base, head, fmt, config, output, archive):
    """Claims added, changed and removed from git revision BASE to HEAD, by subject.

    HEAD defaults to the working tree. BASE..HEAD, and BASE...HEAD (from where HEAD
    left BASE, as a pull request shows it), work too. With an archive, each changed claim
    also lists the other pages that still state its old value.
    """
    from . import gitdiff

    settings = _settings(config, (), archive=archive)
    result = gitdiff.diff_claims(base, head, settings)
    if settings.archive:
        from .archive import audit_plan
        if not os.path.isdir(settings.archive):
            raise ClaimlintError("archive folder not found", settings.archive)
        gitdiff.find_still_old(result, settings.archive, settings,
                               audit_plan(None, "local", None, DEFAULT_MAX_BYTES, False))
    if fmt == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"
    else:
        text = gitdiff.render_text(result)
    _emit(text, output)
    for message in result.notices:
        display.warn(message)


RULES_WIDTH = 100  # `claimlint rules` fits a 100-column terminal


@main.command("rules")
def list_rules():
    """List the rules: code, name, category, default severity and what each finds."""
    from tabulate import tabulate

    from .ruledoc import summary
    rules = all_rules()
    columns = zip(("code", "name", "category", "severity"),
                  *[(r.code, r.name, r.category, r.severity) for r in rules])
    fixed = sum(max(len(x) for x in column) + 2 for column in columns)
    click.echo(tabulate([[r.code, r.name, r.category, r.severity, summary(r)] for r in rules],
                        headers=["code", "name", "category", "severity", "summary"],
                        maxcolwidths=[None, None, None, None, RULES_WIDTH - fixed - 2]))


@main.command()
@click.argument("code")
@click.option("--markdown", is_flag=True, help="Print the Markdown page (as in docs/rules/CODE.md).")
def explain(code, markdown):
    """Print a rule's documentation, with a passing and a failing example and what
    claimlint reports for the failing one."""
    from . import ruledoc
    try:
        meta = find_rule(code)
    except KeyError:
        raise ClaimlintError(f"unknown rule {code!r} (see `claimlint rules`)") from None
    click.echo(ruledoc.markdown(meta) if markdown else ruledoc.plain(meta), nl=False)


@main.group()
def facts():
    """Canonical facts: draft a facts file from an archive."""


@facts.command("suggest")
@click.argument("root", type=click.Path(file_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the draft to this file (atomically) instead of stdout.")
@click.option("--min-articles", default=3, show_default=True, type=click.IntRange(2), help="Suggest a fact only for what at least this many articles state.")
@click.option("--jobs", "-j", type=click.IntRange(1), help="Processes for indexing the archive (default: all cores).")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (default: found upward from ROOT).")
@click.option("--facts", "facts_files", multiple=True, type=click.Path(dir_okay=False), help="Your facts file (repeatable): what it covers is not suggested again.")
def facts_suggest(root, output, min_articles, jobs, config, facts_files):
    """Draft a facts file from ROOT's archive: the value most of its pages state, for each
    subject stated by at least --min-articles articles, marked `review: true`."""
    import datetime

    from . import suggest
    from .archive import audit_plan, open_index
    from .index.refresh import refresh
    from .load.reader import DEFAULT_MAX_BYTES as limit

    if not os.path.isdir(root):
        raise ClaimlintError("no such folder", root)
    settings = _settings(config, facts_files, start=root)
    index = open_index(root)
    try:
        refreshed = refresh(index, root, settings, audit_plan(jobs, "local", None, limit, False))
        with index.snapshot():
            result = suggest.draft(index.groups(), settings.vocab, settings.facts, settings.tolerance,
                                   min_articles)
            command = f"claimlint facts suggest {root} --min-articles {min_articles}"
            today = datetime.date.today()
            suggest.drop_overreaching(result, (c for a in index.documents() for c in a.claims),
                                      _load_back(suggest.to_yaml(result, command, today)))
        result.articles = index.counts()[0]
    finally:
        index.close()
    text = suggest.to_yaml(result, command, today)
    _load_back(text)  # what is written must be a valid facts file
    _emit(text, output)
    outliers = sum(len({o.path for o in s.outliers}) for s in result.suggestions)
    skipped = "; ".join(f"{n} {why}" for why, n in result.skipped.most_common())
    display.tell(f"{_count(len(result.suggestions), 'fact')} drafted from "
                 f"{_count(result.articles, 'article')}; {_count(outliers, 'page')} disagree with them"
                 + (f" (skipped: {skipped})" if skipped else ""))
    for message in refreshed.errors:
        display.error(message)
    sys.exit(EXIT_USAGE if refreshed.errors else 0)


def _load_back(text: str) -> list:
    """The facts of a drafted facts file, read as `--facts` will read it."""
    import tempfile

    from .rules.facts import load_facts
    with tempfile.TemporaryDirectory(prefix="claimlint-facts-") as tmp:
        path = os.path.join(tmp, "facts.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return load_facts(path)


from .audit.command import audit  # noqa: E402  (a command of its own module, registered here)

main.add_command(audit)
