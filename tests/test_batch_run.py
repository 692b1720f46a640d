"""Running a batch against the scripted OpenAI-compatible server: dedup, concurrency, rate
limits, resume, failures and what lands in the output folder."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import BatchItem, BatchProgress, BatchResult, load_items, run_batch
from summarizer.batch.output import append_lines
from summarizer.brief import Brief
from summarizer.errors import AuthError, ConfigError
from summarizer.inputs import Article, article_from_text
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply, valid_brief_arguments

from .batch_support import FEEDS, feed_items, run
from .conftest import openai_settings

SECRET = "sk-test-SECRET-batch-0123456789"


def settings_for(server: FakeOpenAI, cache_dir: Path, **overrides: Any) -> Settings:
    return openai_settings(server, cache_dir, **({"api_key": SECRET} | overrides))


def brief_lines(out_dir: Path) -> list[dict[str, Any]]:
    text = (out_dir / "briefs.jsonl").read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def test_duplicates_are_dropped_before_any_request_and_reported(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items("with-duplicates-rss2.xml")
    out = tmp_path / "out"

    result = run(items, settings_for(fake_openai, tmp_path / "cache"), out)

    assert len(items) == 10
    assert len(fake_openai.requests) == 8
    assert len(result.briefs) == 8
    assert len(brief_lines(out)) == 8
    dropped = {duplicate.id: duplicate for duplicate in result.duplicates}
    feed = FEEDS / "with-duplicates-rss2.xml"
    assert set(dropped) == {f"{feed}#syndicated-copy-1", f"{feed}#wire-copy-2"}
    exact, near = dropped[f"{feed}#syndicated-copy-1"], dropped[f"{feed}#wire-copy-2"]
    assert (exact.kind, exact.similarity) == ("exact", 1.0)
    assert exact.duplicate_of == items[2].id
    assert near.kind == "near"
    assert 0.8 <= near.similarity < 1.0
    assert near.duplicate_of == items[5].id
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert {entry["id"] for entry in digest["duplicates"]} == set(dropped)
    assert "wire-copy-2" in (out / "digest.md").read_text(encoding="utf-8")


def test_a_story_in_two_listed_feeds_is_briefed_once_and_reported_as_a_duplicate(
    tmp_path: Path,
) -> None:
    """feeds.opml lists a feed with full texts and one with summaries of some of the same
    stories, under the same links."""
    items, errors = load_items([str(FEEDS / "feeds.opml")])
    out = tmp_path / "out"

    result = run(items, Settings(engine="extractive", cache_dir=tmp_path / "cache"), out)

    assert not errors
    assert result.errors == []
    same = [duplicate for duplicate in result.duplicates if duplicate.kind == "same_id"]
    assert same
    assert all(duplicate.id == duplicate.duplicate_of for duplicate in same)
    assert len(result.briefs) == len({item.id for item in items})
    assert (out / "errors.jsonl").read_text() == ""


def test_never_more_requests_in_flight_than_the_concurrency(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=0.1)

    result = run(feed_items(), settings_for(fake_openai, tmp_path), None, concurrency=4)

    assert len(result.briefs) == 25
    assert fake_openai.max_in_flight == 4


def test_a_slow_disk_does_not_hold_back_requests_to_the_endpoint(
    fake_openai: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brief's slot is freed when the endpoint answers, not when its line is on disk."""
    written: list[float] = []

    def slow_append(descriptor: int, lines: bytes) -> None:
        time.sleep(1.0)  # an fsync on a busy disk
        append_lines(descriptor, lines)
        written.append(time.monotonic())

    monkeypatch.setattr("summarizer.batch.output.append_lines", slow_append)
    items = feed_items()[:3]

    result = run(items, settings_for(fake_openai, tmp_path / "cache"), tmp_path / "out",
                 concurrency=1)  # fmt: skip

    assert len(result.briefs) == 3
    assert len(brief_lines(tmp_path / "out")) == 3
    assert [request.received_at < written[0] for request in fake_openai.requests] == [True] * 3


