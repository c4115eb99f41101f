"""`claimlint facts suggest DIR`: a facts file drafted from what an archive's pages agree on.

For each identity (kind, measure, subject: what CL102 compares) stated by at least
`min_articles` articles, the value that most articles state becomes a fact, when more than
half of them state it: `equal` for one value, `within` for a range that every agreeing
claim keeps, `overlaps` when agreeing claims reach past it (open ends such as "from
$6,500"); the tolerance is the largest relative deviation among the agreeing claims. The
pages that agree are its `source`, those that disagree are listed in a comment above it,
`as_of` is today and `review: true` marks it as a draft until an editor removes it.

An identity is left out when a fact could not say it precisely: its measure depends on the
treatment family (facts name treatments), no variant is known while other claims of the
same subject name one, or the same subject is priced in another currency (a fact applies
to a claim whatever its currency).
"""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .model import Claim
from .rules.compare import agree, describe, scaled

MAX_SOURCES = 10  # pages named in `source:`; the comment gives the count


@dataclass(frozen=True)
class Outlier:
    path: str
    line: int
    text: str


@dataclass
class Suggestion:
    id: str
    kind: str
    subject: dict[str, str]
    low: Optional[float]
    high: Optional[float]
    unit: str
    policy: str
    tolerance: float  # relative
    label: str
    value_text: str
    agreeing: list[str]
    outliers: list[Outlier]
    articles: int


@dataclass
class Draft:
    suggestions: list[Suggestion] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> identities
    articles: int = 0


def draft(groups: Iterable[tuple[tuple, dict[str, list[Claim]]]], vocab, existing, tolerance: dict,
          min_articles: int) -> Draft:
    """Suggestions for `groups` (identity -> {path: claims}), as index.groups() yields them."""
    groups = [(key, group) for key, group in groups if key[0] != "year"]  # dated events: facts by hand
    keys = {key for key, _ in groups}
    out = Draft()
    for key, group in groups:
        if len(group) < min_articles:
            continue
        why = _unsayable(key, keys, vocab)
        subject = None if why else _subject(key, vocab)
        if subject is not None and _known(existing, key[0], subject):
            why = "already in your facts files"
        suggestion = None if why else _suggest(key, group, subject, tolerance.get(key[0], 0.0))
        if suggestion is None:
            out.skipped[why or "no value stated by more than half of its articles"] += 1
        else:
            out.suggestions.append(suggestion)
    _unique_ids(out.suggestions)
    return out


def drop_overreaching(result: Draft, claims: Iterable[Claim], facts: list) -> None:
    """Leave out the suggestions whose fact would also contradict claims that were not in
    its group (CL102 does not compare a milestone under a heading, a price difference or a
    vague count, but a fact holds every claim of its kind and subject): those would be
    findings nobody asked for. `facts`: the suggestions loaded back as facts, in order."""
    from .rules.fact_mismatch import _holds

    by_subject: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_subject[(claim.kind, claim.subject.measure)].append(claim)
    kept = []
    for suggestion, fact in zip(result.suggestions, facts):
        outliers = {(o.path, o.line) for o in suggestion.outliers}
        wrong = [c for c in by_subject[(suggestion.kind, suggestion.subject["measure"])]
                 if _applies_to(suggestion.subject, c) and (c.location.path, c.location.line) not in outliers
                 and not _holds(fact, c)]
        if wrong:
            result.skipped["its fact would also contradict claims CL102 does not compare "
                           "(milestones under a heading, differences, vague words)"] += 1
        else:
            kept.append(suggestion)
    result.suggestions = kept


def _applies_to(subject: dict[str, str], claim: Claim) -> bool:
    theirs = claim.subject.to_dict()
    return all(theirs.get(k) == v for k, v in subject.items())


def _fields(key: tuple, vocab) -> Optional[dict]:
    measure = vocab.measure(key[1])
    if measure is None:
        return None
    return dict(zip(measure.keys, key[3:]))


def _unsayable(key: tuple, keys: set[tuple], vocab) -> Optional[str]:
    fields = _fields(key, vocab)
    if fields is None or "family" in fields:
        return "its measure depends on the treatment family, which a fact cannot name"
    for other in keys:
        if other == key or other[:2] != key[:2]:
            continue
        theirs = _fields(other, vocab) or {}
        same_subject = {k: v for k, v in theirs.items() if k != "variant"} == \
            {k: v for k, v in fields.items() if k != "variant"}
        if not same_subject:
            continue
        if other[2] != key[2]:
            return "the same subject is stated in another currency or unit"
        if fields.get("variant") is None and theirs.get("variant") is not None:
            return "no variant, while other claims of the subject name one"
    return None


def _subject(key: tuple, vocab) -> dict[str, str]:
    fields = _fields(key, vocab) or {}
    subject = {k: v for k, v in fields.items() if k in ("treatment", "country", "variant") and v}
    subject["measure"] = key[1]
    return subject


def _known(existing, kind: str, subject: dict[str, str]) -> bool:
    """Is there a fact of this kind whose subject this one matches (it would apply here)?"""
    return any(f.claim == kind and f.subject and all(subject.get(k) == v for k, v in f.subject)
               for f in existing)


