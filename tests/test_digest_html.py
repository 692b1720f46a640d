"""``digest.html``: a batch's digest as a page, every article linked to its brief page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import pytest

from summarizer import Article, Brief, Settings, read_article, summarize
from summarizer.batch.digest import Digest, build_digest
from summarizer.batch.records import BatchError, Duplicate
from summarizer.render_digest import render_digest_html
from summarizer.render_html import render_html
from summarizer.settings import EngineChoice

from .browser import chromium, visit
from .conftest import EXAMPLE_ARTICLE
from .html_support import fake_buttons, hover_only_titles, nested_controls

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
OTHER_ARTICLE = (
    ROOT / "evals" / "articles" / "36-us-president-trump-announces-troop-withdrawal-from-syria.txt"
)


@pytest.fixture(scope="module")
def briefed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Article, Brief]]:
    settings = Settings(engine=EngineChoice.extractive, cache_dir=tmp_path_factory.mktemp("cache"))
    articles = {
        "rouhani": read_article(str(EXAMPLE_ARTICLE)),
        "syria": read_article(str(OTHER_ARTICLE)),
    }
    return {key: (article, summarize(article, settings)) for key, article in articles.items()}


@pytest.fixture(scope="module")
def digest(briefed: dict[str, tuple[Article, Brief]]) -> Digest:
    return build_digest(
        [(key, brief) for key, (_, brief) in briefed.items()],
        duplicates=[
            Duplicate(id="rouhani-copy", duplicate_of="rouhani", kind="exact", similarity=1.0)
        ],
        errors=[BatchError(id="<script>alert(1)</script>", stage="input", reason="is empty")],
    )


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory,
    briefed: dict[str, tuple[Article, Brief]],
    digest: Digest,
) -> Path:
    """digest.html with a brief page per article under briefs/."""
    folder = tmp_path_factory.mktemp("batch")
    (folder / "briefs").mkdir()
    pages = {}
    for key, (article, brief) in briefed.items():
        (folder / "briefs" / f"{key}.html").write_text(render_html(brief, article.text), "utf-8")
        pages[key] = f"briefs/{key}.html"
    (folder / "digest.html").write_text(render_digest_html(digest, pages), encoding="utf-8")
    return folder


def test_every_article_links_to_its_brief_page(site: Path, digest: Digest) -> None:
    document = lxml.html.document_fromstring((site / "digest.html").read_text(encoding="utf-8"))

    links = document.xpath("//section[@id='articles']//a[@class='brief-link']")
    assert [link.get("href") for link in links] == ["briefs/rouhani.html", "briefs/syria.html"]
    assert [link.text_content() for link in links] == [ref.title for ref in digest.articles]
    assert all((site / link.get("href")).is_file() for link in links)


def test_the_digest_shows_threats_uncertainties_duplicates_and_failures(
    site: Path, digest: Digest
) -> None:
    document = lxml.html.document_fromstring((site / "digest.html").read_text(encoding="utf-8"))

    shown = document.text_content()
    assert all(threat.description in shown for threat in digest.top_threats)
    assert all(item.claim in shown for item in digest.uncertainties)
    assert "rouhani-copy" in document.get_element_by_id("duplicates").text_content()
    assert "<script>alert(1)</script>" in document.get_element_by_id("errors").text_content()
    assert len(document.xpath("//script")) == 1


def test_the_digest_has_no_control_inside_another_and_nothing_said_only_on_hover(
    site: Path,
) -> None:
    document = lxml.html.document_fromstring((site / "digest.html").read_text(encoding="utf-8"))

    assert fake_buttons(document) == []
    assert nested_controls(document) == []
    assert hover_only_titles(document) == []


def test_an_article_without_a_page_or_with_a_hostile_link_is_not_linked(digest: Digest) -> None:
    page = render_digest_html(digest, {"rouhani": "javascript:alert(1)"})

    document = lxml.html.document_fromstring(page)
    assert document.xpath("//a[@class='brief-link']") == []
    assert not document.xpath("//a[starts-with(@href, 'javascript')]")


@pytest.fixture(scope="module")
def browser(site: Path) -> Iterator[Browser]:
    """Started after the pages are written: while it runs, Playwright's sync API holds an
    event loop in this thread, and briefing (asyncio.run) cannot."""
    with chromium() as launched:
        yield launched


@pytest.mark.browser
def test_following_an_article_link_opens_its_brief_page(
    browser: Browser, site: Path, digest: Digest
) -> None:
    opened = visit(browser, site / "digest.html")
    opened.screenshot("digest.png")
    assert opened.errors == []
    assert opened.outside_requests == []

    title = digest.articles[0].title
    opened.page.locator("#articles").get_by_role("link", name=title).click()

    opened.page.wait_for_url("**/briefs/rouhani.html")
    assert opened.page.title() == f"Brief: {title}"
    assert opened.errors == []
