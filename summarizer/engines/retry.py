"""Which endpoint failures are worth retrying, and how long to wait before the next try.

Retried: 429, 5xx, timeouts, connection errors and a 200 whose body is not a chat completion
(cut-off JSON, a proxy's HTML page), waiting what ``Retry-After`` asks (``retry-after-ms`` or
``retry-after`` in seconds or as an HTTP date) or else an exponential backoff with jitter.
Never retried: other 4xx; a prompt over the model's context, however the server says so (a 500
too), is the article's fault (exit 4).
The whole retry loop is bounded in attempts and in time, and stops early when the next wait
would overrun the time budget.
"""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential,
    wait_random,
)

from summarizer.errors import AuthError, ConfigError, EndpointError, InputError, SummarizerError

MAX_HONOURED_RETRY_AFTER = 300.0

CONTEXT_OVERFLOW_CODES = frozenset({"context_length_exceeded"})
"""The error code OpenAI and llama-cpp-python's server send for a prompt over the context."""
CONTEXT_OVERFLOW_TYPES = frozenset({"exceed_context_size_error"})
"""The error type llama.cpp's llama-server sends for it."""
CONTEXT_OVERFLOW_WORDINGS = (
    # OpenAI, vLLM (400, code absent or the number 400), llama-cpp-python's server (400)
    re.compile(r"maximum context length is \d+ tokens"),
    # llama-cpp-python's Llama (the local engine's), as its server passes it on unreworded (500)
    re.compile(r"exceed context window of \d+"),
    # vLLM's engine, behind its server's own check (400)
    re.compile(r"prompt \(length \d+\) is longer than the maximum model length"),
    # llama.cpp's llama-server before it had exceed_context_size_error (400, or 500)
    re.compile(r"exceeds the available context size"),
)
"""What servers that send neither say about a prompt over the context."""
CONTEXT_SPLIT = re.compile(r"maximum context length is (\d+) tokens.*?\((\d+) in the messages")
"""How OpenAI-style servers (vLLM, llama-cpp-python) split the overflow: the context, and how
much of it the prompt took; they count the answer's ``max_tokens`` in too."""


