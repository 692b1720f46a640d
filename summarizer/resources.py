"""Where the prompt templates and exported schemas live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent


def data_dir(name: str) -> Path:
    """The ``prompts`` or ``schemas`` folder.

    A wheel carries them inside the package (``summarizer/_data``); a checkout or editable
    install uses the top-level folders, which are the source of truth.
    """
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _CHECKOUT_DIR / name
