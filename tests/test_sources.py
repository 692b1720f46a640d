"""Reading batch inputs: feeds, OPML lists, JSONL files and folders, from disk and over http."""

from __future__ import annotations

import functools
import json
import logging
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import load_items
from summarizer.errors import InputError
from summarizer.sources import read_source

from .conftest import FIXTURES

FEEDS = FIXTURES / "feeds"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Tests read what was served, not the log."""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder served over http by ``served``, holding a copy of the feed fixtures."""
    folder = tmp_path / "site"
    shutil.copytree(FEEDS, folder)
    return folder


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    """``site`` over http on loopback; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_rss2_feed_gives_every_full_text_entry_with_its_guid_and_metadata() -> None:
    read = read_source(str(FEEDS / "wikinews-world-rss2.xml"))

    assert len(read.items) == 25
    assert not read.problems
    first = read.items[0]
    assert first.id == (
        "https://en.wikinews.org/wiki/World_leaders_call_to_address_Amazon_rainforest_fires_at_G7"
    )
    assert first.article.title == "World leaders call to address Amazon rainforest fires at G7"
    assert first.article.url == first.id
    assert first.article.published == "2019-08-24T12:00:00+00:00"
    assert first.article.text.startswith("On Thursday, French President Emmanuel Macron")
    assert "<p>" not in first.article.text
    assert not any(item.article.partial for item in read.items)


def test_atom_entries_with_only_a_summary_are_marked_partial() -> None:
    read = read_source(str(FEEDS / "wikinews-atom-summaries.xml"))

    assert len(read.items) == 15
    assert all(item.article.partial for item in read.items)
    assert read.items[0].article.title == "Hundreds dead in Hajj stampede"
    assert read.items[0].article.text.startswith("According to the Saudi Interior Ministry")


def test_rss1_rdf_feed_is_read_and_its_descriptions_are_partial() -> None:
    read = read_source(str(FEEDS / "wikinews-rdf.xml"))

    assert len(read.items) == 10
    assert all(item.article.partial for item in read.items)
    assert all(item.id.startswith("https://en.wikinews.org/wiki/") for item in read.items)
    assert read.items[0].article.text.startswith("An Australian, Brenton Tarrant")


def test_item_ids_are_the_same_on_every_read() -> None:
    first = [item.id for item in read_source(str(FEEDS / "wikinews-rdf.xml")).items]
    again = [item.id for item in read_source(str(FEEDS / "wikinews-rdf.xml")).items]

    assert first == again
    assert len(set(first)) == len(first)


def test_opml_reads_the_feeds_it_lists_relative_to_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # relative paths must not depend on the working directory

    read = read_source(str(FEEDS / "feeds.opml"))

    assert len(read.items) == 25 + 15 + 10
    assert not read.problems


def test_opml_entry_that_cannot_be_read_is_one_problem_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    opml = tmp_path / "list.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        f'<outline text="ok" xmlUrl="{FEEDS / "wikinews-rdf.xml"}"/>'
        '<outline text="missing" xmlUrl="missing.xml"/>'
        '<outline text="ftp" xmlUrl="ftp://example.org/feed.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )

    read = read_source(str(opml))

    assert len(read.items) == 10
    assert [problem.id for problem in read.problems] == [
        str(tmp_path / "missing.xml"),
        "ftp://example.org/feed.xml",
    ]
    assert "no such file" in read.problems[0].reason


def test_feed_and_opml_can_be_fetched_over_http(served: str) -> None:
    feed = read_source(f"{served}/wikinews-rdf.xml")
    listed = read_source(f"{served}/feeds.opml")

    assert len(feed.items) == 10
    assert len(listed.items) == 50


def test_fetched_opml_cannot_make_us_read_local_files(
    served: str, site: Path, tmp_path: Path
) -> None:
    local_feed = tmp_path / "local.xml"
    shutil.copy(FEEDS / "wikinews-rdf.xml", local_feed)
    (site / "pointing-home.opml").write_text(
        '<opml version="2.0"><body>'
        f'<outline xmlUrl="file://{local_feed}"/>'
        '<outline xmlUrl="wikinews-rdf.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )

    read = read_source(f"{served}/pointing-home.opml")

    assert len(read.items) == 10  # the relative entry, fetched from the server
    assert [problem.id for problem in read.problems] == [f"file://{local_feed}"]
    assert "only name http(s) feeds" in read.problems[0].reason


def test_missing_url_is_a_clear_input_error(served: str) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        read_source(f"{served}/no-such-feed.xml")


def test_truncated_feed_is_refused_whole_with_one_line_saying_why() -> None:
    with pytest.raises(InputError, match="cut off"):
        read_source(str(FEEDS / "broken-truncated-rss2.xml"))


def test_feed_with_a_stray_ampersand_is_read_leniently_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    feed = tmp_path / "sloppy.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Q & A</title>'
        "<item><guid>a1</guid><title>Talks & sanctions</title>"
        "<description>The ministry said talks would resume on Monday.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )

    with caplog.at_level(logging.WARNING, logger="summarizer"):
        read = read_source(str(feed))

    assert [item.id for item in read.items] == [f"{feed}#a1"]
    assert "not well-formed" in caplog.text


def test_guids_that_are_not_uris_are_scoped_to_their_feed(tmp_path: Path) -> None:
    def feed(name: str, story: str) -> str:
        path = tmp_path / name
        path.write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f'<item><guid isPermaLink="false">1</guid><title>{story}</title>'
            f"<description>{story} on Monday, the ministry said.</description></item>"
            '<item><guid isPermaLink="false">urn:uuid:6f1c2a52-0c55-4a1e-9d2b-1f0e6a5b7c3d</guid>'
            f"<title>Shared</title><description>{story} again.</description></item>"
            "</channel></rss>",
            encoding="utf-8",
        )
        return str(path)

    port, flood = feed("port.xml", "Rebels attacked the port"), feed("flood.xml", "A flood hit")

    ids = [item.id for location in (port, flood) for item in read_source(location).items]

    assert ids == [
        f"{port}#1", "urn:uuid:6f1c2a52-0c55-4a1e-9d2b-1f0e6a5b7c3d",
        f"{flood}#1", "urn:uuid:6f1c2a52-0c55-4a1e-9d2b-1f0e6a5b7c3d",
    ]  # fmt: skip


def test_a_file_that_is_not_a_feed_says_so(tmp_path: Path) -> None:
    not_feed = tmp_path / "notes.xml"
    not_feed.write_text("<notes><note>hello</note></notes>", encoding="utf-8")

    with pytest.raises(InputError, match=r"not an RSS, RDF or Atom feed$"):
        read_source(str(not_feed))


def test_a_page_given_as_a_feed_is_named_an_html_page_and_pointed_to_brief(
    tmp_path: Path,
) -> None:
    page = tmp_path / "news.xml"
    page.write_text("<!DOCTYPE html><html><body><p>Latest news</p></body></html>")

    with pytest.raises(InputError) as caught:
        read_source(str(page))

    assert str(caught.value) == (
        f"{page}: not an RSS, RDF or Atom feed but an HTML page (summarizer brief reads a "
        "page; a site's feed is often linked from its pages)"
    )


def test_external_entities_in_a_feed_never_read_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    for doctype in (
        f'<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>',
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    ):
        feed = tmp_path / "xxe.xml"
        feed.write_text(
            f'<?xml version="1.0"?>\n{doctype}\n<rss version="2.0"><channel><title>t</title>'
            "<item><guid>x1</guid><title>Leak &xxe; here</title>"
            "<description>The ministry said &xxe; on Monday.</description></item>"
            "</channel></rss>",
            encoding="utf-8",
        )

        read = read_source(str(feed))

        everything = json.dumps([item.article.__dict__ for item in read.items])
        assert "TOP-SECRET-CONTENT" not in everything
        assert len(read.items) == 1


def test_nested_entities_are_not_expanded(tmp_path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    feed = tmp_path / "laughs.xml"
    feed.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(levels) + "\n]>\n"
        '<rss version="2.0"><channel><title>t</title><item><guid>l1</guid>'
        "<title>&lol9;</title><description>The ministry said &lol9; on Monday.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )

    read = read_source(str(feed))

    assert all(len(item.article.text) < 1000 for item in read.items)


def test_opml_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    opml = tmp_path / "evil.opml"
    opml.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<opml version="2.0"><body><outline xmlUrl="&x;"/></body></opml>',
        encoding="utf-8",
    )

    with pytest.raises(InputError, match="not a readable OPML file"):
        read_source(str(opml))


def test_jsonl_fixture_gives_one_item_per_line_with_its_own_id() -> None:
    read = read_source(str(FEEDS / "articles.jsonl"))

    lines = (FEEDS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(read.items) == len(lines)
    first = json.loads(lines[0])
    assert read.items[0].id == first["id"]
    assert read.items[0].article.title == first["title"]
    assert read.items[0].article.published == first["published"]
    assert not read.problems


def test_broken_jsonl_lines_are_one_problem_each_and_the_rest_is_read(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    rows = [
        json.dumps({"id": "a", "text": "Rebels attacked the port on Monday, officials said."}),
        '{"id": "b", "text": "cut off',
        json.dumps({"id": 7, "html": "<html><body><p>Troops moved north.</p></body></html>"}),
        "",
        json.dumps({"id": "d", "title": "no text at all"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "text": "   "}),
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")

    read = read_source(str(source))

    assert [item.id for item in read.items] == ["a", "7"]
    assert read.items[1].article.text == "Troops moved north."
    assert [problem.id for problem in read.problems] == [f"{source}:2", "d", f"{source}:6", "f"]
    cut_off, no_text, a_list, blank = (problem.reason for problem in read.problems)
    assert cut_off.startswith(f"{source}:2: not valid JSON (")
    assert "line 1 column" in cut_off  # where the line breaks off
    assert no_text.endswith("no article: it needs a non-empty text, html or http(s) url field")
    assert a_list == f"{source}:6: a list, not a JSON object"
    assert blank == no_text.replace(":5:", ":7:")


def test_jsonl_line_with_only_a_url_fetches_the_page(
    tmp_path: Path, served: str, site: Path
) -> None:
    (site / "page.html").write_text(
        "<html><head><title>Port attacked</title></head><body><article><p>"
        + "Rebels attacked the northern port on Monday, the ministry said. " * 8
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    source = tmp_path / "urls.jsonl"
    source.write_text(json.dumps({"url": f"{served}/page.html"}) + "\n", encoding="utf-8")

    read = read_source(str(source))

    assert [item.id for item in read.items] == [f"{served}/page.html"]
    assert read.items[0].article.text.startswith("Rebels attacked the northern port")


def test_folder_gives_its_article_files_by_path_and_skips_hidden_notes_and_other_files(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text(
        "Title: Port attacked\n\nRebels attacked the port on Monday.", encoding="utf-8"
    )
    (folder / "more" / "b.md").write_text("Troops moved north on Tuesday.", encoding="utf-8")
    (folder / "c.html").write_text(
        "<html><body><article><p>"
        + "The ministry said talks would resume next week. " * 6
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / ".draft.txt").write_text("hidden", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "SOURCES.md").write_text("# Sources\n\nCC BY 2.5, from Wikinews.", encoding="utf-8")
    (folder / "more" / "README.txt").write_text("Articles about the port.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")

    read = read_source(str(folder))

    assert [item.id for item in read.items] == [
        f"{folder}/a.txt",
        f"{folder}/c.html",
        f"{folder}/more/b.md",
    ]
    assert read.items[0].article.title == "Port attacked"
    assert read.items[1].article.text.startswith("The ministry said talks would resume")
    assert [problem.id for problem in read.problems] == [f"{folder}/empty.txt"]


def test_a_batch_output_folder_inside_the_input_folder_is_not_read_as_articles(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "notes"
    (folder / "run1").mkdir(parents=True)
    (folder / "a.txt").write_text("Rebels attacked the port on Monday.", encoding="utf-8")
    for name in ("briefs.jsonl", "digest.md", "digest.html"):
        (folder / "run1" / name).write_text("# Digest: 1 article\n", encoding="utf-8")

    read = read_source(str(folder))

    assert [item.id for item in read.items] == [f"{folder}/a.txt"]


def test_a_folder_without_article_files_reads_as_empty_not_as_an_error(tmp_path: Path) -> None:
    (tmp_path / "LICENSE.txt").write_text("CC BY 2.5", encoding="utf-8")

    read = read_source(str(tmp_path))

    assert (read.items, read.problems) == ([], [])


def test_load_items_keeps_going_past_inputs_that_cannot_be_read(tmp_path: Path) -> None:
    items, errors = load_items(
        [
            str(FEEDS / "wikinews-rdf.xml"),
            str(FEEDS / "broken-truncated-rss2.xml"),
            str(tmp_path / "nowhere.xml"),
        ]
    )

    assert len(items) == 10
    assert [(error.id, error.stage) for error in errors] == [
        (str(FEEDS / "broken-truncated-rss2.xml"), "input"),
        (str(tmp_path / "nowhere.xml"), "input"),
    ]
    assert errors[0].reason.startswith("the feed is cut off")
    assert "\n" not in errors[0].reason


def test_a_notes_file_named_on_its_own_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# Port attacked\n\nRebels attacked the port on Monday.", encoding="utf-8")

    read = read_source(str(path))

    assert [item.article.title for item in read.items] == ["Port attacked"]


HOSTILE_METADATA_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>News</title>
<item><guid>https://example.org/1</guid><link>https://example.org/1\u202e</link>
<title>Rebels seize \u202egnp.exe port</title><pubDate>\u2066Monday</pubDate>
<description>The Ministry of Defence said on Monday that rebels attacked the port.</description>
</item>
<item><guid>https://example.org/2</guid><title>Rebels
 seize \u2067the port\u2069</title>
<content:encoded>&lt;p&gt;The army said that rebels attacked.&lt;/p&gt;</content:encoded>
</item>
</channel></rss>
"""


