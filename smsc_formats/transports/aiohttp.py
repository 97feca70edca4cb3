"""aiohttp, async only (``pip install smsc-formats[aiohttp]``)."""

from __future__ import annotations

import asyncio
import ssl

try:
    import aiohttp
except ImportError as exc:  # without the extra
    raise ImportError("AiohttpTransport needs aiohttp: pip install 'smsc-formats[aiohttp]'") from exc

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from .base import AsyncBaseTransport, ExceptionTable, map_exceptions

_EXCEPTIONS: ExceptionTable = (
    (asyncio.TimeoutError, TransportTimeout),
    (aiohttp.ClientError, TransportError),
)


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
        if self._session is None:
            self._session = aiohttp.ClientSession()
        with map_exceptions(_EXCEPTIONS, request):
            async with self._session.request(
                request.method,
                request.url,
                data=request.content or None,
                headers=dict(request.headers),
                timeout=aiohttp.ClientTimeout(total=request.timeout),
                ssl=self._ssl,
            ) as answer:
                return HttpResponse(answer.status, tuple(answer.headers.items()), await answer.read())

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