class TransientEndpointError(Exception):
    """A failure worth retrying; ``retry_after`` is what the endpoint asked for, if anything.

    ``rate_limited`` marks the endpoint telling us to slow down (429, or 503 with Retry-After).
    """

    def __init__(
        self, reason: str, retry_after: float | None = None, *, rate_limited: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.rate_limited = rate_limited


def parse_retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait, from ``retry-after-ms`` or ``retry-after`` (seconds or HTTP date)."""
    lowered = {key.lower(): value for key, value in headers.items()}
    milliseconds = lowered.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    max_time: float
    initial_wait: float = 0.5
    max_wait: float = 20.0

    def retrying(self) -> AsyncRetrying:
        return AsyncRetrying(
            retry=retry_if_exception_type(TransientEndpointError),
            stop=stop_after_attempt(self.max_attempts) | stop_before_delay(self.max_time),
            wait=self._wait,
            reraise=True,
        )

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        if isinstance(error, TransientEndpointError) and error.retry_after is not None:
            return min(error.retry_after, MAX_HONOURED_RETRY_AFTER)
        backoff = wait_exponential(multiplier=self.initial_wait, max=self.max_wait)
        jitter = wait_random(0, self.initial_wait)
        return float(backoff(state) + jitter(state))


def one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _endpoint_text(text: str, secret: str | None) -> str:
    """What an endpoint said, on one line and without the API key (some echo it back)."""
    if secret:
        text = text.replace(secret, "[redacted]")
    return one_line(text)


def _status_detail(error: openai.APIStatusError) -> str:
    """What the endpoint said, whole: from its JSON error if it sent one."""
    body = error.body
    if isinstance(body, Mapping):
        detail = body.get("message") or body.get("error") or body.get("detail")
        if isinstance(detail, Mapping):
            detail = detail.get("message")
        if detail:
            return str(detail)
    return error.message


def says_context_overflow(text: str) -> bool:
    """Whether ``text`` is one of the known ways of saying a prompt is over the context."""
    return any(wording.search(text) for wording in CONTEXT_OVERFLOW_WORDINGS)


def room_for_answer(text: str) -> int | None:
    """The tokens an overflow message says the context leaves for the answer, when the
    prompt alone fits: the article fits with a ``--max-tokens`` of at most that."""
    split = CONTEXT_SPLIT.search(text)
    if split is None:
        return None
    room = int(split[1]) - int(split[2])
    return room if room > 0 else None


def _not_a_completion_message(
    error: openai.APIResponseValidationError, endpoint: str, secret: str | None
) -> str:
    content_type = error.response.headers.get("content-type", "no content type")
    start = _endpoint_text(str(error.body or "an empty body"), secret)
    return (
        f"{endpoint} returned a body that is not a chat completion (HTTP {error.status_code}, "
        f"{content_type}): {one_line(start, 80)}"
    )


def classify_endpoint_error(
    error: openai.APIError,
    *,
    endpoint: str,
    mode: str,
    origin: str,
    secret: str | None = None,
) -> SummarizerError | TransientEndpointError:
    """Map an openai exception to what summarizer does about it, for the article from
    ``origin``; ``secret`` (the API key) is taken out of anything the endpoint said."""
    if isinstance(error, openai.APITimeoutError):
        return TransientEndpointError(f"request to {endpoint} timed out")
    if isinstance(error, openai.APIConnectionError):
        return TransientEndpointError(f"cannot connect to {endpoint}")
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return AuthError(
            f"{endpoint} refused the API key (HTTP {error.status_code}); check OPENAI_API_KEY, "
            "SUMMARIZER_API_KEY or --api-key"
        )
    if isinstance(error, openai.APIStatusError):
        detail = _status_detail(error)
        message = _endpoint_text(detail, secret)
        status = error.status_code
        if (
            error.code in CONTEXT_OVERFLOW_CODES
            or error.type in CONTEXT_OVERFLOW_TYPES
            or says_context_overflow(detail)
        ):
            room = room_for_answer(detail)
            hint = f"; --max-tokens {room} or less leaves room for it" if room else ""
            return InputError(
                f"{origin}: longer than the context of the model at {endpoint} "
                f"(HTTP {status}: {message}){hint}"
            )
        if mode != "tools" and ("response_format" in message or "json_schema" in message):
            return ConfigError(
                f"{endpoint} does not support instructor's {mode} mode "
                f"(HTTP {status}: {message}); use --mode tools"
            )
        if status == 429 or status >= 500:
            retry_after = parse_retry_after(error.response.headers)
            rate_limited = status == 429 or (status == 503 and retry_after is not None)
            return TransientEndpointError(
                f"HTTP {status} from {endpoint}: {message}", retry_after, rate_limited=rate_limited
            )
        if status == 404:
            return EndpointError(
                f"{endpoint} answered 404 ({message}); check --base-url (it usually ends in /v1) "
                "and --model"
            )
        return EndpointError(f"{endpoint} rejected the request (HTTP {status}: {message})")
    if isinstance(error, openai.APIResponseValidationError):
        return TransientEndpointError(_not_a_completion_message(error, endpoint, secret))
    return EndpointError(f"request to {endpoint} failed: {_endpoint_text(str(error), secret)}")


def find_endpoint_error(error: BaseException) -> openai.APIError | None:
    """The openai exception behind ``error`` (instructor wraps them), if any.

    openai wraps its HTTP client's failures in its own (``APIConnectionError``,
    ``APITimeoutError``, ``APIStatusError``), which come first in the chain.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, openai.APIError):
            return current
        current = current.__cause__ or current.__context__
    return None
