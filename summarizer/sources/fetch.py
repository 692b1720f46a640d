"""Fetching a feed, OPML list or page over http(s), bounded in time and size."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from summarizer.errors import InputError
from summarizer.inputs import MAX_INPUT_BYTES, Article, article_from_page, is_url
from summarizer.settings import redact_url

FETCH_TIMEOUT = 30.0
"""Seconds for a whole fetch, redirects and body included: httpx's timeout bounds each read,
so a server that sends a byte every few seconds would otherwise hold a batch forever."""
USER_AGENT = "summarizer (article and feed reader)"


def display_location(location: str) -> str:
    """A location fit for ids and messages: URLs lose any user, password or query."""
    return redact_url(location) if is_url(location) else location


@dataclass(frozen=True)
class Fetched:
    """What was read from a location, and where it was found: a URL's last redirect (which
    relative links in it are resolved against), or the file's path."""

    body: bytes
    url: str
    content_type: str = ""
    """The Content-Type header as sent; none for a file."""
    charset: str | None = None
    """The charset the Content-Type header names, if any."""


def fetch(url: str, *, max_bytes: int = MAX_INPUT_BYTES) -> Fetched:
    """The body at ``url``, the URL it was found at after redirects, and its media type; any
    failure is an InputError naming the URL without credentials."""
    shown = display_location(url)
    deadline = time.monotonic() + FETCH_TIMEOUT
    try:
        with (
            httpx.Client(
                timeout=FETCH_TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"{shown}: the server answered HTTP {response.status_code}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise InputError(f"{shown}: larger than the {max_bytes:,}-byte limit")
                if time.monotonic() > deadline:
                    raise InputError(
                        f"{shown}: cannot fetch (no complete answer within {FETCH_TIMEOUT:g}s)"
                    )
    except httpx.HTTPError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"{shown}: cannot fetch ({reason})") from None
    return Fetched(
        bytes(body),
        str(response.url),
        response.headers.get("content-type", ""),
        response.charset_encoding,
    )


def read_location(location: str, *, max_bytes: int = MAX_INPUT_BYTES) -> Fetched:
    """The contents of a local file or of an http(s) URL."""
    if is_url(location):
        return fetch(location, max_bytes=max_bytes)
    path = Path(location)
    if not path.exists():
        raise InputError(f"{location}: no such file or folder")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{location}: cannot be read ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise InputError(f"{location}: larger than the {max_bytes:,}-byte limit")
    return Fetched(data, location)


def fetch_article(url: str) -> Article:
    """The article at ``url``: a page's main text (trafilatura's), or text as it is."""
    fetched = fetch(url)
    return article_from_page(
        fetched.body,
        content_type=fetched.content_type,
        charset=fetched.charset,
        url=url,
        origin=display_location(url),
    )
