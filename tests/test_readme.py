"""The README's commands and code work as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from summarizer.brief import Brief

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, flags=re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_quick_start_briefs_the_example_article_offline() -> None:
    (command,) = code_blocks("bash")[:1]
    summarizer_part = command.strip().split("&&")[-1].split()
    assert summarizer_part[0] == ".venv/bin/summarizer"
    arguments = summarizer_part[1:]
    assert (ROOT / arguments[-1]).is_file()

    note = subprocess.run(
        [sys.executable, "-m", "summarizer", *arguments],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    as_json = subprocess.run(
        [sys.executable, "-m", "summarizer", *arguments, "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip

    assert note.stdout.startswith("# Brief: ")
    assert "no LLM configured" in note.stderr
    brief = Brief.model_validate_json(as_json.stdout)
    assert len(brief.actors) >= 5
    assert brief.threats
    assert all(evidence.verified for evidence in brief.all_evidence())
    assert brief.grounding_rate == 1.0


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    (command,) = code_blocks("bash")[1:2]
    assert "## Run the tests" in README
    assert command.strip() in section("Run the tests")
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command.strip() in ci_script.splitlines()


def test_python_examples_run() -> None:
    for block in code_blocks("python"):
        exec(compile(block, "README.md", "exec"), {})


def test_every_exit_code_in_the_table_is_one_the_program_uses() -> None:
    from summarizer.errors import EXIT_CODES

    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", README, flags=re.M)}
    assert documented == set(EXIT_CODES.values())


def test_relative_links_point_to_files_that_exist() -> None:
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", README):
        assert (ROOT / target).exists(), target


def test_examples_keep_their_licence_note() -> None:
    assert "CC BY 2.5" in (Path(ROOT) / "examples" / "SOURCES.md").read_text()
