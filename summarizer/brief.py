"""The brief, schema v1: the single source of truth for what a brief holds.

Two layers share their fields:

* ``BriefDraft`` is what an engine writes. Evidence is a list of plain quote strings and the
  validators enforce what a model can get wrong (cross-references, lengths); instructor
  feeds their messages back to the model for a retry.
* ``Brief`` is what the program returns: the draft after grounding (each quote located in
  the source, with offsets and ``verified``), plus source metadata and provenance.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from summarizer.controls import drop_controls

SCHEMA_VERSION: Final = "1"

SUMMARY_MAX_WORDS = 150
SUMMARY_HARD_LIMIT_WORDS = 180
BLUF_MAX_WORDS = 70
QUOTE_MAX_CHARS = 600
MAX_QUOTES_PER_ITEM = 5
MAX_ITEMS = 40
MAX_KEY_POINTS = 8


def _at_most(limit: int) -> AfterValidator:
    """A length cap checked after parsing but kept out of the JSON Schema: llama.cpp expands
    ``maxLength`` into a grammar rule per character, and large ones make its grammar fail."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"at most {limit} characters, got {len(value)}")
        return value

    return AfterValidator(check)


NAME_CHARS = 150
PHRASE_CHARS = 300
TEXT_CHARS = 600
LONG_TEXT_CHARS = 1500

_Shown = BeforeValidator(lambda value: drop_controls(value) if isinstance(value, str) else value)
"""What a model writes loses controls and bidi overrides, as article text does: a model the
article talked round could otherwise put escape sequences in every output (JSON and HTML
printed on a terminal too) or make a name read backwards on the page."""
_NonEmpty = StringConstraints(strip_whitespace=True, min_length=1)
Name = Annotated[str, _Shown, _NonEmpty, _at_most(NAME_CHARS)]
Phrase = Annotated[str, _Shown, _NonEmpty, _at_most(PHRASE_CHARS)]
Text = Annotated[str, _Shown, _NonEmpty, _at_most(TEXT_CHARS)]
LongText = Annotated[str, _Shown, _NonEmpty, _at_most(LONG_TEXT_CHARS)]
Quote = Annotated[str, _Shown, StringConstraints(min_length=1), _at_most(QUOTE_MAX_CHARS)]


class ActorKind(StrEnum):
    state = "state"
    government = "government"
    military = "military"
    armed_group = "armed_group"
    political_party = "political_party"
    organization = "organization"
    person = "person"
    other = "other"


class Position(StrEnum):
    supports = "supports"
    opposes = "opposes"
    neutral = "neutral"
    mixed = "mixed"
    unclear = "unclear"


class Likelihood(StrEnum):
    """ICD 203 estimative language, lowest to highest."""

    almost_no_chance = "almost_no_chance"
    very_unlikely = "very_unlikely"
    unlikely = "unlikely"
    roughly_even_chance = "roughly_even_chance"
    likely = "likely"
    very_likely = "very_likely"
    almost_certain = "almost_certain"

    @property
    def rank(self) -> int:
        return list(Likelihood).index(self)


class UncertaintyReason(StrEnum):
    unconfirmed = "unconfirmed"
    anonymous_source = "anonymous_source"
    conflicting_reports = "conflicting_reports"
    estimate = "estimate"
    speculative = "speculative"
    missing_information = "missing_information"


class Confidence(StrEnum):
    low = "low"
    moderate = "moderate"
    high = "high"


class MatchMethod(StrEnum):
    exact = "exact"
    normalized = "normalized"
    fuzzy = "fuzzy"
    none = "none"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


# ---- fields shared by drafts and final items -------------------------------------------


class _ActorFields(_Model):
    name: Name = Field(description="Fullest name of the actor as the article gives it.")
    kind: ActorKind
    aliases: list[Name] = Field(
        default_factory=list,
        max_length=10,
        description="Other forms of the name exactly as they appear in the article.",
    )
    role: Phrase | None = Field(default=None, description="Role or affiliation, if stated.")


class _StanceFields(_Model):
    actor: Name = Field(description="Name (or alias) of an actor listed in `actors`.")
    topic: Phrase = Field(description="Short noun phrase: what the stance is about.")
    position: Position
    summary: Text = Field(description="One line: what the actor said or did.")


class _ThreatFields(_Model):
    source: Name = Field(description="Name (or alias) of the actor posing the threat.")
    target: Phrase = Field(description="Who or what is threatened.")
    description: Text
    kind: Name = Field(description="e.g. attack, terrorism, military, cyber, sanctions, legal.")
    likelihood: Likelihood = Field(description="ICD 203 estimative likelihood.")
    timeframe: Phrase | None = Field(default=None, description="Only if the article states one.")


class _UncertaintyFields(_Model):
    claim: Text
    reason: UncertaintyReason
    confidence: Confidence


_EVIDENCE_DESCRIPTION = (
    "One or more quotes copied verbatim, character for character, from the article."
)


class ActorDraft(_ActorFields):
    evidence: list[Quote] = Field(
        min_length=1, max_length=MAX_QUOTES_PER_ITEM, description=_EVIDENCE_DESCRIPTION
    )


class StanceDraft(_StanceFields):
    evidence: list[Quote] = Field(
        min_length=1, max_length=MAX_QUOTES_PER_ITEM, description=_EVIDENCE_DESCRIPTION
    )


class ThreatDraft(_ThreatFields):
    evidence: list[Quote] = Field(
        min_length=1, max_length=MAX_QUOTES_PER_ITEM, description=_EVIDENCE_DESCRIPTION
    )


