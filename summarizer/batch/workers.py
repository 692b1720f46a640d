"""Briefing in worker processes, so one batch can use every core.

A brief costs the client real CPU: openai builds and parses each request, instructor
validates the answer, and the brief is grounded (about 6 ms a brief over HTTP;
more with the extractive engine). With many briefs in flight one core becomes the bottleneck,
so ``WorkerPool`` runs a ``Summarizer`` in each of several processes and stands in for one.

Everything that must exist once stays in the parent: duplicate dropping, the AIMD limiter (a
worker's 429 is passed back to it, so the whole batch slows down), the writer and the progress
bar. Workers only brief. Each opens the same brief cache, which is safe across processes.

Each worker runs at most its share of the batch's limit at once (a ``Gate`` the parent resizes
whenever the limiter changes the limit or pauses), and holds a few more briefs waiting: a
brief that finishes lets the next one start in the same process at once, where a round trip
through the parent would cost several milliseconds of every request's turn. A limit below
the number of workers leaves some with no share: they get no briefs, and hand back those
waiting when their share drops to none, so no brief waits on a share that may never return.

Workers ignore Ctrl-C (the parent decides what stops), and each quits by itself when the
parent process is gone, so a killed batch leaves no orphans behind. A worker's log records go
to the parent, which handles them as its own: the same levels, handlers and format.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import logging.handlers
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from typing import Any

from summarizer.batch.limiter import Gate
from summarizer.brief import Brief
from summarizer.engines.base import RateLimitCallback
from summarizer.engines.retry import one_line
from summarizer.errors import SummarizerError
from summarizer.inputs import Article
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings

logger = logging.getLogger("summarizer.batch")

START_TIMEOUT = 120.0
"""Seconds a worker may take to import summarizer and build its engine."""
STOP_TIMEOUT = 5.0
POLL_SECONDS = 0.5
"""How often a waiting thread looks up from its queue to check its peer is still alive."""
AHEAD_PER_WORKER = 4
"""Briefs each worker holds beyond its share of the limit, ready to start when a slot frees."""
UNLIMITED = 1 << 30
"""A worker's share until a limiter sizes it (a pool used without ``run_batch``)."""


@dataclass(frozen=True)
class _Job:
    id: int
    article: Article


@dataclass(frozen=True)
class _Share:
    """A worker's new share of the limit, and seconds to start nothing (Retry-After)."""

    limit: int
    pause: float


@dataclass
class _Worker:
    process: BaseProcess
    jobs: Queue[_Job | _Share | None]
    outstanding: dict[int, _Job] = field(default_factory=dict)
    waiting: set[int] = field(default_factory=set)
    """Outstanding jobs it holds but has not started: if it dies, they go to another worker."""
    share: int = UNLIMITED

    @property
    def room(self) -> int:
        """Briefs it can take now: running within its share, or waiting ahead."""
        return self.share + AHEAD_PER_WORKER - len(self.outstanding)


