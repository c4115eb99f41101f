"""The `audit` command."""
from __future__ import annotations

import os
import sys

import click

from .. import display
from ..errors import EXIT_FINDINGS, EXIT_USAGE, ClaimlintError
from ..load.reader import DEFAULT_MAX_BYTES
from ..writefile import write_atomic


@click.command()
@click.argument("root", type=click.Path(file_okay=False))
@click.option("--jobs", "-j", type=click.IntRange(1), help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the per-article work runs.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler (e.g. tcp://host:8786); default: a local cluster.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write a self-contained HTML report here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the report data as JSON here.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Write the findings as CSV here.")
@click.option("--since", metavar="REF", help="Compare with `last` audit, a --json export, an index file, or a git revision.")
@click.option("--index", "index_path", type=click.Path(dir_okay=False), help="Index file (default: ROOT/.claimlint/index.sqlite).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Exit 1 when findings at or above this severity exist (default: error).")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file (default: found upward from ROOT).")
@click.option("--facts", multiple=True, type=click.Path(dir_okay=False), help="Extra facts file (repeatable).")
@click.option("--max-file-size", default=DEFAULT_MAX_BYTES // 1_000_000, show_default=True, type=click.IntRange(1), help="Skip files larger than this many MB.")
def audit(root, jobs, engine, scheduler, html_path, json_path, csv_path, since, index_path,
          fail_on, config, facts, max_file_size):
    """Audit the whole archive under ROOT: index it, check it, summarise, export."""
    from ..archive import audit_plan, created, final_findings, named, open_index
    from ..config import load_settings
    from ..index.refresh import refresh, wants_progress
    from ..linter import failed
    from . import data as report, exports, summary
    from .contested import ContestedCollector
    from .since import compare, previous_findings

    if not os.path.isdir(root):
        raise ClaimlintError("no such folder", root)
    for path in facts:
        if not os.path.isfile(path):
            raise ClaimlintError("facts file not found", path)
    settings = load_settings(config, tuple(facts), fail_on=fail_on, start=root)
    for message in settings.notices:
        display.tell(message)
    plan = audit_plan(jobs, engine, scheduler, max_file_size * 1_000_000, wants_progress())
    index = open_index(root, index_path)
    news = created(index)
    try:
        refreshed = refresh(index, root, settings, plan)
        contested = ContestedCollector(settings)
        findings = final_findings(index, settings, observe=contested)
        audit_id = index.record_audit(root, refreshed.cache_key, findings)
        documents, claims = index.counts()
        problems = refreshed.errors + [e for _, e, _ in index.summaries() if e]
        notices = [named(path, n) for path, _, ns in index.summaries() for n in ns]
        section, status = None, None
        if since:
            def audit_at(disk_root, name_root):
                from ..index.refresh import Plan
                import tempfile
                with tempfile.TemporaryDirectory(prefix="claimlint-index-") as tmp:
                    old = open_index(name_root, os.path.join(tmp, "index.sqlite"))
                    refresh(old, name_root, settings, Plan(plan.engine, plan.jobs, plan.scheduler,
                                                           plan.max_bytes), source_root=disk_root)
                    found = final_findings(old, settings)
                    old.close()
                    return found
            before = previous_findings(since, root, index, audit_id, audit_at)
            section, status = compare(findings, before, since)
    finally:
        index.close()
    data = report.report_data(root, findings, documents, claims, contested.ranked(), section, status)
    if html_path:
        from ..report import html
        write_atomic(html_path, html.render(report.for_html(data)))
    if json_path:
        write_atomic(json_path, exports.to_json(data))
    if csv_path:
        write_atomic(csv_path, exports.to_csv(data))
    click.echo(summary.render(data, refreshed))
    for message in news:
        display.tell(message)
    for message in notices:
        display.warn(message)
    for message in problems:
        display.error(message)
    if problems:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_FINDINGS if failed(findings, settings.fail_on) else 0)
