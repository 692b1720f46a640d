"""The public API is what ``summarizer.__all__`` says, and nothing in it is missing."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import summarizer

ROOT = Path(summarizer.__file__).resolve().parent.parent

EXPECTED = {
    "Article", "AuthError", "Brief", "BriefDraft", "CacheMissError", "ConfigError",
    "EndpointError", "Evidence", "InputError", "OutputValidationError", "RetriesExhausted",
    "Settings", "Summarizer", "SummarizerError", "read_article", "summarize",
}  # fmt: skip


def test_public_names_are_exactly_the_documented_ones() -> None:
    assert set(summarizer.__all__) == EXPECTED


def test_every_public_name_is_importable() -> None:
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None


def test_every_error_is_a_summarizer_error_with_its_own_exit_code() -> None:
    errors = [getattr(summarizer, name) for name in summarizer.__all__ if name.endswith("Error")]
    for error in errors:
        assert issubclass(error, summarizer.SummarizerError)
    assert summarizer.AuthError.exit_code != summarizer.EndpointError.exit_code


def test_summarize_works_where_an_event_loop_is_already_running() -> None:
    """A Jupyter cell runs inside an event loop, where ``asyncio.run`` is refused."""

    async def cell() -> summarizer.Brief:
        return summarizer.summarize("The Ministry of Defence said that rebels attacked the port.")

    brief = asyncio.run(cell())
    assert brief.provenance.engine == "extractive"
    assert brief.bluf


def test_summarize_in_a_running_loop_raises_the_documented_error(tmp_path: Path) -> None:
    settings = summarizer.Settings(
        engine="openai", base_url="http://127.0.0.1:9/v1", max_input_chars=20, cache_dir=tmp_path
    )

    async def cell() -> None:
        summarizer.summarize("The Ministry of Defence said rebels attacked the port.", settings)

    with pytest.raises(summarizer.InputError, match="--max-input-chars"):
        asyncio.run(cell())


def test_a_users_mypy_sees_the_types_of_the_installed_package(tmp_path: Path) -> None:
    """Installed (here: an environment whose .pth points at the checkout), the package is
    type-checked only if it carries a py.typed marker; otherwise mypy --strict refuses the
    import and every brief is ``Any``."""
    environment = tmp_path / "env"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(purelib, "summarizer.pth").write_text(f"{ROOT}\n")
    script = tmp_path / "user.py"
    script.write_text("from summarizer import summarize\n\nreveal_type(summarize('x').bluf)\n")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--python-executable", str(python), str(script)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert re.search(r'Revealed type is "(builtins\.)?str"', checked.stdout), checked.stdout
    assert checked.returncode == 0, checked.stdout


def test_read_article_takes_a_path_object_and_names_the_article_by_it(tmp_path: Path) -> None:
    path = tmp_path / "port.txt"
    path.write_text("Rebels attacked the port on Monday, the army said.", encoding="utf-8")

    article = summarizer.read_article(path)

    assert article.origin == str(path)
    assert isinstance(article.origin, str)
