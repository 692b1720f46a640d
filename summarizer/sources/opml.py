"""OPML lists of feeds: every ``<outline xmlUrl=...>`` is read as a feed.

Parsed with defusedxml, which refuses DTDs with entities and external references. A relative
``xmlUrl`` is resolved against the OPML file's folder, or against its URL when the list was
fetched; a list fetched over http(s) may name only http(s) feeds, never local files. A feed
that cannot be read is one problem; the others are still read. A feed listed twice is read
once.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from summarizer.errors import InputError
from summarizer.inputs import is_url
from summarizer.sources.base import SourceProblem, SourceRead
from summarizer.sources.feeds import read_feed
from summarizer.sources.fetch import display_location, read_location


def read_opml(location: str) -> SourceRead:
    fetched = read_location(location)
    return parse_opml(fetched.body, location=location, base=fetched.url)


def feed_references(data: bytes, *, location: str) -> list[str]:
    """The ``xmlUrl`` of every outline, as written."""
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as error:
        raise InputError(f"{location}: not a readable OPML file ({error})") from None
    if root.tag != "opml":
        raise InputError(f"{location}: not an OPML file (root element <{root.tag}>)")
    return [
        outline.attrib["xmlUrl"].strip()
        for outline in root.iter("outline")
        if outline.attrib.get("xmlUrl", "").strip()
    ]


def resolve_reference(reference: str, *, base: str) -> str:
    """Where a listed feed is: an http(s) URL, or a path relative to a local list's folder."""
    if is_url(reference):
        return reference
    if is_url(base):
        resolved = urljoin(base, reference)
        if not is_url(resolved):
            raise InputError(f"{reference}: a fetched OPML list may only name http(s) feeds")
        return resolved
    if urlsplit(reference).scheme:
        raise InputError(f"{reference}: only http(s) URLs and file paths can be read")
    return str(Path(base).parent / reference)


def parse_opml(data: bytes, *, location: str, base: str | None = None) -> SourceRead:
    """The entries of every feed the list names; relative references are resolved against
    ``base``, where the list was found after redirects (by default ``location``)."""
    read = SourceRead()
    seen: set[str] = set()
    for reference in feed_references(data, location=location):
        try:
            feed = resolve_reference(reference, base=base or location)
        except InputError as error:
            read.problems.append(SourceProblem(display_location(reference), str(error)))
            continue
        if feed in seen:
            continue  # listed twice (in two folders, say): one read, not its entries twice
        seen.add(feed)
        try:
            read.extend(read_feed(feed))
        except InputError as error:
            read.problems.append(SourceProblem(display_location(feed), str(error)))
    return read
