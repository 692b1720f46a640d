"""Reading an article: bytes from a file or stdin to clean text plus metadata.

Handles plain text, Markdown (through markdown-it-py) and HTML (through trafilatura), detects
the encoding, and reads the ``Title:``/``Date:``/``Source:`` header that the example articles
carry.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from os import PathLike, fspath
from pathlib import Path
from urllib.parse import urlsplit

import charset_normalizer
import trafilatura
from markdown_it import MarkdownIt
from markdown_it.token import Token

from summarizer.controls import drop_controls
from summarizer.errors import InputError

MAX_INPUT_BYTES = 20_000_000
"""Larger inputs are refused: no news article is this long, and it bounds memory."""

MAX_HTML_ELEMENTS = 30_000
"""HTML pages with more start tags are refused before parsing: a news page has a few
thousand, and trafilatura's time grows faster than linearly with their number (30,000
paragraphs take several seconds, 200,000 several minutes)."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HEADER_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "source": "url",
    "url": "url",
    "licence": None,
    "license": None,
}
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+):[ \t]*(?P<value>.*)$")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair, which JSON's "\\ud800" escapes can carry: not a character, so it
cannot be encoded, hashed or shown; it becomes U+FFFD, as an undecodable byte would."""
_WESTERN_PUNCTUATION = frozenset("\u00a0“”‘’–—…•€£°§«»·¡¿©®™")
_WESTERN_ACCENTED_SHARE = 0.2
"""In French, German or Spanish well under a tenth of the letters are accented."""
_WORD_CHAR = re.compile(r"[^\W_]")
_DOCUMENT_TAG = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_START_TAG = re.compile(r"<[A-Za-z]")
_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` starts like an HTML page or fragment."""
    return bool(_HTML_SNIFF.match(text[:2000]))


@dataclass(frozen=True)
class Article:
    """One article's text and what is known about where it came from."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    origin: str = "<text>"
    partial: bool = False

    def __post_init__(self) -> None:
        # However the article was made (a reader, or ``Article(text=...)`` from Python), its
        # text holds no control characters: what the model quotes from it must survive the
        # brief's own dropping of them. Metadata comes from feeds, JSONL records and pages as
        # they are: it gets the text's cleaning, on one line.
        object.__setattr__(self, "text", drop_controls(self.text))
        for name in ("title", "url", "published"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, clean_metadata(value))

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")


def read_article(path: str | PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES) -> Article:
    """Read an article from a file path, or from standard input when ``path`` is ``-``."""
    path = fspath(path)
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return article_from_bytes(data, origin="<stdin>", max_bytes=max_bytes)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    size = file.stat().st_size if file.is_file() else 0
    if size > max_bytes:
        raise InputError(
            f"{path}: {size:,} bytes, larger than the {max_bytes:,}-byte limit for one article"
        )
    try:
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from error
    suffix = file.suffix.lower()
    return article_from_bytes(
        data,
        origin=path,
        is_html=suffix in HTML_SUFFIXES,
        is_markdown=suffix in MARKDOWN_SUFFIXES,
        max_bytes=max_bytes,
    )


def article_from_bytes(
    data: bytes,
    *,
    origin: str = "<bytes>",
    is_html: bool | None = None,
    is_markdown: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    charset: str | None = None,
    url: str | None = None,
) -> Article:
    """An article from raw bytes: HTML when ``is_html`` (or, when None, when it looks like
    HTML), Markdown when ``is_markdown``, else plain text. ``charset`` is what a server said
    the bytes are in; ``url`` where a page came from."""
    if len(data) > max_bytes:
        raise InputError(f"{origin}: larger than the {max_bytes:,}-byte limit for one article")
    text = decode_text(data, origin=origin, charset=charset)
    if is_markdown:
        return article_from_markdown(text, origin=origin)
    if is_html is None:
        is_html = looks_like_html(text)
    if is_html:
        return article_from_html(text, origin=origin, url=url)
    return article_from_text(text, origin=origin)


def article_from_page(
    data: bytes, *, content_type: str, charset: str | None, url: str, origin: str
) -> Article:
    """A page fetched from ``url``: HTML when its server says so, plain text when it says
    ``text/plain``, else as its body looks; decoded in the ``charset`` the server names."""
    media_type = content_type.split(";")[0].strip().lower()
    is_html = {"text/plain": False, "": None}.get(media_type, "html" in media_type or None)
    article = article_from_bytes(data, origin=origin, is_html=is_html, charset=charset, url=url)
    return replace(article, url=article.url or url)


def decode_text(data: bytes, *, origin: str, charset: str | None = None) -> str:
    """Decode bytes in ``charset`` when one is given (a server's Content-Type, which for a
    page wins over its own meta tag) and Python knows it; else as UTF-8, else as
    Windows-1252 when they read as Western text, else as the encoding charset-normalizer
    detects.

    A stray NUL or control byte is tolerated (and dropped later); text made largely of
    control characters is binary.
    """
    if not data.strip():
        raise InputError(f"{origin}: is empty")
    try:
        declared = codecs.lookup(charset).name if charset else None
    except LookupError:
        declared = None  # a charset Python does not know: as if none was named
    try:
        if declared is None or declared == "utf-8":
            text = data.decode("utf-8-sig")
        else:
            text = data.decode(declared, errors="replace")
    except UnicodeDecodeError:
        text = _decode_legacy(data, origin)
    if _looks_binary(text):
        raise InputError(f"{origin}: is not text (binary data)")
    return text


def _decode_legacy(data: bytes, origin: str) -> str:
    """Text in an encoding other than UTF-8: Windows-1252 when it reads as Western text,
    else what charset-normalizer detects.

    Western text has a few bytes above 127, and charset-normalizer, given so few, guesses
    wrong as often as not (Big5 for English with curly quotes, Windows-1250 for French).
    """
    western = _as_western(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(f"{origin}: is not text (binary or unknown encoding)")
    return str(best)


def _as_western(data: bytes) -> str | None:
    """``data`` as Windows-1252 if every character above ASCII is a letter or Western
    punctuation and such letters are few among the letters: Russian or Polish read that way
    come out as runs of accented letters, or as symbols ("powiedzia³")."""
    if b"\x00" in data:
        return None  # UTF-16 or UTF-32, or binary: never single-byte text
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for char in text:
        if char.isalpha():
            letters += 1
            accented += not char.isascii()
        elif not char.isascii() and char not in _WESTERN_PUNCTUATION:
            return None
    return text if accented <= _WESTERN_ACCENTED_SHARE * letters else None


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (and more than a stray few) in the first 8 KiB."""
    sample = text[:8192]
    controls = sum(
        1 for char in sample if char not in "\t\n\r\f" and unicodedata.category(char) == "Cc"
    )
    return controls > 8 and controls > 0.05 * len(sample)


