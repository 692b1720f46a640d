"""The language an article is written in, as far as py3langid's model (in its wheel) can tell.

The extractive engine's rules read English only: of an article in another language it makes
a thin brief, and the brief says why instead of looking like a quiet news day.
"""

from __future__ import annotations

import logging
from functools import cache

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from summarizer.brief import Brief

logger = logging.getLogger(__name__)

SAMPLE_CHARS = 2_000
"""The opening read for the guess: enough to tell a language, cheap on any length."""
MIN_LETTERS = 40
"""Fewer letters than this ("Merkel said.") are not enough to tell a language."""
MIN_CONFIDENCE = 0.9
NO_LANGUAGE = "zxx"
"""The model's code for text with no linguistic content (numbers, tables, code)."""
ENGLISH_ONLY_ENGINES = frozenset({"extractive"})


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_language_model() -> LanguageIdentifier | None:
    """The model, unpacked once (about a second; a service calls this at startup), or None
    when it cannot be: py3langid unpacks it through a temporary file, which a full disk
    refuses. A failure is not cached, and the next call tries again."""
    try:
        return _identifier()
    except OSError as error:
        logger.debug("cannot load the language model (%s); language unknown", error)
        return None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or ``None`` when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if sum(character.isalpha() for character in sample) < MIN_LETTERS:
        return None
    identifier = load_language_model()
    if identifier is None:
        return None
    code, probability = identifier.classify(sample)
    return str(code) if probability >= MIN_CONFIDENCE and code != NO_LANGUAGE else None


def language_name(code: str) -> str:
    """ "French" for "fr"; "Modern Greek" for "el", without the standard's dates."""
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return str(language.name).split(" (")[0] if language is not None else code


def language_caveat(brief: Brief) -> str | None:
    """Why the brief may be thin: its engine does not read the article's language."""
    language = brief.source.language
    if language in (None, "en") or brief.provenance.engine not in ENGLISH_ONLY_ENGINES:
        return None
    return (
        f"The article appears to be in {language_name(language)} ({language}), and the offline "
        f"{brief.provenance.engine} engine reads English only: this brief is likely to miss "
        "most of it. An LLM engine reads other languages."
    )
