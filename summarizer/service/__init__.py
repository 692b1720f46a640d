"""Briefs over HTTP: ``create_app(settings, service_settings)`` gives the FastAPI app.

Modules, one per concern: ``config`` (typed settings), ``auth`` (keys), ``limits`` (body
size, rate), ``fetch`` (URLs, SSRF-safe), ``articles`` (request to Article), ``worker``
(engine work off the server's loop), ``batches``, ``metrics``, ``problems`` (errors as
responses), ``routes`` and ``app``.
"""

from summarizer.service.app import create_app
from summarizer.service.config import (
    ServiceSettings,
    check_bind_address,
    load_service_settings,
)

__all__ = ["ServiceSettings", "check_bind_address", "create_app", "load_service_settings"]
