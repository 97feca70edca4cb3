"""The everyday calls' state machines, which the sync and async clients both drive: a paged list a
page at a time (:class:`Pages`), and a message's status asked for until it is final
(:class:`StatusPoll`). They decide; the clients call and wait."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._exceptions import StatusNotFinal
from ..operations import STATUS, MessageStatus

if TYPE_CHECKING:
    from ..operations import Listed

M = TypeVar("M")

STATUS_PER_MINUTE = 5
"""status.php answers error 9 to more than five requests for one message's status in a minute."""
FIRST_POLL_WAIT = 1.0
"""Seconds :meth:`Everyday.wait_for_status` waits after its first request; doubled each time."""


class Pages(Generic[M]):
    """A paged list, a page at a time: :meth:`next_request` is the operation for the next page
    (``None`` once the list has ended), :meth:`feed` takes its records and gives those to yield.

    The cursor is a record's id sent back as ``cursor_param``: the lowest of a page for a list
    read from the newest back (``prev_id``), the highest for one read forwards (``after_id``). The
    list ends at an empty page (the API's end-of-list reply, error 3, reads as one), at a page
    none of whose records has a cursor, and at one that does not move the cursor on: records
    already given are never given twice, and a server that ignores the cursor cannot loop."""

    def __init__(
        self,
        operation: Callable[..., Listed[M]],
        options: Mapping[str, Any],
        *,
        cursor_param: str,
        cursor: Callable[[M], int | None],
        forwards: bool,
    ) -> None:
        self._operation = operation
        self._options = {key: value for key, value in options.items() if value is not None}
        self._cursor_param = cursor_param
        self._cursor_of = cursor
        self._forwards = forwards
        self._cursor: int | None = self._options.pop(cursor_param, None)
        self._ended = False

    def next_request(self) -> Listed[M] | None:
        if self._ended:
            return None
        cursor = {} if self._cursor is None else {self._cursor_param: self._cursor}
        return self._operation(**self._options, **cursor)

    def feed(self, page: Sequence[M]) -> list[M]:
        fresh = [record for record in page if self._is_fresh(self._cursor_of(record))]
        cursors = [cursor for cursor in map(self._cursor_of, fresh) if cursor is not None]
        if not cursors:
            self._ended = True
        else:
            self._cursor = max(cursors) if self._forwards else min(cursors)
        return fresh

    def _is_fresh(self, cursor: int | None) -> bool:
        """Whether a record lies beyond the cursor; one without a cursor of its own is kept."""
        if cursor is None or self._cursor is None:
            return True
        return cursor > self._cursor if self._forwards else cursor < self._cursor


class StatusPoll:
    """When to ask again for the status of message ``id`` to ``phone`` (:attr:`request`): at once,
    then after 1, 2, 4 … seconds up to ``max_interval``, never more than five times in any minute
    (the API's limit), and never past the deadline. :meth:`after` judges each status."""

    def __init__(self, id: int, phone: str | int, now: float, timeout: float, max_interval: float) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, not {timeout!r}")
        if max_interval <= 0:
            raise ValueError(f"max_interval must be positive, not {max_interval!r}")
        self.request = STATUS(id=id, phone=phone)
        self._id, self._phone, self._timeout = id, phone, timeout
        self.deadline = now + timeout
        self._max_interval = max_interval
        self._interval = FIRST_POLL_WAIT
        self._asked: list[float] = []

    def asked(self, now: float) -> None:
        self._asked.append(now)

    def after(self, status: MessageStatus, now: float) -> float | None:
        """``None`` once ``status`` is final (:attr:`MessageStatus.is_final`), else the seconds to
        wait before asking again; :class:`StatusNotFinal` when the deadline would pass first."""
        if status.is_final:
            return None
        at = self._asked[-1] + min(self._interval, self._max_interval)
        if len(self._asked) >= STATUS_PER_MINUTE:
            at = max(at, self._asked[-STATUS_PER_MINUTE] + 60.0)
        self._interval *= 2
        if at > self.deadline:
            raise StatusNotFinal(id=self._id, phone=str(self._phone), status=status.status, waited=self._timeout)
        return max(0.0, at - now)
