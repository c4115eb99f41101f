"""The phrase check kind: packs of regular expressions with a message, a reason and a
source, read from YAML (lint_rules/claims.yaml, lint_rules/artifacts.yaml).

A user's pattern runs under the `regex` module's timeout, so a catastrophically
backtracking expression costs at most PATTERN_TIMEOUT seconds (plus TIMEOUT_PER_MB for each
megabyte searched) per file, never a hang.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from ..errors import ConfigError
from ..yamlio import boolean, check_keys, kind_of, load_yaml, where

PATTERN_TIMEOUT = 0.5
TIMEOUT_PER_MB = 0.25  # the built-in patterns need about 0.03 s per MB
_FIELDS = {"id", "pattern", "unless", "requires", "message", "reason", "source", "severity",
           "formats", "case_sensitive", "on"}
_FORMATS = ("text", "markdown", "html")


@dataclass(frozen=True)
class Phrase:
    id: str
    pattern: "regex.Pattern"
    message: str
    reason: str
    source: str
    severity: Optional[str]
    unless: Optional["regex.Pattern"]  # in the same sentence, this silences the phrase
    requires: Optional["regex.Pattern"]  # the phrase counts only in an article this matches
    formats: tuple[str, ...]  # empty: every format
    on: str  # "text": the visible text; "source": the raw file (markup debris)
    origin: str  # file:line, for messages about the pack itself


@dataclass(frozen=True)
class Hit:
    phrase: Phrase
    start: int
    end: int


def load_phrases(path: str, section: str, sections: tuple[str, ...] = ()) -> list[Phrase]:
    """The phrases of `section` in the pack at `path` (which may hold `sections`)."""
    data = load_yaml(path)
    check_keys(path, data, set(sections or (section,)), f"{section} pack")
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise ConfigError(f"`{section}` must be a list of phrases, not {kind_of(entries)}",
                          where(path, data, section))
    phrases = [_phrase(path, entry, where(path, entries, i)) for i, entry in enumerate(entries)]
    seen: dict[str, str] = {}
    for phrase in phrases:
        if phrase.id in seen:
            raise ConfigError(f"duplicate phrase id {phrase.id!r} (first at {seen[phrase.id]})",
                              phrase.origin)
        seen[phrase.id] = phrase.origin
    return phrases


def _phrase(path: str, entry, at: str = "") -> Phrase:
    check_keys(path, entry, _FIELDS, "phrase", at)
    for required in ("id", "pattern", "message"):
        if entry.get(required) in (None, ""):
            raise ConfigError(f"phrase is missing {required!r}", where(path, entry))
    name = entry["id"]
    if not isinstance(name, (str, int)) or isinstance(name, bool):
        raise ConfigError(f"phrase `id` must be a text, not {kind_of(name)}", where(path, entry, "id"))
    for key in ("pattern", "unless", "requires", "message", "reason", "source"):
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(f"phrase {name!r}: `{key}` must be a text, not {kind_of(entry[key])}",
                              where(path, entry, key))
    severity = entry.get("severity")
    if severity is not None and severity not in ("info", "warning", "error"):
        raise ConfigError(f"phrase {name!r}: `severity` must be info, warning or error, not "
                          f"{kind_of(severity)}", where(path, entry, "severity"))
    formats = entry.get("formats") or []
    formats = [formats] if isinstance(formats, str) else formats
    if not isinstance(formats, list) or any(f not in _FORMATS for f in formats):
        raise ConfigError(f"phrase {name!r}: `formats` must list some of {', '.join(_FORMATS)}, "
                          f"not {kind_of(entry['formats'])}", where(path, entry, "formats"))
    on = entry.get("on", "text")
    if on not in ("text", "source"):
        raise ConfigError(f"phrase {name!r}: `on` must be text or source, not {kind_of(on)}",
                          where(path, entry, "on"))
    flags = 0 if boolean(path, entry, "case_sensitive", False) else regex.I
    return Phrase(
        str(name), _compile(path, entry, "pattern", flags), entry["message"],
        entry.get("reason", ""), entry.get("source", ""), severity,
        _compile(path, entry, "unless", regex.I) if entry.get("unless") else None,
        _compile(path, entry, "requires", regex.I) if entry.get("requires") else None,
        tuple(formats), on, where(path, entry))


def _compile(path: str, entry, key: str, flags: int) -> "regex.Pattern":
    try:
        return regex.compile(entry[key], flags | regex.M)
    except regex.error as exc:
        raise ConfigError(f"invalid regular expression in {key} of phrase {entry.get('id')!r}: "
                          f"{exc}", where(path, entry, key)) from None


_CLAUSE_END = regex.compile(r"[,;:()\u2013\u2014]|\s(?:but|so|yet|while|whereas|although)\s", regex.I)


def clause_end(text: str, start: int, stop: int) -> int:
    """Where the clause that goes on at `start` ends (at most `stop`). A negation counts
    anywhere before a phrase in its sentence, but after it only within its clause:
    "cures arthritis, so a replacement is never needed" is no negated cure."""
    match = _CLAUSE_END.search(text, start, stop)
    return match.start() if match else stop


def find_phrases(phrases: list[Phrase], text: str, source: str, fmt: str,
                 sentence_of, path: str = "") -> Iterator[Hit]:
    """Each match of each phrase, skipping those that `unless` matches in their sentence up
    to the end of their clause.

    A pattern that runs past PATTERN_TIMEOUT is a faulty rule pack: ConfigError, naming
    the phrase (file:line) and the article (`path`) it choked on."""
    for phrase in phrases:
        if phrase.formats and fmt not in phrase.formats:
            continue
        haystack = source if phrase.on == "source" else text
        timeout = PATTERN_TIMEOUT + TIMEOUT_PER_MB * len(haystack) / 1e6
        key = "pattern"
        try:
            if phrase.requires is not None:
                key = "requires"  # "FDA-approved" is false of stem cells, true of LASIK lasers
                if not phrase.requires.search(text, timeout=timeout):
                    continue
                key = "pattern"
            # All matches first: the regex timeout counts CPU time from the first match, so
            # work done between two matches (sentence splitting, the caller's) must not count.
            spans = [m.span() for m in phrase.pattern.finditer(haystack, timeout=timeout)
                     if m.end() > m.start()]
            for start, end in spans:
                if phrase.unless is not None:
                    s0, s1 = sentence_of(start)
                    s1 = clause_end(text, end, s1)
                    key, timeout = "unless", PATTERN_TIMEOUT
                    if phrase.unless.search(text, s0, s1, timeout=timeout):
                        continue
                yield Hit(phrase, start, end)
        except TimeoutError:
            on = f" on {path}" if path else ""
            raise ConfigError(f"{key} of phrase {phrase.id!r} took longer than "
                              f"{timeout:.1f}s{on} (catastrophic backtracking?); "
                              "simplify it", phrase.origin) from None
