"""Hostile and broken articles: each gives a brief, or one line naming the problem with exit
code 4; never a traceback, a hang, or memory past a bound.

Every CLI run here is a real process under a 2 GiB address-space limit (``cli_process``),
killed if it outlives its timeout.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.inputs import MAX_HTML_ELEMENTS, MAX_INPUT_BYTES, article_from_bytes, read_article
from summarizer.testing.fake_openai import FakeOpenAI

from .cli_process import CliRun, run_cli

NEWS = (
    "The Ministry of Defence said on Monday that rebels had attacked the northern port. "
    "Officials, speaking on condition of anonymity, said at least 20 people were killed."
)
PARAGRAPHS = "".join(f"<p>{NEWS} Paragraph {i}.</p>" for i in range(4))
BAD_INPUT = InputError.exit_code
RSS_BOUND = 1024**3
"""Most resident memory one run may reach, articles of up to 20 MB included."""
_UNSEEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters that must not reach a brief: controls other than tab and newline, and CR."""


def page(body: str) -> bytes:
    return f"<html><head><title>Port attack</title></head><body>{body}</body></html>".encode()


def assert_handled(run: CliRun) -> None:
    """A brief on stdout and nothing on stderr, or nothing on stdout and one error line."""
    assert not run.timed_out, "the CLI hung"
    assert "Traceback" not in run.stderr, run.stderr
    assert run.max_rss_bytes < RSS_BOUND, f"used {run.max_rss_bytes:,} bytes of memory"
    if run.exit_code == 0:
        assert json.loads(run.stdout)["bluf"]
        assert run.stderr == ""
        return
    assert run.exit_code == BAD_INPUT, run.stderr
    assert run.stdout == ""
    (line,) = run.stderr_lines
    assert line.startswith("summarizer: error: ")


def strings(value: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def brief_cli(path: Path, *options: str, timeout: float = 60.0) -> CliRun:
    return run_cli(["brief", str(path), "--format", "json", *options], timeout=timeout)


def extractive(path: Path) -> CliRun:
    return brief_cli(path, "--engine", "extractive")


def openai(path: Path, server: FakeOpenAI) -> CliRun:
    return brief_cli(
        path, "--engine", "openai", "--base-url", server.base_url, "--model", "fake-model",
        "--retry-time", "5", "--timeout", "10",
    )  # fmt: skip


LATIN_1_NEWS = "The café owners of Zürich told the Ministère on Monday that the façade fell. "

# name: (file name, content, exit code, words the error must contain)
Case = tuple[str, Callable[[], bytes], int | None, str | None]
CASES: dict[str, Case] = {
    "a few NUL bytes": ("nul.txt", lambda: NEWS.replace(" ", " \x00", 3).encode(), 0, None),
    "UTF-16 without a BOM, NUL every other byte": (
        "utf16.txt", lambda: NEWS.encode("utf-16-le"), BAD_INPUT, "is not text",
    ),
    "UTF-16 with a BOM": ("utf16-bom.txt", lambda: NEWS.encode("utf-16"), 0, None),
    "Latin-1, not UTF-8": (
        "latin1.txt",
        lambda: (LATIN_1_NEWS * 3).encode("latin-1"),
        0,
        None,
    ),
    "invalid UTF-8 in UTF-8": (
        "bad-utf8.txt", lambda: NEWS.encode() + b"\xff\xc0\xaf" * 3, 0, None,
    ),
    "three encodings in one file": (
        "mixed.txt",
        lambda: NEWS.encode() + "Москва заявила".encode("cp1251") + "東京都".encode("shift_jis"),
        0,
        None,
    ),
    "0 bytes": ("empty.txt", lambda: b"", BAD_INPUT, "is empty"),
    "only zero-width characters": (
        "invisible.txt", lambda: ("\u200b\u200c\u200d\u2060\ufeff" * 50).encode(), BAD_INPUT,
        "no article text",
    ),
    "right-to-left and zero-width characters": (
        "rtl.txt",
        lambda: (
            "\u202eThe\u200b ministry\u200d said\u2066 on Monday\u2069 that rebels attacked. "
            "\u05d4\u05de\u05e9\u05e8\u05d3 \u05d0\u05de\u05e8. \u0642\u0627\u0644\u062a "
            "\u0627\u0644\u0648\u0632\u0627\u0631\u0629.\ufeff " + NEWS
        ).encode(),
        0,
        None,
    ),
    "terminal escape sequences": (
        "escapes.txt", lambda: ("\x1b]0;owned\x07\x1b[2J\u009b31m" + NEWS).encode(), 0, None,
    ),
    "random bytes": (
        "random.txt", lambda: random.Random(7).randbytes(65_536), BAD_INPUT, "not text",
    ),
    "100,000 nested <div>s": (
        "nested.html", lambda: page("<div>" * 100_000 + PARAGRAPHS + "</div>" * 100_000),
        None, None,
    ),
    "a 15 MB attribute": (
        "attribute.html", lambda: page(f"<p title='{'A' * 15_000_000}'>x</p>{PARAGRAPHS}"),
        None, None,
    ),
    "30,000 entities": (
        "entities.html",
        lambda: page(PARAGRAPHS + "<p>" + "&amp;&lt;&#x41;&eacute;&#0;&bogus;" * 5_000 + "</p>"),
        None,
        None,
    ),
    "a billion laughs": (
        "laughs.html",
        lambda: (
            '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
            + "".join(
                f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
            )
            + "]>"
        ).encode()
        + page(PARAGRAPHS + "<p>&i;</p>"),
        None,
        None,
    ),
    "more elements than a news page has": (
        "elements.html", lambda: page("<p>x</p>" * (MAX_HTML_ELEMENTS + 1)), BAD_INPUT,
        f"more than {MAX_HTML_ELEMENTS:,} elements",
    ),
    "nothing but a comment": (
        "comment.html", lambda: page(f"<!-- {NEWS} -->"), BAD_INPUT, "no article text",
    ),
}  # fmt: skip


def write_case(directory: Path, case: Case) -> Path:
    name, content, _, _ = case
    path = directory / name
    path.write_bytes(content())
    return path


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_hostile_file_gives_a_brief_or_one_line_error(tmp_path: Path, case: Case) -> None:
    path = write_case(tmp_path, case)
    _, _, expected_code, message = case

    run = extractive(path)

    assert_handled(run)
    if expected_code is not None:
        assert run.exit_code == expected_code, run.stderr
    if message is not None:
        assert message in run.stderr
    if run.exit_code == 0:
        assert not any(_UNSEEN.search(text) for text in strings(json.loads(run.stdout)))


@pytest.mark.parametrize(
    "name",
    ["a few NUL bytes", "three encodings in one file", "right-to-left and zero-width characters",
     "terminal escape sequences", "30,000 entities"],
)  # fmt: skip
def test_hostile_text_reaches_the_model_as_read_and_its_quotes_ground(
    tmp_path: Path, fake_openai: FakeOpenAI, name: str
) -> None:
    path = write_case(tmp_path, CASES[name])

    run = openai(path, fake_openai)

    assert_handled(run)
    assert run.exit_code == 0
    (request,) = fake_openai.requests
    assert request.article_text == read_article(str(path)).text
    brief = json.loads(run.stdout)
    assert brief["grounding_rate"] == 1.0


def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50_000_000)

    run = extractive(huge)
    unread = extractive(tmp_path / "missing.txt")

    assert_handled(run)
    assert run.exit_code == BAD_INPUT
    assert f"50,000,000 bytes, larger than the {MAX_INPUT_BYTES:,}-byte limit" in run.stderr
    assert run.max_rss_bytes - unread.max_rss_bytes < MAX_INPUT_BYTES // 2, "the file was read"


