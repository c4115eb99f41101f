"""The sentence splitter on hostile shapes: long runs of punctuation.

spaCy's tokenizer searches prefixes and suffixes of a token over and over, which takes
quadratic time in a run of punctuation with no space (100 KB of `[` took minutes). Such
runs reach the tokenizer cut into short pieces; the sentences found stay the same.
"""
from __future__ import annotations

from claimlint.extract import nlp


def _tokenizer_inputs(monkeypatch) -> list[str]:
    seen: list[str] = []
    pipeline = nlp.blank_pipeline()
    real = pipeline.make_doc

    class Recording:
        def __getattr__(self, name):
            return getattr(pipeline, name)

        def make_doc(self, text):
            seen.append(text)
            return real(text)

    monkeypatch.setattr(nlp, "blank_pipeline", lambda: Recording())
    return seen


def test_no_long_punctuation_run_reaches_the_tokenizer(monkeypatch):
    seen = _tokenizer_inputs(monkeypatch)
    text = "Knee therapy costs $7,000. " + "[" * 5000 + "]" * 5000 + " It heals in 6 weeks. " + ">" * 3000
    nlp.sentence_bounds(text, 0, len(text))
    longest = max((len(run) for chunk in seen for run in nlp.PUNCTUATION_RUN.findall(chunk)), default=0)
    assert longest <= nlp.MAX_PUNCTUATION_RUN


def test_sentences_around_a_punctuation_run_are_kept():
    text = "Knee therapy costs $7,000. " + "!" * 500 + " It heals in 6 weeks."
    bounds = nlp.sentence_bounds(text, 0, len(text))
    assert text[bounds[0][0]:bounds[0][1]].startswith("Knee therapy costs $7,000. !!!")
    assert text[bounds[-1][0]:bounds[-1][1]] == "It heals in 6 weeks."
