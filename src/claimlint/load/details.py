"""The "About Article" / "Details" block at the end of an HTML or Markdown page.

Scraped plain text has its own reader (plaintext.py works on lines). Here the page is
already in blocks: the last heading or paragraph that names a trailer ("About Article"),
followed by metadata lines (`Medically reviewed by: ...`, a <dt>/<dd> pair), becomes
metadata and leaves the body, so that CL302 compares the body with the fields and not
the fields with themselves.
"""
from __future__ import annotations

from ..model import Document, MetaField
from .vocab import MetadataNames


def read_details(doc: Document, names: MetadataNames) -> None:
    texts = [doc.text[b.start:b.end] for b in doc.blocks]
    start = _trailer(texts, names)
    if start is None:
        return
    blocks = doc.blocks[start + 1:]
    texts = texts[start + 1:]
    doc.blocks = doc.blocks[:start]
    for k, (block, text) in enumerate(zip(blocks, texts)):
        found = names.field_of_line(text)
        if not found:
            continue
        field, raw_name, value_at = found
        value = text[value_at:].strip()
        if value:
            offset = block.start + value_at + len(text[value_at:]) - len(text[value_at:].lstrip())
            doc.metadata.append(MetaField(field, value, offset, offset + len(value), raw_name))
        elif k + 1 < len(blocks) and not names.field_of_line(texts[k + 1]):
            below = blocks[k + 1]  # <dt>Overview</dt><dd>text</dd>
            doc.metadata.append(MetaField(field, texts[k + 1].strip(), below.start, below.end, raw_name))
        else:
            name_at = block.start + text.index(raw_name)
            doc.metadata.append(MetaField(field, "", name_at, name_at + len(raw_name), raw_name))


def _trailer(texts: list[str], names: MetadataNames):
    """The last trailer heading with a metadata line among the three blocks after it."""
    for i in range(len(texts) - 1, -1, -1):
        if names.is_trailer_heading(texts[i]) and any(
                names.field_of_line(t) for t in texts[i + 1:i + 4]):
            return i
    return None
