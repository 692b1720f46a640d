"""JSONL: one article a line, ``{"id", "text" | "html" | "url", "title", "url", "published"}``.

The text comes from ``text``, else from ``html`` (through trafilatura), else from the page at
``url``. A line that does not parse or validate is one problem; the other lines are read.
Without an ``id``, the ``url`` names the item, else the file and line number.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from summarizer.errors import InputError
from summarizer.inputs import (
    MAX_INPUT_BYTES,
    Article,
    article_from_html,
    article_from_text,
    is_url,
)
from summarizer.sources.base import SourceItem, SourceProblem, SourceRead
from summarizer.sources.fetch import fetch_article


class JsonlRecord(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _number_ids_are_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def read_jsonl(location: str) -> SourceRead:
    path = Path(location)
    if not path.is_file():
        raise InputError(f"{location}: no such file")
    read = SourceRead()
    try:
        with path.open("rb") as lines:
            for number, raw in enumerate(lines, start=1):
                if raw.strip():
                    _read_line(raw, location=location, number=number, into=read)
    except OSError as error:
        raise InputError(f"{location}: cannot be read ({error.strerror or error})") from error
    return read


def _read_line(raw: bytes, *, location: str, number: int, into: SourceRead) -> None:
    where = f"{location}:{number}"
    if len(raw) > MAX_INPUT_BYTES:
        into.problems.append(
            SourceProblem(where, f"{where}: longer than {MAX_INPUT_BYTES:,} bytes")
        )
        return
    try:
        value = json.loads(raw)
        if not isinstance(value, dict):
            kind = type(value).__name__.replace("NoneType", "null")
            into.problems.append(SourceProblem(where, f"{where}: a {kind}, not a JSON object"))
            return
        record = JsonlRecord.model_validate(value)
    except json.JSONDecodeError as error:
        into.problems.append(SourceProblem(where, f"{where}: not valid JSON ({error})"))
        return
    except UnicodeDecodeError:
        into.problems.append(SourceProblem(where, f"{where}: not UTF-8 text"))
        return
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "line"
        into.problems.append(SourceProblem(where, f"{where}: {field}: {first['msg']}"))
        return
    item_id = record.id or record.url or where
    try:
        into.items.append(SourceItem(item_id, record_article(record, origin=item_id)))
    except InputError as error:
        into.problems.append(SourceProblem(item_id, f"{where}: {error}"))


def record_article(record: JsonlRecord, *, origin: str) -> Article:
    metadata = {"title": record.title, "url": record.url, "published": record.published}
    if record.text:
        return article_from_text(record.text, origin=origin, **metadata)
    if record.html:
        article = article_from_html(record.html, origin=origin, url=record.url)
    elif record.url and is_url(record.url):
        article = replace(fetch_article(record.url), origin=origin)
    else:
        raise InputError("no article: it needs a non-empty text, html or http(s) url field")
    return replace(
        article,
        title=record.title or article.title,
        published=record.published or article.published,
    )
