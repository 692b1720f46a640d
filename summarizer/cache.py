"""A disk cache of validated engine results, keyed on everything that changes the answer.

The key hashes the engine identity (engine, model, endpoint, mode, sampling options), the
rendered messages, the prompt version, the schema version and the response model's JSON
schema (so editing the schema invalidates old entries, as instructor's cache does). The API
key is never part of it. Values are JSON, never pickles, and a pickle found in the directory is
never loaded; an entry that no longer reads, parses or validates is a miss and is deleted. A
cache directory that cannot be written degrades to no caching with one warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import diskcache
from diskcache.core import MODE_PICKLE
from pydantic import BaseModel, ValidationError

from summarizer.brief import SCHEMA_VERSION, BriefDraft, Usage
from summarizer.engines.base import EngineResult
from summarizer.errors import ConfigError
from summarizer.prompts import Message

logger = logging.getLogger("summarizer.cache")

_STORAGE_ERRORS = (OSError, sqlite3.Error, diskcache.Timeout)
_CORRUPT_ENTRY_ERRORS = (ValidationError, ValueError, TypeError)
"""Reading an entry that is not one of ours: bad JSON or shape, a value file that is not
UTF-8 (``UnicodeDecodeError``), a pickle that ``_TextOnlyDisk`` refuses."""


class _TextOnlyDisk(diskcache.Disk):  # type: ignore[misc]
    """diskcache's storage without unpickling. summarizer stores only text, so a pickle in
    the cache directory was put there by something else, and loading it would run its code:
    such a value reads as corrupt, such a key as no key."""

    def fetch(self, mode: int, filename: str | None, value: object, read: bool) -> object:
        if mode == MODE_PICKLE:
            raise ValueError("a pickled value")
        return super().fetch(mode, filename, value, read)

    def get(self, key: object, raw: bool) -> object:
        return super().get(key, raw) if raw else None


@cache
def response_schema_hash() -> str:
    schema = json.dumps(BriefDraft.model_json_schema(), sort_keys=True)
    return hashlib.sha256(schema.encode()).hexdigest()[:16]


def cache_key(
    identity: dict[str, Any],
    messages: list[Message],
    *,
    prompt_version: str,
    response_schema: str | None = None,
) -> str:
    material = {
        "engine": identity,
        "messages": messages,
        "prompt_version": prompt_version,
        "schema_version": SCHEMA_VERSION,
        "response_schema": response_schema or response_schema_hash(),
    }
    encoded = json.dumps(material, sort_keys=True, ensure_ascii=False, default=str)
    return "brief:" + hashlib.sha256(encoded.encode()).hexdigest()


class _StoredResult(BaseModel):
    draft: BriefDraft
    usage: Usage
    latency_ms: float
    attempts: int


class _ExportedEntry(BaseModel):
    key: str
    value: _StoredResult


def _load(store: diskcache.Cache, key: str) -> _StoredResult | None:
    """The entry under ``key``, None when there is none; raises a corrupt-entry error when
    what is there is not a stored result."""
    raw = store.get(key)
    return None if raw is None else _StoredResult.model_validate_json(raw)


def _held(store: diskcache.Cache, key: str) -> object:
    """What the cache holds under ``key``, None for nothing or for what is not ours."""
    try:
        return store.get(key)
    except _CORRUPT_ENTRY_ERRORS:
        return None


@dataclass
class ImportCounts:
    added: int = 0
    already_cached: int = 0


@dataclass
class CacheStats:
    directory: str
    entries: int
    size_bytes: int
    enabled: bool


class BriefCache:
    """Engine results on disk. Safe to share between processes (diskcache uses SQLite)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._cache: diskcache.Cache | None = None
        self._disabled_reason: str | None = None

    @property
    def enabled(self) -> bool:
        return self._disabled_reason is None

    def _open(self) -> diskcache.Cache | None:
        if self._disabled_reason is not None:
            return None
        if self._cache is None:
            try:
                self._cache = self._new_store()
            except _STORAGE_ERRORS as error:
                self._disable(error)
                return None
        return self._cache

    def _new_store(self) -> diskcache.Cache:
        return diskcache.Cache(str(self.directory), timeout=10, disk=_TextOnlyDisk)

    def open_or_raise(self) -> None:
        """Open the cache now, raising ``ConfigError`` when it cannot be opened. For the
        ``cache`` commands, where an unusable cache read as an empty one would export an empty
        file, or import nothing, and report success."""
        if self._cache is not None:
            return
        try:
            self._cache = self._new_store()
        except _STORAGE_ERRORS as error:
            reason = str(error) or type(error).__name__
            raise ConfigError(
                f"cache at {self.directory} is unusable ({reason}); move it aside, or pass "
                "--cache-dir"
            ) from error

    def _disable(self, error: BaseException) -> None:
        self._disabled_reason = str(error) or type(error).__name__
        logger.warning(
            "cache at %s is unusable (%s); continuing without a cache",
            self.directory,
            self._disabled_reason,
        )

    def get(self, key: str) -> EngineResult | None:
        store = self._open()
        if store is None:
            return None
        try:
            stored = _load(store, key)
        except _STORAGE_ERRORS as error:
            self._disable(error)
            return None
        except _CORRUPT_ENTRY_ERRORS:
            logger.warning("discarding a corrupt cache entry %s", key[:20])
            self.delete(key)
            return None
        if stored is None:
            return None
        return EngineResult(
            draft=stored.draft,
            usage=stored.usage,
            latency_ms=stored.latency_ms,
            attempts=stored.attempts,
        )

    def set(self, key: str, result: EngineResult) -> None:
        store = self._open()
        if store is None:
            return
        value = _StoredResult(
            draft=result.draft,
            usage=result.usage,
            latency_ms=result.latency_ms,
            attempts=result.attempts,
        ).model_dump_json()
        try:
            store.set(key, value)
        except _STORAGE_ERRORS as error:
            self._disable(error)

    def delete(self, key: str) -> None:
        store = self._open()
        if store is None:
            return
        try:
            store.delete(key)
        except _STORAGE_ERRORS as error:
            self._disable(error)

    def clear(self) -> int:
        store = self._open()
        if store is None:
            return 0
        removed: int = store.clear()
        return removed

    def stats(self) -> CacheStats:
        store = self._open()
        if store is None:
            return CacheStats(str(self.directory), 0, 0, enabled=False)
        return CacheStats(str(self.directory), len(store), int(store.volume()), enabled=True)

    def export_entries(self) -> Iterator[str]:
        """Every valid entry as one JSON line ``{"key": ..., "value": ...}``."""
        store = self._open()
        if store is None:
            return
        for key in list(store.iterkeys()):
            if not isinstance(key, str):
                continue
            try:
                stored = _load(store, key)
            except _CORRUPT_ENTRY_ERRORS:
                continue
            if stored is None:
                continue
            yield json.dumps({"key": key, "value": stored.model_dump(mode="json")})

    def import_entries(self, lines: Iterable[str]) -> ImportCounts:
        """Add entries written by ``export_entries``: how many were added, and how many the
        cache already held (as on an import of the same file twice).

        Raises ``ValueError`` naming the line of the first entry that does not validate,
        before adding any: a file is imported whole or not at all.
        """
        records = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                records.append(_ExportedEntry.model_validate_json(line))
            except ValidationError as error:
                message = error.errors()[0]["msg"]
                raise ValueError(f"line {number}: not a cache entry ({message})") from None
        counts = ImportCounts()
        for record in records:
            store = self._open()
            if store is None:
                return counts
            value = record.value.model_dump_json()
            try:
                if _held(store, record.key) == value:
                    counts.already_cached += 1
                    continue
                store.set(record.key, value)
            except _STORAGE_ERRORS as error:
                self._disable(error)
                return counts
            counts.added += 1
        return counts

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None
