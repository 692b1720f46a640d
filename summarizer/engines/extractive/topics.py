"""Topics: what a stance is about, and the event an article leads with.

A stance's topic is the phrase its verb governs ("condemned [the attack on the mosque]").
Where that phrase only points back ("the decision", "this move", "it"), the topic is the
article's lead event: reactions in news are to the event the story is about, which its
headline names (or, without a headline, its first sentence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.engines.extractive.fields import PHRASE_CHARS, clip
from summarizer.engines.extractive.rules import (
    EVENT_REFERENCES,
    POINTING_WORDS,
    PREPOSITIONS,
    REFERRING_DETERMINERS,
)
from summarizer.engines.extractive.sentences import Sentence, Token

TOPIC_MAX_WORDS = 12
LEAD_EVENT_MAX_WORDS = 25
_REFERENCE_MAX_WORDS = 4
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,40}$")
_WORD = re.compile(r"[\w'’-]+")


def phrase_text(text: str, tokens: Sequence[Token], first: int, last: int) -> str:
    """The article's text of tokens ``first`` to ``last``, without outer quote marks."""
    if first >= last:
        return ""
    return text[tokens[first].start : tokens[last - 1].end].strip(" \"“”'‘’")


@dataclass(frozen=True, slots=True)
class LeadEvent:
    """The event an article leads with, as the topic of reactions to it."""

    text: str
    headline_words: frozenset[str]
    """The headline's words, case-folded: a noun among them names the event ("the
    withdrawal" in a story headlined "... announces troop withdrawal from Syria")."""


def lead_event(title: str | None, sentences: Sequence[Sentence]) -> LeadEvent:
    """The article's headline without a site name or, with no headline, its first sentence."""
    if title and title.strip():
        headline = _SITE_SUFFIX.sub("", title.strip())
        words = frozenset(word.casefold() for word in _WORD.findall(headline))
        return LeadEvent(clip(headline, PHRASE_CHARS), words)
    first = clip(sentences[0].text, PHRASE_CHARS, LEAD_EVENT_MAX_WORDS) if sentences else ""
    return LeadEvent(first, frozenset())


def refers_back(topic: str, event: LeadEvent) -> bool:
    """Whether ``topic`` only points at something named before: "it", "this", "the
    decision", "Macron's statement", or "the withdrawal" when the headline is about one."""
    words = [word.casefold() for word in _WORD.findall(topic)]
    if len(words) == 1:
        return words[0] in POINTING_WORDS
    if not 2 <= len(words) <= _REFERENCE_MAX_WORDS:
        return False
    determiner = words[0]
    if determiner not in REFERRING_DETERMINERS and not determiner.endswith(("'s", "’s")):
        return False
    if any(word in PREPOSITIONS for word in words) or not topic.rstrip()[-1:].islower():
        return False
    head = words[-1]
    return head in EVENT_REFERENCES or head in event.headline_words
