"""The one protocol every engine implements, and what it takes and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from summarizer.brief import BriefDraft, Usage
from summarizer.inputs import Article
from summarizer.prompts import Message

RateLimitCallback = Callable[[float | None], None]
"""Told the ``Retry-After`` seconds (or None) each time the endpoint rate-limits a request."""


@dataclass(frozen=True)
class EngineRequest:
    """Everything an engine may use: the article and the messages rendered for it.

    ``on_rate_limit`` lets a caller running many briefs (the batch) slow down as a whole;
    engines that talk to no endpoint ignore it.
    """

    article: Article
    messages: list[Message]
    on_rate_limit: RateLimitCallback | None = None


@dataclass(frozen=True)
class EngineResult:
    draft: BriefDraft
    usage: Usage = field(default_factory=Usage)
    latency_ms: float = 0.0
    attempts: int = 1


class Engine(Protocol):
    """A way to turn an article into a brief draft.

    ``identity`` holds everything about the engine that changes its answer (model, endpoint,
    mode, sampling options) and nothing secret: it goes into the cache key and provenance.
    """

    name: str
    cacheable: bool

    @property
    def identity(self) -> dict[str, str | float | int | None]: ...

    async def generate(self, request: EngineRequest) -> EngineResult: ...

    async def prepare(self) -> None:
        """Load now what the first brief would otherwise wait for (a local model): a
        long-running service calls it at startup, so a bad model fails before serving."""

    async def aclose(self) -> None:
        """Release connections, on the event loop that used them (after it, a connection
        pool left to the garbage collector would try to close itself on a dead loop)."""
