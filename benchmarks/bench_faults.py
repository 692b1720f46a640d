"""A batch against an endpoint that fails a seeded fraction of requests, at full size.

    python benchmarks/bench_faults.py [--articles 1000] [--rate 0.3] [--seed 20261126]
                                      [--concurrency 32] [--workers 1]

The fake OpenAI endpoint (summarizer.testing.faults) fails ``--rate`` of requests with 429s
(with and without Retry-After), 500s, 503s, dropped connections, read timeouts, slow
trickles, truncated bodies and schema-invalid tool calls. Prints the requests, the faults
injected by kind, the briefs and errors, and the items lost or duplicated; exits 1 unless
every article ends with exactly one brief or one error line and no line is torn. With
``--workers N`` the batch is briefed in N processes (``summarizer batch --workers``).
tests/test_faults.py runs the same at 200 articles.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

from bench_batch import synthetic_articles

from summarizer.batch import WorkerPool, run_batch
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI
from summarizer.testing.faults import FaultInjector, account_for

TIMEOUT = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    options = parser.parse_args()
    # instructor logs every failed attempt; the counts printed at the end say it all
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    logging.getLogger("summarizer").setLevel(logging.ERROR)
    items = synthetic_articles(options.articles, seed=options.seed)
    injector = FaultInjector(rate=options.rate, seed=options.seed, hang=TIMEOUT * 1.5)
    with tempfile.TemporaryDirectory() as scratch, FakeOpenAI(fallback=injector) as server:
        out = Path(scratch, "out")
        settings = Settings(
            engine="openai", base_url=server.base_url, api_key="k", model="fake",
            use_cache=False, timeout=TIMEOUT, retry_time=4.0, cache_dir=Path(scratch, "cache"),
        )  # fmt: skip
        summarizer = (
            Summarizer(settings) if options.workers == 1 else WorkerPool(settings, options.workers)
        )
        started = time.perf_counter()
        try:
            asyncio.run(run_batch(items, summarizer, out_dir=out, concurrency=options.concurrency))
        finally:
            summarizer.close()
        elapsed = time.perf_counter() - started
        account = account_for([item.id for item in items], out)
    print(
        f"{options.articles} articles in {elapsed:.1f}s: {injector.requests} requests, "
        f"{injector.injected.total()} faults injected {dict(sorted(injector.injected.items()))}, "
        f"{len(account.briefs)} briefs, {len(account.errors)} errors, lost={len(account.lost)}, "
        f"duplicates={len(account.duplicates)}, torn={len(account.torn)}"
    )
    if not account.clean:
        sys.exit(1)


if __name__ == "__main__":
    main()
