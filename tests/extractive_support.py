"""Dev articles of the eval suite, read by the extractive engine's rule tests."""

from __future__ import annotations

from summarizer.inputs import Article, read_article

from .conftest import ROOT

ARTICLES = ROOT / "evals" / "articles"


def article(prefix: str) -> Article:
    (path,) = ARTICLES.glob(f"{prefix}-*.txt")
    return read_article(str(path))


def quoted(prefix: str, *sentences: str) -> str:
    """The sentences, after checking that each is verbatim in the dev article ``prefix``."""
    body = article(prefix).text
    for sentence in sentences:
        assert sentence in body, sentence
    return " ".join(sentences)
