"""summarizer: typed, evidence-grounded briefs of news articles.

>>> from summarizer import summarize
>>> brief = summarize("The Ministry of Defence said on Monday that rebels attacked the port.")
>>> brief.provenance.engine
'extractive'
"""

from summarizer.brief import Brief, BriefDraft, Evidence
from summarizer.errors import (
    AuthError,
    CacheMissError,
    ConfigError,
    EndpointError,
    InputError,
    OutputValidationError,
    RetriesExhausted,
    SummarizerError,
)
from summarizer.inputs import Article, read_article
from summarizer.pipeline import Summarizer, summarize
from summarizer.settings import Settings

__all__ = [
    "Article",
    "AuthError",
    "Brief",
    "BriefDraft",
    "CacheMissError",
    "ConfigError",
    "EndpointError",
    "Evidence",
    "InputError",
    "OutputValidationError",
    "RetriesExhausted",
    "Settings",
    "Summarizer",
    "SummarizerError",
    "read_article",
    "summarize",
]
