"""The cache under pressure: processes sharing one directory, entries corrupted by hand, and a
directory that cannot be written.

Tests run as root, where ``chmod`` stops no write. A read-only directory is therefore a
read-only bind mount made in a private user and mount namespace (``unshare``; skipped where
user namespaces are off), and a full disk is ``RLIMIT_FSIZE=0`` in the CLI's process, which no
user, root included, can write past.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import diskcache
import pytest

from summarizer.brief import ActorDraft, ActorKind, Brief, BriefDraft, Usage
from summarizer.cache import BriefCache
from summarizer.engines.base import EngineResult
from summarizer.inputs import article_from_text
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .conftest import brief_of

WRITERS = 4
OPERATIONS = 200
KEYS = 6
ARTICLE = article_from_text(
    "The Ministry of Defence warned on Monday that rebels could attack the northern port. "
    "Officials said troops were moving north.",
    origin="pressure-test",
)


def written_result(key: str, writer: int, operation: int, large: bool) -> EngineResult:
    """What ``writer`` stores under ``key`` at ``operation``; its bluf says so, so a reader
    can rebuild it. Large results (about 60 kB) are kept by diskcache as files of their own."""
    tag = f"{key} {writer} {operation} {int(large)}"
    quote = f"Quote for {tag}." + " filler" * (70 if large else 0)
    actors = [
        ActorDraft(name=f"Actor {number}", kind=ActorKind.person, evidence=[quote] * 5)
        for number in range(20 if large else 1)
    ]
    return EngineResult(
        draft=BriefDraft(bluf=f"Written as {tag}.", summary="A summary.", actors=actors),
        usage=Usage(requests=1, total_tokens=operation),
        latency_ms=float(writer),
        attempts=1,
    )


def is_intact(result: EngineResult, key: str) -> bool:
    """Whether ``result`` is exactly what some writer stored under ``key``."""
    try:
        stored_key, writer, operation, large = result.draft.bluf[len("Written as ") : -1].split()
        return stored_key == key and result == written_result(
            key, int(writer), int(operation), large == "1"
        )
    except ValueError:
        return False


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def hammer(directory: str, writer: int, barrier: Any, reports: Any) -> None:
    """Random sets and gets on a few shared keys; report every get that is not intact."""
    warnings = _Recorder()
    logging.getLogger("summarizer.cache").addHandler(warnings)
    cache = BriefCache(Path(directory))
    choose = random.Random(writer)
    hits, damaged = 0, []
    barrier.wait()
    for operation in range(OPERATIONS):
        key = f"brief:{choose.randrange(KEYS)}"
        if choose.random() < 0.5:
            cache.set(key, written_result(key, writer, operation, choose.random() < 0.3))
            continue
        got = cache.get(key)
        if got is None:
            continue
        hits += 1
        if not is_intact(got, key):
            damaged.append(got.draft.bluf)
    reports.put(
        {"hits": hits, "damaged": damaged, "warnings": warnings.messages, "enabled": cache.enabled}
    )
    cache.close()


def test_processes_sharing_the_cache_never_read_a_damaged_brief(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    reports = context.Queue()
    workers = [
        context.Process(target=hammer, args=(str(tmp_path), writer, barrier, reports))
        for writer in range(WRITERS)
    ]
    for worker in workers:
        worker.start()
    try:
        results = [reports.get(timeout=240) for _ in workers]
    finally:
        for worker in workers:
            worker.join(timeout=30)
            worker.kill()

    assert [result["damaged"] for result in results] == [[]] * WRITERS
    assert [result["warnings"] for result in results] == [[]] * WRITERS
    assert all(result["enabled"] for result in results)
    assert sum(result["hits"] for result in results) > WRITERS * OPERATIONS / 10


# ---- entries corrupted by hand -------------------------------------------------------------


def settings_for(server: FakeOpenAI, cache_dir: Path) -> Settings:
    return Settings(engine="openai", base_url=server.base_url, model="m", cache_dir=cache_dir)


def run(settings: Settings) -> Brief:
    return brief_of(ARTICLE, settings)


def large_brief_arguments() -> dict[str, Any]:
    """A valid brief of some 60 kB: too large for diskcache to keep inside its database."""
    quote = ARTICLE.text
    return {
        "bluf": "Rebels could attack the port.",
        "summary": "The ministry warned of an attack.",
        "key_points": ["A warning."],
        "actors": [
            {
                "name": f"Actor {number}",
                "kind": "person",
                "aliases": [],
                "role": "x" * 290,
                "evidence": [quote] * 5,
            }
            for number in range(40)
        ],
    }


def value_file(cache_dir: Path) -> Path:
    (path,) = cache_dir.rglob("*.val")
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        lambda path: path.write_bytes(b"\xff\xfe\x00 not UTF-8 \xc0\xaf" * 100),
        lambda path: path.unlink(),
    ],
    ids=["truncated", "garbled", "deleted"],
)
def test_damaged_value_file_of_a_large_entry_is_a_miss_and_is_rewritten(
    fake_openai: FakeOpenAI, tmp_path: Path, damage: Callable[[Path], object]
) -> None:
    fake_openai.fallback = lambda request: Reply.brief(large_brief_arguments())
    run(settings_for(fake_openai, tmp_path))
    damage(value_file(tmp_path))

    again = run(settings_for(fake_openai, tmp_path))

    assert not again.provenance.cache_hit
    assert len(again.actors) == 40
    assert len(fake_openai.requests) == 2
    assert run(settings_for(fake_openai, tmp_path)).provenance.cache_hit
    assert len(fake_openai.requests) == 2


class _RunsCodeWhenUnpickled:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], None], tuple[str]]:
        return os.mkdir, (str(self.marker),)


@pytest.mark.parametrize(
    "stored",
    [
        lambda marker: '{"draft": {"bluf": "trunc',
        lambda marker: '{"draft": {}, "usage": {}, "latency_ms": 0, "attempts": 1}',
        lambda marker: b"\x00\xff binary",
        lambda marker: 42,
        _RunsCodeWhenUnpickled,
    ],
    ids=["truncated-json", "wrong-shape", "bytes", "number", "pickle"],
)
def test_corrupt_stored_value_is_a_miss_is_rewritten_and_is_never_unpickled(
    fake_openai: FakeOpenAI, tmp_path: Path, stored: Callable[[Path], object]
) -> None:
    cache_dir, marker = tmp_path / "cache", tmp_path / "unpickled"
    run(settings_for(fake_openai, cache_dir))
    with diskcache.Cache(str(cache_dir)) as raw:
        (key,) = list(raw.iterkeys())
        raw.set(key, stored(marker))

    again = run(settings_for(fake_openai, cache_dir))

    assert not again.provenance.cache_hit
    assert not marker.exists(), "the cache ran code from a pickle"
    assert run(settings_for(fake_openai, cache_dir)).provenance.cache_hit
    assert len(fake_openai.requests) == 2


def test_a_cache_database_that_is_not_one_means_no_cache_and_one_warning(
    fake_openai: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tmp_path.joinpath("cache.db").write_bytes(b"this is not an SQLite database" * 100)

    brief = run(settings_for(fake_openai, tmp_path))

    assert brief.actors
    (warning,) = [
        record
        for record in caplog.records
        if record.name.startswith("summarizer") and record.levelno >= logging.WARNING
    ]
    assert "continuing without a cache" in warning.getMessage()


# ---- a cache directory that cannot be written ----------------------------------------------


def _user_namespaces_work() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "true"], check=False)
    return probe.returncode == 0


def brief_command(server: FakeOpenAI, article: Path, cache_dir: Path) -> list[str]:
    return [
        sys.executable, "-m", "summarizer", "brief", str(article), "--engine", "openai",
        "--base-url", server.base_url, "--cache-dir", str(cache_dir),
    ]  # fmt: skip


def assert_briefed_with_one_warning(
    result: subprocess.CompletedProcess[str], server: FakeOpenAI
) -> None:
    assert result.returncode == 0, result.stderr
    assert "**Bottom line:**" in result.stdout
    (line,) = result.stderr.splitlines()
    assert line.startswith("summarizer: warning: cache at ")
    assert line.endswith("continuing without a cache")
    assert len(server.requests) == 1


@pytest.mark.skipif(not _user_namespaces_work(), reason="needs unshare and user namespaces")
def test_cli_with_a_read_only_cache_directory_briefs_with_one_warning(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    article, cache_dir = tmp_path / "article.txt", tmp_path / "cache"
    article.write_text(ARTICLE.text)
    BriefCache(cache_dir).stats()  # an existing, valid cache
    mount_read_only = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", mount_read_only]

    result = subprocess.run(
        [*command, str(cache_dir), *brief_command(fake_openai, article, cache_dir)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert_briefed_with_one_warning(result, fake_openai)


def test_cli_on_a_full_disk_briefs_with_one_warning(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.text)

    result = subprocess.run(
        brief_command(fake_openai, article, tmp_path / "cache"),
        capture_output=True, text=True, timeout=120, check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0)),
    )  # fmt: skip

    assert_briefed_with_one_warning(result, fake_openai)
