"""Turning the command line's inputs into batch items, with an error per unreadable input."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from summarizer.batch.records import BatchError, BatchItem
from summarizer.engines.retry import one_line
from summarizer.errors import InputError
from summarizer.sources import read_source
from summarizer.sources.fetch import display_location

logger = logging.getLogger("summarizer.batch")


def load_items(inputs: Sequence[str]) -> tuple[list[BatchItem], list[BatchError]]:
    """Read every input (feed, OPML, JSONL, folder or article file; path or http(s) URL).

    An input or entry that cannot be read is one ``input`` error; the others are still read.
    An input that holds no article (a feed with no entries today, an empty folder) is a
    warning, not an error: a job that watches a quiet feed must not fail.
    """
    items: list[BatchItem] = []
    errors: list[BatchError] = []
    for location in inputs:
        try:
            read = read_source(location)
        except InputError as error:
            errors.append(input_error(display_location(location), str(error)))
            continue
        if not read.items and not read.problems:
            looked_for = f" (looked for {read.looked_for})" if read.looked_for else ""
            logger.warning("no articles in %s%s", display_location(location), looked_for)
        items.extend(read.items)
        errors.extend(input_error(problem.id, problem.reason) for problem in read.problems)
    return items, errors


def input_error(item_id: str, reason: str) -> BatchError:
    """The error, without the id its message starts with (the id is a field of its own)."""
    reason = one_line(reason.removeprefix(f"{item_id}: "))
    return BatchError(id=item_id, stage="input", reason=reason)
