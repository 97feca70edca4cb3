"""Staying inside the server's limits, on the client's side; both tools are off unless given.

The API answers error 9 to more than three identical requests a minute, more than 100
operator look-ups a minute, or 15 concurrent connections under one login, and blocks the IP
(error 4) when that goes on. :class:`RateLimiter` waits rather than send such a request;
:class:`ReplyCache` answers a repeated look-up from memory. Both take a clock, so they are
tested without waiting.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

Clock = Callable[[], float]

POLL = 0.05
"""Seconds between looks at the concurrency limit (a slot frees when some request ends)."""


@dataclass(frozen=True, slots=True)
class RateLimits:
    """The server's documented rate limits; ``window`` is the minute they are counted over.

    (Not to be confused with :class:`~smsc_formats.DecodeLimits`, the bounds on what ``decode``
    reads.) ``Limits`` is its former name, kept as an alias.
    """

    identical: int = 3
    per_operation: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({"get_operator": 100}))
    concurrent: int = 14
    window: float = 60.0


Limits = RateLimits
"""The former name of :class:`RateLimits`."""


class RateLimiter:
    """Counts requests in a sliding window; thread-safe, and shared by sync and async clients."""

    def __init__(self, limits: RateLimits | None = None, *, clock: Clock = time.monotonic) -> None:
        self.limits = limits or RateLimits()
        self._clock = clock
        self._lock = threading.Lock()
        self._sent: dict[Hashable, deque[float]] = {}
        self.in_flight = 0

    def reserve(self, request_key: Hashable, operation: str) -> float:
        """0.0 when the request may go now (it is then counted), else the seconds to wait first."""
        limits = self.limits
        counters: list[tuple[Hashable, int]] = [(("same", request_key), limits.identical)]
        if operation in limits.per_operation:
            counters.append((("operation", operation), limits.per_operation[operation]))
        with self._lock:
            now = self._clock()
            for key in list(self._sent):  # forget every request older than the window
                self._window(key, now)
            waits = [POLL] if self.in_flight >= limits.concurrent else []
            for key, limit in counters:
                times = self._sent.get(key)
                if times is not None and len(times) >= limit:
                    waits.append(times[0] + limits.window - now)
            if waits:
                return max(waits)
            for key, _ in counters:
                self._sent.setdefault(key, deque()).append(now)
            self.in_flight += 1
            return 0.0

    def release(self) -> None:
        """A reserved request has ended, one way or another."""
        with self._lock:
            self.in_flight -= 1

    def _window(self, key: Hashable, now: float) -> None:
        times = self._sent[key]
        while times and times[0] <= now - self.limits.window:
            times.popleft()
        if not times:
            del self._sent[key]

    @property
    def tracked(self) -> int:
        """How many distinct counters are held (they are dropped once their window is empty)."""
        return len(self._sent)


class ReplyCache:
    """Successful replies of the named operations, kept for ``ttl`` seconds, at most ``max_entries``.

    Thread-safe, so one cache may serve clients on several threads.
    """

    def __init__(
        self,
        ttl: float = 3600.0,
        *,
        operations: Collection[str] = ("get_operator",),
        max_entries: int = 10_000,
        clock: Clock = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.operations = frozenset(operations)
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._replies: dict[Hashable, tuple[float, Any]] = {}

    def __len__(self) -> int:
        return len(self._replies)

    def get(self, operation: str, key: Hashable) -> Any | None:
        if operation not in self.operations:
            return None
        with self._lock:
            stored = self._replies.get(key)
            if stored is None or stored[0] <= self._clock():
                self._replies.pop(key, None)
                return None
            return stored[1]

    def put(self, operation: str, key: Hashable, reply: object) -> None:
        """Keep ``reply``; when full, expired entries go first, then the oldest."""
        if operation not in self.operations:
            return
        with self._lock:
            now = self._clock()
            if len(self._replies) >= self.max_entries:
                self._replies = {k: stored for k, stored in self._replies.items() if stored[0] > now}
            while len(self._replies) >= self.max_entries:
                del self._replies[next(iter(self._replies))]
            self._replies.pop(key, None)
            self._replies[key] = (now + self.ttl, reply)
