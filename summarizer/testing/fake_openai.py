"""A scripted OpenAI-compatible chat-completions server on loopback, for tests and benchmarks.

It is a real HTTP server (so the openai client, httpx and instructor run exactly as against a
real endpoint). Each test scripts the replies in order; when the script runs out, the
``fallback`` answers (by default a valid brief quoting the article in the request).

    with FakeOpenAI() as server:
        server.script(Reply.status(429, headers={"Retry-After": "0"}), Reply.brief())
        ... OpenAIEngine(Settings(base_url=server.base_url, ...)) ...
        assert len(server.requests) == 2

It counts the requests it is answering at once: ``max_in_flight``, and each request's
``in_flight`` on arrival (itself included), for tests of client-side concurrency limits.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from summarizer.inputs import split_header

Arguments = dict[str, Any] | str

_ARTICLE_BLOCK = re.compile(r"<<<(ARTICLE-[0-9a-f]+)\n(.*)\n\1>>>", re.S)


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]  # names lower-cased
    body: dict[str, Any]
    received_at: float
    in_flight: int = 1
    """Requests being answered when this one arrived, itself included."""

    @property
    def article_text(self) -> str:
        return article_text_of(self.body)


@dataclass
class Reply:
    """One scripted answer. Build with the class methods."""

    kind: str
    status_code: int = 200
    arguments: Arguments | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    delay: float = 0.0
    finish_reason: str = "stop"
    usage: tuple[int, int] = (100, 50)
    pieces: int = 1
    """For ``trickle``: how many pieces the body is sent in, ``delay`` apart."""
    written: int | None = None
    """For ``cut_off``: completion tokens reported; None: the request's max_tokens."""

    @classmethod
    def brief(cls, arguments: Arguments | None = None, *, delay: float = 0.0,
              usage: tuple[int, int] = (100, 50)) -> Reply:  # fmt: skip
        """A completion carrying ``arguments`` (default: a valid brief of the request's article)."""
        return cls("completion", arguments=arguments, delay=delay, usage=usage)

    @classmethod
    def cut_off(cls, arguments: str, *, finish_reason: str = "length",
                written: int | None = None) -> Reply:  # fmt: skip
        """A completion whose output stopped at the request's max_tokens: ``written``
        completion tokens (default: all the request allowed). llama-cpp-python reports a
        forced tool call cut off this way as ``finish_reason="tool_calls"``."""
        return cls("cut_off", arguments=arguments, finish_reason=finish_reason, written=written)

    @classmethod
    def status(cls, code: int, *, message: str = "scripted error", body: str | None = None,
               headers: dict[str, str] | None = None, delay: float = 0.0) -> Reply:  # fmt: skip
        """An answer with status ``code`` and an OpenAI-style error carrying ``message``, or
        ``body`` exactly as given (to replay what a real server sends)."""
        if body is None:
            body = json.dumps({"error": {"message": message, "type": "scripted", "code": code}})
        return cls("status", status_code=code, headers=headers or {}, body=body, delay=delay)

    @classmethod
    def hang(cls, seconds: float) -> Reply:
        """Answer only after ``seconds`` (a client with a shorter timeout gives up first)."""
        return cls("completion", delay=seconds)

    @classmethod
    def drop(cls) -> Reply:
        """Close the connection without answering."""
        return cls("drop")

    @classmethod
    def truncated_body(cls) -> Reply:
        """Promise a full JSON body, send half of it, and close."""
        return cls("truncated")

    @classmethod
    def truncated_json(cls) -> Reply:
        """A complete HTTP answer whose JSON body is cut in half (a proxy's truncated page)."""
        return cls("truncated_json")

    @classmethod
    def page(cls, html: str) -> Reply:
        """A 200 answer with an HTML page, as a captive portal or a misconfigured proxy sends."""
        return cls("page", body=html, headers={"Content-Type": "text/html; charset=utf-8"})

    @classmethod
    def trickle(cls, *, pieces: int = 10, pause: float = 0.05) -> Reply:
        """A valid brief whose body is sent in ``pieces`` pieces, ``pause`` seconds apart."""
        return cls("trickle", pieces=pieces, delay=pause)


def article_text_of(body: dict[str, Any]) -> str:
    for message in body.get("messages", []):
        content = message.get("content")
        if isinstance(content, str):
            match = _ARTICLE_BLOCK.search(content)
            if match:
                return split_header(match.group(2))[1]
    return ""


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]


