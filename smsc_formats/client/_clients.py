"""Client and AsyncClient: a transport, the credentials and the options, over one :class:`Plan`.

The two clients only carry out the plan's steps, one with blocking calls and one with
``await``; every decision is the plan's.
"""

from __future__ import annotations

import asyncio
import difflib
import importlib
import importlib.util
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Sequence
from types import TracebackType
from typing import Any, Literal, TypedDict, TypeVar, overload

from typing_extensions import Self, Unpack

from .._download import DownloadedFile
from .._exceptions import TransportError
from .._fmt import Fmt, is_text_charset
from .._http import DEFAULT_FMT, DEFAULT_HOSTS, DEFAULT_MAX_REPLY_BYTES, DEFAULT_TIMEOUT, Credentials, HttpRequest
from ..operations import Listed, Operation, Single
from ..operations.file_replies import FileOperation
from ..transports.base import AsyncTransport, Transport
from ._call_options import CallOptions, ReadOptions, StreamOptions, checked
from ._everyday import AsyncEveryday, Everyday
from ._plan import Outcome, Plan, Retry, Step
from ._recent import RecentCalls
from ._stream import stream_async, stream_sync
from ._throttle import Clock, RateLimiter, ReplyCache

M = TypeVar("M")
T = TypeVar("T")
MIN_CALL_TIMEOUT = 1.0
"""Seconds the last request of a wait (``wait_for_status``) is given, even past the wait's end."""


class ClientOptions(TypedDict, total=False):
    """The keyword options of :class:`Client` and :class:`AsyncClient`."""

    hosts: Sequence[str]
    """Base URLs tried in turn (default: smsc.ru, then www2 … www5; see :func:`mirror_hosts`)."""
    fmt: int
    """The reply format asked for (default 3, JSON)."""
    charset: str
    """The charset of the request's text and of the reply (default utf-8)."""
    method: Literal["GET", "POST"]
    """POST (default) keeps the credentials out of every URL."""
    json_body: bool
    """Send a call that has a JSON form (send.php's, to ``/rest/send/``) as it (default False)."""
    timeout: float
    """Seconds a whole call may take, every try and wait included (default 10): a deadline."""
    max_reply_bytes: int
    """The largest reply read, after decompression (default 16 MiB); a larger one is :class:`ReplyTooLarge`."""
    retry: Retry
    limiter: RateLimiter | None
    """Off by default; a :class:`RateLimiter` waits rather than break the API's limits."""
    cache: ReplyCache | None
    """Off by default; a :class:`ReplyCache` answers repeated look-ups from memory."""


