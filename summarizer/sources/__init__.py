"""Readers for batch inputs, one module per format.

``read_source`` picks the reader: a folder of article files, a ``.jsonl`` file, a single
article file (.txt, .md, .html), or a feed or OPML list (a file or an http(s) URL, told apart
by their root element). Each reader returns the articles it read, each with a stable id, and
the entries it could not read; an input that cannot be read at all raises ``InputError``.
"""

from __future__ import annotations

import re
from pathlib import Path

from summarizer.inputs import is_url
from summarizer.sources.base import SourceItem, SourceProblem, SourceRead
from summarizer.sources.feeds import parse_feed
from summarizer.sources.fetch import read_location
from summarizer.sources.folder import is_article_file, read_file, read_folder
from summarizer.sources.jsonl import read_jsonl
from summarizer.sources.opml import parse_opml

__all__ = ["SourceItem", "SourceProblem", "SourceRead", "read_source"]

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
OPML_SUFFIXES = {".opml"}
_OPML_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<opml[\s>]", re.S
)


def read_source(location: str) -> SourceRead:
    if not is_url(location):
        path = Path(location)
        if path.is_dir():
            return read_folder(location)
        if path.suffix.lower() in JSONL_SUFFIXES:
            return read_jsonl(location)
        if path.is_file() and is_article_file(path):
            return read_file(location)
    fetched = read_location(location)
    if Path(location).suffix.lower() in OPML_SUFFIXES or _OPML_ROOT.match(fetched.body[:4096]):
        return parse_opml(fetched.body, location=location, base=fetched.url)
    return parse_feed(
        fetched.body, location=location, base=fetched.url, content_type=fetched.content_type
    )
