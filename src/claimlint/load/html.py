"""HTML: visible text only. Tags, comments, scripts and styles are blanked in place, so
every offset of the visible text is also an offset of the source file."""
from __future__ import annotations

import html

import regex

from ..model import Document, MetaField
from .builder import Builder
from .masking import blank, decode_entities
from .vocab import MetadataNames

_INVISIBLE = regex.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?\]\]>|<!(?:DOCTYPE|doctype)[^>]*>|<\?.*?\?>"
    r"|<(script|style|noscript|template|svg|iframe)\b[^>]*>.*?(?:</\1\s*>|\Z)", regex.S)
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_NUMERIC_REF = regex.compile(r"&#(?:(\d{1,8})|[xX]([0-9a-fA-F]{1,7}));")
_ATTR = regex.compile(r"([^\s=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "caption", "colgroup"}
# HTML spec, "Optional tags": which open element a start tag closes, and the elements that
# stop the search (a <li> in a nested list does not close the outer one).
_CLOSES_P = ("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
             "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
             "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
             "table", "ul")
_IMPLIED_END = {**{name: ("p",) for name in _CLOSES_P},
                "li": ("li", "p"), "dt": ("dt", "dd", "p"), "dd": ("dt", "dd", "p")}
_SCOPE = {"ul", "ol", "dl", "table", "td", "th", "div", "section", "article", "body", "html",
          "blockquote", "details", "main", "aside", "nav", "header", "footer"}
_SEARCH_DEPTH = 8  # an open <p> or <li> is near the top: the blocks that follow close it
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p": "paragraph", "li": "list_item", "dt": "paragraph", "dd": "paragraph",
           "blockquote": "paragraph", "figcaption": "paragraph", "caption": "paragraph",
           "div": "paragraph", "section": "paragraph", "article": "paragraph",
           "header": "paragraph", "footer": "paragraph", "main": "paragraph", "ul": "paragraph",
           "ol": "paragraph", "table": "paragraph", "body": "paragraph", "br": None,
           "aside": "paragraph", "nav": "paragraph", "title": "title", "head": None,
           "html": None, "dl": "paragraph", "hr": None, "pre": "paragraph",
           "address": "paragraph", "details": "paragraph", "summary": "heading"}


def load_html(doc: Document, names: MetadataNames) -> None:
    source = doc.source
    chars = list(source)
    for match in _INVISIBLE.finditer(source):
        blank(chars, match.start(), match.end())
    masked_once = "".join(chars)
    tags = list(_TAG.finditer(masked_once))
    for tag in tags:
        blank(chars, tag.start(), tag.end())
    decode_entities(chars, masked_once)
    _blank_invalid_references(chars, masked_once)
    doc.text = "".join(chars)
    _walk(doc, tags, names)


