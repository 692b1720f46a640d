"""Reading articles: text, Markdown, HTML, odd encodings, and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.inputs import Article, article_from_bytes, article_from_text, read_article

from .conftest import EXAMPLE_ARTICLE, ROOT
from .extractive_support import article as dev_article


def test_example_article_header_becomes_metadata() -> None:
    article = read_article(str(EXAMPLE_ARTICLE))

    assert article.title == "Iran's President Rouhani tells foreign powers to leave Persian Gulf"
    assert article.published == "2019-09-23"
    assert article.url
    assert article.url.startswith("https://en.wikinews.org/")
    assert article.text.startswith("Yesterday, President Hassan Rouhani")
    assert "Licence:" not in article.text


def test_first_line_that_only_looks_like_a_header_stays_in_the_text() -> None:
    article = article_from_bytes(b"Update: the minister resigned.\n\nMore follows.")

    assert article.text.startswith("Update: the minister resigned.")
    assert article.title is None


def test_latin1_text_is_decoded() -> None:
    text = (
        "Le président français a déclaré mardi que la sécurité des frontières était une "
        "priorité absolue. Selon des sources proches de l'Élysée, le ministre de l'Intérieur "
        "présentera un projet de loi à l'Assemblée nationale la semaine prochaine."
    )
    article = article_from_bytes(text.encode("latin-1"))

    assert "président" in article.text


def test_a_file_that_is_only_a_header_has_no_article_text() -> None:
    header = b"Title: X\nDate: 2020-01-01\nSource: https://x.org/a\n\n"

    with pytest.raises(InputError, match="has no article text"):
        article_from_bytes(header, origin="h.txt")


def test_english_with_a_few_windows_1252_quotes_is_not_read_as_chinese() -> None:
    """Article 03's file has three bytes above 127 in 3,500; charset-normalizer alone reads
    its Windows-1252 bytes as Big5."""
    (path,) = (ROOT / "evals" / "articles").glob("03-*.txt")
    in_windows_1252 = path.read_text(encoding="utf-8").encode("cp1252")

    assert article_from_bytes(in_windows_1252).text == dev_article("03").text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le ministre a déclaré à Genève que l'armée française était prête.", "latin-1"),
        ("The mayor said “no” to the plan in Zürich on Monday.", "cp1252"),
        (
            "Prezydent Polski powiedział, że rozmowy będą kontynuowane w przyszłym tygodniu.",
            "cp1250",
        ),
        ("Президент России заявил в понедельник, что переговоры продолжатся. " * 3, "cp1251"),
        (
            "北京市政府周一表示，新的交通规定将于下月生效。官员说，这项措施旨在减少拥堵。" * 2,
            "gb18030",
        ),
    ],
    ids=["short French", "short English", "Polish", "Russian", "Chinese"],
)
def test_short_texts_in_legacy_encodings_are_decoded(text: str, encoding: str) -> None:
    assert article_from_bytes(text.encode(encoding)).text == text.strip()


def test_a_lone_surrogate_from_a_json_escape_becomes_a_replacement_character() -> None:
    article = article_from_text(json.loads('"The minister said \\ud800 on Monday."'))

    assert article.text == "The minister said \ufffd on Monday."
    assert article.content_sha256


def test_an_html_fragment_is_read_as_the_article() -> None:
    html = (
        "<p>The Ministry of Defence said rebels attacked the northern port. "
        "Troops had been sent to protect it, a spokesman said.</p>"
    )

    body = article_from_bytes(html.encode(), origin="body.html", is_html=True).text

    assert body == (
        "The Ministry of Defence said rebels attacked the northern port. "
        "Troops had been sent to protect it, a spokesman said."
    )


def test_markdown_is_read_as_its_reader_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "port.md"
    path.write_text(
        "# Rebels attack northern port\n\n*By Staff Reporter*\n\n"
        "The [Ministry of Defence](https://mod.example) said on **Monday** that rebels "
        "attacked the port.\n\n## Reaction\n\n- The UN condemned the attack.\n"
    )

    article = read_article(str(path))

    assert article.title == "Rebels attack northern port"
    assert article.text == (
        "By Staff Reporter\n"
        "The Ministry of Defence said on Monday that rebels attacked the port.\n"
        "Reaction\n"
        "The UN condemned the attack."
    )


def test_a_markdown_files_header_title_wins_over_its_heading(tmp_path: Path) -> None:
    path = tmp_path / "port.md"
    path.write_text("Title: Port attack\n\n# Rebels attack port\n\nThe port was attacked.\n")

    article = read_article(str(path))

    assert (article.title, article.text) == (
        "Port attack",
        "Rebels attack port\nThe port was attacked.",
    )


def test_html_is_reduced_to_the_article_text() -> None:
    html = (
        "<html><head><title>Port attack</title><script>var x = 'tracking';</script></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Rebels attack port</h1>"
        + "".join(
            f"<p>Paragraph {i}: the Ministry of Defence said rebels attacked the northern port "
            "and that troops had been sent to protect it.</p>"
            for i in range(6)
        )
        + "</article><footer>Copyright</footer></body></html>"
    )
    article = article_from_bytes(html.encode(), origin="page.html", is_html=True)

    assert "Ministry of Defence" in article.text
    assert "tracking" not in article.text
    assert "<p>" not in article.text


def test_control_characters_are_dropped_and_line_endings_normalised() -> None:
    article = article_from_bytes(b"First line.\r\nSecond\x07 line.\x00")

    assert article.text == "First line.\nSecond line."


def test_an_article_made_in_python_drops_control_characters_too() -> None:
    """Its quotes must survive the brief dropping them from what the model writes."""
    article = Article(text="Rebels\x1b[2J seized\u202e the port.\x00")

    assert article.text == "Rebels[2J seized the port."


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"   \n\t ", "is empty"), (bytes(range(256)) * 40, "is not text")],
    ids=["empty", "blank", "binary"],
)
def test_unusable_input_is_a_clear_input_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)

    with pytest.raises(InputError, match=message):
        read_article(str(path))


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_article(str(tmp_path))


def test_oversized_input_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 2000)

    with pytest.raises(InputError, match="1,000-byte limit"):
        read_article(str(path), max_bytes=1000)
