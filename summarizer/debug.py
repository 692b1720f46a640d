"""Failure reports: what the model last said and why it was rejected, for the user to read."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from summarizer.errors import ConfigError, OutputValidationError
from summarizer.inputs import Article


def prepare_debug_dir(directory: Path) -> None:
    """Make sure failure reports can go to ``directory`` before any model call is paid for."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".probe-"):
            pass
    except OSError as problem:
        reason = problem.strerror or problem
        raise ConfigError(f"--debug-dir {directory}: cannot write there ({reason})") from None


def write_failure_report(directory: Path, article: Article, error: OutputValidationError) -> Path:
    """Write the last raw output and validation errors as JSON; returns the file written."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"failed-brief-{article.content_sha256[:12]}-{stamp}.json"
    report = {
        "article": article.origin,
        "content_sha256": article.content_sha256,
        "message": str(error),
        "attempts": error.attempts,
        "usage": error.usage,
        "validation_errors": error.validation_errors,
        "last_raw_output": error.raw_output,
    }
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    except OSError as problem:
        raise ConfigError(f"{directory}: cannot write the debug report ({problem})") from problem
    return target
