"""The app factory: one FastAPI app for one engine configuration, and the uvicorn server
that runs it (``create_server``, for ``summarizer serve`` and the tests alike), which stops
gracefully (``ServiceServer``).

Requests pass, outermost first: metrics (counts every answer), auth (401), rate limit
(429, never for /metrics), body limit (413), HEAD as GET, then FastAPI's routing. Every
error leaves as a problem response.
"""

from __future__ import annotations

import asyncio
import logging
import math
import socket
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from summarizer.errors import SummarizerError
from summarizer.language import load_language_model
from summarizer.pipeline import Summarizer
from summarizer.service.auth import AuthMiddleware, KeyRing
from summarizer.service.batches import BatchRunner, BatchStore
from summarizer.service.config import ServiceSettings
from summarizer.service.fetch import FetchLimits, UrlFetcher
from summarizer.service.limits import BodyLimitMiddleware, RateLimiter, RateLimitMiddleware
from summarizer.service.metrics import MetricsMiddleware, ServiceMetrics
from summarizer.service.problems import Problem, problem_for, problem_response
from summarizer.service.routes import add_routes
from summarizer.service.state import ServiceState
from summarizer.service.worker import EngineWorker
from summarizer.settings import Settings

KEEP_ALIVE_SECONDS = 75
"""How long the service keeps an idle connection open: longer than clients and proxies keep
theirs (httpx 5 s, aiohttp 15 s, load balancers often 60 s). With uvicorn's default of 5 s,
the same as httpx's, a client now and then sent a request on a connection the service was
closing at that moment, and got a reset and no answer (about 1 request in 1,000 under load)."""
logger = logging.getLogger("summarizer.service")

