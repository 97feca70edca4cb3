"""The everyday calls, named as the API's official client libraries name them (``send_sms``,
``get_sms_cost``, ``get_status``, ``get_balance``): each builds a typed operation and calls it.

The requests are built here once for both clients; :class:`Everyday` and :class:`AsyncEveryday`
differ only in how they call. Paging and polling are state machines (:class:`Pages`,
:class:`StatusPoll`) that both drive, so that neither has a second path to the wire.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from .._exceptions import RequestError, StatusNotFinal
from ..operations import (
    BALANCE,
    GET_OPERATOR,
    SEND,
    STATUS,
    Balance,
    Cost,
    CostMode,
    MessageDetails,
    MessageStatus,
    Operation,
    OperatorInfo,
    Sent,
    get_operation,
)
from ..operations.data import IncomingMessage, SentMessage

if TYPE_CHECKING:
    from datetime import date

    from typing_extensions import Unpack

    from ..operations import Brief, Details, Listed, MessageOptions, SendingOptions, Single
    from ..operations import FilesArgument as Files

M = TypeVar("M")
Phones = str | int | Sequence[str | int]
"""One number, several separated by commas, or a sequence of numbers."""

STATUS_PER_MINUTE = 5
"""status.php answers error 9 to more than five requests for one message's status in a minute."""
FIRST_POLL_WAIT = 1.0
"""Seconds :meth:`Everyday.wait_for_status` waits after its first request; doubled each time."""

GET_MESSAGES = get_operation("get_messages")
GET_ANSWERS = get_operation("get_answers")


def sending(options: Mapping[str, Any], /, **fixed: Any) -> Single[Sent]:
    """send.php sending: the caller's ``options`` with what the method is named for (``fixed``:
    the numbers, the text, the kind of message), which no option may change."""
    clash = sorted(options.keys() & fixed.keys())
    if clash:
        raise RequestError("an option the method does not set itself", operation="send", param=clash[0])
    operation = SEND(**options, **fixed)
    if operation.form.get("cost") == str(int(CostMode.PRICE_ONLY)):
        raise RequestError(
            "a sending mode (0, 2 or 3): cost=1 sends nothing, ask get_sms_cost for a price",
            operation="send",
            param="cost",
            found=repr(options["cost"]),
        )
    return cast("Single[Sent]", operation)


def price(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Cost]:
    if "cost" in options:
        raise RequestError("an option the method does not set itself", operation="send", param="cost")
    return cast("Single[Cost]", SEND(phones=phones, mes=message, cost=CostMode.PRICE_ONLY, **options))


def one_operator(phone: str | int) -> Single[OperatorInfo]:
    operation = GET_OPERATOR(phone=phone)
    if operation.expects_list:
        raise RequestError("one phone number", operation="get_operator", param="phone", found=repr(phone))
    return cast("Single[OperatorInfo]", operation)


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
    """When to ask again for a message's status: at once, then after 1, 2, 4 … seconds up to
    ``max_interval``, never more than five times in any minute (the API's limit), and never
    past the deadline. ``wait`` gives the seconds to wait, or ``None`` when the deadline would
    pass first."""

    def __init__(self, now: float, timeout: float, max_interval: float) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be positive, not {timeout!r}")
        if max_interval <= 0:
            raise ValueError(f"max_interval must be positive, not {max_interval!r}")
        self.started = now
        self.deadline = now + timeout
        self._max_interval = max_interval
        self._interval = FIRST_POLL_WAIT
        self._asked: list[float] = []

    def asked(self, now: float) -> None:
        self._asked.append(now)

    def wait(self, now: float) -> float | None:
        at = self._asked[-1] + min(self._interval, self._max_interval)
        if len(self._asked) >= STATUS_PER_MINUTE:
            at = max(at, self._asked[-STATUS_PER_MINUTE] + 60.0)
        self._interval *= 2
        if at > self.deadline:
            return None
        return max(0.0, at - now)


class _Calls:
    """What the everyday methods need of a client: :meth:`call`, its clock and its timeout."""

    if TYPE_CHECKING:

        @overload
        def call(self, operation: Single[M], /, *, timeout: float | None = ..., files: Files | None = ...) -> M: ...
        @overload
        def call(self, operation: Listed[M], /, *, timeout: float | None = ...) -> list[M]: ...
        def call(self, operation: Operation[M], /, **options: Any) -> Any: ...
        def _now(self) -> float: ...
        def _call_timeout(self, deadline: float) -> float: ...
        def _pause(self, seconds: float) -> None: ...


