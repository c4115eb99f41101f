"""The subject vocabulary (lint_rules/subjects.yaml), compiled for matching.

Terms are found with spaCy's PhraseMatcher on token sequences, so `non-cultured` never
matches inside `uncultured` and `US` never matches the pronoun `us`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..errors import ConfigError
from ..extract.nlp import MAX_SPACY_CHARS
from ..yamlio import check_keys, load_yaml, where

FIELDS = ("treatment", "country", "variant")


@dataclass(frozen=True)
class Term:
    start: int  # character offsets in the matched text
    end: int
    field: str  # treatment | country | variant
    value: str


@dataclass
class Measure:
    name: str
    kinds: tuple[str, ...]
    keys: tuple[str, ...]
    cues: Optional["regex.Pattern"]
    patterns: tuple["regex.Pattern", ...]
    default: bool = False
    families: tuple[str, ...] = ()  # empty: a measure of any treatment


@dataclass
class Vocabulary:
    treatments: dict[str, dict] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    audience: Optional["regex.Pattern"] = None  # matched right after a country
    home: Optional["regex.Pattern"] = None  # matched right before a country
    _terms: dict = field(default_factory=dict)
    _matchers: tuple = ()  # built on first use: a run served from the index never loads spaCy
    _cache: dict = field(default_factory=dict)

    def __getstate__(self) -> dict:
        """Engines ship the vocabulary to workers; each builds its own spaCy matchers."""
        return {**self.__dict__, "_matchers": (), "_cache": {}}

    @classmethod
    def load(cls, paths: list[str]) -> "Vocabulary":
        vocab = cls()
        terms: dict[str, list[tuple[str, str]]] = {f: [] for f in FIELDS}
        audience: list[str] = []
        home: list[str] = []
        for path in paths:
            vocab._read(path, load_yaml(path), terms, audience, home)
        if home:
            vocab.home = regex.compile(r"\b(?:" + "|".join(map(regex.escape, home))
                                       + r")\W{1,3}(?:the\s+)?$", regex.I)
        vocab.audience = regex.compile(r"\W{0,3}(?:" + "|".join(map(regex.escape, audience))
                                       + r")\b", regex.I) if audience else None
        vocab._terms = terms
        return vocab

    def _read(self, path, data, terms, audience, home) -> None:
        check_keys(path, data, {"treatments", "countries", "variants", "measures",
                                "audience_words", "home_words"}, "subjects pack")
        for name, spec in (data.get("treatments") or {}).items():
            check_keys(path, spec, {"family", "aliases", "generic", "success_ceiling"},
                       f"treatment {name!r}")
            self.treatments[name] = {"family": spec.get("family", name),
                                     "generic": bool(spec.get("generic")),
                                     "success_ceiling": _ceiling(path, spec, name)}
            terms["treatment"] += [(str(a), name) for a in spec.get("aliases") or ()]
        for name, spec in (data.get("countries") or {}).items():
            check_keys(path, spec, {"aliases", "cities"}, f"country {name!r}")
            terms["country"] += [(str(a), name) for a in (spec.get("aliases") or ())]
            terms["country"] += [(str(a), name) for a in (spec.get("cities") or ())]
        for name, aliases in (data.get("variants") or {}).items():
            if not isinstance(aliases, list):
                raise ConfigError(f"variant {name!r} must be a list of aliases",
                                  where(path, data["variants"], name))
            terms["variant"] += [(str(a), name) for a in aliases]
        audience += [str(w) for w in data.get("audience_words") or ()]
        home += [str(w) for w in data.get("home_words") or ()]
        for name, spec in (data.get("measures") or {}).items():
            self.measures.append(_measure(path, name, spec))

    def family(self, treatment: Optional[str]) -> Optional[str]:
        return self.treatments.get(treatment, {}).get("family") if treatment else None

    def success_ceiling(self, treatment: Optional[str]) -> Optional[float]:
        """The highest success rate the treatment's evidence supports, if the pack says."""
        return self.treatments.get(treatment, {}).get("success_ceiling") if treatment else None

    def is_generic(self, treatment: str) -> bool:
        return self.treatments.get(treatment, {}).get("generic", False)

    def measure(self, name: Optional[str]) -> Optional[Measure]:
        return next((m for m in self.measures if m.name == name), None)

    def find_terms(self, text: str) -> tuple[Term, ...]:
        """Terms in `text`, longest match first where they overlap; short texts are cached."""
        cached = self._cache.get(text)
        if cached is None:
            if not self._matchers:
                self._matchers = _matchers(self._terms)
            cached = _find_long(self._matchers, text) if len(text) > MAX_SPACY_CHARS \
                else _find(self._matchers, text)
            if len(text) <= 300:
                if len(self._cache) > 20000:
                    self._cache.clear()
                self._cache[text] = cached
        return cached


