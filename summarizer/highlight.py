"""Highlighting quotes in a text: cited spans cut into segments that never overlap.

Quotes nest and overlap (an actor's name inside a stance's sentence, two quotes sharing a
clause, several items citing one sentence), but HTML elements cannot overlap. So the text is
split at every span boundary, and each segment carries every span, and so every item, that
covers it. Pure functions; the HTML renderers draw the segments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise


@dataclass(frozen=True)
class Citation:
    """An item (a brief's actor, a gold stance, ...) citing ``text[start:end]``.

    ``kind`` is what the span is coloured by: the item's field, or ``gold`` in eval reports.
    """

    item: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """One distinct highlighted stretch of text and the items that cite it."""

    key: str
    start: int
    end: int
    items: tuple[str, ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    """A stretch of text between two span boundaries.

    ``spans`` are the spans covering it, innermost (shortest) first, so a renderer colours
    a name inside a longer quote by the name's item; ``starts`` are the spans beginning here.
    """

    text: str
    spans: tuple[Span, ...] = ()
    starts: tuple[Span, ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(item for span in self.spans for item in span.items))

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(kind for span in self.spans for kind in span.kinds))

    @property
    def span_keys(self) -> str:
        return " ".join(span.key for span in self.spans)


@dataclass(frozen=True)
class AnnotatedText:
    segments: list[Segment]
    spans: list[Span]

    @cached_property
    def _keys(self) -> dict[tuple[int, int], str]:
        return {(span.start, span.end): span.key for span in self.spans}

    @cached_property
    def spans_of(self) -> dict[str, list[str]]:
        """Each citing item's span keys, in text order."""
        spans: dict[str, list[str]] = {}
        for span in self.spans:
            for item in span.items:
                spans.setdefault(item, []).append(span.key)
        return spans

    def key_of(self, start: int | None, end: int | None) -> str | None:
        """The span key for a citation's offsets, ``None`` when it was not placed."""
        if start is None or end is None:
            return None
        return self._keys.get((start, end))


def placeable(text: str, start: int | None, end: int | None) -> bool:
    """Whether offsets describe a non-empty stretch inside ``text``."""
    return start is not None and end is not None and 0 <= start < end <= len(text)


def collect_spans(citations: Iterable[Citation], *, prefix: str = "") -> list[Span]:
    """Distinct spans in text order, each with the items citing it (in citation order)."""
    items: dict[tuple[int, int], dict[str, None]] = {}
    kinds: dict[tuple[int, int], dict[str, None]] = {}
    for citation in citations:
        offsets = (citation.start, citation.end)
        items.setdefault(offsets, {})[citation.item] = None
        kinds.setdefault(offsets, {})[citation.kind] = None
    return [
        Span(f"{prefix}s{index}", start, end, tuple(items[start, end]), tuple(kinds[start, end]))
        for index, (start, end) in enumerate(sorted(items))
    ]


def segment_text(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Split ``text`` at every span boundary; the segments concatenate back to ``text``.

    A sweep over the sorted boundaries keeps the set of open spans, so the cost grows with
    the number of boundaries times the spans open at once, not with the text's length.
    """
    for span in spans:
        if not placeable(text, span.start, span.end):
            raise ValueError(f"span {span.key} ({span.start}, {span.end}) is outside the text")
    boundaries = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    opening: dict[int, list[Span]] = {}
    closing: dict[int, list[Span]] = {}
    for span in spans:
        opening.setdefault(span.start, []).append(span)
        closing.setdefault(span.end, []).append(span)
    open_spans: dict[str, Span] = {}
    segments = []
    for start, end in pairwise(boundaries):
        for span in closing.get(start, ()):
            open_spans.pop(span.key, None)
        starts = tuple(opening.get(start, ()))
        open_spans.update((span.key, span) for span in starts)
        covering = sorted(open_spans.values(), key=lambda s: (s.end - s.start, s.start, s.key))
        segments.append(Segment(text[start:end], tuple(covering), starts))
    return segments


def annotate(text: str, citations: Iterable[Citation], *, prefix: str = "") -> AnnotatedText:
    """The text cut into segments for the citations whose offsets lie inside it.

    Citations outside the text are left out; callers list those quotes apart.
    """
    placed = [c for c in citations if placeable(text, c.start, c.end)]
    spans = collect_spans(placed, prefix=prefix)
    return AnnotatedText(segment_text(text, spans), spans)