def _suggest(key: tuple, group: dict[str, list[Claim]], subject: dict, tolerance: float) -> Optional[Suggestion]:
    candidates = {}
    for claims in group.values():
        for claim in claims:
            if claim.low is not None and claim.high is not None and not claim.approximate:
                candidates.setdefault((claim.low, claim.high, claim.unit), claim)
    support = {value: [p for p, claims in group.items() if any(agree(c, rep, tolerance) for c in claims)]
               for value, rep in candidates.items()}
    ranked = sorted(support.items(), key=lambda item: (-len(item[1]), item[0][0] or 0, item[0][1] or 0))
    if not ranked or 2 * len(ranked[0][1]) <= len(group):
        return None
    if len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1]):
        return None  # a tie: no prevailing value
    (low, high, unit), agreeing = ranked[0]
    rep = candidates[(low, high, unit)]
    agreeing_claims = [c for p in agreeing for c in group[p] if agree(c, rep, tolerance)]
    outliers = [Outlier(c.location.path, c.location.line, describe(c))
                for p in group if p not in agreeing for c in group[p]]
    policy, spread = _policy(rep, agreeing_claims)
    return Suggestion("", key[0], subject, low, high, unit, policy, spread,
                      _label(key[0], subject), describe(rep), agreeing, outliers, len(group))


def _policy(rep: Claim, claims: list[Claim]) -> tuple[str, float]:
    """(policy, relative tolerance) that every agreeing claim satisfies."""
    low, high = scaled(rep)
    spread = 0.0
    reaches_past = False
    for claim in claims:
        cl, ch = scaled(claim)
        if cl is None or ch is None:
            reaches_past = True
            continue
        for x, ref in ((cl, low), (ch, high)):
            if ref:
                spread = max(spread, abs(x - ref) / abs(ref))
        if low != high and (cl < low or ch > high):
            reaches_past = True
    if low == high and not reaches_past:
        return "equal", round(spread, 4)
    return ("overlaps" if reaches_past else "within"), round(spread, 4)


def _label(kind: str, subject: dict) -> str:
    parts = [subject[k] for k in ("treatment", "country", "variant") if k in subject]
    return f"{subject['measure']} ({', '.join(parts)})" if parts else subject["measure"]


def _unique_ids(suggestions: list[Suggestion]) -> None:
    seen: Counter = Counter()
    for s in suggestions:
        parts = [s.subject["measure"]] + [s.subject[k] for k in ("treatment", "country", "variant")
                                          if k in s.subject]
        base = "suggested." + ".".join(parts)
        if s.kind in ("price", "count"):
            base += f".{s.unit.lower()}"
        seen[base] += 1
        s.id = base if seen[base] == 1 else f"{base}.{seen[base]}"


def to_yaml(result: Draft, command: str, today: datetime.date) -> str:
    lines = [f"# Drafted by `{command}` on {today.isoformat()} from {result.articles} articles.",
             "# Each fact is the value that most pages of the archive state. Review each one (is",
             "# the value right? add a real source), then delete its `review: true`. The pages that",
             "# disagree are listed above each fact: `claimlint check --facts FILE ARCHIVE` reports",
             "# them as fact mismatches (CL201), and `--fix` corrects those it safely can.",
             "facts:"]
    if not result.suggestions:
        lines[-1] = "facts: []"
    for s in result.suggestions:
        lines += _entry(s, today)
    return "\n".join(lines) + "\n"


def _entry(s: Suggestion, today: datetime.date) -> list[str]:
    disagree = len({o.path for o in s.outliers})
    lines = ["", f"  # {s.label}: {len(s.agreeing)} of {s.articles} pages state {s.value_text}; "
                 f"{disagree} disagree{'s' if disagree == 1 else ''}" + (":" if s.outliers else ".")]
    lines += [f"  #   {o.path}:{o.line} states {o.text}" for o in s.outliers]
    subject = ", ".join(f"{k}: {_scalar(v)}" for k, v in s.subject.items())
    lines += [f"  - id: {s.id}", f"    claim: {s.kind}", f"    subject: {{{subject}}}"]
    if s.low == s.high:
        lines.append(f"    value: {_number(s.low)}")
    else:
        lines += [f"    low: {_number(s.low)}", f"    high: {_number(s.high)}"]
    sources = ", ".join(s.agreeing[:MAX_SOURCES])
    if len(s.agreeing) > MAX_SOURCES:
        sources += f" and {len(s.agreeing) - MAX_SOURCES} more pages"
    lines += [f"    unit: {_scalar(s.unit)}", f"    policy: {s.policy}",
              f"    tolerance: {_tolerance(s.tolerance)}", "    severity: warning",
              f"    source: {_scalar('the archive: ' + sources)}",
              f"    as_of: {today.isoformat()}", "    review: true"]
    return lines


def _number(x: Optional[float]) -> str:
    return str(int(x)) if x is not None and float(x).is_integer() else repr(x)


def _tolerance(share: float) -> str:
    return "0" if not share else f'"{round(share * 100, 2):g}%"'


def _scalar(text: str) -> str:
    """A YAML scalar, quoted (JSON style, which YAML reads) unless plainly safe."""
    import json
    import re
    return text if re.fullmatch(r"[A-Za-z][\w.-]*", text) and text.lower() not in (
        "true", "false", "yes", "no", "on", "off", "null") else json.dumps(text, ensure_ascii=False)
