"""Load: a file on disk (or stdin) becomes a Document of blocks, metadata and suppressions."""
from __future__ import annotations

import os
from functools import lru_cache

from ..model import Document
from ..packs import builtin
from .details import read_details
from .html import load_html
from .markdown import load_markdown
from .masking import blank
from .plaintext import load_plaintext
from .reader import DEFAULT_MAX_BYTES, RawText, decode, read_text
from .suppressions import parse_suppressions
from .vocab import MetadataNames

ARTICLE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt", ".text")

__all__ = ["ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "decode", "load_document", "parse",
           "read_text", "metadata_names"]


@lru_cache(maxsize=None)
def metadata_names(path: str | None = None) -> MetadataNames:
    return MetadataNames.load(path or builtin("metadata.yaml"))


def load_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and parse one article; raises InputError when it cannot be read."""
    raw = read_text(path, max_bytes)
    return parse(path, raw)


def parse(path: str, raw: RawText, names: MetadataNames | None = None) -> Document:
    names = names or metadata_names()
    fmt = detect_format(path, raw.text)
    doc = Document(path=path, source=raw.text, text=raw.text, format=fmt,
                   notices=list(raw.notices))
    spans = parse_suppressions(doc, plaintext=fmt == "text")
    if fmt == "text" and spans:
        chars = list(doc.text)
        for start, end in spans:
            blank(chars, start, end)
        doc.text = "".join(chars)
    {"markdown": load_markdown, "html": load_html, "text": load_plaintext}[fmt](doc, names)
    if fmt != "text":  # plain text reads its trailer line by line
        read_details(doc, names)
    return doc


def detect_format(path: str, text: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".html", ".htm"):
        return "html"
    head = text[:512].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"
