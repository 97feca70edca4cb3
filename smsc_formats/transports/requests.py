"""requests (``pip install smsc-formats[requests]``)."""

from __future__ import annotations

try:
    import requests
except ImportError as exc:  # without the extra
    raise ImportError("RequestsTransport needs requests: pip install 'smsc-formats[requests]'") from exc

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from .base import BaseTransport, ExceptionTable, map_exceptions

_EXCEPTIONS: ExceptionTable = (
    (requests.Timeout, TransportTimeout),
    (requests.RequestException, TransportError),
)


class RequestsTransport(BaseTransport):
    """Requests through a ``requests.Session``, which the transport owns and closes.

    ``verify`` is requests' own: ``True`` for the system CAs, or a CA bundle's path. It is given
    with each request because requests lets ``REQUESTS_CA_BUNDLE`` override a session's setting.
    """

    def __init__(self, session: requests.Session | None = None, *, verify: bool | str = True) -> None:
        self._session = session or requests.Session()
        self._verify = verify

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        with map_exceptions(_EXCEPTIONS, request):
            answer = self._session.request(
                request.method,
                request.url,
                data=request.content or None,
                headers=dict(request.headers),
                timeout=request.timeout,
                verify=self._verify,
            )
            return HttpResponse(answer.status_code, tuple(answer.headers.items()), answer.content)

    def close(self) -> None:
        self._session.close()
