"""The engine for any OpenAI-compatible endpoint: openai's async client driven by instructor.

Two retry loops, each bounded: tenacity retries transient HTTP failures around the call (the
openai client's own retries are off so there is one policy), and instructor re-asks the model
with the validation errors when its output does not validate. Usage is counted from every
response the endpoint sends, failed attempts included.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

import instructor
import openai
from instructor.core import (
    IncompleteOutputException,
    InstructorRetryException,
    TokenBudgetError,
)
from openai.types.chat import ChatCompletion, ChatCompletionMessage

from summarizer.brief import BriefDraft
from summarizer.engines.attempts import AttemptLog, cut_off_failure, validation_failure
from summarizer.engines.base import EngineRequest, EngineResult
from summarizer.engines.retry import (
    RetryPolicy,
    TransientEndpointError,
    classify_endpoint_error,
    find_endpoint_error,
)
from summarizer.errors import ConfigError, RetriesExhausted
from summarizer.settings import InstructorMode, Settings

if TYPE_CHECKING:
    from openai._legacy_response import LegacyAPIResponse

RESPONSE_MODEL = instructor.openai_schema(BriefDraft)
"""BriefDraft wrapped for instructor once: given a plain model, instructor builds a new wrapper
class on every call and so misses its own schema cache, about 5 ms of CPU a request."""


def _check_response_model_once() -> None:
    """Make instructor check BriefDraft for async validators once, not seven times a call.

    instructor fails closed on async validators by walking the response model's classes at
    every step of a call: about 2.5 ms of CPU a request, a quarter of the client's cost in a
    batch. The answer for one class never changes, so BriefDraft is checked here, at import,
    and skipped after; every other model is still checked on every call.
    """
    try:
        from instructor.v2.core import patch
        from instructor.v2.validation import async_validators
    except ImportError:  # a later instructor moved the check: keep its own behaviour
        return
    check_every_call = async_validators.reject_async_validators
    check_every_call(RESPONSE_MODEL)

    def reject_async_validators(response_model: object) -> None:
        if response_model is not RESPONSE_MODEL:
            check_every_call(response_model)

    async_validators.reject_async_validators = reject_async_validators
    patch.reject_async_validators = reject_async_validators  # type: ignore[attr-defined]


_check_response_model_once()


def _refuse_bodies_that_are_not_completions(client: openai.AsyncOpenAI) -> None:
    """Have ``client`` raise ``APIResponseValidationError`` for a body that is not a chat
    completion, as openai does only in its strict mode.

    Otherwise openai hands instructor a cut-off JSON body as a ``JSONDecodeError`` and a proxy's
    HTML page as a string, and instructor re-asks the model at once, as if the model had
    written them: the endpoint's fault would end as invalid output instead of being retried.
    """
    create = client.chat.completions.with_raw_response.create

    async def create_checked(**kwargs: Any) -> ChatCompletion:
        return _chat_completion_of(await create(**kwargs))

    client.chat.completions.create = create_checked  # type: ignore[method-assign,assignment]


def _chat_completion_of(response: LegacyAPIResponse[ChatCompletion]) -> ChatCompletion:
    try:
        completion: object = response.parse()
    except json.JSONDecodeError:
        completion = None
    if isinstance(completion, ChatCompletion) and _has_messages(completion):
        return completion
    http_response = response.http_response
    raise openai.APIResponseValidationError(http_response, http_response.text)


def _has_messages(completion: ChatCompletion) -> bool:
    """openai builds a completion from any JSON object without checking it: ``{}`` too."""
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        return False
    return all(
        isinstance(getattr(choice, "message", None), ChatCompletionMessage) for choice in choices
    )


_JSON_READY = ("messages", "tools", "tool_choice", "response_format")
"""Request parameters that reach openai as plain JSON already (templates, instructor)."""


def _send_json_ready_parameters_as_they_are(client: openai.AsyncOpenAI) -> None:
    """Have ``client`` put the prompt and the tool schema into the request body unchanged.

    openai's ``create`` walks every parameter against its typed signature on every call, the
    messages through a union of six message types and the tool schema too: about 1.5 ms of
    CPU a request, a sixth of the client's cost per brief in a batch (benchmarks/README.md).
    Ours are plain JSON already, so they go as ``extra_body``, openai's documented way to add
    JSON to a request; the body on the wire is the same.
    """
    create = client.chat.completions.create

    async def create_with_json_as_it_is(**kwargs: Any) -> Any:
        extra = {key: kwargs.pop(key) for key in _JSON_READY if key in kwargs}
        extra.update(kwargs.pop("extra_body", None) or {})
        return await create(messages=[], extra_body=extra, **kwargs)

    client.chat.completions.create = create_with_json_as_it_is  # type: ignore[method-assign]


_MODES = {
    InstructorMode.tools: instructor.Mode.TOOLS,
    InstructorMode.json_schema: instructor.Mode.JSON_SCHEMA,
    InstructorMode.json: instructor.Mode.JSON,
}


class OpenAIEngine:
    name = "openai"
    cacheable = True

    def __init__(self, settings: Settings) -> None:
        if not settings.base_url and not settings.api_key:
            raise ConfigError(
                "the openai engine needs an endpoint or a key: set OPENAI_API_KEY, "
                "or --base-url for a local server (Ollama, vLLM, llama.cpp, LM Studio)"
            )
        self.settings = settings
        self.mode = settings.resolved_mode
        self.endpoint = settings.public_endpoint or "https://api.openai.com/v1"
        api_key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
        self._openai = openai.AsyncOpenAI(
            api_key=api_key,
            base_url=settings.base_url,
            timeout=settings.timeout,
            max_retries=0,
        )
        _refuse_bodies_that_are_not_completions(self._openai)
        _send_json_ready_parameters_as_they_are(self._openai)
        self._client = instructor.from_openai(self._openai, mode=_MODES[self.mode])
        self._policy = RetryPolicy(max_attempts=settings.max_attempts, max_time=settings.retry_time)

    @property
    def identity(self) -> dict[str, str | float | int | None]:
        return {
            "model": self.settings.resolved_model,
            "endpoint": self.endpoint,
            "mode": self.mode.value,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }

    async def prepare(self) -> None:
        """Nothing to load: the model is the endpoint's."""

    async def aclose(self) -> None:
        await self._openai.close()

    async def generate(self, request: EngineRequest) -> EngineResult:
        log = AttemptLog(max_tokens=self.settings.max_tokens)
        started = time.perf_counter()
        try:
            async for attempt in self._policy.retrying():
                with attempt:
                    draft = await self._call(request, log)
        except TransientEndpointError as error:
            elapsed = time.perf_counter() - started
            requests = log.usage.requests
            raise RetriesExhausted(
                f"gave up after {requests} request{'' if requests == 1 else 's'} in "
                f"{elapsed:.1f}s: {error.reason}"
            ) from None
        return EngineResult(
            draft=draft,
            usage=log.usage,
            latency_ms=(time.perf_counter() - started) * 1000,
            attempts=max(log.model_calls, 1),
        )

    async def _call(self, request: EngineRequest, log: AttemptLog) -> BriefDraft:
        budget = self.settings.token_budget
        remaining = None if budget is None else budget - log.usage.total_tokens
        if remaining is not None and remaining <= 0:
            raise validation_failure(f"token budget of {budget} used up", log)
        try:
            draft: BriefDraft = await self._client.chat.completions.create(
                response_model=RESPONSE_MODEL,
                messages=list(request.messages),  # type: ignore[arg-type]
                model=self.settings.resolved_model,
                temperature=self.settings.temperature,
                max_tokens=self.settings.max_tokens,
                max_retries=self.settings.validation_retries,
                strict=False,  # lax coercion; in JSON modes, raw newlines in strings too
                hooks=log.hooks(),
                token_budget=remaining,
            )
        except IncompleteOutputException as error:
            raise cut_off_failure(error, log) from None
        except TokenBudgetError:
            raise validation_failure(f"token budget of {budget} used up", log) from None
        except Exception as error:
            converted = self._convert(error, log, request.article.origin)
            if (
                isinstance(converted, TransientEndpointError)
                and converted.rate_limited
                and request.on_rate_limit is not None
            ):
                request.on_rate_limit(converted.retry_after)
            raise converted from None
        return draft

    def _convert(self, error: Exception, log: AttemptLog, origin: str) -> Exception:
        endpoint_error = find_endpoint_error(error)
        if endpoint_error is not None:
            key = self.settings.api_key
            return classify_endpoint_error(
                endpoint_error,
                endpoint=self.endpoint,
                mode=self.mode.value,
                origin=origin,
                secret=key.get_secret_value() if key else None,
            )
        if isinstance(error, InstructorRetryException) or log.validation_errors:
            return validation_failure("the model never produced a valid brief", log)
        raise error
