"""Batches over HTTP: accepted at once, run in the background with ``run_batch``, polled.

Each batch writes to a folder of its own in a temporary directory that lives as long as the
app; its briefs.jsonl and errors.jsonl are what a poll reports while it runs. Batches are
kept in memory (the last ``max_batches``) and are visible only to the key that started them.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import anyio
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer.batch import BatchError, BatchItem, BatchProgress, BatchResult, Duplicate, run_batch
from summarizer.batch.loading import input_error
from summarizer.batch.output import BRIEFS, ERRORS, BriefLine
from summarizer.brief import Brief
from summarizer.errors import InputError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.service.articles import ArticleInput, prepare_article
from summarizer.service.fetch import UrlFetcher
from summarizer.service.metrics import ServiceMetrics
from summarizer.service.problems import BatchNotFound, TooManyBatches

logger = logging.getLogger("summarizer.service")


class BatchArticle(ArticleInput):
    id: str | None = Field(
        default=None, min_length=1, max_length=200, description="Default: item-1, item-2, ..."
    )


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[BatchArticle] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> BatchRequest:
        """Each item's id (given, or item-N by its place) names one item only."""
        seen: set[str] = set()
        for item_id in item_ids(self.items):
            if item_id in seen:
                raise ValueError(f"item id {item_id!r} is used by more than one item")
            seen.add(item_id)
        return self


class BatchState(StrEnum):
    running = "running"
    finished = "finished"
    failed = "failed"
    cancelled = "cancelled"


class BatchAccepted(BaseModel):
    id: str
    status: BatchState
    items: int
    url: str = Field(description="Where to poll for the batch's status and results.")


class BatchBrief(BaseModel):
    id: str
    brief: Brief


class BatchStatus(BaseModel):
    id: str
    status: BatchState
    detail: str | None = Field(default=None, description="Why a failed batch stopped.")
    items: int = Field(description="Items submitted.")
    done: int
    failed: int
    cached: int = Field(description="Of those done, how many the cache answered.")
    in_flight: int
    results: list[BatchBrief]
    errors: list[BatchError]
    duplicates: list[Duplicate] = Field(description="Items dropped as duplicates (when over).")


@dataclass
class BatchJob:
    id: str
    caller: str
    items: int
    directory: Path
    state: BatchState = BatchState.running
    detail: str | None = None
    progress: BatchProgress | None = None
    result: BatchResult | None = None
    task: Future[None] | None = None
    """The run on the engine worker; cancelling it cancels the batch."""
    collected: bool = False
    """Whether a poll has reported it over (with all its results) to its caller."""

    def record_progress(self, progress: BatchProgress) -> None:
        self.progress = progress

    def status(self) -> BatchStatus:
        # The run, on the engine worker's thread, sets the result and the detail before the
        # state: reading the state first, a finished batch is always reported from its result
        # (in input order), never from the lines written so far (in the order they finished).
        state, result = self.state, self.result
        if result is not None:
            results = [BatchBrief(id=key, brief=brief) for key, brief in result.briefs.items()]
            errors = result.errors
            duplicates = result.duplicates
            cached = result.cached
        else:
            results = [BatchBrief(id=line.id, brief=line.brief) for line in self.written_briefs()]
            errors = self.written_errors()
            duplicates = []
            cached = self.progress.cached if self.progress else 0
        return BatchStatus(
            id=self.id,
            status=state,
            detail=self.detail,
            items=self.items,
            done=len(results),
            failed=len(errors),
            cached=cached,
            in_flight=self.progress.in_flight
            if self.progress and state is BatchState.running
            else 0,
            results=results,
            errors=errors,
            duplicates=duplicates,
        )

    @property
    def over(self) -> bool:
        return self.state is not BatchState.running

    def written_briefs(self) -> list[BriefLine]:
        return [
            BriefLine.model_validate_json(line) for line in _whole_lines(self.directory / BRIEFS)
        ]

    def written_errors(self) -> list[BatchError]:
        return [
            BatchError.model_validate_json(line) for line in _whole_lines(self.directory / ERRORS)
        ]


