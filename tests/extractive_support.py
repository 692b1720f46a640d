"""Dev articles of the eval suite, read by the extractive engine's rule tests. Only dev
articles can be read here: rules are never shown a test-split article."""

from __future__ import annotations

from functools import cache

import yaml

from summarizer.inputs import Article, read_article

from .conftest import ROOT

ARTICLES = ROOT / "evals" / "articles"


@cache
def _splits() -> dict[str, str]:
    manifest = yaml.safe_load((ROOT / "evals" / "manifest.yaml").read_text(encoding="utf-8"))
    return {stem: entry["split"] for stem, entry in manifest["articles"].items()}


def article(prefix: str) -> Article:
    """The dev article whose id starts with ``prefix``; a test-split article fails the test."""
    (path,) = ARTICLES.glob(f"{prefix}-*.txt")
    assert _splits()[path.stem] == "dev", f"{path.stem} is in the test split"
    return read_article(str(path))


def quoted(prefix: str, *sentences: str) -> str:
    """The sentences, after checking that each is verbatim in the dev article ``prefix``."""
    body = article(prefix).text
    for sentence in sentences:
        assert sentence in body, sentence
    return " ".join(sentences)
