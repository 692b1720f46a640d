"""The batch's AIMD concurrency limit: cut on rate limiting, grown back slowly, never past
--concurrency, and no new brief starts before Retry-After has passed; worker processes hear
every new limit and pause."""

from __future__ import annotations

import asyncio
import time

import pytest

from summarizer.batch.limiter import AimdLimiter, Slot


async def take(limiter: AimdLimiter, count: int) -> list[Slot]:
    return [await limiter.acquire() for _ in range(count)]


def test_no_more_slots_than_the_maximum_until_one_is_released() -> None:
    async def scenario() -> tuple[bool, bool]:
        limiter = AimdLimiter(3)
        slots = await take(limiter, 3)
        waiting = asyncio.create_task(limiter.acquire())
        await asyncio.sleep(0.01)
        blocked = not waiting.done()
        limiter.release(slots[0], succeeded=True)
        await asyncio.wait_for(waiting, 1)
        return blocked, waiting.done()

    assert asyncio.run(scenario()) == (True, True)


def test_a_burst_of_429s_from_one_wave_halves_the_limit_once() -> None:
    async def scenario() -> int:
        limiter = AimdLimiter(8)
        for slot in await take(limiter, 8):
            limiter.rate_limited(slot, None)
        return limiter.limit

    assert asyncio.run(scenario()) == 4


def test_a_429_for_a_brief_started_after_the_cut_cuts_again_down_to_one() -> None:
    async def scenario() -> list[int]:
        limiter = AimdLimiter(8)
        limits = []
        for _ in range(5):
            slot = await limiter.acquire()
            limiter.rate_limited(slot, None)
            limiter.release(slot, succeeded=False)
            limits.append(limiter.limit)
        return limits

    assert asyncio.run(scenario()) == [4, 2, 1, 1, 1]


def test_successes_grow_the_limit_by_about_one_per_window_and_never_past_the_maximum() -> None:
    async def scenario() -> list[int]:
        limiter = AimdLimiter(8)
        first = await limiter.acquire()
        limiter.rate_limited(first, None)
        limiter.release(first, succeeded=False)
        limits = [limiter.limit]
        for _ in range(60):
            slot = await limiter.acquire()
            limiter.release(slot, succeeded=True)
            limits.append(limiter.limit)
        return limits

    limits = asyncio.run(scenario())
    assert limits[0] == 4
    assert limits.index(5) == 5  # about a limit's worth of successes for one more slot
    assert limits.index(6) - limits.index(5) == 5
    assert max(limits) == 8
    assert limits == sorted(limits)


def test_a_brief_that_was_rate_limited_does_not_grow_the_limit_when_it_succeeds() -> None:
    async def scenario() -> int:
        limiter = AimdLimiter(8)
        slots = await take(limiter, 8)
        for slot in slots:
            limiter.rate_limited(slot, None)
        for slot in slots:
            limiter.release(slot, succeeded=True)
        return limiter.limit

    assert asyncio.run(scenario()) == 4


def test_no_brief_starts_before_retry_after_has_passed() -> None:
    async def scenario() -> float:
        limiter = AimdLimiter(4)
        slot = await limiter.acquire()
        limiter.rate_limited(slot, 0.3)
        limiter.release(slot, succeeded=False)
        started = time.monotonic()
        await limiter.acquire()
        return time.monotonic() - started

    assert asyncio.run(scenario()) >= 0.3


def test_briefs_admitted_ahead_wait_beyond_the_limit_but_are_not_reported_in_flight() -> None:
    async def scenario() -> tuple[int, int, bool]:
        limiter = AimdLimiter(4, ahead=2)
        await take(limiter, 6)
        waiting = asyncio.create_task(limiter.acquire())
        await asyncio.sleep(0.01)
        return limiter.in_flight, limiter.limit, waiting.done()

    assert asyncio.run(scenario()) == (4, 4, False)


def test_followers_hear_the_limit_at_once_then_every_cut_pause_and_growth() -> None:
    heard: list[tuple[int, float]] = []

    async def scenario() -> None:
        limiter = AimdLimiter(4)
        limiter.follow(lambda limit, pause: heard.append((limit, pause)))
        first = await limiter.acquire()
        limiter.rate_limited(first, 0.01)
        limiter.release(first, succeeded=False)
        for _ in range(3):
            slot = await limiter.acquire()
            limiter.release(slot, succeeded=True)

    asyncio.run(scenario())
    assert heard == [(4, 0.0), (2, 0.01), (3, 0.0)]


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        AimdLimiter(0)
