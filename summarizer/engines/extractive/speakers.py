"""Speakers: who is talking in each sentence, so that quoted words can be credited.

News quotes run over several sentences and name the speaker before, inside or after them
('Graham spoke on Fox News, "...', '"...," said Bash', '... was very low", Graham
continued.'); each sentence gets the actor whose words it holds, or None.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.brief import ActorKind
from summarizer.engines.extractive.actors import ActorIndex
from summarizer.engines.extractive.agents import actors_doing
from summarizer.engines.extractive.rules import SAID_CUE, SPOKESPERSON_REACH, SPOKESPERSONS
from summarizer.engines.extractive.sentences import Sentence, token_at
from summarizer.engines.extractive.syntax import (
    QUOTE_MARKS,
    is_inverted_speaker,
    is_object,
    verb_after,
)


def find_speakers(sentences: Sequence[Sentence], index: ActorIndex) -> list[str | None]:
    """Who speaks in each sentence: the subject of its speech verb, the actor introducing
    its quote, whoever opened a quote that is still open, or the speaker named after a
    quote that closes here ('... was very low", Graham continued.')."""
    speakers: list[str | None] = []
    carried: str | None = None
    opened_at: int | None = None
    for position, sentence in enumerate(sentences):
        named = _introduces_speech(sentence, index) or _spokesperson(sentences, position, index)
        if named is None and carried is None and _opens_with_quote(sentence) and position:
            named = _previous_subject(sentences[position - 1], index)
        speakers.append(named or carried)
        if not _unbalanced_quotes(sentence):
            continue
        if carried is not None or opened_at is not None:
            if carried is None and named is not None and opened_at is not None:
                speakers[opened_at:position] = [named] * (position - opened_at)
            carried, opened_at = None, None
        else:
            carried, opened_at = named, position
    return speakers


def _opens_with_quote(sentence: Sentence) -> bool:
    return bool(sentence.tokens) and sentence.tokens[0].text in QUOTE_MARKS


def _previous_subject(sentence: Sentence, index: ActorIndex) -> str | None:
    """The person acting in the sentence before a quote that names no speaker."""
    tokens = sentence.tokens
    for placement in index.in_sentence(sentence.index):
        person = placement.kind is ActorKind.person and not is_object(tokens, placement.first)
        if person and verb_after(tokens, placement.last) is not None:
            return placement.actor
    return None


def _introduces_speech(sentence: Sentence, index: ActorIndex) -> str | None:
    tokens = sentence.tokens
    match = SAID_CUE.search(sentence.folded)
    if match is not None:
        cue = token_at(sentence, sentence.start + match.start())
        named = actors_doing(sentence, cue, index)
        if named:
            return named[0]
        inverted = is_inverted_speaker(tokens, cue + 1)
        for placement in index.in_sentence(sentence.index):
            between = tokens[cue + 1 : placement.first]
            role_words = all(t.text[:1].islower() and t.text.isalpha() for t in between)
            if inverted and placement.first > cue and len(between) <= 4 and role_words:
                return placement.actor
    opening = next(
        (
            i
            for i, token in enumerate(tokens)
            if token.text in QUOTE_MARKS and i > 0 and tokens[i - 1].text in (",", ":")
        ),
        None,
    )
    if opening is None:
        return None
    before = [
        p
        for p in index.in_sentence(sentence.index)
        if p.last < opening and not p.possessive and not is_object(tokens, p.first)
    ]
    return before[0].actor if before else None


def _spokesperson(sentences: Sequence[Sentence], position: int, index: ActorIndex) -> str | None:
    """For whom "A spokesperson told the Military Times ..." speaks: the organisation acting
    in this sentence or the ones just before ("the Combined Joint Task Force ... released a
    statement")."""
    sentence = sentences[position]
    match = SAID_CUE.search(sentence.folded)
    if match is None:
        return None
    cue = token_at(sentence, sentence.start + match.start())
    words = [token.text.casefold() for token in sentence.tokens[max(0, cue - 2) : cue]]
    if len(words) < 2 or words[0] not in ("a", "an", "the") or words[1] not in SPOKESPERSONS:
        return None
    for earlier in range(position, max(-1, position - SPOKESPERSON_REACH), -1):
        tokens = sentences[earlier].tokens
        for placement in index.in_sentence(earlier):
            before_cue = earlier < position or placement.last < cue
            acting = not placement.possessive and not is_object(tokens, placement.first)
            if placement.kind is not ActorKind.person and acting and before_cue:
                return placement.actor
    return None


def _unbalanced_quotes(sentence: Sentence) -> bool:
    marks = [t.text for t in sentence.tokens if t.text in QUOTE_MARKS]
    return marks.count('"') % 2 == 1 or marks.count("“") != marks.count("”")
