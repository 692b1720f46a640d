"""Untrusted text on the terminal: what an article, a feed or a JSONL record holds is shown
in log and error lines, never obeyed by the terminal, and never starts a line of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.cli import main

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
