"""What a reader gives back: the articles it read, each with a stable id, and what it could not."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.inputs import Article


@dataclass(frozen=True)
class SourceItem:
    """One article and the id that names it across runs (feed guid or link, JSONL id, file path)."""

    id: str
    article: Article


@dataclass(frozen=True)
class SourceProblem:
    """An entry, line or file that could not be read; the rest of its input still is."""

    id: str
    reason: str


@dataclass
class SourceRead:
    items: list[SourceItem] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    looked_for: str = ""
    """What the reader took as articles, said when it found none (a folder's file types)."""

    def extend(self, other: SourceRead) -> None:
        self.items.extend(other.items)
        self.problems.extend(other.problems)
