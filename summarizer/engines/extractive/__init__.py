"""The extractive engine: a brief from the article's own sentences, by rules.

The flow, one module a step: ``sentences`` (splitting and tokens; every quote is one of
these sentences), ``mentions`` (capitalised names taken apart), ``actors`` (mentions grouped
into actors, the ones that act kept), ``speakers`` and ``agents`` (who says and who does),
``stances``, ``threats``, ``uncertainties``, and ``lead`` (BLUF, summary, key points);
``extract`` runs them in order and ``engine`` wraps it in the ``Engine`` protocol. All word
lists and cue patterns are data in ``rules``; place names come from ``gazetteer``; shallow
syntax helpers live in ``syntax``, stance topics and the article's lead event in ``topics``,
and field limits in ``fields``.
"""

from __future__ import annotations

from summarizer.engines.extractive.engine import ExtractiveEngine
from summarizer.engines.extractive.extract import extract_brief

__all__ = ["ExtractiveEngine", "extract_brief"]
