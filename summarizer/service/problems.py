"""Errors as RFC 9457 problem responses: a status, a short kind and a one-line detail.

Raised by the service itself (beyond ``summarizer.errors``):

    InputError
    └── UrlRefused        (400)  the URL is not http(s) or points at a non-public address
    EndpointError
    └── FetchFailed       (502)  the site behind a URL failed or answered with an error
        ├── DnsFailure    (502)  the service's DNS failed (a name that does not exist: 400)
        └── FetchTimeout  (504)  the site took longer than the fetch time limit
    BriefTimeout          (504)  the brief took longer than the service allows
    BatchNotFound         (404)  no such batch, or another key's
    TooManyBatches        (503)  every batch the service keeps is still running
    ShuttingDown          (503)  the service is stopping and takes no new work

Details never hold a key or a traceback; the kind is the label of the errors metric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus

from pydantic import BaseModel, Field
from starlette.responses import Response

from summarizer.engines.retry import one_line
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

PROBLEM_MEDIA_TYPE = "application/problem+json"


class UrlRefused(InputError):
    pass


class FetchFailed(EndpointError):
    pass


class DnsFailure(FetchFailed):
    pass


class FetchTimeout(FetchFailed):
    pass


class BriefTimeout(SummarizerError):
    pass


class BatchNotFound(SummarizerError):
    pass


class TooManyBatches(SummarizerError):
    pass


class ShuttingDown(SummarizerError):
    pass


class ProblemDocument(BaseModel):
    """The body of every error response, as the API description declares it."""

    type: str = Field(default="about:blank", description="Always about:blank: see kind.")
    title: str = Field(description="The HTTP status's phrase.")
    status: int = Field(description="The HTTP status code.")
    kind: str = Field(description="What went wrong, for programs: url_refused, busy, ...")
    detail: str = Field(description="One line for people: what went wrong, what to do.")


@dataclass(frozen=True)
class Problem:
    status: int
    kind: str
    detail: str
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> bytes:
        document = ProblemDocument(
            title=HTTPStatus(self.status).phrase,
            status=self.status,
            kind=self.kind,
            detail=one_line(self.detail, limit=500),
        )
        return document.model_dump_json().encode()


# Most specific first: the first class an error is an instance of decides.
_STATUS_BY_ERROR: tuple[tuple[type[SummarizerError], int, str], ...] = (
    (UrlRefused, 400, "url_refused"),
    (InputError, 400, "bad_input"),
    (CacheMissError, 404, "not_cached"),
    (FetchTimeout, 504, "fetch_timeout"),
    (DnsFailure, 502, "dns_failure"),
    (FetchFailed, 502, "fetch_failed"),
    (BriefTimeout, 504, "timeout"),
    (BatchNotFound, 404, "not_found"),
    (TooManyBatches, 503, "busy"),
    (ShuttingDown, 503, "shutting_down"),
    (AuthError, 502, "endpoint_auth"),
    (RetriesExhausted, 502, "endpoint_unavailable"),
    (EndpointError, 502, "endpoint_error"),
    (OutputValidationError, 502, "invalid_model_output"),
    (ConfigError, 500, "server_config"),
)


def problem_for(error: SummarizerError) -> Problem:
    for error_class, status, kind in _STATUS_BY_ERROR:
        if isinstance(error, error_class):
            return Problem(status, kind, str(error))
    return Problem(500, "internal", str(error))


def problem_response(problem: Problem) -> Response:
    return Response(
        problem.body(),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )
