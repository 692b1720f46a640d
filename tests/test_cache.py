"""The cache: a second identical call costs nothing; anything that changes the answer misses."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import diskcache
import pytest

from summarizer.brief import Brief
from summarizer.cache import BriefCache, cache_key
from summarizer.cli import main
from summarizer.engines.local import model_fingerprint
from summarizer.errors import CacheMissError
from summarizer.inputs import article_from_text
from summarizer.prompts import Message
from summarizer.resources import data_dir
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI

from .cli_process import run_cli
from .conftest import brief_of, openai_settings

ARTICLE = article_from_text(
    "The Ministry of Defence warned on Monday that rebels could attack the northern port.",
    origin="cache-test",
)
SECRET = "sk-cache-test-SECRET-9f8e7d6c5b4a"


def settings_for(server: FakeOpenAI, cache_dir: Path, **overrides: Any) -> Settings:
    return openai_settings(
        server, cache_dir, **({"api_key": SECRET, "model": "model-a"} | overrides)
    )


def run(settings: Settings) -> Brief:
    return brief_of(ARTICLE, settings)


def test_second_identical_call_makes_no_request(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    first = run(settings_for(fake_openai, tmp_path))
    second = run(settings_for(fake_openai, tmp_path))

    assert len(fake_openai.requests) == 1
    assert not first.provenance.cache_hit
    assert second.provenance.cache_hit
    assert second.actors == first.actors
    assert first.provenance.latency_ms > 0
    assert second.provenance.latency_ms == 0  # no engine time spent
    assert second.provenance.usage == first.provenance.usage  # what the answer cost once


@pytest.mark.parametrize(
    "change",
    [{"model": "model-b"}, {"temperature": 0.7}, {"mode": "json"}, {"max_tokens": 999}],
    ids=["model", "temperature", "mode", "max_tokens"],
)
def test_changing_what_shapes_the_answer_misses(
    fake_openai: FakeOpenAI, tmp_path: Path, change: dict[str, Any]
) -> None:
    run(settings_for(fake_openai, tmp_path))
    brief = run(settings_for(fake_openai, tmp_path, **change))

    assert len(fake_openai.requests) == 2
    assert not brief.provenance.cache_hit


def test_changing_the_prompt_misses(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(data_dir("prompts"), prompts)
    run(settings_for(fake_openai, tmp_path / "cache", prompts_dir=prompts))
    system = prompts / "brief.system.j2"
    system.write_text(system.read_text() + "\nBe brief.\n")

    brief = run(settings_for(fake_openai, tmp_path / "cache", prompts_dir=prompts))

    assert len(fake_openai.requests) == 2
    assert not brief.provenance.cache_hit


def test_changing_the_schema_changes_the_key() -> None:
    messages: list[Message] = [{"role": "user", "content": "text"}]
    same = cache_key({"name": "openai"}, messages, prompt_version="p1")
    other = cache_key(
        {"name": "openai"}, messages, prompt_version="p1", response_schema="a-different-schema"
    )
    assert same != other


def test_api_key_is_nowhere_in_the_cache(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    run(settings_for(fake_openai, tmp_path))

    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert files
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path


def test_refresh_calls_again_and_no_cache_stores_nothing(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    run(settings_for(fake_openai, tmp_path))
    run(settings_for(fake_openai, tmp_path, refresh=True))
    assert len(fake_openai.requests) == 2

    run(settings_for(fake_openai, tmp_path / "other", use_cache=False))
    assert BriefCache(tmp_path / "other").stats().entries == 0


def test_offline_answers_from_cache_and_a_miss_is_an_error(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    with pytest.raises(CacheMissError, match="--offline"):
        run(settings_for(fake_openai, tmp_path, offline=True))
    assert fake_openai.requests == []

    run(settings_for(fake_openai, tmp_path))
    assert run(settings_for(fake_openai, tmp_path, offline=True)).provenance.cache_hit
    assert len(fake_openai.requests) == 1


def test_corrupt_entry_is_a_miss_and_is_rewritten(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    run(settings_for(fake_openai, tmp_path))
    with diskcache.Cache(str(tmp_path)) as raw:
        (key,) = list(raw.iterkeys())
        raw.set(key, '{"draft": {"bluf": "trunc')

    brief = run(settings_for(fake_openai, tmp_path))

    assert not brief.provenance.cache_hit
    assert len(fake_openai.requests) == 2
    assert run(settings_for(fake_openai, tmp_path)).provenance.cache_hit


def test_unwritable_cache_directory_degrades_to_no_cache(
    fake_openai: FakeOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")

    brief = run(settings_for(fake_openai, blocker))

    assert brief.actors
    assert "continuing without a cache" in caplog.text


def test_exported_cache_replays_offline_in_another_cache(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    original = run(settings_for(fake_openai, tmp_path / "a"))
    source = BriefCache(tmp_path / "a")
    lines = list(source.export_entries())
    source.close()
    assert SECRET not in "".join(lines)

    target = BriefCache(tmp_path / "b")
    assert target.import_entries(lines).added == 1
    target.close()
    replayed = run(settings_for(fake_openai, tmp_path / "b", offline=True))

    assert replayed.provenance.cache_hit
    assert replayed.bluf == original.bluf
    assert len(fake_openai.requests) == 1


def test_importing_a_line_that_is_not_an_entry_names_the_line(tmp_path: Path) -> None:
    cache = BriefCache(tmp_path)
    with pytest.raises(ValueError, match="line 2: not a cache entry"):
        cache.import_entries(["", '{"key": "brief:x", "value": {"draft": 1}}'])


def test_two_local_models_with_one_file_name_are_told_apart(tmp_path: Path) -> None:
    """The local engine's cache identity: the name alone would let a/model.gguf answer for
    b/model.gguf."""
    first, second, copy = (tmp_path / folder / "model.gguf" for folder in ("a", "b", "c"))
    for path, tail in ((first, b"one"), (second, b"two"), (copy, b"one")):
        path.parent.mkdir()
        path.write_bytes(b"GGUF" + bytes(3 << 20) + tail)

    assert model_fingerprint(first) != model_fingerprint(second)
    assert model_fingerprint(first) == model_fingerprint(copy)


@pytest.mark.parametrize(
    "command", [["export", "run.jsonl"], ["import", "run.jsonl"], ["stats"], ["clear"]]
)
def test_cache_commands_on_an_unusable_cache_exit_two_and_write_nothing(
    fake_openai: FakeOpenAI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """Not an empty export, or "imported 0 entries", reported as a success."""
    run(settings_for(fake_openai, tmp_path / "good"))
    source = BriefCache(tmp_path / "good")
    (tmp_path / "run.jsonl").write_text("".join(line + "\n" for line in source.export_entries()))
    source.close()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "cache.db").write_bytes(b"not a database, whatever wrote it" * 10)
    monkeypatch.chdir(tmp_path)
    if command[0] == "export":
        (tmp_path / "run.jsonl").unlink()

    code = main(["cache", *command, "--cache-dir", str(broken)])

    assert code == 2
    assert f"cache at {broken} is unusable" in capsys.readouterr().err
    assert (tmp_path / "run.jsonl").exists() == (command[0] != "export")


def test_an_import_with_a_bad_line_adds_nothing(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fixing the file and importing it again then gives exactly its entries."""
    run(settings_for(fake_openai, tmp_path / "a"))
    source = BriefCache(tmp_path / "a")
    good = list(source.export_entries())
    source.close()
    export = tmp_path / "run.jsonl"
    export.write_text(good[0] + "\n" + '{"key": "brief:x", "value": {"draft": 1}}\n')

    code = main(["cache", "import", str(export), "--cache-dir", str(tmp_path / "b")])

    assert code == 4
    assert "line 2: not a cache entry" in capsys.readouterr().err
    target = BriefCache(tmp_path / "b")
    assert target.stats().entries == 0
    target.close()


