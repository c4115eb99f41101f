"""`claimlint diff BASE [HEAD]`: the claims a change added, changed and removed, by subject.

Revisions are those of the git repository around the working directory. Without HEAD the
change is BASE against the working tree (as `git diff BASE`: tracked files as they are
on disk, plus untracked article files that are not ignored); with HEAD it is BASE against
that commit. `A..B` means BASE A and HEAD B; `A...B` compares B with the point where it
left A (`git merge-base A B`), which is what a pull request's diff shows.

Claims are compared per article and subject (what CL101 would compare: kind, measure and
subject), by value: rewording "$7,000 – $12,000" as "$7,000-$12,000" changes no claim.
When a page drops some values of a subject and gains others, the claim changed; when it
only gains or only drops values, a claim was added or removed. Paths are relative to the
top of the repository, as git shows them.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from typing import Optional

from .config import Settings
from .display import printable
from .errors import ClaimlintError, InputError
from .extract.claims import extract_claims
from .load import ARTICLE_SUFFIXES, decode, parse
from .model import Claim
from .rules.compare import describe, identity

WORKING_TREE = "working tree"
ORDER = {"changed": 0, "added": 1, "removed": 2}


@dataclass(frozen=True)
class Mention:
    line: int
    column: int
    text: str


@dataclass
class Page:
    path: str
    before: list[Mention] = field(default_factory=list)  # where the old values stood, at BASE
    after: list[Mention] = field(default_factory=list)  # where the new values stand, at HEAD


@dataclass
class Change:
    change: str  # changed | added | removed
    old: tuple[str, ...]  # values, as first written
    new: tuple[str, ...]
    pages: list[Page] = field(default_factory=list)
    old_values: tuple = ()  # (low, high, unit, approximate) of each old value
    still_old: list[Mention] = field(default_factory=list)  # other archive pages that still state it
    still_old_paths: list[str] = field(default_factory=list)  # their files, one per mention


@dataclass
class Subject:
    label: str
    kind: str
    measure: Optional[str]
    subject: dict
    changes: list[Change] = field(default_factory=list)
    identity: Optional[tuple] = None  # what CL102 compares, when the claims have one


@dataclass
class ClaimDiff:
    base: str
    base_commit: str
    head: str
    head_commit: Optional[str]  # None: the working tree
    files: list[str]
    subjects: list[Subject]
    notices: list[str] = field(default_factory=list)
    top: str = "."  # the repository's top folder: paths are relative to it

    def to_dict(self) -> dict:
        def mentions(ms):
            return [{"line": m.line, "column": m.column, "text": m.text} for m in ms]
        return {
            "base": self.base, "base_commit": self.base_commit,
            "head": self.head, "head_commit": self.head_commit, "files": self.files,
            "subjects": [{
                "label": s.label, "kind": s.kind, "measure": s.measure, "subject": s.subject,
                "changes": [{
                    "change": c.change, "from": list(c.old), "to": list(c.new),
                    "pages": [{"path": p.path, "before": mentions(p.before), "after": mentions(p.after)}
                              for p in c.pages],
                    "still_old": [{"path": path, **mentions([m])[0]}
                                  for path, m in zip(c.still_old_paths, c.still_old)],
                } for c in s.changes],
            } for s in self.subjects],
        }


class Git:
    def __init__(self, cwd: str = "."):
        out = self._run(["rev-parse", "--show-toplevel"], cwd, "not in a git repository "
                        "(claimlint diff compares revisions of the repository around the working directory)")
        self.top = out.decode("utf-8", "surrogateescape").strip()

    @staticmethod
    def _run(args: list[str], cwd: str, problem: str) -> bytes:
        try:
            done = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
        except FileNotFoundError:
            raise ClaimlintError("git is not installed (claimlint diff needs it)") from None
        if done.returncode != 0:
            raise ClaimlintError(problem)
        return done.stdout

    def run(self, *args: str, problem: str = "git failed") -> bytes:
        return self._run(list(args), self.top, problem)

    def commit(self, rev: str) -> str:
        if not rev or rev.startswith("-"):
            raise ClaimlintError(f"bad revision {rev!r}")
        out = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}",
                       problem=f"bad revision {rev!r}: no such commit in this repository")
        return out.decode().strip()

    def merge_base(self, a: str, b: str) -> str:
        return self.run("merge-base", a, b, problem=f"{a!r} and {b!r} have no common ancestor").decode().strip()

    def changed(self, base: str, head: Optional[str]) -> list[str]:
        args = ["diff", "--name-only", "--no-renames", "-z", base] + ([head] if head else [])
        names = self.run(*args, "--", problem="git diff failed").split(b"\0")
        if head is None:
            names += self.run("ls-files", "--others", "--exclude-standard", "-z",
                              problem="git ls-files failed").split(b"\0")
        paths = {n.decode("utf-8", "surrogateescape") for n in names if n}
        return sorted(p for p in paths if p.lower().endswith(ARTICLE_SUFFIXES)
                      and os.path.basename(p).lower() != "readme.md")

    def content(self, rev: Optional[str], path: str) -> Optional[bytes]:
        """The file at `rev` (None: the working tree), or None where it does not exist."""
        if rev is None:
            full = os.path.join(self.top, path)
            if not os.path.isfile(full):
                return None
            with open(full, "rb") as fh:
                return fh.read()
        try:
            return self.run("cat-file", "blob", f"{rev}:{path}", problem="missing")
        except ClaimlintError:
            return None


def changed_since(base: str, root: str) -> set[str]:
    """Files changed from where HEAD left `base` (as a pull request shows them), relative
    to the folder `root`; empty when git or the revision is not there."""
    try:
        git = Git(root)
        names = git.run("diff", "--name-only", "--no-renames", "-z", f"{base}...HEAD", "--",
                        problem="git diff failed").split(b"\0")
    except ClaimlintError:
        return set()
    here = os.path.abspath(root)
    return {os.path.relpath(os.path.join(git.top, n.decode("utf-8", "surrogateescape")), here)
            .replace(os.sep, "/") for n in names if n}


def revisions(base: str, head: Optional[str], git: Git) -> tuple[str, str, str, Optional[str]]:
    """(base name, base commit, head name, head commit or None for the working tree)."""
    if head is None and "..." in base:
        a, b = base.split("...", 1)
        a, b = a or "HEAD", b or "HEAD"
        head_commit = git.commit(b)
        return f"merge-base of {a} and {b}", git.merge_base(git.commit(a), head_commit), b, head_commit
    if head is None and ".." in base:
        a, b = base.split("..", 1)
        base, head = a or "HEAD", b or "HEAD"
    base_commit = git.commit(base)
    if head is None:
        return base, base_commit, WORKING_TREE, None
    return base, base_commit, head, git.commit(head)


def diff_claims(base: str, head: Optional[str], settings: Settings, cwd: str = ".") -> ClaimDiff:
    git = Git(cwd)
    base_name, base_commit, head_name, head_commit = revisions(base, head, git)
    files = git.changed(base_commit, head_commit)
    notices: list[str] = []
    subjects: dict[tuple, Subject] = {}
    changes: dict[tuple, Change] = {}
    for path in files:
        before = _claims(git.content(base_commit, path), path, settings, notices)
        after = _claims(git.content(head_commit, path), path, settings, notices)
        for key in sorted(set(before) | set(after), key=repr):
            old, new = before.get(key, {}), after.get(key, {})
            gone = tuple(sorted((v for v in old if v not in new), key=repr))
            came = tuple(sorted((v for v in new if v not in old), key=repr))
            if not gone and not came:
                continue
            kind = "changed" if gone and came else "added" if came else "removed"
            sample = (new.get(came[0]) if came else old.get(gone[0]))[0]
            subject = subjects.get(key)
            if subject is None:
                subject = subjects[key] = Subject(_label(sample), sample.kind, sample.subject.measure,
                                                  _subject(sample), identity=identity(sample, settings.vocab))
            old_text = tuple(describe(old[v][0]) for v in gone)
            new_text = tuple(describe(new[v][0]) for v in came)
            change = changes.get((key, gone, came))
            if change is None:
                change = changes[(key, gone, came)] = Change(kind, old_text, new_text, old_values=gone)
                subject.changes.append(change)
            change.pages.append(Page(path, [_mention(c) for v in gone for c in old[v]],
                                     [_mention(c) for v in came for c in new[v]]))
    ordered = sorted(subjects.values(), key=lambda s: (s.label, s.kind))
    for s in ordered:
        s.changes.sort(key=lambda c: (ORDER[c.change], c.old, c.new))
    return ClaimDiff(base_name, base_commit, head_name, head_commit, files, ordered, notices, top=git.top)


def _claims(data: Optional[bytes], path: str, settings: Settings, notices: list[str]) -> dict:
    """{subject key: {value: [claims in the order they stand]}} for one version of a file."""
    if data is None:
        return {}
    try:
        doc = parse(path, decode(data, path), settings.metadata)
    except InputError as exc:
        notices.append(str(exc))
        return {}
    out: dict[tuple, dict[tuple, list[Claim]]] = {}
    for claim in extract_claims(doc, settings.vocab, settings.currency):
        key = identity(claim, settings.vocab)
        if key is None:
            s = claim.subject
            key = (claim.kind, s.measure, claim.unit if claim.kind == "price" else "",
                   s.treatment, s.country, s.variant)
        value = (claim.low, claim.high, claim.unit, claim.approximate)
        out.setdefault(key, {}).setdefault(value, []).append(claim)
    return out


def _label(claim: Claim) -> str:
    s = claim.subject
    parts = [p for p in (s.treatment, s.country, s.variant) if p]
    return f"{s.measure or claim.kind} ({', '.join(parts) if parts else 'no subject'})"


def _subject(claim: Claim) -> dict:
    s = claim.subject
    return {"treatment": s.treatment, "country": s.country, "variant": s.variant}


def _mention(claim: Claim) -> Mention:
    return Mention(claim.location.line, claim.location.column, describe(claim))


def render_text(result: ClaimDiff) -> str:
    head = result.head if result.head_commit is None else f"{result.head} ({result.head_commit[:10]})"
    lines = [f"claimlint diff: {result.base} ({result.base_commit[:10]}) -> {head}",
             f"{_count(len(result.files), 'article')} changed"]
    if not result.subjects:
        lines.append("No claim was added, changed or removed.")
        return "\n".join(lines) + "\n"
    total = sum(len(c.pages) for s in result.subjects for c in s.changes)
    lines[-1] += (f"; claims of {_count(len(result.subjects), 'subject')} differ "
                  f"({_count(total, 'change')} in all)")
    for subject in result.subjects:
        lines += ["", subject.label]
        for c in subject.changes:
            pages = _count(len(c.pages), "page")
            if c.change == "changed":
                what = f"changed from {' / '.join(c.old)} to {' / '.join(c.new)} on {pages}"
            elif c.change == "added":
                what = f"added {' / '.join(c.new)} on {pages}"
            else:
                what = f"removed {' / '.join(c.old)} from {pages}"
            lines.append(f"  {what}")
            for p in c.pages:
                where = p.before if c.change == "removed" else p.after
                at = ", ".join(str(m.line) for m in where)
                lines.append(f"    {p.path}:{at}" + (f" (in {result.base})" if c.change == "removed" else ""))
            lines += _still_old_lines(c)
    return "\n".join(printable(line) for line in lines) + "\n"


def _still_old_lines(c: Change) -> list[str]:
    if not c.still_old:
        return []
    pages: dict[str, list[int]] = {}
    for path, m in zip(c.still_old_paths, c.still_old):
        pages.setdefault(path, []).append(m.line)
    lines = [f"  still {' / '.join(c.old)} on {_count(len(pages), 'other page')} of the archive:"]
    return lines + [f"    {path}:{', '.join(map(str, ls))}" for path, ls in pages.items()]


def find_still_old(result: ClaimDiff, archive: str, settings, plan) -> None:
    """For each changed claim, the other pages of `archive` (as indexed, on disk) that still
    state the old value: what a reviewer needs to know to keep the archive consistent."""
    import json as _json

    from .archive import open_index
    from .index.refresh import refresh

    wanted = [s for s in result.subjects if s.identity is not None
              and any(c.change == "changed" for c in s.changes)]
    if not wanted:
        return
    index = open_index(archive)
    try:
        refreshed = refresh(index, archive, settings, plan)
        result.notices += refreshed.errors
        keys = [_json.dumps(list(s.identity), ensure_ascii=False) for s in wanted]
        with index.snapshot():
            groups = dict(index.groups(keys))
    finally:
        index.close()
    for subject in wanted:
        group = groups.get(tuple(subject.identity), {})
        for c in (c for c in subject.changes if c.change == "changed"):
            _mark_still_old(c, group, result.top)


def _mark_still_old(change: Change, group: dict, top: str) -> None:
    changed = {os.path.join(top, p.path) for p in change.pages}
    for path in sorted(group):
        full = os.path.abspath(path)
        if full in changed:
            continue
        for claim in group[path]:
            if (claim.low, claim.high, claim.unit, claim.approximate) in change.old_values:
                change.still_old_paths.append(os.path.relpath(full, top).replace(os.sep, "/"))
                change.still_old.append(_mention(claim))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
