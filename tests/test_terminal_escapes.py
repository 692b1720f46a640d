"""Untrusted text on the terminal: what an article, a feed or a JSONL record holds is shown
in log and error lines, never obeyed by the terminal, and never starts a line of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.cli import main
from summarizer.testing.fake_openai import FakeOpenAI, Reply, valid_brief_arguments

ESCAPES = "\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07\x1b[2J\x9b31m\r\u202egnp.exe"
FORGED = "summarizer: info: every item was briefed"


@pytest.mark.parametrize("quiet", [True, False], ids=["quiet", "progress bar"])
def test_an_id_with_escape_sequences_and_a_newline_is_one_inert_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet: bool
) -> None:
    records = tmp_path / "in.jsonl"
    records.write_text(json.dumps({"id": f"story{ESCAPES}\n{FORGED}", "text": ""}) + "\n")

    code = main(
        ["batch", str(records), "--out", str(tmp_path / "out"), "--engine", "extractive"]
        + (["--quiet"] if quiet else [])
    )

    err = capsys.readouterr().err
    assert code == 4
    assert not any(char in err for char in "\x1b\x07\x9b\r\u202e")
    assert not any(line.startswith(FORGED) for line in err.splitlines())
    shown = r"story\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07\x1b[2J\x9b31m\r\u202egnp.exe"
    warning, error = (line for line in err.splitlines() if shown in line)
    assert warning.startswith("summarizer: warning: ")
    assert error.startswith("summarizer: error: no input could be read: ")
    assert f"{shown}\\n{FORGED}" in error


@pytest.mark.parametrize("output_format", ["json", "html", "markdown"])
def test_escape_sequences_a_model_writes_are_in_no_output_printed_on_stdout(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("The army said the port was closed on Monday.\n")
    arguments = valid_brief_arguments("The army said the port was closed on Monday.")
    arguments["bluf"] = "The port \x1b]8;;http://evil.example/\x07closed\x1b]8;;\x07.\x1b[2J\x9b1A"
    arguments["actors"][0]["name"] = arguments["stances"][0]["actor"] = "\u202eymrA"
    arguments["actors"][0]["evidence"] = ["The army said\x1b[8m the port was closed"]
    fake_openai.script(Reply.brief(arguments))

    code = main(
        ["brief", str(article), "--format", output_format, "--engine", "openai",
         "--base-url", fake_openai.base_url, "--no-cache"]
    )  # fmt: skip

    out = capsys.readouterr().out
    assert code == 0
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", out)
    assert "\\u001b" not in out  # JSON's escape of ESC, which a consumer would undo
    assert "ymrA" in out
    assert "]8;;http://evil.example/closed]8;;.[2J1A" in out.replace("\\", "")
