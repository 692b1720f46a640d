"""Cost estimates: a brief's tokens times its model's price; engines that run on this
machine cost nothing. Cached briefs are priced like fresh ones: the estimate says what the
engine costs, not what this run paid."""

from __future__ import annotations

from collections.abc import Mapping

from summarizer.brief import Provenance
from summarizer.eval.config import Price

FREE_ENGINES = frozenset({"extractive", "local"})


def find_price(model: str | None, prices: Mapping[str, Price]) -> Price | None:
    """The model's price; a dated snapshot (``gpt-4o-mini-2024-07-18``) uses its family's."""
    if model is None:
        return None
    if model in prices:
        return prices[model]
    families = [name for name in prices if model.startswith(f"{name}-")]
    return prices[max(families, key=len)] if families else None


def estimate_cost(provenance: Provenance, prices: Mapping[str, Price]) -> float | None:
    """USD for one brief; ``None`` when the model has no price (add it under ``prices:``)."""
    if provenance.engine in FREE_ENGINES:
        return 0.0
    price = find_price(provenance.model, prices)
    if price is None:
        return None
    usage = provenance.usage
    return (usage.prompt_tokens * price.prompt + usage.completion_tokens * price.completion) / 1e6
