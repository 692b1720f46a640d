"""The brief as an HTML page: what a reader sees in it, and what an article cannot do to it."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest

from summarizer import Article, Brief, Settings, read_article, summarize
from summarizer.brief import Actor, Evidence, MatchMethod
from summarizer.cli import main
from summarizer.inputs import article_from_text
from summarizer.render import render_markdown
from summarizer.render_html import render_html
from summarizer.settings import EngineChoice

from .browser import chromium, visit
from .conftest import EXAMPLE_ARTICLE
from .html_support import (
    fake_buttons,
    hover_only_names,
    hover_only_titles,
    nested_controls,
    show_controls_without_a_target,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

INJECTED = (
    'Title: <script>document.title = "pwned"</script> Ministry statement\n\n'
    "The Ministry of Defence said on Monday that rebels attacked the port of Aden. "
    '<script>document.title = "pwned"; window.pwned = true;</script> '
    '<img src="http://127.0.0.1:9/x.png" onerror="window.pwned = true"> '
    "The rebel commander Ahmed Musa said the attacks on the port would continue."
)
UNFOUND = "Iran has agreed to withdraw every ship from the Gulf by Friday."


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(engine=EngineChoice.extractive, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def article() -> Article:
    return read_article(str(EXAMPLE_ARTICLE))


@pytest.fixture(scope="module")
def brief(article: Article, settings: Settings) -> Brief:
    return summarize(article, settings)


@pytest.fixture(scope="module")
def injected(settings: Settings) -> tuple[Article, Brief]:
    article = article_from_text(INJECTED)
    return article, summarize(article, settings)


def verified_spans(brief: Brief) -> set[tuple[int, int]]:
    return {
        (item.start, item.end)
        for item in brief.all_evidence()
        if item.verified and item.start is not None and item.end is not None
    }


def highlighted_texts(page: str) -> dict[str, str]:
    """Each highlight's text, joined over the pieces it is drawn in, by span key."""
    texts: dict[str, str] = {}
    for mark in lxml.html.document_fromstring(page).iter("mark"):
        for key in mark.get("data-spans", "").split():
            texts[key] = texts.get(key, "") + mark.text_content()
    return texts


def with_unfound_quote(brief: Brief) -> Brief:
    actor = brief.actors[0]
    unfound = Evidence(quote=UNFOUND, verified=False, match=MatchMethod.none)
    actors = [actor.model_copy(update={"evidence": [*actor.evidence, unfound]})]
    return brief.model_copy(update={"actors": actors + brief.actors[1:]})


def test_each_verified_quote_is_one_highlight_of_its_words_and_unfound_ones_are_set_apart(
    article: Article, brief: Brief
) -> None:
    page = render_html(with_unfound_quote(brief), article.text)

    texts = highlighted_texts(page)
    assert sorted(texts.values()) == sorted(article.text[s:e] for s, e in verified_spans(brief))
    document = lxml.html.document_fromstring(page)
    (unfound,) = document.xpath("//section[@id='unverified']")
    assert UNFOUND in unfound.text_content()
    assert "not found in the article" in unfound.text_content()
    assert all(UNFOUND not in text for text in texts.values())


def test_a_name_inside_a_cited_sentence_shows_in_its_own_colour(
    article: Article, brief: Brief
) -> None:
    end = article.text.index(".") + 1
    cited = Evidence(
        quote=article.text[:end], verified=True, start=0, end=end, match=MatchMethod.exact
    )
    stance = brief.stances[0].model_copy(update={"evidence": [cited]})
    start = article.text.index("Hassan Rouhani")
    name = Evidence(
        quote="Hassan Rouhani", verified=True, start=start, end=start + 14, match=MatchMethod.exact
    )
    actor = brief.actors[0].model_copy(update={"evidence": [name]})
    nested = brief.model_copy(
        update={"actors": [actor, *brief.actors[1:]], "stances": [stance, *brief.stances[1:]]}
    )

    page = render_html(nested, article.text)

    texts = highlighted_texts(page)
    assert "Hassan Rouhani" in texts.values()
    assert article.text[0 : stance.evidence[0].end or 0] in texts.values()
    (piece,) = [
        mark
        for mark in lxml.html.document_fromstring(page).iter("mark")
        if mark.text_content() == "Hassan Rouhani"
    ]
    assert "k-actors" in piece.classes
    assert "overlap" in piece.classes


def test_a_quote_that_opens_with_quotation_marks_is_not_marked_twice(settings: Settings) -> None:
    article = article_from_text(
        '"We will not allow the port to fall," army spokesman Ahmed Said told reporters on Monday.'
    )
    page = render_html(summarize(article, settings), article.text)

    quotes = lxml.html.document_fromstring(page).find_class("quote")
    shown = [quote.text_content() for quote in quotes]

    assert shown
    assert all(text.startswith('‘"We will not allow') for text in shown)


