"""Writing files so that a reader sees the old content or the new, never half of either."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

_NEW_FILE_MODE = 0o644
"""New outputs are reports, readable by all; an existing file keeps its own mode."""


def replace_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, and rename it over ``path``.

    A symbolic link stays a link and its target gets the text; an existing file keeps its
    permissions; what is not a regular file (``/dev/null``, ``/dev/stdout``, a pipe) is written
    through, since renaming over it would replace the device or pipe with a file.
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    else:
        if not stat.S_ISREG(status.st_mode):
            # opened by the name given: /dev/stdout resolves to "pipe:[…]", which is no path
            with path.open("w", encoding="utf-8") as stream:
                stream.write(text)
            return
        mode = stat.S_IMODE(status.st_mode)
    target = Path(os.path.realpath(path))
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
