"""A stand-in ``llama_cpp`` package put first on a subprocess's import path: what happens
when llama-cpp-python is broken, or when the model must not be loaded at all."""

from __future__ import annotations

from pathlib import Path


def fake_llama_cpp(packages: Path, source: str) -> Path:
    """``packages``, holding a ``llama_cpp`` package whose ``__init__.py`` is ``source``."""
    (packages / "llama_cpp").mkdir(parents=True)
    (packages / "llama_cpp" / "__init__.py").write_text(source)
    return packages


def refusing_to_load(raise_statement: str) -> str:
    """``llama_cpp`` source whose ``Llama(...)`` runs ``raise_statement``."""
    return f"class Llama:\n    def __init__(self, *args, **kwargs):\n        {raise_statement}\n"
