"""A stand-in ``llama_cpp`` package put first on a subprocess's import path: what happens
when llama-cpp-python is broken, or when the model must not be loaded at all."""

from __future__ import annotations

from pathlib import Path


def fake_llama_cpp(packages: Path, source: str) -> Path:
    """``packages``, holding a ``llama_cpp`` package whose ``__init__.py`` is ``source``."""
    (packages / "llama_cpp").mkdir(parents=True)
    (packages / "llama_cpp" / "__init__.py").write_text(source)
    return packages


def refusing_to_load(raise_statement: str) -> str:
    """``llama_cpp`` source whose ``Llama(...)`` runs ``raise_statement``."""
    return f"class Llama:\n    def __init__(self, *args, **kwargs):\n        {raise_statement}\n"


def answering(arguments: str, *, written: int | None = None) -> str:
    """``llama_cpp`` source whose model writes ``arguments`` as a forced tool call after a
    prompt of 900 tokens, in ``written`` tokens (None: every token it was allowed, which
    llama-cpp-python reports as "tool_calls", not "length"). Each call adds a line to the
    package's ``calls`` file."""
    return f"""
from pathlib import Path

from openai.types.chat import ChatCompletion

CALLS = Path(__file__).parent / "calls"


class Llama:
    def __init__(self, *args, **kwargs):
        self.options = kwargs  # the model path and options: nothing is loaded

    def create_chat_completion_openai_v1(self, **request):
        with CALLS.open("a") as calls:
            calls.write("call\\n")
        written = {written!r} or request["max_tokens"]
        call = {{"name": request["tools"][0]["function"]["name"], "arguments": {arguments!r}}}
        return ChatCompletion.model_validate({{
            "id": "chatcmpl-local", "object": "chat.completion", "created": 0, "model": "local",
            "choices": [{{
                "index": 0, "finish_reason": "tool_calls",
                "message": {{"role": "assistant", "content": None, "tool_calls": [
                    {{"id": "call_0", "type": "function", "function": call}}
                ]}},
            }}],
            "usage": {{"prompt_tokens": 900, "completion_tokens": written,
                       "total_tokens": 900 + written}},
        }})
"""
