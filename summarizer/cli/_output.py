"""Writing command output: to stdout, or atomically to a file."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from summarizer.errors import ConfigError


def write_output(text: str, out: Path | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomically(out, text)


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_current_umask())  # mkstemp makes files owner-only
        os.replace(temporary, path)
    except OSError as error:
        raise ConfigError(f"{path}: cannot write ({error.strerror or error})") from error


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
