"""A batch against an endpoint that fails 30% of requests at random (seeded), in every way a
real endpoint can: each article ends with exactly one brief or exactly one error line."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.testing.fake_openai import FakeOpenAI, Reply
from summarizer.testing.faults import FAULT_KINDS, FaultInjector, account_for

from .fault_support import write_articles

ARTICLES = 200
FAULT_RATE = 0.3
SEED = 20261126
TIMEOUT = 1.0
SECRET = "sk-test-SECRET-faults-0123456789"


def batch_arguments(
    source: Path, out: Path, base_url: str, *, concurrency: int = 16, retry_time: float = 4.0
) -> list[str]:
    return ["batch", str(source), "--out", str(out), "--engine", "openai", "--base-url",
            base_url, "--api-key", SECRET, "--concurrency", str(concurrency), "--quiet",
            "--no-cache", "--timeout", str(TIMEOUT), "--retry-time", str(retry_time)]  # fmt: skip


@pytest.mark.slow
def test_a_batch_against_an_endpoint_failing_30_percent_loses_and_duplicates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles.jsonl"
    ids = write_articles(source, ARTICLES)
    out = tmp_path / "out"
    injector = FaultInjector(rate=FAULT_RATE, seed=SEED, hang=TIMEOUT * 1.5)

    with FakeOpenAI(fallback=injector) as server:
        code = main(batch_arguments(source, out, server.base_url))

    account = account_for(ids, out)
    with capsys.disabled():
        print(
            f"\nfaults: {injector.requests} requests, {injector.injected.total()} faults "
            f"injected {dict(sorted(injector.injected.items()))}, {len(account.briefs)} briefs, "
            f"{len(account.errors)} errors, lost={len(account.lost)}, "
            f"duplicates={len(account.duplicates)}"
        )
    assert account.clean, account
    assert set(injector.injected) == set(FAULT_KINDS), "a kind of fault was never injected"
    for line in account.briefs:
        brief = line["brief"]
        assert isinstance(brief, dict)
        assert brief["grounding_rate"] > 0
    for line in account.errors:
        assert line["stage"] == "engine"
        assert re.match(r"gave up after \d+ requests?|the model never produced a valid brief",
                        str(line["reason"]))  # fmt: skip
    assert code == (3 if account.errors else 0)


def test_a_permanently_failing_endpoint_ends_the_batch_within_the_retry_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles.jsonl"
    ids = write_articles(source, 12)
    out = tmp_path / "out"
    retry_time = 2.0  # long beside a loaded machine's scheduling delays (0.3 s seen)

    with FakeOpenAI(fallback=lambda body: Reply.status(503)) as server:
        code = main(batch_arguments(source, out, server.base_url, concurrency=4,
                                    retry_time=retry_time))  # fmt: skip

    assert code == 3
    account = account_for(ids, out)
    assert account.clean
    assert not account.briefs
    for line in account.errors:
        assert line["stage"] == "engine"
        assert re.match(r"gave up after \d+ requests? in [\d.]+s: HTTP 503", str(line["reason"]))
    by_article: dict[str, list[float]] = {}
    for request in server.requests:
        key = hashlib.sha256(request.article_text.encode()).hexdigest()
        by_article.setdefault(key, []).append(request.received_at)
    assert len(by_article) == len(ids)
    for times in by_article.values():
        # the last retry starts within the budget; the server sees it a moment later
        assert max(times) - min(times) <= retry_time * 1.25
    last_line = capsys.readouterr().err.splitlines()[-1]
    assert last_line.startswith("summarizer: error: 12 not briefed")
    assert last_line.endswith("; run the same command again to retry them")
    with capsys.disabled():
        print(f"\nretry budget: {len(server.requests)} requests for {len(ids)} articles, "
              f"{len(account.errors)} errors, exit {code}")  # fmt: skip


def test_a_refused_key_stops_the_batch_at_once_and_never_prints_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles.jsonl"
    write_articles(source, 40)
    out = tmp_path / "out"
    refusal = Reply.status(401, message="Incorrect API key provided")

    with FakeOpenAI(fallback=lambda body: refusal) as server:
        code = main(batch_arguments(source, out, server.base_url, concurrency=4))

    err = capsys.readouterr().err
    with capsys.disabled():
        print(f"\nrefused key: {len(server.requests)} requests for 40 articles, exit {code}")
    assert code == 6
    assert len(server.requests) <= 4, "one request per slot in flight at most, no retry storm"
    assert "refused the API key" in err
    assert SECRET not in err
    for written in out.iterdir():
        assert SECRET not in written.read_text(encoding="utf-8")
