"""A fake SMSC server for testing SMSC clients: real HTTP on 127.0.0.1, the library's own replies.

::

    with FakeSmsc(hosts=2) as server:                    # two hosts sharing one account
        client = Client(server.credentials, hosts=server.base_urls)
        server.empty_next()                               # the first host answers nothing...
        client.call(GET_OPERATOR(phone="79991234567"))    # ...so the client moves to the second

Each host listens on a free port; ``tls=True`` serves HTTPS with a certificate made on the spot
(needs ``cryptography``; trust ``server.ca_file`` or ``server.client_ssl_context()``). Behind the
hosts is one stateful account (:mod:`smsc_formats._fake`) that answers every declared operation:
messages are paid for and move from transferred to final on the fake's clock (real time plus
:meth:`FakeSmsc.advance`), numbers can be made to fail (:meth:`FakeSmsc.fail_number`), incoming
SMS put in (:meth:`FakeSmsc.receive`), the documented per-minute limits applied
(``rate_limits=True``), and each final status, HLR result, incoming SMS and confirmation call
(:meth:`FakeSmsc.call`) posted, signed, to ``callback_url``. send.php's JSON form is served at
``/rest/send/``, beside ``/sys/`` (a malformed JSON body gets HTTP 400 saying why). A request the
fake does not implement is answered with HTTP 501 and ``not implemented by FakeSmsc: <script>
<field names>``. Faults are queued with the ``*_next`` methods. As a pytest plugin
(``pytest_plugins = ["smsc_formats.testing"]`` in a conftest.py, or ``-p smsc_formats.testing``)
the module gives the ``fake_smsc`` fixture: a started two-host server.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from typing_extensions import Self

from ._fake import Answer, FakeAccount, Received, local, make_certificates, post_callbacks, received
from ._grammar import INTEGER_DIGITS, bounded_int
from ._http import Credentials
from .operations import Upload
from .operations.callback_events import ConfirmationCall, DeliveryEvent, HlrResult, IncomingSms
from .operations.codes import DeliveryError, StatusCode

__all__ = ["FakeSmsc", "Seen"]  # and fake_smsc, where pytest is installed

MAX_BODY_BYTES = 8 * 1024 * 1024
"""The largest request body a host reads; a longer Content-Length is answered with HTTP 400."""
BODY_TIMEOUT = 5.0
"""Seconds a host waits for the rest of a request body before answering HTTP 400."""
LINGER = 1.0
"""Seconds a host reads on after a 400, so that the client is sure to receive it."""
CALLBACK_TICK = 0.05
"""Seconds between two looks for statuses that became final, with a ``callback_url``."""


@dataclass(frozen=True, slots=True)
class Seen:
    """One request as a host received it; ``url_fields`` names the fields that came in the URL,
    ``path`` is the URL's path (``/sys/send.php``, or ``/rest/send/`` for send.php's JSON form)."""

    host: int
    method: str
    script: str
    url_fields: tuple[str, ...]
    path: str = ""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeSmsc, index: int) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake
        self.index = index

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up before its answer (a timeout, a failover) is ordinary: say nothing.
        Anything else is a fault of the fake, printed as the standard server prints it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    error_message_format = "%(message)s: %(explain)s\n"
    error_content_type = "text/plain; charset=utf-8"
    """A 400 says what is wrong in plain text, which a client's error quotes."""

    def do_GET(self) -> None:
        self._serve(b"")

    def do_POST(self) -> None:
        try:
            body = self._body()
        except ValueError as malformed:
            self._refuse(malformed)
        else:
            self._serve(body)

    def _serve(self, body: bytes) -> None:
        try:
            request = received(self.command, self.path, self.headers.get("Content-Type", ""), body)
        except ValueError as malformed:
            self._refuse(malformed)
        else:
            self._answer(request)

    def _body(self) -> bytes:
        """The body its Content-Length announces; ValueError for a length that is no number of bytes
        up to ``MAX_BODY_BYTES`` (two different lengths are none), or a body not there in time."""
        written = ", ".join(sorted(set(self.headers.get_all("Content-Length") or ["0"])))
        length = bounded_int(written, INTEGER_DIGITS)
        if length is None or length > MAX_BODY_BYTES:
            raise ValueError(f"Content-Length {written!r}: expected a number of bytes from 0 to {MAX_BODY_BYTES}")
        self.connection.settimeout(BODY_TIMEOUT)
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            raise ValueError(f"Content-Length {length}: the body did not arrive within {BODY_TIMEOUT} s") from None
        self.connection.settimeout(None)
        if len(body) < length:
            raise ValueError(f"Content-Length {length}: the body ended after {len(body)} bytes")
        return body

    def _refuse(self, malformed: ValueError) -> None:
        """HTTP 400, recorded in ``FakeSmsc.errors``. What the client still sends is read (briefly)
        before the connection closes: closing on unread bytes resets it, which can lose the 400."""
        self.server.fake.errors.append(malformed)
        try:
            self.send_error(400, "Malformed request", str(malformed))
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(LINGER)
            deadline = time.monotonic() + LINGER
            while time.monotonic() < deadline and self.connection.recv(65536):
                pass
        except OSError:  # the client has gone, or sent nothing more in time
            pass

    def _answer(self, request: Received) -> None:
        fake = self.server.fake
        fake.requests.append(Seen(self.server.index, self.command, request.script, request.url_fields, request.path))
        try:
            answer = fake.account.answer(request.script, request.form, request.files)
        except Exception as exc:  # a bug in the fake: say so, rather than drop the connection
            fake.errors.append(exc)
            answer = Answer(status=500, body=f"fake SMSC failed: {exc!r}".encode())
        if answer.delay:
            fake.closing.wait(answer.delay)
        if answer.drop:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type or f"text/plain; charset={answer.charset}")
        if answer.disposition is not None:
            self.send_header("Content-Disposition", answer.disposition)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the requests are in ``FakeSmsc.requests``."""


class FakeSmsc:
    """A fake SMSC account served on ``hosts`` loopback ports; a context manager starts and stops it."""

    def __init__(
        self,
        *,
        hosts: int = 1,
        tls: bool = False,
        login: str = "demo",
        password: str = "demo-password",  # noqa: S107 - the fake account's, for tests
        apikey: str = "demo-api-key",
        balance: Decimal = Decimal("100.00"),
        price: Decimal = Decimal("1.50"),
        delivery: float = 0.5,
        rate_limits: bool = False,
        callback_url: str | None = None,
        callback_secret: str | None = None,
    ) -> None:
        self.account = FakeAccount(
            login=login,
            password=password,
            apikey=apikey,
            balance=balance,
            price=price,
            delivery=delivery,
            rate_limits=rate_limits,
        )
        self.callback_url, self.callback_secret = callback_url, callback_secret
        self.callbacks: list[DeliveryEvent] = []
        """The delivery callbacks posted (final statuses of messages), as signed, in order."""
        self.hlr_callbacks: list[HlrResult] = []
        """The results of HLR requests posted, as signed, in order."""
        self.incoming_callbacks: list[IncomingSms] = []
        """The incoming SMS posted (:meth:`receive`), as signed, in order."""
        self.call_callbacks: list[ConfirmationCall] = []
        """The confirmation calls posted (:meth:`call`), as signed, in order."""
        self.requests: list[Seen] = []
        self.errors: list[Exception] = []
        """Exceptions raised while answering (each answered with HTTP 500), a ValueError for each
        request whose body could not be read (a malformed Content-Length: answered with HTTP 400),
        and each callback that could not be posted."""
        self.closing = threading.Event()
        self._posting = threading.Lock()
        self._servers = [_Server(self, index) for index in range(hosts)]
        self._threads: list[threading.Thread] = []
        self._directory = Path(tempfile.mkdtemp(prefix="fake-smsc-")) if tls else None
        self.ca_file: str | None = None
        if self._directory is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ca_file = make_certificates(self._directory)
            context.load_cert_chain(self._directory / "server.pem", self._directory / "server.key")
            for server in self._servers:
                server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.base_urls = [f"{scheme}://127.0.0.1:{server.server_address[1]}/sys/" for server in self._servers]

    @property
    def credentials(self) -> Credentials:
        return Credentials.login_password(self.account.login, self.account.password)

    def client_ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's certificate (and nothing else)."""
        return ssl.create_default_context(cafile=self.ca_file)

    def start(self) -> Self:
        for server in self._servers:
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
            thread.start()
            self._threads.append(thread)
        if self.callback_url is not None:
            thread = threading.Thread(target=self._post_callbacks_until_closed, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def close(self) -> None:
        self.closing.set()
        for index in range(len(self._servers)):
            self.take_down(index)
        for thread in self._threads:
            thread.join()
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)

    def take_down(self, index: int = 0) -> None:
        """Stop one host: its port then refuses connections, as a host that is down does."""
        server = self._servers[index]
        if server.socket.fileno() != -1:
            if self._threads:
                server.shutdown()
            server.server_close()

    # The account's clock and what happens to it from outside.

    def advance(self, seconds: float) -> None:
        """Move the fake's clock ``seconds`` forward (it is real time plus every advance): messages
        sent that long ago are final, the minute of a limit is over; callbacks due are posted
        before this returns."""
        self.account.clock.advance(seconds)
        self.post_callbacks()

    def fail_number(
        self,
        phone: str,
        *,
        err: int = DeliveryError.SUBSCRIBER_DOES_NOT_EXIST,
        status: int = StatusCode.UNABLE_TO_DELIVER,
    ) -> None:
        """Messages sent to ``phone`` from now on end with ``status`` and ``err`` rather than delivered."""
        with self.account.lock:
            self.account.failing[phone.lstrip("+")] = (status, err)

    def receive(self, phone: str, message: str, *, to_phone: str | None = None) -> int:
        """An SMS from ``phone`` arrives on ``to_phone`` (default: the account's first bought
        dedicated number, or the first it could buy); get.php?get_answers=1 lists it. Its id."""
        return self.account.receive(phone, message, to_phone)

    def call(self, phone: str) -> int:
        """The subscriber at ``phone`` calls the number wait_call.php gives (to confirm it); with a
        ``callback_url`` the call is posted as a :class:`ConfirmationCall`. Its id."""
        return self.account.call(phone)

    def port(self, phone: str, mccmnc: str) -> None:
        """``phone`` moves to the network ``mccmnc`` today (get_mnp.php lists it)."""
        with self.account.lock:
            self.account.ported[phone.lstrip("+")] = (mccmnc, local(self.account.clock.now()).date())

    @property
    def uploads(self) -> list[tuple[str, str, Upload]]:
        """The files received, in order: each with the operation it came with and its field name."""
        with self.account.lock:
            return list(self.account.uploads)

    def add_megafon_account(self, account: str, **values: str) -> None:
        """A MegaFon account get.php?get_mega_accounts=1 lists, with ``values`` as its other keys."""
        with self.account.lock:
            self.account.megafon[account] = values

    def add_download(self, name: str, data: bytes) -> int:
        """A pending export downloads.php lists and ``get_file`` sends (as ``text/csv``); its id."""
        with self.account.lock:
            number = self.account.next_id("download")
            self.account.downloads[number] = (name, data)
            return number

    def confirmation_code(self, sender: str) -> str | None:
        """The code senders.php?send_code=1 sent to the numeric sender name, if any."""
        with self.account.lock:
            return self.account.codes.get(sender)

    def post_callbacks(self) -> None:
        """Post what the handler has not been told: each message whose status became final (an
        HLR request's result), each incoming SMS and confirmation call. A thread does it every
        ``CALLBACK_TICK`` seconds while the server runs; nothing without ``callback_url``."""
        if self.callback_url is None:
            return
        with self._posting:  # one at a time, in order
            posted, failures = post_callbacks(self.callback_url, self.callback_secret, self.account.settle())
            for event in posted:
                if isinstance(event, DeliveryEvent):
                    self.callbacks.append(event)
                elif isinstance(event, HlrResult):
                    self.hlr_callbacks.append(event)
                elif isinstance(event, IncomingSms):
                    self.incoming_callbacks.append(event)
                else:
                    self.call_callbacks.append(event)
            self.errors += failures

    def _post_callbacks_until_closed(self) -> None:
        while not self.closing.wait(CALLBACK_TICK):
            self.post_callbacks()

    # Faults, spent one request at a time in the order queued (on whichever host).

    def fail_next(self, code: int, *, times: int = 1) -> None:
        """Answer error ``code`` in the format the request asked for."""
        self.account.queue("error", code, times)

    def error_line_next(self, code: int, *, times: int = 1) -> None:
        """Answer the fmt=0 line ``ERROR = code (…)`` whatever format was asked for."""
        self.account.queue("error_line", code, times)

    def empty_next(self, *, times: int = 1) -> None:
        self.account.queue("empty", None, times)

    def delay_next(self, seconds: float, *, times: int = 1) -> None:
        """Answer only after ``seconds`` (past the client's timeout, typically)."""
        self.account.queue("delay", seconds, times)

    def drop_next(self, *, times: int = 1) -> None:
        """Close the connection without an answer."""
        self.account.queue("drop", None, times)

    def http_status_next(self, status: int = 502, *, times: int = 1) -> None:
        """Answer an HTTP error status with an HTML body, as a proxy in front of the API would."""
        self.account.queue("http_status", status, times)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


try:
    import pytest
except ImportError:  # the server needs no pytest; only the fixture does
    pass
else:
    __all__ += ["fake_smsc"]

    @pytest.fixture
    def fake_smsc() -> Iterator[FakeSmsc]:
        """A started two-host :class:`FakeSmsc` on 127.0.0.1, stopped after the test."""
        with FakeSmsc(hosts=2) as server:
            yield server
