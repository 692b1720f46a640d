"""The service's typed settings, resolved once at startup from options, environment and file.

Precedence: command-line options, then environment (``SUMMARIZER_SERVICE_KEYS``), then the
``[service]`` table of the TOML config file (``--config`` or ``SUMMARIZER_CONFIG``), then the
defaults here.
"""

from __future__ import annotations

import ipaddress
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from summarizer.errors import ConfigError

KEYS_VARIABLE = "SUMMARIZER_SERVICE_KEYS"
CONFIG_VARIABLE = "SUMMARIZER_CONFIG"
MIN_KEY_LENGTH = 16
_KEY_ADVICE = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"


class ServiceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    api_keys: tuple[SecretStr, ...] = Field(
        default=(), description="Bearer keys callers may use; none means loopback only."
    )
    max_body_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    rate_limit_per_minute: float | None = Field(
        default=60.0, gt=0, description="Requests per key per minute, sustained; None: no limit."
    )
    rate_limit_burst: int = Field(default=10, ge=1, description="Requests a key may send at once.")
    brief_timeout: float = Field(default=300.0, gt=0, description="Seconds for one brief.")
    fetch_timeout: float = Field(default=15.0, gt=0, description="Seconds per URL, redirects too.")
    fetch_max_bytes: int = Field(default=5_000_000, gt=0)
    fetch_max_redirects: int = Field(default=5, ge=0)
    allow_private_urls: bool = Field(
        default=False, description="Fetch loopback and private addresses too (tests only)."
    )
    batch_concurrency: int = Field(default=4, ge=1)
    max_batch_items: int = Field(default=500, ge=1)
    max_batches: int = Field(default=100, ge=1, description="Batches kept in memory.")
    shutdown_grace: float = Field(
        default=8.0,
        ge=0,
        description="On SIGTERM: seconds the batches and briefs in progress get to finish.",
    )

    @field_validator("api_keys")
    @classmethod
    def _keys_are_long(cls, keys: tuple[SecretStr, ...]) -> tuple[SecretStr, ...]:
        for number, key in enumerate(keys, 1):
            value = key.get_secret_value()
            if len(value) < MIN_KEY_LENGTH or value != value.strip() or " " in value:
                raise ValueError(
                    f"key #{number} must be at least {MIN_KEY_LENGTH} characters without "
                    f"spaces; {_KEY_ADVICE}"
                )
        return keys

    @property
    def loopback_only(self) -> bool:
        return not self.api_keys


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind_address(settings: ServiceSettings) -> None:
    """Without keys anyone who can reach the port could spend the model's budget: refuse."""
    if settings.loopback_only and not is_loopback_host(settings.host):
        raise ConfigError(
            f"refusing to serve on {settings.host} without service keys; set "
            f"{KEYS_VARIABLE} or api_keys in the [service] table of --config, "
            "or serve on --host 127.0.0.1"
        )


def read_config_file(path: Path) -> dict[str, Any]:
    """The ``[service]`` table of a TOML config file."""
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    table = document.get("service")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: has no [service] table")
    return table


def load_service_settings(
    env: Mapping[str, str], config_path: Path | None = None, **overrides: Any
) -> ServiceSettings:
    """Settings from the config file, the environment and explicit options (not None)."""
    path = config_path or (Path(env[CONFIG_VARIABLE]) if env.get(CONFIG_VARIABLE) else None)
    values: dict[str, Any] = read_config_file(path) if path is not None else {}
    if env.get(KEYS_VARIABLE):
        values["api_keys"] = [key.strip() for key in env[KEYS_VARIABLE].split(",") if key.strip()]
    values.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return ServiceSettings(**values)
    except ValidationError as error:
        first = error.errors(include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        source = f"{path}: " if path is not None else ""
        raise ConfigError(f"{source}invalid service setting {where}: {first['msg']}") from None