class _Options:
    """What both clients are built from."""

    def __init__(self, credentials: Credentials, clock: Clock, **options: Unpack[ClientOptions]) -> None:
        unknown = sorted(set(options) - ClientOptions.__optional_keys__)
        if unknown:  # a misspelt option would silently leave its default in place (the real hosts)
            close = difflib.get_close_matches(unknown[0], sorted(ClientOptions.__optional_keys__), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise TypeError(f"{type(self).__name__}() got an unexpected option {unknown[0]!r}{hint}")
        hosts = tuple(options.get("hosts", DEFAULT_HOSTS))
        if not hosts:
            raise ValueError("hosts must name at least one base URL")
        charset = options.get("charset", "utf-8")
        if not is_text_charset(charset):
            raise ValueError(f"charset must be a text charset such as utf-8 or windows-1251, not {charset!r}")
        method, json_body = options.get("method", "POST"), options.get("json_body", False)
        if json_body and method == "GET":
            raise ValueError("json_body=True sends a POST body, which method='GET' cannot")
        self._plan = Plan(
            credentials=credentials,
            hosts=hosts,
            fmt=Fmt(options.get("fmt", DEFAULT_FMT)),
            charset=charset,
            method=method,
            timeout=options.get("timeout", DEFAULT_TIMEOUT),
            max_reply_bytes=options.get("max_reply_bytes", DEFAULT_MAX_REPLY_BYTES),
            retry=options.get("retry", Retry()),
            limiter=options.get("limiter"),
            cache=options.get("cache"),
            clock=clock,
            recent=RecentCalls(clock),
            json_body=json_body,
        )

    def __repr__(self) -> str:
        plan = self._plan
        return f"{type(self).__name__}({plan.credentials!r}, hosts={list(plan.hosts)!r}, fmt={int(plan.fmt)})"

    def _now(self) -> float:
        return self._plan.clock()

    def _run(self, operation: Operation[M], options: dict[str, Any]) -> Generator[Step, Outcome, M | list[M]]:
        """The plan of one ``call`` with its checked ``options``, for both clients."""
        files = options.pop("files")
        operation = operation if files is None else operation.with_files(files)
        return self._plan.run(operation, **options)

    def _fetch(self, operation: FileOperation, options: ReadOptions) -> Generator[Step, Outcome, DownloadedFile]:
        """The plan of one ``download``, for both clients."""
        read = checked("download", options, ReadOptions)
        return self._plan.fetch(operation, **read)

    def _call_timeout(self, deadline: float) -> float:
        """A call's timeout within a longer wait that ends at ``deadline``: the client's own, or
        what is left of the wait, but at least a second, so that a last request can be answered."""
        return min(self._plan.timeout, max(deadline - self._plan.clock(), MIN_CALL_TIMEOUT))


def _advance(plan: Generator[Step, Outcome, Any], outcome: Outcome) -> Step:
    return plan.throw(outcome) if isinstance(outcome, TransportError) else plan.send(outcome)


class Client(_Options, Everyday):
    """A blocking client: ``call(operation)`` returns the reply's model(s) or raises.

    ``transport`` defaults to the standard library's urllib; ``sleep`` is how the client waits;
    the other options are those of :class:`ClientOptions`.
    """

    def __init__(
        self,
        credentials: Credentials,
        transport: Transport | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Clock = time.monotonic,
        **options: Unpack[ClientOptions],
    ) -> None:
        super().__init__(credentials, clock, **options)
        if transport is None:
            from ..transports.urllib import UrllibTransport

            transport = UrllibTransport()
        self.transport = transport
        self._sleep = sleep

    @overload
    def call(self, operation: Single[M], /, **options: Unpack[CallOptions]) -> M: ...
    @overload
    def call(self, operation: Listed[M], /, **options: Unpack[CallOptions]) -> list[M]: ...
    @overload
    def call(self, operation: Operation[M], /, **options: Unpack[CallOptions]) -> M | list[M]: ...
    def call(self, operation: Operation[M], /, **options: Unpack[CallOptions]) -> M | list[M]:
        """The reply to ``operation``. ``timeout`` and ``max_reply_bytes`` override the client's for this
        call, and ``limits`` what the reply may hold; by default a reply that declares larger limits (the
        get_mnp export) gets them, the client's ``max_reply_bytes`` raised to its ``max_body_bytes``.
        ``files`` go with a call that takes them (:meth:`Operation.with_files`). ``json_body=True`` sends
        the call's JSON form (send.php's ``/rest/send/``), ``False`` the form, ``None`` the client's choice."""
        return self._carry_out(self._run(operation, checked("call", options, CallOptions)))

    def download(self, operation: FileOperation, /, **options: Unpack[ReadOptions]) -> DownloadedFile:
        """The file a call of :data:`~smsc_formats.FILE_OPERATIONS` answers (a deferred export, an
        invoice), read whole up to ``max_reply_bytes``; an error reply raises its :class:`ApiError`."""
        return self._carry_out(self._fetch(operation, options))

    def stream(self, operation: Operation[M], /, **options: Unpack[StreamOptions]) -> Generator[M, None, None]:
        """The reply's records one at a time, read as they arrive (see ``_stream``): a fmt=0/1 list or
        a file such as the get_mnp export is never held whole; XML and JSON are read whole first.
        ``timeout`` is a deadline for the whole stream, the reading between records included."""
        return stream_sync(self, operation, checked("stream", options, StreamOptions))

    def _carry_out(self, plan: Generator[Step, Outcome, T]) -> T:
        """The plan's steps, each exchange through the transport; the plan's result."""
        outcome: Outcome = None
        while True:
            try:
                step = _advance(plan, outcome)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]
            if isinstance(step, HttpRequest):
                try:
                    outcome = self.transport.handle_request(step)
                except TransportError as error:
                    outcome = error
            else:
                self._sleep(step)
                outcome = None

    def _pause(self, seconds: float) -> None:
        self._sleep(seconds)

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_Options, AsyncEveryday):
    """The same as :class:`Client`, awaited. ``transport`` defaults to httpx's, or aiohttp's
    where httpx is not installed (``pip install 'smsc-formats[httpx]'`` installs one)."""

    def __init__(
        self,
        credentials: Credentials,
        transport: AsyncTransport | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Clock = time.monotonic,
        **options: Unpack[ClientOptions],
    ) -> None:
        super().__init__(credentials, clock, **options)
        self.transport = default_async_transport() if transport is None else transport
        self._sleep = sleep

    @overload
    async def call(self, operation: Single[M], /, **options: Unpack[CallOptions]) -> M: ...
    @overload
    async def call(self, operation: Listed[M], /, **options: Unpack[CallOptions]) -> list[M]: ...
    @overload
    async def call(self, operation: Operation[M], /, **options: Unpack[CallOptions]) -> M | list[M]: ...
    async def call(self, operation: Operation[M], /, **options: Unpack[CallOptions]) -> M | list[M]:
        """:meth:`Client.call`, awaited."""
        return await self._carry_out(self._run(operation, checked("call", options, CallOptions)))

    async def download(self, operation: FileOperation, /, **options: Unpack[ReadOptions]) -> DownloadedFile:
        """:meth:`Client.download`, awaited."""
        return await self._carry_out(self._fetch(operation, options))

    def stream(self, operation: Operation[M], /, **options: Unpack[StreamOptions]) -> AsyncGenerator[M, None]:
        """:meth:`Client.stream`, for ``async for``."""
        return stream_async(self, operation, checked("stream", options, StreamOptions))

    async def _carry_out(self, plan: Generator[Step, Outcome, T]) -> T:
        """The plan's steps, each exchange awaited through the transport; the plan's result."""
        outcome: Outcome = None
        while True:
            try:
                step = _advance(plan, outcome)
            except StopIteration as done:
                return done.value  # type: ignore[no-any-return]
            if isinstance(step, HttpRequest):
                try:
                    outcome = await self.transport.handle_async_request(step)
                except TransportError as error:
                    outcome = error
            else:
                await self._sleep(step)
                outcome = None

    async def _pause(self, seconds: float) -> None:
        await self._sleep(seconds)

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()


ASYNC_STACKS = (("httpx", "httpx", "AsyncHttpxTransport"), ("aiohttp", "aiohttp", "AiohttpTransport"))
"""The async HTTP libraries :class:`AsyncClient` picks from, in order: (import name, module of
``smsc_formats.transports``, transport class)."""


def default_async_transport() -> AsyncTransport:
    """The transport of the first installed library of :data:`ASYNC_STACKS`."""
    for library, module, name in ASYNC_STACKS:
        if importlib.util.find_spec(library) is not None:
            transport: type[AsyncTransport] = getattr(
                importlib.import_module(f"..transports.{module}", __package__), name
            )
            return transport()
    raise ImportError(
        "AsyncClient needs an async HTTP library and found neither httpx nor aiohttp: "
        "pip install 'smsc-formats[httpx]' (or 'smsc-formats[aiohttp]'), or pass transport="
    )