def test_feed_and_jsonl_titles_lose_bidi_overrides_controls_and_line_breaks(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(HOSTILE_METADATA_FEED, encoding="utf-8")
    records = tmp_path / "in.jsonl"
    record = {"id": "a", "title": "Port \x1b]8;;http://evil.example/\x07closed\x9b2J\n# Owned",
              "text": "The army said the port was closed.", "published": "\x1b[2J"}  # fmt: skip
    records.write_text(json.dumps(record) + "\n", encoding="utf-8")

    first, second = read_source(str(feed)).items
    (jsonl,) = read_source(str(records)).items

    assert (first.article.title, first.article.url, first.article.published) == (
        "Rebels seize gnp.exe port", "https://example.org/1", "Monday"
    )  # fmt: skip
    assert second.article.title == "Rebels seize the port"
    assert jsonl.article.title == "Port ]8;;http://evil.example/closed2J # Owned"
    assert jsonl.article.published == "[2J"


def test_an_entry_with_empty_full_content_is_briefed_from_its_summary(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Wire</title><item><title>Talks fail</title><guid>https://wire/talks</guid>"
        "<description>The talks failed again on Monday, the envoy said.</description>"
        "<content:encoded><![CDATA[]]></content:encoded></item></channel></rss>",
        encoding="utf-8",
    )

    read = read_source(str(feed))

    assert not read.problems
    [entry] = read.items
    assert entry.article.text == "The talks failed again on Monday, the envoy said."
    assert entry.article.partial
