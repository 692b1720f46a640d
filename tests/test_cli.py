"""The command line: one-line errors with documented exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarizer.brief import Brief
from summarizer.cli import main
from summarizer.testing.fake_openai import FakeOpenAI, Reply, valid_brief_arguments

from .conftest import EXAMPLE_ARTICLE, INTERRUPTIBLE_CLI

SECRET = "sk-cli-test-SECRET-abcdef0123456789"


def cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        input=stdin, capture_output=True, text=True, timeout=120, env=os.environ | (env or {}),
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("summarizer: error")]
    assert len(errors) == 1, result.stderr
    assert text in errors[0]
    assert SECRET not in result.stderr + result.stdout


def write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_json_brief_of_the_example_validates() -> None:
    result = cli("brief", str(EXAMPLE_ARTICLE), "--format", "json")

    brief = Brief.model_validate_json(result.stdout)
    assert brief.provenance.engine == "extractive"
    assert brief.source.title


def test_the_engine_variable_chooses_the_engine_and_the_option_overrides_it() -> None:
    chosen = {"SUMMARIZER_ENGINE": "extractive", "OPENAI_API_KEY": SECRET}

    by_variable = cli("brief", str(EXAMPLE_ARTICLE), "--format", "json", env=chosen)
    by_option = cli("brief", str(EXAMPLE_ARTICLE), "--engine", "local", "--model-path",
                    "/nonexistent.gguf", env=chosen)  # fmt: skip

    assert Brief.model_validate_json(by_variable.stdout).provenance.engine == "extractive"
    assert_one_line_error(by_option, 2, "/nonexistent.gguf")


def test_brief_reads_standard_input_and_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = cli("brief", "-", "--out", str(out), stdin=EXAMPLE_ARTICLE.read_text())

    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text().startswith("# Brief: ")


def test_out_writes_through_a_link_and_keeps_a_files_permissions(tmp_path: Path) -> None:
    private = tmp_path / "private.md"
    private.write_text("old")
    private.chmod(0o600)
    link = tmp_path / "latest.md"
    link.symlink_to(private)

    result = cli("brief", str(EXAMPLE_ARTICLE), "--out", str(link))

    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert private.read_text().startswith("# Brief: ")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_out_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text()), daemon=True)
    reader.start()

    result = cli("brief", str(EXAMPLE_ARTICLE), "--out", str(pipe))
    reader.join(timeout=30)

    assert result.returncode == 0, result.stderr
    assert received[0].startswith("# Brief: ")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_out_dev_stdout_writes_into_the_pipe_a_reader_holds() -> None:
    result = cli("brief", str(EXAMPLE_ARTICLE), "--out", "/dev/stdout")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Brief: ")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (bytes(range(256)) * 64, "is not text")],
    ids=["empty", "binary"],
)
def test_unusable_input_exits_4(tmp_path: Path, content: bytes, message: str) -> None:
    assert_one_line_error(cli("brief", write(tmp_path, "a.txt", content)), 4, message)


def test_missing_file_exits_4_with_one_line_and_nothing_else(tmp_path: Path) -> None:
    result = cli("brief", str(tmp_path / "nope.txt"))

    assert_one_line_error(result, 4, "no such file")
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_full_disk_behind_standard_output_is_one_line_exit_2() -> None:
    with open("/dev/full", "w") as full:
        ran = subprocess.run(
            [sys.executable, "-m", "summarizer", "brief", str(EXAMPLE_ARTICLE)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120,
        )  # fmt: skip
    result = subprocess.CompletedProcess(ran.args, ran.returncode, "", ran.stderr)

    assert_one_line_error(result, 2, "cannot write to standard output (No space left on device)")


@pytest.mark.parametrize(
    "command",
    [
        ["brief", str(EXAMPLE_ARTICLE)],
        ["eval", "--engine", "extractive", "--split", "dev", "--out", "{tmp}/out"],
    ],
    ids=["brief", "eval"],
)
def test_a_reader_that_has_gone_ends_the_command_quietly_with_141(
    command: list[str], tmp_path: Path
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head -1` does once it has its line
    try:
        result = subprocess.run(
            [sys.executable, "-m", "summarizer", *(arg.format(tmp=tmp_path) for arg in command)],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300,
        )  # fmt: skip
    finally:
        os.close(write_end)

    assert result.returncode == 141, result.stderr
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_a_bug_is_one_line_and_exit_70_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(article: object) -> None:
        raise ValueError("zip() argument 2 is longer than argument 1")

    monkeypatch.setattr("summarizer.engines.extractive.engine.extract_brief", broken)

    code = main(["brief", str(EXAMPLE_ARTICLE), "--engine", "extractive"])

    errors = capsys.readouterr().err.splitlines()
    assert code == 70
    assert errors[-1] == (
        "summarizer: error: internal error, please report it: "
        "ValueError: zip() argument 2 is longer than argument 1"
    )
    assert not any("Traceback" in line for line in errors)


def test_a_cache_import_that_is_not_text_exits_4(tmp_path: Path) -> None:
    source = write(tmp_path, "cache.jsonl", bytes(range(128, 256)))

    result = cli("cache", "import", source, "--cache-dir", str(tmp_path / "cache"))

    assert_one_line_error(result, 4, "is not a cache export (not UTF-8 text)")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--base-url", "localhost:8080/v1"], "starts with http:// or https://"),
        (["--offline", "--no-cache"], "--offline answers from the cache, which --no-cache"),
        (["--offline", "--refresh"], "--offline answers from the cache, which --refresh"),
        (["--debug-dir", "{file}/sub"], "cannot write there (Not a directory)"),
    ],
    ids=["url without scheme", "offline without cache", "offline refresh", "debug dir"],
)
def test_options_that_cannot_work_exit_2_before_any_request(
    fake_openai: FakeOpenAI, tmp_path: Path, options: list[str], message: str
) -> None:
    a_file = write(tmp_path, "a-file", b"x")
    arguments = [option.format(file=a_file) for option in options]
    if "--base-url" not in arguments:
        arguments += ["--base-url", fake_openai.base_url]

    result = cli("brief", str(EXAMPLE_ARTICLE), "--engine", "openai", "--api-key", SECRET,
                 "--cache-dir", str(tmp_path / "cache"), *arguments)  # fmt: skip

    assert_one_line_error(result, 2, message)
    assert fake_openai.requests == []


def test_bad_option_value_exits_2() -> None:
    result = cli("brief", str(EXAMPLE_ARTICLE), "--engine", "gpt")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unreachable_endpoint_exits_5(tmp_path: Path) -> None:
    with FakeOpenAI() as server:
        url = server.base_url
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", url, "--api-key", SECRET,
        "--retry-time", "1", "--cache-dir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, 5, "cannot connect")


def test_an_endpoint_answering_a_proxy_page_is_retried_then_exits_5(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.page("<title>Proxy login</title>")
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url, "--api-key", SECRET,
        "--retry-time", "1", "--cache-dir", str(tmp_path),
    )  # fmt: skip

    assert_one_line_error(result, 5, "returned a body that is not a chat completion")
    assert "<title>Proxy login</title>" in result.stderr
    assert len(fake_openai.requests) >= 2


def test_refused_key_exits_6(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.fallback = lambda request: Reply.status(401, message="bad key")
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url,
        "--api-key", SECRET, "--cache-dir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, 6, "refused the API key")


def answer_with_an_invented_actor(request: dict[str, object]) -> Reply:
    arguments = valid_brief_arguments("Some text.")
    arguments["threats"] = [
        {"source": "Ghost Army", "target": "the port", "description": "attack",
         "kind": "attack", "likelihood": "likely", "evidence": ["Some text."]}
    ]  # fmt: skip
    return Reply.brief(arguments)


def test_model_that_never_validates_exits_7_and_says_where_its_output_was_kept(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = answer_with_an_invented_actor
    debug = tmp_path / "debug"
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url, "--api-key", SECRET,
        "--cache-dir", str(tmp_path / "cache"), "--debug-dir", str(debug),
    )  # fmt: skip

    assert_one_line_error(result, 7, "never produced a valid brief")
    (report,) = debug.glob("*.json")
    assert f"(the model's last output and errors are in {report})" in result.stderr
    assert "use --debug-dir" not in result.stderr
    content = json.loads(report.read_text())
    assert "Ghost Army" in content["last_raw_output"]
    assert content["attempts"] == 3
    assert any("Ghost Army" in error for error in content["validation_errors"])
    assert SECRET not in report.read_text()


def test_model_that_never_validates_without_a_debug_dir_suggests_one(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = answer_with_an_invented_actor
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url, "--api-key", SECRET,
        "--cache-dir", str(tmp_path / "cache"), "--validation-retries", "0",
    )  # fmt: skip

    assert_one_line_error(result, 7, "after 1 attempt")
    assert result.stderr.rstrip().endswith("(use --debug-dir to keep the model's output)")


def test_an_answer_cut_off_at_max_tokens_exits_7_naming_the_option_and_keeps_the_output(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda request: Reply.cut_off(
        '{"bluf": "Rouhani told foreign powers', finish_reason="tool_calls"
    )
    debug = tmp_path / "debug"
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url, "--api-key", SECRET,
        "--cache-dir", str(tmp_path / "cache"), "--debug-dir", str(debug), "--max-tokens", "200",
    )  # fmt: skip

    assert_one_line_error(result, 7, "cut off at the output token limit, --max-tokens 200,")
    assert "raise --max-tokens" in result.stderr
    assert len(fake_openai.requests) == 1
    (report,) = debug.glob("*.json")
    assert json.loads(report.read_text())["last_raw_output"] == (
        '{"bluf": "Rouhani told foreign powers'
    )


def test_offline_cache_miss_exits_8(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    result = cli(
        "brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url, "--offline",
        "--cache-dir", str(tmp_path),
    )  # fmt: skip
    assert_one_line_error(result, 8, "--offline")
    assert fake_openai.requests == []


def test_cache_commands_report_and_clear_entries(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    cache_dir = str(tmp_path / "cache")
    cli("brief", str(EXAMPLE_ARTICLE), "--base-url", fake_openai.base_url, "--cache-dir", cache_dir)

    assert cli("cache", "path", "--cache-dir", cache_dir).stdout.strip() == cache_dir
    assert "entries:   1" in cli("cache", "stats", "--cache-dir", cache_dir).stdout
    assert "removed 1 entries" in cli("cache", "clear", "--cache-dir", cache_dir).stdout
    assert "entries:   0" in cli("cache", "stats", "--cache-dir", cache_dir).stdout


def test_schema_export_writes_both_schemas(tmp_path: Path) -> None:
    result = cli("schema", "export", "--dir", str(tmp_path))

    assert result.returncode == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["brief-draft.v1.json", "brief.v1.json"]


def test_the_command_starts_without_loading_the_model_client_or_the_scoring_stack() -> None:
    """``summarizer --help`` and the extractive brief should not wait for openai, scipy or
    datasketch to import: each command loads what it needs when it runs."""
    heavy = ("openai", "instructor", "scipy", "datasketch", "rouge_score", "feedparser")
    loaded = subprocess.run(
        [sys.executable, "-c",
         "import sys, summarizer.cli; print(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip

    assert [name for name in heavy if name in loaded] == []


def test_serve_help_shows_its_defaults_and_the_config_table() -> None:
    result = cli("serve", "--help", env={"COLUMNS": "200"})

    assert result.returncode == 0
    assert "Address to listen on.  [default: 127.0.0.1]" in result.stdout
    assert "Port to listen on.  [default: 8000]" in result.stdout
    assert "TOML file with a [service] table" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["brief", "--formt", "json", "a.txt"], "No such option: --formt"),
        (["brief"], "Missing argument 'path'."),
        (["bref"], "No such command 'bref'."),
        (["brief", "--format", "pdf", "a.txt"], "Invalid value for '--format'"),
    ],
    ids=["unknown option", "missing argument", "unknown command", "bad choice"],
)
def test_a_usage_error_is_one_line_naming_the_help_to_read(args: list[str], message: str) -> None:
    result = cli(*args)

    assert_one_line_error(result, 2, message)
    assert len(result.stderr.splitlines()) == 1
    command = "summarizer" if args == ["bref"] else f"summarizer {args[0]}"
    assert result.stderr.rstrip().endswith(f"See '{command} --help'.")


def test_no_command_prints_the_help_and_exits_2() -> None:
    result = cli()

    assert result.returncode == 2
    assert "brief" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["brief", "eval"])
def test_ctrl_c_while_waiting_for_the_model_is_one_line_and_exit_130(
    command: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=5)
    target = [str(EXAMPLE_ARTICLE)] if command == "brief" else ["--out", str(tmp_path / "eval")]
    process = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE_CLI, command, *target, "--engine", "openai",
         "--base-url", fake_openai.base_url, "--api-key", SECRET, "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not fake_openai.requests and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)

    assert process.returncode == 130, err
    assert err.splitlines()[-1] == "summarizer: interrupted"
    assert "Traceback" not in err