class _Walker:
    def __init__(self, doc: Document, names: MetadataNames):
        self.doc, self.names = doc, names
        self.build = Builder(doc)
        self.stack: list[str] = []
        self.segment_start = 0
        self.row: list[tuple[int, int]] | None = None
        self.row_start = 0
        self.cell_start: int | None = None
        self.header: tuple[str, ...] = ()
        self.row_is_header = False

    def kind(self) -> str:
        for name in reversed(self.stack):
            if name in _HEADINGS:
                return "heading"
            if name in _BLOCKS and _BLOCKS[name]:
                return _BLOCKS[name]
        return "paragraph"

    def flush(self, end: int) -> None:
        start, self.segment_start = self.segment_start, end
        if self.row is not None or not self.doc.text[start:end].strip():
            return
        kind = self.kind()
        start, end = _trim(self.doc.text, start, end)
        if kind == "title":
            if not self.doc.title:
                self.doc.title = " ".join(self.doc.text[start:end].split())
                self.doc.metadata.append(MetaField("title", self.doc.title, start, end, "title"))
        elif kind == "heading":
            level = next((_HEADINGS[n] for n in reversed(self.stack) if n in _HEADINGS), 2)
            self.build.heading(start, end, level)
        else:
            self.build.block(kind, start, end)

    def tag(self, match) -> None:
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name == "meta" and not closing:
            self.meta(match)
            return
        if name in ("td", "th"):
            self.cell(match, closing, name)
            return
        if name == "tr":
            self.tr(match, closing)
            return
        if name in _TABLE_PARTS:  # the start or end of a section ends the row (and cell) open
            self.end_row(match.start())
        if name in _HEADINGS or name in _BLOCKS:
            self.flush(match.start())
            self.segment_start = match.end()
            if closing:
                if name in self.stack:
                    while self.stack and self.stack.pop() != name:
                        pass
            elif not match.group().endswith("/>") and name not in ("br", "hr"):
                self.close_implied(name)
                self.stack.append(name)

    def close_implied(self, name: str) -> None:
        """The end tags the HTML spec lets an author leave out ("Optional tags"): a block
        start closes an open <p>; <li> closes the open <li> of its list, <dt>/<dd> the open
        <dt>/<dd> of theirs."""
        closes = _IMPLIED_END.get(name, ())
        # bounded: 50,000 unclosed <h2> would otherwise make this search quadratic
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _SEARCH_DEPTH), -1):
            if self.stack[i] in closes:
                del self.stack[i:]
                return
            if self.stack[i] in _SCOPE:
                return

    def tr(self, match, closing: bool) -> None:
        if not closing:
            self.end_row(match.start())  # <tr> ends the row before it (</tr> is optional)
            self.flush(match.start())
            self.row, self.row_start, self.row_is_header = [], match.start(), False
            return
        self.end_row(match.end())

    def end_cell(self, end: int) -> None:
        if self.cell_start is not None and self.row is not None:
            start, stop = _trim(self.doc.text, self.cell_start, end)
            self.row.append((start, max(start, stop)))
        self.cell_start = None

    def end_row(self, end: int) -> None:
        self.end_cell(end)
        if self.row is None:
            return
        row, self.row = self.row, None
        self.segment_start = end
        if not row:
            return
        texts = tuple(" ".join(self.doc.text[s:e].split()) for s, e in row)
        if self.row_is_header or (not self.header and not any(c.isdigit() for c in "".join(texts))):
            self.header = texts
            return
        self.build.table_row(row[0][0], row[-1][1], row, self.header)

    def cell(self, match, closing: bool, name: str) -> None:
        if self.row is None:
            self.row, self.row_start = [], match.start()
        self.end_cell(match.start())  # a cell ends at the next cell's start (</td> is optional)
        if not closing:
            self.cell_start = match.end()
            self.row_is_header = self.row_is_header or (name == "th" and not self.row)

    def meta(self, match) -> None:
        attrs = {k.lower(): (v, match.start(3) + m.start(2))
                 for m in _ATTR.finditer(match.group(3))
                 for k, v in [(m.group(1), m.group(2) or "")]}
        key = (attrs.get("name") or attrs.get("property") or ("", 0))[0].strip("\"'")
        field = self.names.field(key) if key else None
        if field is None or "content" not in attrs:
            return
        raw, at = attrs["content"]
        quoted = raw[:1] in "\"'"
        start = at + (1 if quoted else 0)
        value_raw = raw[1:-1] if quoted else raw
        value = html.unescape(value_raw).strip()
        if value:
            self.doc.metadata.append(MetaField(field, value, start, start + len(value_raw), key))
        else:
            name_at = match.start() + match.group().find(key)
            self.doc.metadata.append(MetaField(field, "", name_at, name_at + len(key), key))


def _blank_invalid_references(chars: list[str], source: str) -> None:
    """`&#0;`, `&#xD800;`, `&#99999999;` name no character (a browser shows U+FFFD): they
    are markup debris, not text that "was decoded with the wrong encoding"."""
    for match in _NUMERIC_REF.finditer(source):
        code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
        if code != 0xFFFD and html.unescape(match.group()) == "\ufffd":
            blank(chars, match.start(), match.end())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def html_table(doc: Document, build: Builder, start: int, end: int) -> None:
    """An HTML table inside another format (a Markdown export keeps them): its rows, with
    their cells under the header's names, in the other reader's heading path."""
    walker = _Walker(doc, None)
    walker.build, walker.segment_start = build, start
    for match in _TAG.finditer(doc.source, start, end):
        walker.tag(match)
    walker.end_row(end)
    walker.flush(end)


def _walk(doc: Document, tags, names: MetadataNames) -> None:
    walker = _Walker(doc, names)
    for match in tags:
        walker.tag(match)
    walker.end_row(len(doc.text))
    walker.flush(len(doc.text))
