"""The local engine with a stand-in llama_cpp: setup errors are one line and exit 2, naming
what to fix; an answer cut off at --max-tokens is one line and exit 7, naming the option; a
token budget stops its re-asks as it stops the openai engine's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_ARTICLE, ROOT
from .llama_support import answering, fake_llama_cpp, refusing_to_load

BROKEN_LIBRARY = (
    "raise RuntimeError(\"Failed to load shared library '/venv/llama_cpp/lib/libllama.so': "
    'libgomp.so.1: cannot open shared object file: No such file or directory")\n'
)
MISSING_LIBRARY = "raise FileNotFoundError(\"Shared library with base name 'llama' not found\")\n"


def summarizer_with(packages: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``summarizer ARGS`` with ``packages`` first on the import path."""
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(packages), str(ROOT)])}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False, timeout=120,
    )  # fmt: skip


def brief_with(packages: Path, tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``summarizer brief --engine local`` with ``packages`` first on the import path."""
    return summarizer_with(
        packages, tmp_path, "brief", str(EXAMPLE_ARTICLE), "--engine", "local",
        "--cache-dir", str(tmp_path / "cache"), *options,
    )  # fmt: skip


@pytest.mark.parametrize(
    "package_init",
    [BROKEN_LIBRARY, MISSING_LIBRARY],
    ids=["library will not load", "library missing"],
)
def test_a_llama_cpp_python_whose_library_will_not_load_is_one_line_exit_2(
    package_init: str, tmp_path: Path
) -> None:
    packages = fake_llama_cpp(tmp_path / "packages", package_init)

    run = brief_with(packages, tmp_path)

    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith("summarizer: error: llama-cpp-python is installed but cannot load (")
    assert "pip install --force-reinstall" in line
    assert "internal error" not in line


def test_without_llama_cpp_python_the_error_names_the_extra(tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    packages.mkdir()
    (packages / "sitecustomize.py").write_text("import sys\n\nsys.modules['llama_cpp'] = None\n")

    run = brief_with(packages, tmp_path)

    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == [
        "summarizer: error: the local engine needs llama-cpp-python: pip install '.[local]'"
    ]


def test_a_model_path_that_is_not_gguf_is_refused_before_loading_anything(tmp_path: Path) -> None:
    packages = fake_llama_cpp(
        tmp_path / "packages",
        refusing_to_load("raise AssertionError('a file that is not GGUF was handed to llama.cpp')"),
    )
    notes = tmp_path / "model.gguf"
    notes.write_text("These are my notes, not a model.", encoding="utf-8")

    run = brief_with(packages, tmp_path, "--model-path", str(notes))

    assert run.returncode == 2, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line == f"summarizer: error: {notes}: not a GGUF model file (--model-path)"


def test_serve_with_a_model_that_will_not_load_fails_before_serving(tmp_path: Path) -> None:
    packages = fake_llama_cpp(
        tmp_path / "packages",
        refusing_to_load("raise ValueError('Failed to load model from file')"),
    )
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(GGUF_HEADER)  # a GGUF file cut off after its header

    run = summarizer_with(
        packages, tmp_path, "serve", "--engine", "local", "--model-path", str(cut), "--port", "0"
    )

    assert run.returncode == 2, run.stderr
    *notices, line = run.stderr.strip().splitlines()
    assert line == (
        f"summarizer: error: {cut}: cannot load the model (Failed to load model from file)"
    )
    assert all(notice.startswith("summarizer: warning: no service keys") for notice in notices)


GGUF_HEADER = b"GGUF\x03\x00\x00\x00"
"""A GGUF file's first bytes: enough for the engine's check, nothing a model could load."""


def brief_answered_by(
    tmp_path: Path, llama_source: str, *options: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``summarizer brief --engine local`` with a stand-in ``llama_cpp`` of ``llama_source``
    (see ``answering``); the run, and the model calls the stand-in counted."""
    packages = fake_llama_cpp(tmp_path / "packages", llama_source)
    model = tmp_path / "model.gguf"
    model.write_bytes(GGUF_HEADER)
    run = brief_with(packages, tmp_path, "--model-path", str(model), *options)
    calls = packages / "llama_cpp" / "calls"
    return run, calls.read_text().splitlines() if calls.exists() else []


def test_an_answer_cut_off_at_max_tokens_stops_at_once_and_names_the_option(
    tmp_path: Path,
) -> None:
    run, _ = brief_answered_by(tmp_path, answering('{"bluf": "Rouhani'), "--max-tokens", "150")

    assert run.returncode == 7, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(
        "summarizer: error: the model's answer was cut off at the output token limit, "
        "--max-tokens 150, after 1 attempt; raise --max-tokens"
    )


def test_an_answer_cut_off_at_the_end_of_the_context_stops_at_once_and_names_the_option(
    tmp_path: Path,
) -> None:
    """llama-cpp-python lowers max_tokens to what the context leaves after the prompt (900
    tokens here), and says "tool_calls" when the answer stops there."""
    run, calls = brief_answered_by(
        tmp_path, answering('{"bluf": "Rouhani', written=2000 - 900), "--context-tokens", "2000"
    )

    assert run.returncode == 7, run.stderr
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(
        "summarizer: error: the model's answer was cut off at 1100 tokens, where the prompt "
        "left no more of the model's context (--context-tokens 2000), after 1 attempt; raise "
        "--context-tokens or brief a shorter article"
    )
    assert len(calls) == 1


def test_token_budget_stops_the_local_engine_re_asking(tmp_path: Path) -> None:
    run, calls = brief_answered_by(
        tmp_path, answering("{}", written=100), "--validation-retries", "10",
        "--token-budget", "1500",
    )  # fmt: skip

    assert run.returncode == 7, run.stderr
    assert "token budget of 1500 used up" in run.stderr
    assert len(calls) == 2
