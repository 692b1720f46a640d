"""The oracle: the brief a perfect engine would write for a gold file.

It scores 1.0 on every metric by construction, which makes it the reference for checking
the scorer (tests), for timing it (benchmarks), and for spotting gold files whose items
cannot all be told apart.
"""

from __future__ import annotations

from summarizer.brief import (
    Actor,
    Brief,
    Confidence,
    Likelihood,
    Provenance,
    Source,
    Stance,
    Threat,
    Uncertainty,
)
from summarizer.eval.gold import GoldBrief
from summarizer.grounding import QuoteLocator, grounding_rate
from summarizer.inputs import Article


def oracle_brief(gold: GoldBrief, article: Article) -> Brief:
    """Every gold item (optional ones too) with its support quotes as verified evidence.

    Built without top-level validation: a gold BLUF may be longer than a brief's limit,
    and the oracle must still carry it word for word.
    """
    locate = QuoteLocator(article.text).locate
    actors = [
        Actor(
            name=actor.name,
            kind=actor.kind,
            aliases=actor.aliases,
            evidence=[locate(quote) for quote in actor.support],
        )
        for actor in gold.actors
    ]
    stances = [
        Stance(
            actor=stance.actor,
            topic=stance.topic,
            position=stance.position,
            summary=stance.topic,
            evidence=[locate(quote) for quote in stance.support],
        )
        for stance in gold.stances
    ]
    threats = [
        Threat(
            source=threat.source,
            target=threat.target,
            description=threat.description,
            kind=threat.kind or "unspecified",
            likelihood=threat.likelihood or Likelihood.roughly_even_chance,
            evidence=[locate(quote) for quote in threat.support],
        )
        for threat in gold.threats
    ]
    uncertainties = [
        Uncertainty(
            claim=item.claim,
            reason=item.reason,
            confidence=Confidence.moderate,
            evidence=[locate(quote) for quote in item.support],
        )
        for item in gold.uncertainties
    ]
    items: list[Actor | Stance | Threat | Uncertainty] = [
        *actors,
        *stances,
        *threats,
        *uncertainties,
    ]
    evidence = [quote for item in items for quote in item.evidence]
    return Brief.model_construct(
        bluf=gold.bluf,
        summary=gold.summary or gold.bluf,
        key_points=[],
        actors=actors,
        stances=stances,
        threats=threats,
        uncertainties=uncertainties,
        grounding_rate=grounding_rate(evidence),
        source=Source(content_sha256=article.content_sha256, characters=len(article.text)),
        provenance=Provenance(engine="oracle", prompt_version="gold"),
    )
