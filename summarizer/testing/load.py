"""A load generator for ``summarizer serve``, shared by the load test and its benchmark.

``serve_in_process`` starts the real command in a process of its own on a free loopback port
(so its memory can be watched apart from the clients'), and ``drive_load`` runs ``clients``
concurrent callers posting briefs for ``duration`` seconds while sampling the service's RSS.
Every request sends an article no earlier request sent, so the cache never answers for the
engine.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import subprocess  # nosec B404
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

_SERVING = re.compile(r"serving on (http://127\.0\.0\.1:\d+)")
ARTICLE = (
    "The Ministry of Defence warned on Monday that rebels could attack the northern port. "
    "Officials, speaking on condition of anonymity, said troops were moving north. "
    "Residents said shops had closed and that ferries to the islands had stopped."
)


@dataclass
class LoadReport:
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    """Requests that got no HTTP answer, by the exception's name and message."""
    latencies: list[float] = field(default_factory=list)
    """Seconds per answered request."""
    rss: list[tuple[float, int]] = field(default_factory=list)
    """(seconds since the start, resident set size in bytes) of the service process."""
    duration: float = 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def rss_halves(self) -> tuple[int, int]:
        """Median RSS over the first and the second half of the run."""
        middle = self.duration / 2
        first = [size for moment, size in self.rss if moment < middle]
        second = [size for moment, size in self.rss if moment >= middle]
        return int(statistics.median(first or [0])), int(statistics.median(second or [0]))

    def summary(self) -> str:
        first, second = self.rss_halves()
        return (
            f"{self.requests} requests in {self.duration:.0f}s "
            f"({self.requests / max(self.duration, 1e-9):.0f}/s), statuses "
            f"{dict(sorted(self.statuses.items()))}, "
            f"transport errors {dict(self.transport_errors)}, "
            f"p50 {self.percentile(0.5) * 1000:.0f} ms, p99 {self.percentile(0.99) * 1000:.0f} ms, "
            f"RSS median {first / 2**20:.0f} MiB first half, {second / 2**20:.0f} MiB second half"
        )


def resident_bytes(pid: int) -> int:
    """The process's resident set size, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@dataclass
class ServiceProcess:
    process: subprocess.Popen[str]
    base_url: str
    log: list[str]
    """The service's stderr so far, a line an item."""


@contextmanager
def serve_in_process(
    arguments: Sequence[str], env: Mapping[str, str], *, startup: float = 60.0
) -> Iterator[ServiceProcess]:
    """Run ``summarizer serve --port 0 ARGUMENTS`` on loopback; stop it afterwards."""
    command = [sys.executable, "-m", "summarizer", "serve", "--host", "127.0.0.1", "--port", "0"]
    # This interpreter, with the caller's own arguments: nothing from outside the test.
    process = subprocess.Popen(  # noqa: S603  # nosec B603
        [*command, *arguments],
        env=dict(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    log: list[str] = []
    try:
        yield ServiceProcess(process, _wait_for_address(process, log, startup), log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_address(process: subprocess.Popen[str], seen: list[str], startup: float) -> str:
    assert process.stderr is not None
    stderr = process.stderr
    found: list[str] = []

    def read() -> None:
        """Reads to the end, past the address, so the service never blocks on a full pipe."""
        for line in stderr:
            seen.append(line)
            match = _SERVING.search(line)
            if match and not found:
                found.append(match.group(1))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + startup
    while not found:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the service did not start:\n" + "".join(seen))
        time.sleep(0.05)
    return found[0]


async def drive_load(
    base_url: str, key: str, *, clients: int, duration: float, pid: int, timeout: float = 60.0
) -> LoadReport:
    """``clients`` callers each post briefs one after another for ``duration`` seconds."""
    report = LoadReport()
    started = time.monotonic()
    stop_at = started + duration
    numbers = iter(range(10**9))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {key}"}

    async def caller(client: httpx.AsyncClient) -> None:
        while time.monotonic() < stop_at:
            body = {"text": f"{ARTICLE} The report was number {next(numbers)}."}
            sent = time.monotonic()
            report.requests += 1
            try:
                answer = await client.post("/v1/briefs", json=body, headers=headers)
            except httpx.TransportError as error:
                report.transport_errors[f"{type(error).__name__}: {error}"] += 1
                continue
            report.latencies.append(time.monotonic() - sent)
            report.statuses[answer.status_code] += 1

    async def sample_memory() -> None:
        while time.monotonic() < stop_at:
            report.rss.append((time.monotonic() - started, resident_bytes(pid)))
            await asyncio.sleep(0.25)

    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) as client:
        await asyncio.gather(sample_memory(), *(caller(client) for _ in range(clients)))
    report.duration = time.monotonic() - started
    return report


def service_environment(keys: str, config: Path) -> dict[str, str]:
    """This process's environment, with the service's keys and config file."""
    return {**os.environ, "SUMMARIZER_SERVICE_KEYS": keys, "SUMMARIZER_CONFIG": str(config)}
