"""Scoring free text (BLUF, summary) against the gold text with ROUGE-L from rouge_score.

Reported, not gated by default: two good BLUFs can share few words.
"""

from __future__ import annotations

from functools import cache, lru_cache

from nltk.stem import porter  # type: ignore[import-untyped]
from rapidfuzz.distance import LCSseq
from rouge_score import scoring, tokenize, tokenizers

from summarizer.eval.results import TextScore


class _Tokenizer(tokenizers.Tokenizer):  # type: ignore[misc]
    """rouge_score's default tokenizer (lower case, alphanumeric words, Porter stems of words
    over three letters), remembering each word's stem: stemming dominated the scoring time."""

    def __init__(self) -> None:
        self.stem = lru_cache(maxsize=65536)(porter.PorterStemmer().stem)

    def tokenize(self, text: str) -> list[str]:
        return list(tokenize.tokenize(text, self))


@cache
def _tokenizer() -> _Tokenizer:
    return _Tokenizer()


def rouge_l(predicted: str, gold: str) -> float:
    """ROUGE-L F-measure exactly as rouge_score's ``RougeScorer(["rougeL"], use_stemmer=True)``
    computes it: its tokens and F-measure, with the LCS length from rapidfuzz (the same
    number, computed in C instead of a Python table)."""
    target = _tokenizer().tokenize(gold)
    prediction = _tokenizer().tokenize(predicted)
    if not target or not prediction:
        return 0.0
    common = LCSseq.similarity(target, prediction)
    return float(scoring.fmeasure(common / len(prediction), common / len(target)))


def score_text(predicted: str | None, gold: str | None) -> TextScore:
    """ROUGE-L of one text field; 0 without a prediction, ``None`` without gold text."""
    if gold is None:
        return TextScore(rouge_l=None, predicted=predicted)
    value = 0.0 if predicted is None else rouge_l(predicted, gold)
    return TextScore(rouge_l=value, predicted=predicted, gold=gold)
