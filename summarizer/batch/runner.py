"""Running a batch: drop duplicates, skip what an earlier run finished, brief the rest with a
bounded, rate-adaptive number in flight, and write each result as it comes.

Cancelling the task that runs ``run_batch`` (Ctrl-C in the CLI) starts no new item, cancels
those in flight, keeps everything finished and writes the digest of it before the
cancellation goes on. An endpoint that refuses the key, or a configuration it cannot serve,
stops the whole batch: every other item would fail the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from summarizer.batch.dedup import DuplicateFilter, full_texts_first
from summarizer.batch.digest import Digest, build_digest
from summarizer.batch.limiter import AimdLimiter, Slot
from summarizer.batch.markdown import render_digest_markdown
from summarizer.batch.output import BatchWriter, GroupCommit, brief_line, error_line
from summarizer.batch.records import BatchError, BatchItem, BatchProgress, Duplicate, Stage
from summarizer.batch.workers import WorkerPool
from summarizer.brief import Brief
from summarizer.engines.base import RateLimitCallback
from summarizer.engines.retry import one_line
from summarizer.errors import (
    AuthError,
    ConfigError,
    InputError,
    OutputValidationError,
    SummarizerError,
)
from summarizer.inputs import Article
from summarizer.render_digest import render_digest_html

logger = logging.getLogger("summarizer.batch")

_STOPS_THE_BATCH = (AuthError, ConfigError)


class Briefer(Protocol):
    """What briefs a batch's items: a ``Summarizer``, or a ``WorkerPool`` of them."""

    async def brief(
        self, article: Article, *, on_rate_limit: RateLimitCallback | None = None
    ) -> Brief: ...


class BatchResult(BaseModel):
    briefs: dict[str, Brief]
    """Every item's brief by id, in input order, those from earlier runs included."""
    errors: list[BatchError]
    duplicates: list[Duplicate]
    digest: Digest
    resumed: int = 0
    """Briefs taken from an earlier run's briefs.jsonl."""
    cached: int = 0
    tokens: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def __repr__(self) -> str:
        """Counts only: the full repr of hundreds of briefs runs to megabytes."""
        return (
            f"BatchResult(briefs={len(self.briefs)}, errors={len(self.errors)}, "
            f"duplicates={len(self.duplicates)}, resumed={self.resumed}, cached={self.cached})"
        )


def grounding_problem(brief: Brief) -> str | None:
    """Why a brief cannot be kept: it quotes, but none of its quotes is in the article."""
    evidence = brief.all_evidence()
    if evidence and not any(item.verified for item in evidence):
        return f"none of the {len(evidence)} evidence quotes was found in the article"
    return None


async def run_batch(
    items: Sequence[BatchItem],
    summarizer: Briefer,
    *,
    out_dir: Path | None,
    concurrency: int,
    progress: Callable[[BatchProgress], None] | None = None,
    input_errors: Sequence[BatchError] = (),
) -> BatchResult:
    """Brief ``items`` with at most ``concurrency`` in flight.

    With ``out_dir``, results are written there as they finish (see ``summarizer.batch.output``)
    and items already in its briefs.jsonl with the same text are not briefed again.
    ``input_errors`` (from ``load_items``) are reported with the batch's own.
    """
    if concurrency < 1:
        raise ConfigError("--concurrency must be at least 1")
    writer = BatchWriter(out_dir) if out_dir is not None else None
    if isinstance(summarizer, WorkerPool):
        limiter = AimdLimiter(concurrency, ahead=summarizer.ahead)
        limiter.follow(summarizer.share_limit)
    else:
        limiter = AimdLimiter(concurrency)
    run = _BatchRun(summarizer, writer, limiter, progress)
    try:
        return await run.run(items, input_errors)
    finally:
        if writer is not None:
            writer.close()


