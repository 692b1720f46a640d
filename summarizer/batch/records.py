"""What a batch takes and reports: items, errors, duplicates and progress."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.sources.base import SourceItem

BatchItem = SourceItem
"""One article to brief and its id: the unit a batch works on, as the readers produce it."""

Stage = Literal["input", "engine", "grounding", "output"]


class BatchError(BaseModel):
    """An item that was not briefed: at which step, and why (one line)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    stage: Stage
    reason: str


DuplicateKind = Literal["exact", "near", "same_id", "summary"]


class Duplicate(BaseModel):
    """An item dropped before any engine call because another item has the same story."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    duplicate_of: str
    kind: DuplicateKind = Field(
        description="exact: the same text; near: the same story lightly edited; same_id: "
        "another text under the same id (a feed's link or guid), another version of the story; "
        "summary: a feed's summary of a story whose full text, at the same link, is kept."
    )
    similarity: float = Field(
        ge=0.0,
        le=1.0,
        description="Jaccard similarity of word 3-grams (for a summary: the share of its "
        "3-grams in the full text); 1.0 for the same text.",
    )
    title: str | None = None


@dataclass(frozen=True)
class BatchProgress:
    """A snapshot taken whenever an item starts or finishes."""

    total: int
    """Items this run briefs: duplicates and items already in briefs.jsonl are not counted."""
    done: int
    failed: int
    cached: int
    """Of ``done``, how many the cache answered."""
    resumed: int
    """Items skipped because an earlier run already wrote their brief."""
    in_flight: int
    limit: int
    """The concurrency limit now in force (lowered after rate limiting)."""
    tokens: int
    """Tokens spent by this run (cache hits cost none)."""

    @property
    def finished(self) -> int:
        return self.done + self.failed
