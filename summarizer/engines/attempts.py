"""Bookkeeping of one brief's model calls: usage, raw output and validation errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from instructor.core import Hooks

from summarizer.brief import Usage
from summarizer.engines.retry import one_line
from summarizer.errors import OutputValidationError

RAW_OUTPUT_LIMIT = 50_000


@dataclass
class AttemptLog:
    """Filled by instructor's hooks while one brief is made."""

    usage: Usage = field(default_factory=Usage)
    model_calls: int = 0
    validation_errors: list[str] = field(default_factory=list)
    last_raw_output: str | None = None

    def hooks(self) -> Hooks:
        hooks = Hooks()
        hooks.on("completion:response", escape_control_characters)
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


def raw_output_of(response: Any) -> str | None:
    """The text or tool-call arguments the model returned, for failure reports."""
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    parts = [call.function.arguments for call in calls if getattr(call, "function", None)]
    text = "\n".join(parts) if parts else getattr(message, "content", None)
    return None if text is None else str(text)[:RAW_OUTPUT_LIMIT]


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
    # A reply cut off at max_tokens is refused before its response hook runs: count requests.
    attempts = max(log.model_calls, log.usage.requests)
    return OutputValidationError(
        f"{reason} after {attempts} attempt{'' if attempts == 1 else 's'}{detail}",
        raw_output=log.last_raw_output,
        validation_errors=log.validation_errors,
        attempts=attempts,
        usage=log.usage.model_dump(),
    )
