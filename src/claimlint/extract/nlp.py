"""The one spaCy pipeline of a process: blank English with a rule-based sentencizer.

spaCy is imported here, lazily, so that runs served entirely from the index never load it.
Nothing is downloaded: `spacy.blank` needs no model package.
"""
from __future__ import annotations

import re
from functools import lru_cache

MAX_SPACY_CHARS = 100_000  # longer blocks are split before tokenising
# spaCy's prefix and suffix search takes quadratic time in a run of punctuation with no
# space (100 KB of `[` took minutes); longer runs reach the tokenizer cut by spaces.
MAX_PUNCTUATION_RUN = 64
PUNCTUATION_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCTUATION_RUN + 1))


@lru_cache(maxsize=1)
def blank_pipeline():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_SPACY_CHARS + 1
    return nlp


@lru_cache(maxsize=1)
def _sentence_marks() -> frozenset:
    """The sentencizer's punctuation characters, as the ORTH ids of their tokens."""
    nlp = blank_pipeline()
    return frozenset(nlp.vocab.strings.add(c) for c in nlp.get_pipe("sentencizer").punct_chars)


@lru_cache(maxsize=1)
def _mark_pattern() -> "re.Pattern":
    """Any of the sentencizer's punctuation characters."""
    marks = blank_pipeline().get_pipe("sentencizer").punct_chars
    return re.compile("|".join(map(re.escape, sorted(marks, key=len, reverse=True))))


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (offsets into `text`) of text[start:end], via spaCy's sentencizer."""
    if end > start and not text[start].isspace() and not text[end - 1].isspace() \
            and not _mark_pattern().search(text, start, end - 1):
        return [(start, end)]  # no sentence mark before its last character: one sentence
    nlp = blank_pipeline()
    bounds = []
    pos = start
    while pos < end:
        stop = min(end, pos + MAX_SPACY_CHARS)
        if stop < end:  # cut at the last white space so no token is split
            cut = text.rfind(" ", pos, stop)
            stop = cut if cut > pos else stop
        doc = nlp.make_doc(_cut_punctuation_runs(text[pos:stop]))
        bounds += [(pos + s, pos + e) for s, e in _sentences(doc)]
        pos = stop
    return bounds


def _cut_punctuation_runs(text: str) -> str:
    """`text` with a space for every 65th character of a long punctuation run (same length)."""
    return PUNCTUATION_RUN.sub(_cut_run, text) if len(text) > MAX_PUNCTUATION_RUN else text


def _cut_run(match: "re.Match") -> str:
    chars = list(match.group())
    cuts = chars[MAX_PUNCTUATION_RUN::MAX_PUNCTUATION_RUN + 1]
    chars[MAX_PUNCTUATION_RUN::MAX_PUNCTUATION_RUN + 1] = " " * len(cuts)
    return "".join(chars)


def _sentences(doc) -> list[tuple[int, int]]:
    """The sentences spaCy's sentencizer would mark in `doc`, as character spans.

    The same rule as `Sentencizer.predict` (a sentence starts at the first token that is
    not punctuation after a sentence mark), read from token arrays: the pipe itself builds
    a Python Token object per token, which cost as much as tokenising."""
    from spacy.attrs import IS_PUNCT, ORTH

    if len(doc) == 0:
        return []
    marks = _sentence_marks()
    starts, seen_mark = [0], False
    for i, (orth, is_punct) in enumerate(doc.to_array([ORTH, IS_PUNCT]).tolist()):
        if orth in marks:
            seen_mark = True
        elif seen_mark and not is_punct:
            starts.append(i)
            seen_mark = False
    ends = starts[1:] + [len(doc)]
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in zip(starts, ends)]
