"""Folders of article files (.txt, .md, .html), read the way ``summarizer brief`` reads one."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import InputError
from summarizer.inputs import HTML_SUFFIXES, read_article
from summarizer.sources.base import SourceItem, SourceProblem, SourceRead

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", *HTML_SUFFIXES}
FOLDER_NOTES = frozenset(
    {"readme", "sources", "license", "licence", "copying", "notice", "attribution", "authors",
     "changelog", "contributing"}
)  # fmt: skip
"""Names (without suffix, any case) of a folder's notes about itself, not articles: the
``SOURCES.md`` and ``LICENSE.txt`` beside a set of articles are not briefed."""
BATCH_OUTPUT_MARK = "briefs.jsonl"
"""The file every batch output folder holds (``summarizer.batch.output.BRIEFS``)."""


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES


def read_folder(location: str) -> SourceRead:
    """Every article file under the folder, in path order (none: an empty read, which a
    batch warns of, as it does of a feed with no entries); hidden files and folders are
    skipped, so are the folder's notes about itself (``FOLDER_NOTES``), and so is what a
    batch wrote (a folder holding briefs.jsonl: its digest.md is
    no article, and ``batch notes/ --out notes/run1`` must not brief it on the next run).

    Each item's id is its path as reached from ``location``.
    """
    folder = Path(location)
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and is_article_file(path)
        and path.stem.lower() not in FOLDER_NOTES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and not (path.parent / BATCH_OUTPUT_MARK).exists()
    )
    read = SourceRead(looked_for=", ".join(sorted(ARTICLE_SUFFIXES)) + " files")
    for path in files:
        read.extend(read_file(path.as_posix()))
    return read


def read_file(location: str) -> SourceRead:
    try:
        return SourceRead(items=[SourceItem(location, read_article(location))])
    except InputError as error:
        return SourceRead(problems=[SourceProblem(location, str(error))])
