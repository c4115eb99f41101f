"""Applying safe fixes (`check --fix`) and showing them (`check --diff`).

Only fixes a rule marked safe are applied: a claim that maps to exactly one canonical fact
with a definite value in the same unit (CL201), and text debris with one obvious repair
(CL501 mojibake, CL502 stray entities and tags). Every other suggestion is shown in the
report and in SARIF `fixes`, never applied.

A file is only touched when it was one of the files being checked (never an archive file
that was only compared with), when it is UTF-8 on disk (with or without a byte-order mark;
its line endings are kept) and still holds what was checked, and when at least one fix
changes it. Fixes whose spans overlap in one file are applied first come, first served;
the rest are left for a next run. Each file is rewritten atomically.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .model import Finding
from .writefile import rewrite

_NEWLINE = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class Edit:
    start: int  # offsets into FileFix.old (the file's text as on disk, BOM excluded)
    end: int
    replacement: str
    findings: list[Finding]


@dataclass
class FileFix:
    path: str  # as shown in findings, relative to the working directory
    old: str
    new: str
    bom: bool
    raw: bytes  # the file's bytes when it was read, to notice a change before writing
    edits: list[Edit] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)  # overlapping: for a next run

    @property
    def fixed(self) -> list[Finding]:
        return [f for e in self.edits for f in e.findings]


@dataclass
class Plan:
    files: list[FileFix] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be written: exit 2

    @property
    def edits(self) -> int:
        return sum(len(f.edits) for f in self.files)

    @property
    def fixed(self) -> list[Finding]:
        return [f for ff in self.files for f in ff.fixed]


def plan(findings: list[Finding], checked: Iterable[str], roots: Iterable[str] = (".",)) -> Plan:
    """The edits the safe fixes of `findings` make to the files `checked` (display paths).
    `roots`: the paths named on the command line; no file is written outside them."""
    docs = set(checked)
    wanted: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is None or not f.fix.safe:
            continue
        loc = f.location
        if loc.path not in docs or loc.line != loc.end_line or "\n" in f.fix.replacement \
                or "\r" in f.fix.replacement:
            continue
        wanted.setdefault(loc.path, []).append(f)
    result = Plan()
    for path in sorted(wanted):
        if path in ("<stdin>", "-"):
            result.notices.append("<stdin>: fixes are not applied to standard input")
            continue
        refusal = _refusal(path, roots)
        if refusal:
            result.errors.append(f"{path}: not fixed: {refusal}")
            continue
        filefix = _plan_file(path, wanted[path], result.notices)
        if filefix is not None and filefix.new != filefix.old:
            result.files.append(filefix)
    return result


def _refusal(path: str, roots: Iterable[str]) -> str:
    """Why `path` must not be rewritten ('' when it may): a link leading out of the folders
    checked, or a read-only file (its mode says the owner wants it left as it is; root
    could write it anyway, so the mode is read rather than tried)."""
    real = os.path.realpath(path)
    if os.path.islink(path) or real != os.path.abspath(path):
        tops = [os.path.realpath(r if os.path.isdir(r) else os.path.dirname(r) or ".") for r in roots]
        if not any(os.path.commonpath([real, top]) == top for top in tops):
            return "a symbolic link to a file outside the folders checked"
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return f"cannot read it again: {exc.strerror or exc}"
    if not mode & 0o222:
        return "the file is read-only (make it writable to fix it)"
    return ""


def _plan_file(path: str, findings: list[Finding], notices: list[str]) -> Optional[FileFix]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        notices.append(f"{path}: not fixed: cannot read it again: {exc.strerror or exc}")
        return None
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[len(codecs.BOM_UTF8) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:  # UTF-16 and -32 too, and files read as Windows-1252
        notices.append(f"{path}: not fixed: the file is not UTF-8")
        return None
    starts = _line_starts(text)
    edits: list[Edit] = []
    left: list[Finding] = []
    stale = partial = 0
    for f in findings:
        loc = f.location
        if loc.line > len(starts):
            stale += 1
            continue
        start = starts[loc.line - 1] + loc.column - 1
        end = starts[loc.line - 1] + loc.end_column - 1
        if text[start:end] != loc.text:
            stale += 1  # the file changed since it was checked: leave this one alone
            continue
        if _cuts_a_number(text, start, end):
            partial += 1
            continue
        edits.append(Edit(start, end, f.fix.replacement, [f]))
    edits.sort(key=lambda e: (e.start, e.end, e.findings[0].rule))
    chosen: list[Edit] = []
    for edit in edits:
        last = chosen[-1] if chosen else None
        if last and (last.start, last.end, last.replacement) == (edit.start, edit.end, edit.replacement):
            last.findings += edit.findings  # two findings, one repair
        elif last and edit.start < last.end:
            left += edit.findings
        else:
            chosen.append(edit)
    chosen = [e for e in chosen if text[e.start:e.end] != e.replacement]
    if stale:
        notices.append(f"{path}: {stale} fix{'es' if stale > 1 else ''} not applied: the text "
                       "changed since it was checked")
    if partial:
        notices.append(f"{path}: {partial} fix{'es' if partial > 1 else ''} not applied: the text "
                       "there is not the whole number that was read (a format character or "
                       "separator joins it to more digits)")
    if left:
        notices.append(f"{path}: {len(left)} fix{'es' if len(left) > 1 else ''} overlapping another "
                       "left for a next run")
    new = text
    for edit in reversed(chosen):
        new = new[:edit.start] + edit.replacement + new[edit.end:]
    return FileFix(path, text, new, bom, raw, chosen, left)


# Characters that can continue a number when a digit or a format character follows them.
_SEPARATORS = ",.'\u066b\u066c\u00a0\u2009\u202f"


def _joins(char: str) -> bool:
    """A digit of any script, or a format character (ZWJ, soft hyphen, word joiner...)."""
    return char.isdigit() or unicodedata.category(char) == "Cf"


def _cuts_a_number(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a longer number: replacing only that part
    would write a different number (`$7` of `$7,<ZWJ>000` -> `$12,000,<ZWJ>000`)."""
    span = text[start:end]
    if not span:
        return False

    def continues(edge: str, outward: str) -> bool:
        if not (_joins(edge) or edge in _SEPARATORS) or not outward:
            return False
        return _joins(outward[0]) or (outward[0] in _SEPARATORS and len(outward) > 1
                                      and _joins(outward[1]))

    return continues(span[-1], text[end:end + 2]) or continues(span[0], text[max(0, start - 2):start][::-1])


