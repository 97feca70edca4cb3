"""The decisions of a call, as one generator both clients carry out.

:meth:`Plan.run` yields what to do next (send this request, or wait this many seconds) and is
told what happened; so failover, retries, the limiter and the cache behave the same in the
blocking and the awaited client.

A look-up (an operation that declares itself idempotent) moves to the next host on a
:class:`TransportError` (no connection, a timeout, an empty body, an HTTP 5xx), waiting
``Retry.backoff`` seconds, doubling each time, up to ``Retry.attempts`` tries. A call that
changes state moves on only after :class:`RequestNotSent`; after any other failure it may have
taken effect, so it raises :class:`OutcomeUnknown` and is never sent again. Every send gets an
id, so that such an outcome can be settled with status.php. ``timeout`` is a deadline for the
whole call. Error 9 is tried again after ``Retry.too_many_requests_wait`` only when
``Retry.too_many_requests`` allows it and the same request met no unknown outcome. Every other
error reply raises its :class:`ApiError`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar, Union, cast

from .._download import DownloadedFile, parse_download
from .._exceptions import (
    DecodeError,
    HttpStatusError,
    OutcomeUnknown,
    ReplyTooLarge,
    RequestNotSent,
    TransportError,
    TransportTimeout,
)
from .._fmt import Fmt
from .._http import Credentials, HttpRequest, HttpResponse, build_request, parse_response
from .._reply import ErrorReply
from ..formats import DEFAULT_LIMITS, DecodeLimits
from ..operations import Operation
from ._recent import RecentCalls, Unknown
from ._throttle import Clock, RateLimiter, ReplyCache

if TYPE_CHECKING:
    from ..operations.file_replies import FileOperation
    from ._stream import Streaming

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
    try_timeout: float | None = None
    """Seconds one try may take, within the call's deadline. By default a look-up's try takes
    at most half the call's timeout, so that a host that hangs leaves time to ask another; a
    call that changes state may use all the time left, since after a timeout it is not tried
    elsewhere anyway."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("Retry.attempts counts the first try too: at least 1")

    def delay(self, failures: int) -> float:
        return min(self.backoff * 2.0 ** (failures - 1), self.backoff_max)


def _worth_another_host(error: TransportError) -> bool:
    """A host that failed may be alone in failing; one that answered too much, an HTTP error
    below 500, or 501 (the request is not implemented) would be answered the same way by the next."""
    if isinstance(error, ReplyTooLarge):
        return False
    return not isinstance(error, HttpStatusError) or (error.status_code >= 500 and error.status_code != NOT_IMPLEMENTED)


NOT_IMPLEMENTED = 501


