"""Baselines: record today's findings once, then report only new ones.

A baseline is a JSON file, one finding per line so that a review diff shows exactly which
findings were accepted or went away::

    {
      "version": 1,
      "tool": "claimlint",
      "findings": [
        {"rule": "CL201", "path": "articles/faq.md", "text": "2013", "count": 1, "fingerprint": "0b4a0242c17679b5"}
      ]
    }

Findings are matched by fingerprint alone (rule, file, subject and value; never the line),
so moving or editing the text around a finding does not bring it back. `count` is how
many findings share the fingerprint: a second identical claim added later is still new.
`rule`, `path` and `text` are there for people. Paths are as claimlint shows them, relative
to the folder it runs in, so run it from the same folder as when the baseline was written.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .errors import ConfigError
from .model import Finding
from .writefile import write_atomic

VERSION = 1
TOOL = "claimlint"


@dataclass
class Baseline:
    path: str
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Filtered:
    findings: list[Finding]  # what is new: to be reported
    hidden: int  # findings the baseline accounted for
    stale: int  # baselined findings that no longer occur


def render(findings: list[Finding]) -> str:
    """The baseline file for `findings`: sorted, one entry per fingerprint, one per line."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.fingerprint, []).append(f)
    entries = []
    for fingerprint, group in groups.items():
        first = min(group, key=lambda f: (f.location.path, f.location.line, f.location.column))
        entries.append({"rule": first.rule, "path": first.location.path,
                        "text": " ".join(first.location.text.split()),
                        "count": len(group), "fingerprint": fingerprint})
    entries.sort(key=lambda e: (e["path"], e["rule"], e["text"], e["fingerprint"]))
    lines = [json.dumps(e, ensure_ascii=False) for e in entries]
    body = ",\n".join(f"    {line}" for line in lines)
    return (f'{{\n  "version": {VERSION},\n  "tool": "{TOOL}",\n  "findings": ['
            + (f"\n{body}\n  " if lines else "") + "]\n}\n")


def write(path: str, findings: list[Finding]) -> None:
    missing = [f for f in findings if not f.fingerprint]
    if missing:  # every finding claimlint makes has one; a baseline could not hold these
        raise ConfigError(f"{len(missing)} findings have no fingerprint and cannot be baselined", path)
    write_atomic(path, render(findings))


def load(path: str) -> Baseline:
    """Read a baseline file, or raise ConfigError naming the file and what is wrong."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ConfigError("baseline file not found (write one with --write-baseline)", path) from None
    except IsADirectoryError:
        raise ConfigError("baseline is a directory, not a file", path) from None
    except UnicodeDecodeError:
        raise ConfigError("baseline file is not UTF-8 text", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the baseline: {exc.strerror or exc}", path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not valid JSON: {exc.msg}", f"{path}:{exc.lineno}:{exc.colno}") from None
    if not isinstance(data, dict) or data.get("tool") != TOOL or "findings" not in data:
        raise ConfigError('not a claimlint baseline (expected an object with "version", '
                          '"tool": "claimlint" and "findings")', path)
    if data.get("version") != VERSION:
        raise ConfigError(f"baseline version {data.get('version')!r} is not supported "
                          f"(this claimlint reads version {VERSION})", path)
    entries = data["findings"]
    if not isinstance(entries, list):
        raise ConfigError('"findings" must be a list', path)
    baseline = Baseline(path)
    first_seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: finding {number}"
        if not isinstance(entry, dict):
            raise ConfigError("must be an object", where)
        fingerprint = entry.get("fingerprint")
        if not isinstance(fingerprint, str) or not fingerprint:
            raise ConfigError('"fingerprint" must be a non-empty string', where)
        count = entry.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ConfigError(f'"count" must be a positive whole number, not {count!r}', where)
        if fingerprint in first_seen:
            raise ConfigError(f"fingerprint {fingerprint} is listed twice (also finding "
                              f"{first_seen[fingerprint]}); keep one entry with the total count", where)
        first_seen[fingerprint] = number
        baseline.counts[fingerprint] = count
    return baseline


def apply(baseline: Baseline, findings: list[Finding]) -> Filtered:
    """Hide as many findings of each fingerprint as the baseline counts; the rest are new."""
    left = Counter(baseline.counts)
    new = []
    for f in findings:
        if f.fingerprint and left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
        else:
            new.append(f)
    hidden = len(findings) - len(new)
    return Filtered(new, hidden, sum(left.values()))
