"""Building findings: severity from settings, and a fingerprint that survives edits."""
from __future__ import annotations

import hashlib
from typing import Optional

from ..model import Finding, Fix, Location
from .base import RuleMeta
from .context import Context


def make_finding(rule: RuleMeta, ctx: Context, location: Location, message: str, *,
                 quantity: Optional[str] = None, related: tuple[Location, ...] = (),
                 fact_id: Optional[str] = None, key: tuple = (), fix: Optional[Fix] = None,
                 severity: Optional[str] = None) -> Finding:
    """`key` identifies the finding without line numbers (rule, subject, value)."""
    level = ctx.settings.severity.get(rule.code) or severity or rule.severity
    path = ctx.settings.from_root(location.path)  # so the folder claimlint runs from does not matter
    basis = "\x1f".join(str(x) for x in (rule.code, path, *(key or (" ".join(location.text.split()),))))
    fingerprint = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
    return Finding(rule.code, rule.name, rule.category, level, location, message, quantity,
                   related, fact_id, fingerprint, fix)

