"""Grounding: find every evidence quote in the source text and record where it is.

A quote is looked for three ways, stopping at the first that succeeds:

1. exactly as given;
2. after normalising whitespace, quote marks and dashes in both quote and source (offsets
   are mapped back to the original text);
3. fuzzily (rapidfuzz's best partial alignment) at or above a threshold, for quotes long
   enough that a high score cannot happen by chance, and only when the quote says what the
   passage says: the same negations and the same numbers. "The minister had not approved the
   strike" scores 93 against "the minister had approved the strike", and must not pass.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel
from rapidfuzz import fuzz

from summarizer.brief import (
    Actor,
    ActorDraft,
    Brief,
    BriefDraft,
    Evidence,
    MatchMethod,
    Provenance,
    Source,
    Stance,
    Threat,
    Uncertainty,
    name_key,
)

DEFAULT_FUZZY_THRESHOLD = 90.0
FUZZY_MIN_CHARS = 25
"""Shorter quotes must match exactly or after normalisation: a few characters can align
with high scores almost anywhere in a long article."""

NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "without"}
)
"""Words that turn a claim around ("n't" and "cannot" are read as "not"): a fuzzy match may
not add or drop one."""
_MEANING_TOKENS = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")

_TRANSLATION = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
        "\u2026": "...",
    }
)  # fmt: skip


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of a text with, for each of its characters, the offset in the original."""

    text: str
    offsets: list[int]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return self.offsets[start], self.offsets[start]
        last = self.offsets[end - 1]
        return self.offsets[start], last + 1


def normalize_with_offsets(text: str) -> NormalizedText:
    out: list[str] = []
    offsets: list[int] = []
    previous_space = True
    for index, char in enumerate(text):
        mapped = char.translate(_TRANSLATION)
        if not mapped:
            continue
        if mapped.isspace():
            if previous_space:
                continue
            mapped = " "
            previous_space = True
        else:
            previous_space = False
        for piece in mapped:
            out.append(piece)
            offsets.append(index)
    while out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return NormalizedText("".join(out), offsets, len(text))


def normalize(text: str) -> str:
    return normalize_with_offsets(text).text


class QuoteLocator:
    """Locates quotes in one source text; build once per article, reuse for every quote."""

    def __init__(self, source: str, fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD) -> None:
        self.source = source
        self.fuzzy_threshold = fuzzy_threshold

    @cached_property
    def _normalized(self) -> NormalizedText:
        """Built on first need: most quotes are found exactly, and this costs a pass in Python."""
        return normalize_with_offsets(self.source)

    def locate(self, quote: str) -> Evidence:
        stripped = quote.strip()
        if not stripped:
            return Evidence(quote=quote, verified=False)
        start = self.source.find(stripped)
        if start >= 0:
            return Evidence(
                quote=quote, verified=True, start=start, end=start + len(stripped),
                match=MatchMethod.exact, score=100.0,
            )  # fmt: skip
        needle = normalize(stripped)
        if not needle:
            return Evidence(quote=quote, verified=False)
        position = self._normalized.text.find(needle)
        if position >= 0:
            begin, end = self._normalized.original_span(position, position + len(needle))
            return Evidence(
                quote=quote, verified=True, start=begin, end=end,
                match=MatchMethod.normalized, score=100.0,
            )  # fmt: skip
        return self._locate_fuzzy(quote, needle)

    def _locate_fuzzy(self, quote: str, needle: str) -> Evidence:
        if len(needle) < FUZZY_MIN_CHARS or not self._normalized.text:
            return Evidence(quote=quote, verified=False)
        alignment = fuzz.partial_ratio_alignment(
            needle, self._normalized.text, score_cutoff=self.fuzzy_threshold
        )
        if alignment is None:
            best = fuzz.partial_ratio(needle, self._normalized.text)
            return Evidence(quote=quote, verified=False, score=round(best, 2))
        passage = _whole_words(self._normalized.text, alignment.dest_start, alignment.dest_end)
        if _claim_markers(needle) != _claim_markers(passage):
            return Evidence(quote=quote, verified=False, score=round(alignment.score, 2))
        begin, end = self._normalized.original_span(alignment.dest_start, alignment.dest_end)
        return Evidence(
            quote=quote, verified=True, start=begin, end=end,
            match=MatchMethod.fuzzy, score=round(alignment.score, 2),
        )  # fmt: skip


