"""Eval configuration (``evals/gates.yaml``): quality gates, matching thresholds, prices.

Matching thresholds are similarities on rapidfuzz's 0-100 scale (see ``matching``):

===============  =======  =========================================================
threshold        default  compares
===============  =======  =========================================================
``name``         90       actor names and aliases (token_sort_ratio, normalised)
``topic``        60       stance topics (token_set_ratio, stop words dropped)
``target``       60       threat targets that are not both matched actors
``description``  50       threat descriptions (source and target already agree)
``claim``        60       uncertainty claims
===============  =======  =========================================================

The defaults were set on the dev split only, by reading every pair the extractive
engine's briefs produced near each threshold and asking whether a reader would call the
two the same item: at 90, names such as "Jonathan Socoolas" and "Anne Sacoolas" (87.5)
stay apart; above 60 most claims and topics are the same, below it most are not.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from summarizer.eval._yaml import YamlDocument

CONFIG_HINT = "fix the eval config; its format is in evals/README.md"

Similarity = float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MatchThresholds(_Model):
    name: Similarity = Field(default=90.0, ge=0, le=100)
    topic: Similarity = Field(default=60.0, ge=0, le=100)
    target: Similarity = Field(default=60.0, ge=0, le=100)
    description: Similarity = Field(default=50.0, ge=0, le=100)
    claim: Similarity = Field(default=60.0, ge=0, le=100)


class Price(_Model):
    """USD per million tokens."""

    prompt: float = Field(ge=0)
    completion: float = Field(ge=0)


DEFAULT_PRICES: dict[str, Price] = {
    # OpenAI list prices, USD per 1M tokens; override or extend them under `prices:`.
    "gpt-4o-mini": Price(prompt=0.15, completion=0.60),
    "gpt-4o": Price(prompt=2.50, completion=10.00),
    "gpt-4.1-nano": Price(prompt=0.10, completion=0.40),
    "gpt-4.1-mini": Price(prompt=0.40, completion=1.60),
    "gpt-4.1": Price(prompt=2.00, completion=8.00),
}


def default_max_drop_metrics() -> list[str]:
    return [
        "actors.f1",
        "stances.f1",
        "threats.f1",
        "uncertainties.f1",
        "brief.schema_valid_rate",
    ]


class EvalConfig(_Model):
    fail_under: dict[str, float] = Field(
        default_factory=dict,
        description="Gate key ([split.]field.metric) to the lowest passing value.",
    )
    max_drop: float | None = Field(
        default=None, ge=0, description="Largest drop from --baseline that still passes."
    )
    max_drop_metrics: list[str] = Field(default_factory=default_max_drop_metrics)
    matching: MatchThresholds = Field(default_factory=MatchThresholds)
    prices: dict[str, Price] = Field(
        default_factory=dict, description="Added to (and overriding) the built-in price table."
    )

    def price_table(self) -> dict[str, Price]:
        return {**DEFAULT_PRICES, **self.prices}


def load_config(path: Path) -> EvalConfig:
    return YamlDocument.read(path, hint=CONFIG_HINT).validate(EvalConfig)