class _BatchRun:
    def __init__(
        self,
        summarizer: Briefer,
        writer: BatchWriter | None,
        limiter: AimdLimiter,
        progress: Callable[[BatchProgress], None] | None,
    ) -> None:
        self.summarizer = summarizer
        self.writer = writer
        self.limiter = limiter
        self.progress = progress
        self.brief_commit = GroupCommit(writer.append_briefs) if writer else None
        self.error_commit = GroupCommit(writer.append_errors) if writer else None
        self.briefs: dict[str, Brief] = {}
        self.errors: list[BatchError] = []
        self.stopped_by: SummarizerError | None = None
        self.total = self.done = self.failed = self.cached = self.resumed = self.tokens = 0

    async def run(
        self, items: Sequence[BatchItem], input_errors: Sequence[BatchError]
    ) -> BatchResult:
        duplicates = DuplicateFilter()
        self.total = len(items) + len(input_errors)
        try:
            for error in input_errors:
                self.failed += 1
                await self._record_error(error)
            self._report()
            await self._brief_all(full_texts_first(items), duplicates)
        finally:
            result = await self._finish(items, duplicates.duplicates)
        if self.stopped_by is not None:
            raise self.stopped_by
        return result

    async def _brief_all(self, items: Sequence[BatchItem], duplicates: DuplicateFilter) -> None:
        """Check each item as its turn comes, so the first briefs start at once."""
        async with asyncio.TaskGroup() as group:
            for item in items:
                if not await self._is_new(item, duplicates):
                    self.total -= 1
                    continue
                slot = await self.limiter.acquire()
                if self.stopped_by is not None:
                    self.limiter.release(slot, succeeded=False)
                    break
                group.create_task(self._brief(item, slot))
                self._report()

    async def _is_new(self, item: BatchItem, duplicates: DuplicateFilter) -> bool:
        """False for a duplicate or an item an earlier run briefed already."""
        if duplicates.check(item) is not None:
            return False
        previous = self.writer.previous if self.writer else {}
        earlier = previous.get(item.id)
        if earlier is not None and earlier.source.content_sha256 == item.article.content_sha256:
            self.briefs[item.id] = earlier
            self.resumed += 1
            return False
        return True

    async def _brief(self, item: BatchItem, slot: Slot) -> None:
        try:
            outcome = await self._ask_engine(item, slot)
            if isinstance(outcome, Brief):
                await self._keep(item, outcome)
            elif outcome is not None:
                await self._fail(item, *outcome)
        finally:
            self._report()

    async def _ask_engine(self, item: BatchItem, slot: Slot) -> Brief | tuple[Stage, str] | None:
        """The brief, or the stage and reason it failed (None when the batch must stop).

        The slot is freed as soon as the engine answers: writing the result to a slow disk
        must not hold back the next request to the endpoint.
        """
        succeeded = False
        try:
            brief = await self.summarizer.brief(
                item.article, on_rate_limit=partial(self.limiter.rate_limited, slot)
            )
        except _STOPS_THE_BATCH as error:
            self.stopped_by = self.stopped_by or error
            return None
        except SummarizerError as error:
            if isinstance(error, OutputValidationError):
                self.tokens += int(error.usage.get("total_tokens", 0))
            return ("input" if isinstance(error, InputError) else "engine", str(error))
        except Exception as error:  # a bug on one article must not lose the batch's other work
            logger.debug("briefing %s failed", item.id, exc_info=True)
            reason = one_line(f"{type(error).__name__}: {error}")
            return ("engine", f"internal error (please report it): {reason}")
        else:
            succeeded = True
            return brief
        finally:
            self.limiter.release(slot, succeeded=succeeded)
            self._report()  # before the result is written: a reader never sees it still running

    async def _keep(self, item: BatchItem, brief: Brief) -> None:
        """Write a brief whose quotes hold; it counts as done once its line is on disk."""
        problem = grounding_problem(brief)
        if problem is not None:
            await self._fail(item, "grounding", problem)
        elif self.brief_commit is None:
            self._succeeded(item, brief)
        else:
            try:
                await self.brief_commit.append(
                    brief_line(item.id, brief), partial(self._succeeded, item, brief)
                )
            except OSError as error:
                await self._fail(item, "output", f"cannot append to briefs.jsonl: {error}")

    def _succeeded(self, item: BatchItem, brief: Brief) -> None:
        self.briefs[item.id] = brief
        self.done += 1
        if brief.provenance.cache_hit:
            self.cached += 1
        else:
            self.tokens += brief.provenance.usage.total_tokens

    async def _fail(self, item: BatchItem, stage: Stage, reason: str) -> None:
        self.failed += 1
        await self._record_error(BatchError(id=item.id, stage=stage, reason=one_line(reason)))

    async def _record_error(self, error: BatchError) -> None:
        logger.warning("%s: failed at %s: %s", error.id, error.stage, error.reason)
        self.errors.append(error)
        if self.error_commit is not None:
            try:
                await self.error_commit.append(error_line(error), lambda: None)
            except OSError as problem:
                self.stopped_by = self.stopped_by or ConfigError(
                    f"cannot write errors.jsonl ({problem}); stopping the batch"
                )

    def _report(self) -> None:
        if self.progress is None:
            return
        self.progress(
            BatchProgress(
                total=self.total,
                done=self.done,
                failed=self.failed,
                cached=self.cached,
                resumed=self.resumed,
                in_flight=self.limiter.in_flight,
                limit=self.limiter.limit,
                tokens=self.tokens,
            )
        )

    async def _finish(self, items: Sequence[BatchItem], duplicates: list[Duplicate]) -> BatchResult:
        """Wait for pending writes, then roll up (and write) the digest of what is done."""
        for commit in (self.brief_commit, self.error_commit):
            if commit is not None:
                await commit.drain()
        # in input order: full texts were briefed before summaries, and finish in any order
        briefs = {item.id: self.briefs[item.id] for item in items if item.id in self.briefs}
        digest = build_digest(list(briefs.items()), duplicates=duplicates, errors=self.errors)
        if self.writer is not None:
            try:
                self.writer.write_digest(
                    digest.model_dump_json(indent=2),
                    render_digest_markdown(digest),
                    render_digest_html(digest),
                )
            except OSError as error:
                raise ConfigError(f"cannot write the digest ({error})") from error
        return BatchResult(
            briefs=briefs,
            errors=self.errors,
            duplicates=duplicates,
            digest=digest,
            resumed=self.resumed,
            cached=self.cached,
            tokens=self.tokens,
        )
