"""Folders of article files (.txt, .md, .html), read the way ``summarizer brief`` reads one."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs import HTML_SUFFIXES, read_article
from summarizer.sources.base import SourceItem, SourceProblem, SourceRead

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", *HTML_SUFFIXES}
BATCH_OUTPUT_MARK = "briefs.jsonl"
"""The file every batch output folder holds (``summarizer.batch.output.BRIEFS``)."""


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES


def read_folder(location: str) -> SourceRead:
    """Every article file under the folder, in path order; hidden files and folders are
    skipped, and so is what a batch wrote (a folder holding briefs.jsonl: its digest.md is
    no article, and ``batch notes/ --out notes/run1`` must not brief it on the next run).

    Each item's id is its path as reached from ``location``.
    """
    folder = Path(location)
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and is_article_file(path)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and not (path.parent / BATCH_OUTPUT_MARK).exists()
    )
    if not files:
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(f"{location}: no article files ({suffixes}) in this folder")
    read = SourceRead()
    for path in files:
        read.extend(read_file(path.as_posix()))
    return read


def read_file(location: str) -> SourceRead:
    try:
        return SourceRead(items=[SourceItem(location, read_article(location))])
    except InputError as error:
        return SourceRead(problems=[SourceProblem(location, str(error))])
