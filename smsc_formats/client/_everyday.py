"""The everyday calls, named as the API's official client libraries name them (``send_sms``,
``get_sms_cost``, ``get_status``, ``get_balance``): each builds a typed operation and calls it.

The requests are built here once for both clients, by module-level functions; :class:`Everyday`
and :class:`AsyncEveryday` differ only in how they call, each method one line. Paging and polling
are state machines (``_polls``) that both drive, so that neither has a second path to the wire.

Each method is still declared once per class: Python's typing cannot say "returns ``T``" and
"returns an awaitable ``T``" in one declaration (a type cannot take a type constructor as a
parameter), so a single generic declaration would lose the precise reply types; for the same
reason the two loops (``_records``, ``_final_status``) are written once each way, as one awaits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from .._exceptions import RequestError
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
from ._polls import Pages, StatusPoll

if TYPE_CHECKING:
    from datetime import date

    from typing_extensions import Unpack

    from ..operations import Brief, Details, Listed, MessageOptions, SendingOptions, Single
    from ..operations import FilesArgument as Files

M = TypeVar("M")
Phones = str | int | Sequence[str | int]
"""One number, several separated by commas, or a sequence of numbers."""

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


def sms(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, mes=message)


def batch(messages: Mapping[str | int, str], options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, list=messages)


def hlr(phones: Phones, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, hlr=1)


def ping(phones: Phones, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, ping=1)


def voice(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, mes=message, call=1)


def viber(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, mes=message, viber=1)


def telegram(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, mes=message, tg=1)


def mms(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=phones, mes=message, mms=1)


def email(emails: Phones, message: str, options: Mapping[str, Any]) -> Single[Sent]:
    return sending(options, phones=emails, mes=message, mail=1)


def price(phones: Phones, message: str, options: Mapping[str, Any]) -> Single[Cost]:
    if "cost" in options:
        raise RequestError("an option the method does not set itself", operation="send", param="cost")
    return cast("Single[Cost]", SEND(phones=phones, mes=message, cost=CostMode.PRICE_ONLY, **options))


def one_operator(phone: str | int) -> Single[OperatorInfo]:
    operation = GET_OPERATOR(phone=phone)
    if operation.expects_list:
        raise RequestError("one phone number", operation="get_operator", param="phone", found=repr(phone))
    return cast("Single[OperatorInfo]", operation)


def status(id: int, phone: str | int, all: Any) -> Single[MessageStatus | MessageDetails]:
    return cast("Single[MessageStatus | MessageDetails]", STATUS(id=id, phone=phone, all=all))


class _Calls:
    """What the everyday methods need of a client (:meth:`call`, its clock, its timeout and its
    pause), and the two loops they drive: pages of a list, and a status polled until final."""

    if TYPE_CHECKING:

        @overload
        def call(self, operation: Single[M], /, *, timeout: float | None = ..., files: Files | None = ...) -> M: ...
        @overload
        def call(self, operation: Listed[M], /, *, timeout: float | None = ...) -> list[M]: ...
        def call(self, operation: Operation[M], /, **options: Any) -> Any: ...
        def _now(self) -> float: ...
        def _call_timeout(self, deadline: float) -> float: ...
        def _pause(self, seconds: float) -> None: ...

    def _records(self, pages: Pages[M]) -> Iterator[M]:
        while (request := pages.next_request()) is not None:
            yield from pages.feed(self.call(request))

    def _final_status(self, poll: StatusPoll) -> MessageStatus:
        while True:
            poll.asked(self._now())
            status = self.call(poll.request, timeout=self._call_timeout(poll.deadline))
            wait = poll.after(status, self._now())
            if wait is None:
                return status
            self._pause(wait)


class Everyday(_Calls):
    """:class:`Client`'s everyday calls."""

    def send_sms(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """Send ``message`` to ``phones``; ``options`` are send.php's (``sender``, ``time``, ``translit`` …)."""
        return self.call(sms(phones, message, options))

    def send_batch(self, messages: Mapping[str | int, str], /, **options: Unpack[SendingOptions]) -> Sent:
        """Send each number its own text in one request (``list=``): ``{"79991234567": "Hi, Ann"}``."""
        return self.call(batch(messages, options))

    def get_sms_cost(self, phones: Phones, message: str, /, **options: Unpack[MessageOptions]) -> Cost:
        """What sending ``message`` to ``phones`` would cost (``cost=1``): nothing is sent."""
        return self.call(price(phones, message, options))

    def send_hlr(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        """An HLR request (``hlr=1``): whether the numbers exist and where they are; read the
        answer with :meth:`get_status` (its ``imsi``, ``mcc``, ``mnc`` …)."""
        return self.call(hlr(phones, options))

    def send_ping(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        """A ping SMS (``ping=1``): an invisible message whose status says whether the phone is on."""
        return self.call(ping(phones, options))

    def send_voice(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """A voice call that reads ``message`` out (``call=1``; ``voice=`` picks the voice)."""
        return self.call(voice(phones, message, options))

    def send_viber(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """A Viber message (``viber=1``)."""
        return self.call(viber(phones, message, options))

    def send_telegram(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        """A Telegram message (``tg=1``)."""
        return self.call(telegram(phones, message, options))

    def send_mms(self, phones: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]) -> Sent:
        """An MMS (``mms=1``) with ``files``: ``{"file0": Upload("cat.jpg", data, "image/jpeg")}``."""
        return self.call(mms(phones, message, options), files=files)

    def send_email(self, emails: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]) -> Sent:
        """An e-mail (``mail=1``; ``subj`` and ``sender``, the sender's address, in ``options``) with attachments."""
        return self.call(email(emails, message, options), files=files)

    @overload
    def get_status(self, id: int, phone: str | int, /, *, all: Brief = ...) -> MessageStatus: ...
    @overload
    def get_status(self, id: int, phone: str | int, /, *, all: Details) -> MessageDetails: ...
    def get_status(self, id: int, phone: str | int, /, *, all: Any = 0) -> MessageStatus | MessageDetails:
        """The status of message ``id`` to ``phone``: brief, or with ``all=1``/``2`` in full."""
        return self.call(status(id, phone, all))

    def wait_for_status(
        self, id: int, phone: str | int, /, *, timeout: float = 300.0, max_interval: float = 30.0
    ) -> MessageStatus:
        """Ask for the status of message ``id`` until it is final (:attr:`MessageStatus.is_final`)
        and return it; within the API's limit of five requests a minute for one message.

        Raises :class:`StatusNotFinal` with the last status when ``timeout`` seconds pass first."""
        return self._final_status(StatusPoll(id, phone, self._now(), timeout, max_interval))

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
        return self._records(message_pages(start=start, end=end, phone=phone, cnt=cnt, prev_id=prev_id))

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
        return self._records(answer_pages(hour=hour, to_phone=to_phone, cnt=cnt, after_id=after_id))


class _AsyncCalls:
    """:class:`_Calls`, awaited."""

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

    async def _records(self, pages: Pages[M]) -> AsyncIterator[M]:
        while (request := pages.next_request()) is not None:
            for record in pages.feed(await self.call(request)):
                yield record

    async def _final_status(self, poll: StatusPoll) -> MessageStatus:
        while True:
            poll.asked(self._now())
            status = await self.call(poll.request, timeout=self._call_timeout(poll.deadline))
            wait = poll.after(status, self._now())
            if wait is None:
                return status
            await self._pause(wait)


class AsyncEveryday(_AsyncCalls):
    """:class:`AsyncClient`'s everyday calls: those of :class:`Client`, awaited."""

    async def send_sms(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(sms(phones, message, options))

    async def send_batch(self, messages: Mapping[str | int, str], /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(batch(messages, options))

    async def get_sms_cost(self, phones: Phones, message: str, /, **options: Unpack[MessageOptions]) -> Cost:
        return await self.call(price(phones, message, options))

    async def send_hlr(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(hlr(phones, options))

    async def send_ping(self, phones: Phones, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(ping(phones, options))

    async def send_voice(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(voice(phones, message, options))

    async def send_viber(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(viber(phones, message, options))

    async def send_telegram(self, phones: Phones, message: str, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(telegram(phones, message, options))

    async def send_mms(self, phones: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]) -> Sent:
        return await self.call(mms(phones, message, options), files=files)

    async def send_email(
        self, emails: Phones, message: str, files: Files, /, **options: Unpack[SendingOptions]
    ) -> Sent:
        return await self.call(email(emails, message, options), files=files)

    @overload
    async def get_status(self, id: int, phone: str | int, /, *, all: Brief = ...) -> MessageStatus: ...
    @overload
    async def get_status(self, id: int, phone: str | int, /, *, all: Details) -> MessageDetails: ...
    async def get_status(self, id: int, phone: str | int, /, *, all: Any = 0) -> MessageStatus | MessageDetails:
        return await self.call(status(id, phone, all))

    async def wait_for_status(
        self, id: int, phone: str | int, /, *, timeout: float = 300.0, max_interval: float = 30.0
    ) -> MessageStatus:
        return await self._final_status(StatusPoll(id, phone, self._now(), timeout, max_interval))

    async def get_balance(self) -> Balance:
        return await self.call(BALANCE())

    async def get_operator(self, phone: str | int, /) -> OperatorInfo:
        return await self.call(one_operator(phone))

    def iter_messages(
        self,
        *,
        start: date | str | None = None,
        end: date | str | None = None,
        phone: Phones | None = None,
        cnt: int | None = None,
        prev_id: int | None = None,
    ) -> AsyncIterator[SentMessage]:
        return self._records(message_pages(start=start, end=end, phone=phone, cnt=cnt, prev_id=prev_id))

    def iter_answers(
        self,
        *,
        hour: int | None = None,
        to_phone: str | int | None = None,
        cnt: int | None = None,
        after_id: int | None = None,
    ) -> AsyncIterator[IncomingMessage]:
        return self._records(answer_pages(hour=hour, to_phone=to_phone, cnt=cnt, after_id=after_id))


def message_pages(**options: Any) -> Pages[SentMessage]:
    """get.php's history, read back from the newest: ``prev_id`` is the lowest ``int_id`` seen."""
    return Pages(GET_MESSAGES, options, cursor_param="prev_id", cursor=lambda record: record.int_id, forwards=False)


def answer_pages(**options: Any) -> Pages[IncomingMessage]:
    """get.php's incoming messages, read forwards: ``after_id`` is the highest ``id`` seen."""
    return Pages(GET_ANSWERS, options, cursor_param="after_id", cursor=lambda record: record.id, forwards=True)
