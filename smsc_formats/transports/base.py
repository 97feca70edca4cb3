"""The transport interface: one method each for sync and async, with distinct names.

Distinct names let one object be both (:class:`MockTransport` is). The protocols are
structural, so any object with the method plugs in; the base classes add ``with`` support.
``map_exceptions`` is the one place an adapter turns its library's exceptions into ours.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Protocol

from typing_extensions import Self

from .._exceptions import TransportError
from .._http import HttpRequest, HttpResponse

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


@contextmanager
def map_exceptions(table: ExceptionTable, request: HttpRequest) -> Iterator[None]:
    """Re-raise the first matching library exception as ours, with every credential masked.

    The original is chained as ``__cause__`` only when its text holds no credential (a GET
    puts them in the URL, which libraries quote in their messages).
    """
    try:
        yield
    except TransportError:
        raise
    except Exception as exc:
        target = next((ours for theirs, ours in table if isinstance(exc, theirs)), None)
        if target is None:
            raise
        text = f"{exc!s} {exc!r}"
        leaks = any(secret in text for secret in request.secrets)
        message = request.redact(f"{request.method} {request.redacted_url}: {type(exc).__name__}: {exc}")
        raise target(message) from (None if leaks else exc)
