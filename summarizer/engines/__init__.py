"""Engines: one protocol (``Engine``), chosen by ``--engine``."""

from __future__ import annotations

from summarizer.engines.base import Engine, EngineRequest, EngineResult
from summarizer.settings import EngineChoice, Settings

__all__ = ["Engine", "EngineRequest", "EngineResult", "make_engine"]


def make_engine(settings: Settings) -> Engine:
    """The engine the settings ask for; ``auto`` picks openai when an endpoint or key is set."""
    choice = settings.resolved_engine
    if choice is EngineChoice.openai:
        from summarizer.engines.openai_compat import OpenAIEngine

        return OpenAIEngine(settings)
    if choice is EngineChoice.local:
        from summarizer.engines.local import LocalEngine

        return LocalEngine(settings)
    from summarizer.engines.extractive import ExtractiveEngine

    return ExtractiveEngine()