def clean_text(text: str) -> str:
    """Normalise line endings and drop control characters (C0 and C1, which a terminal may
    obey when the brief is printed) and invisible formatting that can hide instructions from
    a reader but not from a model; keep everything a reader sees."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return drop_controls(text).strip()


def clean_metadata(value: str) -> str | None:
    """A title, URL or date as one line of ``clean_text``; ``None`` when nothing is left."""
    return " ".join(clean_text(value).split()) or None


def article_from_text(text: str, *, origin: str = "<text>", **metadata: str | None) -> Article:
    text = clean_text(text)
    header, body = split_header(text)
    fields = {**header, **{k: v for k, v in metadata.items() if v}}
    if not _WORD_CHAR.search(body):
        raise InputError(f"{origin}: has no article text (no letters or digits)")
    return Article(
        text=body,
        title=fields.get("title"),
        url=fields.get("url"),
        published=fields.get("published"),
        origin=origin,
    )


def article_from_markdown(text: str, *, origin: str = "<markdown>") -> Article:
    """Markdown as its reader sees it: each paragraph, heading and list item a line of plain
    text (links as their words, no markup); a first-level heading before the text is the
    title, unless a ``Title:`` header gives one."""
    header, body = split_header(clean_text(text))
    lines: list[str] = []
    title = header.get("title")
    tokens = MarkdownIt("commonmark").parse(body)
    opened: Token | None = None
    for token in tokens:
        if token.type in ("fence", "code_block"):
            lines.append(token.content.strip())
        if token.type != "inline":
            opened = token
            continue
        line = _inline_text(token)
        top_heading = opened is not None and opened.type == "heading_open" and opened.tag == "h1"
        if top_heading and title is None and not lines:
            title = line
        elif line:
            lines.append(line)
    return article_from_text(
        "\n".join(lines),
        origin=origin,
        title=title,
        url=header.get("url"),
        published=header.get("published"),
    )


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)  # the alt text
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``Key: value`` block (Title, Date, Source, ...) from the body.

    Only a block made wholly of known keys and ended by a blank line counts, so an article
    that starts with "Update: ..." keeps its first line; a file that is nothing but a
    header of several lines has no body.
    """
    head, sep, rest = text.partition("\n\n")
    if not sep and "\n" not in text:
        return {}, text  # one line: "Update: the minister resigned." is an article
    fields: dict[str, str] = {}
    for line in head.splitlines():
        match = _HEADER_LINE.match(line.strip())
        if not match or match["key"].lower() not in _HEADER_KEYS:
            return {}, text
        target = _HEADER_KEYS[match["key"].lower()]
        if target:
            fields[target] = match["value"].strip()
    return fields, rest.strip()


def article_from_html(html: str, *, origin: str = "<html>", url: str | None = None) -> Article:
    """Extract the main text of an HTML page with trafilatura; a fragment ("<p>...</p>",
    as a CMS or a feed holds it) is read as a page's article."""
    html = _LONE_SURROGATE.sub("\ufffd", html)
    if not _DOCUMENT_TAG.search(html):
        html = f"<html><body><article>{html}</article></body></html>"
    if _count_start_tags(html, stop_at=MAX_HTML_ELEMENTS + 1) > MAX_HTML_ELEMENTS:
        raise InputError(
            f"{origin}: HTML with more than {MAX_HTML_ELEMENTS:,} elements, too many for a news "
            "page; save the article's text and brief that instead"
        )
    document = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not _WORD_CHAR.search(body):
        raise InputError(f"{origin}: no article text found in the HTML")
    text = clean_text(body)
    return Article(
        text=text,
        title=getattr(document, "title", None),
        url=getattr(document, "url", None) or url,
        published=getattr(document, "date", None),
        origin=origin,
    )


def _count_start_tags(html: str, *, stop_at: int) -> int:
    """How many start tags ``html`` has, counting no further than ``stop_at``."""
    return sum(1 for _ in itertools.islice(_START_TAG.finditer(html), stop_at))
