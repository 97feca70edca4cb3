"""The standard library's urllib: the transport that needs nothing installed."""

from __future__ import annotations

import http.client
import ssl
import urllib.error
import urllib.request

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from .base import BaseTransport, ExceptionTable, map_exceptions

_EXCEPTIONS: ExceptionTable = (
    (TimeoutError, TransportTimeout),
    (OSError, TransportError),
    (http.client.HTTPException, TransportError),
)


class _KeepErrorStatus(urllib.request.HTTPErrorProcessor):
    """Return every status as a response: the seam, not urllib, decides what an error is."""

    def http_response(self, request: urllib.request.Request, response: http.client.HTTPResponse) -> object:
        return response

    https_response = http_response


class UrllibTransport(BaseTransport):
    """Blocking requests through ``urllib.request``; ``ssl_context`` verifies HTTPS (default: system CAs)."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=ssl_context or ssl.create_default_context()), _KeepErrorStatus()
        )

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        wire = urllib.request.Request(  # noqa: S310 - build_request allows only http and https
            request.url, data=request.content or None, headers=dict(request.headers), method=request.method
        )
        with map_exceptions(_EXCEPTIONS, request):
            try:
                with self._opener.open(wire, timeout=request.timeout) as answer:
                    return HttpResponse(answer.status, tuple(answer.headers.items()), answer.read())
            except urllib.error.URLError as exc:
                # urllib wraps the socket's own error; translate that one (a timeout stays a timeout)
                raise exc.reason if isinstance(exc.reason, OSError) else OSError(str(exc.reason)) from exc
