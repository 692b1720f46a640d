"""Rendering a brief as JSON or as a Markdown briefing note."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from summarizer.brief import Brief, Evidence


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
        extensions=["jinja2.ext.do"],
    )
    environment.filters["cell"] = markdown_cell
    environment.filters["text"] = markdown_text
    environment.filters["label"] = lambda value: str(value).replace("_", " ")
    environment.filters.update(filters)
    return environment


@cache
def _environment() -> SandboxedEnvironment:
    return markdown_environment(quotes=quote_cell)


def markdown_text(value: object) -> str:
    """Untrusted text made inert in Markdown: raw HTML tags are shown, not rendered."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped, no raw HTML."""
    return " ".join(markdown_text(value).split()).replace("|", "\\|")


def quote_cell(evidence: list[Evidence]) -> str:
    parts = []
    for item in evidence:
        mark = "" if item.verified else " ⚠ not found in source"
        parts.append(f"“{markdown_cell(item.quote)}”{mark}")
    return "<br>".join(parts)


def render_markdown(brief: Brief) -> str:
    return _environment().get_template("brief.md.j2").render(brief=brief)