def test_each_item_is_shown_by_a_link_to_its_quote_and_its_quote_links_stay_reachable(
    article: Article, brief: Brief
) -> None:
    document = lxml.html.document_fromstring(render_html(brief, article.text))

    assert fake_buttons(document) == []
    assert nested_controls(document) == []
    assert show_controls_without_a_target(document) == []
    (item,) = document.xpath("//li[@id='actors-0']")
    names = [link.get("aria-label") or link.text_content() for link in item.iter("a")]
    assert names[0] == f"Actor: {brief.actors[0].name}: show in the article"
    assert len(names) == 1 + len(brief.actors[0].evidence)


def test_the_article_names_the_items_citing_each_quote_in_text_not_only_on_hover(
    article: Article, brief: Brief
) -> None:
    document = lxml.html.document_fromstring(render_html(brief, article.text))

    assert hover_only_names(document) == []
    assert hover_only_titles(document) == []
    article_pane = document.get_element_by_id("article")
    links = {link.text_content(): link.get("href") for link in article_pane.iter("a")}
    for index, actor in enumerate(brief.actors):
        assert links[f"Actor: {actor.name}"] == f"#actors-{index}"
    assert brief.threats
    assert "ICD 203" in document.get_element_by_id("field-threats").text_content()


def test_markup_in_an_article_stays_text(injected: tuple[Article, Brief]) -> None:
    article, brief = injected

    page = render_html(brief, article.text)

    document = lxml.html.document_fromstring(page)
    assert len(document.xpath("//script")) == 1
    assert document.xpath("//img") == []
    assert not any(element.get("onerror") for element in document.iter())
    assert '<script>document.title = "pwned"' in document.findtext(".//title")
    article_pane = document.get_element_by_id("article").text_content()
    assert '<img src="http://127.0.0.1:9/x.png"' in article_pane


def _source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def test_the_page_allows_only_its_own_inline_style_and_script(
    article: Article, brief: Brief
) -> None:
    document = lxml.html.document_fromstring(render_html(brief, article.text))

    (meta,) = document.xpath("//meta[@http-equiv='Content-Security-Policy']")
    policy = dict(directive.strip().split(" ", 1) for directive in meta.get("content").split(";"))
    (script,) = document.xpath("//script")
    (style,) = document.xpath("//style")
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == _source_hash(script.text)
    assert policy["style-src"] == _source_hash(style.text)
    assert policy["img-src"] == "data:"
    assert not document.xpath("//*[@src]")
    assert [link.get("href") for link in document.xpath("//link")] == ["data:,"]
    external = {a.get("href") for a in document.xpath("//a[@href]")} - {brief.source.url}
    assert all(href.startswith("#") for href in external)
    assert "url(" not in style.text
    assert "@import" not in style.text


def test_a_javascript_source_url_is_shown_but_not_linked(article: Article, brief: Brief) -> None:
    hostile = brief.model_copy(
        update={"source": brief.source.model_copy(update={"url": "javascript:alert(1)"})}
    )

    document = lxml.html.document_fromstring(render_html(hostile, article.text))

    assert not document.xpath("//a[starts-with(@href, 'javascript')]")
    assert "javascript:alert(1)" in document.get_element_by_id("brief").text_content()


def test_a_brief_of_another_text_highlights_nothing_and_says_why(
    article: Article, brief: Brief
) -> None:
    page = render_html(brief, article.text + "\n\nUpdated at 14:00.")

    assert highlighted_texts(page) == {}
    assert "not the text the brief was made of" in page


def test_a_notebook_shows_the_markdown_note_and_the_brief_without_the_article(
    article: Article, brief: Brief
) -> None:
    assert brief._repr_markdown_() == render_markdown(brief)

    fragment = brief._repr_html_()

    document = lxml.html.fragment_fromstring(fragment)
    shown = document.text_content()
    assert brief.actors[0].name in shown
    assert brief.stances[0].topic in shown
    assert document.xpath("//script | //mark") == []
    carried = " ".join(  # what the brief itself says, which may repeat the article's words
        [
            brief.bluf,
            brief.summary,
            *brief.key_points,
            *(e.quote for e in brief.all_evidence()),
            *(s.summary for s in brief.stances),
            *(t.description for t in brief.threats),
            *(u.claim for u in brief.uncertainties),
        ]
    )
    uncited = [line for line in article.text.split("\n") if line.strip() and line not in carried]
    assert uncited, "the example should have a paragraph the brief does not carry"
    assert all(line not in shown for line in uncited)


def test_brief_command_writes_the_html_page(tmp_path: Path, brief: Brief) -> None:
    out = tmp_path / "brief.html"

    code = main(
        [
            "brief",
            str(EXAMPLE_ARTICLE),
            "--engine",
            "extractive",
            "--format",
            "html",
            "-o",
            str(out),
        ]
    )

    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert len(highlighted_texts(page)) == len(verified_spans(brief))
    title = lxml.html.document_fromstring(page).findtext(".//title")
    assert title == f"Brief: {brief.source.title}"


