"""The one spaCy pipeline of a process: blank English with a rule-based sentencizer.

spaCy is imported here, lazily, so that runs served entirely from the index never load it.
Nothing is downloaded: `spacy.blank` needs no model package.
"""
from __future__ import annotations

from functools import lru_cache

MAX_SPACY_CHARS = 100_000  # longer blocks are split before tokenising


@lru_cache(maxsize=1)
def blank_pipeline():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_SPACY_CHARS + 1
    return nlp


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (offsets into `text`) of text[start:end], via spaCy's sentencizer."""
    nlp = blank_pipeline()
    bounds = []
    pos = start
    while pos < end:
        stop = min(end, pos + MAX_SPACY_CHARS)
        if stop < end:  # cut at the last white space so no token is split
            cut = text.rfind(" ", pos, stop)
            stop = cut if cut > pos else stop
        doc = nlp(text[pos:stop])
        bounds += [(pos + s.start_char, pos + s.end_char) for s in doc.sents]
        pos = stop
    return bounds
