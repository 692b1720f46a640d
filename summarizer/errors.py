"""Exceptions raised by summarizer, each with the exit code the CLI maps it to.

    SummarizerError                 base; never raised itself
    ├── GateFailure          (1)    an eval gate failed: quality is below what was asked
    ├── ConfigError          (2)    bad option, missing setting, unusable engine
    ├── GoldFileError        (2)    a gold or eval config file that does not validate
    ├── BatchPartialFailure  (3)    a batch finished, but some items were not briefed
    ├── InputError           (4)    empty, binary, unreadable, missing or over-long article
    ├── CacheMissError       (8)    --offline and the answer is not cached
    ├── EndpointError        (5)    endpoint unreachable, timed out, or refused the request
    │   ├── AuthError        (6)    the endpoint refused the API key (401/403)
    │   └── RetriesExhausted (5)    transient failures went on past the retry budget
    └── OutputValidationError (7)   the model never produced a valid brief, or was cut off

Messages tell the user what to do next and never contain an API key.
"""

from __future__ import annotations

from typing import Any


class SummarizerError(Exception):
    """Root of every error summarizer raises on purpose."""

    exit_code = 1


class GateFailure(SummarizerError):
    exit_code = 1


class ConfigError(SummarizerError):
    exit_code = 2


class BatchPartialFailure(SummarizerError):
    """Raised by the CLI after a batch whose failed items are listed in errors.jsonl."""

    exit_code = 3


class GoldFileError(SummarizerError):
    exit_code = 2


class InputError(SummarizerError):
    exit_code = 4


class CacheMissError(SummarizerError):
    exit_code = 8


class EndpointError(SummarizerError):
    exit_code = 5


class RetriesExhausted(EndpointError):
    exit_code = 5


class AuthError(EndpointError):
    exit_code = 6


class OutputValidationError(SummarizerError):
    """The model's output never validated; keeps what it said so the user can see why."""

    exit_code = 7

    def __init__(
        self,
        message: str,
        *,
        raw_output: str | None = None,
        validation_errors: list[str] | None = None,
        attempts: int = 0,
        usage: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.raw_output = raw_output
        self.validation_errors = validation_errors or []
        self.attempts = attempts
        self.usage = usage or {}


class StdoutClosed(Exception):
    """Whoever read standard output has gone (``summarizer brief a.txt | head``). Not an
    ``OSError``: click would turn a broken pipe into exit 1, the code of a failed gate."""


INTERNAL_ERROR = 70
"""A bug in summarizer (EX_SOFTWARE in sysexits.h)."""
STDOUT_CLOSED = 141
"""Standard output was closed before the command finished writing (128 + SIGPIPE)."""
INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT)."""
TERMINATED = 143
"""SIGTERM, which a batch takes as a request to stop (128 + SIGTERM)."""

EXIT_CODES: dict[str, int] = {
    "ok": 0,
    "eval gate failed": 1,
    "usage or configuration": ConfigError.exit_code,
    "bad input": InputError.exit_code,
    "not cached (--offline)": CacheMissError.exit_code,
    "endpoint unreachable or failing": EndpointError.exit_code,
    "API key refused": AuthError.exit_code,
    "model never produced a valid brief, or was cut off": OutputValidationError.exit_code,
    "batch finished with some items failed": BatchPartialFailure.exit_code,
    "a bug in summarizer": INTERNAL_ERROR,
    "interrupted (Ctrl-C); what finished is kept": INTERRUPTED,
    "batch stopped by SIGTERM; what finished is kept": TERMINATED,
    "standard output closed early": STDOUT_CLOSED,
}