def test_stdin_longer_than_the_limit_is_refused_after_reading_one_byte_more(
    tmp_path: Path,
) -> None:
    source = tmp_path / "stream"
    source.write_bytes(b"word " * (MAX_INPUT_BYTES // 5 + 1))

    run = run_cli(["brief", "-", "--engine", "extractive"], stdin=source)

    assert_handled(run)
    assert run.exit_code == BAD_INPUT
    assert f"<stdin>: larger than the {MAX_INPUT_BYTES:,}-byte limit" in run.stderr


@pytest.mark.slow
def test_a_2_mb_line_without_newlines_is_briefed(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("word " * 400_000)

    run = brief_cli(path, "--engine", "extractive", timeout=240)

    assert_handled(run)
    assert run.exit_code == 0


_PIECES = [
    NEWS.encode(), b"\x00", b"\r\n", b"\r", b"\n\n", b"\t", b"\x1b[2J", "\u009b".encode(),
    "\u202e".encode(), "\u200b\u200d".encode(), "\ufeff".encode(), b"\xef\xbb\xbf", b"\xff\xfe",
    "\u05e9\u05dc\u05d5\u05dd".encode(), "\u0645\u0631\u062d\u0628\u0627".encode(),
    "Москва".encode("cp1251"), "東京".encode("shift_jis"), NEWS.encode("utf-16"),
    b"<div>", b"</div>", b"<p>", b"<!-- a comment -->", b"&amp;", b"&#0;", b"&#x110000;",
    b"Title: x\n", b"{{ 7 * 7 }}", b"{% raw %}",
]  # fmt: skip
hostile_bytes = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.binary(max_size=40),
        st.text(max_size=40).map(str.encode),
    ),
    max_size=30,
).map(b"".join)


@given(data=hostile_bytes, is_html=st.sampled_from([None, False, True]))
@settings(max_examples=300, deadline=None)
def test_any_bytes_become_clean_text_or_an_input_error(data: bytes, is_html: bool | None) -> None:
    try:
        article = article_from_bytes(data, origin="fuzz", is_html=is_html)
    except InputError:
        return
    assert article.text == article.text.strip()
    assert not _UNSEEN.search(article.text)
    assert re.search(r"[^\W_]", article.text)


_HTML_PIECES = [
    NEWS, "&amp;", "&#0;", "&bogus;", "<br>", "<img alt='alt text'>", "<!-- COMMENT-MARKER -->",
    "<!-- unclosed", "</div>",
]  # fmt: skip
_TAGS = ["div", "p", "span", "article", "table", "ul", "li", "b", "script", "style", "noscript"]
html_bodies = st.recursive(
    st.one_of(
        st.text(max_size=30).map(html.escape),
        st.sampled_from(_HTML_PIECES),
    ),
    lambda children: st.builds(
        lambda tag, attributes, kids: f"<{tag}{attributes}>{''.join(kids)}</{tag}>",
        st.sampled_from(_TAGS),
        st.sampled_from(["", " class='story'", ' title="{{ 7 * 7 }}"', " hidden"]),
        st.lists(children, max_size=5),
    ),
    max_leaves=30,
)


@given(body=html_bodies)
@settings(max_examples=150, deadline=None)
def test_html_gives_text_without_its_comments_or_an_input_error(body: str) -> None:
    try:
        article = article_from_bytes(page(body), origin="fuzz.html", is_html=True)
    except InputError:
        return
    assert "COMMENT-MARKER" not in article.text
    assert not _UNSEEN.search(article.text)


@given(data=hostile_bytes, suffix=st.sampled_from([".txt", ".html", ".md"]))
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_cli_gives_a_brief_or_one_line_error_for_any_file(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)

    assert_handled(extractive(path))
