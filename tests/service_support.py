"""The real service app, served by uvicorn on a loopback port in a thread, for the service tests."""

from __future__ import annotations

import socket
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
    values: dict[str, Any] = {"api_keys": [KEY, OTHER_KEY]}
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
