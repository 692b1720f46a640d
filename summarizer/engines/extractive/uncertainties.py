"""Uncertainties: claims the article itself hedges, sources anonymously, disputes or estimates.

Each sentence is checked against the cue table in ``rules`` (strongest reasons first); the
sentence holding the cue is both the uncertain claim and its evidence, since that is what a
reader checks. A quotation runs over sentences: a speaker's modal inside one is not the
article's (though "I think" is), and an unnamed source who closes one vouches for all of
it. A dispute that answers what was said before ("another report", "denied") disputes
the sentence before it, so the claim takes both, as does a hedged sentence that points back
("This was reportedly the first such occurrence"). Two sides holding one thing unlawful and
lawful in different sentences are a conflict over the article as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.brief import Confidence, UncertaintyDraft, UncertaintyReason
from summarizer.engines.extractive.fields import TEXT_CHARS, join_fitting
from summarizer.engines.extractive.rules import (
    DISPUTES_PREVIOUS,
    HELD_LAWFUL,
    HELD_UNLAWFUL,
    MAX_UNCERTAINTIES,
    MODAL_NOT_A_HEDGE,
    REFERS_BACK,
    UNCERTAINTY_CUES,
    UncertaintyCue,
)
from summarizer.engines.extractive.sentences import Sentence

CLAIM_MAX_WORDS = 100
_QUOTE_REACH = 2
"""Sentences back that an anonymously sourced quotation's claim may reach."""
_PRIORITY = {cue.reason: rank for rank, cue in reversed(list(enumerate(UNCERTAINTY_CUES)))}


def find_uncertainties(text: str, sentences: Sequence[Sentence]) -> list[UncertaintyDraft]:
    openers = _quote_openers(text, sentences)
    found: list[tuple[int, int, UncertaintyDraft]] = []
    estimates: set[str] = set()
    for sentence, opener in zip(sentences, openers, strict=True):
        hedge = _hedge(sentence, opener is not None)
        if hedge is None:
            continue
        cue, match = hedge
        if cue.reason is UncertaintyReason.estimate:
            if match.group() in estimates:
                continue
            estimates.add(match.group())
        span = _claim_span(sentences, sentence, cue, opener)
        draft = UncertaintyDraft(
            claim=join_fitting([s.text for s in span], TEXT_CHARS, CLAIM_MAX_WORDS),
            reason=cue.reason,
            confidence=cue.confidence,
            evidence=[s.text for s in span],
        )
        found.append((_PRIORITY[cue.reason], sentence.index, draft))
    dispute = _legality_dispute(sentences, openers)
    if dispute is not None:
        found.append((_PRIORITY[UncertaintyReason.conflicting_reports], *dispute))
    kept = sorted(found, key=lambda item: item[0])[:MAX_UNCERTAINTIES]
    return [draft for _, _, draft in sorted(kept, key=lambda item: item[1])]


def _claim_span(
    sentences: Sequence[Sentence],
    sentence: Sentence,
    cue: UncertaintyCue,
    opener: int | None,
) -> list[Sentence]:
    """The sentences the uncertain claim runs over: the hedged one, back to the start of a
    quotation an unnamed source closes, or with the sentence before when a dispute answers
    it ("another report", "found no such", "denied") or the hedged one points back at it
    ("the first such occurrence")."""
    if cue.reason is UncertaintyReason.anonymous_source and opener is not None:
        return list(sentences[max(opener, sentence.index - _QUOTE_REACH) : sentence.index + 1])
    disputes = cue.reason is UncertaintyReason.conflicting_reports and DISPUTES_PREVIOUS.search(
        sentence.folded
    )
    if disputes or REFERS_BACK.search(sentence.folded):
        return list(sentences[max(0, sentence.index - 1) : sentence.index + 1])
    return [sentence]


def _legality_dispute(
    sentences: Sequence[Sentence], openers: Sequence[int | None]
) -> tuple[int, UncertaintyDraft] | None:
    """Two sides on whether something is lawful, in different sentences: one holds it
    unlawful ("null and void") and a side's own word holds it lawful ("legitimate")."""
    unlawful = next((s for s in sentences if HELD_UNLAWFUL.search(s.folded)), None)
    lawful = next(
        (
            s
            for s, opener in zip(sentences, openers, strict=True)
            for match in HELD_LAWFUL.finditer(s.folded)
            if match.group().startswith("call") or _quoted(s, match.end(), opener is not None)
        ),
        None,
    )
    if unlawful is None or lawful is None or unlawful is lawful:
        return None
    span = sorted((unlawful, lawful), key=lambda s: s.index)
    return span[0].index, UncertaintyDraft(
        claim=join_fitting([s.text for s in span], TEXT_CHARS, CLAIM_MAX_WORDS),
        reason=UncertaintyReason.conflicting_reports,
        confidence=Confidence.low,
        evidence=[s.text for s in span],
    )


def _hedge(sentence: Sentence, in_quote: bool) -> tuple[UncertaintyCue, re.Match[str]] | None:
    """The strongest cue in the sentence; a match of a cue that counts only in the article's
    own voice (not quoted, not a name, not a granted "could") may be followed by one that
    does ("said in May it might")."""
    for cue in UNCERTAINTY_CUES:
        for match in cue.pattern.finditer(sentence.folded):
            if cue.article_only and (
                _quoted(sentence, match.start(), in_quote)
                or _capitalised(sentence, match.start())
                or MODAL_NOT_A_HEDGE.search(sentence.folded, 0, match.end())
            ):
                continue
            return cue, match
    return None


def _quote_openers(text: str, sentences: Sequence[Sentence]) -> list[int | None]:
    """For each sentence, the index of the sentence that opened a quotation still open where
    it starts (quotes run over sentences, not over paragraphs), or None."""
    openers: list[int | None] = []
    opener: int | None = None
    previous_end = 0
    for sentence in sentences:
        if "\n" in text[previous_end : sentence.start]:
            opener = None
        openers.append(opener)
        if _unbalanced(sentence.text):
            opener = sentence.index if opener is None else None
        previous_end = sentence.end
    return openers


def _unbalanced(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”")


def _capitalised(sentence: Sentence, offset: int) -> bool:
    """A capitalised modal inside a sentence is a name or a month ("Theresa May")."""
    return offset > 0 and sentence.text[offset].isupper()


def _quoted(sentence: Sentence, offset: int, in_quote: bool) -> bool:
    """Whether a cue is inside a quotation: speakers hedge without the article doing so."""
    marks = sum(sentence.text[:offset].count(mark) for mark in '"“”') % 2 == 1
    return marks != in_quote
