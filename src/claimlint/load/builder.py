"""Builds a Document's blocks and heading paths; shared by the three format readers."""
from __future__ import annotations

import regex

from ..model import Block, Cell, Document

_PIPE = regex.compile(r"(?<!\\)\|")  # a cell border; `\|` is a pipe inside a cell
_PIPE_SEPARATOR = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LABEL = regex.compile(r"^\s*(?:[-*•·▪►✓✔]\s*|\d{1,2}[.)]\s+)?([^:.!?\n]{2,60}?)\s*:\s*\S")
_SPACE = regex.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of white space, as a reader sees the text."""
    return _SPACE.sub(" ", text).strip()


class Builder:
    """Appends blocks in reading order, keeping the heading path of each."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._headings: list[tuple[int, str]] = []

    @property
    def heading_path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self._headings)

    def heading(self, start: int, end: int, level: int) -> None:
        text = squash(self.doc.text[start:end])
        if not text:
            return
        self.doc.blocks.append(Block("heading", start, end, self.heading_path))
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        self._headings.append((level, text))
        if not self.doc.title:
            self.doc.title = text

    def block(self, kind: str, start: int, end: int) -> None:
        if not self.doc.text[start:end].strip():
            return
        label = list_label(self.doc.text[start:end]) if kind == "list_item" else ""
        self.doc.blocks.append(Block(kind, start, end, self.heading_path, label=label))

    def table_header(self, start: int, end: int) -> None:
        self.doc.blocks.append(Block("table_header", start, end, self.heading_path))

    def table_row(self, start: int, end: int, cells: list[tuple[int, int]],
                  header: tuple[str, ...]) -> None:
        text = self.doc.text
        made = tuple(Cell(s, e, header[i] if i < len(header) else "")
                     for i, (s, e) in enumerate(cells))
        label = squash(text[cells[0][0]:cells[0][1]]) if cells else ""
        self.doc.blocks.append(Block("table_row", start, end, self.heading_path, label=label,
                                     cells=made, table_header=header))


def list_label(text: str) -> str:
    """The lead-in of a list item: `Knee OA: $7,000` -> `Knee OA`."""
    match = _LABEL.match(text)
    return squash(match.group(1)) if match else ""


def is_pipe_row(line: str) -> bool:
    """A line of a pipe table (Markdown, or kept as is in scraped text): `| a | b |`."""
    stripped = line.strip()
    return stripped.startswith("|") and "|" in stripped[1:]


def is_pipe_separator(line: str) -> bool:
    """The `|---|:--:|` line under a pipe table's header."""
    return bool(_PIPE_SEPARATOR.match(line))


def pipe_cells(line: str, start: int) -> list[tuple[int, int]]:
    """Offsets of the cells of a pipe-table row that starts at `start`. Empty cells are kept,
    so that every cell stays under its own column header."""
    borders = [m.start() for m in _PIPE.finditer(line)]
    edges = list(zip([-1] + borders, borders + [len(line)]))
    if line.lstrip().startswith("|"):
        edges = edges[1:]  # the text before the leading border
    if edges and not line[edges[-1][0] + 1:].strip():
        edges = edges[:-1]  # after the trailing border
    return [(start + a + 1, start + b) for a, b in edges]
