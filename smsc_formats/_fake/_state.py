"""The fake account's clock and the records it keeps: no answers here, only what they read.

The clock is real time plus an offset that :meth:`Clock.advance` adds to, so a test may let
time run (a message is delivered ``delivery`` seconds after it was sent) or move it at once.
Dates are written as the server writes them: Moscow time, ``dd.mm.yyyy hh:mm:ss``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._grammar import MONEY
from ..operations.codes import DeliveryError, StatusCode

if TYPE_CHECKING:
    from ._account import FakeAccount

ApiData = dict[str, Any] | list[dict[str, Any]]
"""A reply as fmt=3 keys and values."""
Refusal = int | tuple[int, int]
"""An error code, or a code and the message id that send.php adds to errors 3, 6, 7 and 8."""


class ErrorLine(int):
    """An error code the server answers with its own fmt=0 line whatever fmt was asked (a template
    change with an unknown id, as smsc-java saw it)."""


Reply = ApiData | Refusal
Fields = Mapping[str, str]
Handler = Callable[["FakeAccount", Fields], Reply]

MOSCOW = timezone(timedelta(hours=3))
DATE = "%d.%m.%Y %H:%M:%S"
WINDOW = 60.0
"""The minute over which the server counts repeated requests."""


class NotHandled(Exception):
    """A request, or one of its options, that the fake does not implement: answered with HTTP 501."""

    def __init__(self, *options: str) -> None:
        super().__init__(", ".join(options))
        self.options = options


Answered = TypeVar("Answered")


@dataclass(frozen=True)  # no slots: a generic alias sets ``__orig_class__`` on what it makes
class Served(Generic[Answered]):
    """A handler and the request fields it takes (beyond credentials, ``fmt``, ``charset`` and
    its operation's flags); a request with any other field that is set is answered with 501."""

    handle: Callable[[FakeAccount, Fields], Answered]
    takes: frozenset[str]


Script = Served[Reply]
"""A call answered with a reply."""


def handles(registry: dict[str, Script], name: str, *takes: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of the operation called ``name``."""

    def register(handler: Handler) -> Handler:
        registry[name] = Script(handler, frozenset(takes))
        return handler

    return register


class Clock:
    """Unix seconds: real time plus an offset (safe to read from any thread)."""

    def __init__(self) -> None:
        self.offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"time only moves forward: {seconds!r} seconds")
        with self._lock:
            self.offset += seconds


def local(moment: float) -> datetime:
    """``moment`` as the account's naive local (Moscow) time."""
    return datetime.fromtimestamp(moment, MOSCOW).replace(tzinfo=None)


def written(moment: float) -> str:
    return local(moment).strftime(DATE)


STATUS_NAMES: dict[int, str] = {
    StatusCode.NOT_FOUND: "Сообщение не найдено",
    StatusCode.TRANSFERRED: "Передано оператору",
    StatusCode.DELIVERED: "Доставлено",
    StatusCode.UNABLE_TO_DELIVER: "Невозможно доставить",
    StatusCode.INVALID_NUMBER: "Неверный номер",
    StatusCode.PROHIBITED: "Запрещено",
    StatusCode.UNAVAILABLE_NUMBER: "Недоступный номер",
}
"""``status_name`` as the Russian pages write it; a code not listed is named by its number."""


@dataclass(slots=True)
class Message:
    """One message to one number: what send.php created, and how it ends."""

    id: int
    phone: str
    int_id: int
    sent: float
    text: str
    cost: Decimal
    cnt: int
    type: int
    """status.php's ``type``: 0 SMS, 1 flash, 4 HLR, 5 ping, 7 call, 10 Viber, 12 social, ..."""
    outcome: tuple[int, int] = (StatusCode.DELIVERED, DeliveryError.NO_ERROR)
    """The final ``status`` and ``err``."""
    sender: str = ""
    comment: str = ""
    due: float = 0.0
    """When it leaves for the operator: ``sent``, or the later ``time`` it was scheduled for."""
    reported: bool = False
    """Whether its final status was posted to the callback URL."""

    def state(self, now: float, delivery: float) -> tuple[int, int, float]:
        """``status``, ``err`` and when the status last changed, at ``now``."""
        due = max(self.due, self.sent)
        if now < due:
            return StatusCode.WAITING, DeliveryError.NO_ERROR, self.sent
        if now - due < delivery:
            return StatusCode.TRANSFERRED, DeliveryError.NO_ERROR, due
        return (*self.outcome, due + delivery)


def scheduled(text: str, tz: int, now: float) -> float | None:
    """When send.php's ``time`` (``DDMMYYhhmm``, ``DD.MM.YY hh:mm``, ``0<unix seconds>`` or
    ``+<minutes>``, in Moscow time plus ``tz`` hours) falls; ``None`` for no such date. The
    ``h1-h2`` window is not implemented."""
    if "-" in text:
        raise NotHandled("time (an h1-h2 window)")
    if text.startswith("+") and text[1:].isdigit():
        return now + 60 * int(text[1:])
    if text.startswith("0") and text.isdigit() and len(text) != len("DDMMYYhhmm"):
        return float(text)
    for pattern in ("%d%m%y%H%M", "%d.%m.%y %H:%M"):
        try:
            moment = datetime.strptime(text, pattern).replace(tzinfo=MOSCOW)
        except ValueError:
            continue
        return moment.timestamp() - 3600 * tz
    return None


@dataclass(slots=True)
class Incoming:
    """An SMS the account received (``FakeSmsc.receive``)."""

    id: int
    sent: float
    phone: str
    to_phone: str
    message: str
    reported: bool = False
    """Whether it was posted to the callback URL."""


@dataclass(slots=True)
class Call:
    """A subscriber's call to the number wait_call.php gave (``FakeSmsc.call``)."""

    id: int
    time: float
    phone: str
    to_phone: str
    reported: bool = False
    """Whether it was posted to the callback URL."""


@dataclass(slots=True)
class Contact:
    id: int
    phone: str
    name: str = ""
    groups: list[int] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """``first_name``, ``last_name``, ``middle_name``, ``birthday`` where set."""
    kept: dict[str, str] = field(default_factory=dict)
    """The details the record does not show (``cmt``, ``tags`` …), as given."""


@dataclass(slots=True)
class SubClient:
    id: int
    login: str
    settings: dict[str, str] = field(default_factory=dict)
    payments: list[tuple[float, Decimal]] = field(default_factory=list)
    senders: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The sub-client's own sender names (senders.php with ``user``), kept as the account's are."""


def read_day(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%d.%m.%Y").date()  # noqa: DTZ007 - a day of the account's own zone
    except ValueError:
        return None


def read_money(text: str) -> Decimal | None:
    """``text`` as an amount as the API writes one (``40.00``); ``None`` for anything else."""
    return Decimal(text) if MONEY.fullmatch(text) else None


def read_period(fields: Fields) -> tuple[date, date] | None:
    """The ``start``/``end`` days (either open); ``None`` for a day that is no ``dd.mm.yyyy``."""
    days = [
        read_day(fields[key]) if fields.get(key) else bound for key, bound in (("start", date.min), ("end", date.max))
    ]
    start, end = days
    return None if start is None or end is None else (start, end)
