"""Caller authentication: ``Authorization: Bearer <key>`` against the configured keys.

The check runs as ASGI middleware, before the body is read or any route runs, so a caller
without a valid key costs nothing. A caller is known by the number of its key ("key-2"),
never by the key itself.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Collection, Sequence

from pydantic import SecretStr
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from summarizer.service.metrics import ServiceMetrics
from summarizer.service.problems import Problem, problem_response

ANONYMOUS = "anonymous"
"""The caller on a loopback-only service, which has no keys."""


class KeyRing:
    """The service keys, held as SHA-256 digests so every comparison takes the same time."""

    def __init__(self, keys: Sequence[SecretStr]) -> None:
        self._digests = [_digest(key.get_secret_value()) for key in keys]

    def __bool__(self) -> bool:
        return bool(self._digests)

    def caller(self, authorization: str | None) -> str | None:
        """The caller whose key the header carries, or None.

        Compares against every key, even after a match, so the time taken says nothing
        about which key (or how much of one) matched.
        """
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        presented = _digest(token.strip())
        found: str | None = None
        for number, digest in enumerate(self._digests, 1):
            if hmac.compare_digest(presented, digest) and found is None:
                found = f"key-{number}"
        return found


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()


class AuthMiddleware:
    """Refuses requests without a valid key with 401, except on ``public_paths``.

    Stores the caller in the request state (``request.state.caller``) for the rate limit
    and for batch ownership.
    """

    def __init__(
        self,
        app: ASGIApp,
        keys: KeyRing,
        public_paths: Collection[str],
        metrics: ServiceMetrics,
    ) -> None:
        self.app = app
        self.keys = keys
        self.public_paths = frozenset(public_paths)
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.public_paths:
            await self.app(scope, receive, send)
            return
        if not self.keys:
            caller: str | None = ANONYMOUS
        else:
            authorization = Headers(scope=scope).get("authorization")
            caller = self.keys.caller(authorization)
            if caller is None:
                detail = (
                    "the API key is not valid: send Authorization: Bearer <key> with a service key"
                    if authorization
                    else "no API key: send the header Authorization: Bearer <key>"
                )
                problem = Problem(401, "unauthorized", detail, {"WWW-Authenticate": "Bearer"})
                self.metrics.count_problem(problem.kind)
                await problem_response(problem)(scope, receive, send)
                return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)
