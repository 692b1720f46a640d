"""The batch's output folder, written as items finish so an interrupted run keeps its work.

* ``briefs.jsonl``: ``{"id", "brief"}`` a line. Lines go out whole, in one ``write`` on an
  append-only file followed by fsync, before their items count as done, so a line is whole or
  absent; a tail torn by a crash mid-write (power loss) is cut off when the folder is reopened.
  Lines that finish while an fsync is running share the next write and fsync (group commit:
  an fsync takes milliseconds, and one per line would cap a batch at a few hundred briefs a
  second). A later line for the same id (its text changed) supersedes earlier ones.
* ``errors.jsonl``: ``{"id", "stage", "reason"}`` a line, for this run's failures only.
* ``digest.json``, ``digest.md`` and ``digest.html``: replaced atomically (temporary file,
  fsync, rename).

One run at a time may write a folder: a second run on the same ``--out`` stops at once rather
than interleave its lines and digest with the first. The lock (``.summarizer.lock``, an
``flock``) goes with the process, so a run that was killed does not block the next.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import BaseModel, ValidationError

from summarizer.batch.records import BatchError
from summarizer.brief import Brief
from summarizer.errors import ConfigError
from summarizer.files import replace_atomically

logger = logging.getLogger("summarizer.batch")

BRIEFS = "briefs.jsonl"
ERRORS = "errors.jsonl"
DIGEST_JSON = "digest.json"
DIGEST_MARKDOWN = "digest.md"
DIGEST_HTML = "digest.html"
LOCK = ".summarizer.lock"


class BriefLine(BaseModel):
    id: str
    brief: Brief


def brief_line(item_id: str, brief: Brief) -> bytes:
    return b'{"id":%s,"brief":%s}\n' % (
        json.dumps(item_id).encode(),
        brief.model_dump_json().encode(),
    )


def error_line(error: BatchError) -> bytes:
    return (error.model_dump_json() + "\n").encode()


def append_lines(descriptor: int, lines: bytes) -> None:
    """Append whole lines and fsync: one ``write`` call, repeated only if the OS writes less."""
    view = memoryview(lines)
    while view:
        view = view[os.write(descriptor, view) :]
    os.fsync(descriptor)


def read_briefs(path: Path) -> dict[str, Brief]:
    """Briefs already written, by id (the last line for an id wins); bad lines are skipped."""
    briefs: dict[str, Brief] = {}
    skipped = 0
    if not path.exists():
        return briefs
    with path.open("rb") as lines:
        for raw in lines:
            try:
                line = BriefLine.model_validate_json(raw)
            except ValidationError:
                skipped += 1
                continue
            briefs[line.id] = line.brief
    if skipped:
        logger.warning("%s: %d lines that are not briefs were ignored; redoing them", path, skipped)
    return briefs


def cut_torn_tail(path: Path) -> None:
    """Drop a last line that has no newline: it was being written when the run died."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb+") as file:
        data = file.read()
        if data.endswith(b"\n"):
            return
        keep = data.rfind(b"\n") + 1
        file.truncate(keep)
    logger.warning("%s: dropped an incomplete last line left by an interrupted run", path)


class BatchWriter:
    """The output folder of one run. Writes are serialised, so threads may share it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self._folder_lock = _lock_folder(directory)
        except OSError as error:
            raise _cannot_write(directory, error) from error
        try:
            cut_torn_tail(directory / BRIEFS)
            self.previous = read_briefs(directory / BRIEFS)
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
            self._briefs = os.open(directory / BRIEFS, flags, 0o644)
            self._errors = os.open(directory / ERRORS, flags | os.O_TRUNC, 0o644)
        except OSError as error:
            self._folder_lock.release()
            raise _cannot_write(directory, error) from error

    def append_briefs(self, lines: bytes) -> None:
        with self._lock:
            append_lines(self._briefs, lines)

    def append_errors(self, lines: bytes) -> None:
        with self._lock:
            append_lines(self._errors, lines)

    def write_digest(self, digest_json: str, digest_markdown: str, digest_html: str) -> None:
        with self._lock:
            replace_atomically(self.directory / DIGEST_JSON, digest_json)
            replace_atomically(self.directory / DIGEST_MARKDOWN, digest_markdown)
            replace_atomically(self.directory / DIGEST_HTML, digest_html)

    def close(self) -> None:
        os.close(self._briefs)
        os.close(self._errors)
        self._folder_lock.release()


def _cannot_write(directory: Path, error: OSError) -> ConfigError:
    return ConfigError(
        f"{directory}: cannot write the batch output here ({error.strerror or error})"
    )


def _lock_folder(directory: Path) -> FileLock:
    lock = FileLock(directory / LOCK, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise ConfigError(
            f"{directory}: another summarizer batch is writing to this folder; wait for it to "
            "finish or give this one another --out"
        ) from None
    return lock


class GroupCommit:
    """Appends lines through ``write`` in a worker thread, many at a time.

    ``append`` returns once its line is on disk. ``on_written`` runs then even if the caller
    was cancelled meanwhile, so what is on disk is always what is counted.
    """

    def __init__(self, write: Callable[[bytes], None]) -> None:
        self._write = write
        self._pending: list[tuple[bytes, Callable[[], None], asyncio.Future[None]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def append(self, line: bytes, on_written: Callable[[], None]) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((line, on_written, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush())
        await future

    async def drain(self) -> None:
        """Wait until every line appended so far is written (or has failed)."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.shield(self._flusher)

    async def _flush(self) -> None:
        while self._pending:
            group, self._pending = self._pending, []
            try:
                await asyncio.to_thread(self._write, b"".join(line for line, _, _ in group))
            except OSError as error:
                for _, _, future in group:
                    if not future.done():
                        future.set_exception(error)
                continue
            for _, on_written, future in group:
                on_written()
                if not future.done():
                    future.set_result(None)
