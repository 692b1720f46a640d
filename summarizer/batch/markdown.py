"""The digest as a Markdown briefing note (``digest.md``).

Everything in it comes from articles, so it is untrusted: text is made inert with the same
filters as a brief's Markdown, and only http(s) URLs become links.
"""

from __future__ import annotations

from functools import cache

from jinja2.sandbox import SandboxedEnvironment

from summarizer.batch.digest import ArticleRef, Digest
from summarizer.controls import drop_controls
from summarizer.render import markdown_cell, markdown_environment, markdown_link


def article_link(ref: ArticleRef) -> str:
    return markdown_link(markdown_cell(ref.title or ref.id), ref.url)


def code_span(value: object) -> str:
    """Text safe inside a one-line code span, without controls (see ``markdown_text``)."""
    return " ".join(drop_controls(str(value)).replace("`", "'").split())


def code_cell(value: object) -> str:
    """Text safe inside a code span in a table cell: GFM splits cells at every unescaped pipe,
    even inside a code span, and what follows the split is Markdown again (an id such as
    ``x|![t](http://tracker/p.png)|`` would load an image)."""
    return code_span(value).replace("|", "\\|")


@cache
def _environment() -> SandboxedEnvironment:
    environment = markdown_environment(code=code_span, code_cell=code_cell, article=article_link)
    environment.tests["multiple"] = lambda values: len(values) > 1
    return environment


def render_digest_markdown(digest: Digest) -> str:
    return _environment().get_template("digest.md.j2").render(digest=digest)
