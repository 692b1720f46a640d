"""Seeded fault injection for the fake OpenAI server: a fallback that fails a fraction of requests.

    injector = FaultInjector(rate=0.3, seed=7, hang=2.0)
    with FakeOpenAI(fallback=injector) as server:
        ... run a batch against server.base_url ...
    print(injector.injected)  # Counter of faults by kind
    assert account_for(ids, out_dir).clean  # every item briefed or failed once, no torn line

Whether a request fails, and how, is drawn from a generator seeded with the seed, the hash of
the request's article and how many requests for that article came before it, never from
arrival order. So the nth request for an article meets the same fault in every run, whatever
order a concurrent batch sends its requests in. (Whether a retry still fits in the client's
time budget depends on the clock, so the totals can differ by a request or two on a busy
machine.)
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.testing.fake_openai import Reply, article_text_of

FAULT_KINDS = (
    "429",
    "429_retry_after",
    "500",
    "503",
    "dropped_connection",
    "read_timeout",
    "slow_trickle",
    "truncated_body",
    "truncated_json",
    "invalid_tool_call",
)
"""Every kind of fault the injector knows, as counted in ``FaultInjector.injected``."""

INVALID_TOOL_CALL = {"bluf": 42, "actors": "not a list"}
"""Tool-call arguments that do not validate against the brief's schema."""


def _article_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class FaultInjector:
    """A ``FakeOpenAI`` fallback that answers a valid brief, except for a seeded ``rate`` of
    requests, which get one of ``kinds`` (by default all of ``FAULT_KINDS``).

    ``hang`` is how long a ``read_timeout`` waits before answering: make it longer than the
    client's timeout. Retry-After is 0 or 1 second, so retries stay quick.
    """

    def __init__(
        self,
        *,
        rate: float,
        seed: int,
        hang: float,
        kinds: Sequence[str] = FAULT_KINDS,
        trickle_pause: float = 0.02,
    ) -> None:
        unknown = set(kinds) - set(FAULT_KINDS)
        if unknown or not kinds:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}; known: {FAULT_KINDS}")
        self.rate = rate
        self.seed = seed
        self.hang = hang
        self.kinds = tuple(kinds)
        self.trickle_pause = trickle_pause
        self.injected: Counter[str] = Counter()
        self._requests: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def requests(self) -> int:
        with self._lock:
            return self._requests.total()

    def __call__(self, body: dict[str, Any]) -> Reply:
        key = _article_key(article_text_of(body))
        with self._lock:
            earlier = self._requests[key]
            self._requests[key] += 1
        # Not for security: a repeatable choice of faults for a test.
        draw = random.Random(f"{self.seed}:{key}:{earlier}")  # noqa: S311  # nosec B311
        if draw.random() >= self.rate:
            return Reply.brief()
        kind = draw.choice(self.kinds)
        with self._lock:
            self.injected[kind] += 1
        return self._fault(kind, draw)

    def _fault(self, kind: str, draw: random.Random) -> Reply:
        if kind == "429":
            return Reply.status(429, message="rate limited")
        if kind == "429_retry_after":
            retry_after = str(draw.choice((0, 1)))
            return Reply.status(429, message="rate limited", headers={"Retry-After": retry_after})
        if kind in ("500", "503"):
            return Reply.status(int(kind), message="injected server error")
        if kind == "dropped_connection":
            return Reply.drop()
        if kind == "read_timeout":
            return Reply.hang(self.hang)
        if kind == "slow_trickle":
            return Reply.trickle(pieces=8, pause=self.trickle_pause)
        if kind == "truncated_body":
            return Reply.truncated_body()
        if kind == "truncated_json":
            return Reply.truncated_json()
        return Reply.brief(INVALID_TOOL_CALL)


@dataclass
class BatchAccount:
    """What a batch's output folder says became of each input item."""

    briefs: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    lost: list[str]
    """Items with neither a brief nor an error line."""
    duplicates: list[str]
    """Items with more than one line between briefs.jsonl and errors.jsonl."""
    torn: list[str]
    """Output files whose last line is incomplete."""

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicates or self.torn)


def account_for(ids: Sequence[str], out_dir: Path) -> BatchAccount:
    """Read briefs.jsonl and errors.jsonl line by line (each line must parse) against ``ids``."""
    read: dict[str, list[dict[str, Any]]] = {}
    torn = []
    for name in ("briefs.jsonl", "errors.jsonl"):
        data = (out_dir / name).read_bytes()
        if data and not data.endswith(b"\n"):
            torn.append(name)
        read[name] = [json.loads(line) for line in data.splitlines()]
    ended = Counter(str(line["id"]) for lines in read.values() for line in lines)
    return BatchAccount(
        briefs=read["briefs.jsonl"],
        errors=read["errors.jsonl"],
        lost=[item for item in ids if item not in ended],
        duplicates=sorted(item for item, times in ended.items() if times > 1),
        torn=torn,
    )
