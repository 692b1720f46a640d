"""The brief as HTML: a page with the article beside it, and a fragment for notebooks.

``render_html(brief, article_text)`` writes one self-contained page: the brief on one side,
the article on the other with every verified quote highlighted and coloured by field.
An item's link scrolls to its quote; each highlight names the items citing it, in a tooltip
for the mouse and in links back to them that a screen reader reads and the keyboard reaches.
Evidence offsets index the exact text that was briefed (``Article.text``); when the text
given has a different hash, nothing is highlighted rather than highlights put in the wrong
place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from summarizer.brief import Actor, Brief, Stance, Threat, Uncertainty
from summarizer.highlight import AnnotatedText, Citation, annotate
from summarizer.html_page import environment, render_page, shorten

Item = Actor | Stance | Threat | Uncertainty

FIELDS: dict[str, str] = {
    "actors": "Actor",
    "stances": "Stance",
    "threats": "Threat",
    "uncertainties": "Uncertainty",
}
"""The brief's cited fields, in the order the page shows them, with their item names."""


@dataclass(frozen=True)
class QuoteView:
    text: str
    verified: bool
    span: str | None = None
    """Key of the highlighted span; ``None`` when the quote is not shown in the article."""


@dataclass(frozen=True)
class ItemView:
    key: str
    field: str
    label: str
    item: Item
    quotes: tuple[QuoteView, ...]

    @property
    def spans(self) -> str:
        """Keys of the item's highlighted spans, space-separated (``data-show``)."""
        return " ".join(dict.fromkeys(quote.span for quote in self.quotes if quote.span))


@dataclass(frozen=True)
class BriefView:
    brief: Brief
    fields: dict[str, list[ItemView]]
    article: AnnotatedText | None
    text_differs: bool = False

    @cached_property
    def labels(self) -> dict[str, str]:
        return {view.key: view.label for views in self.fields.values() for view in views}

    @cached_property
    def unverified(self) -> list[tuple[ItemView, QuoteView]]:
        return [
            (view, quote)
            for views in self.fields.values()
            for view in views
            for quote in view.quotes
            if not quote.verified
        ]

    @property
    def quote_count(self) -> int:
        return sum(len(view.quotes) for views in self.fields.values() for view in views)


def item_label(field: str, item: Item) -> str:
    """How an item is named where the article points back to it (tooltip and link): its kind
    and what identifies it."""
    match item:
        case Actor():
            text = item.name
        case Stance():
            text = f"{item.actor} {item.position.value} {item.topic}"
        case Threat():
            text = f"{item.source} → {item.target} ({item.kind})"
        case Uncertainty():
            text = item.claim
    return f"{FIELDS[field]}: {shorten(text)}"


def field_items(brief: Brief) -> dict[str, list[Item]]:
    return {
        "actors": list(brief.actors),
        "stances": list(brief.stances),
        "threats": list(brief.threats),
        "uncertainties": list(brief.uncertainties),
    }


def brief_citations(brief: Brief, *, prefix: str = "") -> list[Citation]:
    """Every verified quote with offsets, as a citation by its item (``{prefix}{field}-{i}``)."""
    return [
        Citation(f"{prefix}{field}-{index}", field, evidence.start, evidence.end)
        for field, items in field_items(brief).items()
        for index, item in enumerate(items)
        for evidence in item.evidence
        if evidence.verified and evidence.start is not None and evidence.end is not None
    ]


def item_views(
    brief: Brief, article: AnnotatedText | None, *, prefix: str = ""
) -> dict[str, list[ItemView]]:
    fields: dict[str, list[ItemView]] = {}
    for field, items in field_items(brief).items():
        fields[field] = [
            ItemView(
                key=f"{prefix}{field}-{index}",
                field=field,
                label=item_label(field, item),
                item=item,
                quotes=tuple(
                    QuoteView(
                        evidence.quote,
                        evidence.verified,
                        article.key_of(evidence.start, evidence.end)
                        if article is not None and evidence.verified
                        else None,
                    )
                    for evidence in item.evidence
                ),
            )
            for index, item in enumerate(items)
        ]
    return fields


def same_text(brief: Brief, article_text: str) -> bool:
    """Whether the brief was made of exactly this text, so its offsets index it."""
    digest = hashlib.sha256(article_text.encode("utf-8")).hexdigest()
    return digest == brief.source.content_sha256


def brief_view(brief: Brief, article_text: str | None) -> BriefView:
    if article_text is None:
        return BriefView(brief, item_views(brief, None), None)
    differs = not same_text(brief, article_text)
    citations = [] if differs else brief_citations(brief)
    article = annotate(article_text, citations)
    return BriefView(brief, item_views(brief, article), article, text_differs=differs)


def render_html(brief: Brief, article_text: str) -> str:
    """The brief and its article side by side, as one self-contained HTML page."""
    return render_page("brief.html.j2", view=brief_view(brief, article_text), fields=FIELDS)


def render_html_fragment(brief: Brief) -> str:
    """The brief alone as an HTML fragment (no script, no page frame), for notebooks.

    A brief holds its article's hash and length, not its text, so quotes are listed under
    their items instead of highlighted in the article.
    """
    return (
        environment()
        .get_template("brief_fragment.html.j2")
        .render(view=brief_view(brief, None), fields=FIELDS)
    )
