"""Typed settings, resolved once at the edge (CLI or service) from options and environment.

Library code receives a ``Settings`` object and never reads the environment itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from summarizer.errors import ConfigError


class EngineChoice(StrEnum):
    auto = "auto"
    openai = "openai"
    extractive = "extractive"
    local = "local"


class InstructorMode(StrEnum):
    tools = "tools"
    json_schema = "json_schema"
    json = "json"


DEFAULT_OPENAI_MODEL = "gpt-4o-mini"

# Environment variables read by ``settings_from_env``; the first one set wins.
ENV_VARIABLES: dict[str, tuple[str, ...]] = {
    "engine": ("SUMMARIZER_ENGINE",),
    "base_url": ("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("SUMMARIZER_API_KEY", "OPENAI_API_KEY"),
    "model": ("SUMMARIZER_MODEL",),
    "mode": ("SUMMARIZER_MODE",),
    "timeout": ("SUMMARIZER_TIMEOUT",),
    "retry_time": ("SUMMARIZER_RETRY_TIME",),
    "max_input_chars": ("SUMMARIZER_MAX_INPUT_CHARS",),
    "cache_dir": ("SUMMARIZER_CACHE_DIR",),
    "model_path": ("SUMMARIZER_MODEL_PATH",),
    "context_tokens": ("SUMMARIZER_CONTEXT_TOKENS",),
    "prompts_dir": ("SUMMARIZER_PROMPTS_DIR",),
}


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("summarizer"))


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: EngineChoice = EngineChoice.auto
    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str | None = None
    mode: InstructorMode | None = None
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    max_tokens: int | None = Field(default=2048, gt=0)
    timeout: float = Field(default=60.0, gt=0, description="Seconds for one HTTP request.")
    retry_time: float = Field(
        default=120.0, ge=0, description="Seconds to keep retrying transient failures."
    )
    max_attempts: int = Field(default=6, ge=1, description="HTTP attempts per model call.")
    validation_retries: int = Field(default=2, ge=0, description="Re-asks on invalid output.")
    token_budget: int | None = Field(default=None, gt=0, description="Tokens per brief, all tries.")
    model_path: Path | None = None
    context_tokens: int = Field(default=8192, gt=0, description="Local engine context size.")
    max_input_chars: int = Field(
        default=120_000,
        gt=0,
        description="Longest article text sent to a model; longer ones are refused, not cut.",
    )
    cache_dir: Path = Field(default_factory=default_cache_dir)
    use_cache: bool = True
    refresh: bool = False
    offline: bool = False
    drop_unverified: bool = False
    fuzzy_threshold: float = Field(default=90.0, ge=0.0, le=100.0)
    debug_dir: Path | None = None
    prompts_dir: Path | None = Field(
        default=None, description="Templates to use instead of prompts/."
    )

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and urlsplit(value).scheme not in ("http", "https"):
            raise ValueError(
                f"{redact_url(value)!r} is not an endpoint URL; it starts with http:// or "
                "https://, e.g. http://127.0.0.1:8080/v1"
            )
        return value

    @model_validator(mode="after")
    def _offline_reads_the_cache(self) -> Settings:
        if self.offline and not self.use_cache:
            raise ValueError("--offline answers from the cache, which --no-cache turns off")
        if self.offline and self.refresh:
            raise ValueError("--offline answers from the cache, which --refresh ignores")
        return self

    @property
    def llm_configured(self) -> bool:
        return bool(self.base_url or self.api_key)

    @property
    def resolved_engine(self) -> EngineChoice:
        if self.engine is not EngineChoice.auto:
            return self.engine
        return EngineChoice.openai if self.llm_configured else EngineChoice.extractive

    @property
    def resolved_mode(self) -> InstructorMode:
        """Tool calling works on OpenAI, vLLM, Ollama and llama.cpp's server alike;
        llama.cpp answers ``json_schema`` response formats with a 500."""
        return self.mode or InstructorMode.tools

    @property
    def resolved_model(self) -> str:
        return self.model or DEFAULT_OPENAI_MODEL

    @property
    def public_endpoint(self) -> str | None:
        return redact_url(self.base_url) if self.base_url else None


def redact_url(url: str) -> str:
    """The URL without user, password, query or fragment: safe for logs and provenance."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def settings_from_env(env: Mapping[str, str], **overrides: Any) -> Settings:
    """Settings from environment variables, with explicit options (not None) taking precedence."""
    values: dict[str, Any] = {}
    for field, names in ENV_VARIABLES.items():
        for name in names:
            if env.get(name):
                values[field] = env[name]
                break
    values.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return Settings(**values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"invalid setting {where}: {message}" if where else message) from None
