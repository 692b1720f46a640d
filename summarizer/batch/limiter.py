"""The batch's concurrency controller: additive increase, multiplicative decrease (AIMD).

At most ``maximum`` briefs are in flight. When the endpoint signals rate limiting (a 429, or
a 503 with Retry-After), the limit is halved and no new brief starts until the Retry-After
has passed; each brief that then succeeds grows the limit by ``1 / limit``, about one more
slot per limit's worth of successes, as TCP congestion control does. Signals from briefs
that started before the last cut do not cut again: a burst of 429s from one wave of
requests is one signal, not thirty.

Worker processes brief in parallel with gates of their own (``Gate``), sized by the limiter
that decides for the whole batch: it admits a few briefs beyond the limit (``ahead``) to wait
at the workers, so a slot freed there starts the next brief at once instead of after a round
trip to the batch process, and it tells its followers every new limit and pause.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger("summarizer.batch")

MAX_PAUSE = 300.0

LimitFollower = Callable[[int, float], None]
"""Told ``(limit, pause)`` whenever the limit changes or a Retry-After pauses new briefs."""


class Gate:
    """At most ``size`` holders at once, and none admitted while paused; resizable."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._holders = 0
        self._paused_until = 0.0
        self._changed = asyncio.Event()

    @property
    def holders(self) -> int:
        return self._holders

    def resize(self, size: int) -> None:
        self._size = size
        self._changed.set()

    def pause(self, seconds: float) -> None:
        """Admit no one for ``seconds`` (at most ``MAX_PAUSE``) from now."""
        resume = time.monotonic() + min(seconds, MAX_PAUSE)
        self._paused_until = max(self._paused_until, resume)

    def try_acquire(self) -> bool:
        """Admit at once, or say no without waiting."""
        if self._holders >= self._size or self._paused_until > time.monotonic():
            return False
        self._holders += 1
        return True

    async def acquire(self) -> None:
        while not self.try_acquire():
            pause = self._paused_until - time.monotonic()
            if pause > 0:
                await asyncio.sleep(pause)
            else:
                self._changed.clear()
                await self._changed.wait()

    def release(self) -> None:
        self._holders -= 1
        self._changed.set()


@dataclass
class Slot:
    """Permission for one brief to run; remembers the limit's generation when it started."""

    generation: int
    rate_limited: bool = False


class AimdLimiter:
    def __init__(self, maximum: int, *, decrease: float = 0.5, ahead: int = 0) -> None:
        if maximum < 1:
            raise ValueError("maximum must be at least 1")
        self.maximum = maximum
        self.decrease = decrease
        self.ahead = ahead
        self._limit = float(maximum)
        self._generation = 0
        self._gate = Gate(maximum + ahead)
        self._followers: list[LimitFollower] = []
        self.lowest_limit = maximum

    @property
    def limit(self) -> int:
        return max(1, int(self._limit))

    @property
    def in_flight(self) -> int:
        """Briefs admitted and not finished; with ``ahead``, at most the limit of them run and
        the rest wait at a worker, so the limit is reported."""
        holders = self._gate.holders
        return min(holders, self.limit) if self.ahead else holders

    def follow(self, follower: LimitFollower) -> None:
        """Tell ``follower`` the limit now, and every change from now on."""
        self._followers.append(follower)
        follower(self.limit, 0.0)

    async def acquire(self) -> Slot:
        """Wait until a brief may start: under the limit and past any Retry-After."""
        await self._gate.acquire()
        return Slot(self._generation)

    def release(self, slot: Slot, *, succeeded: bool) -> None:
        self._gate.release()
        if succeeded and not slot.rate_limited:
            before = self.limit
            self._limit = min(float(self.maximum), self._limit + 1.0 / self._limit)
            if self.limit != before:
                self._changed(0.0)

    def rate_limited(self, slot: Slot, retry_after: float | None) -> None:
        """The endpoint asked the brief holding ``slot`` to slow down."""
        slot.rate_limited = True
        pause = min(retry_after or 0.0, MAX_PAUSE)
        if pause:
            self._gate.pause(pause)
        cut = slot.generation == self._generation
        if cut:
            self._generation += 1
            self._limit = max(1.0, self._limit * self.decrease)
            self.lowest_limit = min(self.lowest_limit, self.limit)
            logger.info("rate limited: at most %d briefs in flight from now", self.limit)
        if cut or pause:
            self._changed(pause)

    def _changed(self, pause: float) -> None:
        self._gate.resize(self.limit + self.ahead)
        for follower in self._followers:
            follower(self.limit, pause)
