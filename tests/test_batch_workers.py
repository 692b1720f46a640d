"""``--workers``: a batch briefed in several processes behaves as one briefed in one: the same
briefs, one limiter for the whole batch, errors that name their cause, and no process left
behind."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from summarizer.batch import (
    BatchProgress,
    BatchResult,
    WorkerPool,
    run_batch,
)
from summarizer.cli import main
from summarizer.errors import ConfigError
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .batch_support import FEEDS, feed_items, run
from .conftest import openai_settings

FEED = FEEDS / "wikinews-world-rss2.xml"
T = TypeVar("T")


def with_two_workers(
    server: FakeOpenAI, cache_dir: Path, scenario: Callable[[WorkerPool], Coroutine[Any, Any, T]]
) -> T:
    """Run ``scenario`` on a pool of two workers briefing against ``server``, then close it."""
    pool = WorkerPool(openai_settings(server, cache_dir), 2)
    try:
        return asyncio.run(scenario(pool))
    finally:
        pool.close()


def content(brief_line: dict[str, Any]) -> dict[str, Any]:
    """A brief without its provenance (timings differ from run to run)."""
    return {key: value for key, value in brief_line["brief"].items() if key != "provenance"}


def test_two_workers_write_the_same_briefs_as_one_process(tmp_path: Path) -> None:
    arguments = ["batch", str(FEED), "--engine", "extractive", "--quiet", "--no-cache"]

    assert main([*arguments, "--out", str(tmp_path / "one")]) == 0
    assert main([*arguments, "--out", str(tmp_path / "two"), "--workers", "2"]) == 0

    def briefs(folder: str) -> dict[str, dict[str, Any]]:
        lines = (tmp_path / folder / "briefs.jsonl").read_text(encoding="utf-8").splitlines()
        return {entry["id"]: content(entry) for entry in map(json.loads, lines)}

    one, two = briefs("one"), briefs("two")
    assert len(one) == 25
    assert two == one


def test_workers_share_one_concurrency_limit_and_a_429_slows_the_whole_batch(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=0.05)
    fake_openai.script(*[Reply.status(429, headers={"Retry-After": "0.3"}) for _ in range(4)])
    progress: list[BatchProgress] = []

    result = run(
        feed_items(),
        openai_settings(fake_openai, tmp_path),
        concurrency=4,
        progress=progress,
        workers=2,
    )

    assert len(result.briefs) == 25
    assert not result.errors
    assert fake_openai.max_in_flight <= 4
    assert min(state.limit for state in progress) == 2
    assert all(brief.all_evidence() for brief in result.briefs.values())


def test_a_limit_below_the_number_of_workers_still_briefs_everything_one_at_a_time(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=0.05)

    result = run(feed_items()[:6], openai_settings(fake_openai, tmp_path), concurrency=1, workers=2)

    assert len(result.briefs) == 6
    assert fake_openai.max_in_flight == 1


def test_a_worker_whose_share_drops_to_none_hands_its_waiting_briefs_to_another(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=0.2)

    async def cut_while_briefing(pool: WorkerPool) -> int:
        pool.share_limit(2, 0.0)
        briefs = asyncio.gather(*(pool.brief(item.article) for item in feed_items()[:8]))
        while len(fake_openai.requests) < 2:
            await asyncio.sleep(0.01)
        pool.share_limit(1, 0.0)  # the second worker's share is now none
        return len(await asyncio.wait_for(briefs, 20))

    done = with_two_workers(fake_openai, tmp_path, cut_while_briefing)

    assert done == 8
    assert max(request.in_flight for request in fake_openai.requests[3:]) == 1


def test_the_workers_together_keep_to_the_limit_and_the_pause_the_pool_is_given(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=0.1)

    async def brief_nine(pool: WorkerPool) -> float:
        told = time.monotonic()
        pool.share_limit(3, 0.3)
        await asyncio.gather(*(pool.brief(item.article) for item in feed_items()[:9]))
        return told

    told = with_two_workers(fake_openai, tmp_path, brief_nine)

    assert len(fake_openai.requests) == 9
    assert fake_openai.max_in_flight == 3
    assert min(request.received_at for request in fake_openai.requests) - told >= 0.3


def test_workers_log_through_the_batch_process_so_stderr_holds_only_its_own_lines(
    fake_openai: FakeOpenAI,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """instructor's per-attempt errors stay quiet in workers as in one process, and a
    worker's own warning (an unusable cache) is printed the way the batch process prints."""
    fake_openai.script(*[Reply.status(500) for _ in range(3)])
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")

    code = main(
        ["batch", str(FEED), "--out", str(tmp_path / "out"), "--engine", "openai",
         "--base-url", fake_openai.base_url, "--model", "fake", "--cache-dir", str(not_a_folder),
         "--retry-time", "0.1", "--quiet", "--workers", "2"]
    )  # fmt: skip

    lines = [line for line in capfd.readouterr().err.splitlines() if line.strip()]
    assert code == 3
    assert any(line.startswith("summarizer: warning: cache at") for line in lines)
    assert any("failed at engine" in line for line in lines)
    assert [line for line in lines if not line.startswith("summarizer: ")] == []


def test_a_worker_that_cannot_build_its_engine_fails_the_pool_with_the_reason() -> None:
    with pytest.raises(ConfigError, match="needs an endpoint or a key"):
        WorkerPool(Settings(engine="openai"), 2)


def test_briefs_in_a_worker_that_dies_fail_with_a_reason_and_the_rest_go_to_the_others(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=1.0)

    async def batch_with_a_kill(pool: WorkerPool) -> BatchResult:
        victim = pool.pids[0]
        assert victim is not None
        running = asyncio.create_task(
            run_batch(feed_items()[:8], pool, out_dir=None, concurrency=4)
        )
        while len(fake_openai.requests) < 4:
            await asyncio.sleep(0.02)
        os.kill(victim, signal.SIGKILL)
        return await asyncio.wait_for(running, 30)

    result = with_two_workers(fake_openai, tmp_path, batch_with_a_kill)

    assert len(result.briefs) == 6
    assert [error.stage for error in result.errors] == ["engine", "engine"]
    assert all("worker process 0 stopped" in error.reason for error in result.errors)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_workers_quit_by_themselves_when_the_batch_process_is_killed(tmp_path: Path) -> None:
    script = (
        "import json, os, signal\n"
        "from summarizer.batch import WorkerPool\n"
        "from summarizer.settings import Settings\n"
        "pool = WorkerPool(Settings(engine='extractive'), 2)\n"
        "print(json.dumps(pool.pids), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    pids = json.loads(finished.stdout)
    assert finished.returncode == -signal.SIGKILL
    assert len(pids) == 2

    deadline = time.monotonic() + 20
    while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(pid) for pid in pids)


def test_workers_option_is_checked_like_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["batch", str(FEED), "--out", "out", "--workers", "0"])

    assert code == 2
    assert "--workers" in capsys.readouterr().err
