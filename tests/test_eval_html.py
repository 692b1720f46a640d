"""``report.html`` and ``compare.html``: the eval as a person reads it in a browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from statistics import mean
from typing import TYPE_CHECKING

import lxml.html
import pytest

from summarizer import Brief, Settings, summarize
from summarizer.cli import main
from summarizer.eval.dataset import Sample, load_suite
from summarizer.eval.oracle import oracle_brief
from summarizer.eval.reports.chart import Bar, BarGroup, bar_chart
from summarizer.eval.reports.html import html_report
from summarizer.eval.results import DocumentResult, EvalReport
from summarizer.settings import EngineChoice

from .browser import chromium, visit
from .eval_support import IDS, ROUHANI, copy_suite
from .html_support import (
    fake_buttons,
    hover_only_names,
    hover_only_titles,
    nested_controls,
    show_controls_without_a_target,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("eval-html")


@pytest.fixture(scope="module")
def suite(workspace: Path) -> Path:
    """Three real gold files (two dev, one test) with their articles and a manifest."""
    return copy_suite(workspace)


@pytest.fixture(scope="module")
def samples(suite: Path) -> dict[str, Sample]:
    return {sample.id: sample for sample in load_suite(suite).samples}


def write_predictions(directory: Path, briefs: dict[str, str]) -> Path:
    directory.mkdir()
    for key, text in briefs.items():
        (directory / f"{key}.json").write_text(text, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def runs(workspace: Path, suite: Path, samples: dict[str, Sample]) -> Path:
    """Two eval runs, the extractive engine's briefs and perfect ones, and their comparisons
    in both directions."""
    settings = Settings(engine=EngineChoice.extractive, cache_dir=workspace / "cache")
    extractive = write_predictions(
        workspace / "extractive-briefs",
        {key: summarize(s.article, settings).model_dump_json() for key, s in samples.items()},
    )
    perfect = write_predictions(
        workspace / "perfect-briefs",
        {key: oracle_brief(s.gold, s.article).model_dump_json() for key, s in samples.items()},
    )
    for name, predictions in (("extractive", extractive), ("perfect", perfect)):
        arguments = ["--suite", suite, "--predictions", predictions, "--out", workspace / name]
        assert main(["eval", *map(str, arguments)]) in (0, 1)
    for before, after in (("perfect", "extractive"), ("extractive", "perfect")):
        arguments = [
            "--compare", workspace / before / "report.json", workspace / after / "report.json",
            "--format", "html", "--out", workspace / f"{before}-to-{after}",
        ]  # fmt: skip
        assert main(["eval", *map(str, arguments)]) == 0
    return workspace


def page(path: Path) -> HtmlElement:
    return lxml.html.document_fromstring(path.read_text(encoding="utf-8"))


def report(path: Path) -> EvalReport:
    return EvalReport.model_validate_json((path / "report.json").read_text(encoding="utf-8"))


def mean_f1(document: DocumentResult) -> float:
    return mean([score.f1 for score in document.fields.values() if score.tp + score.fp + score.fn])


def test_an_eval_run_writes_report_html_beside_the_other_reports(runs: Path) -> None:
    out = runs / "extractive"

    assert {path.name for path in out.iterdir()} >= {
        "report.json", "junit.xml", "report.md", "report.html",
    }  # fmt: skip
    document = page(out / "report.html")
    assert [svg.get("aria-label") for svg in document.xpath("//svg")] == [
        "dev split: per-field scores",
        "test split: per-field scores",
    ]
    headings = [h.text_content() for h in document.xpath("//section[@class='doc']/h2")]
    assert sorted(heading.split()[0] for heading in headings) == sorted(IDS)


def test_the_chart_draws_each_score_as_a_bar_of_its_length() -> None:
    svg = bar_chart(
        "scores <b>",
        [BarGroup("actors", (Bar("f1", 0.5), Bar("recall", 1.0), Bar("precision", None)))],
    )

    document = lxml.html.fragment_fromstring(str(svg))
    widths = {
        rect.get("class"): float(rect.get("width")) for rect in document.xpath("//rect[title]")
    }
    assert widths["bar-recall"] == pytest.approx(2 * widths["bar-f1"])
    assert "bar-precision" not in widths
    assert "—" in document.text_content()
    assert document.get("aria-label") == "scores <b>"
    assert document.xpath("//b") == []


def test_documents_are_listed_worst_first(runs: Path) -> None:
    out = runs / "extractive"
    scored = report(out)

    rows = page(out / "report.html").xpath("//table[@id='document-table']/tbody/tr")

    shown = [row.xpath("td[@class='doc']/a")[0].text_content() for row in rows]
    by_id = {document.id: document for document in scored.documents}
    assert shown == sorted(by_id, key=lambda key: mean_f1(by_id[key]))
    values = [float(row.xpath("td[contains(@class, 'mean-f1')]")[0].text_content()) for row in rows]
    assert values == sorted(values)


def test_each_document_highlights_the_briefs_quotes_and_the_gold_quotes_in_its_article(
    runs: Path, samples: dict[str, Sample]
) -> None:
    sample = samples[ROUHANI]
    brief = Brief.model_validate_json(
        (runs / "extractive-briefs" / f"{ROUHANI}.json").read_text(encoding="utf-8")
    )
    text = sample.article.text
    predicted = {
        text[e.start : e.end]
        for e in brief.all_evidence()
        if e.verified and e.start is not None and e.end is not None
    }
    gold = {quote for items in sample.gold.items().values() for i in items for quote in i.support}

    document = page(runs / "extractive" / "report.html")

    (section,) = [
        s for s in document.xpath("//section[@class='doc']") if ROUHANI in s.findtext("h2")
    ]
    texts: dict[str, str] = {}
    for mark in section.iter("mark"):
        for key in mark.get("data-spans").split():
            texts[key] = texts.get(key, "") + mark.text_content()
    assert set(texts.values()) == predicted | gold
    underlined = "".join(m.text_content() for m in section.iter("mark") if "gold" in m.classes)
    assert all(quote in underlined for quote in gold)


def test_missed_and_spurious_items_sit_side_by_side(runs: Path) -> None:
    out = runs / "extractive"
    scores = {document.id: document for document in report(out).documents}
    document, field = next(
        (doc, name)
        for doc in scores.values()
        for name, score in doc.fields.items()
        if score.missed and score.spurious
    )
    score = scores[document.id].fields[field]

    (section,) = [
        s for s in page(out / "report.html").xpath("//section[@class='doc']")
        if document.id in s.findtext("h2")
    ]  # fmt: skip
    (table,) = [t for t in section.xpath(".//h3") if t.text_content() == field]
    rows = table.getnext().xpath("tbody/tr")
    columns = [[row.xpath("td")[i].text_content() for row in rows] for i in range(3)]
    assert [cell for cell in columns[1] if cell] == score.missed
    assert [cell for cell in columns[2] if cell] == score.spurious


def test_the_loss_table_counts_each_missed_item_once_where_it_was_lost(runs: Path) -> None:
    out = runs / "extractive"
    splits = report(out).splits

    (table,) = page(out / "report.html").xpath("//table[@class='losses']")
    rows = [[cell.text_content() for cell in row.xpath("td")] for row in table.xpath("tbody/tr")]

    assert rows
    for field, split, missed, not_quoted, checks, taken in rows:
        metrics = splits[split].fields[field]
        assert int(missed) == metrics.fn
        lost_at_checks = sum(int(entry.split()[-1]) for entry in checks.split(", "))
        assert int(not_quoted) + lost_at_checks + int(taken) == metrics.fn


def test_each_missed_item_says_where_it_was_lost(runs: Path) -> None:
    out = runs / "extractive"
    document, field, score = next(
        (doc, name, score)
        for doc in report(out).documents
        for name, score in doc.fields.items()
        if score.losses.get("quote") and len(score.missed) > score.losses["quote"]
    )

    (section,) = [
        s for s in page(out / "report.html").xpath("//section[@class='doc']")
        if document.id in s.findtext("h2")
    ]  # fmt: skip
    (heading,) = [h for h in section.xpath(".//h3") if h.text_content() == field]
    cells = [row.xpath("td")[1].text_content() for row in heading.getnext().xpath("tbody/tr")]
    missed = [cell for cell in cells if cell]

    assert len(missed) == len(score.missed)
    assert all(cell.startswith(label) for cell, label in zip(missed, score.missed, strict=True))
    assert sum(cell.endswith("(not quoted)") for cell in missed) == score.losses["quote"]
    assert all(cell.endswith(("(not quoted)", "(taken)")) or "(lost at " in cell for cell in missed)


def test_each_entry_is_a_link_to_its_quote_and_each_quote_names_its_items_in_text(
    runs: Path,
) -> None:
    document = page(runs / "extractive" / "report.html")

    assert document.xpath("//*[@data-show]")
    assert fake_buttons(document) == []
    assert nested_controls(document) == []
    assert show_controls_without_a_target(document) == []
    assert document.xpath("//mark")
    assert hover_only_names(document) == []
    assert hover_only_titles(document) == []


def test_a_report_without_the_articles_still_shows_every_score(runs: Path) -> None:
    scored = report(runs / "extractive")

    document = lxml.html.document_fromstring(html_report(scored))

    assert document.xpath("//mark") == []
    assert len(document.xpath("//table[@id='document-table']/tbody/tr")) == len(IDS)


def _changes(path: Path) -> dict[str, str]:
    document = page(path / "compare.html")
    (row,) = [
        r for r in document.xpath("//section[@id='split-dev']//table[@class='fields']/tbody/tr")
        if r.findtext("td") == "actors"
    ]  # fmt: skip
    cells = row.xpath("td")
    return {
        "f1": cells[9].text_content(),
        "documents": document.get_element_by_id("verdict").text_content(),
    }


def test_compare_html_marks_regressions_one_way_and_improvements_the_other(runs: Path) -> None:
    worse = _changes(runs / "perfect-to-extractive")
    better = _changes(runs / "extractive-to-perfect")

    assert worse["f1"].startswith("-")
    assert "▼" in worse["f1"]
    assert better["f1"].startswith("+")
    assert "▲" in better["f1"]
    assert re.search(r"0 document scores improved.*[1-9]\d* regressed", worse["documents"])
    assert not (runs / "perfect-to-extractive" / "compare.md").exists()


def test_compare_lists_regressed_documents_first(runs: Path) -> None:
    rows = page(runs / "extractive-to-perfect" / "compare.html").xpath(
        "//table[@id='document-changes']/tbody/tr"
    )

    verdicts = [row.get("class") for row in rows]
    assert verdicts == sorted(verdicts, key=["regressed", "improved", "same"].index)
    assert "improved" in verdicts


def test_format_html_without_compare_is_a_usage_error(
    suite: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--suite", str(suite), "--format", "html"]) == 2
    assert "--format applies to --compare" in capsys.readouterr().err


# ---- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(runs: Path) -> Iterator[Browser]:
    """Started after the runs: while it runs, Playwright's sync API holds an event loop in
    this thread, and briefing (asyncio.run) cannot."""
    with chromium() as launched:
        yield launched


@pytest.mark.browser
def test_the_eval_report_opens_with_its_charts_and_asks_for_nothing_outside(
    browser: Browser, runs: Path
) -> None:
    from playwright.sync_api import expect

    opened = visit(browser, runs / "extractive" / "report.html")

    expect(opened.page.locator("svg.chart")).to_have_count(2)
    expect(opened.page.locator("svg.chart").first).to_be_visible()
    opened.screenshot("eval-report.png")
    assert opened.errors == []
    assert opened.outside_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("by", ["mouse", "keyboard"])
def test_choosing_a_gold_or_predicted_item_by_mouse_or_keyboard_scrolls_to_its_quote(
    browser: Browser, runs: Path, by: str
) -> None:
    from playwright.sync_api import expect

    opened = visit(browser, runs / "extractive" / "report.html", width=1280, height=500)
    # The entry whose quote sits deepest in its article: out of sight until clicked.
    index, span = opened.page.evaluate(
        """() => [...document.querySelectorAll(".entry[data-show]")]
            .map((entry, index) => [index, entry.dataset.show.split(" ")[0]])
            .map(([index, key]) => [index, key,
                 document.querySelector(`mark[data-spans~="${key}"]`).offsetTop])
            .sort((a, b) => b[2] - a[2])[0].slice(0, 2)"""
    )
    entry = opened.page.locator(".entry[data-show]").nth(index)
    quote = opened.page.locator(f'mark[data-spans~="{span}"]').first
    entry.scroll_into_view_if_needed()
    expect(quote).not_to_be_in_viewport()

    if by == "mouse":
        entry.click()
    else:
        entry.focus()
        opened.page.keyboard.press("Enter")

    expect(quote).to_have_class(re.compile(r"\bflash\b"))
    expect(quote).to_be_in_viewport()
    assert opened.errors == []


@pytest.mark.browser
def test_the_comparison_opens_with_regressions_marked(browser: Browser, runs: Path) -> None:
    from playwright.sync_api import expect

    opened = visit(browser, runs / "perfect-to-extractive" / "compare.html")

    expect(opened.page.locator("tr.regressed").first).to_be_visible()
    opened.screenshot("eval-compare.png")
    assert opened.errors == []
    assert opened.outside_requests == []
