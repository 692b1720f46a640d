"""Stopping a batch half way, with Ctrl-C (SIGINT), SIGTERM or SIGKILL, and running it again:
every item ends up in briefs.jsonl exactly once, no line is torn, and finished items are not
re-sent."""

from __future__ import annotations

import hashlib
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .conftest import FIXTURES, INTERRUPTIBLE_CLI

FEED = FIXTURES / "feeds" / "wikinews-world-rss2.xml"
ITEMS = 25
KILLS = 4

pytestmark = pytest.mark.slow


def arguments(server: FakeOpenAI, out: Path) -> list[str]:
    return ["batch", str(FEED), "--out", str(out), "--engine", "openai", "--base-url",
            server.base_url, "--api-key", "k", "--concurrency", "2", "--quiet"]  # fmt: skip


def start_batch(server: FakeOpenAI, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE_CLI, *arguments(server, out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_briefs(path: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    pytest.fail(f"the batch wrote fewer than {count} briefs (exit code {process.poll()})")


def finished_lines(out: Path) -> list[dict[str, object]]:
    data = (out / "briefs.jsonl").read_bytes()
    assert not data or data.endswith(b"\n"), "torn last line"
    return [json.loads(line) for line in data.splitlines()]


def text_hash(line: dict[str, object]) -> str:
    brief = line["brief"]
    assert isinstance(brief, dict)
    return str(brief["source"]["content_sha256"])


def interrupt(server: FakeOpenAI, out: Path, stop: signal.Signals) -> tuple[int, str]:
    """Start the batch in a process of its own and stop it once 4 briefs are written."""
    process = start_batch(server, out)
    wait_for_briefs(out / "briefs.jsonl", 4, process)
    process.send_signal(stop)
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def resume_and_check(server: FakeOpenAI, out: Path) -> None:
    """Run the same command again: it finishes the rest and re-sends nothing finished."""
    done_before = {text_hash(line) for line in finished_lines(out)}
    sent_before = len(server.requests)
    server.fallback = lambda body: Reply.brief()

    code = main(arguments(server, out))

    resent = [
        request
        for request in server.requests[sent_before:]
        if hashlib.sha256(request.article_text.encode()).hexdigest() in done_before
    ]
    assert code == 0
    assert 4 <= len(done_before) < ITEMS
    assert not resent
    ids = [line["id"] for line in finished_lines(out)]
    assert len(ids) == len(set(ids)) == ITEMS
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert digest["counts"]["articles"] == ITEMS


@pytest.mark.parametrize(
    ("sent", "code", "said"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "stopped (SIGTERM)")],
    ids=["Ctrl-C", "SIGTERM (timeout, docker stop, systemd)"],
)
def test_a_stop_signal_keeps_finished_briefs_and_their_digest_and_a_rerun_completes(
    fake_openai: FakeOpenAI, tmp_path: Path, sent: signal.Signals, code: int, said: str
) -> None:
    out = tmp_path / "out"
    fake_openai.fallback = lambda body: Reply.brief(delay=0.15)

    exit_code, err = interrupt(fake_openai, out, sent)

    assert exit_code == code
    assert said in err
    assert "summarizer: interrupted" not in err  # the batch said it, with where its work is
    assert "Traceback" not in err
    done = [str(line["id"]) for line in finished_lines(out)]
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert sorted(str(article["id"]) for article in digest["articles"]) == sorted(done)
    note = (out / "digest.md").read_text(encoding="utf-8")
    assert note.startswith(f"# Digest: {len(done)} ")
    resume_and_check(fake_openai, out)


def test_sigkill_half_way_loses_nothing_finished_and_a_rerun_completes(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    fake_openai.fallback = lambda body: Reply.brief(delay=0.15)

    code, _ = interrupt(fake_openai, out, signal.SIGKILL)

    assert code == -signal.SIGKILL
    resume_and_check(fake_openai, out)


def complete_lines(out: Path) -> list[dict[str, object]]:
    """The whole lines of briefs.jsonl: a tail cut by SIGKILL mid-write is not a brief yet."""
    path = out / "briefs.jsonl"
    data = path.read_bytes() if path.exists() else b""
    return [json.loads(line) for line in data[: data.rfind(b"\n") + 1].splitlines()]


def test_repeated_sigkills_at_random_points_lose_nothing_and_resend_nothing_finished(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    fake_openai.fallback = lambda body: Reply.brief(delay=0.05)
    draw = random.Random(20261126)
    kills = 0
    for _ in range(KILLS):
        done_before = {text_hash(line) for line in complete_lines(out)}
        sent_before = len(fake_openai.requests)
        process = start_batch(fake_openai, out)
        # Kill after a random number of new briefs, a random moment later: mid-request,
        # mid-write or between items.
        wait_for_briefs(out / "briefs.jsonl", len(done_before) + draw.randint(1, 3), process)
        time.sleep(draw.uniform(0.0, 0.1))
        process.kill()
        process.communicate(timeout=60)
        kills += process.returncode == -signal.SIGKILL
        resent = [
            request
            for request in fake_openai.requests[sent_before:]
            if hashlib.sha256(request.article_text.encode()).hexdigest() in done_before
        ]
        assert not resent, "an article already in briefs.jsonl was sent again after a restart"
        if len(complete_lines(out)) == ITEMS:
            break
    assert kills >= 2, "the batch finished before it could be killed twice"

    resume_and_check(fake_openai, out)
    with capsys.disabled():
        print(f"\nkill and resume: {kills} SIGKILLs, {len(fake_openai.requests)} requests for "
              f"{ITEMS} articles, each briefed once, none re-sent")  # fmt: skip