def test_a_429_burst_halves_the_concurrency_waits_retry_after_and_still_finishes(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items()
    first_wave = {item.article.text for item in items[:8]}
    progress: list[BatchProgress] = []
    fake_openai.fallback = lambda body: Reply.brief(delay=0.05)
    fake_openai.script(*[Reply.status(429, headers={"Retry-After": "0.3"}) for _ in range(8)])

    result = run(items, settings_for(fake_openai, tmp_path), None, concurrency=8,
                 progress=progress)  # fmt: skip

    assert len(result.briefs) == 25
    assert not result.errors
    assert min(state.limit for state in progress) == 4
    burst_ended = fake_openai.requests[7].received_at
    later_articles = [
        request for request in fake_openai.requests if request.article_text not in first_wave
    ]
    assert later_articles[0].received_at - burst_ended >= 0.3
    assert max(request.in_flight for request in later_articles[:4]) <= 4


def test_a_rerun_skips_finished_items_and_sends_nothing(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items("wikinews-rdf.xml")
    out = tmp_path / "out"
    settings = settings_for(fake_openai, tmp_path / "cache")
    run(items, settings, out)
    sent = len(fake_openai.requests)

    again = run(items, settings, out)

    assert sent == 10
    assert len(fake_openai.requests) == sent
    assert again.resumed == 10
    assert len(again.briefs) == 10
    assert sorted(line["id"] for line in brief_lines(out)) == sorted(item.id for item in items)


def test_an_item_whose_text_changed_is_briefed_again_and_supersedes_the_old_line(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items("wikinews-rdf.xml")
    out = tmp_path / "out"
    settings = settings_for(fake_openai, tmp_path / "cache")
    run(items, settings, out)
    edited = replace(items[3].article, text=items[3].article.text + " Officials confirmed it.")
    items[3] = BatchItem(items[3].id, edited)

    again = run(items, settings, out)

    assert len(fake_openai.requests) == 11
    assert again.resumed == 9
    assert again.briefs[items[3].id].source.content_sha256 == edited.content_sha256
    assert len(brief_lines(out)) == 11


def test_failed_items_are_retried_on_the_next_run(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    items = feed_items("wikinews-rdf.xml")
    out = tmp_path / "out"
    settings = settings_for(fake_openai, tmp_path / "cache")
    fake_openai.script(Reply.status(400, message="context length exceeded"))

    first = run(items, settings, out, concurrency=1)

    assert [(error.id, error.stage) for error in first.errors] == [(items[0].id, "engine")]
    assert "context length exceeded" in first.errors[0].reason
    errors_file = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert errors_file == [first.errors[0].model_dump()]

    second = run(items, settings, out, concurrency=1)

    assert second.ok
    assert fake_openai.requests[-1].article_text == items[0].article.text
    assert len(fake_openai.requests) == 11
    assert (out / "errors.jsonl").read_text() == ""
    assert sorted(line["id"] for line in brief_lines(out)) == sorted(item.id for item in items)


def test_a_brief_whose_quotes_are_all_invented_fails_at_grounding(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items("wikinews-rdf.xml")[:1]
    invented = valid_brief_arguments("The moon is made of green cheese, the minister said.")
    fake_openai.script(Reply.brief(invented))

    result = run(items, settings_for(fake_openai, tmp_path), tmp_path / "out")

    assert [(error.id, error.stage) for error in result.errors] == [(items[0].id, "grounding")]
    assert not result.briefs
    assert (tmp_path / "out" / "briefs.jsonl").read_text() == ""


class FailingOn(Summarizer):
    """A Summarizer with a bug that one article's text sets off."""

    def __init__(self, settings: Settings, trigger: str) -> None:
        super().__init__(settings)
        self.trigger = trigger

    async def brief(self, article: Article, **options: Any) -> Brief:
        if self.trigger in article.text:
            raise ValueError("zip() argument 2 is longer than argument 1")
        return await super().brief(article, **options)


def test_a_bug_on_one_article_fails_that_item_and_the_batch_goes_on(tmp_path: Path) -> None:
    items = feed_items("wikinews-rdf.xml")
    failing = items[1]
    briefer = FailingOn(Settings(engine="extractive", cache_dir=tmp_path), failing.article.text)

    try:
        result = asyncio.run(run_batch(items, briefer, out_dir=tmp_path / "out", concurrency=2))
    finally:
        briefer.close()

    [error] = result.errors
    assert (error.id, error.stage) == (failing.id, "engine")
    assert "ValueError: zip() argument 2 is longer" in error.reason
    assert len(result.briefs) == len(items) - 1
    written = (tmp_path / "out" / "briefs.jsonl").read_text().splitlines()
    assert len(written) == len(items) - 1


def test_a_refused_key_stops_the_batch_instead_of_failing_every_item(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.status(401, message="bad key")

    with pytest.raises(AuthError):
        run(feed_items(), settings_for(fake_openai, tmp_path), tmp_path / "out", concurrency=2)

    assert len(fake_openai.requests) <= 4
    assert (tmp_path / "out" / "digest.json").exists()


def test_a_torn_last_line_from_a_crash_is_dropped_and_its_item_redone(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items("wikinews-rdf.xml")
    out = tmp_path / "out"
    settings = settings_for(fake_openai, tmp_path / "cache")
    run(items[:3], settings, out)
    with (out / "briefs.jsonl").open("ab") as briefs:
        briefs.write(b'{"id": "' + items[3].id.encode() + b'", "brief": {"bluf": "half a li')

    run(items, settings, out)

    assert sorted(line["id"] for line in brief_lines(out)) == sorted(item.id for item in items)


def test_output_files_never_contain_the_api_key(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.script(Reply.status(400, message="bad request"))
    out = tmp_path / "out"

    run(feed_items("wikinews-rdf.xml"), settings_for(fake_openai, tmp_path / "c"), out)

    for path in out.iterdir():
        assert SECRET not in path.read_text(encoding="utf-8"), path.name


def test_without_an_output_folder_the_result_holds_everything(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items("wikinews-atom-summaries.xml")

    result = run(items, settings_for(fake_openai, tmp_path / "cache"), None)

    assert list(result.briefs) == [item.id for item in items]
    assert all(brief.source.partial for brief in result.briefs.values())
    assert result.digest.counts.articles == 15
    assert result.digest.counts.partial == 15
    assert not (tmp_path / "briefs.jsonl").exists()


def test_cancelling_the_batch_keeps_what_finished_and_writes_its_digest(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    items = feed_items()
    out = tmp_path / "out"
    fake_openai.fallback = lambda body: Reply.brief(delay=0.1)

    async def cancel_after_some() -> None:
        summarizer = Summarizer(settings_for(fake_openai, tmp_path / "cache"))
        task = asyncio.create_task(run_batch(items, summarizer, out_dir=out, concurrency=2))
        while line_count(out / "briefs.jsonl") < 3:
            await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        summarizer.close()

    asyncio.run(cancel_after_some())

    sent = len(fake_openai.requests)
    done = brief_lines(out)
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert 3 <= len(done) < 25
    assert sent < 25
    assert sorted(article["id"] for article in digest["articles"]) == sorted(
        line["id"] for line in done
    )


def test_a_second_batch_on_the_same_folder_stops_at_once_and_the_first_finishes(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    fake_openai.fallback = lambda body: Reply.brief(delay=0.2)
    items = feed_items("wikinews-rdf.xml")
    out = tmp_path / "out"
    settings = settings_for(fake_openai, tmp_path / "cache")

    async def two_runs() -> tuple[BatchResult, BaseException | BatchResult]:
        first_summarizer, second_summarizer = Summarizer(settings), Summarizer(settings)
        try:
            first = asyncio.create_task(
                run_batch(items, first_summarizer, out_dir=out, concurrency=2)
            )
            while not fake_openai.requests:
                await asyncio.sleep(0.01)
            second = await asyncio.gather(
                run_batch(items, second_summarizer, out_dir=out, concurrency=2),
                return_exceptions=True,
            )
            return await first, second[0]
        finally:
            first_summarizer.close()
            second_summarizer.close()

    first, second = asyncio.run(two_runs())

    assert isinstance(second, ConfigError)
    assert "another summarizer batch is writing to this folder" in str(second)
    assert len(first.briefs) == 10
    assert len(brief_lines(out)) == 10
    assert len(fake_openai.requests) == 10
    again = run(items, settings, out)
    assert again.resumed == 10


def test_progress_counts_an_item_that_could_not_be_read_as_failed(tmp_path: Path) -> None:
    jsonl = tmp_path / "articles.jsonl"
    lines = [{"id": "ok", "text": "Rebels attacked the port on Monday, the army said."},
             {"id": "empty", "text": "   "}]  # fmt: skip
    jsonl.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    items, errors = load_items([str(jsonl)])
    progress: list[BatchProgress] = []

    async def batch() -> None:
        settings = Settings(engine="extractive", cache_dir=tmp_path / "cache")
        async with Summarizer(settings) as summarizer:
            await run_batch(items, summarizer, out_dir=None, concurrency=2, input_errors=errors,
                            progress=progress.append)  # fmt: skip

    asyncio.run(batch())

    last = progress[-1]
    assert (last.total, last.done, last.failed, last.finished) == (2, 1, 1, 2)


STORY_URL = "https://news.example/2026/port-attack"
FULL_STORY = (
    "Rebels attacked the northern port of Kelma on Monday, the Ministry of Defence said. "
    "At least 12 people were killed and dozens wounded, according to hospital officials. "
    "The Northern Front said it would attack the port again unless troops withdrew. "
    "The United Nations condemned the attack and called for talks."
)


def summary_item(item_id: str, text: str, url: str) -> BatchItem:
    return BatchItem(item_id, replace(article_from_text(text, url=url), partial=True))


def test_a_feed_summary_of_a_story_given_in_full_elsewhere_is_dropped_for_the_full_text(
    tmp_path: Path,
) -> None:
    summary = summary_item(
        "feed.xml#7", "Rebels attacked the northern port of Kelma on Monday, the Ministry of "
        "Defence said. At least 12 people were killed.", STORY_URL + "/",
    )  # fmt: skip
    full = BatchItem("wire-7", article_from_text(FULL_STORY, url=STORY_URL))

    result = run([summary, full], Settings(engine="extractive", cache_dir=tmp_path))

    assert list(result.briefs) == ["wire-7"]
    (dropped,) = result.duplicates
    assert (dropped.id, dropped.duplicate_of, dropped.kind) == ("feed.xml#7", "wire-7", "summary")


def test_summaries_of_two_stories_at_one_home_page_link_are_both_briefed(tmp_path: Path) -> None:
    home = "https://news.example/"
    port = summary_item("feed.xml#1", FULL_STORY, home)
    flood = summary_item(
        "feed.xml#2", "A flood closed the main highway on Tuesday, the transport ministry said. "
        "Engineers expect the road to reopen within a week.", home,
    )  # fmt: skip

    result = run([port, flood], Settings(engine="extractive", cache_dir=tmp_path))

    assert list(result.briefs) == ["feed.xml#1", "feed.xml#2"]
    assert not result.duplicates