def _ceiling(path: str, spec: dict, name: str) -> Optional[float]:
    value = spec.get("success_ceiling")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
        raise ConfigError(f"success_ceiling of treatment {name!r} must be a percentage between 0 "
                          f"and 100, not {value!r}", where(path, spec, "success_ceiling"))
    return float(value)


def _measure(path: str, name: str, spec) -> Measure:
    check_keys(path, spec, {"kinds", "keys", "cues", "patterns", "default", "families"},
               f"measure {name!r}")
    cues = [str(c) for c in spec.get("cues") or ()]
    cue_re = None
    if cues:
        body = "|".join(regex.escape(c.rstrip("*")) + (r"\w*" if c.endswith("*") else r"\b")
                        for c in sorted(cues, key=len, reverse=True))
        cue_re = regex.compile(rf"\b(?:{body})", regex.I)
    patterns = []
    for pattern in spec.get("patterns") or ():
        try:
            patterns.append(regex.compile(str(pattern).replace("{Q}", "\x00Q\x00")
                                          .replace(r"\{Q\}", "\x00Q\x00")
                                          .replace("\x00Q\x00", r"\{Q\}"), regex.I))
        except regex.error as exc:
            raise ConfigError(f"invalid regular expression in measure {name!r}: {exc}",
                              where(path, spec, "patterns")) from None
    families = spec.get("families") or []
    if not isinstance(families, list) or not all(isinstance(f, str) for f in families):
        raise ConfigError(f"families of measure {name!r} must be a list of treatment families",
                          where(path, spec, "families"))
    return Measure(name, tuple(spec.get("kinds") or ()), tuple(spec.get("keys") or FIELDS),
                   cue_re, tuple(patterns), bool(spec.get("default")), tuple(families))


def _is_exact(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 4 and all(c.isupper() for c in letters)


def _matchers(terms):
    from spacy.matcher import PhraseMatcher

    from ..extract.nlp import blank_pipeline

    nlp = blank_pipeline()
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    labels = {}
    for fieldname, pairs in terms.items():
        for alias, value in pairs:
            key = f"{fieldname}\x1f{value}"
            labels[key] = (fieldname, value)
            matcher = exact if _is_exact(alias) else lower
            matcher.add(key, [nlp.make_doc(alias)])
    return nlp, lower, exact, labels


def _find_long(matchers, text: str) -> tuple[Term, ...]:
    """spaCy takes at most MAX_SPACY_CHARS at once: read overlapping windows cut at spaces."""
    terms: dict[tuple[int, int], Term] = {}
    pos, overlap = 0, 200
    while pos < len(text):
        stop = min(len(text), pos + MAX_SPACY_CHARS)
        if stop < len(text):
            cut = text.rfind(" ", pos + overlap + 1, stop)
            stop = cut if cut > pos else stop
        for term in _find(matchers, text[pos:stop]):
            terms.setdefault((pos + term.start, pos + term.end),
                             Term(pos + term.start, pos + term.end, term.field, term.value))
        if stop >= len(text):
            break
        pos = max(pos + 1, stop - overlap)
        while pos < stop and not text[pos - 1].isspace():  # start a window on a word
            pos += 1
    return tuple(sorted(terms.values(), key=lambda t: t.start))


def _find(matchers, text: str) -> tuple[Term, ...]:
    from spacy.util import filter_spans

    nlp, lower, exact, labels = matchers
    doc = nlp.make_doc(text)
    spans = []
    for matcher in (lower, exact):
        for key, start, end in matcher(doc):
            span = doc[start:end]
            span.label_ = nlp.vocab.strings[key]
            spans.append(span)
    by_field: dict[str, list] = {}
    for span in spans:
        by_field.setdefault(labels[span.label_][0], []).append(span)
    terms = []
    for fieldname, field_spans in by_field.items():  # "FUE" is a treatment and a variant
        for span in filter_spans(field_spans):
            terms.append(Term(span.start_char, span.end_char, fieldname, labels[span.label_][1]))
    return tuple(sorted(terms, key=lambda t: (t.start, t.field)))
