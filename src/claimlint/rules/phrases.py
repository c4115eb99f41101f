"""The phrase check kind: packs of regular expressions with a message, a reason and a
source, read from YAML (lint_rules/claims.yaml, lint_rules/artifacts.yaml).

A user's pattern runs under the `regex` module's timeout, so a catastrophically
backtracking expression costs at most PATTERN_TIMEOUT seconds per block, never a hang.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from ..errors import ConfigError
from ..yamlio import check_keys, load_yaml, where

PATTERN_TIMEOUT = 0.5
_FIELDS = {"id", "pattern", "unless", "message", "reason", "source", "severity", "formats",
           "case_sensitive", "on"}


@dataclass(frozen=True)
class Phrase:
    id: str
    pattern: "regex.Pattern"
    message: str
    reason: str
    source: str
    severity: Optional[str]
    unless: Optional["regex.Pattern"]  # in the same sentence, this silences the phrase
    formats: tuple[str, ...]  # empty: every format
    on: str  # "text": the visible text; "source": the raw file (markup debris)
    origin: str  # file:line, for messages about the pack itself


@dataclass(frozen=True)
class Hit:
    phrase: Phrase
    start: int
    end: int


def load_phrases(path: str, section: str) -> list[Phrase]:
    data = load_yaml(path)
    check_keys(path, data, {section}, f"{section} pack")
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise ConfigError(f"{section} must be a list", where(path, data, section))
    return [_phrase(path, entry) for entry in entries]


def _phrase(path: str, entry) -> Phrase:
    check_keys(path, entry, _FIELDS, "phrase")
    for required in ("id", "pattern", "message"):
        if not entry.get(required):
            raise ConfigError(f"phrase is missing {required!r}", where(path, entry))
    flags = 0 if entry.get("case_sensitive") else regex.I
    return Phrase(
        str(entry["id"]), _compile(path, entry, "pattern", flags), str(entry["message"]),
        str(entry.get("reason", "")), str(entry.get("source", "")), entry.get("severity"),
        _compile(path, entry, "unless", regex.I) if entry.get("unless") else None,
        tuple(entry.get("formats") or ()), str(entry.get("on", "text")), where(path, entry))


def _compile(path: str, entry, key: str, flags: int) -> "regex.Pattern":
    try:
        return regex.compile(str(entry[key]), flags | regex.M)
    except regex.error as exc:
        raise ConfigError(f"invalid regular expression in {key} of phrase {entry.get('id')!r}: "
                          f"{exc}", where(path, entry, key)) from None


def find_phrases(phrases: list[Phrase], text: str, source: str, fmt: str,
                 sentence_of) -> Iterator[Hit]:
    """Each match of each phrase, skipping those whose sentence matches `unless`."""
    for phrase in phrases:
        if phrase.formats and fmt not in phrase.formats:
            continue
        haystack = source if phrase.on == "source" else text
        try:
            for match in phrase.pattern.finditer(haystack, timeout=PATTERN_TIMEOUT):
                if match.end() == match.start():
                    continue
                if phrase.unless is not None:
                    s0, s1 = sentence_of(match.start())
                    if phrase.unless.search(text, s0, s1, timeout=PATTERN_TIMEOUT):
                        continue
                yield Hit(phrase, match.start(), match.end())
        except TimeoutError:
            raise ConfigError(f"pattern of phrase {phrase.id!r} took longer than "
                              f"{PATTERN_TIMEOUT}s (catastrophic backtracking?)",
                              phrase.origin) from None
