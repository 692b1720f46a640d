"""Running batches in tests: the fixture feeds as items, and one call that runs a batch in
this process or in worker processes."""

from __future__ import annotations

import asyncio
from pathlib import Path

from summarizer.batch import (
    BatchItem,
    BatchProgress,
    BatchResult,
    WorkerPool,
    load_items,
    run_batch,
)
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings

from .conftest import FIXTURES

FEEDS = FIXTURES / "feeds"


def feed_items(name: str = "wikinews-world-rss2.xml") -> list[BatchItem]:
    items, errors = load_items([str(FEEDS / name)])
    assert not errors
    return items


def run(
    items: list[BatchItem],
    settings: Settings,
    out_dir: Path | None = None,
    *,
    concurrency: int = 4,
    progress: list[BatchProgress] | None = None,
    workers: int = 1,
) -> BatchResult:
    """``run_batch`` to the end, with a Summarizer, or a WorkerPool of ``workers``, closed on
    the loop that used it, as the CLI does."""
    briefer = Summarizer(settings) if workers == 1 else WorkerPool(settings, workers)

    async def run_then_close() -> BatchResult:
        try:
            return await run_batch(
                items,
                briefer,
                out_dir=out_dir,
                concurrency=concurrency,
                progress=None if progress is None else progress.append,
            )
        finally:
            await briefer.aclose()

    return asyncio.run(run_then_close())