class Everyday(_Calls):
    """:class:`Client`'s everyday calls."""

    def send_sms(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """Send ``message`` to ``phones``; ``options`` are send.php's (``sender``, ``time``, ``translit`` …)."""
        return self.call(sending(options, phones=phones, mes=message))

    def send_batch(self, messages: Mapping[str | int, str], /, **options: Unpack[SendingOptions]) -> Sent:
        """Send each number its own text in one request (``list=``): ``{"79991234567": "Hi, Ann"}``."""
        return self.call(sending(options, list=messages))

    def get_sms_cost(self, phones: Phones, message: str, /, **options: Unpack[MessageOptions]) -> Cost:
        """What sending ``message`` to ``phones`` would cost (``cost=1``): nothing is sent."""
        return self.call(price(phones, message, options))

    def send_hlr(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        """An HLR request (``hlr=1``): whether the numbers exist and where they are; read the
        answer with :meth:`get_status` (its ``imsi``, ``mcc``, ``mnc`` …)."""
        return self.call(sending(options, phones=phones, hlr=1))

    def send_ping(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        """A ping SMS (``ping=1``): an invisible message whose status says whether the phone is on."""
        return self.call(sending(options, phones=phones, ping=1))

    def send_voice(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """A voice call that reads ``message`` out (``call=1``; ``voice=`` picks the voice)."""
        return self.call(sending(options, phones=phones, mes=message, call=1))

    def send_viber(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """A Viber message (``viber=1``)."""
        return self.call(sending(options, phones=phones, mes=message, viber=1))

    def send_telegram(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """A Telegram message (``tg=1``)."""
        return self.call(sending(options, phones=phones, mes=message, tg=1))

    def send_mms(self, phones: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]) -> Sent:
        """An MMS (``mms=1``) with ``files``: ``{"file0": Upload("cat.jpg", data, "image/jpeg")}``."""
        return self.call(sending(options, phones=phones, mes=message, mms=1), files=files)

    def send_email(self, emails: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]) -> Sent:
        """An e-mail (``mail=1``; ``subj`` and ``sender``, the sender's address, in ``options``) with attachments."""
        return self.call(sending(options, phones=emails, mes=message, mail=1), files=files)

    @overload
    def get_status(self, id: int, phone: str | int, /, *, all: Brief = ...) -> MessageStatus: ...
    @overload
    def get_status(self, id: int, phone: str | int, /, *, all: Details) -> MessageDetails: ...
    def get_status(self, id: int, phone: str | int, /, *, all: Any = 0) -> MessageStatus | MessageDetails:
        """The status of message ``id`` to ``phone``: brief, or with ``all=1``/``2`` in full."""
        return self.call(cast("Single[MessageStatus | MessageDetails]", STATUS(id=id, phone=phone, all=all)))

    def wait_for_status(
        self, id: int, phone: str | int, /, *, timeout: float = 300.0, max_interval: float = 30.0
    ) -> MessageStatus:
        """Ask for the status of message ``id`` until it is final (:attr:`MessageStatus.is_final`)
        and return it; within the API's limit of five requests a minute for one message.

        Raises :class:`StatusNotFinal` with the last status when ``timeout`` seconds pass first."""
        poll = StatusPoll(self._now(), timeout, max_interval)
        request = STATUS(id=id, phone=phone)
        while True:
            poll.asked(self._now())
            status = self.call(request, timeout=self._call_timeout(poll.deadline))
            if status.is_final:
                return status
            wait = poll.wait(self._now())
            if wait is None:
                raise StatusNotFinal(id=id, phone=str(phone), status=status.status, waited=timeout)
            self._pause(wait)

    def get_balance(self) -> Balance:
        return self.call(BALANCE())

    def get_operator(self, phone: str | int, /) -> OperatorInfo:
        """The operator, country and region of one number."""
        return self.call(one_operator(phone))

    def iter_messages(
        self,
        *,
        start: date | str | None = None,
        end: date | str | None = None,
        phone: Phones | None = None,
        cnt: int | None = None,
        prev_id: int | None = None,
    ) -> Iterator[SentMessage]:
        """The history of sent messages, newest first, page after page (``cnt`` a page, at most
        1000) until its end; ``prev_id`` starts before that message."""
        pages = message_pages(start=start, end=end, phone=phone, cnt=cnt, prev_id=prev_id)
        while (request := pages.next_request()) is not None:
            yield from pages.feed(self.call(request))

    def iter_answers(
        self,
        *,
        hour: int | None = None,
        to_phone: str | int | None = None,
        cnt: int | None = None,
        after_id: int | None = None,
    ) -> Iterator[IncomingMessage]:
        """Incoming messages, oldest first, page after page (``cnt`` a page) until there are no
        more; ``after_id`` starts after that message, ``hour`` looks that far back (at most 168)."""
        pages = answer_pages(hour=hour, to_phone=to_phone, cnt=cnt, after_id=after_id)
        while (request := pages.next_request()) is not None:
            yield from pages.feed(self.call(request))


class _AsyncCalls:
    if TYPE_CHECKING:

        @overload
        async def call(
            self, operation: Single[M], /, *, timeout: float | None = ..., files: Files | None = ...
        ) -> M: ...
        @overload
        async def call(self, operation: Listed[M], /, *, timeout: float | None = ...) -> list[M]: ...
        async def call(self, operation: Operation[M], /, **options: Any) -> Any: ...
        def _now(self) -> float: ...
        def _call_timeout(self, deadline: float) -> float: ...
        async def _pause(self, seconds: float) -> None: ...


class AsyncEveryday(_AsyncCalls):
    """:class:`AsyncClient`'s everyday calls: those of :class:`Client`, awaited."""

    async def send_sms(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, mes=message))

    async def send_batch(self, messages: Mapping[str | int, str], /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, list=messages))

    async def get_sms_cost(self, phones: Phones, message: str, /, **options: Unpack[MessageOptions]) -> Cost:
        return await self.call(price(phones, message, options))

    async def send_hlr(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, hlr=1))

    async def send_ping(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, ping=1))

    async def send_voice(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, mes=message, call=1))

    async def send_viber(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, mes=message, viber=1))

    async def send_telegram(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, mes=message, tg=1))

    async def send_mms(self, phones: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sending(options, phones=phones, mes=message, mms=1), files=files)

    async def send_email(
        self, emails: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]
    ) -> Sent:
        return await self.call(sending(options, phones=emails, mes=message, mail=1), files=files)

    @overload
    async def get_status(self, id: int, phone: str | int, /, *, all: Brief = ...) -> MessageStatus: ...
    @overload
    async def get_status(self, id: int, phone: str | int, /, *, all: Details) -> MessageDetails: ...
    async def get_status(self, id: int, phone: str | int, /, *, all: Any = 0) -> MessageStatus | MessageDetails:
        return await self.call(cast("Single[MessageStatus | MessageDetails]", STATUS(id=id, phone=phone, all=all)))

    async def wait_for_status(
        self, id: int, phone: str | int, /, *, timeout: float = 300.0, max_interval: float = 30.0
    ) -> MessageStatus:
        poll = StatusPoll(self._now(), timeout, max_interval)
        request = STATUS(id=id, phone=phone)
        while True:
            poll.asked(self._now())
            status = await self.call(request, timeout=self._call_timeout(poll.deadline))
            if status.is_final:
                return status
            wait = poll.wait(self._now())
            if wait is None:
                raise StatusNotFinal(id=id, phone=str(phone), status=status.status, waited=timeout)
            await self._pause(wait)

    async def get_balance(self) -> Balance:
        return await self.call(BALANCE())

    async def get_operator(self, phone: str | int, /) -> OperatorInfo:
        return await self.call(one_operator(phone))

    async def iter_messages(
        self,
        *,
        start: date | str | None = None,
        end: date | str | None = None,
        phone: Phones | None = None,
        cnt: int | None = None,
        prev_id: int | None = None,
    ) -> AsyncIterator[SentMessage]:
        pages = message_pages(start=start, end=end, phone=phone, cnt=cnt, prev_id=prev_id)
        while (request := pages.next_request()) is not None:
            for record in pages.feed(await self.call(request)):
                yield record

    async def iter_answers(
        self,
        *,
        hour: int | None = None,
        to_phone: str | int | None = None,
        cnt: int | None = None,
        after_id: int | None = None,
    ) -> AsyncIterator[IncomingMessage]:
        pages = answer_pages(hour=hour, to_phone=to_phone, cnt=cnt, after_id=after_id)
        while (request := pages.next_request()) is not None:
            for record in pages.feed(await self.call(request)):
                yield record


def message_pages(**options: Any) -> Pages[SentMessage]:
    """get.php's history, read back from the newest: ``prev_id`` is the lowest ``int_id`` seen."""
    return Pages(GET_MESSAGES, options, cursor_param="prev_id", cursor=lambda record: record.int_id, forwards=False)


def answer_pages(**options: Any) -> Pages[IncomingMessage]:
    """get.php's incoming messages, read forwards: ``after_id`` is the highest ``id`` seen."""
    return Pages(GET_ANSWERS, options, cursor_param="after_id", cursor=lambda record: record.id, forwards=True)
