"""Limits on what one caller may send: request body size and request rate.

Both are pure ASGI middleware so they act before FastAPI reads the body: a body declared
too large is refused from its ``Content-Length``, and one that turns out too large while
streaming is refused as soon as the limit is passed, without reading the rest.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summarizer.service.metrics import ServiceMetrics
from summarizer.service.problems import Problem, problem_response

Clock = Callable[[], float]


@dataclass
class TokenBucket:
    """``capacity`` requests at once, refilled at ``rate`` per second."""

    capacity: float
    rate: float
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Take a token; 0 if one was there, else the seconds until one will be."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class RateLimiter:
    """One token bucket per caller. Callers are the configured keys, so they are few."""

    def __init__(self, per_minute: float, burst: int, clock: Clock = time.monotonic) -> None:
        self.rate = per_minute / 60
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def wait_needed(self, caller: str) -> float:
        """Seconds ``caller`` must wait before this request would be allowed; 0 to go now."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(caller)
            if bucket is None:
                bucket = TokenBucket(self.burst, self.rate, float(self.burst), now)
                self._buckets[caller] = bucket
            return bucket.take(now)


class RateLimitMiddleware:
    """429 with ``Retry-After`` (whole seconds, rounded up) when a caller's bucket is empty.

    Only requests with a caller count: the public paths, which have none, are never limited,
    and neither are ``exempt_paths`` (a Prometheus scraper must neither be refused nor spend
    the quota of the key it scrapes with).
    """

    def __init__(
        self,
        app: ASGIApp,
        limiter: RateLimiter,
        metrics: ServiceMetrics,
        exempt_paths: Collection[str] = (),
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.metrics = metrics
        self.exempt_paths = frozenset(exempt_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        caller = scope.get("state", {}).get("caller") if scope["type"] == "http" else None
        if caller is not None and scope["path"] not in self.exempt_paths:
            wait = self.limiter.wait_needed(caller)
            if wait > 0:
                retry_after = max(1, math.ceil(wait))
                problem = Problem(
                    429,
                    "rate_limited",
                    f"too many requests for this key; retry in {retry_after}s",
                    {"Retry-After": str(retry_after)},
                )
                self.metrics.count_problem(problem.kind)
                await problem_response(problem)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` so FastAPI answers it like any HTTP error, with a problem."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"the request body is over the {max_bytes:,}-byte limit")


class BodyLimitMiddleware:
    """413 for a request body over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int, metrics: ServiceMetrics) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.metrics = metrics

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, error: BodyTooLarge
    ) -> None:
        problem = Problem(error.status_code, "body_too_large", error.detail)
        self.metrics.count_problem(problem.kind)
        await problem_response(problem)(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send, BodyTooLarge(self.max_bytes))
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracked_send)
        except BodyTooLarge as error:
            if response_started:
                raise
            await self._refuse(scope, receive, send, error)
