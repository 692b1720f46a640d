"""Uncertainties: claims the article itself hedges, sources anonymously, disputes or estimates.

Each sentence is checked against the cue table in ``rules`` (strongest reasons first); the
clause around a cue is the uncertain claim and the sentence its evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.brief import UncertaintyDraft, UncertaintyReason
from summarizer.engines.extractive.fields import TEXT_CHARS, clip
from summarizer.engines.extractive.rules import MAX_UNCERTAINTIES, UNCERTAINTY_CUES
from summarizer.engines.extractive.sentences import Sentence

CLAIM_MAX_WORDS = 40
REASONS_PER_SENTENCE = 1
_PRIORITY = {cue.reason: rank for rank, cue in reversed(list(enumerate(UNCERTAINTY_CUES)))}


def find_uncertainties(sentences: Sequence[Sentence]) -> list[UncertaintyDraft]:
    found: list[tuple[int, int, UncertaintyDraft]] = []
    for sentence in sentences:
        reasons: set[UncertaintyReason] = set()
        for cue in UNCERTAINTY_CUES:
            if cue.reason in reasons or len(reasons) >= REASONS_PER_SENTENCE:
                continue
            match = cue.pattern.search(sentence.folded)
            if match is None:
                continue
            if cue.reason is UncertaintyReason.speculative and (
                _quoted(sentence, match.start()) or _capitalised(sentence, match.start())
            ):
                continue
            reasons.add(cue.reason)
            claim = _claim(sentence)
            draft = UncertaintyDraft(
                claim=claim,
                reason=cue.reason,
                confidence=cue.confidence,
                evidence=[sentence.text],
            )
            found.append((_PRIORITY[cue.reason], sentence.index, draft))
    kept = sorted(found, key=lambda item: item[0])[:MAX_UNCERTAINTIES]
    return [draft for _, _, draft in sorted(kept, key=lambda item: item[1])]


def _claim(sentence: Sentence) -> str:
    """The uncertain claim: the sentence holding the cue, which is what a reader checks."""
    return clip(sentence.text, TEXT_CHARS, CLAIM_MAX_WORDS)


def _capitalised(sentence: Sentence, offset: int) -> bool:
    """A capitalised modal inside a sentence is a name or a month ("Theresa May")."""
    return offset > 0 and sentence.text[offset].isupper()


def _quoted(sentence: Sentence, offset: int) -> bool:
    """Whether a cue is inside a quotation: speakers hedge without the article doing so."""
    return sum(sentence.text[:offset].count(mark) for mark in '"“”') % 2 == 1
