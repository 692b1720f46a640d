"""Bookkeeping of one brief's model calls: usage, raw output and validation errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from instructor.core import Hooks, IncompleteOutputException

from summarizer.brief import Usage
from summarizer.engines.retry import one_line
from summarizer.errors import OutputValidationError

RAW_OUTPUT_LIMIT = 50_000


@dataclass
class AttemptLog:
    """Filled by instructor's hooks while one brief is made; ``max_tokens`` is the limit each
    call was given and ``context_tokens`` the model's context where it is known (the local
    engine's), to tell an answer cut off at either."""

    max_tokens: int | None = None
    context_tokens: int | None = None
    usage: Usage = field(default_factory=Usage)
    model_calls: int = 0
    validation_errors: list[str] = field(default_factory=list)
    last_raw_output: str | None = None

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:response", escape_control_characters)
        hooks.on("completion:response", self._mark_cut_off)
        hooks.on("completion:kwargs", self._on_request)
        hooks.on("completion:response", self._on_response)
        hooks.on("parse:error", self._on_parse_error)
        return hooks

    def _on_request(self, *args: Any, **kwargs: Any) -> None:
        self.usage = self.usage + Usage(requests=1)

    def _on_response(self, response: Any) -> None:
        self.model_calls += 1
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.usage = self.usage + Usage(
                prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                total_tokens=getattr(usage, "total_tokens", 0) or 0,
            )
        self.last_raw_output = raw_output_of(response)

    def _on_parse_error(self, error: Exception, *args: Any, **kwargs: Any) -> None:
        self.validation_errors.append(one_line(str(error), limit=2000))

    def _mark_cut_off(self, response: Any) -> None:
        """Report as cut off (finish_reason "length") a reply that wrote all it could and
        whose output is not whole JSON.

        llama-cpp-python, as a server and in process, reports a forced tool call as
        "tool_calls" even when it stopped at max_tokens, or, silently lowered, at the end of
        the context. instructor would re-ask the model, which the same limit cuts off again;
        "length" makes it stop at once.
        """
        usage = getattr(response, "usage", None)
        written = getattr(usage, "completion_tokens", None)
        limit = self.answer_limit(getattr(usage, "prompt_tokens", None))
        if limit is None or not isinstance(written, int) or written < limit:
            return
        output = _output_of(response)
        try:
            json.loads(output or "", strict=False)
        except json.JSONDecodeError:
            response.choices[0].finish_reason = "length"

    def answer_limit(self, prompt_tokens: object) -> int | None:
        """The most an answer could write: ``max_tokens``, or what a known context leaves
        after the prompt, whichever is less."""
        limits = [self.max_tokens] if self.max_tokens is not None else []
        if self.context_tokens is not None and isinstance(prompt_tokens, int):
            limits.append(self.context_tokens - prompt_tokens)
        return min(limits) if limits else None


def _output_of(response: Any) -> str | None:
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    parts = [call.function.arguments for call in calls if getattr(call, "function", None)]
    text = "\n".join(parts) if parts else getattr(message, "content", None)
    return None if text is None else str(text)


def raw_output_of(response: Any) -> str | None:
    """The text or tool-call arguments the model returned, for failure reports."""
    text = _output_of(response)
    return None if text is None else text[:RAW_OUTPUT_LIMIT]


def escape_control_characters(response: Any) -> None:
    """Re-encode tool-call arguments that hold raw newlines or tabs inside strings.

    Small local models write them; JSON forbids them and instructor parses tool calls
    strictly, so an otherwise valid answer would be re-asked for a formatting slip.
    """
    for choice in getattr(response, "choices", None) or []:
        for call in getattr(choice.message, "tool_calls", None) or []:
            arguments = call.function.arguments
            try:
                json.loads(arguments)
            except json.JSONDecodeError:
                try:
                    call.function.arguments = json.dumps(json.loads(arguments, strict=False))
                except json.JSONDecodeError:
                    continue
            except TypeError:
                continue


def validation_failure(reason: str, log: AttemptLog) -> OutputValidationError:
    last = log.validation_errors[-1] if log.validation_errors else ""
    detail = f"; last error: {one_line(last, 160)}" if last else ""
    return _failure(reason, detail, log)


def cut_off_failure(error: IncompleteOutputException, log: AttemptLog) -> OutputValidationError:
    """The model's answer stopped mid-way. Re-asked with the same limit, it would stop again,
    so this ends the brief at once, naming the limit that stopped it."""
    usage = getattr(error.last_completion, "usage", None)
    written = getattr(usage, "completion_tokens", None)
    limit = log.max_tokens
    if limit is not None and (not isinstance(written, int) or written >= limit):
        return _failure(
            f"the model's answer was cut off at the output token limit, --max-tokens {limit},",
            "; raise --max-tokens so the whole brief fits",
            log,
        )
    at = f" at {written} tokens" if isinstance(written, int) else ""
    if log.context_tokens is not None:
        return _failure(
            f"the model's answer was cut off{at}, where the prompt left no more of the model's "
            f"context (--context-tokens {log.context_tokens}),",
            "; raise --context-tokens or brief a shorter article",
            log,
        )
    not_ours = f"not --max-tokens {limit}" if limit is not None else "no --max-tokens was set"
    return _failure(
        f"the model's answer was cut off{at} by the endpoint's own limit ({not_ours})",
        "; the prompt and the answer most likely filled the model's context: use a shorter "
        "article or a model with a larger context",
        log,
    )


def _failure(reason: str, detail: str, log: AttemptLog) -> OutputValidationError:
    # Every request counts, answered or not (a retried 5xx was an attempt too).
    attempts = max(log.model_calls, log.usage.requests)
    return OutputValidationError(
        f"{reason} after {attempts} attempt{'' if attempts == 1 else 's'}{detail}",
        raw_output=log.last_raw_output,
        validation_errors=log.validation_errors,
        attempts=attempts,
        usage=log.usage.model_dump(),
    )
