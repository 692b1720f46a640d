"""URL inputs: fetched within limits, and never from the service's own network (SSRF)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer.brief import Brief
from summarizer.errors import InputError
from summarizer.service.articles import article_from_fetched_page
from summarizer.service.fetch import (
    FetchedPage,
    FetchLimits,
    IPAddress,
    UrlFetcher,
    address_refusal,
)
from summarizer.service.problems import FetchFailed, FetchTimeout, UrlRefused
from summarizer.testing.fake_openai import FakeOpenAI

from .service_support import ARTICLE, auth, client_for, openai_settings, service_settings

PAGE = f"<html><body><article><h1>Port attack</h1><p>{ARTICLE}</p></article></body></html>"
PUBLIC = ip_address("93.184.216.34")


class PageServer:
    """A loopback web server with one article page; counts the requests it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        pages = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

            def do_GET(self) -> None:
                pages.hits.append(self.path)
                body = PAGE.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def pages() -> Iterator[PageServer]:
    server = PageServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def refusing_service(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[httpx.Client, PageServer, FakeOpenAI]]:
    """One service (shared by the many refusal cases) and the servers it must not reach."""
    pages = PageServer()
    with FakeOpenAI() as fake:
        settings = openai_settings(fake, tmp_path_factory.mktemp("cache"))
        with client_for(settings, service_settings(rate_limit_per_minute=None)) as client:
            yield client, pages, fake
    pages.close()


def test_a_page_at_a_url_is_fetched_and_briefed(
    pages: PageServer, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{pages.port}/news/port-attack"
    service = service_settings(allow_private_urls=True)
    with client_for(openai_settings(fake_openai, tmp_path), service) as client:
        response = client.post("/v1/briefs", json={"url": url, "title": "Given"}, headers=auth())

    assert response.status_code == 200, response.text
    brief = Brief.model_validate_json(response.text)
    assert brief.source.url == url
    assert brief.source.title == "Given"
    assert "rebels could attack the northern port" in fake_openai.requests[0].article_text


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:{port}/", "loopback"),
        ("http://localhost:{port}/", "loopback"),
        ("http://[::1]:{port}/", "loopback"),
        ("http://[::ffff:127.0.0.1]:{port}/", "loopback"),
        ("http://2130706433:{port}/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://169.254.10.1/", "link-local"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "cloud metadata"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0:{port}/", "unspecified"),
        ("file:///etc/passwd", "only http and https"),
        ("http://user:password@example.org/", "user name or password"),
        ("http://127.0.0.1:99999/", "not a valid URL (port 99999)"),
    ],
)
def test_urls_into_the_service_network_are_refused_without_a_request(
    url: str, reason: str, refusing_service: tuple[httpx.Client, PageServer, FakeOpenAI]
) -> None:
    client, pages, fake_openai = refusing_service
    response = client.post("/v1/briefs", json={"url": url.format(port=pages.port)}, headers=auth())

    assert response.status_code == 400
    assert response.json()["kind"] == "url_refused"
    assert reason in response.json()["detail"]
    assert ":password@" not in response.json()["detail"]
    assert pages.hits == []
    assert fake_openai.requests == []


@pytest.mark.parametrize(
    ("code", "status", "kind", "detail"),
    [
        (socket.EAI_AGAIN, 502, "dns_failure", "the service could not look up this name"),
        (socket.EAI_NONAME, 400, "bad_input", "no such host"),
    ],
    ids=["temporary", "no-such-name"],
)
def test_a_dns_failure_is_the_services_502_and_a_name_that_does_not_exist_is_a_400(
    code: int,
    status: int,
    kind: str,
    detail: str,
    refusing_service: tuple[httpx.Client, PageServer, FakeOpenAI],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, _, fake_openai = refusing_service
    resolve = socket.getaddrinfo

    def getaddrinfo(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "news.example":
            raise socket.gaierror(code, f"resolver error {code}")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    response = client.post("/v1/briefs", json={"url": "https://news.example/a"}, headers=auth())

    assert response.status_code == status
    assert response.json()["kind"] == kind
    assert response.json()["detail"].startswith(f"news.example: {detail}")
    assert fake_openai.requests == []


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.2", "loopback"),
        ("172.16.5.4", "private"),
        ("100.64.0.1", "private"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("240.0.0.1", "reserved"),
        ("2002:7f00:1::", "loopback"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("ff02::1", "multicast"),
    ],
)
def test_address_refusal_names_the_kind_of_non_public_address(
    address: str, expected: str | None
) -> None:
    assert address_refusal(ip_address(address)) == expected


def resolver_of(names: dict[str, list[str]]) -> Any:
    async def resolve(host: str, port: int) -> list[IPAddress]:
        return [ip_address(value) for value in names[host]]

    return resolve


def fetch(
    handler: Any,
    url: str,
    names: dict[str, list[str]],
    **limits: Any,
) -> FetchedPage:
    settings: dict[str, Any] = {"timeout": 5.0, "max_bytes": 100_000, "max_redirects": 3}
    settings.update(limits)
    fetcher = UrlFetcher(
        FetchLimits(**settings),
        transport=httpx.MockTransport(handler),
        resolver=resolver_of(names),
    )
    return asyncio.run(fetcher.fetch(url))


def html(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, html=PAGE)


def test_the_request_goes_to_the_checked_address_with_the_sites_host_name() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html(request)

    page = fetch(handler, "https://news.example/a", {"news.example": [str(PUBLIC)]})

    assert page.url == "https://news.example/a"
    assert seen[0].url.host == str(PUBLIC)
    assert seen[0].headers["host"] == "news.example"
    assert seen[0].extensions["sni_hostname"] == "news.example"


def test_a_redirect_to_a_loopback_address_is_refused_at_that_hop() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["host"])
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})

    with pytest.raises(UrlRefused, match="loopback"):
        fetch(handler, "https://news.example/a", {"news.example": [str(PUBLIC)]})

    assert seen == ["news.example"]


