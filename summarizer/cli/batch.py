"""``summarizer batch``: brief many articles from feeds, OPML lists, JSONL files and folders.

The batch machinery (openai, datasketch, feed parsing) is imported when the command runs, so
other commands start fast.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from summarizer.cli import _options as opt
from summarizer.controls import terminal_line
from summarizer.errors import (
    INTERRUPTED,
    TERMINATED,
    BatchPartialFailure,
    InputError,
    SummarizerError,
)

if TYPE_CHECKING:
    from summarizer.batch import BatchProgress, BatchResult

logger = logging.getLogger("summarizer.cli")


def register(app: typer.Typer) -> None:
    app.command("batch")(opt.with_engine_options(batch))


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Feeds (RSS 2.0, RSS 1.0/RDF, Atom; file or http(s) URL), OPML lists, .jsonl "
            "files, folders of .txt/.md/.html files, or single article files.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder for briefs.jsonl, errors.jsonl, digest.md, digest.json and digest.html.",
            show_default=False,
        ),
    ],
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, max=256, help="Most briefs in flight.")
    ] = 4,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            max=64,
            help="Processes that brief in parallel. More than 1 spreads the client's own work "
            "(requests, validation, grounding, the extractive engine) over more cores.",
        ),
    ] = 1,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar: log lines only.")
    ] = False,
    *,
    engine_options: opt.EngineOptions,
) -> None:
    """Brief every article in the inputs; write briefs, errors and a digest to --out.

    Duplicates are dropped before any model call.
    Running the same command again skips what is done and retries what failed.
    Exit code 3 when some items failed; 4 when no input could be read at all.
    """
    from summarizer.batch import WorkerPool, load_items, run_batch
    from summarizer.batch.output import DIGEST_MARKDOWN, ERRORS
    from summarizer.pipeline import Summarizer

    settings = engine_options.settings()
    items, input_errors = load_items(inputs)
    summarizer = Summarizer(settings) if workers == 1 else WorkerPool(settings, workers)

    async def run_then_close(show: Callable[[BatchProgress], None] | None) -> BatchResult:
        """The batch, then the engine's connections released on the loop that used them:
        left to the garbage collector, they would stay open to the endpoint until then."""
        try:
            return await stop_on_sigterm(
                run_batch(
                    items,
                    summarizer,
                    out_dir=out,
                    concurrency=concurrency,
                    progress=show,
                    input_errors=input_errors,
                )
            )
        finally:
            await summarizer.aclose()

    try:
        with progress_display(enabled=not quiet) as show:
            result = asyncio.run(run_then_close(show))
    except KeyboardInterrupt:
        # A second Ctrl-C during the orderly stop interrupts the batch's task; asyncio would
        # log that task's KeyboardInterrupt, with its traceback, when it is collected.
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        logger.warning(
            "interrupted; what finished is in %s; run the same command again to do the rest", out
        )
        # Said above: typer.Exit(130) would read to main() as a bare Ctrl-C, and say it again.
        raise SystemExit(INTERRUPTED) from None
    except asyncio.CancelledError:
        logger.warning(
            "stopped (SIGTERM); what finished is in %s; run the same command again to do the rest",
            out,
        )
        raise SystemExit(TERMINATED) from None
    finally:
        summarizer.close()
    _stderr().print(
        f"summarizer: {outcome(result)}; digest in {out / DIGEST_MARKDOWN}", markup=False
    )
    if result.errors:
        raise batch_failure(result, out / ERRORS)


def batch_failure(result: BatchResult, errors_file: Path) -> SummarizerError:
    """Bad input (exit 4) when nothing could be read: every item failed at its input and no
    brief came out, so running the batch again would not help. Otherwise some items failed
    (exit 3), even all of them at the endpoint: running again retries those, and the message
    offers that only for them, not for inputs that could not be read."""
    if not result.briefs and all(error.stage == "input" for error in result.errors):
        first = result.errors[0]
        more = len(result.errors) - 1
        others = f" (and {more} more, see {errors_file})" if more else ""
        return InputError(f"no input could be read: {first.id}: {first.reason}{others}")
    unreadable = sum(error.stage == "input" for error in result.errors)
    retryable = len(result.errors) - unreadable
    hints = [f"{unreadable} could not be read"] if unreadable else []
    if retryable:
        which = f"the other {retryable}" if unreadable else "them"
        hints.append(f"run the same command again to retry {which}")
    return BatchPartialFailure(
        f"{len(result.errors)} not briefed (see {errors_file}); " + "; ".join(hints)
    )


async def stop_on_sigterm(batch: Awaitable[BatchResult]) -> BatchResult:
    """Run the batch; SIGTERM (a supervisor, ``timeout``, ``docker stop``) stops it the way
    asyncio stops it on Ctrl-C: the run is cancelled, so it keeps what finished and writes the
    digest of it, and ``asyncio.run`` raises ``CancelledError``. Signal handlers can only be
    set in the main thread, as asyncio's own for Ctrl-C."""
    task = asyncio.current_task()
    if task is None or threading.current_thread() is not threading.main_thread():
        return await batch
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        return await batch
    finally:
        loop.remove_signal_handler(signal.SIGTERM)


def outcome(result: BatchResult) -> str:
    new = len(result.briefs) - result.resumed
    parts = [f"{new} briefed"]
    if result.cached:
        parts.append(f"{result.cached} from the cache")
    if result.resumed:
        parts.append(f"{result.resumed} already done")
    parts.append(f"{len(result.errors)} failed")
    parts.append(f"{len(result.duplicates)} duplicates dropped")
    return ", ".join(parts)


def _stderr() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


class _ConsoleLogHandler(logging.Handler):
    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        line = f"summarizer: {record.levelname.lower()}: {record.getMessage()}"
        self.console.print(terminal_line(line), markup=False, highlight=False)


@contextmanager
def _logging_through(console: Console) -> Iterator[None]:
    """Log lines go through the progress bar's console, which prints them above the bar."""
    root = logging.getLogger("summarizer")
    saved = root.handlers[:]
    root.handlers[:] = [_ConsoleLogHandler(console)]
    try:
        yield
    finally:
        root.handlers[:] = saved


@contextmanager
def progress_display(*, enabled: bool) -> Iterator[Callable[[BatchProgress], None] | None]:
    """A progress bar on stderr (done, failed, cached, tokens, ETA), or nothing."""
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeRemainingColumn(),
    )
    with (
        Progress(*columns, console=_stderr(), transient=False) as bar,
        _logging_through(bar.console),
    ):
        task = bar.add_task("briefing", total=None, counts="")

        def show(state: BatchProgress) -> None:
            resumed = f" ({state.resumed} already done)" if state.resumed else ""
            counts = (
                f"done {state.done} · failed {state.failed} · cached {state.cached} · "
                f"tokens {state.tokens:,} · in flight {state.in_flight}/{state.limit}"
            )
            bar.update(
                task,
                description=f"briefing{resumed}",
                total=state.total,
                completed=state.finished,
                counts=counts,
            )

        yield show
