"""Every test runs isolated: its own cache and config dirs, no OPENAI_* or proxy variables."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.brief import Brief
from summarizer.inputs import Article
from summarizer.pipeline import summarize
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_ARTICLE = (
    ROOT / "examples" / "31-iran-s-president-rouhani-tells-foreign-powers-to-leave.txt"
)
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INTERRUPTIBLE_CLI = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from summarizer.cli import run; sys.argv[0] = 'summarizer'; run()"
)
"""``python -c`` code that runs the console script's entry point with Python's own Ctrl-C
handler in place, even when the test runner was started with SIGINT ignored (as background
jobs are)."""

_STRIPPED_PREFIXES = ("OPENAI_", "SUMMARIZER_")
_STRIPPED_NAMES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    import os

    for name in list(os.environ):
        if name.startswith(_STRIPPED_PREFIXES) or name in _STRIPPED_NAMES:
            monkeypatch.delenv(name, raising=False)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return cache_dir


@pytest.fixture(autouse=True)
def logging_as_it_was() -> Iterator[None]:
    """``main`` configures the "summarizer" logger (no propagation), which would hide later
    tests' records from caplog: put it back."""
    logger = logging.getLogger("summarizer")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    yield
    logger.handlers[:], logger.level, logger.propagate = saved


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def openai_settings(server: FakeOpenAI, cache_dir: Path, **overrides: Any) -> Settings:
    """Settings for the openai engine against a fake server, with short budgets; overrides win."""
    values: dict[str, Any] = {
        "engine": "openai",
        "base_url": server.base_url,
        "api_key": "sk-test-SECRET-0123456789abcdef",
        "model": "fake-model",
        "cache_dir": cache_dir,
        "retry_time": 20.0,
        "timeout": 10.0,
    }
    return Settings(**(values | overrides))


def brief_of(article: Article, settings: Settings) -> Brief:
    """One brief through the whole pipeline, as the CLI makes it."""
    return summarize(article, settings)
