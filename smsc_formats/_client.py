"""Client and AsyncClient: the seam, a transport, failover and retries.

Every decision lives in one generator, :meth:`_Plan.run`, that yields what to do next (send
this request, or wait this many seconds) and is told what happened; the two clients only carry
it out, one with blocking calls and one with ``await``. So failover, retries, the limiter and
the cache behave the same in both.

A try moves to the next host on a :class:`TransportError` (no connection, a timeout, an empty
body, an HTTP 5xx), waiting ``Retry.backoff`` seconds, doubling each time, up to
``Retry.attempts`` tries. Error 9 is tried again after ``Retry.too_many_requests_wait`` only
when ``Retry.too_many_requests`` allows it: the default is not to, since the server says a
repeated send is a duplicate. Every other error reply raises its :class:`ApiError`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Generator, Hashable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, TypedDict, TypeVar, Union

from typing_extensions import Self, Unpack

from ._exceptions import HttpStatusError, TransportError
from ._fmt import Fmt
from ._http import DEFAULT_HOSTS, DEFAULT_TIMEOUT, Credentials, HttpRequest, HttpResponse, build_request, parse_response
from ._limits import RateLimiter, ReplyCache
from ._reply import ErrorReply
from .operations import Operation
from .transports.base import AsyncTransport, Transport

M = TypeVar("M")

logger = logging.getLogger("smsc_formats")

Step = Union[HttpRequest, float]  # noqa: UP007 - runtime alias on 3.10
"""What the plan asks for next: send this request, or wait this many seconds."""
Outcome = Union[HttpResponse, TransportError, None]  # noqa: UP007 - runtime alias on 3.10


@dataclass(frozen=True, slots=True)
class Retry:
    """How often, and after how long, a call is tried again."""

    attempts: int = 5
    """Tries in all on transport failures, each on the next host in turn."""
    backoff: float = 0.5
    """Seconds before the second try; doubled before each further one."""
    backoff_max: float = 8.0
    too_many_requests: int = 0
    """Further tries after error 9; off, because a repeated send would send twice."""
    too_many_requests_wait: float = 60.0
    """Seconds to wait after error 9: the server counts its limits per minute."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("Retry.attempts counts the first try too: at least 1")

    def delay(self, failures: int) -> float:
        return min(self.backoff * 2.0 ** (failures - 1), self.backoff_max)


def _worth_another_host(error: TransportError) -> bool:
    return not isinstance(error, HttpStatusError) or error.status_code >= 500


@dataclass(frozen=True, slots=True, kw_only=True)
class _Plan:
    credentials: Credentials
    hosts: Sequence[str]
    fmt: Fmt
    charset: str
    method: Literal["GET", "POST"]
    timeout: float
    retry: Retry
    limiter: RateLimiter | None
    cache: ReplyCache | None

    def run(self, operation: Operation[M]) -> Generator[Step, Outcome, M | list[M]]:
        """The whole call as steps; a failed exchange is thrown in at the ``yield``."""
        key = (operation.path, tuple(operation.flags.items()), tuple(sorted(operation.params.items())))
        cached = self.cache.get(operation.name, key) if self.cache is not None else None
        if cached is not None:
            logger.debug("%s answered from the cache", operation.name)
            return cached  # type: ignore[no-any-return]
        failures = busy = 0
        while True:
            base_url = self.hosts[failures % len(self.hosts)]
            request = build_request(
                operation,
                credentials=self.credentials,
                fmt=self.fmt,
                charset=self.charset,
                base_url=base_url,
                method=self.method,
                timeout=self.timeout,
            )
            try:
                response = yield from self._send(request, key, operation.name)
                reply = parse_response(operation, response, fmt=self.fmt, charset=self.charset)
            except TransportError as error:
                failures += 1
                if failures >= self.retry.attempts or not _worth_another_host(error):
                    raise
                delay = self.retry.delay(failures)
                logger.warning("%s; trying %s in %.2f s", error, self.hosts[failures % len(self.hosts)], delay)
                yield delay
                continue
            if isinstance(reply, ErrorReply):
                if reply.retryable and busy < self.retry.too_many_requests:
                    busy += 1
                    logger.warning(
                        "%s: error %d, trying again in %.0f s",
                        operation.name,
                        reply.code,
                        self.retry.too_many_requests_wait,
                    )
                    yield self.retry.too_many_requests_wait
                    continue
                reply.raise_for_error()
            if self.cache is not None:
                self.cache.put(operation.name, key, reply)
            return reply

    def _send(self, request: HttpRequest, key: Hashable, name: str) -> Generator[Step, Outcome, HttpResponse]:
        """One exchange, inside the limiter when there is one."""
        while self.limiter is not None and (wait := self.limiter.reserve(key, name)):
            yield wait
        logger.debug("%s %s", request.method, request.redacted_url)
        try:
            response = yield request
        finally:
            if self.limiter is not None:
                self.limiter.release()
        assert isinstance(response, HttpResponse)
        return response


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
    timeout: float
    """Seconds to wait for each answer."""
    retry: Retry
    limiter: RateLimiter | None
    """Off by default; a :class:`RateLimiter` waits rather than break the API's limits."""
    cache: ReplyCache | None
    """Off by default; a :class:`ReplyCache` answers repeated look-ups from memory."""


class _Options:
    """What both clients are built from."""

    def __init__(self, credentials: Credentials, **options: Unpack[ClientOptions]) -> None:
        hosts = tuple(options.get("hosts", DEFAULT_HOSTS))
        if not hosts:
            raise ValueError("hosts must name at least one base URL")
        self._plan = _Plan(
            credentials=credentials,
            hosts=hosts,
            fmt=Fmt(options.get("fmt", Fmt.JSON)),
            charset=options.get("charset", "utf-8"),
            method=options.get("method", "POST"),
            timeout=options.get("timeout", DEFAULT_TIMEOUT),
            retry=options.get("retry", Retry()),
            limiter=options.get("limiter"),
            cache=options.get("cache"),
        )

    def __repr__(self) -> str:
        plan = self._plan
        return f"{type(self).__name__}({plan.credentials!r}, hosts={list(plan.hosts)!r}, fmt={int(plan.fmt)})"


def _advance(plan: Generator[Step, Outcome, Any], outcome: Outcome) -> Step:
    return plan.throw(outcome) if isinstance(outcome, TransportError) else plan.send(outcome)


class Client(_Options):
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
        **options: Unpack[ClientOptions],
    ) -> None:
        super().__init__(credentials, **options)
        if transport is None:
            from .transports.urllib import UrllibTransport

            transport = UrllibTransport()
        self.transport = transport
        self._sleep = sleep

    def call(self, operation: Operation[M], /) -> M | list[M]:
        plan = self._plan.run(operation)
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

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_Options):
    """The same as :class:`Client`, awaited; the transport is required (httpx or aiohttp)."""

    def __init__(
        self,
        credentials: Credentials,
        transport: AsyncTransport,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        **options: Unpack[ClientOptions],
    ) -> None:
        super().__init__(credentials, **options)
        self.transport = transport
        self._sleep = sleep

    async def call(self, operation: Operation[M], /) -> M | list[M]:
        plan = self._plan.run(operation)
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

    async def aclose(self) -> None:
        await self.transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()
