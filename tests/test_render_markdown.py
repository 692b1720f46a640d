"""The Markdown briefing note: article text reads as written and never becomes markup.

Each note is parsed with a CommonMark parser (markdown-it-py, with tables), so the tests see
what a reader's viewer would make of it, not the characters alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from summarizer.inputs import article_from_text
from summarizer.pipeline import summarize
from summarizer.render import render_markdown
from summarizer.settings import Settings
from summarizer.testing.fake_openai import FakeOpenAI, Reply, valid_brief_arguments

HOSTILE = """\
# URGENT: Rebels attacked the port on Monday, the army said.

1999. That was the year the Liberation Front was founded, a spokesman said.

The [Liberation Front](https://evil.example/phish) said it would attack the port again. \
![img](http://tracker.example/x.png) The *army* said _at least_ 20 people were killed.
> The United Nations condemned the attack.
- The port is closed.
"""


def parse(note: str) -> list[Token]:
    tokens = MarkdownIt("commonmark").enable("table").parse(note)
    return [*tokens, *(child for token in tokens for child in token.children or [])]


def shown(token: Token) -> str:
    """What a viewer shows of an inline token: its text, escapes undone."""
    return "".join(child.content for child in token.children or [] if child.type == "text")


def headings(tokens: list[Token]) -> list[str]:
    return [shown(tokens[i + 1]) for i, token in enumerate(tokens) if token.type == "heading_open"]


def note_of(tmp_path: Path, text: str, **metadata: str) -> str:
    article = article_from_text(text, **metadata)
    return render_markdown(summarize(article, Settings(engine="extractive", cache_dir=tmp_path)))


def test_article_text_never_becomes_a_link_image_heading_list_or_quote(tmp_path: Path) -> None:
    note = note_of(tmp_path, HOSTILE, title="Rebels seize [port](javascript:alert(2))\n# Owned")

    tokens = parse(note)

    kinds = {token.type for token in tokens}
    assert not kinds & {"link_open", "image", "blockquote_open", "ordered_list_open", "em_open"}
    assert headings(tokens) == [
        "Brief: Rebels seize [port](javascript:alert(2)) # Owned",
        "Summary", "Key points", "Actors", "Stances", "Threats", "Uncertainties",
    ]  # fmt: skip
    text = "".join(token.content for token in tokens if token.type == "text")
    assert "# URGENT: Rebels attacked the port" in text
    assert "1999. That was the year" in text
    assert "The [Liberation Front](https://evil.example/phish) said" in text


def test_the_source_url_is_linked_exactly_as_written(tmp_path: Path) -> None:
    url = "https://news.example/story?id=7&lang=en"
    note = note_of(tmp_path, "The army said the port was closed.", url=url)

    links = [token.attrs["href"] for token in parse(note) if token.type == "link_open"]

    assert links == [url]


def test_a_source_url_that_is_not_http_is_shown_and_not_linked(tmp_path: Path) -> None:
    note = note_of(tmp_path, "The army said the port was closed.", url="javascript:alert(3)")

    tokens = parse(note)

    assert not [token for token in tokens if token.type == "link_open"]
    assert "Source: javascript:alert(3)" in "".join(token.content for token in tokens)


def test_a_brief_without_quotes_does_not_claim_full_grounding(tmp_path: Path) -> None:
    note = note_of(tmp_path, "Il pleuvait sur la ville hier soir et les rues étaient vides.")

    assert "Evidence: no quotes to verify." in note
    assert "100%" not in note
    assert note.endswith(".\n")


SPOKEN = (
    '"We will not allow the port to fall," army spokesman Ahmed Said told reporters on Monday. '
    "The Liberation Front said it would attack the port again."
)


def test_a_quote_that_opens_with_quotation_marks_is_not_marked_twice(tmp_path: Path) -> None:
    note = note_of(tmp_path, SPOKEN)

    assert '‘"We will not allow the port to fall," army spokesman Ahmed Said' in note
    assert "“The Liberation Front said it would attack the port again.”" in note
    assert '“"' not in note


def test_escape_sequences_in_model_output_and_a_title_never_reach_the_terminal(
    fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    article = article_from_text(
        "The army said the port was closed on Monday.",
        title="Port \x1b]0;owned\x07closed\u202e",
    )
    arguments = valid_brief_arguments(article.text)
    arguments["bluf"] = "The port \x1b]8;;http://evil.example/\x07closed\x1b]8;;\x07.\x1b[2J"
    arguments["actors"][0]["name"] = arguments["stances"][0]["actor"] = "Army\x9b31m\r"
    fake_openai.script(Reply.brief(arguments))
    settings = Settings(engine="openai", base_url=fake_openai.base_url, cache_dir=tmp_path)

    note = render_markdown(summarize(article, settings))

    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]", note)
    assert note.startswith("# Brief: Port \\]0;ownedclosed\n")
    assert "**Bottom line:** The port \\]8;;http://evil.example/closed\\]8;;.\\[2J\n" in note
    assert "| Army31m | organization |" in note
