"""Static accessibility checks on a rendered page, shared by the tests of each HTML page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# What a keyboard or a screen reader treats as something to operate.
_CONTROL = (
    "self::a[@href] or self::button or self::input or self::select or self::textarea"
    " or @role='button' or @role='link' or (@tabindex and @tabindex != '-1')"
)


def describe(element: HtmlElement) -> str:
    attributes = " ".join(f'{name}="{value}"' for name, value in element.attrib.items())
    return f"<{element.tag} {attributes}>"


def nested_controls(document: HtmlElement) -> list[str]:
    """Controls inside another control: a screen reader flattens the outer one, so the inner
    ones cannot be reached, and the keyboard meets two stops for one thing."""
    return [describe(element) for element in document.xpath(f"//*[{_CONTROL}][.//*[{_CONTROL}]]")]


def fake_buttons(document: HtmlElement) -> list[str]:
    """Elements that claim to be buttons without being one (``role="button"``)."""
    claims = document.xpath("//*[@role='button'][not(self::button)]")
    return [describe(element) for element in claims]


def _target(link: HtmlElement) -> str | None:
    href = link.get("href") or ""
    return href[1:] if href.startswith("#") else None


def show_controls_without_a_target(document: HtmlElement) -> list[str]:
    """What scrolls to a quote (``data-show``) must be a link to the quote's anchor, so that
    it is reached by Tab, answers Enter, and works without the script; an element that is not
    one (an item that can be clicked anywhere) must hold one that is."""
    ids = set(document.xpath("//@id"))
    broken = []
    for element in document.xpath("//*[@data-show]"):
        links = [element] if element.tag == "a" else element.xpath(".//a[@data-show]")
        if not any(
            _target(link) in ids and _target(link) in element.get("data-show").split()
            for link in links
            if link.get("data-show") == element.get("data-show")
        ):
            broken.append(describe(element))
    return broken


def hover_only_names(document: HtmlElement) -> list[str]:
    """What the tooltip of a highlight names (``data-tip``, one item a line) but the article
    does not say as text beside it, in a link back to the item."""
    missing = []
    for text in document.find_class("text"):
        said = {link.text_content() for link in text.xpath(".//a[@href]")}
        for mark in text.iter("mark"):
            missing += [line for line in mark.get("data-tip", "").splitlines() if line not in said]
    return missing


def hover_only_titles(document: HtmlElement) -> list[str]:
    """``title`` attributes whose words the page does not also show as text."""
    shown = "".join(document.xpath("//body//text()[not(ancestor::script)]"))
    return [
        describe(element)
        for element in document.xpath("//*[@title]")
        if element.get("title") not in shown
    ]
