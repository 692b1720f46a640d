"""Cutting cited spans into segments: nothing lost, nothing doubled, every item kept."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.highlight import Citation, annotate

TEXT = "Rebels attacked the port on Monday, the ministry said."


def test_a_name_inside_a_longer_quote_is_coloured_by_the_name_and_names_both_items() -> None:
    name = (TEXT.index("Rebels"), TEXT.index("Rebels") + len("Rebels"))
    sentence = (0, len(TEXT))
    annotated = annotate(
        TEXT,
        [
            Citation("stance-0", "stances", *sentence),
            Citation("actor-0", "actors", *name),
        ],
    )

    first = annotated.segments[0]
    assert first.text == "Rebels"
    assert first.kinds == ("actors", "stances")
    assert set(first.items) == {"actor-0", "stance-0"}
    assert annotated.segments[1].items == ("stance-0",)
    assert len(annotated.spans) == 2


def test_partly_overlapping_quotes_share_only_their_common_words() -> None:
    left = (0, TEXT.index(" on Monday"))
    right = (TEXT.index("the port"), TEXT.index(","))
    annotated = annotate(TEXT, [Citation("a", "actors", *left), Citation("b", "threats", *right)])

    shared = [segment for segment in annotated.segments if len(segment.spans) == 2]
    assert [segment.text for segment in shared] == ["the port"]
    assert "".join(segment.text for segment in annotated.segments) == TEXT


def test_items_citing_the_same_words_share_one_highlight() -> None:
    annotated = annotate(TEXT, [Citation(f"actor-{i}", "actors", 0, 6) for i in range(3)])

    assert len(annotated.spans) == 1
    assert annotated.spans[0].items == ("actor-0", "actor-1", "actor-2")
    assert annotated.spans_of == {f"actor-{i}": ["s0"] for i in range(3)}


@pytest.mark.parametrize("offsets", [(-1, 4), (10, 10), (12, 5), (0, len(TEXT) + 1)])
def test_offsets_outside_the_text_are_left_out_not_drawn(offsets: tuple[int, int]) -> None:
    annotated = annotate(TEXT, [Citation("a", "actors", *offsets)])

    assert annotated.spans == []
    assert annotated.key_of(*offsets) is None
    assert [segment.text for segment in annotated.segments] == [TEXT]


spans = st.lists(
    st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))).filter(lambda s: s[0] < s[1]),
    max_size=12,
)


@given(spans)
def test_segments_rebuild_the_text_and_each_knows_exactly_the_spans_over_it(
    offsets: list[tuple[int, int]],
) -> None:
    annotated = annotate(
        TEXT,
        [Citation(f"item-{i}", "actors", start, end) for i, (start, end) in enumerate(offsets)],
    )

    assert "".join(segment.text for segment in annotated.segments) == TEXT
    boundaries = {0}
    for segment in annotated.segments:
        boundaries.add(max(boundaries) + len(segment.text))
    assert {offset for pair in offsets for offset in pair} <= boundaries
    position = 0
    for segment in annotated.segments:
        expected = {
            (span.start, span.end)
            for span in annotated.spans
            if span.start <= position and position + len(segment.text) <= span.end
        }
        assert {(span.start, span.end) for span in segment.spans} == expected
        lengths = [span.end - span.start for span in segment.spans]
        assert lengths == sorted(lengths)
        position += len(segment.text)
    assert len(annotated.spans) == len(set(offsets))
