"""The facts check kind: canonical facts read from YAML (lint_rules/facts.yaml, --facts).

A claim is held against a fact when its kind is the fact's `claim`, one `about` term stands
in its context (sentence, list label, table row, paragraph or nearest heading), one `cue`
stands in its sentence (if cues are given), and its subject matches the fact's `subject`.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Optional

import regex

from ..errors import ConfigError
from ..model import KINDS
from ..yamlio import Mapping, check_keys, kind_of, load_yaml, where

_FIELDS = {"id", "claim", "about", "cue", "subject", "value", "low", "high", "unit", "policy",
           "tolerance", "severity", "source", "as_of", "note", "review"}
POLICIES = ("equal", "within", "overlaps")


@dataclass(frozen=True)
class Fact:
    id: str
    claim: str
    about: Optional["regex.Pattern"]
    cue: Optional["regex.Pattern"]
    subject: tuple[tuple[str, str], ...]
    low: Optional[float]
    high: Optional[float]
    unit: str
    policy: str
    tolerance: float  # absolute, or relative when `relative`
    relative: bool
    severity: str
    source: str
    note: str
    origin: str

    @property
    def definite(self) -> bool:
        return self.policy == "equal" and self.low is not None and self.low == self.high


def load_facts(path: str) -> list[Fact]:
    data = load_yaml(path)
    check_keys(path, data, {"facts"}, "facts file")
    entries = data.get("facts")
    if not isinstance(entries, list):
        raise ConfigError(f"`facts` must be a list of facts, not {kind_of(entries)}",
                          where(path, data, "facts") if "facts" in data else where(path, data))
    facts = [_fact(path, entry, where(path, entries, i)) for i, entry in enumerate(entries)]
    seen: dict[str, str] = {}
    for fact in facts:
        if fact.id in seen:
            raise ConfigError(f"duplicate fact id {fact.id!r} (first at {seen[fact.id]})", fact.origin)
        seen[fact.id] = fact.origin
    return facts


def _fact(path: str, entry, item: str = "") -> Fact:
    check_keys(path, entry, _FIELDS, "fact", item)
    at = where(path, entry)
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        raise ConfigError("fact needs an `id` (a string)", at)
    kind = entry.get("claim")
    if kind not in KINDS:
        raise ConfigError(f"fact {entry['id']!r}: `claim` must be one of {', '.join(KINDS)}",
                          where(path, entry, "claim"))
    low, high = _values(path, entry)
    policy = entry.get("policy", "equal")
    if policy not in POLICIES:
        raise ConfigError(f"fact {entry['id']!r}: `policy` must be one of {', '.join(POLICIES)}",
                          where(path, entry, "policy"))
    tolerance, relative = _tolerance(path, entry)
    subject = entry.get("subject") or {}
    if subject:
        if not isinstance(subject, Mapping):
            raise ConfigError(f"fact {entry['id']!r}: `subject` must be a mapping",
                              where(path, entry, "subject"))
        check_keys(path, subject, {"treatment", "country", "variant", "measure"}, "fact subject")
        for key, value in subject.items():
            if not isinstance(value, str) or not value:
                raise ConfigError(f"fact {entry['id']!r}: subject {key} must be a name, "
                                  f"not {kind_of(value)}", where(path, subject, key))
    for key in ("unit", "source", "note"):
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(f"fact {entry['id']!r}: `{key}` must be a text, not {kind_of(entry[key])}",
                              where(path, entry, key))
    if "as_of" in entry and not isinstance(entry["as_of"], (datetime.date, str)):
        raise ConfigError(f"fact {entry['id']!r}: `as_of` must be a date such as 2025-01-30, not "
                          f"{kind_of(entry['as_of'])}", where(path, entry, "as_of"))
    if not isinstance(entry.get("review", False), bool):  # a drafted fact (`facts suggest`)
        raise ConfigError(f"fact {entry['id']!r}: `review` must be true or false", where(path, entry, "review"))
    about = _terms(path, entry, "about")
    if about is None and not subject:
        raise ConfigError(f"fact {entry['id']!r} needs `about` or `subject`", at)
    severity = entry.get("severity", "error")
    if severity not in ("info", "warning", "error"):
        raise ConfigError(f"fact {entry['id']!r}: `severity` must be info, warning or error",
                          where(path, entry, "severity"))
    return Fact(entry["id"], kind, about, _terms(path, entry, "cue"),
                tuple(sorted((k, str(v)) for k, v in subject.items())), low, high,
                str(entry.get("unit", "")), policy, tolerance, relative, severity,
                str(entry.get("source", "")), str(entry.get("note", "")), at)


def _number(path, entry, key) -> Optional[float]:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, datetime.date):
            raise ConfigError(f"fact {entry['id']!r}: `{key}` must be a number, not a date",
                              where(path, entry, key))
        raise ConfigError(f"fact {entry['id']!r}: `{key}` must be a number, got {value!r}",
                          where(path, entry, key))
    if not math.isfinite(value):
        raise ConfigError(f"fact {entry['id']!r}: `{key}` must be a finite number, got {value!r}",
                          where(path, entry, key))
    return float(value)


def _values(path, entry):
    value = _number(path, entry, "value")
    low, high = _number(path, entry, "low"), _number(path, entry, "high")
    if value is not None:
        if low is not None or high is not None:
            raise ConfigError(f"fact {entry['id']!r}: give `value` or `low`/`high`, not both",
                              where(path, entry, "value"))
        return value, value
    if low is None and high is None:
        raise ConfigError(f"fact {entry['id']!r} needs `value`, or `low` and/or `high`", where(path, entry))
    if low is not None and high is not None and low > high:
        raise ConfigError(f"fact {entry['id']!r}: `low` is greater than `high`", where(path, entry, "low"))
    return low, high


def _tolerance(path, entry) -> tuple[float, bool]:
    raw = entry.get("tolerance", 0)
    if isinstance(raw, str) and raw.strip().endswith("%"):
        try:
            share = float(raw.strip()[:-1]) / 100
        except ValueError:
            share = -1.0
        if 0 <= share < math.inf:
            return share, True
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 <= raw < math.inf:
        return float(raw), False
    raise ConfigError(f"fact {entry['id']!r}: `tolerance` must be a number or a percentage like \"5%\"",
                      where(path, entry, "tolerance"))


def _terms(path, entry, key) -> Optional["regex.Pattern"]:
    raw = entry.get(key)
    if raw is None:
        return None
    terms = [raw] if isinstance(raw, str) else raw
    if not isinstance(terms, list) or not terms or not all(
            isinstance(t, (str, int)) and not isinstance(t, bool) and str(t).strip() for t in terms):
        raise ConfigError(f"fact {entry['id']!r}: `{key}` must be a string or a list of strings",
                          where(path, entry, key))
    body = "|".join(regex.escape(str(t)) for t in sorted(terms, key=lambda t: -len(str(t))))
    return regex.compile(rf"(?<!\w)(?:{body})(?!\w)", regex.I)
