"""The gold format: what a careful analyst would put in a brief of one article.

Written by hand per ``evals/LABELLING.md``; the models here are the single source of truth
for what a gold file may hold. Enumerations come from the brief's schema, so gold and
prediction can never disagree on the allowed values.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from summarizer.brief import ActorKind, Likelihood, Position, UncertaintyReason, name_key
from summarizer.eval._yaml import FieldProblems, Problem

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SupportQuote = Annotated[str, StringConstraints(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _GoldItem(_Model):
    optional: bool = Field(
        default=False, description="A brief may include it or not without penalty."
    )
    support: list[SupportQuote] = Field(
        default_factory=list, description="Quotes copied character for character from the article."
    )


class GoldActor(_GoldItem):
    name: Text
    kind: ActorKind
    aliases: list[Text] = Field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldStance(_GoldItem):
    actor: Text
    topic: Text
    position: Position
    support: list[SupportQuote] = Field(min_length=1)


class GoldThreat(_GoldItem):
    source: Text
    target: Text
    description: Text
    kind: Text | None = None
    likelihood: Likelihood | None = None
    support: list[SupportQuote] = Field(min_length=1)


class GoldUncertainty(_GoldItem):
    claim: Text
    reason: UncertaintyReason
    support: list[SupportQuote] = Field(min_length=1)


GoldItem = GoldActor | GoldStance | GoldThreat | GoldUncertainty


class GoldBrief(_Model):
    id: Text
    article: Text = Field(description="Path of the article, relative to the gold file.")
    bluf: Text
    summary: Text | None = None
    actors: list[GoldActor] = Field(default_factory=list)
    stances: list[GoldStance] = Field(default_factory=list)
    threats: list[GoldThreat] = Field(default_factory=list)
    uncertainties: list[GoldUncertainty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_references(self) -> GoldBrief:
        known = {name_key(name) for actor in self.actors for name in actor.names}
        problems: list[Problem] = []
        for i, stance in enumerate(self.stances):
            if name_key(stance.actor) not in known:
                problems.append(
                    (
                        ("stances", i, "actor"),
                        f"{stance.actor!r} is not the name or alias of a gold actor",
                    )
                )
        for i, threat in enumerate(self.threats):
            if name_key(threat.source) not in known:
                problems.append(
                    (
                        ("threats", i, "source"),
                        f"{threat.source!r} is not the name or alias of a gold actor",
                    )
                )
        if problems:
            raise FieldProblems(problems)
        return self

    def items(self) -> dict[str, list[GoldItem]]:
        """Every labelled item, by field, in file order."""
        return {
            "actors": list(self.actors),
            "stances": list(self.stances),
            "threats": list(self.threats),
            "uncertainties": list(self.uncertainties),
        }
