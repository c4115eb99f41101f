"""The rule registry: every rule module, in code order."""
from __future__ import annotations

from . import (conflicting_values, cross_article, fact_mismatch, foreign_metadata,
               lost_characters, markup_debris, missing_metadata, repeated_title, risky_claim,
               success_rate, unused_suppression)
from .base import RuleMeta

MODULES = (unused_suppression, conflicting_values, cross_article, fact_mismatch,
           missing_metadata, foreign_metadata, risky_claim, success_rate, lost_characters,
           markup_debris, repeated_title)
DOCUMENT_RULES = tuple(m for m in MODULES if hasattr(m, "check"))  # CL102 works on groups
ARCHIVE_RULES = (cross_article,)


def all_rules() -> list[RuleMeta]:
    return [m.META for m in MODULES]


def rule(code: str) -> RuleMeta:
    for m in MODULES:
        if m.META.code == code.upper() or m.META.name == code.lower():
            return m.META
    raise KeyError(code)
