"""The per-document work of an archive run: parse, extract, and the document rules.

`analyse` is a pure function of one article's text and the settings, so any engine (a
process pool, a Dask cluster) can run it and the index can keep its result.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..load.reader import RawText
from ..model import Claim, Finding, Suppression


@dataclass
class Analysis:
    """What the index keeps of one article. `findings` are before suppression."""

    path: str  # relative to the archive root, '/'-separated
    digest: str
    format: str = ""
    title: str = ""
    metadata: list[tuple[str, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    identities: list[Optional[tuple]] = field(default_factory=list)  # per claim, for CL102
    findings: list[Finding] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    error: Optional[str] = None  # the article could not be read or checked (exit 2)


def analyse(path: str, raw: RawText, digest: str, settings) -> Analysis:
    from ..extract.claims import extract_claims
    from ..linter import document_findings
    from ..load import parse
    from ..rules.cross_article import comparable

    doc = parse(path, raw, settings.metadata)
    result = Analysis(path, digest, doc.format, doc.title,
                      [(m.name, m.value) for m in doc.metadata],
                      suppressions=list(doc.suppressions), notices=list(doc.notices))
    result.claims = extract_claims(doc, settings.vocab, settings.currency)
    result.identities = [comparable(c, settings.vocab) for c in result.claims]
    errors: list[str] = []
    result.findings = document_findings(doc, result.claims, settings, errors)
    result.error = "; ".join(errors) or None
    return result