def test_a_redirect_to_a_name_that_resolves_to_the_metadata_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(307, headers={"Location": "http://rebind.example/latest"})

    names = {"news.example": [str(PUBLIC)], "rebind.example": ["169.254.169.254"]}
    with pytest.raises(UrlRefused, match="cloud metadata"):
        fetch(handler, "https://news.example/a", names)


def test_a_redirect_to_an_invalid_url_fails_the_fetch() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://[::1/"})

    with pytest.raises(FetchFailed, match="cannot be fetched"):
        fetch(handler, "http://news.example/a", {"news.example": [str(PUBLIC)]})


def test_a_host_with_any_private_address_is_refused() -> None:
    with pytest.raises(UrlRefused, match="private"):
        fetch(html, "http://mixed.example/", {"mixed.example": [str(PUBLIC), "10.0.0.7"]})


def test_redirects_between_public_pages_are_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return html(request)

    page = fetch(handler, "http://news.example/old", {"news.example": [str(PUBLIC)]})

    assert page.url == "http://news.example/new"
    assert page.content_type == "text/html"


def test_too_many_redirects_fail_the_fetch() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"{request.url.path}x"})

    with pytest.raises(FetchFailed, match="more than 3 redirects"):
        fetch(handler, "http://news.example/a", {"news.example": [str(PUBLIC)]})


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "streamed"])
def test_a_page_over_the_size_limit_is_refused(declared: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = b"<p>" + b"x" * 5000
        if declared:
            return httpx.Response(200, content=body, headers={"Content-Type": "text/html"})

        async def chunks() -> AsyncIterator[bytes]:
            yield body[:2500]
            yield body[2500:]

        return httpx.Response(200, content=chunks(), headers={"Content-Type": "text/html"})

    with pytest.raises(InputError, match="larger than the 1,000-byte limit"):
        fetch(handler, "http://news.example/", {"news.example": [str(PUBLIC)]}, max_bytes=1000)


def test_a_site_that_never_answers_times_out() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    with pytest.raises(FetchTimeout, match=r"no complete answer within 0\.2s"):
        fetch(handler, "http://news.example/", {"news.example": [str(PUBLIC)]}, timeout=0.2)


def test_a_document_that_is_not_a_web_page_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"})

    with pytest.raises(InputError, match="content type application/pdf"):
        fetch(handler, "http://news.example/", {"news.example": [str(PUBLIC)]})


def test_an_error_page_fails_the_fetch_with_its_status() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, html="<p>gone</p>")

    with pytest.raises(FetchFailed, match="HTTP 404"):
        fetch(handler, "http://news.example/", {"news.example": [str(PUBLIC)]})


def test_a_page_is_read_in_the_charset_its_site_names() -> None:
    polish = "Rząd ogłosił dziś nowe środki dla gospodarki kraju, a opozycja skrytykowała plan."
    body = f"<html><body><article><p>{polish}</p><p>{polish}</p></article></body></html>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=body.encode("iso-8859-2"),
            headers={"Content-Type": "text/html; charset=ISO-8859-2"},
        )

    page = fetch(handler, "http://news.example/", {"news.example": [str(PUBLIC)]})

    assert polish in article_from_fetched_page(page, None).text  # guessed: "Rząd ogģosiģ dziķ"
