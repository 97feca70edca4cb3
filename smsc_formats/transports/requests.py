"""requests (``pip install smsc-formats[requests]``).

Redirects are never followed; the reply is read raw and inflated within the request's cap; a
failure to connect is told apart from one after the request may have left. A session whose
adapters retry by themselves (``HTTPAdapter(max_retries=...)``) would re-send a GET behind the
client's back: give the transport a session without retries.
"""

from __future__ import annotations

try:
    import requests
    import urllib3.exceptions
except ImportError as exc:  # without the extra
    raise ImportError("RequestsTransport needs requests: pip install 'smsc-formats[requests]'") from exc

from .._exceptions import TransportError, TransportTimeout
from .._http import HttpRequest, HttpResponse
from ._logging import mask_credentials_in
from ._reading import ACCEPT_ENCODING, CHUNK, BodyReader, Cuts, Deadline, run_blocking
from .base import BaseTransport, ExceptionTable

mask_credentials_in("urllib3.connectionpool", "urllib3.connection")  # the second warns with the URL on a bad header

_EXCEPTIONS: ExceptionTable = (
    (requests.Timeout, TransportTimeout),
    (requests.RequestException, TransportError),
)
_BEFORE_SENDING = (
    urllib3.exceptions.NewConnectionError,  # refused, unreachable, and the name did not resolve
    urllib3.exceptions.ConnectTimeoutError,
    urllib3.exceptions.SSLError,  # only as the reason of a failed connection, below
)


def _not_sent(exc: BaseException) -> bool:
    """A connection that was never made: requests says so in its own exception's reason."""
    reason = getattr(exc.args[0] if exc.args else None, "reason", None)
    if isinstance(reason, urllib3.exceptions.SSLError):
        return "CERTIFICATE_VERIFY_FAILED" in str(reason) or "handshake" in str(reason).lower()
    return isinstance(reason, _BEFORE_SENDING)


class RequestsTransport(BaseTransport):
    """Requests through a ``requests.Session``, which the transport owns and closes.

    ``verify`` is requests' own: ``True`` for the system CAs, or a CA bundle's path. It is given
    with each request because requests lets ``REQUESTS_CA_BUNDLE`` override a session's setting.
    """

    def __init__(self, session: requests.Session | None = None, *, verify: bool | str = True) -> None:
        self._session = session or requests.Session()
        self._verify = verify

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        return run_blocking(_EXCEPTIONS, request, _not_sent, self._exchange)

    def _exchange(self, request: HttpRequest, deadline: Deadline, cuts: Cuts) -> HttpResponse:
        wait = deadline.remaining()
        answer = self._session.request(
            request.method,
            request.url,
            data=request.content or None,
            headers={**dict(request.headers), "Accept-Encoding": ACCEPT_ENCODING},
            timeout=(wait, wait),
            verify=self._verify,
            allow_redirects=False,
            stream=True,
        )
        cuts.append(answer.close)
        with answer:
            reader = BodyReader(request, answer.headers.get("Content-Encoding"), deadline, answer.status_code)
            for chunk in answer.raw.stream(CHUNK, decode_content=False):
                reader.feed(chunk)
            return HttpResponse(answer.status_code, tuple(answer.headers.items()), reader.finish(), request)

    def close(self) -> None:
        self._session.close()
