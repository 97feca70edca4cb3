"""httpx, sync and async (``pip install smsc-formats[httpx]``).

Redirects are never followed, whatever the client was built with; the reply is read raw and
inflated within the request's cap; a failure to connect (name, refusal, TLS handshake) is told
apart from one after the request may have left.
"""

from __future__ import annotations

import asyncio

try:
    import httpx
except ImportError as exc:  # without the extra
    raise ImportError("HttpxTransport needs httpx: pip install 'smsc-formats[httpx]'") from exc

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from ._logging import mask_credentials_in
from ._reading import ACCEPT_ENCODING, BodyReader, Cuts, Deadline, run_async, run_blocking
from .base import AsyncBaseTransport, BaseTransport, ExceptionTable

mask_credentials_in("httpx", "httpcore.http11", "httpcore.http2")  # httpcore logs the reply's headers at DEBUG

_EXCEPTIONS: ExceptionTable = (
    (httpx.TimeoutException, TransportTimeout),
    (asyncio.TimeoutError, TransportTimeout),
    (httpx.HTTPError, TransportError),
)


def _not_sent(exc: BaseException) -> bool:
    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout))


def _outgoing(client: httpx.Client | httpx.AsyncClient, request: HttpRequest, deadline: Deadline) -> httpx.Request:
    headers = {**dict(request.headers), "Accept-Encoding": ACCEPT_ENCODING}
    timeout = httpx.Timeout(deadline.remaining())
    return client.build_request(request.method, request.url, content=request.content, headers=headers, timeout=timeout)


def _reader(answer: httpx.Response, request: HttpRequest, deadline: Deadline) -> BodyReader:
    return BodyReader(request, answer.headers.get("Content-Encoding"), deadline, answer.status_code)


def _response(answer: httpx.Response, request: HttpRequest, body: bytes) -> HttpResponse:
    return HttpResponse(answer.status_code, tuple(answer.headers.multi_items()), body, request)


class HttpxTransport(BaseTransport):
    """Requests through an ``httpx.Client``, which the transport owns and closes."""

    def __init__(self, client: httpx.Client | None = None) -> None:
        self._client = client or httpx.Client()

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        return run_blocking(_EXCEPTIONS, request, _not_sent, self._exchange)

    def _exchange(self, request: HttpRequest, deadline: Deadline, cuts: Cuts) -> HttpResponse:
        answer = self._client.send(_outgoing(self._client, request, deadline), stream=True, follow_redirects=False)
        cuts.append(answer.close)
        try:
            reader = _reader(answer, request, deadline)
            for chunk in answer.iter_raw():
                reader.feed(chunk)
            return _response(answer, request, reader.finish())
        finally:
            answer.close()

    def close(self) -> None:
        self._client.close()


class AsyncHttpxTransport(AsyncBaseTransport):
    """Requests through an ``httpx.AsyncClient``, which the transport owns and closes."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient()

    async def handle_async_request(self, request: HttpRequest, /) -> HttpResponse:
        return await run_async(_EXCEPTIONS, request, _not_sent, self._exchange)

    async def _exchange(self, request: HttpRequest, deadline: Deadline) -> HttpResponse:
        outgoing = _outgoing(self._client, request, deadline)
        answer = await self._client.send(outgoing, stream=True, follow_redirects=False)
        try:
            reader = _reader(answer, request, deadline)
            async for chunk in answer.aiter_raw():
                reader.feed(chunk)
                await reader.drained()
            return _response(answer, request, reader.finish())
        finally:
            await answer.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()
