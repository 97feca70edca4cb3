"""httpx, sync and async (``pip install smsc-formats[httpx]``)."""

from __future__ import annotations

try:
    import httpx
except ImportError as exc:  # without the extra
    raise ImportError("HttpxTransport needs httpx: pip install 'smsc-formats[httpx]'") from exc

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from .base import AsyncBaseTransport, BaseTransport, ExceptionTable, map_exceptions

_EXCEPTIONS: ExceptionTable = (
    (httpx.TimeoutException, TransportTimeout),
    (httpx.TransportError, TransportError),
)


def _response(answer: httpx.Response) -> HttpResponse:
    return HttpResponse(answer.status_code, tuple(answer.headers.multi_items()), answer.content)


class HttpxTransport(BaseTransport):
    """Requests through an ``httpx.Client``, which the transport owns and closes."""

    def __init__(self, client: httpx.Client | None = None) -> None:
        self._client = client or httpx.Client()

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        with map_exceptions(_EXCEPTIONS, request):
            answer = self._client.request(
                request.method, request.url, content=request.content, headers=request.headers, timeout=request.timeout
            )
        return _response(answer)

    def close(self) -> None:
        self._client.close()


class AsyncHttpxTransport(AsyncBaseTransport):
    """Requests through an ``httpx.AsyncClient``, which the transport owns and closes."""

    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        self._client = client or httpx.AsyncClient()

    async def handle_async_request(self, request: HttpRequest, /) -> HttpResponse:
        with map_exceptions(_EXCEPTIONS, request):
            answer = await self._client.request(
                request.method, request.url, content=request.content, headers=request.headers, timeout=request.timeout
            )
        return _response(answer)

    async def aclose(self) -> None:
        await self._client.aclose()
