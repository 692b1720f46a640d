"""Engine work on an event loop of its own, in its own thread, away from the server's loop.

The extractive engine and grounding are CPU work that would stall every other request if
they ran on the server's loop. They cannot simply go to a thread pool one call at a time:
the openai engine's HTTP client belongs to the event loop it first ran on. So every brief
(and every batch) runs on one long-lived loop in a worker thread, through anyio's
blocking portal, and the server's loop only awaits the result.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from contextlib import ExitStack
from typing import TypeVar

from anyio.from_thread import BlockingPortal, start_blocking_portal

T = TypeVar("T")


class EngineWorker:
    def __init__(self) -> None:
        self._stack = ExitStack()
        self._portal: BlockingPortal | None = None

    @property
    def portal(self) -> BlockingPortal:
        if self._portal is None:
            raise RuntimeError("the engine worker is not started")
        return self._portal

    def start(self) -> None:
        self._portal = self._stack.enter_context(start_blocking_portal())

    def submit(self, function: Callable[..., Awaitable[T]], *args: object) -> Future[T]:
        """Start ``function(*args)`` on the worker loop; cancelling the future cancels it."""
        return self.portal.start_task_soon(function, *args)

    async def run(self, function: Callable[..., Awaitable[T]], *args: object) -> T:
        """Await ``function(*args)`` run on the worker loop; cancelled with the caller."""
        return await asyncio.wrap_future(self.submit(function, *args))

    def stop(self) -> None:
        """Cancel whatever still runs (batches in progress) and end the thread, which closes
        the cache connections that belong to it."""
        if self._portal is not None:
            self._portal.call(self._portal.stop, True)
            self._portal = None
        self._stack.close()
