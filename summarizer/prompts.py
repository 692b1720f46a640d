"""Rendering the brief prompt from the Jinja2 templates in ``prompts/``.

Templates are rendered in Jinja2's sandbox. The article is passed in as a variable, so its
text is data: it is never compiled as a template, and it sits between delimiters it cannot
forge (their tag is derived from the article's own hash).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Literal, TypedDict

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from summarizer.brief import BLUF_MAX_WORDS, SUMMARY_MAX_WORDS, Likelihood
from summarizer.inputs import Article
from summarizer.resources import data_dir

TEMPLATE_NAMES = ("brief.system.j2", "brief.user.j2")


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


@cache
def _environment(directory: Path) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def prompt_version(directory: Path | None = None) -> str:
    """A short hash of the template files: changes whenever a prompt changes."""
    directory = directory or data_dir("prompts")
    digest = hashlib.sha256()
    for name in TEMPLATE_NAMES:
        digest.update(name.encode())
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:12]


def article_delimiter(article: Article) -> str:
    """A tag no part of the delimited block can contain: it hashes everything in the block."""
    block = "\n".join([article.title or "", article.published or "", article.text])
    return f"ARTICLE-{hashlib.sha256(block.encode('utf-8')).hexdigest()[:16]}"


def render_messages(article: Article, directory: Path | None = None) -> list[Message]:
    environment = _environment(directory or data_dir("prompts"))
    context = {
        "article_text": article.text,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "partial": article.partial,
        "delimiter": article_delimiter(article),
        "summary_max_words": SUMMARY_MAX_WORDS,
        "bluf_max_words": BLUF_MAX_WORDS,
        "likelihoods": [level.value for level in Likelihood],
    }
    system = environment.get_template(TEMPLATE_NAMES[0]).render(context)
    user = environment.get_template(TEMPLATE_NAMES[1]).render(context)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]