# ---- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(
    tmp_path_factory: pytest.TempPathFactory,
    article: Article,
    brief: Brief,
    injected: tuple[Article, Brief],
) -> dict[str, Path]:
    """The example's page and the injected article's page."""
    folder = tmp_path_factory.mktemp("html")
    files = {"example": folder / "brief.html", "injected": folder / "injected.html"}
    files["example"].write_text(render_html(brief, article.text), encoding="utf-8")
    files["injected"].write_text(render_html(injected[1], injected[0].text), encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def browser(pages: dict[str, Path]) -> Iterator[Browser]:
    """Started after every page is rendered: while it runs, Playwright's sync API holds an
    event loop in this thread, and briefing (asyncio.run) cannot."""
    with chromium() as launched:
        yield launched


@pytest.mark.browser
def test_in_a_browser_each_verified_quote_is_highlighted_and_nothing_leaves_the_page(
    browser: Browser, pages: dict[str, Path], brief: Brief
) -> None:
    opened = visit(browser, pages["example"])

    keys = opened.page.evaluate(
        """() => new Set([...document.querySelectorAll("mark")]
            .flatMap(mark => mark.dataset.spans.split(" "))).size"""
    )
    assert keys == len(verified_spans(brief))
    assert opened.page.locator("#highlight-count").inner_text() == f"{keys} highlighted quotes"
    opened.screenshot("brief.png")
    assert opened.errors == []
    assert opened.outside_requests == []


def deepest_actor(brief: Brief) -> tuple[int, Actor]:
    """The actor whose first quote comes last in the article: out of sight until shown."""
    return max(enumerate(brief.actors), key=lambda pair: pair[1].evidence[0].start or 0)


def tab_to(page: Page, target: Locator, limit: int = 200) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user gets to it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{limit} presses of Tab never reached {target}")


@pytest.mark.browser
def test_clicking_an_actor_scrolls_its_quote_into_view_and_flashes_it(
    browser: Browser, pages: dict[str, Path], brief: Brief
) -> None:
    from playwright.sync_api import expect

    index, _ = deepest_actor(brief)
    opened = visit(browser, pages["example"], width=1000, height=450)
    item = opened.page.locator(f"#actors-{index}")
    span = (item.get_attribute("data-show") or "").split()[0]
    quote = opened.page.locator(f'mark[data-spans~="{span}"]').first
    expect(quote).not_to_be_in_viewport()

    item.click(position={"x": 12, "y": 12})

    expect(quote).to_have_class(re.compile(r"\bflash\b"))
    expect(quote).to_be_in_viewport()
    assert opened.errors == []


@pytest.mark.browser
def test_from_the_keyboard_an_item_shows_its_quote_and_the_quote_leads_back_to_the_item(
    browser: Browser, pages: dict[str, Path], brief: Brief
) -> None:
    from playwright.sync_api import expect

    index, last = deepest_actor(brief)
    opened = visit(browser, pages["example"], width=1000, height=450)
    page = opened.page
    show = page.get_by_role("link", name=f"Actor: {last.name}: show in the article")
    span = (show.get_attribute("href") or "#").removeprefix("#")
    quote = page.locator(f'mark[data-spans~="{span}"]').first
    cited_by = page.locator(f"#{span} + .cites")
    back = cited_by.get_by_role("link", name=f"Actor: {last.name}", exact=True)
    expect(quote).not_to_be_in_viewport()

    tab_to(page, show)
    page.keyboard.press("Enter")

    expect(quote).to_have_class(re.compile(r"\bflash\b"))
    expect(quote).to_be_in_viewport()
    expect(page.locator(f"#{span}")).to_be_focused()
    tab_to(page, back, limit=len(brief.actors))
    box = back.bounding_box()
    assert box is not None
    assert box["width"] > 20, "a focused citation is shown, not only read out"
    page.keyboard.press("Enter")
    expect(page.locator(f"#actors-{index}")).to_be_in_viewport()
    assert opened.errors == []


@pytest.mark.browser
def test_hovering_a_highlight_names_every_item_that_cites_it(
    browser: Browser, pages: dict[str, Path], article: Article, brief: Brief
) -> None:
    from playwright.sync_api import expect

    citing: dict[tuple[int, int], list[str]] = {}
    for actor in brief.actors:
        for evidence in actor.evidence:
            citing.setdefault((evidence.start or 0, evidence.end or 0), []).append(actor.name)
    (start, end), names = max(citing.items(), key=lambda pair: len(pair[1]))
    assert len(names) > 1
    opened = visit(browser, pages["example"])

    opened.page.locator("mark", has_text=article.text[start:end]).first.hover()

    tip = opened.page.locator("#tip")
    expect(tip).to_be_visible()
    for name in names:
        expect(tip).to_contain_text(f"Actor: {name}")
    expect(opened.page.locator(".item.cited")).to_have_count(len(tip.inner_text().splitlines()))


@pytest.mark.browser
def test_a_script_in_the_article_does_not_run(
    browser: Browser, pages: dict[str, Path], injected: tuple[Article, Brief]
) -> None:
    article, _ = injected

    opened = visit(browser, pages["injected"])

    assert opened.page.title() == f"Brief: {article.title}"
    assert opened.page.evaluate("window.pwned") is None
    assert '<script>document.title = "pwned"' in opened.page.locator("#article").inner_text()
    assert opened.outside_requests == []
    assert opened.errors == []
