"""Time a big brief page in headless Chromium against plain text of the same size.

    python benchmarks/bench_html.py [--words 50000] [--highlights 500] [--runs 5]

The article is made of seeded random words; the brief cites it 500 times (sentences, and
names inside them, so spans overlap). Each page is opened from disk and timed until its
first frame after load, then its text is scrolled top to bottom one frame per step. The
figures are ratios to a page holding the same text, escaped, with no highlights and no
script: how much the highlights and the script cost, on any machine.

Needs Debian's chromium at /usr/bin/chromium and the playwright package (no browser
download: Playwright drives the system binary).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from summarizer.brief import (
    Actor,
    ActorKind,
    Brief,
    Confidence,
    Evidence,
    Likelihood,
    MatchMethod,
    Position,
    Provenance,
    Source,
    Stance,
    Threat,
    Uncertainty,
    UncertaintyReason,
)
from summarizer.render_html import render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAX_RATIO = 3.0
"""Above this, the page is slow enough for a reader to notice next to plain text."""

FIRST_FRAME = """() => new Promise(done =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))))"""
SCROLL = """async selector => {
    const box = selector ? document.querySelector(selector) : document.scrollingElement;
    const frame = () => new Promise(done => requestAnimationFrame(done));
    const steps = 40, stride = (box.scrollHeight - box.clientHeight) / steps;
    const started = performance.now();
    let longest = 0;
    for (let step = 1; step <= steps; step++) {
        const before = performance.now();
        box.scrollTop = step * stride;
        await frame();
        longest = Math.max(longest, performance.now() - before);
    }
    return [performance.now() - started, longest];
}"""


def article_text(words: int, rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    """Paragraphs of sentences of random words, and each sentence's offsets."""
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
        for _ in range(3000)
    ]
    text, sentences, count = "", [], 0
    while count < words:
        paragraph = []
        for _ in range(rng.randint(3, 7)):
            length = rng.randint(8, 25)
            sentence = " ".join(rng.choice(vocabulary) for _ in range(length))
            paragraph.append(sentence.capitalize() + ".")
            count += length
        for index, sentence in enumerate(paragraph):
            start = len(text) + sum(len(s) + 1 for s in paragraph[:index])
            sentences.append((start, start + len(sentence)))
        text += " ".join(paragraph) + "\n\n"
    return text.rstrip(), sentences


def evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(
        quote=text[start:end], verified=True, start=start, end=end, match=MatchMethod.exact
    )


def big_brief(text: str, sentences: list[tuple[int, int]], highlights: int, seed: int) -> Brief:
    """A brief citing ``highlights`` distinct spans: a fifth are names inside sentences."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(sentences)), highlights - highlights // 5))
    cited = [sentences[index] for index in chosen]
    names = [(start, start + text[start:end].index(" ")) for start, end in cited[::4]]
    names = names[: highlights // 5]
    actors = [
        Actor(name=f"Actor {i}", kind=ActorKind.person, evidence=[evidence(text, *span)])
        for i, span in enumerate(names)
    ]
    groups = [cited[i : i + 2] for i in range(0, len(cited), 2)]
    stances, threats, uncertainties = [], [], []
    for i, group in enumerate(groups):
        quotes = [evidence(text, *span) for span in group]
        actor = actors[i % len(actors)].name
        if i % 3 == 0:
            stances.append(
                Stance(
                    actor=actor,
                    topic=f"topic {i}",
                    position=Position.opposes,
                    summary=f"stance {i}",
                    evidence=quotes,
                )
            )
        elif i % 3 == 1:
            threats.append(
                Threat(
                    source=actor,
                    target=f"target {i}",
                    description=f"threat {i}",
                    kind="attack",
                    likelihood=Likelihood.likely,
                    evidence=quotes,
                )
            )
        else:
            uncertainties.append(
                Uncertainty(
                    claim=f"claim {i}",
                    reason=UncertaintyReason.unconfirmed,
                    confidence=Confidence.low,
                    evidence=quotes,
                )
            )
    return Brief(
        bluf="A benchmark brief.",
        summary="A brief with many highlights.",
        actors=actors,
        stances=stances,
        threats=threats,
        uncertainties=uncertainties,
        grounding_rate=1.0,
        source=Source(
            title="Benchmark article",
            content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            characters=len(text),
        ),
        provenance=Provenance(engine="benchmark", prompt_version="benchmark"),
    )


def plain_page(text: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>plain</title>'
        '<link rel="icon" href="data:,"></head>'
        f'<body><div id="article">{html.escape(text)}</div></body></html>'
    )


def measure(page: Page, url: str, scroller: str | None) -> tuple[float, float, float]:
    """Milliseconds to the first frame after load, to scroll through, and the longest frame."""
    page.goto(url, wait_until="load")
    loaded = page.evaluate(FIRST_FRAME)
    scrolled, longest = page.evaluate(SCROLL, scroller)
    return loaded, scrolled, longest


def median_run(browser: Any, url: str, scroller: str | None, runs: int) -> list[float]:
    results = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        results.append(measure(page, url, scroller))
        page.close()
    return [statistics.median(values) for values in zip(*results, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--highlights", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()

    text, sentences = article_text(arguments.words, random.Random(20261126))
    brief = big_brief(text, sentences, arguments.highlights, seed=7)
    started = time.perf_counter()
    page = render_html(brief, text)
    render_ms = (time.perf_counter() - started) * 1000
    marks = page.count("<mark ")

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        brief_file, plain_file = Path(folder) / "brief.html", Path(folder) / "plain.html"
        brief_file.write_text(page, encoding="utf-8")
        plain_file.write_text(plain_page(text), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            plain = median_run(browser, plain_file.as_uri(), None, arguments.runs)
            highlighted = median_run(browser, brief_file.as_uri(), "#article", arguments.runs)
        finally:
            browser.close()

    load_ratio, scroll_ratio = highlighted[0] / plain[0], highlighted[1] / plain[1]
    print(
        f"{len(text.split()):,} words, {arguments.highlights} highlights in {marks:,} pieces; "
        f"page {len(page) / 1e6:.1f} MB, rendered in {render_ms:.0f} ms"
    )
    print(
        f"load to first frame: {highlighted[0]:.0f} ms vs {plain[0]:.0f} ms plain "
        f"(ratio {load_ratio:.2f})"
    )
    print(
        f"scroll through, 40 frames: {highlighted[1]:.0f} ms vs {plain[1]:.0f} ms plain "
        f"(ratio {scroll_ratio:.2f}); longest frame {highlighted[2]:.0f} ms vs {plain[2]:.0f} ms"
    )
    verdict = "ok" if max(load_ratio, scroll_ratio) <= MAX_RATIO else "SLOW"
    print(f"{verdict}: target ratio <= {MAX_RATIO:g}")


if __name__ == "__main__":
    main()
