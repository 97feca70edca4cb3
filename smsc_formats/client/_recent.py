"""What a client remembers of its recent calls that change state, for one minute.

The server refuses an identical send within a minute (error 9), which is what keeps a caller's
own retry from sending twice. A client gives every send an id, so that an unknown outcome can
be settled with status.php; the same request repeated within that minute gets the same id, so
the server still sees it as identical. A call that met an unknown outcome is remembered too, so
that error 9 on its repeat can say that the first one most likely went through.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Hashable
from dataclasses import dataclass

from ._throttle import Clock

WINDOW = 60.0
"""Seconds over which the server counts identical requests."""
LARGEST_ID = 2_147_483_647
"""The largest message id a client may give (the API takes 1 to 2147483647)."""


@dataclass(frozen=True, slots=True)
class Unknown:
    """A call whose outcome was unknown: where it went and when (on the client's clock)."""

    host: str
    at: float
    message_id: int | None


class RecentCalls:
    """Thread-safe, and it forgets everything older than the window."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._ids: dict[Hashable, tuple[int, float]] = {}
        self._unknown: dict[Hashable, Unknown] = {}

    def message_id(self, request: Hashable) -> int:
        """The id for this request: the one it had within the window, or a new random one."""
        with self._lock:
            now = self._forget()
            given = self._ids.pop(request, None)
            message_id = given[0] if given else secrets.randbelow(LARGEST_ID) + 1
            self._ids[request] = (message_id, now)  # at the end: both tables stay in time order
            return message_id

    def outcome_unknown(self, request: Hashable, host: str, message_id: int | None) -> None:
        with self._lock:
            self._unknown.pop(request, None)
            self._unknown[request] = Unknown(host, self._forget(), message_id)

    def unknown(self, request: Hashable) -> Unknown | None:
        """The unknown outcome this request met within the window, if any."""
        with self._lock:
            self._forget()
            return self._unknown.get(request)

    def _forget(self) -> float:
        """Drop what the window has passed (the oldest stand first); the time now."""
        now = self._clock()
        while self._ids and next(iter(self._ids.values()))[1] <= now - WINDOW:
            del self._ids[next(iter(self._ids))]
        while self._unknown and next(iter(self._unknown.values())).at <= now - WINDOW:
            del self._unknown[next(iter(self._unknown))]
        return now
