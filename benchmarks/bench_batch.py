"""Batch throughput against the scripted OpenAI-compatible server on loopback.

    python benchmarks/bench_batch.py [--articles 500] [--concurrency 32] [--latency 0.2]
                                     [--workers CORES]

1. ``--articles`` articles, each answered after ``--latency`` seconds, at ``--concurrency``,
   briefed by ``--workers`` processes (``summarizer batch --workers``; default one per
   core): wall time over the ideal ``articles * latency / concurrency`` (goal: at most 1.15).
   Starting the workers is timed apart: it is paid once per run, not per article.
2. The same requests from a bare HTTP client (no openai, no instructor, no pipeline) at the
   same concurrency: the floor the endpoint and this machine allow. Then a plain sequential
   loop over instructor, timed on a few articles and extrapolated.
3. The program's own cost per brief (prompt render, cache lookup, validation, grounding,
   briefs.jsonl write) with a zero-latency endpoint, uncached and then with every answer
   cached (aim: over 500 cached briefs a second on one core).

The server runs in a process of its own, so its threads do not compete with the batch for
the GIL, as a real endpoint would not. The articles are sentences of the fixture articles
shuffled with a fixed seed: real prose of real length, and no two alike enough to be
dropped as duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.queues import Queue
from pathlib import Path

import httpx
import instructor
import openai

from summarizer.batch import BatchItem, WorkerPool, load_items, run_batch
from summarizer.brief import BriefDraft
from summarizer.engines.openai_compat import RESPONSE_MODEL
from summarizer.inputs import article_from_text
from summarizer.pipeline import Summarizer
from summarizer.prompts import render_messages
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "feeds" / "articles.jsonl"
RATIO_GOAL = 1.15
CACHED_GOAL = 500.0
SEQUENTIAL_SAMPLE = 5
INSTRUCTOR_SAMPLE = 50


def serve(latency: float, urls: Queue[str]) -> None:
    with FakeOpenAI(fallback=lambda body: Reply.brief(delay=latency)) as server:
        urls.put(server.base_url)
        time.sleep(24 * 3600)


class Endpoint:
    """The fake server in a process of its own."""

    def __init__(self, latency: float) -> None:
        context = multiprocessing.get_context("spawn")
        urls: Queue[str] = context.Queue()
        self._process = context.Process(target=serve, args=(latency, urls), daemon=True)
        self._process.start()
        self.base_url = urls.get(timeout=60)

    def cpu(self) -> float:
        return process_cpu(self._process.pid)

    def close(self) -> None:
        self._process.terminate()
        self._process.join()


def synthetic_articles(count: int, seed: int = 7) -> list[BatchItem]:
    items, _ = load_items([str(ARTICLES)])
    sentences = [
        sentence
        for item in items
        for sentence in re.split(r"(?<=[.!?])\s+", item.article.text)
        if len(sentence) > 40
    ]
    rng = random.Random(seed)
    return [
        BatchItem(f"bench-{n}", article_from_text(" ".join(rng.sample(sentences, 18))))
        for n in range(count)
    ]


def settings(base_url: str, cache_dir: Path, *, use_cache: bool = True) -> Settings:
    return Settings(engine="openai", base_url=base_url, api_key="bench", model="bench",
                    cache_dir=cache_dir, use_cache=use_cache)  # fmt: skip


@dataclass
class Timing:
    wall: float
    """Seconds from the first item to the digest, worker start-up excluded."""
    cpu: float
    """CPU seconds of the batch process and its workers over the same span."""
    startup: float
    """Seconds to start the worker processes (0 for one process)."""
    endpoint_cpu: float
    """CPU seconds the fake endpoint spent answering, over the same span."""


def process_cpu(pid: int | None) -> float:
    """CPU seconds of another process so far (read from /proc, so Linux only)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int | None]) -> float:
    """CPU time of this process and of ``pids``."""
    return time.process_time() + sum(process_cpu(pid) for pid in pids)


def timed_batch(
    items: list[BatchItem],
    settings: Settings,
    out_dir: Path,
    concurrency: int,
    endpoint: Endpoint,
    workers: int = 1,
) -> Timing:
    started = time.perf_counter()
    summarizer = Summarizer(settings) if workers == 1 else WorkerPool(settings, workers)
    pids = summarizer.pids if isinstance(summarizer, WorkerPool) else []
    startup = time.perf_counter() - started if workers > 1 else 0.0
    wall, cpu, served = time.perf_counter(), cpu_seconds(pids), endpoint.cpu()
    result = asyncio.run(run_batch(items, summarizer, out_dir=out_dir, concurrency=concurrency))
    wall, cpu = time.perf_counter() - wall, cpu_seconds(pids) - cpu
    served = endpoint.cpu() - served
    summarizer.close()
    del summarizer
    gc.collect()  # the openai client, bound to the loop just closed, must not linger into the next
    if result.errors or len(result.briefs) != len(items):
        sys.exit(f"benchmark batch failed: {result.errors[:3]}")
    return Timing(wall, cpu, startup, served)


