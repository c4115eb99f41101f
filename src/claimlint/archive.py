"""Checking against an indexed archive (`check` with an archive, and `audit`).

The index is brought up to date first; then each article's stored document findings are
joined with CL102 over the whole archive, and its suppression comments applied.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from itertools import chain
from typing import Iterable, Optional, Sequence

from .index.analysis import Analysis, analyse
from .index.refresh import Plan, Refreshed, refresh
from .index.store import Index, default_path
from .linter import Run, _display, collect, finding_order, suppress
from .model import Document, Finding
from .rules import cross_article


def open_index(root: str, path: Optional[str] = None) -> Index:
    return Index(path or default_path(root))


def created(index: Index) -> list[str]:
    """What to tell the user about the index: where it was made, when it is new."""
    return [f"created the claims index {index.path}"] if index.created else []


def final_findings(index: Index, settings, only: Optional[set[str]] = None,
                   extra: Sequence[Analysis] = (), observe=None) -> list[Finding]:
    """Findings of the indexed articles in `only` (all when None) and of `extra` articles
    that are not in the archive but are compared with it. `observe(key, group, findings)`
    sees every identity group that CL102 reported on."""
    wanted = None if only is None else set(only) | {a.path for a in extra}
    findings: list[Finding] = []
    with index.snapshot():  # another run may be writing the index meanwhile
        cross = _cross(index, settings, only, extra, wanted, observe)
        stored = index.documents(only, claims=False) if only is None or only else ()
        for result in chain(stored, extra):  # an unreadable article has no findings
            findings += suppress(result.path, result.suppressions,
                                 result.findings + cross.pop(result.path, []), settings)
    findings.sort(key=finding_order)
    return findings


def _cross(index, settings, only, extra, wanted, observe) -> dict[str, list[Finding]]:
    outside = cross_article.group_claims(((a.path, a.claims) for a in extra), settings.vocab)
    if only is None:
        groups = index.groups(contested=not extra)
    else:
        keys = index.identities(only) | {_stored(k) for k in outside}
        groups = index.groups(keys) if keys else iter(())
    out: dict[str, list[Finding]] = defaultdict(list)
    for key, group in chain(groups, [(k, {}) for k in list(outside)]):
        group = {**group, **outside.pop(key, {})}
        if wanted is not None and wanted.isdisjoint(group):
            continue
        found = list(cross_article.check_group(key, group, settings))
        if found and observe is not None:
            observe(key, group, found)
        for finding in found:
            if wanted is None or finding.location.path in wanted:
                out[finding.location.path].append(finding)
    return out


def _stored(key: tuple) -> str:
    return json.dumps(list(key), ensure_ascii=False)


def check_against_archive(paths: Iterable[str], settings, plan: Plan) -> Run:
    """`claimlint check PATHS` when an archive is configured: PATHS inside it come from
    the (refreshed) index, others are analysed here; all are compared with the archive."""
    run = Run()
    index = open_index(settings.archive)
    run.news += created(index)
    try:
        refreshed = refresh(index, settings.archive, settings, plan)
        run.errors += refreshed.errors
        archived = set(refreshed.paths)
        inside, outside = set(), []
        for path in collect(paths, run):
            display = "-" if path == "-" else _display(path)
            if display in archived:
                inside.add(display)
            else:
                outside += _analyse_here(path, settings, plan, run)
        with index.snapshot():
            for result in index.documents(inside):
                _note(result, run)
                run.documents.append((_light(result.path), result.claims))
            for result in outside:
                run.documents.append((_light(result.path), result.claims))
            run.findings = final_findings(index, settings, inside, outside)
    finally:
        index.close()
    return run


def _analyse_here(path: str, settings, plan: Plan, run: Run) -> list[Analysis]:
    from .linter import read

    doc = read(path, settings, run, plan.max_bytes)
    if doc is None:
        return []
    from .load.reader import RawText
    result = analyse(doc.path, RawText(doc.source), "", settings)
    _note(result, run, notices=False)
    return [result]


def _note(result: Analysis, run: Run, notices: bool = True) -> None:
    if result.error:
        run.errors.append(result.error)
    if notices:
        run.notices += [named(result.path, n) for n in result.notices]


def named(path: str, notice: str) -> str:
    """A stored notice as shown: `PATH: what` (notices read from a file carry no name)."""
    return notice if notice.startswith(f"{path}: ") else f"{path}: {notice}"


def _light(path: str) -> Document:
    """The article's text for reports that quote it (no parsing needed)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            source = fh.read()
    except OSError:
        source = ""
    return Document(path, source, source, "")


def audit_plan(jobs: Optional[int], engine: str, scheduler: Optional[str], max_bytes: int,
               progress: bool) -> Plan:
    return Plan(engine=engine, jobs=jobs or os.cpu_count() or 1, scheduler=scheduler,
                max_bytes=max_bytes, progress=progress)


__all__ = ["Plan", "Refreshed", "audit_plan", "check_against_archive", "final_findings",
           "open_index"]
