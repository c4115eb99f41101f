"""Plain text as scraped pages look: short heading lines, bullets, flattened tables and a
trailing "About Article" block of metadata lines."""
from __future__ import annotations

import regex

from ..model import Document, MetaField
from .builder import Builder, is_pipe_row, is_pipe_separator, pipe_cells, squash
from .vocab import MetadataNames

_BULLET = regex.compile(r"^\s*(?:[-*•·▪►✓✔]|\d{1,2}[.)])\s+\S")
_STEP_HEADING = regex.compile(r"^\s*(?:\d{1,2}[.)]|Step \d+:?)\s+\S")
_TERMINAL = regex.compile(r"[.!;,]\s*[\"”’')]*\s*$")
_DIGIT = regex.compile(r"\d")
_CONTINUATION = regex.compile(r"^\s*(?:\(|[$€£¥~<>≈]|\d|US\$|USD\b|N/?A\b|Unavailable\b)")


def load_plaintext(doc: Document, names: MetadataNames) -> None:
    lines = _lines(doc.text)
    trailer = _trailer_start(lines, names)
    build = Builder(doc)
    body = lines if trailer is None else lines[:trailer]
    for group in _groups(body):
        for part, is_table in _tables_within(group):
            if is_table:
                _table(build, part)
            else:
                _group_lines(build, part)
    if trailer is not None:
        _metadata(doc, lines[trailer + 1:], names)


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _groups(lines):
    group = []
    for item in lines:
        if item[2].strip():
            group.append(item)
        elif group:
            yield group
            group = []
    if group:
        yield group


def _group_lines(build: Builder, group) -> None:
    """Line by line; a pipe table kept in the text (`| a | b |`, `|---|---|`) keeps its cells."""
    header = None
    for k, (start, end, text) in enumerate(group):
        if is_pipe_row(text) and is_pipe_separator(text) and header is not None:
            continue
        if is_pipe_row(text):
            cells = pipe_cells(text, start)
            if k + 1 < len(group) and is_pipe_separator(group[k + 1][2]):
                header = tuple(build.doc.text[s:e].strip() for s, e in cells)
                build.table_header(start, end)
                continue
            if header is not None:
                build.table_row(start, end, cells, header)
                continue
        header = None
        _line(build, start, end, text)


def _line(build: Builder, start: int, end: int, text: str) -> None:
    stripped = text.strip()
    if not build.doc.title:
        build.heading(start, end, 1)
    elif _is_heading(stripped):
        level = 3 if stripped.endswith("?") else 2
        build.heading(start, end, level)
    elif _BULLET.match(text):
        build.block("list_item", start, end)
    else:
        build.block("paragraph", start, end)


def _is_heading(line: str) -> bool:
    if len(line) > 160 or _TERMINAL.search(line):
        return False
    if line.endswith("?"):
        return True
    if _BULLET.match(line) and not _STEP_HEADING.match(line):
        return False
    return len(line) <= 100 and not line.endswith(":")


def _is_flat_table(group) -> bool:
    """A header line naming columns, then rows of values, none of them a sentence."""
    if len(group) < 3:
        return False
    header = group[0][2]
    if _DIGIT.search(header) or _TERMINAL.search(header) or header.rstrip().endswith(("?", ":")):
        return False
    if any(_BULLET.match(text) or is_pipe_separator(text) for _, _, text in group):
        return False
    rows_with_numbers = sum(1 for _, _, text in group[1:] if _DIGIT.search(text))
    sentences = sum(1 for _, _, text in group[1:] if _TERMINAL.search(text) and len(text) > 80)
    return rows_with_numbers >= 2 and sentences == 0


_NUMBER_GROUP = regex.compile(r"\d[\d,.]*")


def _tables_within(group):
    """(lines, is_table) parts of a group: the whole group when it is a flattened table
    (set off by blank lines, as most scraped pages have it), else any table that starts
    inside it: a header line, then rows that each hold several numbers (one per column)."""
    if _is_flat_table(group) and not any(_opens_table(group, k) for k in range(1, len(group) - 2)):
        yield group, True
        return
    start = k = 0
    while k < len(group) - 2:
        if not _opens_table(group, k):
            k += 1
            continue
        end = k + 1
        while end < len(group) and _DIGIT.search(group[end][2]) and not _is_sentence(group[end][2]):
            end += 1
        if start < k:
            yield group[start:k], False
        yield group[k:end], True
        start = k = end
    if start < len(group):
        yield group[start:], False


def _opens_table(group, k: int) -> bool:
    header = group[k][2].strip()
    if len(header.split()) < 2 or _DIGIT.search(header) or _TERMINAL.search(header) \
            or header.endswith(("?", ":")) or _BULLET.match(header):
        return False
    rows = [text for _, _, text in group[k + 1:k + 3]]
    return all(len(_NUMBER_GROUP.findall(text)) >= 3 and not _is_sentence(text)
               and not _BULLET.match(text) for text in rows)


def _is_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text)) and len(text) > 80


def _table(build: Builder, group) -> None:
    """Rows start with a label; a line opening with '(' or a value continues the row above."""
    start, end, header_text = group[0]
    build.table_header(start, end)
    header = (squash(header_text),)
    rows: list[list[int]] = []
    for line_start, line_end, text in group[1:]:
        if rows and _CONTINUATION.match(text):
            rows[-1][1] = line_end
        else:
            rows.append([line_start, line_end])
    for row_start, row_end in rows:
        # Cells of a flattened row cannot be told apart reliably; the subject step maps
        # the k-th value of the row to the k-th column named in the header.
        build.table_row(row_start, row_end, [(row_start, row_end)], header)


def _trailer_start(lines, names: MetadataNames):
    for i in range(len(lines) - 1, -1, -1):
        if names.is_trailer_heading(lines[i][2]):
            if any(names.field_of_line(text) for _, _, text in lines[i + 1:i + 4]):
                return i
    return None


def _metadata(doc: Document, lines, names: MetadataNames) -> None:
    lines = [line for line in lines if line[2].strip()]
    for k, (start, end, text) in enumerate(lines):
        found = names.field_of_line(text)
        if not found:
            continue
        field, raw_name, value_offset = found
        value = text[value_offset:].strip()
        if not value and k + 1 < len(lines) and _value_below(text, lines[k + 1][2], names):
            start, end, text = lines[k + 1]  # "Overview" on one line, its text on the next
            value, value_offset = text.strip(), 0
        if value:
            v_start = start + value_offset + (len(text[value_offset:]) - len(text[value_offset:].lstrip()))
            doc.metadata.append(MetaField(field, value, v_start, v_start + len(value), raw_name))
        else:
            name_at = start + text.index(raw_name)
            doc.metadata.append(MetaField(field, "", name_at, name_at + len(raw_name), raw_name))


def _value_below(label_line: str, below: str, names: MetadataNames) -> bool:
    """A label alone on its line with its value on the next (a <dt>/<dd> list as text);
    bulleted fields keep label and value on one line, so an empty bullet stays empty."""
    return not (_BULLET.match(label_line) or _BULLET.match(below) or names.field_of_line(below))
