"""A reply read as it arrives: its records handed on a batch of lines at a time, the body never held.

Streaming is sound where a record is a line: fmt=0 and fmt=1 replies, and a file such as the
get_mnp export (``Phone;mccmnc`` lines, whatever fmt was asked). The bytes a transport hands to
:meth:`Streaming.sink` are cut after the last line break once a batch (:data:`BATCH` bytes) has
come, and each batch is decoded as the whole reply would be (a file's header line put before
it), so every record reads as ``decode`` reads it. An XML or JSON reply (fmt=2/3) is one document
that a line break does not cut: it is read whole, within the limits, and its records handed on
after. An error reply (a short body) is read whole too, and raised.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import queue
import threading
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import Any, Generic, TypeVar

from .._exceptions import DecodeError, TransportError
from .._fmt import Fmt
from .._http import HttpRequest, HttpResponse, parse_response
from .._reply import ErrorReply
from ..formats import DecodeLimits, capabilities
from ..operations import Operation

M = TypeVar("M")

BATCH = 64 * 1024
"""Bytes of whole lines decoded at a time."""


class Closed(Exception):
    """The reader stopped taking records: the exchange is given up."""


class StreamStopped(TransportError):
    """How a stream's sink ends the exchange; the client raises what stopped it instead."""


class Streaming(Generic[M]):
    """One streamed call: what the transport's sink gets, what ``emit`` hands on, and the end."""

    def __init__(
        self,
        operation: Operation[M],
        *,
        fmt: Fmt,
        charset: str,
        limits: DecodeLimits | None,
        emit: Callable[[list[M]], None],
        drain: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        record = operation.reply_record
        self._operation, self._fmt, self._charset, self._emit = operation, fmt, charset, emit
        self._limits = limits or record.limits
        self._drain = drain
        self.lines = capabilities(record.written_in(fmt)).line_records
        self._header = record.layout.csv_header
        self._head = b""
        self._pending = bytearray()
        self._fed = self._handed = self._lines = 0
        self._request: HttpRequest | None = None
        self._failure: BaseException | None = None

    def attach(self, request: HttpRequest) -> HttpRequest:
        """``request`` with this stream as its sink (none for XML or JSON, which are read whole).

        Each try reads the reply from its start: what an earlier try left half read is dropped
        (a try follows only one that handed no record on)."""
        self._request = request
        self._pending.clear()
        self._fed = self._lines = 0
        if not self.lines:
            return request
        return dataclasses.replace(request, sink=self.sink, drain=self._drain)

    def sink(self, chunk: bytes) -> None:
        """The next bytes of a successful reply; whole lines are decoded once a batch has come.

        What stops the stream (a malformed line, a limit, the reader gone) is kept for
        :meth:`stopped` and the transport is ended with :class:`StreamStopped`, which every
        transport lets through as it is.
        """
        try:
            self._take(chunk)
        except (DecodeError, Closed) as failure:
            self._failure = failure
            raise StreamStopped(f"{self._operation.name}: the stream stopped ({failure})") from None

    def stopped(self, error: Exception) -> BaseException | None:
        """What a failed exchange raises with no other try: the stream's own failure, or ``error``
        once records were handed on (they cannot be taken back)."""
        return self._failure or (error if self._handed else None)

    def _take(self, chunk: bytes) -> None:
        self._fed += len(chunk)
        self._within("max_body_bytes", self._fed)
        self._pending += chunk
        if len(self._pending) < BATCH:
            return
        cut = self._pending.rfind(b"\n") + 1
        if not cut:
            self._within("max_line_length", len(self._pending))
            return
        batch = bytes(self._pending[:cut])
        del self._pending[:cut]
        self._decode(batch, last=False)

    def finish(self, response: HttpResponse) -> M | list[M] | ErrorReply:
        """The end of the exchange: the rest decoded and handed on (an empty list returned), or,
        where nothing was streamed (another status, a transport that keeps the body, XML or JSON),
        the reply read whole."""
        if not self._fed:
            return parse_response(self._operation, response, fmt=self._fmt, charset=self._charset, limits=self._limits)
        rest = bytes(self._pending)
        self._pending.clear()
        error = self._decode(rest, last=True) if rest.strip() or not self._lines else None
        return error if error is not None else []

    def _decode(self, batch: bytes, *, last: bool) -> ErrorReply | None:
        """Hand on the records of ``batch`` (whole lines); the error reply if the reply is one."""
        first = not self._lines
        if first and self._header:
            self._head = batch.split(b"\n", 1)[0] + b"\n"
        body = batch if first else self._head + batch
        assert self._request is not None
        try:
            reply = parse_response(
                self._operation,
                HttpResponse(200, (), body, self._request),
                fmt=self._fmt,
                charset=self._charset,
                limits=self._limits,
            )
        except DecodeError as error:
            raise self._at(error) from None
        self._lines += batch.count(b"\n") + (not batch.endswith(b"\n"))
        if isinstance(reply, ErrorReply):
            if first and last:
                return reply
            raise self._fail(f"records, found the error reply {reply.code}")
        records: list[M] = reply if isinstance(reply, list) else [reply]
        self._handed += len(records)
        self._within("max_records", self._handed)
        self._emit(records)
        return None

    def _at(self, error: DecodeError) -> DecodeError:
        """``error`` at its line in the whole reply rather than in its batch."""
        shift = self._lines - (1 if self._header and self._lines else 0)
        line = None if error.line is None else error.line + shift
        return DecodeError(error.expected, operation=error.operation, fmt=error.fmt, line=line, column=error.column)

    def _within(self, limit: str, found: int) -> None:
        """A DecodeError naming ``limit`` of the stream's limits if ``found`` is beyond it."""
        if found > getattr(self._limits, limit):
            fault = self._limits.exceeded(limit, found, line=self._lines + 1)
            raise fault.decode_error(self._operation.name, self._fmt)

    def _fail(self, expected: str) -> DecodeError:
        return DecodeError(expected, operation=self._operation.name, fmt=self._fmt, line=self._lines + 1)


def records(reply: Any) -> list[Any]:
    """The records of a reply read whole: a list's, or the one record."""
    return reply if isinstance(reply, list) else [reply]


AHEAD = 2
"""Batches a stream's exchange may decode before its reader takes them: how far it reads ahead."""


@dataclasses.dataclass(frozen=True)
class _End:
    """The call is over: the reply it returned (records read whole, or none), or what it raised."""

    reply: Any = None
    error: BaseException | None = None


def stream_sync(client: Any, operation: Operation[M], options: dict[str, Any]) -> Generator[M, None, None]:
    """``Client.stream``: the call runs on a thread of its own, which waits (and so stops reading
    from the network) while :data:`AHEAD` batches are not yet taken."""
    handoff: queue.Queue[list[M] | _End] = queue.Queue(maxsize=AHEAD)
    closed = threading.Event()

    def put(item: list[M] | _End) -> None:
        while not closed.is_set():
            with contextlib.suppress(queue.Full):
                handoff.put(item, timeout=_POLL)
                return
        if not isinstance(item, _End):
            raise Closed("the stream's reader went away")

    plan = client._plan
    streaming = Streaming(operation, fmt=plan.fmt, charset=plan.charset, limits=options["limits"], emit=put)

    def work() -> None:
        try:
            put(_End(reply=client._carry_out(plan.run(operation, **options, stream=streaming))))
        except BaseException as error:  # handed to the reader, on its own thread
            put(_End(error=error))

    worker = threading.Thread(target=work, name="smsc-formats-stream", daemon=True)
    worker.start()
    try:
        while not isinstance(item := handoff.get(), _End):
            yield from item
        if item.error is not None:
            raise item.error
        yield from records(item.reply)
    finally:
        closed.set()
        worker.join()


async def stream_async(client: Any, operation: Operation[M], options: dict[str, Any]) -> AsyncGenerator[M, None]:
    """``AsyncClient.stream``: the call runs as a task; an async transport awaits ``drain`` after
    each piece, which waits while :data:`AHEAD` batches are not yet taken."""
    handoff: asyncio.Queue[list[M] | _End] = asyncio.Queue(maxsize=AHEAD)
    decoded: list[list[M]] = []

    async def drain() -> None:
        while decoded:
            await handoff.put(decoded.pop(0))

    plan = client._plan
    streaming = Streaming(
        operation, fmt=plan.fmt, charset=plan.charset, limits=options["limits"], emit=decoded.append, drain=drain
    )

    async def work() -> None:
        try:
            reply = await client._carry_out(plan.run(operation, **options, stream=streaming))
            await drain()
            await handoff.put(_End(reply=reply))
        except Exception as error:  # handed to the reader; a cancellation ends the task as it should
            await handoff.put(_End(error=error))

    task = asyncio.create_task(work())
    try:
        while not isinstance(item := await handoff.get(), _End):
            for record in item:
                yield record
        if item.error is not None:
            raise item.error
        for record in records(item.reply):
            yield record
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


_POLL = 0.05
"""Seconds between looks at whether the reader went away, while the exchange waits for it."""
