"""Turning a request's article (text, HTML or a URL) into an ``Article``."""

from __future__ import annotations

import dataclasses

import anyio.to_thread
from pydantic import BaseModel, ConfigDict, Field, model_validator

from summarizer.inputs import Article, article_from_html, article_from_page, article_from_text
from summarizer.service.fetch import FetchedPage, UrlFetcher

REQUEST_ORIGIN = "<request>"


class ArticleInput(BaseModel):
    """One article: its text, its HTML, or only a URL for the service to fetch it from."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": "The ministry said on Monday that ...", "title": "Ministry warns"},
                {"url": "https://example.org/news/ministry-warns"},
            ]
        },
    )

    text: str | None = Field(default=None, description="Plain text or Markdown of the article.")
    html: str | None = Field(default=None, description="HTML of the article's page.")
    url: str | None = Field(
        default=None,
        max_length=2048,
        description="Alone: the page to fetch. With text or html: where the article is from.",
    )
    title: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _one_source(self) -> ArticleInput:
        if self.text is not None and self.html is not None:
            raise ValueError("give the article as text or as html, not both")
        if self.text is None and self.html is None and self.url is None:
            raise ValueError("give one of text, html or url")
        return self

    @property
    def needs_fetch(self) -> bool:
        return self.text is None and self.html is None


def article_from_fetched_page(page: FetchedPage, title: str | None) -> Article:
    article = article_from_page(
        page.content,
        content_type=page.content_type,
        charset=page.charset,
        url=page.url,
        origin=page.url,
    )
    return dataclasses.replace(article, title=title or article.title)


def article_from_input(item: ArticleInput, origin: str = REQUEST_ORIGIN) -> Article:
    if item.html is not None:
        article = article_from_html(item.html, origin=origin, url=item.url)
        return dataclasses.replace(
            article, title=item.title or article.title, url=item.url or article.url
        )
    return article_from_text(item.text or "", origin=origin, title=item.title, url=item.url)


async def prepare_article(item: ArticleInput, fetcher: UrlFetcher, origin: str) -> Article:
    """The article, fetched if need be; HTML extraction runs in a worker thread."""
    if item.needs_fetch:
        assert item.url is not None
        page = await fetcher.fetch(item.url)
        return await anyio.to_thread.run_sync(article_from_fetched_page, page, item.title)
    return await anyio.to_thread.run_sync(article_from_input, item, origin)