DOCS_STATIC = "/docs/static"
DOCS_PATHS = (
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/openapi.json",
    *(
        f"{DOCS_STATIC}/{name}"
        for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png")
    ),
)
"""Open without a key: the API's description, and the scripts and styles of its pages, which
fastapi-offline serves from its wheel (the stock pages load them from a CDN, and stay blank
on a machine with no internet)."""
_KIND_BY_STATUS = {
    400: "malformed_body",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


class HeadAsGetMiddleware:
    """Answers HEAD as GET: every GET route (``/healthz`` for a monitor, the docs) takes HEAD
    too, as HTTP asks of a server, where FastAPI's routes answered 405. The inner app sees a
    copy of the request as GET; uvicorn, holding the original, sends the headers alone."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, send)


def create_app(settings: Settings, service: ServiceSettings) -> FastAPI:
    """The app; the engine is made here, so a bad engine setting fails before serving."""
    metrics = ServiceMetrics()
    summarizer = Summarizer(settings)
    fetcher = UrlFetcher(
        FetchLimits(
            timeout=service.fetch_timeout,
            max_bytes=service.fetch_max_bytes,
            max_redirects=service.fetch_max_redirects,
            allow_private=service.allow_private_urls,
        )
    )
    state = ServiceState(
        settings=service,
        summarizer=summarizer,
        worker=EngineWorker(),
        fetcher=fetcher,
        metrics=metrics,
        batches=BatchStore(service.max_batches),
        batch_runner=BatchRunner(
            summarizer, fetcher, metrics, service.batch_concurrency, service.max_batch_items
        ),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.batches.open()
        state.worker.start()
        await asyncio.to_thread(load_language_model)
        try:
            yield
        finally:
            state.batches.cancel_running()  # before the engine closes under them
            await state.worker.run(summarizer.engine.aclose)
            state.worker.stop()
            summarizer.close()
            state.batches.close()

    rate_limit = (
        []
        if service.rate_limit_per_minute is None
        else [
            Middleware(
                RateLimitMiddleware,
                limiter=RateLimiter(service.rate_limit_per_minute, service.rate_limit_burst),
                metrics=metrics,
                exempt_paths={"/metrics"},
            )
        ]
    )
    middleware = [
        Middleware(MetricsMiddleware, metrics=metrics),
        Middleware(
            AuthMiddleware,
            keys=KeyRing(service.api_keys),
            public_paths={"/healthz", *DOCS_PATHS},
            metrics=metrics,
        ),
        *rate_limit,
        Middleware(BodyLimitMiddleware, max_bytes=service.max_body_bytes, metrics=metrics),
        Middleware(HeadAsGetMiddleware),
    ]

    app = FastAPIOffline(
        static_url=DOCS_STATIC,
        title="summarizer",
        summary="Typed, evidence-grounded briefs of news articles.",
        version="1",
        lifespan=lifespan,
        middleware=middleware,
        # Starlette would answer "/v1/briefs/" with a bodiless 307 to an absolute http:// URL
        # built from the Host header: wrong behind a TLS proxy, and a POST's article re-sent.
        redirect_slashes=False,
    )
    app.state.service = state
    add_routes(app)

    def answer(problem: Problem) -> Response:
        metrics.count_problem(problem.kind)
        if problem.status >= 500:  # the operator's to look into; the access log says only 502
            logger.warning("%d %s: %s", problem.status, problem.kind, problem.detail)
        return problem_response(problem)

    @app.exception_handler(SummarizerError)
    async def summarizer_error(request: Request, error: SummarizerError) -> Response:
        return answer(problem_for(error))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        broken = next((e for e in error.errors() if e.get("type") == "json_invalid"), None)
        if broken is not None:  # FastAPI reports JSON that does not parse as a validation error
            where = broken.get("loc", ())[-1:]
            at = f" (at character {where[0]})" if where and isinstance(where[0], int) else ""
            return answer(Problem(400, "malformed_body", f"the body is not valid JSON{at}"))
        return answer(Problem(422, "validation", describe_validation_errors(error.errors())))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        kind = _KIND_BY_STATUS.get(error.status_code, f"http_{error.status_code}")
        detail = str(error.detail)
        if detail == "There was an error parsing the body":  # FastAPI's, for bytes not UTF-8
            detail = "the body could not be read as JSON in UTF-8"
        return answer(Problem(error.status_code, kind, detail, dict(error.headers or {})))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        # Starlette re-raises after answering, so the server log keeps the traceback.
        return answer(Problem(500, "internal", "internal error; the server log has details"))

    return app


def describe_validation_errors(errors: Sequence[Mapping[str, Any]], limit: int = 3) -> str:
    """Where and what, for the first few errors; never the input, which may be the article."""
    parts = []
    for error in list(errors)[:limit]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = str(error.get("msg", "invalid"))
        parts.append(f"{where}: {message}" if where else message)
    more = len(errors) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


class ServiceServer(uvicorn.Server):
    """uvicorn, with a drain before it stops (SIGTERM, Ctrl-C, ``should_exit``).

    uvicorn's own shutdown stops listening at once, so callers could not collect a batch
    that finishes during it, and it waits for requests in progress without a bound. Here the
    service first keeps listening, refusing new briefs and batches and failing /healthz
    (503) but answering polls, while requests in progress and the batches running get up to
    ``shutdown_grace`` seconds to finish and be collected by a poll; then uvicorn stops, and
    batches still running are cancelled. Batches live in memory, so each one its caller did
    not collect leaves a warning line, all that is left of it after the exit. A second
    Ctrl-C skips the wait.
    """

    def __init__(self, config: uvicorn.Config, state: ServiceState) -> None:
        super().__init__(config)
        self.state = state

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.state.stopping = True
        grace = self.state.settings.shutdown_grace
        deadline = time.monotonic() + grace
        batches = self.state.batches.running()

        def busy() -> bool:
            return any(not job.collected for job in batches) or bool(self.server_state.tasks)

        if busy():
            logging.getLogger("uvicorn.error").info(
                "Stopping: %d batches and %d requests in progress get up to %gs to finish",
                len(batches),
                len(self.server_state.tasks),
                grace,
            )
        while busy() and time.monotonic() < deadline and not self.force_exit:
            await asyncio.sleep(0.1)
        for job in batches:
            if job.over and not job.collected:  # those still running say so when cancelled
                logger.warning(
                    "batch %s (%s) ended as the service stopped, but its caller did not "
                    "collect it before the exit",
                    job.id,
                    job.caller,
                )
        # What is still in progress gets the rest of the grace, at least a moment (a poll).
        self.config.timeout_graceful_shutdown = max(1, math.ceil(deadline - time.monotonic()))
        await super().shutdown(sockets)


def create_server(
    settings: Settings, service: ServiceSettings, *, log_level: str = "info"
) -> ServiceServer:
    """The app under uvicorn, as ``summarizer serve`` runs it."""
    app = create_app(settings, service)
    return ServiceServer(
        uvicorn.Config(app, log_level=log_level, timeout_keep_alive=KEEP_ALIVE_SECONDS),
        app.state.service,
    )
