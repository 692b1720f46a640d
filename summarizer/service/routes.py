"""The HTTP routes: briefs, batches, health and metrics."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Request, Response, Security
from fastapi.security import HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST

from summarizer.brief import Brief
from summarizer.service.articles import REQUEST_ORIGIN, ArticleInput, prepare_article
from summarizer.service.batches import BatchAccepted, BatchRequest, BatchState, BatchStatus
from summarizer.service.problems import PROBLEM_MEDIA_TYPE, ProblemDocument, ShuttingDown
from summarizer.service.state import Caller, State

# Declares the key in the OpenAPI schema (the Authorize button in /docs); the check itself
# is AuthMiddleware's, which runs before the body is read.
_bearer = HTTPBearer(auto_error=False, description="A service key.")


def _json_body(request: Request) -> None:
    """A body in any other media type is refused as such (415), not as one that does not
    validate (422)."""
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise HTTPException(415, "send the body as JSON, with Content-Type: application/json")


_KEYED = [Security(_bearer)]
_JSON_KEYED = [*_KEYED, Depends(_json_body)]
_PROBLEM: dict[str, Any] = {
    "content": {PROBLEM_MEDIA_TYPE: {"schema": ProblemDocument.model_json_schema()}}
}
_ANY_PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No key, or not a valid one.", **_PROBLEM},
    429: {"description": "Too many requests for this key; see Retry-After.", **_PROBLEM},
    500: {"description": "A bug or a server misconfiguration (see its log).", **_PROBLEM},
}
_BODY_PROBLEMS: dict[int | str, dict[str, Any]] = {
    **_ANY_PROBLEMS,
    400: {"description": "The body is not JSON in UTF-8.", **_PROBLEM},
    413: {"description": "The request body is over the limit.", **_PROBLEM},
    415: {"description": "The body is not sent as application/json.", **_PROBLEM},
    422: {"description": "The body does not validate.", **_PROBLEM},
}
_BRIEF_PROBLEMS: dict[int | str, dict[str, Any]] = {
    **_BODY_PROBLEMS,
    400: {
        "description": "Bad article, a URL that may not be fetched, or a body that is not "
        "JSON in UTF-8.",
        **_PROBLEM,
    },
    404: {"description": "--offline, and the brief is not cached.", **_PROBLEM},
    502: {
        "description": "The model endpoint or the article's site failed, or the service could "
        "not look up the site's name.",
        **_PROBLEM,
    },
    503: {"description": "The service is shutting down.", **_PROBLEM},
    504: {"description": "The brief or the fetch took too long.", **_PROBLEM},
}
_BATCH_PROBLEMS: dict[int | str, dict[str, Any]] = {
    **_BODY_PROBLEMS,
    400: {
        "description": "More items than the service takes, or a body that is not JSON in UTF-8.",
        **_PROBLEM,
    },
    503: {
        "description": "Every batch the service keeps is still running, or the service is "
        "shutting down.",
        **_PROBLEM,
    },
}
_HEALTH_PROBLEMS: dict[int | str, dict[str, Any]] = {
    503: {"description": "The service is shutting down.", **_PROBLEM},
}
_BATCH_STATUS_PROBLEMS: dict[int | str, dict[str, Any]] = {
    **_ANY_PROBLEMS,
    404: {"description": "No such batch for this key.", **_PROBLEM},
}


async def healthz(state: State) -> dict[str, str]:
    """Liveness: answers without a key. While the service drains it answers 503, so a load
    balancer stops sending it work it would refuse."""
    if state.stopping:
        raise ShuttingDown("the service is shutting down")
    return {"status": "ok", "engine": state.summarizer.engine.name}


async def metrics(state: State) -> Response:
    """Prometheus metrics, in the text exposition format."""
    return Response(state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


async def create_brief(item: ArticleInput, state: State) -> Response:
    """Brief one article, given as text, as HTML, or as a URL to fetch.

    Answers from the cache when the same article was briefed with the same engine and prompt.
    """
    state.admit()
    article = await prepare_article(item, state.fetcher, REQUEST_ORIGIN)
    brief = await state.brief(article)
    return Response(brief.model_dump_json(), media_type="application/json")


async def create_batch(
    body: BatchRequest, state: State, caller: Caller, response: Response
) -> BatchAccepted:
    """Start briefing many articles in the background; poll the batch's URL for results.

    Items are given as for a single brief, each with an optional ``id``.
    """
    accepted = state.start_batch(body, caller)
    response.headers["Location"] = accepted.url
    return accepted


async def get_batch(batch_id: str, state: State, caller: Caller) -> BatchStatus:
    """A batch's status, counts, and the results and errors so far."""
    job = state.batches.get(batch_id, caller)
    status = await anyio.to_thread.run_sync(job.status)  # reads and validates its output files
    job.collected = job.collected or status.status is not BatchState.running
    return status


def add_routes(app: FastAPI) -> None:
    """Routes are added to the app itself, not through an included router, so each is a
    plain route whose path template the metrics can read."""
    app.add_api_route(
        "/healthz", healthz, methods=["GET"], tags=["service"], responses=_HEALTH_PROBLEMS
    )
    app.add_api_route(
        "/metrics",
        metrics,
        methods=["GET"],
        tags=["service"],
        dependencies=_KEYED,
        response_class=Response,
        responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}, **_ANY_PROBLEMS},
    )
    app.add_api_route(
        "/v1/briefs",
        create_brief,
        methods=["POST"],
        tags=["briefs"],
        dependencies=_JSON_KEYED,
        response_model=Brief,
        responses=_BRIEF_PROBLEMS,
    )
    app.add_api_route(
        "/v1/batches",
        create_batch,
        methods=["POST"],
        tags=["batches"],
        dependencies=_JSON_KEYED,
        status_code=202,
        response_model=BatchAccepted,
        responses=_BATCH_PROBLEMS,
    )
    app.add_api_route(
        "/v1/batches/{batch_id}",
        get_batch,
        methods=["GET"],
        tags=["batches"],
        dependencies=_KEYED,
        response_model=BatchStatus,
        responses=_BATCH_STATUS_PROBLEMS,
    )