async def bare_http(items: list[BatchItem], base_url: str, concurrency: int) -> float:
    """Wall seconds for the same chat requests from a bare HTTP client at ``concurrency``."""
    bodies = [json.dumps({"model": "bench", "messages": render_messages(item.article)})
              for item in items]  # fmt: skip
    limit = asyncio.Semaphore(concurrency)
    pool = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=pool, timeout=60) as client:

        async def post(body: str) -> None:
            async with limit:
                response = await client.post(
                    "/chat/completions", content=body, headers={"Content-Type": "application/json"}
                )
                response.raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(post(body) for body in bodies))
        return time.perf_counter() - started


async def sequential_instructor(
    items: list[BatchItem], base_url: str, response_model: type[BriefDraft] = BriefDraft
) -> tuple[float, float]:
    """Wall and CPU seconds per article for the obvious loop: one instructor call after another."""
    async with openai.AsyncOpenAI(base_url=base_url, api_key="bench", max_retries=0) as raw:
        client = instructor.from_openai(raw, mode=instructor.Mode.TOOLS)
        wall, cpu = time.perf_counter(), time.process_time()
        for item in items:
            await client.chat.completions.create(
                response_model=response_model,
                messages=render_messages(item.article),  # type: ignore[arg-type]
                model="bench",
                strict=False,
            )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall / len(items), cpu / len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        measure(options, Path(folder))


def report_batch(timing: Timing, workers: int, ideal: float, articles: int) -> None:
    """The ratio to the ideal, and the best ratio the CPU it took allows on this machine."""
    ratio = timing.wall / ideal
    verdict = "meets" if ratio <= RATIO_GOAL else "misses"
    cores = os.cpu_count() or 1
    busy = max(timing.cpu / min(workers, cores), (timing.cpu + timing.endpoint_cpu) / cores)
    floor = max(1.0, busy / ideal)
    started = f", started in {timing.startup:.1f} s" if workers > 1 else ""
    print(f"batch, {workers} process{'es' if workers > 1 else ''}{started}: "
          f"{timing.wall:.2f} s, ideal {ideal:.2f} s, ratio {ratio:.2f} ({verdict} the goal of "
          f"{RATIO_GOAL}); CPU a brief: client {timing.cpu / articles * 1000:.1f} ms, endpoint "
          f"{timing.endpoint_cpu / articles * 1000:.1f} ms: at the ideal pace that is "
          f"{busy / ideal:.0%} of the busiest core's time on this {cores}-core machine, so no "
          f"schedule beats {floor:.2f}")  # fmt: skip


def measure(options: argparse.Namespace, work: Path) -> None:
    items = synthetic_articles(options.articles)
    print(f"{len(items)} articles, concurrency {options.concurrency}, "
          f"latency {options.latency * 1000:.0f} ms, {os.cpu_count()} cores")  # fmt: skip

    slow = Endpoint(options.latency)
    try:
        ideal = len(items) * options.latency / options.concurrency
        for run, workers in enumerate(sorted({1, options.workers})):
            timing = timed_batch(
                items, settings(slow.base_url, work / f"c1-{run}", use_cache=False),
                work / f"o1-{run}", options.concurrency, slow, workers,
            )  # fmt: skip
            report_batch(timing, workers, ideal, len(items))
        floor = asyncio.run(bare_http(items, slow.base_url, options.concurrency)) / ideal
        print(f"bare HTTP client, same requests and concurrency: ratio {floor:.2f} (the floor "
              f"this endpoint and machine allow)")  # fmt: skip
        sample = items[:SEQUENTIAL_SAMPLE]
        per_item, _ = asyncio.run(sequential_instructor(sample, slow.base_url))
        sequential = per_item * len(items)
        print(f"sequential instructor loop: {per_item * 1000:.0f} ms an article, "
              f"{sequential:.0f} s for {len(items)} (extrapolated from {SEQUENTIAL_SAMPLE}); "
              f"the batch is {sequential / timing.wall:.0f}x faster")  # fmt: skip
    finally:
        slow.close()

    fast = Endpoint(0.0)
    try:
        cache = settings(fast.base_url, work / "c2")
        timing = timed_batch(items, cache, work / "o2", options.concurrency, fast)
        sample = items[:INSTRUCTOR_SAMPLE]
        _, bare = asyncio.run(sequential_instructor(sample, fast.base_url, RESPONSE_MODEL))
        per_brief = timing.cpu / len(items) * 1000
        print(f"zero-latency endpoint, uncached, one process: "
              f"{len(items) / timing.wall:.0f} briefs/s ({per_brief:.1f} ms CPU a brief; "
              f"a plain instructor call alone costs {bare * 1000:.1f} ms)")  # fmt: skip
        timing = timed_batch(items, cache, work / "o3", options.concurrency, fast)
        rate = len(items) / timing.wall
        verdict = "meets" if rate > CACHED_GOAL else "misses"
        print(f"every answer cached, one process: {rate:.0f} briefs/s "
              f"({timing.cpu / len(items) * 1000:.2f} ms CPU a brief; {verdict} the aim of "
              f"{CACHED_GOAL:.0f}/s)")  # fmt: skip
    finally:
        fast.close()


if __name__ == "__main__":
    main()