def _whole_lines(path: Path) -> list[bytes]:
    """The lines written so far; a last line still being written is left for the next poll."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return data.split(b"\n")[:-1]


class BatchStore:
    """The batches of one app, in a temporary directory made by ``open``."""

    def __init__(self, max_batches: int) -> None:
        self.max_batches = max_batches
        self._jobs: dict[str, BatchJob] = {}
        self._root: tempfile.TemporaryDirectory[str] | None = None

    def open(self) -> None:
        self._root = tempfile.TemporaryDirectory(prefix="summarizer-batches-")

    def close(self) -> None:
        if self._root is not None:
            self._root.cleanup()
            self._root = None
        self._jobs.clear()

    def add(self, caller: str, items: int) -> BatchJob:
        if self._root is None:
            raise RuntimeError("the batch store is not open")
        if len(self._jobs) >= self.max_batches:
            self._evict_oldest_over()
        batch_id = secrets.token_urlsafe(12)
        directory = Path(self._root.name) / batch_id
        job = BatchJob(id=batch_id, caller=caller, items=items, directory=directory)
        self._jobs[batch_id] = job
        return job

    def _evict_oldest_over(self) -> None:
        for batch_id, job in self._jobs.items():
            if job.over:
                del self._jobs[batch_id]
                shutil.rmtree(job.directory, ignore_errors=True)
                return
        raise TooManyBatches(
            f"{len(self._jobs)} batches are still running; try again when one has finished"
        )

    def running(self) -> list[BatchJob]:
        return [job for job in self._jobs.values() if not job.over]

    def cancel_running(self) -> None:
        for job in self.running():
            if job.task is not None:
                job.task.cancel()

    def get(self, batch_id: str, caller: str) -> BatchJob:
        job = self._jobs.get(batch_id)
        if job is None or job.caller != caller:
            raise BatchNotFound(f"no batch {batch_id!r} for this key")
        return job


def item_ids(items: Sequence[BatchArticle]) -> list[str]:
    return [item.id or f"item-{number}" for number, item in enumerate(items, 1)]


async def prepare_items(
    items: Sequence[BatchArticle], fetcher: UrlFetcher, concurrency: int
) -> tuple[list[BatchItem], list[BatchError]]:
    """Articles for the items, fetched ``concurrency`` at a time; one error per failure."""
    ids = item_ids(items)
    prepared: list[BatchItem | BatchError | None] = [None] * len(items)
    limiter = anyio.CapacityLimiter(concurrency)

    async def prepare(index: int) -> None:
        async with limiter:
            try:
                article = await prepare_article(items[index], fetcher, ids[index])
            except SummarizerError as error:
                prepared[index] = input_error(ids[index], str(error))
            else:
                prepared[index] = BatchItem(id=ids[index], article=article)

    async with anyio.create_task_group() as group:
        for index in range(len(items)):
            group.start_soon(prepare, index)
    ready = [entry for entry in prepared if isinstance(entry, BatchItem)]
    return ready, [entry for entry in prepared if isinstance(entry, BatchError)]


@dataclass(frozen=True)
class BatchRunner:
    """What a batch needs to run, on the engine worker's loop."""

    summarizer: Summarizer
    fetcher: UrlFetcher
    metrics: ServiceMetrics
    concurrency: int
    max_items: int

    def check(self, request: BatchRequest) -> None:
        if len(request.items) > self.max_items:
            raise InputError(
                f"a batch holds at most {self.max_items} items, not {len(request.items)}"
            )

    async def run(self, job: BatchJob, items: Sequence[BatchArticle]) -> None:
        try:
            ready, input_errors = await prepare_items(items, self.fetcher, self.concurrency)
            job.result = await run_batch(
                ready,
                self.summarizer,
                out_dir=job.directory,
                concurrency=self.concurrency,
                progress=job.record_progress,
                input_errors=input_errors,
            )
        except SummarizerError as error:
            job.detail, job.state = str(error), BatchState.failed
        else:
            job.state = BatchState.finished

    def settle(self, job: BatchJob, future: Future[None]) -> None:
        """When the run's task ends in any way: record how, and count its briefs."""
        if future.cancelled():
            job.detail, job.state = "the service stopped", BatchState.cancelled
        elif (error := future.exception()) is not None:
            logger.error("batch %s failed", job.id, exc_info=error)
            job.detail, job.state = "internal error; the server log has details", BatchState.failed
        briefs = list(job.result.briefs.values()) if job.result else self._written(job)
        for brief in briefs:
            self.metrics.observe_brief(brief)
        if job.state is BatchState.cancelled:
            # Batches live in memory only: this line is all that is left of it after the exit.
            logger.warning(
                "batch %s (%s) stopped unfinished with the service: %d of its %d items "
                "briefed; its caller must send it again once the service is back",
                job.id,
                job.caller,
                len(briefs),
                job.items,
            )

    @staticmethod
    def _written(job: BatchJob) -> list[Brief]:
        try:
            return [line.brief for line in job.written_briefs()]
        except (OSError, ValidationError):
            return []