class UncertaintyDraft(_UncertaintyFields):
    evidence: list[Quote] = Field(
        min_length=1, max_length=MAX_QUOTES_PER_ITEM, description=_EVIDENCE_DESCRIPTION
    )


def name_key(name: str) -> str:
    """The form under which cross-references compare names: case and spacing folded."""
    return " ".join(name.casefold().split())


def word_count(text: str) -> int:
    return len(text.split())


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _check_cross_references(actors: list[Any], stances: list[Any], threats: list[Any]) -> list[str]:
    known: set[str] = set()
    for actor in actors:
        known.add(name_key(actor.name))
        known.update(name_key(alias) for alias in actor.aliases)
    problems = []
    for i, stance in enumerate(stances):
        if name_key(stance.actor) not in known:
            problems.append(
                f"stances[{i}].actor {stance.actor!r} is not the name or alias of any actor "
                "in `actors`; add that actor or use its listed name"
            )
    for i, threat in enumerate(threats):
        if name_key(threat.source) not in known:
            problems.append(
                f"threats[{i}].source {threat.source!r} is not the name or alias of any actor "
                "in `actors`; add that actor or use its listed name"
            )
    return problems


class _BriefText(_Model):
    bluf: Text = Field(description="Bottom line up front: one or two sentences.")
    summary: LongText = Field(description=f"At most {SUMMARY_MAX_WORDS} words.")
    key_points: list[Text] = Field(default_factory=list, max_length=MAX_KEY_POINTS)

    @model_validator(mode="after")
    def _check_lengths(self) -> _BriefText:
        if word_count(self.summary) > SUMMARY_HARD_LIMIT_WORDS:
            raise ValueError(
                f"summary has {word_count(self.summary)} words; keep it to at most "
                f"{SUMMARY_MAX_WORDS}"
            )
        if word_count(self.bluf) > BLUF_MAX_WORDS or len(_SENTENCE_END.findall(self.bluf)) > 3:
            raise ValueError("bluf must be one or two sentences")
        return self


class BriefDraft(_BriefText):
    """What an engine produces: the brief before grounding."""

    actors: list[ActorDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    stances: list[StanceDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    threats: list[ThreatDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    uncertainties: list[UncertaintyDraft] = Field(default_factory=list, max_length=MAX_ITEMS)

    @model_validator(mode="after")
    def _check_references(self) -> BriefDraft:
        problems = _check_cross_references(self.actors, self.stances, self.threats)
        if problems:
            raise ValueError("; ".join(problems))
        return self


# ---- the grounded brief ------------------------------------------------------------------


class Evidence(_Model):
    quote: str
    verified: bool = Field(description="True when the quote was found in the source text.")
    start: int | None = Field(default=None, description="Character offset in source text.")
    end: int | None = Field(default=None, description="End offset (exclusive).")
    match: MatchMethod = MatchMethod.none
    score: float = Field(default=0.0, ge=0.0, le=100.0, description="Match score, 0-100.")


class Actor(_ActorFields):
    evidence: list[Evidence]


class Stance(_StanceFields):
    evidence: list[Evidence]


class Threat(_ThreatFields):
    evidence: list[Evidence]


class Uncertainty(_UncertaintyFields):
    evidence: list[Evidence]


class Source(_Model):
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date, ISO 8601.")
    content_sha256: str = Field(description="SHA-256 of the article text the brief is of.")
    characters: int = Field(ge=0)
    partial: bool = Field(
        default=False, description="True when only a summary or excerpt of the article was given."
    )
    language: str | None = Field(
        default=None,
        description="ISO 639 code of the article's language, as detected; None when it cannot "
        "be told (too little text).",
    )


class Usage(_Model):
    requests: int = Field(default=0, description="HTTP requests sent, failed ones included.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            requests=self.requests + other.requests,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
        )


class Provenance(_Model):
    engine: str
    model: str | None = None
    endpoint: str | None = Field(default=None, description="Base URL, without credentials.")
    mode: str | None = None
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    cache_hit: bool = False
    usage: Usage = Field(default_factory=Usage)
    latency_ms: float = Field(default=0.0, description="Engine time; 0 on a cache hit.")
    attempts: int = Field(default=1, description="Model calls made, retries included.")


class Brief(_BriefText):
    """A grounded brief of one article."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    actors: list[Actor] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    threats: list[Threat] = Field(default_factory=list)
    uncertainties: list[Uncertainty] = Field(default_factory=list)
    grounding_rate: float = Field(ge=0.0, le=1.0, description="Verified quotes / all quotes.")
    source: Source
    provenance: Provenance

    @model_validator(mode="after")
    def _check_references(self) -> Brief:
        problems = _check_cross_references(self.actors, self.stances, self.threats)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _repr_markdown_(self) -> str:
        """The Markdown briefing note, for notebooks (Jupyter prefers ``_repr_html_``)."""
        from summarizer.render import render_markdown

        return render_markdown(self)

    def _repr_html_(self) -> str:
        """The brief as HTML, for notebooks. A brief holds its article's hash, not its text,
        so the article is not shown: ``render_html(brief, article.text)`` puts them side by
        side."""
        from summarizer.render_html import render_html_fragment

        return render_html_fragment(self)

    def all_evidence(self) -> list[Evidence]:
        items: list[Actor | Stance | Threat | Uncertainty] = [
            *self.actors,
            *self.stances,
            *self.threats,
            *self.uncertainties,
        ]
        return [evidence for item in items for evidence in item.evidence]
