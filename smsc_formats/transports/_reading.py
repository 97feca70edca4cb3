"""What every adapter does the same way around its library: read a reply within its cap and the
call's deadline, inflate a compressed body without letting it grow past the cap, and keep a
blocking exchange inside its deadline.

Adapters read the raw bytes (their library's own decompression is off) and feed them here, so
a gzip bomb is stopped at the cap rather than inflated in memory first.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import zlib
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from .._exceptions import ReplyTooLarge, TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from .base import ExceptionTable, NotSent, translate, translate_async

T = TypeVar("T")

CHUNK = 64 * 1024
"""Bytes asked of the network per read."""
ACCEPT_ENCODING = "gzip, deflate"
"""What the adapters accept: both are inflated here within the cap."""
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class Deadline:
    """When the whole exchange must be over, on the monotonic clock."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.at = time.monotonic() + request.timeout

    def remaining(self) -> float:
        """Seconds left; a :class:`TransportTimeout` once there are none."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> TransportTimeout:
        request = self.request
        return TransportTimeout(
            f"{request.method} {request.redacted_url}: no whole answer within {request.timeout:g} s"
        )


class BodyReader:
    """A reply's bytes as they arrive: at most ``request.max_reply_bytes`` of them, inflated.

    A successful reply (``status`` 2xx) to a request with a ``sink`` is handed to it piece by
    piece and never kept: the body the transport returns is then empty.
    """

    def __init__(self, request: HttpRequest, content_encoding: str | None, deadline: Deadline, status: int) -> None:
        self._request = request
        self._deadline = deadline
        self._limit = request.max_reply_bytes
        self._body = bytearray()
        self._sink = request.sink if 200 <= status < 300 else None
        self._handed = 0
        encoding = (content_encoding or "identity").strip().lower()
        if encoding not in ("identity", "", *_WBITS):
            raise TransportError(f"{self._where}: a reply in the {encoding!r} encoding, which was not asked for")
        self._inflater = zlib.decompressobj(_WBITS[encoding]) if encoding in _WBITS else None
        self._raw_deflate = encoding == "deflate"
        self._fed = False

    @property
    def _where(self) -> str:
        return f"{self._request.method} {self._request.redacted_url}"

    def feed(self, chunk: bytes) -> None:
        """Add ``chunk`` (as it came off the wire), checking the deadline and the cap."""
        self._deadline.remaining()
        self._fed = self._fed or bool(chunk)
        if self._inflater is None:
            self._keep(chunk)
            return
        try:
            self._inflate(chunk)
        except zlib.error as exc:
            if self._raw_deflate and not self._body:  # "deflate" is often sent without its zlib header
                self._inflater, self._raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), False
                self.feed(chunk)
                return
            raise TransportError(f"{self._where}: the compressed reply is corrupt ({exc})") from None

    def _inflate(self, data: bytes) -> None:
        """Inflate ``data`` a chunk at a time, to at most one byte past the cap.

        One call for all the room left would hold its output twice at the end (zlib's buffer
        and the bytes made from it): a bomb would take twice the cap before it is refused.
        """
        assert self._inflater is not None
        while True:
            most = min(self._limit - len(self._body) + 1, CHUNK)
            piece = self._inflater.decompress(data, most)
            self._keep(piece)
            if len(piece) < most:  # all the input is inflated, and nothing is held back
                return
            data = self._inflater.unconsumed_tail

    def _keep(self, data: bytes) -> None:
        if self._handed + len(self._body) + len(data) > self._limit:
            raise ReplyTooLarge(
                f"{self._where}: the reply is larger than {self._limit} bytes (raise max_reply_bytes to read it)",
                limit=self._limit,
            )
        if self._sink is None:
            self._body += data
        else:
            self._handed += len(data)
            self._sink(data)

    async def drained(self) -> None:
        """After each piece, in an async transport: wait while the reader of a sink catches up."""
        if self._sink is not None and self._request.drain is not None:
            await self._request.drain()

    def finish(self) -> bytes:
        """The whole body; a compressed one must have ended where its stream says it ends."""
        if self._inflater is not None and self._fed and not self._inflater.eof:
            raise TransportError(f"{self._where}: the compressed reply ends before its end")
        return bytes(self._body)


def within(deadline: Deadline, work: Callable[[], T], abandon: Callable[[], None]) -> T:
    """``work()``, or a :class:`TransportTimeout` once the deadline passes, whatever it waits on.

    A blocking library only bounds each read, so a server that drips its headers could hold it
    for ever; the exchange runs on a worker thread and the caller stops waiting at the deadline.
    ``abandon`` then runs on a thread of its own, for the adapter to close what it can: closing
    can wait on the very read it would end (requests' buffered reader holds its lock until a
    dripped body is whole), and the caller must not. The worker ends at its own next read.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=run, name="smsc-formats-exchange", daemon=True)
    worker.start()
    worker.join(max(deadline.at - time.monotonic(), 0.0))
    if worker.is_alive():
        threading.Thread(target=abandon, name="smsc-formats-abandon", daemon=True).start()
        raise deadline.expired()
    if failure:
        raise failure[0]
    return outcome[0]


Cuts = list[Callable[[], None]]
"""What ends an exchange's blocked read (closing its response, shutting its socket), noted by
the exchange as it opens them."""


def run_blocking(
    table: ExceptionTable,
    request: HttpRequest,
    not_sent: NotSent,
    exchange: Callable[[HttpRequest, Deadline, Cuts], HttpResponse],
) -> HttpResponse:
    """A blocking adapter's whole exchange: within the request's deadline, translated."""
    deadline = Deadline(request)
    cuts: Cuts = []

    def abandon() -> None:
        for cut in cuts:
            with contextlib.suppress(Exception):  # the exchange is being given up: nothing to report
                cut()

    return translate(
        table, request, lambda: within(deadline, lambda: exchange(request, deadline, cuts), abandon), not_sent
    )


async def run_async(
    table: ExceptionTable,
    request: HttpRequest,
    not_sent: NotSent,
    exchange: Callable[[HttpRequest, Deadline], Coroutine[Any, Any, HttpResponse]],
) -> HttpResponse:
    """An async adapter's whole exchange: cancelled at the request's deadline, translated."""
    deadline = Deadline(request)
    return await translate_async(
        table, request, lambda: asyncio.wait_for(exchange(request, deadline), deadline.remaining()), not_sent
    )
