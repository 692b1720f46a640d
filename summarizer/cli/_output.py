"""Writing command output: to stdout, or atomically to a file."""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer.errors import ConfigError, StdoutClosed
from summarizer.files import replace_atomically


def write_output(text: str, out: Path | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if out is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise StdoutClosed from None  # the reader left (``| head``); ``main`` ends quietly
        except OSError as error:
            raise ConfigError(
                f"cannot write to standard output ({error.strerror or error})"
            ) from error
        return
    write_atomically(out, text)


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all; a failure is a one-line error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, text)
    except OSError as error:
        raise ConfigError(f"{path}: cannot write ({error.strerror or error})") from error
