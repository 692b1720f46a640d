"""Folders of article files (.txt, .md, .html), read the way ``summarizer brief`` reads one."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs import HTML_SUFFIXES, read_article
from summarizer.sources.base import SourceItem, SourceProblem, SourceRead

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", *HTML_SUFFIXES}


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES


def read_folder(location: str) -> SourceRead:
    """Every article file under the folder, in path order; hidden files and folders are skipped.

    Each item's id is its path as reached from ``location``.
    """
    folder = Path(location)
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and is_article_file(path)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
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
