"""Markdown with YAML front matter: headings, lists, pipe tables and paragraphs."""
from __future__ import annotations

import regex
import yaml

from ..model import Document, MetaField
from ..yamlio import load_front_matter
from .builder import Builder, is_pipe_row, is_pipe_separator, pipe_cells
from .html import html_table
from .masking import blank
from .vocab import MetadataNames

_FRONT = regex.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", regex.S)
_FIELD = regex.compile(r"^([A-Za-z_][\w \-]*?)\s*:[ \t]*(.*)$", regex.M)
_COMMENT = regex.compile(r"<!--.*?-->", regex.S)
_FENCE = regex.compile(r"^(```|~~~).*?^\1[ \t]*$", regex.S | regex.M)
_IMAGE = regex.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = regex.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\))")
_TAG = regex.compile(r"</?[A-Za-z][^<>\n]*>")
_HTML_TABLE = regex.compile(r"\s*<table\b", regex.I)
_FOOTNOTE = regex.compile(r"\[\^[^\]\s]+\]:?")  # `[^1]` renders as a superscript marker
_EMPHASIS = regex.compile(r"\*\*|__|~~|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_HEADING = regex.compile(r"^(#{1,6})[ \t]+")
_LIST = regex.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def load_markdown(doc: Document, names: MetadataNames) -> None:
    chars = list(doc.source)
    body_start = _front_matter(doc, names, chars)
    for pattern in (_COMMENT, _FENCE, _IMAGE, _TAG, _FOOTNOTE):
        for match in pattern.finditer(doc.source, body_start):
            blank(chars, match.start(), match.end())
    for match in _LINK.finditer(doc.source, body_start):
        blank(chars, *match.span(1))
        blank(chars, *match.span(2))
    for match in _EMPHASIS.finditer(doc.source, body_start):
        blank(chars, match.start(), match.end())
    doc.text = "".join(chars)
    _blocks(doc, body_start)


def _front_matter(doc: Document, names: MetadataNames, chars: list[str]) -> int:
    match = _FRONT.match(doc.source)
    if not match:
        return 0
    block = match.group(1) or ""
    try:
        values = load_front_matter(block) or {}
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or "nested too deeply"
        doc.notices.append(f"front matter is not valid YAML{line} ({problem}); metadata not read")
        values = {}
    if not isinstance(values, dict):
        what = "a list" if isinstance(values, list) else "a single value"
        doc.notices.append(f"front matter is {what}, not `key: value` lines; metadata not read")
    else:
        offset = match.start(1) if match.group(1) else 0
        for field in _FIELD.finditer(block):
            _meta_field(doc, names, values, field, offset)
    blank(chars, 0, match.end())
    return match.end()


def _meta_field(doc, names, values, field, offset) -> None:
    raw_name = field.group(1)
    name = names.field(raw_name)
    if name is None or raw_name not in values:
        return
    value = values[raw_name]
    value = "" if value is None else str(value).strip()
    start = offset + field.start(2)
    end = offset + field.end(2)
    raw = doc.source[start:end]
    if raw.strip() in (">", "|", ">-", "|-", ""):
        start = end + 1
        nxt = regex.match(r"((?:[ \t]+.*\n?)+)", doc.source[start:])
        end = start + len(nxt.group(1).rstrip()) if nxt else start
    elif raw[:1] in "\"'" and raw.rstrip()[-1:] == raw[:1]:
        start, end = start + 1, start + len(raw.rstrip()) - 1
    if not value:
        start = offset + field.start(1)
        end = offset + field.end(1)
    doc.metadata.append(MetaField(name, value, start, end, raw_name))
    if name == "title" and value and not doc.title:
        doc.title = value


def _blocks(doc: Document, body_start: int) -> None:
    build = Builder(doc)
    chars = None
    text = doc.text
    pos = body_start
    lines = []
    for raw in text[body_start:].split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    i = 0
    paragraph: list[int] = []
    header: tuple[str, ...] = ()

    def flush():
        if paragraph:
            build.block("paragraph", paragraph[0], paragraph[1])
            paragraph.clear()

    while i < len(lines):
        start, end, line = lines[i]
        heading = _HEADING.match(line)
        if _HTML_TABLE.match(doc.source, start, end):  # its tags are blank in `line`
            flush()
            last = next((j for j in range(i, len(lines))
                         if "</table" in doc.source[lines[j][0]:lines[j][1]].lower()), len(lines) - 1)
            html_table(doc, build, start, lines[last][1])
            i = last
        elif not line.strip():
            flush()
        elif heading:
            flush()
            chars = chars or list(doc.text)
            blank(chars, start, start + heading.end())
            build.heading(start + heading.end(), end, len(heading.group(1)))
        elif is_pipe_row(line):
            flush()
            cells = pipe_cells(line, start)
            nxt = lines[i + 1][2] if i + 1 < len(lines) else ""
            if is_pipe_separator(nxt):
                header = tuple(doc.text[s:e].strip() for s, e in cells)
                build.table_header(start, end)
                i += 1
            elif not is_pipe_separator(line):
                build.table_row(start, end, cells, header)
        elif _LIST.match(line):
            flush()
            build.block("list_item", start, end)
        else:
            if not paragraph:
                paragraph.extend([start, end])
            paragraph[1] = end
        i += 1
    flush()
    if chars is not None:
        doc.text = "".join(chars)

