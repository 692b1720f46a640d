"""Rendering a brief as JSON or as a Markdown briefing note."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from urllib.parse import quote

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from summarizer.brief import Brief, Evidence
from summarizer.controls import drop_controls
from summarizer.html_page import quoted, safe_url
from summarizer.language import language_caveat


def render_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2)


def markdown_environment(**filters: Callable[..., str]) -> SandboxedEnvironment:
    """The environment of the Markdown templates (the brief, the digest), with ``filters``
    added. Autoescaping is off: untrusted text is made inert by the ``text`` and ``cell``
    filters."""
    environment = SandboxedEnvironment(
        loader=PackageLoader("summarizer", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    environment.filters["cell"] = markdown_cell
    environment.filters["line"] = markdown_line
    environment.filters["text"] = markdown_text
    environment.filters["autolink"] = markdown_autolink
    environment.filters["label"] = lambda value: str(value).replace("_", " ")
    environment.filters["quoted"] = quoted
    environment.filters.update(filters)
    environment.globals["language_caveat"] = language_caveat
    return environment


@cache
def _environment() -> SandboxedEnvironment:
    return markdown_environment(quotes=quote_cell)


_INLINE_MARKUP = re.compile(r"([\\`*_\[\]~])")
"""Characters that open emphasis, code, links and images (``![x](http://tracker)``)."""
_BLOCK_MARKER = re.compile(r"^([ \t]*)([#>+=-]|\d{1,9}(?=[.)]))", re.MULTILINE)
"""What makes a line a heading, quote, list item or underline: "# URGENT", "1999. That"."""
_URL_SAFE = ":/?#@!$&'*+,;=%~"
"""Characters left as they are in a link target; spaces, brackets and quotes are escaped."""


def markdown_text(value: object) -> str:
    """Untrusted text made inert in Markdown: it reads as written and never becomes a link,
    an image, a heading, a list or raw HTML; controls (terminal escape sequences, as model
    output or a feed's title can carry) and bidi overrides are dropped, since the note is
    printed to a terminal."""
    text = drop_controls("" if value is None else str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    return _BLOCK_MARKER.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker.isdigit():
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def markdown_line(value: object) -> str:
    """Untrusted text made inert and kept to one line (a title cannot add a heading)."""
    return markdown_text(" ".join(("" if value is None else str(value)).split()))


def markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped, no markup."""
    return markdown_line(value).replace("|", "\\|")


def markdown_link(label: str, url: str | None) -> str:
    """``[label](url)`` for an http(s) URL, else the label alone; ``label`` is Markdown.
    A URL is linked when the HTML page would link it (``safe_url``)."""
    link = safe_url(url)
    return f"[{label}]({quote(link.strip(), safe=_URL_SAFE)})" if link else label


def markdown_autolink(url: str | None) -> str:
    """An http(s) URL as an autolink (only what would end one percent-encoded); anything
    else as inert text."""
    link = safe_url(url)
    return f"<{quote(link.strip(), safe=_URL_SAFE)}>" if link else markdown_line(url)


def quote_cell(evidence: list[Evidence]) -> str:
    parts = []
    for item in evidence:
        mark = "" if item.verified else " ⚠ not found in source"
        parts.append(f"{quoted(markdown_cell(item.quote))}{mark}")
    return "<br>".join(parts)


def render_markdown(brief: Brief) -> str:
    return _environment().get_template("brief.md.j2").render(brief=brief)
