"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed with feedparser.

Hostile XML: feedparser strips the DOCTYPE before parsing and keeps only entity declarations
whose value is plain text or one character reference, so external entities (XXE,
``SYSTEM "file:///..."``) and nested ones (billion laughs) never reach the XML parser; it
also turns off external general entities in SAX. A reference to a dropped entity stays
literal text. Entry HTML is sanitised (scripts, styles, event handlers removed). The feed is
handed over as bytes: ``feedparser.parse`` would open a string as a URL or file name.

A feed that is not well-formed but complete is read with feedparser's lenient parser, with a
warning (real feeds often carry a stray ``&``). A feed that is cut off is refused whole: its
last entry would be briefed from half an article.
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import re
import xml.sax
from dataclasses import replace
from datetime import UTC, datetime
from pyexpat import errors as expat_errors
from typing import Any

import feedparser

from summarizer.errors import InputError
from summarizer.inputs import (
    Article,
    article_from_html,
    article_from_text,
    is_url,
    looks_like_html,
)
from summarizer.sources.base import SourceItem, SourceProblem, SourceRead
from summarizer.sources.fetch import display_location, read_location

logger = logging.getLogger("summarizer.sources")

_CUT_OFF = {
    expat_errors.XML_ERROR_NO_ELEMENTS,
    expat_errors.XML_ERROR_UNCLOSED_TOKEN,
    expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    expat_errors.XML_ERROR_PARTIAL_CHAR,
}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TAG = re.compile(r"<[A-Za-z!/]")
_XML_TYPE = re.compile(r"\s*(?:application|text)/(?:[\w.+-]+\+)?xml\s*(?:;|$)", re.IGNORECASE)


def read_feed(location: str) -> SourceRead:
    """Read a feed from a file or an http(s) URL."""
    fetched = read_location(location)
    return parse_feed(
        fetched.body, location=location, base=fetched.url, content_type=fetched.content_type
    )


GLOBAL_ID = re.compile(r"(?:[a-z][a-z0-9+.-]*://|urn:|tag:)", re.IGNORECASE)


def parse_feed(
    data: bytes, *, location: str, base: str | None = None, content_type: str = ""
) -> SourceRead:
    """The entries of a feed read from ``location`` (a path or URL, named in ids and messages
    without any credentials it holds); relative links in the feed are resolved against
    ``base``, where it was found after redirects (by default ``location``).

    A charset in ``content_type``, the server's header, decides the encoding (RFC 7303) when
    the header names an XML type: a feed in ISO-8859-7 may say so only there. Under any other
    type (``text/html; charset=...`` is a common misconfiguration) the XML prolog decides.
    """
    shown = display_location(location)
    base = base or location
    headers = {"content-location": display_location(base)} if is_url(base) else {}
    if _XML_TYPE.match(content_type) and "charset=" in content_type.lower():
        headers["content-type"] = content_type
    location = shown
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXParseException) and problem.getMessage() in _CUT_OFF:
        raise InputError(
            f"{location}: the feed is cut off ({problem.getMessage()} at line "
            f"{problem.getLineNumber()}); nothing was read from it"
        )
    if not parsed.get("version"):
        if looks_like_html(data[:2000].decode("utf-8", "replace")):
            raise InputError(
                f"{location}: not an RSS, RDF or Atom feed but an HTML page (summarizer brief "
                "reads a page; a site's feed is often linked from its pages)"
            )
        raise InputError(f"{location}: not an RSS, RDF or Atom feed")
    if isinstance(problem, xml.sax.SAXParseException):
        logger.warning(
            "%s: not well-formed XML (%s at line %d); read leniently",
            location,
            problem.getMessage(),
            problem.getLineNumber(),
        )
    read = SourceRead()
    for entry in parsed.entries:
        item_id = entry_id(entry, location)
        try:
            read.items.append(SourceItem(item_id, entry_article(entry, item_id=item_id)))
        except InputError as error:
            read.problems.append(SourceProblem(item_id, str(error)))
    return read


def entry_id(entry: Any, location: str) -> str:
    """The guid (RSS), id (Atom) or rdf:about (RDF), else the link, else a content hash.

    A guid that names the story everywhere (a URL, a ``urn:`` or ``tag:`` URI) is kept as it
    is; any other ("1", "story-42") is unique only within its feed, and is prefixed with the
    feed's location, so two feeds' "1" are two stories, not one the same id dropped.
    """
    known = entry.get("id") or entry.get("link")
    if known:
        known = str(known)
        return known if GLOBAL_ID.match(known) else f"{location}#{known}"
    material = f"{entry.get('title', '')}\n{_entry_body(entry)[0]}"
    return f"{location}#{hashlib.sha256(material.encode()).hexdigest()[:16]}"


def _entry_body(entry: Any) -> tuple[str, str, bool]:
    """The entry's text, its media type, and whether it is only a summary (also when its
    full-content element is there but empty, as some feeds send it)."""
    for content in entry.get("content") or []:
        if content.get("value", "").strip():
            return content["value"], content.get("type", "text/html"), False
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), detail.get("type", "text/html"), True


def entry_article(entry: Any, *, item_id: str) -> Article:
    """The entry as an article; one that carries only a summary is marked ``partial``."""
    body, media_type, partial = _entry_body(entry)
    if not body.strip():
        raise InputError(f"{item_id}: the entry carries no text")
    title = entry.get("title") or None
    link = entry.get("link") or None
    published = _published(entry)
    if media_type in _HTML_TYPES and _TAG.search(body):
        # trafilatura finds nothing in a bare fragment such as "<p>...</p>"; a document it reads.
        article = article_from_html(f"<html><body>{body}</body></html>", origin=item_id, url=link)
        article = replace(article, title=title or article.title, published=published)
    else:
        text = html.unescape(body) if media_type in _HTML_TYPES else body
        article = article_from_text(
            text, origin=item_id, title=title, url=link, published=published
        )
    return replace(article, partial=partial)


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or _own(entry, "updated_parsed")
    if parsed:
        return datetime(*parsed[:6]).replace(tzinfo=UTC).isoformat()
    value = entry.get("published") or _own(entry, "updated")
    return str(value) if value else None


def _own(entry: Any, key: str) -> Any:
    """``entry[key]`` if the entry has it: feedparser's ``get`` of a missing "updated" falls
    back to "published" with a DeprecationWarning."""
    return entry.get(key) if key in entry else None
