"""What the routes share: settings, the one Summarizer, its worker, the fetcher, metrics."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import Depends, Request

from summarizer.brief import Brief
from summarizer.inputs import Article
from summarizer.pipeline import Summarizer
from summarizer.service.batches import (
    BatchAccepted,
    BatchRequest,
    BatchRunner,
    BatchStore,
)
from summarizer.service.config import ServiceSettings
from summarizer.service.fetch import UrlFetcher
from summarizer.service.metrics import ServiceMetrics
from summarizer.service.problems import BriefTimeout, ShuttingDown
from summarizer.service.worker import EngineWorker


@dataclass
class ServiceState:
    settings: ServiceSettings
    summarizer: Summarizer
    worker: EngineWorker
    fetcher: UrlFetcher
    metrics: ServiceMetrics
    batches: BatchStore
    batch_runner: BatchRunner
    stopping: bool = False

    def admit(self) -> None:
        """Refuse new work once the service is stopping: it would not be let finish."""
        if self.stopping:
            raise ShuttingDown("the service is shutting down; send this again when it is back")

    async def brief(self, article: Article) -> Brief:
        """One brief on the engine worker, within the service's time limit."""
        limit = self.settings.brief_timeout
        try:
            async with asyncio.timeout(limit):
                brief = await self.worker.run(self.summarizer.brief, article)
        except TimeoutError:
            raise BriefTimeout(f"the brief took longer than {limit:g}s; try again later") from None
        self.metrics.observe_brief(brief)
        return brief

    def start_batch(self, request: BatchRequest, caller: str) -> BatchAccepted:
        self.admit()
        self.batch_runner.check(request)
        job = self.batches.add(caller, len(request.items))
        job.task = self.worker.submit(self.batch_runner.run, job, request.items)
        job.task.add_done_callback(partial(self.batch_runner.settle, job))
        return BatchAccepted(
            id=job.id, status=job.state, items=job.items, url=f"/v1/batches/{job.id}"
        )


def service_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


State = Annotated[ServiceState, Depends(service_state)]


def request_caller(request: Request) -> str:
    """Who sent the request, as AuthMiddleware recorded it (a key number, never the key)."""
    return str(request.state.caller)


Caller = Annotated[str, Depends(request_caller)]
