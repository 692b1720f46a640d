"""The brief's text fields from the article's lead: BLUF, summary and key points.

News is written lead first, so the first sentence is the best extractive BLUF and the
leading sentences the best summary. Key points are the other sentences that name the most
actors and carry stance or threat cues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.brief import BLUF_MAX_WORDS, SUMMARY_MAX_WORDS
from summarizer.engines.extractive.actors import ActorIndex
from summarizer.engines.extractive.fields import LONG_TEXT_CHARS, TEXT_CHARS, clip_at_clause
from summarizer.engines.extractive.rules import KEY_POINT_CUES
from summarizer.engines.extractive.sentences import Sentence

EMPTY_ARTICLE = "The article has no text to summarise."
KEY_POINTS = 5
KEY_POINT_MAX_WORDS = 40
_SHORT_LEAD_WORDS = 12
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_SENTENCE_CLOSE = re.compile(r"[.!?][\"'”’)\]]*$")
_MAX_SENTENCE_ENDS = 3


def write_lead(sentences: Sequence[Sentence], index: ActorIndex) -> tuple[str, str, list[str]]:
    """The BLUF, the summary and the key points."""
    if not sentences:
        return EMPTY_ARTICLE, EMPTY_ARTICLE, []
    body = _from_first_sentence(sentences)
    lead = [body[0]]
    short = len(body) > 1 and _words(body[0]) < _SHORT_LEAD_WORDS
    if short and _words(body[0]) + _words(body[1]) <= BLUF_MAX_WORDS:
        lead.append(body[1])
    bluf = _fit_bluf(" ".join(sentence.text for sentence in lead))
    summary_parts: list[str] = []
    used = 0
    for sentence in body:
        if used + _words(sentence) > SUMMARY_MAX_WORDS:
            break
        summary_parts.append(sentence.text)
        used += _words(sentence)
    summary = clip_at_clause(
        " ".join(summary_parts) or body[0].text, LONG_TEXT_CHARS, SUMMARY_MAX_WORDS
    )
    return bluf, summary, _key_points(body, index, skip=len(lead))


def _from_first_sentence(sentences: Sequence[Sentence]) -> Sequence[Sentence]:
    """The article from its first real sentence: a headline, dateline or byline above it
    ("KABUL, Afghanistan", "By Staff Reporter") ends without a full stop and is no lead."""
    for position, sentence in enumerate(sentences):
        if _SENTENCE_CLOSE.search(sentence.text):
            return sentences[position:]
    return sentences


def _words(sentence: Sentence) -> int:
    return len(sentence.text.split())


def _fit_bluf(text: str) -> str:
    """At most ``BLUF_MAX_WORDS`` words and three sentence ends, as the schema requires
    (abbreviations such as "U.S." count as ends there)."""
    text = clip_at_clause(text, TEXT_CHARS, BLUF_MAX_WORDS)
    ends = list(_SENTENCE_END.finditer(text))
    if len(ends) > _MAX_SENTENCE_ENDS:
        text = text[: ends[_MAX_SENTENCE_ENDS - 1].end()].strip()
    return text


def _key_points(sentences: Sequence[Sentence], index: ActorIndex, skip: int) -> list[str]:
    candidates = [s for s in sentences[skip:] if _words(s) >= 6] or list(sentences)
    scored = sorted(candidates, key=lambda s: (-_salience(s, index), s.index))
    chosen = sorted(scored[:KEY_POINTS], key=lambda s: s.index)
    return [clip_at_clause(s.text, TEXT_CHARS, KEY_POINT_MAX_WORDS) for s in chosen]


def _salience(sentence: Sentence, index: ActorIndex) -> float:
    actors = {placement.actor for placement in index.in_sentence(sentence.index)}
    cues = len(KEY_POINT_CUES.findall(sentence.folded))
    return 2 * len(actors) + cues - 0.02 * sentence.index