def _line_starts(text: str) -> list[int]:
    """Where each line starts; CRLF, CR and LF all end a line, as when the file was read."""
    starts = [0]
    for match in _NEWLINE.finditer(text):
        starts.append(match.end())
    return starts


def apply(result: Plan) -> list[FileFix]:
    """Rewrite each planned file atomically; a file changed since planning is skipped."""
    written = []
    for ff in result.files:
        try:
            with open(ff.path, "rb") as fh:
                if fh.read() != ff.raw:
                    result.notices.append(f"{ff.path}: not fixed: the file changed while it was checked")
                    continue
        except OSError as exc:
            result.notices.append(f"{ff.path}: not fixed: {exc.strerror or exc}")
            continue
        try:  # a symbolic link stays a link: the file it points to is rewritten
            rewrite(os.path.realpath(ff.path), (("\ufeff" if ff.bom else "") + ff.new).encode("utf-8"))
        except OSError as exc:
            result.errors.append(f"{ff.path}: not fixed: cannot write it: {exc.strerror or exc}")
            continue
        written.append(ff)
    return written


def unified_diff(result: Plan) -> str:
    """The planned changes as one unified diff (`a/PATH`, `b/PATH`), as `git apply` reads."""
    out = []
    for ff in result.files:
        old, new = _LINE.findall(ff.old), _LINE.findall(ff.new)
        for line in difflib.unified_diff(old, new, f"a/{ff.path}", f"b/{ff.path}"):
            out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def describe(edit: Edit) -> str:
    """`path:line:col: CL201 fixed: '2014' -> '2013'`: one line per applied fix."""
    f = edit.findings[0]
    loc = f.location
    codes = ", ".join(sorted({x.rule for x in edit.findings}))
    return f"{loc.path}:{loc.line}:{loc.column}: {codes} fixed: {loc.text!r} -> {edit.replacement!r}"
