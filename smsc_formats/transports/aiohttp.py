"""aiohttp, async only (``pip install smsc-formats[aiohttp]``).

Redirects are never followed; aiohttp's own decompression is off, so the reply is inflated
within the request's cap; its habit of sending a GET again on a dropped connection is turned
off on the session, since a GET can carry a send.
"""

from __future__ import annotations

import asyncio
import ssl

try:
    import aiohttp
except ImportError as exc:  # without the extra
    raise ImportError("AiohttpTransport needs aiohttp: pip install 'smsc-formats[aiohttp]'") from exc

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from ._reading import ACCEPT_ENCODING, CHUNK, BodyReader, Deadline, run_async
from .base import AsyncBaseTransport, ExceptionTable

_EXCEPTIONS: ExceptionTable = (
    (asyncio.TimeoutError, TransportTimeout),
    (aiohttp.ClientError, TransportError),
)


def _not_sent(exc: BaseException) -> bool:
    """aiohttp's connector errors: no connection (name, refusal, TLS handshake) was made."""
    return isinstance(exc, (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError))


class AiohttpTransport(AsyncBaseTransport):
    """Requests through an ``aiohttp.ClientSession``, which the transport owns and closes.

    Without a session one is opened on first use, inside the running event loop as aiohttp
    requires. ``ssl_context`` is passed to aiohttp: ``True`` verifies with the system CAs.
    """

    def __init__(
        self, session: aiohttp.ClientSession | None = None, *, ssl_context: ssl.SSLContext | bool = True
    ) -> None:
        self._session = session
        self._ssl = ssl_context

    async def handle_async_request(self, request: HttpRequest, /) -> HttpResponse:
        return await run_async(_EXCEPTIONS, request, _not_sent, self._exchange)

    async def _exchange(self, request: HttpRequest, deadline: Deadline) -> HttpResponse:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        self._session._retry_connection = False  # a repeated GET could be a second send
        async with self._session.request(
            request.method,
            request.url,
            data=request.content or None,
            headers={**dict(request.headers), "Accept-Encoding": ACCEPT_ENCODING},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=deadline.remaining()),
            ssl=self._ssl,
            allow_redirects=False,
            auto_decompress=False,
        ) as answer:
            reader = BodyReader(request, answer.headers.get("Content-Encoding"), deadline, answer.status)
            async for chunk in answer.content.iter_chunked(CHUNK):
                reader.feed(chunk)
                await reader.drained()
            return HttpResponse(answer.status, tuple(answer.headers.items()), reader.finish(), request)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
