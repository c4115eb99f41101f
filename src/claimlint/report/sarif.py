"""SARIF 2.1.0, shaped for GitHub code scanning (`github/codeql-action/upload-sarif`).

GitHub matches alerts across runs by `partialFingerprints` (and folds results that share
one, so a repeated finding's fingerprint gets `/2`, `/3`... in the order of the file),
shows `shortDescription`, `fullDescription` and `help` from the rule (the generated page of
docs/rules), and links the related locations (the other side of a conflict) that the
result message embeds as `[text](id)`. URIs are relative to the project root, named
`%SRCROOT%` in `originalUriBaseIds`.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from claimlint.model import Finding, Location
from claimlint.report.common import TOOL_NAME, TOOL_URL, rule_url
from claimlint.rules.base import RuleMeta

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
FINGERPRINT_KEY = "claimlintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


ROOT_DESCRIPTION = ("The project root: the folder of claimlint's configuration file, else the top"
                    " of the git work tree. Every artifact URI is relative to it.")


def render(findings: list[Finding], rules: list[RuleMeta], *, tool_version: str,
           root: Optional[str] = None) -> str:
    """`root`: the project root's folder (absolute), which paths are relative to."""
    descriptors, index = _rules(findings, rules)
    run = {
        "tool": {"driver": {
            "name": TOOL_NAME,
            "version": tool_version,
            "informationUri": TOOL_URL,
            "rules": descriptors,
        }},
        # Columns count characters (Python str offsets), not UTF-16 code units.
        "originalUriBaseIds": {"%SRCROOT%": _root(root)},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], fp) for f, fp in zip(findings, _fingerprints(findings))],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rules(findings: list[Finding], rules: list[RuleMeta]) -> tuple[list[dict], dict[str, int]]:
    """Descriptors for every known rule, plus one made up for any rule a finding names
    but the registry does not list, so that every `ruleIndex` points somewhere."""
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.code not in index:
            index[rule.code] = len(descriptors)
            descriptors.append(_descriptor(rule))
    for f in findings:
        if f.rule not in index:
            index[f.rule] = len(descriptors)
            stand_in = RuleMeta(f.rule, f.name, f.category, f.severity, f.name, "")
            descriptors.append(_descriptor(stand_in))
    return descriptors, index


def _root(root: Optional[str]) -> dict:
    out: dict = {"description": {"text": ROOT_DESCRIPTION}}
    if root:
        out["uri"] = Path(root).as_uri().rstrip("/") + "/"
    return out


def _fingerprints(findings: list[Finding]) -> list[Optional[str]]:
    """Each finding's fingerprint, made distinct: the n-th finding with one gets `/n`."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        seen[f.fingerprint] += 1
        n = seen[f.fingerprint]
        out.append(None if not f.fingerprint else f.fingerprint if n == 1 else f"{f.fingerprint}/{n}")
    return out


def _descriptor(rule: RuleMeta) -> dict:
    from claimlint import ruledoc

    doc = rule.doc.strip() or rule.summary
    known = bool(rule.doc.strip()) and _is_registered(rule)
    short = ruledoc.summary(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": " ".join([short, *ruledoc.body(rule)[:1]])},
        "help": {"text": ruledoc.plain(rule) if known else doc,
                 "markdown": ruledoc.markdown(rule) if known else doc},
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }


def _is_registered(rule: RuleMeta) -> bool:
    from claimlint.rules import all_rules
    return rule in all_rules()


def _result(finding: Finding, rule_index: int, fingerprint: Optional[str]) -> dict:
    result = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": _physical(finding.location)}],
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(loc), "message": {"text": _related_text(loc)}}
            for i, loc in enumerate(finding.related, start=1)
        ]
    if fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if finding.fix is not None:
        result["fixes"] = [{
            "description": {"text": finding.fix.description},
            "artifactChanges": [{
                "artifactLocation": _artifact(finding.location.path),
                "replacements": [{
                    "deletedRegion": _region(finding.location, snippet=False),
                    "insertedContent": {"text": finding.fix.replacement},
                }],
            }],
            "properties": {"safe": finding.fix.safe},
        }]
    return result


def _message(finding: Finding) -> str:
    """The message, with each related location linked where the message mentions it
    (`a.md:12` or `line 12`) and appended as `See also [a.md:12](1)` where it does not."""
    text = _escape(finding.message)
    unmentioned = []
    for i, loc in enumerate(finding.related, start=1):
        path = re.escape(_escape(loc.path))
        mention = re.compile(rf"(?<![\w./-])(?:{path}:{loc.line}|line {loc.line})\b")
        linked, found = _link_first(text, mention, i)
        if found:
            text = linked
        else:
            unmentioned.append(f"[{_escape(loc.path)}:{loc.line}]({i})")
    if unmentioned:
        text = text.rstrip()
        text += " " if text.endswith((".", "!", "?")) else ". "
        text += f"See also {', '.join(unmentioned)}."
    return text


def _link_first(text: str, pattern: re.Pattern, link_id: int) -> tuple[str, bool]:
    """Turn the first match of `pattern` outside an existing link into `[match](id)`."""
    for match in pattern.finditer(text):
        if _inside_link(text, match.start()):
            continue
        start, end = match.span()
        return f"{text[:start]}[{match.group()}]({link_id}){text[end:]}", True
    return text, False


def _inside_link(text: str, pos: int) -> bool:
    opened = [m.start() for m in re.finditer(r"(?<!\\)\[", text[:pos])]
    closed = [m.start() for m in re.finditer(r"(?<!\\)\]", text[:pos])]
    return len(opened) > len(closed)


def _escape(text: str) -> str:
    """SARIF plain-text messages escape literal brackets (and backslashes) with a backslash."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def _related_text(loc: Location) -> str:
    return f"Also stated here: {loc.text}" if loc.text else f"{loc.path}:{loc.line}"


def _physical(loc: Location) -> dict:
    return {"artifactLocation": _artifact(loc.path), "region": _region(loc, snippet=True)}


def _artifact(path: str) -> dict:
    # A relative URI reference: forward slashes, with spaces, '%' and non-ASCII encoded.
    return {"uri": quote(path.replace("\\", "/"), safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(loc: Location, *, snippet: bool) -> dict:
    region = {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }
    if snippet and loc.text:
        region["snippet"] = {"text": loc.text}
    return region
