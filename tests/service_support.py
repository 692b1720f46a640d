"""The real service app, served by uvicorn on a loopback port in a thread, for the service
tests; and ``summarizer serve`` in a process of its own, for what only a process shows
(signals)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from summarizer.service import ServiceSettings
from summarizer.service.app import create_server
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI

from . import conftest

KEY = "test-key-0123456789abcdef"
OTHER_KEY = "other-key-fedcba9876543210"
SECRET = "sk-upstream-SECRET-0123456789"
ARTICLE = (
    "The Ministry of Defence warned on Monday that rebels could attack the northern port. "
    "Officials, speaking on condition of anonymity, said troops were moving north."
)


def openai_settings(server: FakeOpenAI, cache_dir: Path, **overrides: Any) -> Settings:
    return conftest.openai_settings(
        server, cache_dir, **({"api_key": SECRET, "retry_time": 5.0, "timeout": 5.0} | overrides)
    )


def service_settings(**overrides: Any) -> ServiceSettings:
    # A short drain on stopping: tests that stop with a batch held up need not wait for it.
    values: dict[str, Any] = {"api_keys": [KEY, OTHER_KEY], "shutdown_grace": 0.5}
    values.update(overrides)
    return ServiceSettings(**values)


def auth(key: str = KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@contextmanager
def serving(settings: Settings, service: ServiceSettings) -> Iterator[str]:
    """The app on a free loopback port; yields its base URL and stops it afterwards."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = create_server(settings, service, log_level="warning")
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the service did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(20)
        listener.close()
    assert not thread.is_alive(), "the service did not stop"


@contextmanager
def client_for(settings: Settings, service: ServiceSettings) -> Iterator[httpx.Client]:
    with serving(settings, service) as base_url, httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


class ServeProcess:
    """``summarizer serve ARGS --port 0`` in a process of its own; its stderr is read as it
    comes, so a test can wait for a line."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "summarizer", "serve", "--port", "0", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            port = self.wait_for(r"serving on http://127\.0\.0\.1:(\d+)", timeout=60).group(1)
        except AssertionError:
            self.close()
            raise
        self.base_url = f"http://127.0.0.1:{port}"

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        """The first stderr line that ``pattern`` matches, waiting for it if need be."""
        deadline = time.monotonic() + timeout
        while True:
            for line in list(self.lines):
                if found := re.search(pattern, line):
                    return found
            ended = self.process.poll() is not None and not self._reader.is_alive()
            if ended or time.monotonic() > deadline:
                raise AssertionError(f"no line matching {pattern!r} in: {self.lines}")
            time.sleep(0.05)

    def wait(self, timeout: float) -> int:
        code = self.process.wait(timeout)
        self._reader.join(10)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.wait(30)


@contextmanager
def serve_process(*args: str) -> Iterator[ServeProcess]:
    server = ServeProcess(*args)
    try:
        yield server
    finally:
        server.close()
