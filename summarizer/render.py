"""Rendering a brief as JSON or as a Markdown briefing note."""

from __future__ import annotations

from functools import cache

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from summarizer.brief import Brief, Evidence


def render_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2)


@cache
def _environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=PackageLoader("summarizer", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown: untrusted text is made inert by the `text`/`cell` filters
        extensions=["jinja2.ext.do"],
    )
    environment.filters["cell"] = markdown_cell
    environment.filters["text"] = markdown_text
    environment.filters["quotes"] = quote_cell
    environment.filters["label"] = lambda value: str(value).replace("_", " ")
    return environment


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
