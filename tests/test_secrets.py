"""The API key never leaves the request: not in the cache, debug reports, eval reports, stdout
or stderr, whatever happens to the request."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer.errors import AuthError, EndpointError, OutputValidationError, RetriesExhausted
from summarizer.testing.fake_openai import FakeOpenAI, Reply, valid_brief_arguments

from .cli_process import CliRun, run_cli
from .conftest import EXAMPLE_ARTICLE, ROOT

OPTION_KEY = "sk-option-SECRET-5f4e3d2c1b0a99887766"
ENVIRONMENT_KEY = "sk-environment-SECRET-0a1b2c3d4e5f66778899"
SECRETS = [OPTION_KEY, ENVIRONMENT_KEY, f"Bearer {OPTION_KEY}", f"Bearer {ENVIRONMENT_KEY}"]


def invalid_brief(request: dict[str, object]) -> Reply:
    arguments = valid_brief_arguments("Some text.")
    arguments["stances"][0]["actor"] = "Nobody Listed"
    return Reply.brief(arguments)


Answer = Callable[[dict[str, object]], Reply]
# scenario: (how the fake endpoint answers, extra options, exit code, directory written)
Scenario = tuple[Answer, list[str], int, str | None]
SCENARIOS: dict[str, Scenario] = {
    "success": (lambda request: Reply.brief(), [], 0, "cache"),
    "401": (
        lambda request: Reply.status(401, message="Incorrect API key"), [], AuthError.exit_code,
        None,
    ),
    "500 until it gives up": (
        lambda request: Reply.status(500), ["--retry-time", "1"], RetriesExhausted.exit_code,
        None,
    ),
    "400 that echoes the key": (
        lambda request: Reply.status(400, message=f"bad request from key {OPTION_KEY}"), [],
        EndpointError.exit_code, None,
    ),
    "500 that echoes the key until it gives up": (
        lambda request: Reply.status(500, message=f"boom {OPTION_KEY}"), ["--retry-time", "1"],
        RetriesExhausted.exit_code, None,
    ),
    "a page that echoes the key until it gives up": (
        lambda request: Reply.page(f"<p>Signed in as {OPTION_KEY}</p>"), ["--retry-time", "1"],
        RetriesExhausted.exit_code, None,
    ),
    "invalid output": (
        invalid_brief, ["--debug-dir", "{tmp}/debug", "--validation-retries", "1"],
        OutputValidationError.exit_code, "debug",
    ),
}  # fmt: skip


def run_with_keys(arguments: list[str], server: FakeOpenAI) -> CliRun:
    return run_cli(
        [*arguments, "--base-url", server.base_url, "--api-key", OPTION_KEY, "--timeout", "10"],
        env={**os.environ, "OPENAI_API_KEY": ENVIRONMENT_KEY},
    )


def leaks(directory: Path, *outputs: str) -> list[str]:
    """Where any form of either key appears: files under ``directory``, or the outputs."""
    found = [
        f"output {number}"
        for number, text in enumerate(outputs)
        if any(secret in text for secret in SECRETS)
    ]
    for path in directory.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            found += [str(path) for secret in SECRETS if secret.encode() in content]
    return found


@pytest.mark.parametrize("scenario", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_no_key_in_any_file_or_output_of_a_brief(
    tmp_path: Path, fake_openai: FakeOpenAI, scenario: Scenario
) -> None:
    answer, options, exit_code, written = scenario
    fake_openai.fallback = answer
    extra = [option.format(tmp=tmp_path) for option in options]

    run = run_with_keys(
        ["brief", str(EXAMPLE_ARTICLE), "--engine", "openai", "--cache-dir",
         str(tmp_path / "cache"), *extra],
        fake_openai,
    )  # fmt: skip

    assert run.exit_code == exit_code, run.stderr
    assert fake_openai.requests[0].headers["authorization"] == f"Bearer {OPTION_KEY}"
    if written is not None:
        assert list((tmp_path / written).iterdir()), f"nothing written to {written}"
    assert leaks(tmp_path, run.stdout, run.stderr) == []


def test_no_key_in_eval_reports_or_output(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    reports = tmp_path / "reports"

    run = run_with_keys(
        ["eval", "--suite", str(ROOT / "evals"), "--split", "test", "--out", str(reports),
         "--engine", "openai", "--cache-dir", str(tmp_path / "c")],
        fake_openai,
    )  # fmt: skip

    assert run.exit_code in (0, 1), run.stderr
    assert {"report.json", "junit.xml", "report.md"} <= {path.name for path in reports.iterdir()}
    assert fake_openai.requests
    assert leaks(tmp_path, run.stdout, run.stderr) == []
