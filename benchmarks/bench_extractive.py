"""Time the whole offline flow on one core: read, prompt, extractive engine, grounding, JSON.

    python benchmarks/bench_extractive.py [--articles DIR] [--repeat 5]

Each pass reads every article file, renders the prompt, runs the extractive engine, grounds
the quotes and renders the brief as JSON, as ``summarizer brief --engine extractive`` does
(the engine is not cached, so there is no cache to warm). The first pass warms the process
(place tables, compiled patterns) and is not timed; the best of the timed passes is
reported, because slower passes measure other load on the machine, not the code.

Articles per second depend on the machine, so the figure is also given as a ratio: the
flow's time over the time to read and SHA-256 the same files, measured the same way. That
ratio holds across machines; the target is 50 articles a second on one core.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer.inputs import read_article
from summarizer.pipeline import Summarizer
from summarizer.render import render_json
from summarizer.settings import EngineChoice, Settings

DEFAULT_ARTICLES = Path("/work/shared/data/articles")
TARGET_PER_SECOND = 50.0


def pin_to_one_core() -> int | None:
    """Run on a single CPU where the OS allows it; the core used, or None."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def read_and_hash(paths: Sequence[Path]) -> None:
    for path in paths:
        hashlib.sha256(path.read_bytes()).hexdigest()


def brief_all(summarizer: Summarizer, paths: Sequence[Path]) -> None:
    async def run() -> None:
        for path in paths:
            brief = await summarizer.brief(read_article(str(path)))
            render_json(brief)

    asyncio.run(run())


def best_seconds(work: Callable[[], None], repeat: int) -> float:
    work()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (best is kept)")
    options = parser.parse_args()
    paths = sorted(options.articles.glob("*.txt"))
    if not paths:
        parser.error(f"no .txt articles in {options.articles}")
    core = pin_to_one_core()
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(
            engine=EngineChoice.extractive, cache_dir=Path(cache_dir), use_cache=False
        )
        summarizer = Summarizer(settings)
        try:
            flow = best_seconds(lambda: brief_all(summarizer, paths), options.repeat)
        finally:
            summarizer.close()
    baseline = best_seconds(lambda: read_and_hash(paths), options.repeat)
    rate = len(paths) / flow
    print(f"articles: {len(paths)} from {options.articles}, best of {options.repeat} passes")
    print(f"core: {'any' if core is None else core}")
    print(f"whole flow: {flow * 1000:.1f} ms per pass, {rate:.1f} articles/s")
    print(f"read + sha256: {baseline * 1000:.2f} ms per pass")
    print(f"flow / read+sha256: {flow / baseline:.0f}x")
    verdict = "meets" if rate >= TARGET_PER_SECOND else "misses"
    print(f"target: {TARGET_PER_SECOND:.0f} articles/s ({verdict})")


if __name__ == "__main__":
    main()