def _same_request(operation: Operation[Any]) -> Hashable:
    """What makes two requests identical to the server, leaving out an id the client gave."""
    options = {key: value for key, value in operation.form.items() if key != operation.message_id_param}
    return (operation.path, tuple(operation.flags.items()), tuple(sorted(options.items())))


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    credentials: Credentials
    hosts: Sequence[str]
    fmt: Fmt
    charset: str
    method: Literal["GET", "POST"]
    timeout: float
    max_reply_bytes: int
    retry: Retry
    limiter: RateLimiter | None
    cache: ReplyCache | None
    clock: Clock
    recent: RecentCalls
    json_body: bool = False
    """Whether a call that has a JSON form (send.php's) goes as it, when the call does not say."""

    def run(
        self,
        operation: Operation[M],
        *,
        timeout: float | None,
        max_reply_bytes: int | None,
        limits: DecodeLimits | None = None,
        stream: Streaming[M] | None = None,
        reader: Callable[[HttpResponse], Any] | None = None,
        json_body: bool | None = None,
    ) -> Generator[Step, Outcome, M | list[M]]:
        """The whole call as steps; a failed exchange is thrown in at the ``yield``.

        ``max_reply_bytes`` and ``limits`` are the call's own, else the client's cap raised to
        what the reply declares, and the reply's declared limits. A ``stream`` takes the reply's
        bytes as they arrive; once it has handed records on, a failure is not tried again. A
        ``reader`` reads a reply that is no formatted one (a file, :meth:`fetch`) in place of the codec.
        ``json_body``: whether the call goes as its JSON form, asking for and reading JSON in UTF-8
        (``None``: the client's choice, for a call that has one, with no files, read whole).
        """
        operation = self._identified(operation)
        json_body, fmt, charset = self._form(operation, json_body, plain=stream is None and reader is None)
        record = operation.reply_record
        declared = record.limits.max_body_bytes if record.limits is not DEFAULT_LIMITS else 0
        cap = max(self.max_reply_bytes, declared) if max_reply_bytes is None else max_reply_bytes
        key = (operation.path, tuple(operation.flags.items()), tuple(sorted(operation.form.items())))
        cache = None if operation.files or reader else self.cache  # nor an upload or a file from memory
        cached = cache.get(operation.name, key) if cache is not None else None
        if cached is not None:
            logger.debug("%s answered from the cache", operation.name)
            return cached  # type: ignore[no-any-return]
        failures = busy = 0
        allowed = max(self.timeout, operation.reply_record.timeout) if timeout is None else timeout
        deadline = self.clock() + allowed
        per_try = self.retry.try_timeout
        if per_try is None and operation.is_idempotent:
            per_try = allowed / 2
        while True:
            base_url = self.hosts[failures % len(self.hosts)]
            request = build_request(
                operation,
                credentials=self.credentials,
                fmt=fmt,
                charset=charset,
                base_url=base_url,
                method=self.method,
                timeout=self._try_timeout(deadline, per_try),
                max_reply_bytes=cap,
                json_body=json_body,
            )
            try:
                reply = yield from self._answer(operation, request, key, limits, stream, reader=reader)
            except (TransportError, DecodeError) as error:
                stopping = None if stream is None else stream.stopped(error)
                if stopping is not None:
                    raise stopping from None
                if not (operation.is_idempotent or isinstance(error, RequestNotSent)):
                    raise self._outcome_unknown(operation, base_url, error) from error
                if isinstance(error, DecodeError):
                    raise
                failures += 1
                delay = self.retry.delay(failures)
                if failures >= self.retry.attempts or not _worth_another_host(error):
                    raise
                if self.clock() + delay >= deadline:
                    raise TransportTimeout(f"{error} (no time left before the deadline to try another host)") from error
                logger.warning("%s; trying %s in %.2f s", error, self.hosts[failures % len(self.hosts)], delay)
                yield delay
                continue
            if isinstance(reply, ErrorReply):
                unknown = None if operation.is_idempotent else self.recent.unknown(_same_request(operation))
                if reply.retryable and busy < self.retry.too_many_requests and unknown is None:
                    busy += 1
                    logger.warning(
                        "%s: error %d, trying again in %.0f s",
                        operation.name,
                        reply.code,
                        self.retry.too_many_requests_wait,
                    )
                    yield self.retry.too_many_requests_wait
                    deadline = self.clock() + allowed
                    continue
                _raise(reply, unknown if reply.retryable else None, self.clock())
            if cache is not None and stream is None:  # a stream's records went to its reader
                cache.put(operation.name, key, reply)
            return reply

    def fetch(
        self, operation: FileOperation, *, timeout: float | None, max_reply_bytes: int | None
    ) -> Generator[Step, Outcome, DownloadedFile]:
        """A call answered with a file (``Client.download``), as :meth:`run` carries out any other."""

        def read(response: HttpResponse) -> DownloadedFile | ErrorReply:
            return parse_download(operation, response, fmt=self.fmt, charset=self.charset)

        reply = yield from self.run(operation.operation, timeout=timeout, max_reply_bytes=max_reply_bytes, reader=read)
        return cast(DownloadedFile, reply)

    def _form(self, operation: Operation[Any], asked: bool | None, *, plain: bool) -> tuple[bool, Fmt, str]:
        """Whether the call goes as its JSON form (as asked; else the client's choice, for a call that
        has one, sent ``plain``: read whole, with no files), and the fmt and charset the request names."""
        if asked is None:
            asked = self.json_body and plain and not operation.files and operation.json_path is not None
        return (True, Fmt.JSON, "utf-8") if asked else (False, self.fmt, self.charset)

    def _try_timeout(self, deadline: float, per_try: float | None) -> float:
        left = max(deadline - self.clock(), 0.001)
        return left if per_try is None else min(left, per_try)

    def _identified(self, operation: Operation[M]) -> Operation[M]:
        """A call that creates a message, with an id the client chose when the caller gave none."""
        name = operation.message_id_param
        if name is None or operation.is_idempotent or operation.form.get(name, "0").strip() not in ("", "0"):
            return operation
        return operation.bind({name: str(self.recent.message_id(_same_request(operation)))})

    def _outcome_unknown(self, operation: Operation[Any], host: str, error: Exception) -> OutcomeUnknown:
        name = operation.message_id_param
        message_id = int(operation.form[name]) if name and operation.form.get(name, "").isdigit() else None
        self.recent.outcome_unknown(_same_request(operation), host, message_id)
        settle = f"; settle it with status.php id={message_id}" if message_id is not None else ""
        return OutcomeUnknown(
            f"{operation.name}: the outcome is unknown, so the call was not repeated: the request may have "
            f"reached {host} ({error}){settle}",
            sent=operation,
            host=host,
            message_id=message_id,
        )

    def _answer(
        self,
        operation: Operation[M],
        request: HttpRequest,
        key: Hashable,
        limits: DecodeLimits | None,
        stream: Streaming[M] | None,
        *,
        reader: Callable[[HttpResponse], Any] | None = None,
    ) -> Generator[Step, Outcome, M | list[M] | ErrorReply]:
        """One exchange and its reply: read whole (by ``reader`` when there is one), or handed to
        ``stream`` as it arrives."""
        if stream is None:
            response = yield from self._send(request, key, operation.name)
            if reader is not None:
                return reader(response)  # type: ignore[no-any-return]
            fmt = Fmt.JSON if request.json else self.fmt
            return parse_response(operation, response, fmt=fmt, charset=request.charset, limits=limits)
        response = yield from self._send(stream.attach(request), key, operation.name)
        return stream.finish(response)

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


def _raise(reply: ErrorReply, unknown: Unknown | None, now: float) -> NoReturn:
    """The reply's :class:`ApiError`; after an unknown outcome of the same request, error 9 says
    what it most likely means."""
    note = None
    if unknown is not None:
        message_id = "" if unknown.message_id is None else f" (message id {unknown.message_id})"
        note = (
            f"The same request to {unknown.host} ended with an unknown outcome {now - unknown.at:.0f} s ago"
            f"{message_id}: it most likely went through."
        )
    error = reply.error_class()
    raise error(reply.code, reply.description, operation=reply.operation, message_id=reply.message_id, note=note)
