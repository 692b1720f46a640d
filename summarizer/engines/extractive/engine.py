"""The extractive engine: the offline default, with no model and nothing to download."""

from __future__ import annotations

import asyncio
import time

from summarizer.engines.base import EngineRequest, EngineResult
from summarizer.engines.extractive.extract import extract_brief
from summarizer.engines.extractive.rules import RULES_VERSION


class ExtractiveEngine:
    """Briefs by rules. Not cached: it takes milliseconds, less than a cache lookup's worth."""

    name = "extractive"
    cacheable = False

    @property
    def identity(self) -> dict[str, str | float | int | None]:
        return {"rules_version": RULES_VERSION}

    async def prepare(self) -> None:
        """Nothing to load: the rules are data in the package."""

    async def aclose(self) -> None:
        """Nothing to release: no connections."""

    async def generate(self, request: EngineRequest) -> EngineResult:
        """Runs in a thread: a long article takes seconds of CPU, which must not stall the
        event loop (the service's other requests, a batch's writes and progress)."""
        started = time.perf_counter()
        draft = await asyncio.to_thread(extract_brief, request.article)
        return EngineResult(draft=draft, latency_ms=(time.perf_counter() - started) * 1000)
