"""The pipeline for a run: collect files -> load -> extract -> check -> suppress."""
from __future__ import annotations

import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .config import Settings
from .errors import ClaimlintError, InputError, InputSkipped
from .load import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, decode, parse, read_text
from .model import Claim, Document, Finding, Location, Suppression
from .rules import DOCUMENT_RULES, cross_article, unused_suppression
from .rules.context import Context
from .rules.findings import make_finding

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Run:
    documents: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # inputs that could not be read: exit 2
    notices: list[str] = field(default_factory=list)  # read, with a caveat
    news: list[str] = field(default_factory=list)  # worth saying, not a problem ("created ...")

    @property
    def claims(self) -> list[Claim]:
        return [c for _, claims in self.documents for c in claims]


def collect(paths: Iterable[str], run: Run) -> list[str]:
    """Files to read: folders are walked for article files, in a stable order."""
    files: list[tuple[str, str]] = []  # (path, key that is equal for the same file)
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            files.append((path, path))
        elif os.path.isdir(path):
            def unreadable(exc: OSError) -> None:
                run.errors.append(f"{_display(exc.filename)}: cannot read folder: {exc.strerror or exc}")

            for root, dirs, names in os.walk(path, onerror=unreadable, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                real = os.path.realpath(root)  # once per folder: a large archive has many files
                for name in sorted(names):
                    if name.lower().endswith(ARTICLE_SUFFIXES) and name.lower() != "readme.md":
                        files.append((os.path.join(root, name), os.path.join(real, name)))
        elif os.path.exists(path) or os.path.islink(path):
            files.append((path, os.path.realpath(path)))
        else:
            run.errors.append(f"{path}: no such file or directory")
    out = []
    for path, key in files:
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def read(path: str, settings: Settings, run: Run, max_bytes: int = DEFAULT_MAX_BYTES) -> Optional[Document]:
    try:
        raw = _stdin(max_bytes) if path == "-" else read_text(path, max_bytes)
        doc = parse("<stdin>" if path == "-" else _display(path), raw, settings.metadata)
    except InputError as exc:
        if exc.where and exc.where != "<stdin>":
            exc.where = _display(exc.where)  # as findings name it
        (run.notices if isinstance(exc, InputSkipped) else run.errors).append(str(exc))
        return None
    run.notices += [f"{doc.path}: {n}" for n in doc.notices]
    return doc


def _stdin(max_bytes: int):
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"skipped: more than {max_bytes / 1e6:g} MB "
                         "(raise the limit with --max-file-size)", "<stdin>")
    return decode(data, "<stdin>")


def _display(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return rel.replace(os.sep, "/")


def extract(paths: Iterable[str], settings: Settings, max_bytes: int = DEFAULT_MAX_BYTES) -> Run:
    from .extract.claims import extract_claims  # here: a run served from the index never needs it

    run = Run()
    for path in collect(paths, run):
        doc = read(path, settings, run, max_bytes)
        if doc is not None:
            run.documents.append((doc, extract_claims(doc, settings.vocab, settings.currency)))
    return run


def check(run: Run, settings: Settings, archive: Optional[list[tuple[Document, list[Claim]]]] = None) -> Run:
    """Run every enabled rule over the documents of `run`; cross-article against `archive`."""
    everything = archive if archive is not None else run.documents
    wanted = {doc.path for doc, _ in run.documents}
    cross = cross_findings(((d.path, c) for d, c in everything), settings, wanted)
    for doc, claims in run.documents:
        found = document_findings(doc, claims, settings, run.errors)
        run.findings += suppress(doc.path, doc.suppressions, found + cross.get(doc.path, []), settings)
    run.findings.sort(key=finding_order)
    return run


def finding_order(f: Finding) -> tuple:
    return (f.location.path, f.location.line, f.location.column, f.rule)


def document_findings(doc: Document, claims: list[Claim], settings: Settings,
                      errors: list[str]) -> list[Finding]:
    """Findings of the rules that need only this document (before suppression). A rule
    that fails (a phrase regex timing out) adds to `errors`; the other rules still run."""
    ctx = Context(doc, claims, settings)
    found: list[Finding] = []
    for module in DOCUMENT_RULES:
        if settings.enabled(module.META.code, doc.path):
            try:
                found += list(module.check(ctx))
            except ClaimlintError as exc:
                errors.append(str(exc))
    return found


def cross_findings(documents: Iterable[tuple[str, list[Claim]]], settings: Settings,
                   wanted: set[str]) -> dict[str, list[Finding]]:
    """CL102 findings of the articles in `wanted`, each identity group checked once."""
    out: dict[str, list[Finding]] = defaultdict(list)
    for key, group in cross_article.group_claims(documents, settings.vocab).items():
        if wanted.isdisjoint(group):
            continue
        for finding in cross_article.check_group(key, group, settings):
            if finding.location.path in wanted:
                out[finding.location.path].append(finding)
    return out


def suppress(path: str, suppressions: list[Suppression], findings: list[Finding],
             settings: Settings) -> list[Finding]:
    """Drop suppressed findings; report suppressions that suppressed nothing (CL001)."""
    used = set()
    kept = []
    for finding in findings:
        hit = next((s for s in suppressions
                    if s.first_line <= finding.location.line <= s.last_line
                    and (not s.codes or finding.rule in s.codes)), None)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    if settings.enabled(unused_suppression.META.code, path):
        ctx = Context(Document(path, "", "", ""), [], settings)
        for s in suppressions:
            if s not in used:
                where = Location(path, s.line, s.column, s.line, s.end_column, s.text)
                codes = ", ".join(s.codes) or "all rules"
                kept.append(make_finding(unused_suppression.META, ctx, where,
                                         f"suppression of {codes} suppresses nothing; remove it",
                                         key=(codes, s.first_line - s.line)))
    return kept


def failed(findings: list[Finding], fail_on: str) -> bool:
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings)
