"""Batch briefing: many articles from feeds, OPML lists, JSONL and folders, one digest.

    items, input_errors = load_items(["feeds.opml", "articles.jsonl"])
    async with Summarizer(settings) as summarizer:
        result = await run_batch(items, summarizer, out_dir=Path("out"), concurrency=8)
    result.briefs["some-id"].bluf, result.digest.top_threats, result.errors

Modules: ``loading`` (inputs to items, readers in ``summarizer.sources``), ``dedup`` (exact
and near-duplicates), ``limiter`` (AIMD concurrency), ``output`` (briefs.jsonl, errors.jsonl,
digest files), ``digest`` and ``markdown`` (the roll-up), ``runner`` (the orchestration),
``workers`` (briefing in several processes).
"""

from summarizer.batch.digest import Digest, build_digest
from summarizer.batch.loading import load_items
from summarizer.batch.markdown import render_digest_markdown
from summarizer.batch.records import BatchError, BatchItem, BatchProgress, Duplicate
from summarizer.batch.runner import BatchResult, Briefer, run_batch
from summarizer.batch.workers import WorkerPool

__all__ = [
    "BatchError",
    "BatchItem",
    "BatchProgress",
    "BatchResult",
    "Briefer",
    "Digest",
    "Duplicate",
    "WorkerPool",
    "build_digest",
    "load_items",
    "render_digest_markdown",
    "run_batch",
]
