"""The standard library's urllib: the transport that needs nothing installed.

No redirect is followed (a 3xx comes back as it is, for the seam to refuse); a failure while
connecting is told apart from one after the request may have left, since only the first may
be tried elsewhere; the body is read within the request's cap and deadline.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Callable

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from ._reading import ACCEPT_ENCODING, CHUNK, BodyReader, Cuts, Deadline, run_blocking
from .base import BaseTransport, ExceptionTable

_EXCEPTIONS: ExceptionTable = (
    (TimeoutError, TransportTimeout),
    (OSError, TransportError),
    (http.client.HTTPException, TransportError),
)


class ConnectionNotMade(OSError):
    """Raised in place of whatever stopped the connection (and TLS handshake) being made."""


def _not_sent(exc: BaseException) -> bool:
    return isinstance(exc, ConnectionNotMade)


_exchange = threading.local()
"""The cuts of the exchange on this thread: each socket it opens is noted there, so that the
caller can shut it when it stops waiting (its thread's blocked read then returns at once)."""


def _connected(connection: http.client.HTTPConnection, connect: Callable[[], None]) -> None:
    """``connect()``, with a failure told apart as :class:`ConnectionNotMade`, the socket noted."""
    try:
        connect()
    except OSError as exc:
        raise ConnectionNotMade(f"{type(exc).__name__}: {exc}") from exc
    cuts: Cuts = _exchange.cuts  # set by the exchange that opens the connection, on its own thread
    cuts.append(functools.partial(connection.sock.shutdown, socket.SHUT_RDWR))


class _Connection(http.client.HTTPConnection):
    def connect(self) -> None:
        _connected(self, super().connect)


class _TlsConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        _connected(self, super().connect)


class _Handler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_Connection, req)


class _TlsHandler(urllib.request.HTTPSHandler):
    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self._tls = context

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_TlsConnection, req, context=self._tls)


class _KeepErrorStatus(urllib.request.HTTPErrorProcessor):
    """Return every status as a response: the seam, not urllib, decides what an error is (and
    so no redirect handler ever sees a 3xx)."""

    def http_response(self, request: urllib.request.Request, response: http.client.HTTPResponse) -> object:
        return response

    https_response = http_response


class UrllibTransport(BaseTransport):
    """Blocking requests through ``urllib.request``; ``ssl_context`` verifies HTTPS (default: system CAs)."""

    def __init__(self, *, ssl_context: ssl.SSLContext | None = None) -> None:
        self._opener = urllib.request.build_opener(
            _Handler(), _TlsHandler(ssl_context or ssl.create_default_context()), _KeepErrorStatus()
        )

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        return run_blocking(_EXCEPTIONS, request, _not_sent, self._exchange)

    def _exchange(self, request: HttpRequest, deadline: Deadline, cuts: Cuts) -> HttpResponse:
        _exchange.cuts = cuts
        wire = urllib.request.Request(  # noqa: S310 - build_request allows only http and https
            request.url,
            data=request.content or None,
            headers={**dict(request.headers), "Accept-Encoding": ACCEPT_ENCODING},
            method=request.method,
        )
        try:
            answer = self._opener.open(wire, timeout=deadline.remaining())
        except urllib.error.URLError as exc:
            # urllib wraps the socket's own error; translate that one (a timeout stays a timeout)
            raise exc.reason if isinstance(exc.reason, OSError) else OSError(str(exc.reason)) from exc
        with answer:
            reader = BodyReader(request, answer.headers.get("Content-Encoding"), deadline, answer.status)
            while chunk := answer.read1(CHUNK):
                reader.feed(chunk)
            if answer.length:  # read1 ends quietly where the connection did, short of Content-Length
                raise http.client.IncompleteRead(b"", answer.length)
            return HttpResponse(answer.status, tuple(answer.headers.items()), reader.finish(), request)
