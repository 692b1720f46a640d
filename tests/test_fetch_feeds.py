"""Feeds and OPML lists fetched over http, as real servers send them: redirects, slow and
endless answers, charsets named only in the header, lists that name a feed twice."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from summarizer.brief import Brief
from summarizer.cli import main
from summarizer.errors import InputError
from summarizer.sources import fetch, read_source


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    trickle_seconds: float = 0.0
    """When set, the body goes out one byte at a time, this many seconds apart."""


Route = Answer | Callable[[], Answer]


class _ScriptedHandler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Route]] = {}
    requests: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: Any) -> None:
        """Tests read what was served, not the log."""

    def do_GET(self) -> None:
        self.requests.append(self.path)
        route = self.routes.get(self.path, Answer(404, b"not found"))
        answer = route() if callable(route) else route
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        if not answer.trickle_seconds:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        try:
            if answer.trickle_seconds:
                for byte in answer.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(answer.trickle_seconds)
            else:
                self.wfile.write(answer.body)
        except OSError:
            pass  # the client gave up


@pytest.fixture
def site() -> Iterator[tuple[str, dict[str, Route], list[str]]]:
    """A loopback server answering what each test scripts: (base URL, routes, paths asked)."""
    routes: dict[str, Route] = {}
    requests: list[str] = []
    handler = type("Handler", (_ScriptedHandler,), {"routes": routes, "requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes, requests
    finally:
        server.shutdown()
        server.server_close()


RSS_TYPE = ("Content-Type", "application/rss+xml")


def rss(*items: str, prolog: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return (
        f'{prolog}<rss version="2.0"><channel><title>Wire</title><link>http://wire/</link>'
        f"<description>d</description>{''.join(items)}</channel></rss>"
    )


def item(title: str, link: str, guid: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        f"<description>{title}. The minister said the plan would cost a great deal of money "
        "over the next ten years, and the opposition said it would vote against it.</description>"
        "</item>"
    )


def test_a_feed_that_trickles_forever_is_given_up_within_the_fetch_timeout(
    site: tuple[str, dict[str, Route], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    base, routes, _ = site
    monkeypatch.setattr(fetch, "FETCH_TIMEOUT", 1.0)
    # A byte every 0.1 s: each read is quick, the answer never ends (here: after 20 s).
    routes["/slow.xml"] = Answer(body=b" " * 200, headers=(RSS_TYPE,), trickle_seconds=0.1)

    started = time.monotonic()
    with pytest.raises(
        InputError, match=r"slow\.xml: cannot fetch \(no complete answer within 1s\)"
    ):
        read_source(f"{base}/slow.xml")

    assert time.monotonic() - started < 5


def moved(to: str, status: int = 301) -> Answer:
    return Answer(status, headers=(("Location", to),))


def test_a_moved_feed_is_read_where_it_went_and_its_relative_links_point_there(
    site: tuple[str, dict[str, Route], list[str]],
) -> None:
    base, routes, _ = site
    routes["/rss"] = moved("/old/rss.xml", 301)
    routes["/old/rss.xml"] = moved("/temp/rss.xml", 302)
    routes["/temp/rss.xml"] = moved("/news/world/rss.xml", 308)
    routes["/news/world/rss.xml"] = Answer(
        body=rss(item("Minister resigns", "2024/minister.html", "42")).encode(),
        headers=(RSS_TYPE,),
    )

    read = read_source(f"{base}/rss")

    [entry] = read.items
    assert entry.id == f"{base}/rss#42"  # named by the address the user gave: stable
    assert entry.article.url == f"{base}/news/world/2024/minister.html"


def test_a_moved_opml_list_resolves_its_relative_feeds_where_it_went(
    site: tuple[str, dict[str, Route], list[str]],
) -> None:
    base, routes, _ = site
    routes["/feeds.opml"] = moved("/lists/feeds.opml")
    routes["/lists/feeds.opml"] = Answer(
        body=b'<opml version="2.0"><body><outline xmlUrl="world.xml"/></body></opml>'
    )
    routes["/lists/world.xml"] = Answer(
        body=rss(item("Minister resigns", "https://wire/minister", "42")).encode(),
        headers=(RSS_TYPE,),
    )

    read = read_source(f"{base}/feeds.opml")

    assert not read.problems
    assert [entry.article.title for entry in read.items] == ["Minister resigns"]


def test_a_redirect_loop_is_one_line_naming_the_feed(
    site: tuple[str, dict[str, Route], list[str]],
) -> None:
    base, routes, _ = site
    routes["/loop.xml"] = moved("/loop.xml", 302)

    with pytest.raises(InputError, match=r"^\S+/loop\.xml: cannot fetch \(.*redirects.*\)$"):
        read_source(f"{base}/loop.xml")


@pytest.mark.parametrize(
    ("title", "encoding", "prolog", "content_type"),
    [
        ("Καλημέρα from Athens", "iso-8859-7", "", "application/rss+xml; charset=ISO-8859-7"),
        ("Café “crème”", "windows-1252", "windows-1252", "text/xml; charset=utf-8"),
        ("Café crème", "iso-8859-1", "iso-8859-1", "text/html; charset=utf-8"),
        ("Café “crème”", "utf-8", "", "application/octet-stream"),
        ("\ufeffCafé “crème”", "utf-8", "utf-8", "application/rss+xml"),
    ],
    ids=["charset-only-in-header", "header-wrong", "html-type", "octet-stream", "bom"],
)
def test_a_feed_is_decoded_by_its_header_charset_or_its_prolog(
    site: tuple[str, dict[str, Route], list[str]],
    title: str,
    encoding: str,
    prolog: str,
    content_type: str,
) -> None:
    base, routes, _ = site
    declaration = f'<?xml version="1.0" encoding="{prolog}"?>' if prolog else ""
    body = rss(item(title.lstrip("\ufeff"), "https://wire/story", "1"), prolog=declaration)
    if title.startswith("\ufeff"):
        body = "\ufeff" + body
    routes["/feed.xml"] = Answer(
        body=body.encode(encoding), headers=(("Content-Type", content_type),)
    )

    [entry] = read_source(f"{base}/feed.xml").items

    assert entry.article.title == title.lstrip("\ufeff")
    assert entry.article.text.startswith(title.lstrip("\ufeff"))


def test_an_opml_list_naming_a_feed_twice_in_nested_folders_reads_it_once(
    site: tuple[str, dict[str, Route], list[str]],
) -> None:
    base, routes, requests = site
    routes["/feeds.opml"] = Answer(
        body=(
            '<opml version="2.0"><body><outline text="News">'
            '<outline text="World"><outline xmlUrl="world.xml"/></outline>'
            f'<outline text="Top"><outline xmlUrl="{base}/world.xml"/></outline>'
            '</outline><outline xmlUrl="gone.xml"/></body></opml>'
        ).encode()
    )
    routes["/world.xml"] = Answer(
        body=rss(item("Minister resigns", "https://wire/minister", "42")).encode(),
        headers=(RSS_TYPE,),
    )
    routes["/gone.xml"] = Answer(410, b"gone")

    read = read_source(f"{base}/feeds.opml")

    assert [entry.article.title for entry in read.items] == ["Minister resigns"]
    assert requests.count("/world.xml") == 1
    [problem] = read.problems
    assert problem.id == f"{base}/gone.xml"
    assert problem.reason.endswith("the server answered HTTP 410")


PAGE = (
    "<html><head><title>Port seized | Wire</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Rebels seize the northern port</h1><p>Rebels seized the northern port of "
    "Hodeidah on Monday, the Ministry of Defence said, after two days of fighting in which at "
    "least 12 people were killed.</p><p>The government condemned the attack and said it would "
    "retake the port within a week. The rebels could not be reached for comment.</p></article>"
    "</body></html>"
)


def test_brief_of_a_url_briefs_the_page_there(
    site: tuple[str, dict[str, Route], list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, routes, _ = site
    routes["/port"] = Answer(body=PAGE.encode(), headers=(("Content-Type", "text/html"),))

    code = main(["brief", f"{base}/port", "--format", "json"])

    brief = Brief.model_validate_json(capsys.readouterr().out)
    assert code == 0
    assert brief.source.url == f"{base}/port"
    assert "Hodeidah" in brief.bluf
    assert "Home" not in brief.summary


def test_a_page_is_read_in_the_charset_its_server_names(
    site: tuple[str, dict[str, Route], list[str]],
) -> None:
    base, routes, _ = site
    polish = "Rząd ogłosił dziś nowe środki dla gospodarki kraju, a opozycja skrytykowała plan."
    page = f"<html><body><article><p>{polish}</p><p>{polish}</p></article></body></html>"
    routes["/polish"] = Answer(
        body=page.encode("iso-8859-2"),
        headers=(("Content-Type", "text/html; charset=ISO-8859-2"),),
    )

    article = fetch.fetch_article(f"{base}/polish")

    assert polish in article.text  # guessed, the bytes read as "Rząd ogģosiģ dziķ"


def test_brief_of_a_url_that_answers_404_is_one_line_and_exit_4(
    site: tuple[str, dict[str, Route], list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, _, _ = site

    code = main(["brief", f"{base}/gone"])

    assert code == 4
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"summarizer: error: {base}/gone: the server answered HTTP 404"
    )
