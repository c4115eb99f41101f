"""The pipeline for a run: collect files -> load -> extract -> check -> suppress."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .config import Settings
from .errors import ClaimlintError, InputError
from .extract.claims import extract_claims
from .load import ARTICLE_SUFFIXES, DEFAULT_MAX_BYTES, decode, parse, read_text
from .model import Claim, Document, Finding, Location
from .rules import ARCHIVE_RULES, DOCUMENT_RULES, unused_suppression
from .rules.context import Context
from .rules.findings import make_finding

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Run:
    documents: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # inputs that could not be read: exit 2
    notices: list[str] = field(default_factory=list)  # read, with a caveat

    @property
    def claims(self) -> list[Claim]:
        return [c for _, claims in self.documents for c in claims]


def collect(paths: Iterable[str], run: Run) -> list[str]:
    """Files to read: folders are walked for article files, in a stable order."""
    files: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            files.append(path)
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.lower().endswith(ARTICLE_SUFFIXES) and name.lower() != "readme.md":
                        files.append(os.path.join(root, name))
        elif os.path.exists(path) or os.path.islink(path):
            files.append(path)
        else:
            run.errors.append(f"{path}: no such file or directory")
    out = []
    for f in files:
        key = os.path.realpath(f) if f != "-" else f
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def read(path: str, settings: Settings, run: Run, max_bytes: int = DEFAULT_MAX_BYTES) -> Optional[Document]:
    try:
        raw = decode(sys.stdin.buffer.read(), "<stdin>") if path == "-" else read_text(path, max_bytes)
        doc = parse("<stdin>" if path == "-" else _display(path), raw, settings.metadata)
    except InputError as exc:
        (run.notices if "skipped: binary" in exc.message else run.errors).append(str(exc))
        return None
    run.notices += [f"{doc.path}: {n}" for n in doc.notices]
    return doc


def _display(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path)
    return rel.replace(os.sep, "/")


def extract(paths: Iterable[str], settings: Settings, max_bytes: int = DEFAULT_MAX_BYTES) -> Run:
    run = Run()
    for path in collect(paths, run):
        doc = read(path, settings, run, max_bytes)
        if doc is not None:
            run.documents.append((doc, extract_claims(doc, settings.vocab, settings.currency)))
    return run


def check(run: Run, settings: Settings, archive: Optional[list[tuple[Document, list[Claim]]]] = None) -> Run:
    """Run every enabled rule over the documents of `run`; cross-article against `archive`."""
    everything = archive if archive is not None else run.documents
    for doc, claims in run.documents:
        ctx = Context(doc, claims, settings, everything)
        found: list[Finding] = []
        try:
            for module in DOCUMENT_RULES + ARCHIVE_RULES:
                if settings.enabled(module.META.code, doc.path):
                    found += list(module.check(ctx))
        except ClaimlintError as exc:
            run.errors.append(str(exc))
        run.findings += suppress(ctx, found)
    run.findings.sort(key=lambda f: (f.location.path, f.location.line, f.location.column, f.rule))
    return run


def suppress(ctx: Context, findings: list[Finding]) -> list[Finding]:
    doc = ctx.doc
    used = set()
    kept = []
    for finding in findings:
        hit = next((s for s in doc.suppressions
                    if s.first_line <= finding.location.line <= s.last_line
                    and (not s.codes or finding.rule in s.codes)), None)
        if hit is None:
            kept.append(finding)
        else:
            used.add(hit)
    if ctx.settings.enabled(unused_suppression.META.code, doc.path):
        for s in doc.suppressions:
            if s not in used:
                where = Location(doc.path, s.line, s.column, s.line, s.end_column,
                                 doc.source.split("\n")[s.line - 1][s.column - 1:s.end_column - 1])
                codes = ", ".join(s.codes) or "all rules"
                kept.append(make_finding(unused_suppression.META, ctx, where,
                                         f"suppression of {codes} suppresses nothing; remove it",
                                         key=(codes, s.first_line - s.line)))
    return kept


def failed(findings: list[Finding], fail_on: str) -> bool:
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings)
