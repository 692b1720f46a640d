"""Prometheus metrics for the service, in a registry of its own (one per app)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from summarizer.brief import Brief

UNMATCHED_ROUTE = "<unmatched>"
OTHER_METHOD = "<other>"
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160, 320)


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "summarizer_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.briefs = Counter(
            "summarizer_briefs", "Briefs made, by engine.", ["engine"], registry=self.registry
        )
        self.cache_hits = Counter(
            "summarizer_cache_hits",
            "Briefs answered from the cache, by engine.",
            ["engine"],
            registry=self.registry,
        )
        self.engine_latency = Histogram(
            "summarizer_llm_latency_seconds",
            "Engine time per brief not answered from the cache.",
            ["engine"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.tokens = Counter(
            "summarizer_llm_tokens",
            "Tokens the model read (prompt) and wrote (completion), cache hits excluded.",
            ["engine", "kind"],
            registry=self.registry,
        )
        self.errors = Counter(
            "summarizer_errors", "Problem responses, by kind.", ["kind"], registry=self.registry
        )

    def observe_brief(self, brief: Brief) -> None:
        provenance = brief.provenance
        engine = provenance.engine
        self.briefs.labels(engine).inc()
        if provenance.cache_hit:
            self.cache_hits.labels(engine).inc()
            return
        self.engine_latency.labels(engine).observe(provenance.latency_ms / 1000)
        self.tokens.labels(engine, "prompt").inc(provenance.usage.prompt_tokens)
        self.tokens.labels(engine, "completion").inc(provenance.usage.completion_tokens)

    def count_problem(self, kind: str) -> None:
        self.errors.labels(kind).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def route_template(scope: Scope) -> str:
    """The path template of the route ``scope`` is for (``/v1/batches/{batch_id}``), so the
    label's values stay few whatever paths callers send."""
    for route in scope["app"].router.routes:
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            return str(route.path)
    return UNMATCHED_ROUTE


def method_label(scope: Scope) -> str:
    """The request's method, or one label for any other: HTTP lets a caller send any token
    as a method, even without a key, and each would be a new series kept for good."""
    method = str(scope["method"])
    return method if method in _KNOWN_METHODS else OTHER_METHOD


class MetricsMiddleware:
    """Counts every answered request, including those the other middlewares refuse."""

    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = route_template(scope)
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.metrics.requests.labels(route, method_label(scope), str(status)).inc()