def test_importing_an_export_twice_says_the_second_time_added_nothing(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(settings_for(fake_openai, tmp_path / "a"))
    source = BriefCache(tmp_path / "a")
    export = tmp_path / "run.jsonl"
    export.write_text("".join(line + "\n" for line in source.export_entries()))
    source.close()
    command = ["cache", "import", str(export), "--cache-dir", str(tmp_path / "b")]

    assert main(command) == 0
    assert capsys.readouterr().out == "imported 1 entry\n"
    assert main(command) == 0
    assert capsys.readouterr().out == "imported 0 entries; 1 was already cached\n"


def test_a_cache_goes_from_one_directory_to_another_through_a_pipe(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    """``cache export - | cache import -``: a dash is the standard stream, not a file."""
    original = run(settings_for(fake_openai, tmp_path / "a"))

    exported = run_cli(["cache", "export", "-", "--cache-dir", str(tmp_path / "a")], cwd=tmp_path)
    piped = tmp_path / "piped.jsonl"
    piped.write_text(exported.stdout)
    imported = run_cli(
        ["cache", "import", "-", "--cache-dir", str(tmp_path / "b")], stdin=piped, cwd=tmp_path
    )
    replayed = run(settings_for(fake_openai, tmp_path / "b", offline=True))

    assert exported.exit_code == imported.exit_code == 0
    assert not (tmp_path / "-").exists()
    assert imported.stdout == "imported 1 entry\n"
    assert replayed.bluf == original.bluf
    assert len(fake_openai.requests) == 1
