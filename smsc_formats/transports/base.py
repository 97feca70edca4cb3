"""The transport interface: one method each for sync and async, with distinct names.

Distinct names let one object be both (:class:`MockTransport` is). The protocols are
structural, so any object with the method plugs in; the base classes add ``with`` support.
``translate`` is the one place an adapter turns its library's exceptions into ours.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import Protocol, TypeVar

from typing_extensions import Self

from .._exceptions import RequestNotSent, TransportError
from .._http import HttpRequest, HttpResponse

T = TypeVar("T")

ExceptionTable = Sequence[tuple[type[BaseException], type[TransportError]]]
"""An adapter's translations, most specific first."""


class Transport(Protocol):
    def handle_request(self, request: HttpRequest, /) -> HttpResponse: ...
    def close(self) -> None: ...


class AsyncTransport(Protocol):
    async def handle_async_request(self, request: HttpRequest, /) -> HttpResponse: ...
    async def aclose(self) -> None: ...


class BaseTransport:
    """A synchronous transport; ``with`` closes it."""

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        raise NotImplementedError("a transport implements handle_request()")

    def close(self) -> None:
        """Release connections; nothing to release by default."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncBaseTransport:
    """An asynchronous transport; ``async with`` closes it."""

    async def handle_async_request(self, request: HttpRequest, /) -> HttpResponse:
        raise NotImplementedError("a transport implements handle_async_request()")

    async def aclose(self) -> None:
        """Release connections; nothing to release by default."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()


def _never(exc: BaseException) -> bool:
    return False


NotSent = Callable[[BaseException], bool]
"""Whether a library exception proves the request never left (no connection was made)."""


def translate(table: ExceptionTable, request: HttpRequest, work: Callable[[], T], not_sent: NotSent = _never) -> T:
    """``work()``, with every exception but ours raised as a :class:`TransportError`.

    The table picks the class (most specific first); what ``not_sent`` recognises becomes
    :class:`RequestNotSent`, the one failure a client may repeat a send after; anything else
    the library raises is a plain :class:`TransportError`. Every credential is masked, and the
    original is chained only when nothing in its chain quotes one (a GET carries them in the
    URL, which libraries quote).
    """
    try:
        return work()
    except TransportError:
        raise
    except Exception as exc:
        error = _translated(exc, table, request, not_sent)
    raise error  # outside the handler, so the original is not kept as the context either


async def translate_async(
    table: ExceptionTable, request: HttpRequest, work: Callable[[], Awaitable[T]], not_sent: NotSent = _never
) -> T:
    """:func:`translate` for a coroutine."""
    try:
        return await work()
    except TransportError:
        raise
    except Exception as exc:
        error = _translated(exc, table, request, not_sent)
    raise error


def _translated(exc: Exception, table: ExceptionTable, request: HttpRequest, not_sent: NotSent) -> TransportError:
    target = next((ours for theirs, ours in table if isinstance(exc, theirs)), TransportError)
    if not_sent(exc):
        target = RequestNotSent
    message = request.redact(f"{request.method} {request.redacted_url}: {type(exc).__name__}: {exc}")
    error = target(message)
    error.__cause__ = None if _quotes_a_secret(exc, request) else exc
    error.__suppress_context__ = True
    return error


def _quotes_a_secret(exc: BaseException, request: HttpRequest) -> bool:
    """Whether ``exc``, its arguments, its attributes or anything chained to it holds a credential."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        # its attributes too: httpx keeps the request (and a GET's URL) on the exception, aiohttp its request_info
        text = f"{current!s} {current!r} {current.args!r} {vars(current)!r}"
        if request.redact(text) != text:
            return True
        pending += [
            current.__cause__,
            current.__context__,
            *(arg for arg in current.args if isinstance(arg, BaseException)),
        ]
    return False
