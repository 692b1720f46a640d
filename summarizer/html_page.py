"""What every HTML page shares: one self-contained file that asks for nothing outside it.

The stylesheet (``templates/page.css``) and the script (``templates/page.js``) are inlined,
and a Content-Security-Policy meta tag allows exactly those two blocks, by hash, and data:
images: no request can leave the page, and a ``<script>`` that slipped through escaping
would not run. Article text and model output are untrusted, so the Jinja environment is
sandboxed with autoescaping on; the only markup not escaped is our own CSS, script and SVG.
"""

from __future__ import annotations

import base64
import hashlib
import textwrap
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from summarizer.highlight import Segment
from summarizer.language import language_caveat

GOLD = "gold"
"""The citation kind of a gold support quote in eval reports: underlined, not filled."""


@cache
def environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=PackageLoader("summarizer", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["label"] = lambda value: str(value).replace("_", " ")
    environment.filters["safe_url"] = safe_url
    environment.filters["safe_href"] = safe_href
    environment.filters["mark_classes"] = mark_classes
    environment.filters["tip"] = tip
    environment.filters["quoted"] = quoted
    environment.globals["language_caveat"] = language_caveat
    return environment


def _asset(name: str) -> str:
    templates = environment()
    assert templates.loader is not None
    return templates.loader.get_source(templates, name)[0]


def source_hash(source: str) -> str:
    """A CSP source expression allowing exactly this inline block."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(style: str, script: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {source_hash(style)}",
            f"script-src {source_hash(script)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def render_page(template: str, **context: Any) -> str:
    """A whole page from a template extending ``_page.html.j2``."""
    style, script = _asset("page.css"), _asset("page.js")
    return (
        environment()
        .get_template(template)
        .render(
            csp=content_security_policy(style, script),
            style=Markup(style),  # noqa: S704 - our own stylesheet, hashed into the CSP
            script=Markup(script),  # noqa: S704 - our own script, hashed into the CSP
            **context,
        )
    )


def safe_url(value: str | None) -> str | None:
    """An http(s) URL, or ``None``: a ``javascript:`` link from an article is never a link."""
    if not value:
        return None
    return value if urlsplit(value.strip()).scheme.lower() in ("http", "https") else None


def safe_href(value: str | None) -> str | None:
    """A relative link (another page beside this one) or an http(s) URL, else ``None``."""
    if not value:
        return None
    return value if urlsplit(value.strip()).scheme.lower() in ("", "http", "https") else None


_DOUBLE_MARKS = '"“”„«»'


def quoted(text: str) -> str:
    """``text`` in quotation marks: double ones, or single ones when the quote itself opens
    or closes with a double mark, so ``"We will," he said.`` never shows as ``“"We will,"…``."""
    stripped = text.strip()
    if stripped[:1] in _DOUBLE_MARKS or stripped[-1:] in _DOUBLE_MARKS:
        return f"‘{text}’"
    return f"“{text}”"


def shorten(text: str, width: int = 140) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …")


def mark_classes(segment: Segment) -> str:
    """CSS classes of a highlight: filled by the innermost field citing it, underlined when a
    gold quote covers it, edged where a quote starts, and marked where spans overlap."""
    kinds = segment.kinds
    classes = ["hl"]
    fill = next((kind for kind in kinds if kind != GOLD), None)
    if fill is not None:
        classes.append(f"k-{fill}")
    if GOLD in kinds:
        classes.append("gold")
    if segment.starts:
        classes.append("start")
    if len(segment.spans) > 1:
        classes.append("overlap")
    return " ".join(classes)


def tip(items: Iterable[str], labels: Mapping[str, str]) -> str:
    """The tooltip of a highlight: one line per item citing it."""
    return "\n".join(labels[item] for item in items if item in labels)
