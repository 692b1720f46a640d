"""``summarizer batch`` as a user runs it: exit codes, what it prints, and its output folder."""

from __future__ import annotations

import gc
import json
import warnings
from pathlib import Path

import lxml.html
import pytest

from summarizer.cli import main
from summarizer.testing.fake_openai import FakeOpenAI, Reply

from .conftest import FIXTURES

FEEDS = FIXTURES / "feeds"
SECRET = "sk-test-SECRET-cli-0123456789"


def batch(server: FakeOpenAI, out: Path, *inputs: str, extra: tuple[str, ...] = ()) -> int:
    return main(
        ["batch", *inputs, "--out", str(out), "--engine", "openai", "--base-url",
         server.base_url, "--api-key", SECRET, *extra]
    )  # fmt: skip


def test_a_batch_that_briefs_everything_exits_0_and_says_what_it_did(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"

    code = batch(fake_openai, out, str(FEEDS / "with-duplicates-rss2.xml"), extra=("--quiet",))

    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == ""
    assert "8 briefed, 0 failed, 2 duplicates dropped" in captured.err
    assert len((out / "briefs.jsonl").read_text().splitlines()) == 8
    assert (out / "errors.jsonl").read_text() == ""
    assert (out / "digest.md").read_text().startswith("# Digest: 8 articles")
    assert json.loads((out / "digest.json").read_text())["counts"]["articles"] == 8
    page = lxml.html.document_fromstring((out / "digest.html").read_text())
    assert page.findtext(".//h1") == "8 articles briefed"


def test_a_batch_with_an_unreadable_feed_exits_3_and_lists_it_in_errors_jsonl(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    broken = str(FEEDS / "broken-truncated-rss2.xml")

    code = batch(fake_openai, out, str(FEEDS / "wikinews-rdf.xml"), broken, extra=("-q",))

    err = capsys.readouterr().err
    assert code == 3
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    reason = "the feed is cut off (no element found at line 85); nothing was read from it"
    assert errors == [{"id": broken, "stage": "input", "reason": reason}]
    assert len((out / "briefs.jsonl").read_text().splitlines()) == 10
    assert err.splitlines()[-1] == (
        f"summarizer: error: 1 not briefed (see {out / 'errors.jsonl'}); 1 could not be read"
    )
    assert "Traceback" not in err
    assert SECRET not in err


def test_a_batch_whose_every_input_is_missing_exits_4_with_one_line_as_brief_does(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    missing = [str(tmp_path / "nope1.txt"), str(tmp_path / "nope2.txt")]

    code = batch(fake_openai, out, *missing, extra=("-q",))

    last_line = capsys.readouterr().err.splitlines()[-1]
    assert code == 4
    assert last_line == (
        f"summarizer: error: no input could be read: {missing[0]}: no such file or folder "
        f"(and 1 more, see {out / 'errors.jsonl'})"
    )
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(error["id"], error["stage"]) for error in errors] == [
        (missing[0], "input"),
        (missing[1], "input"),
    ]
    assert fake_openai.requests == []


EMPTY_INPUTS = {
    "rss2.xml": '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet wire</title>'
    "<link>https://example.org/</link><description>Nothing today</description></channel></rss>",
    "atom.xml": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet'
    "</title><id>urn:uuid:quiet</id><updated>2026-11-27T00:00:00Z</updated></feed>",
    "folder": None,
}


@pytest.mark.parametrize("name", EMPTY_INPUTS)
def test_an_input_with_no_articles_exits_0_with_a_warning_naming_it_and_an_empty_digest(
    name: str, fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A monitoring job on a quiet feed must not fail, but must not pass in silence."""
    source = tmp_path / name
    content = EMPTY_INPUTS[name]
    if content is None:
        source.mkdir()
        (source / "README.md").write_text("Articles land here.", encoding="utf-8")
    else:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / "out"

    code = batch(fake_openai, out, str(source), extra=("-q",))

    assert code == 0
    suffixes = ".htm, .html, .markdown, .md, .txt, .xhtml"
    looked_for = f" (looked for {suffixes} files)" if content is None else ""
    assert capsys.readouterr().err.splitlines() == [
        f"summarizer: warning: no articles in {source}{looked_for}",
        f"summarizer: 0 briefed, 0 failed, 0 duplicates dropped; digest in {out / 'digest.md'}",
    ]
    assert (out / "briefs.jsonl").read_text() == (out / "errors.jsonl").read_text() == ""
    digest = (out / "digest.md").read_text()
    assert digest.startswith("# Digest: 0 articles")
    assert digest.endswith("## Articles\n\nNone briefed.\n")
    page = lxml.html.document_fromstring((out / "digest.html").read_text())
    assert page.findtext(".//section[@id='articles']/p") == "None briefed."
    assert fake_openai.requests == []


def test_a_file_that_is_no_feed_is_still_bad_input_not_an_empty_feed(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_feed = tmp_path / "notes.xml"
    not_feed.write_text("<notes><note>hello</note></notes>", encoding="utf-8")

    code = batch(fake_openai, tmp_path / "out", str(not_feed), extra=("-q",))

    err = capsys.readouterr().err
    assert code == 4
    assert f"{not_feed}: failed at input: not an RSS, RDF or Atom feed" in err
    assert "no articles" not in err


def test_an_item_the_model_never_briefs_is_an_engine_error_naming_no_option_batch_lacks(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    article = tmp_path / "article.txt"
    article.write_text("The Ministry of Defence warned on Monday that rebels could attack.")
    fake_openai.fallback = lambda request: Reply.cut_off('{"bluf": "The Ministry')

    code = batch(fake_openai, out, str(article), extra=("-q", "--max-tokens", "100"))

    assert code == 3
    (error,) = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert error["stage"] == "engine"
    assert error["reason"] == (
        "the model's answer was cut off at the output token limit, --max-tokens 100, after 1 "
        "attempt; raise --max-tokens so the whole brief fits"
    )
    assert "--debug-dir" not in error["reason"] + capsys.readouterr().err


def test_running_the_same_command_again_briefs_nothing_new(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    feed = str(FEEDS / "wikinews-rdf.xml")
    batch(fake_openai, out, feed, extra=("-q",))
    sent = len(fake_openai.requests)
    capsys.readouterr()

    code = batch(fake_openai, out, feed, extra=("-q",))

    assert code == 0
    assert len(fake_openai.requests) == sent
    assert "0 briefed, 10 already done" in capsys.readouterr().err
    assert len((out / "briefs.jsonl").read_text().splitlines()) == 10


def test_the_progress_bar_shows_counts_and_quiet_hides_it(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = str(FEEDS / "wikinews-rdf.xml")

    batch(fake_openai, tmp_path / "loud", feed)
    loud = capsys.readouterr().err
    batch(fake_openai, tmp_path / "quiet", feed, extra=("--quiet",))
    quiet = capsys.readouterr().err

    assert "done 10 · failed 0 · cached 0 · tokens 1,500" in loud
    assert "done 10" not in quiet
    assert quiet.count("\n") == 1


def test_the_offline_default_engine_briefs_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("31-iran-s-president-rouhani-tells-foreign-powers-to-leave.txt",):
        (folder / name).write_bytes((FIXTURES.parent.parent / "examples" / name).read_bytes())

    code = main(["batch", str(folder), "--out", str(tmp_path / "out"), "--quiet"])

    assert code == 0
    assert "no LLM configured" in capsys.readouterr().err
    (line,) = (tmp_path / "out" / "briefs.jsonl").read_text().splitlines()
    assert json.loads(line)["brief"]["provenance"]["engine"] == "extractive"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["batch", "feed.xml"], "Missing option '--out'"),
        (["batch", "feed.xml", "--out", "out", "--concurrency", "0"], "--concurrency"),
    ],
)
def test_usage_mistakes_exit_2_with_one_line(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    assert message in capsys.readouterr().err


def test_an_output_folder_that_cannot_be_created_exits_2(
    fake_openai: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")

    code = batch(fake_openai, blocker / "out", str(FEEDS / "wikinews-rdf.xml"), extra=("-q",))

    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write the batch output" in err
    assert "Traceback" not in err


def test_a_batch_leaves_no_connection_to_the_endpoint_open(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    gc.collect()  # what earlier tests left open is theirs, not this batch's
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        code = batch(fake_openai, tmp_path / "out", str(FEEDS / "articles.jsonl"))
        gc.collect()

    assert code == 0
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert unclosed == []