def valid_brief_arguments(article_text: str) -> dict[str, Any]:
    """A small brief that validates and whose quotes are verbatim from the article."""
    sentences = _sentences(article_text) or ["(empty)"]
    first = sentences[0][:500]
    return {
        "bluf": "The article reports an event.",
        "summary": "A short summary of the article.",
        "key_points": ["The article reports an event."],
        "actors": [
            {"name": "Reporter", "kind": "organization", "aliases": [], "evidence": [first]}
        ],
        "stances": [
            {
                "actor": "Reporter",
                "topic": "the event",
                "position": "neutral",
                "summary": "Reports it.",
                "evidence": [first],
            }
        ],
        "threats": [],
        "uncertainties": [],
    }


def completion_body(request: dict[str, Any], reply: Reply) -> dict[str, Any]:
    arguments = reply.arguments
    if arguments is None:
        arguments = valid_brief_arguments(article_text_of(request))
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    message: dict[str, Any] = {"role": "assistant", "content": None}
    finish = reply.finish_reason
    tools = request.get("tools") or []
    if tools:
        name = tools[0].get("function", {}).get("name", "BriefDraft")
        message["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}
        ]
        if finish == "stop":
            finish = "tool_calls"
    else:
        message["content"] = text
    prompt_tokens, completion_tokens = reply.usage
    if reply.kind == "cut_off":
        completion_tokens = reply.written or request.get("max_tokens") or completion_tokens
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "fake"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


_NO_COMPLETION = frozenset({"drop", "status", "page"})
"""Reply kinds that send no completion body."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 drops connections under a burst

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (it timed out, or a test stopped it) is not news; the
        default prints a traceback to stderr for each."""
        if not isinstance(sys.exception(), ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class FakeOpenAI:
    """The server. Use as a context manager; ``base_url`` ends in ``/v1``."""

    def __init__(self, fallback: Callable[[dict[str, Any]], Reply] | None = None) -> None:
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self.requests: list[RecordedRequest] = []
        self.fallback = fallback or (lambda request: Reply.brief())
        self.in_flight = 0
        self.max_in_flight = 0
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._script.extend(replies)

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self._script:
                return self._script.popleft()
        return self.fallback(body)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _arrived(self) -> int:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return self.in_flight

    def _answered(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in separate writes: with Nagle's algorithm on, the body
            # waits for the client's delayed ACK of the headers, about 40 ms on Linux
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read ``server.requests`` instead."""

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, json.dumps({"object": "list", "data": [{"id": "fake"}]}))
                else:
                    self._send(404, json.dumps({"error": {"message": "not found"}}))

            def do_POST(self) -> None:
                in_flight = server._arrived()
                try:
                    self._post(in_flight)
                finally:
                    server._answered()

            def _post(self, in_flight: int) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {}
                received_at = time.monotonic()
                server._record(
                    RecordedRequest(
                        self.path,
                        {key.lower(): value for key, value in self.headers.items()},
                        body,
                        received_at,
                        in_flight,
                    )
                )
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, json.dumps({"error": {"message": "not found"}}))
                    return
                reply = server._next_reply(body)
                payload = (
                    "" if reply.kind in _NO_COMPLETION else json.dumps(completion_body(body, reply))
                )
                if reply.kind != "trickle":
                    # the delay runs from arrival, as a model's latency does: the time spent
                    # building the answer is part of it, not added to it
                    time.sleep(max(0.0, received_at + reply.delay - time.monotonic()))
                self._answer(reply, payload)

            def _answer(self, reply: Reply, payload: str) -> None:
                if reply.kind == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if reply.kind in ("status", "page"):
                    self._send(reply.status_code, reply.body or "{}", reply.headers)
                    return
                if reply.kind == "truncated":
                    encoded = payload.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(encoded)))
                    self.end_headers()
                    self.wfile.write(encoded[: len(encoded) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.close()
                    return
                if reply.kind == "truncated_json":
                    self._send(200, payload[: len(payload) // 2])
                    return
                if reply.kind == "trickle":
                    self._trickle(payload.encode(), reply.pieces, reply.delay)
                    return
                self._send(200, payload, reply.headers)

            def _trickle(self, encoded: bytes, pieces: int, pause: float) -> None:
                size = -(-len(encoded) // max(pieces, 1))
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(encoded)))
                    self.end_headers()
                    for start in range(0, len(encoded), size):
                        self.wfile.write(encoded[start : start + size])
                        self.wfile.flush()
                        time.sleep(pause)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def _send(self, code: int, text: str, headers: dict[str, str] | None = None) -> None:
                encoded = text.encode()
                try:
                    headers = {"Content-Type": "application/json"} | (headers or {})
                    self.send_response(code)
                    self.send_header("Content-Length", str(len(encoded)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(encoded)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        return Handler
