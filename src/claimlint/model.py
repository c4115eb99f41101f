"""The typed records that flow through the pipeline: load -> extract -> attach -> check -> report.

Offsets are 0-based character offsets into `Document.source`; `Position` converts them
once, in one place, to the 1-based line and column (end exclusive) that users see.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

SEVERITIES = ("info", "warning", "error")
CATEGORIES = ("intra-article", "cross-article", "fact", "metadata", "claim-risk", "artifact")
KINDS = ("price", "cell_count", "duration", "percentage", "year", "count")


@dataclass(frozen=True)
class Location:
    """A span of a file: 1-based line and column, end exclusive (as SARIF)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = ""

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column, "text": self.text}


class LineIndex:
    """Maps character offsets of one text to 1-based (line, column)."""

    def __init__(self, text: str):
        self._starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            self._starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._starts, offset) - 1
        return row + 1, offset - self._starts[row] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    header: str = ""  # the column header this cell sits under


@dataclass(frozen=True)
class Block:
    """A unit of visible text: heading, paragraph, list_item, table_row or metadata."""

    kind: str
    start: int
    end: int
    heading_path: tuple[str, ...] = ()
    label: str = ""  # list-item label ("Knee OA:"), table row label, or metadata field name
    cells: tuple[Cell, ...] = ()
    table_header: tuple[str, ...] = ()


@dataclass(frozen=True)
class MetaField:
    """A metadata field (front matter, <meta>, or a scraped 'About Article' line)."""

    name: str  # normalised: author, reviewed_by, modified, treatment, country, overview, title...
    value: str
    start: int  # span of the value, or of the field name when the value is empty
    end: int
    raw_name: str = ""


@dataclass
class Document:
    """One article. `source` is the file text; `text` is the same length with markup blanked."""

    path: str
    source: str
    text: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    metadata: list[MetaField] = field(default_factory=list)
    title: str = ""
    notices: list[str] = field(default_factory=list)
    suppressions: list["Suppression"] = field(default_factory=list)
    _lines: Optional[LineIndex] = field(default=None, repr=False)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def location(self, start: int, end: int) -> Location:
        line, col = self.lines.position(start)
        end_line, end_col = self.lines.position(end)
        return Location(self.path, line, col, end_line, end_col, self.source[start:end])

    def meta(self, name: str) -> Optional[MetaField]:
        return next((m for m in self.metadata if m.name == name), None)


@dataclass(frozen=True)
class Suppression:
    """A `claimlint-disable` comment: rule codes (empty = all) over lines [first, last]."""

    codes: tuple[str, ...]
    first_line: int
    last_line: int
    line: int  # where the comment stands
    column: int
    end_column: int
    text: str = ""  # the directive as written


@dataclass(frozen=True)
class Subject:
    treatment: Optional[str] = None
    country: Optional[str] = None
    variant: Optional[str] = None
    measure: Optional[str] = None

    def to_dict(self) -> dict:
        return {"treatment": self.treatment, "country": self.country,
                "variant": self.variant, "measure": self.measure}


@dataclass(frozen=True)
class Claim:
    """A numeric claim: `low`/`high` in `unit`; an open bound is None."""

    path: str
    start: int
    end: int
    location: Location
    kind: str
    low: Optional[float]
    high: Optional[float]
    unit: str
    qualifiers: tuple[str, ...] = ()
    comparison: bool = False
    approximate: bool = False  # vague words: "tens of millions", "thousands"
    subject: Subject = Subject()
    sources: tuple[str, ...] = ()  # where each subject field came from, e.g. "country:row"
    context: str = ""
    block_index: int = -1

    @property
    def text(self) -> str:
        return self.location.text

    def to_dict(self) -> dict:
        loc = self.location
        return {
            "path": loc.path, "line": loc.line, "column": loc.column,
            "end_line": loc.end_line, "end_column": loc.end_column, "text": loc.text,
            "kind": self.kind, "low": _num(self.low), "high": _num(self.high), "unit": self.unit,
            "qualifiers": list(self.qualifiers), "comparison": self.comparison,
            "approximate": self.approximate, "subject": self.subject.to_dict(),
            "subject_sources": list(self.sources), "context": self.context,
        }


def _num(value: Optional[float]):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    location: Location
    message: str
    quantity: Optional[str] = None  # kind of claim concerned, for conflicts and facts
    related: tuple[Location, ...] = ()
    fact_id: Optional[str] = None
    fingerprint: str = ""  # stable across edits: rule, subject and value, not line numbers
    fix: Optional["Fix"] = None

    def to_dict(self) -> dict:
        loc = self.location
        return {
            "rule": self.rule, "name": self.name, "category": self.category,
            "severity": self.severity, "path": loc.path, "line": loc.line,
            "column": loc.column, "end_line": loc.end_line, "end_column": loc.end_column,
            "text": loc.text, "message": self.message, "quantity": self.quantity,
            "related": [r.to_dict() for r in self.related], "fact_id": self.fact_id,
            "fingerprint": self.fingerprint,
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass(frozen=True)
class Fix:
    """Replace `location` (single line) with `replacement`; `safe` fixes may be applied."""

    replacement: str
    safe: bool
    description: str

    def to_dict(self) -> dict:
        return {"replacement": self.replacement, "safe": self.safe, "description": self.description}