class WorkerPool:
    """``workers`` processes, each with its own ``Summarizer(settings)``.

    Has the ``brief`` and ``close`` of a ``Summarizer``; use it from one event loop. A worker
    that cannot build its engine (a missing key, say) fails the constructor with that error.
    ``run_batch`` splits its limit between the workers (``share_limit``) and admits ``ahead``
    briefs beyond it, to wait at the workers.
    """

    def __init__(self, settings: Settings, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        context = multiprocessing.get_context("spawn")
        self._results: Queue[tuple[str, int, Any]] = context.Queue()
        self._workers: list[_Worker] = []
        self._pending: dict[int, tuple[asyncio.Future[Brief], RateLimitCallback | None]] = {}
        self._assigned: dict[int, _Worker] = {}
        self._ids = itertools.count()
        self._limit: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = threading.Event()
        levels = _logger_levels()
        try:
            for index in range(workers):
                jobs: Queue[_Job | _Share | None] = context.Queue()
                process = context.Process(
                    target=_work,
                    args=(settings, jobs, self._results, os.getpid(), levels),
                    name=f"summarizer-worker-{index}",
                    daemon=True,
                )
                process.start()
                self._workers.append(_Worker(process, jobs))
            self._wait_until_ready()
        except BaseException:
            self.close()
            raise
        self._reader = threading.Thread(target=self._read_results, daemon=True)
        self._reader.start()

    @property
    def ahead(self) -> int:
        return AHEAD_PER_WORKER * len(self._workers)

    def share_limit(self, limit: int, pause: float) -> None:
        """Split ``limit`` between the running workers; each pauses for ``pause`` seconds."""
        self._limit = limit
        running = [worker for worker in self._workers if worker.process.is_alive()]
        for worker in self._workers:
            worker.share = 0  # a dead worker's share is the survivors'
        for number, worker in enumerate(running):  # none running: brief() says so
            worker.share = limit // len(running) + (number < limit % len(running))
            with contextlib.suppress(ValueError, OSError):  # closed meanwhile
                worker.jobs.put(_Share(worker.share, pause))

    @property
    def pids(self) -> list[int | None]:
        """The worker processes' ids, in worker order."""
        return [worker.process.pid for worker in self._workers]

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        ready = 0
        while ready < len(self._workers):
            try:
                kind, _, detail = self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                self._check_started(deadline)
                continue
            if kind == "log":
                _handle(detail)
                continue
            if kind == "unavailable":
                raise detail
            ready += 1

    def _check_started(self, deadline: float) -> None:
        for number, worker in enumerate(self._workers):
            if not worker.process.is_alive():
                raise SummarizerError(
                    f"worker process {number} exited while starting "
                    f"(exit code {worker.process.exitcode})"
                )
        if time.monotonic() > deadline:
            raise SummarizerError(
                f"the worker processes did not start within {START_TIMEOUT:.0f} s"
            )

    async def brief(
        self, article: Article, *, on_rate_limit: RateLimitCallback | None = None
    ) -> Brief:
        """Brief ``article`` in the running worker with the most room."""
        self._loop = asyncio.get_running_loop()
        job = _Job(next(self._ids), article)
        future: asyncio.Future[Brief] = self._loop.create_future()
        self._pending[job.id] = (future, on_rate_limit)
        try:
            self._dispatch(job)
            return await future
        finally:
            self._pending.pop(job.id, None)
            self._unassign(job.id)

    def _dispatch(self, job: _Job) -> None:
        running = [worker for worker in self._workers if worker.process.is_alive()]
        if not running:
            raise SummarizerError("every worker process has stopped; see the errors before this")
        sharing = [worker for worker in running if worker.share > 0] or running
        worker = max(sharing, key=lambda candidate: candidate.room)
        worker.outstanding[job.id] = job
        self._assigned[job.id] = worker
        worker.jobs.put(job)

    def _unassign(self, job_id: int) -> None:
        worker = self._assigned.pop(job_id, None)
        if worker is not None:
            worker.outstanding.pop(job_id, None)
            worker.waiting.discard(job_id)

    def _read_results(self) -> None:
        """Hand each worker message to the event loop; now and then, check for dead workers."""
        while not self._closed.is_set():
            try:
                message = self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                self._post(self._fail_jobs_of_dead_workers)
                continue
            except (EOFError, OSError):
                return
            if message[0] == "log":
                _handle(message[2])
                continue
            self._post(self._deliver, *message)

    def _post(self, callback: Callable[..., None], *args: Any) -> None:
        """Run ``callback`` in the event loop's thread, if a loop is still running."""
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                self._loop.call_soon_threadsafe(callback, *args)

    def _deliver(self, kind: str, job_id: int, detail: Any) -> None:
        entry = self._pending.get(job_id)
        if entry is None:
            return  # the brief was cancelled meanwhile
        future, on_rate_limit = entry
        if kind in ("waiting", "started", "returned"):
            worker = self._assigned.get(job_id)
            if worker is None or worker.process.pid != detail:  # a dead one's late word
                return
            if kind == "waiting":
                worker.waiting.add(job_id)
            elif kind == "started":
                worker.waiting.discard(job_id)
            else:
                self._move(worker.outstanding[job_id])
        elif kind == "rate_limited":
            if on_rate_limit is not None:
                on_rate_limit(detail)
        elif future.done():
            return
        elif kind == "done":
            future.set_result(detail)
        else:
            future.set_exception(detail)

    def _fail_jobs_of_dead_workers(self) -> None:
        dead = [worker for worker in self._workers if not worker.process.is_alive()]
        if self._limit is not None and any(worker.share for worker in dead):
            self.share_limit(self._limit, 0.0)
        for number, worker in enumerate(self._workers):
            if worker.process.is_alive():
                continue
            error = SummarizerError(
                f"worker process {number} stopped (exit code {worker.process.exitcode}) "
                "with this brief in flight"
            )
            for job_id, job in list(worker.outstanding.items()):
                if job_id in worker.waiting:
                    self._move(job)
                else:
                    self._deliver("failed", job_id, error)

    def _move(self, job: _Job) -> None:
        """Give a job its worker never started to another worker."""
        self._unassign(job.id)
        try:
            self._dispatch(job)
        except SummarizerError as none_left:
            self._deliver("failed", job.id, none_left)

    async def aclose(self) -> None:
        """As ``Summarizer.aclose``: each worker releases its engine as it stops."""
        self.close()

    def close(self) -> None:
        """Stop every worker (briefs still in flight are dropped) and wait for them."""
        self._closed.set()
        for worker in self._workers:
            with contextlib.suppress(ValueError, OSError):
                worker.jobs.put(None)
        for worker in self._workers:
            worker.process.join(STOP_TIMEOUT)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(STOP_TIMEOUT)
        for worker in self._workers:
            worker.jobs.close()
            worker.jobs.cancel_join_thread()
        self._results.close()
        self._results.cancel_join_thread()


def _logger_levels() -> dict[str, int]:
    """The levels set on this process's loggers (root included), for a worker to apply."""
    levels = {
        name: logger.level
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET
    }
    return {**levels, "": logging.root.level}


def _handle(record: logging.LogRecord) -> None:
    """Handle a worker's record here, as if it were logged in this process."""
    logging.getLogger(record.name).handle(record)


class _ToParent(logging.handlers.QueueHandler):
    """Sends each record, already formatted into its message, to the parent."""

    def enqueue(self, record: logging.LogRecord) -> None:
        self.queue.put_nowait(("log", -1, record))


def _work(
    settings: Settings,
    jobs: Queue[_Job | _Share | None],
    results: Queue[tuple[str, int, Any]],
    parent: int,
    levels: dict[str, int],
) -> None:
    """A worker process: build a Summarizer, then brief jobs concurrently until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name, level in levels.items():
        logging.getLogger(name or None).setLevel(level)
    logging.root.handlers[:] = [_ToParent(results)]
    try:
        summarizer = Summarizer(settings)
    except SummarizerError as error:
        results.put(("unavailable", -1, error))
        return
    except Exception as error:  # a one-line reason for the parent, not a traceback here
        reason = one_line(f"{type(error).__name__}: {error}")
        results.put(("unavailable", -1, SummarizerError(f"a worker could not start: {reason}")))
        return
    results.put(("ready", -1, None))
    try:
        asyncio.run(_serve(summarizer, jobs, results, parent))
    finally:
        summarizer.close()


async def _serve(
    summarizer: Summarizer,
    jobs: Queue[_Job | _Share | None],
    results: Queue[tuple[str, int, Any]],
    parent: int,
) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    running: set[asyncio.Task[None]] = set()
    waiting: dict[int, asyncio.Task[None]] = {}
    gate = Gate(UNLIMITED)

    def start(message: _Job | _Share) -> None:
        if isinstance(message, _Share):
            gate.resize(message.limit)
            if message.pause:
                gate.pause(message.pause)
            if message.limit == 0:  # hand back what waits: the share may never return
                for job_id, task in list(waiting.items()):
                    task.cancel()
                    results.put(("returned", job_id, os.getpid()))
            return
        task = loop.create_task(_brief(summarizer, message, results, gate, waiting))
        running.add(task)
        task.add_done_callback(running.discard)

    def receive() -> None:
        while True:
            try:
                message = jobs.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if os.getppid() != parent:
                    break
                continue
            except (EOFError, OSError):
                break
            if message is None:
                break
            loop.call_soon_threadsafe(start, message)
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=receive, daemon=True).start()
    await stop.wait()
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    await summarizer.engine.aclose()


async def _brief(
    summarizer: Summarizer,
    job: _Job,
    results: Queue[tuple[str, int, Any]],
    gate: Gate,
    waiting: dict[int, asyncio.Task[None]],
) -> None:
    def rate_limited(retry_after: float | None) -> None:
        if retry_after:
            gate.pause(retry_after)  # here at once; the parent's new share follows
        results.put(("rate_limited", job.id, retry_after))

    if not gate.try_acquire():
        results.put(("waiting", job.id, os.getpid()))
        task = asyncio.current_task()
        if task is not None:
            waiting[job.id] = task
        try:
            await gate.acquire()
        finally:
            waiting.pop(job.id, None)
        results.put(("started", job.id, os.getpid()))
    try:
        brief = await summarizer.brief(job.article, on_rate_limit=rate_limited)
    except SummarizerError as error:
        results.put(("failed", job.id, error))
    except Exception as error:  # reported to the parent, which raises it
        results.put(("failed", job.id, RuntimeError(one_line(f"{type(error).__name__}: {error}"))))
    else:
        results.put(("done", job.id, brief))
    finally:
        gate.release()
