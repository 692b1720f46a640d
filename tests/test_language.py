"""The article's language: told in the brief, and a warning when the engine cannot read it."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from summarizer.inputs import article_from_text
from summarizer.pipeline import summarize
from summarizer.render import render_markdown
from summarizer.render_html import render_html
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI

from .cli_process import run_cli
from .conftest import EXAMPLE_ARTICLE, openai_settings

FRENCH = (
    "Le gouvernement a annoncé lundi que les rebelles avaient attaqué le port de la ville. "
    "Le ministre de la Défense a condamné cette attaque et a promis une réponse ferme."
)
WARNING = "appears to be in French (fr), and the offline extractive engine reads English only"


def test_a_french_article_is_briefed_with_a_warning_that_the_offline_engine_reads_english(
    tmp_path: Path,
) -> None:
    article = article_from_text(FRENCH)
    brief = summarize(article, Settings(engine="extractive", cache_dir=tmp_path))

    assert brief.source.language == "fr"
    assert WARNING in render_markdown(brief)
    banners = lxml.html.document_fromstring(render_html(brief, article.text)).find_class("banner")
    assert any(WARNING in banner.text_content() for banner in banners)


def test_an_english_article_has_its_language_and_no_warning(tmp_path: Path) -> None:
    article = article_from_text(EXAMPLE_ARTICLE.read_text(encoding="utf-8"))
    brief = summarize(article, Settings(engine="extractive", cache_dir=tmp_path))

    assert brief.source.language == "en"
    assert "reads English only" not in render_markdown(brief)


def test_too_little_text_has_no_language(tmp_path: Path) -> None:
    brief = summarize("Merkel said.", Settings(engine="extractive", cache_dir=tmp_path))

    assert brief.source.language is None


def test_an_llm_brief_of_a_french_article_has_no_warning(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    brief = summarize(article_from_text(FRENCH), openai_settings(fake_openai, tmp_path))

    assert brief.source.language == "fr"
    assert "reads English only" not in render_markdown(brief)


def test_the_brief_command_warns_on_stderr(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(FRENCH, encoding="utf-8")

    run = run_cli(["brief", str(article), "--engine", "extractive", "--no-cache"])

    assert run.exit_code == 0
    assert f"warning: the article {WARNING}" in run.stderr


def test_the_html_page_marks_a_french_articles_text_and_quotes_as_french(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    """On an English page, a screen reader reads French words with English sounds unless
    the article and its quotes say which language they are in (WCAG 3.1.2)."""
    article = article_from_text(FRENCH)
    brief = summarize(article, openai_settings(fake_openai, tmp_path))
    page = lxml.html.document_fromstring(render_html(brief, article.text))
    quotes = page.find_class("quote")

    assert page.get("lang") == "en"
    assert [text.get("lang") for text in page.find_class("text")] == ["fr"]
    assert quotes
    assert {quote.get("lang") for quote in quotes} == {"fr"}
    assert all(warning.get("lang") is None for warning in page.find_class("warn"))
