"""The batch's concurrency controller: additive increase, multiplicative decrease (AIMD).

At most ``maximum`` briefs are in flight. When the endpoint signals rate limiting (a 429, or
a 503 with Retry-After), the limit is halved and no new brief starts until the Retry-After
has passed; each brief that then succeeds grows the limit by ``1 / limit``, about one more
slot per limit's worth of successes, as TCP congestion control does. Signals from briefs
that started before the last cut do not cut again: a burst of 429s from one wave of
requests is one signal, not thirty.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

logger = logging.getLogger("summarizer.batch")

MAX_PAUSE = 300.0


@dataclass
class Slot:
    """Permission for one brief to run; remembers the limit's generation when it started."""

    generation: int
    rate_limited: bool = False


class AimdLimiter:
    def __init__(self, maximum: int, *, decrease: float = 0.5) -> None:
        if maximum < 1:
            raise ValueError("maximum must be at least 1")
        self.maximum = maximum
        self.decrease = decrease
        self._limit = float(maximum)
        self._in_flight = 0
        self._generation = 0
        self._paused_until = 0.0
        self._released = asyncio.Event()
        self.lowest_limit = maximum

    @property
    def limit(self) -> int:
        return max(1, int(self._limit))

    @property
    def in_flight(self) -> int:
        return self._in_flight

    async def acquire(self) -> Slot:
        """Wait until a brief may start: under the limit and past any Retry-After."""
        while True:
            pause = self._paused_until - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
                continue
            if self._in_flight < self.limit:
                self._in_flight += 1
                return Slot(self._generation)
            self._released.clear()
            await self._released.wait()

    def release(self, slot: Slot, *, succeeded: bool) -> None:
        self._in_flight -= 1
        if succeeded and not slot.rate_limited:
            self._limit = min(float(self.maximum), self._limit + 1.0 / self._limit)
        self._released.set()

    def rate_limited(self, slot: Slot, retry_after: float | None) -> None:
        """The endpoint asked the brief holding ``slot`` to slow down."""
        slot.rate_limited = True
        if retry_after:
            resume = time.monotonic() + min(retry_after, MAX_PAUSE)
            self._paused_until = max(self._paused_until, resume)
        if slot.generation == self._generation:
            self._generation += 1
            self._limit = max(1.0, self._limit * self.decrease)
            self.lowest_limit = min(self.lowest_limit, self.limit)
            logger.info("rate limited: at most %d briefs in flight from now", self.limit)