def _whole_words(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to whole words: an alignment can end inside one."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _claim_markers(text: str) -> Counter[str]:
    """The negations and numbers in ``text``: what a near-verbatim quote must keep."""
    spelled_out = text.lower().replace("n't", " not").replace("cannot", "can not")
    tokens = _MEANING_TOKENS.findall(spelled_out)
    return Counter(token for token in tokens if token in NEGATIONS or token[0].isdigit())


def grounding_rate(evidence: list[Evidence]) -> float:
    if not evidence:
        return 1.0
    return sum(item.verified for item in evidence) / len(evidence)


def ground_draft(
    draft: BriefDraft,
    source_text: str,
    *,
    source: Source,
    provenance: Provenance,
    fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
    drop_unverified: bool = False,
) -> Brief:
    """Turn a draft into a grounded brief.

    With ``drop_unverified``, items none of whose quotes is verified are removed, and so are
    stances and threats whose actor was removed, so the brief stays consistent.
    """
    locator = QuoteLocator(source_text, fuzzy_threshold)

    def ground(quotes: list[str]) -> list[Evidence]:
        return [locator.locate(quote) for quote in quotes]

    def keep(evidence: list[Evidence]) -> bool:
        return not drop_unverified or any(item.verified for item in evidence)

    actors = [
        Actor(**_fields(actor), evidence=evidence)
        for actor in draft.actors
        if keep(evidence := ground(actor.evidence))
    ]
    known = _known_names(actors)
    stances = [
        Stance(**_fields(stance), evidence=evidence)
        for stance in draft.stances
        if keep(evidence := ground(stance.evidence)) and name_key(stance.actor) in known
    ]
    threats = [
        Threat(**_fields(threat), evidence=evidence)
        for threat in draft.threats
        if keep(evidence := ground(threat.evidence)) and name_key(threat.source) in known
    ]
    uncertainties = [
        Uncertainty(**_fields(item), evidence=evidence)
        for item in draft.uncertainties
        if keep(evidence := ground(item.evidence))
    ]
    every_quote = [
        *(evidence for actor in actors for evidence in actor.evidence),
        *(evidence for stance in stances for evidence in stance.evidence),
        *(evidence for threat in threats for evidence in threat.evidence),
        *(evidence for item in uncertainties for evidence in item.evidence),
    ]
    return Brief(
        bluf=draft.bluf,
        summary=draft.summary,
        key_points=draft.key_points,
        actors=actors,
        stances=stances,
        threats=threats,
        uncertainties=uncertainties,
        grounding_rate=grounding_rate(every_quote),
        source=source,
        provenance=provenance,
    )


def _fields(item: BaseModel) -> dict[str, Any]:
    return item.model_dump(exclude={"evidence"})


def _known_names(actors: list[Actor] | list[ActorDraft]) -> set[str]:
    names = {name_key(actor.name) for actor in actors}
    names.update(name_key(alias) for actor in actors for alias in actor.aliases)
    return names


def reground(brief: Brief, source_text: str) -> Brief:
    """``brief`` with every quote located again in ``source_text``: a brief made elsewhere
    (``eval --predictions``) is not taken at its word that its quotes are verified, nor that
    its offsets are right."""
    locator = QuoteLocator(source_text)
    update: dict[str, Any] = {
        field: [
            item.model_copy(update={"evidence": [locator.locate(e.quote) for e in item.evidence]})
            for item in getattr(brief, field)
        ]
        for field in ("actors", "stances", "threats", "uncertainties")
    }
    every_quote = [
        evidence for items in update.values() for item in items for evidence in item.evidence
    ]
    return brief.model_copy(update={**update, "grounding_rate": grounding_rate(every_quote)})
