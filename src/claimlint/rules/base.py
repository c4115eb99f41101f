"""What every rule module declares, and the context a rule's `check()` receives."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleMeta:
    """A rule's identity and documentation, as reports and `claimlint explain` show it."""

    code: str  # stable, e.g. "CL101"
    name: str  # kebab-case, e.g. "conflicting-values"
    category: str  # one of model.CATEGORIES
    severity: str  # default severity: info | warning | error
    summary: str  # one line
    doc: str  # the module docstring: what, why, a passing and a failing example
