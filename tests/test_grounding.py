"""Grounding: every quote located in the source, with offsets, or marked unverified."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.brief import Brief, BriefDraft, MatchMethod, Provenance, Source
from summarizer.grounding import QuoteLocator, ground_draft

SOURCE = (
    "Yesterday, President Hassan Rouhani of Iran said if the goal is peace and security, then "
    "foreign powers should \u201cget out of the region\u201d as their presence could cause an "
    "arms race.\n\nThe attack was claimed by the Houthi movement in Yemen \u2014 but both Saudi "
    "Arabia and the United States have alleged Iranian involvement."
)


def test_exact_quote_is_verified_with_offsets() -> None:
    quote = "foreign powers should \u201cget out of the region\u201d"
    evidence = QuoteLocator(SOURCE).locate(quote)

    assert evidence.verified
    assert evidence.match is MatchMethod.exact
    assert SOURCE[evidence.start : evidence.end] == quote


def test_respaced_quote_with_straight_quotes_and_hyphen_is_verified() -> None:
    quote = "claimed by the Houthi   movement in Yemen - but both Saudi\nArabia"
    evidence = QuoteLocator(SOURCE).locate(quote)

    assert evidence.verified
    assert evidence.match is MatchMethod.normalized
    located = SOURCE[evidence.start : evidence.end]
    assert located.startswith("claimed by the Houthi movement")
    assert located.endswith("Saudi Arabia")


def test_slightly_misquoted_sentence_matches_fuzzily() -> None:
    quote = "both Saudi Arabia and the United States alleged Iranian involvement"
    evidence = QuoteLocator(SOURCE).locate(quote)

    assert evidence.verified
    assert evidence.match is MatchMethod.fuzzy
    assert evidence.score >= 90
    assert "United States" in SOURCE[evidence.start : evidence.end]


CASUALTIES = "Police said the gunmen had not entered the building, and that 12 people were hurt."


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        (SOURCE, "both Saudi Arabia and the United States have not alleged Iranian involvement"),
        (SOURCE, "both Saudi Arabia and the United States haven't alleged Iranian involvement"),
        (CASUALTIES, "Police said the gunmen had entered the building, and that 12 people"),
        (CASUALTIES, "the gunmen had not entered the building, and that 21 people were hurt"),
        (CASUALTIES, "the gunmen had not entered the building, and that people were hurt."),
    ],
    ids=["negation added", "contraction added", "negation dropped", "number changed",
         "number dropped"],
)  # fmt: skip
def test_a_near_verbatim_quote_that_changes_the_claim_is_not_verified(
    source: str, quote: str
) -> None:
    """Each scores 90 or more against the passage: the fuzzy score alone would verify it."""
    evidence = QuoteLocator(source).locate(quote)

    assert not evidence.verified
    assert evidence.score >= 90
    assert evidence.start is None


def test_a_near_verbatim_quote_that_spells_out_a_contraction_is_verified() -> None:
    evidence = QuoteLocator(CASUALTIES).locate("the gunmen hadn't entered the building, and that")

    assert evidence.verified
    assert evidence.match is MatchMethod.fuzzy
    assert "had not entered" in CASUALTIES[evidence.start : evidence.end]


def test_invented_quote_is_not_verified() -> None:
    evidence = QuoteLocator(SOURCE).locate("Iran announced it will close the Strait of Hormuz")

    assert not evidence.verified
    assert evidence.start is None
    assert evidence.match is MatchMethod.none


def test_short_quote_must_match_exactly() -> None:
    assert not QuoteLocator(SOURCE).locate("Iraq said").verified
    assert QuoteLocator(SOURCE).locate("Iran said").verified


def test_raising_the_threshold_rejects_a_near_miss() -> None:
    quote = "both Saudi Arabia and the United States alleged Iranian involvement"
    assert not QuoteLocator(SOURCE, fuzzy_threshold=99.5).locate(quote).verified


@given(st.data())
def test_any_substring_of_the_source_is_found_exactly_where_it_is(data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(SOURCE) - 1))
    end = data.draw(st.integers(start + 1, len(SOURCE)))
    quote = SOURCE[start:end]
    evidence = QuoteLocator(SOURCE).locate(quote)
    if quote.strip():
        assert evidence.verified
        assert SOURCE[evidence.start : evidence.end] == quote.strip()


def _draft(stance_quote: str, actor_quote: str) -> BriefDraft:
    return BriefDraft.model_validate(
        {
            "bluf": "Rouhani told foreign powers to leave.",
            "summary": "Rouhani spoke.",
            "key_points": [],
            "actors": [
                {"name": "Hassan Rouhani", "kind": "person", "aliases": ["Rouhani"],
                 "evidence": [actor_quote]},
            ],
            "stances": [
                {"actor": "Rouhani", "topic": "foreign forces", "position": "opposes",
                 "summary": "Wants them out.", "evidence": [stance_quote]},
            ],
            "threats": [],
            "uncertainties": [],
        }
    )  # fmt: skip


def _ground(draft: BriefDraft, drop: bool) -> Brief:
    source = Source(content_sha256="0" * 64, characters=len(SOURCE))
    provenance = Provenance(engine="test", prompt_version="test")
    return ground_draft(draft, SOURCE, source=source, provenance=provenance, drop_unverified=drop)


def test_grounding_rate_counts_verified_quotes() -> None:
    brief = _ground(_draft("a quote nobody ever wrote down", "President Hassan Rouhani"), False)

    assert brief.grounding_rate == 0.5
    assert len(brief.stances) == 1


def test_drop_unverified_removes_items_and_what_depends_on_them() -> None:
    kept = _ground(_draft("a quote nobody ever wrote down", "President Hassan Rouhani"), True)
    assert kept.stances == []
    assert kept.grounding_rate == 1.0

    orphaned = _ground(_draft("foreign powers should", "an actor quote that is invented"), True)
    assert orphaned.actors == []
    assert orphaned.stances == [], "a stance whose actor was dropped goes too"
