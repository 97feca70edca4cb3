"""What the misbehaving-server suite (test_misbehaving_servers.py) found, each pinned on its own.

Each test failed before its fix; the suite shows the same on every stack.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
import time
import tracemalloc
from urllib.parse import quote_plus

import httpx
import pytest

import smsc_formats as smsc
from smsc_formats.transports._reading import BodyReader, Deadline, within
from smsc_formats.transports.base import translate
from tests.http.doubles import request
from tests.http.hostile_modes import gzip_bomb
from tests.http.hostile_servers import PASSWORD, HostileServers
from tests.http.http_stacks import STACKS, Stack


def test_a_gzip_bomb_takes_no_more_memory_than_the_cap() -> None:
    """It took twice the cap: the whole room left was inflated in one call, and zlib's output
    buffer and the bytes made from it were both alive at the end."""
    limit = 4 * 1024 * 1024
    wanted = request(limit=limit)
    reader = BodyReader(wanted, "gzip", Deadline(wanted), 200)
    bomb = gzip_bomb()

    def feed_it_all() -> None:
        for start in range(0, len(bomb), 64 * 1024):
            reader.feed(bomb[start : start + 64 * 1024])

    gc.collect()
    tracemalloc.start()
    try:
        with pytest.raises(smsc.ReplyTooLarge, match=f"the reply is larger than {limit} bytes") as caught:
            feed_it_all()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit + 1024 * 1024
    assert caught.value.limit == limit


def test_the_deadline_holds_when_closing_the_exchange_waits_on_its_read() -> None:
    """requests took 8 s past a 1 s deadline on a dripped body: closing its response waits for
    the buffered read it would end, and the caller waited for the closing."""
    released = threading.Event()

    def close_once_the_read_is_over() -> None:
        released.wait(5.0)

    deadline = Deadline(request(timeout=0.2))
    started = time.monotonic()
    with pytest.raises(smsc.TransportTimeout, match=re.escape("balance.php: no whole answer within 0.2 s")):
        within(deadline, lambda: released.wait(5.0), close_once_the_read_is_over)
    assert time.monotonic() - started < 1.0
    released.set()


HTTPX_CUT_SHORT = (
    r"RemoteProtocolError: peer closed connection without sending complete message body \(received 4 bytes"
)
CUT_SHORT = {  # what each HTTP library says of a body that ends 3 bytes short of its Content-Length
    "urllib": r"IncompleteRead: IncompleteRead\(\d bytes read, 3 more expected\)$",
    "httpx": HTTPX_CUT_SHORT,
    "requests": r"ProtocolError: \('Connection broken: IncompleteRead\(\d bytes read, 3 more expected\)",
    "httpx-async": HTTPX_CUT_SHORT,
    "aiohttp": r"ClientPayloadError: Response payload is not completed: .*\(received 4 of 7 bytes\)",
}


@pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])
def test_a_body_cut_short_of_its_length_is_never_read_as_whole(stack: Stack) -> None:
    """urllib read a balance of 1234 where the server meant to send 7 bytes and sent 4: its
    read1 ends quietly where the connection does."""
    with (
        HostileServers("cut-short") as servers,
        pytest.raises(smsc.TransportError, match=CUT_SHORT[stack.name]) as caught,
    ):
        stack.call(servers, smsc.BALANCE, fmt=1, retry=smsc.Retry(attempts=1))
    assert type(caught.value) is smsc.TransportError


def test_a_decode_error_keeps_no_unmasked_copy_of_an_echo_as_its_context() -> None:
    """The masked DecodeError was raised inside the handler of the original, which quoted the
    password the server echoed and stayed reachable as its ``__context__``."""
    sent = request()
    echo = smsc.HttpResponse(200, (), b'{"balance": "' + sent.content + b'"}', sent)
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.parse_response(smsc.BALANCE, echo)
    assert (
        caught.value.expected == "an amount such as 4.20 in 'balance', found 'login=demo&psw=***&fmt=3&charset=utf-8'"
    )
    assert caught.value.__context__ is None
    assert caught.value.__cause__ is None
    assert "S3cret" not in str(caught.value)


def test_a_library_exception_that_keeps_a_get_url_is_not_chained() -> None:
    """httpx keeps the request on its exceptions; under GET its URL holds the password, and the
    exception was chained as the cause because only its message and arguments were searched."""
    sent = request(method="GET")

    def fail() -> smsc.HttpResponse:
        raise httpx.RemoteProtocolError("Server disconnected", request=httpx.Request("GET", sent.url))

    with pytest.raises(
        smsc.TransportError,
        match=r"^GET https://smsc\.ru/sys/balance\.php\?login=demo&psw=\*\*\*&.*: "
        r"RemoteProtocolError: Server disconnected$",
    ) as caught:
        translate((), sent, fail)
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


@pytest.mark.parametrize(
    ("name", "mode", "method", "failure"),
    [
        (
            "requests",
            "headers-cut",
            "GET",
            "balance: the server sent an empty body",
        ),  # urllib3.connection warns with the URL
        ("httpx", "echo-location", "POST", "balance: HTTP 302 to "),  # httpcore.http11 logs the reply's headers
        ("httpx-async", "echo-location", "POST", "balance: HTTP 302 to "),
    ],
)
def test_no_library_log_record_shows_a_credential(
    name: str, mode: str, method: str, failure: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Only httpx's and urllib3.connectionpool's records were masked."""
    stack = next(stack for stack in STACKS if stack.name == name)
    caplog.set_level(logging.DEBUG)
    with HostileServers(mode, "ok") as servers, pytest.raises(smsc.TransportError, match=f"^{re.escape(failure)}"):
        stack.call(servers, smsc.BALANCE, method=method, retry=smsc.Retry(attempts=1))
    assert caplog.records
    shown = [record.name for record in caplog.records if quote_plus(PASSWORD) in record.getMessage()]
    assert shown == []


@pytest.mark.parametrize("mode", ["drip-headers", "stall-body"])
def test_an_abandoned_urllib_exchange_ends_at_once(mode: str) -> None:
    """Its worker thread stayed blocked on the server for as long as the server dripped; the
    transport now shuts the exchange's socket when the caller stops waiting."""
    urllib_stack = next(stack for stack in STACKS if stack.name == "urllib")
    with HostileServers(mode) as servers:
        before = {thread for thread in threading.enumerate() if thread.name == "smsc-formats-exchange"}
        # the deadline's words, or the socket's when its timeout fires first on a loaded machine
        with pytest.raises(
            smsc.TransportTimeout, match=r"balance\.php: (no whole answer within 0\.25 s|TimeoutError: timed out)$"
        ):
            urllib_stack.call(servers, smsc.BALANCE, timeout=0.5, retry=smsc.Retry(attempts=1))
        ended = time.monotonic() + 1.0
        while time.monotonic() < ended:
            left = {thread for thread in threading.enumerate() if thread.name == "smsc-formats-exchange"} - before
            if not any(thread.is_alive() for thread in left):
                break
            time.sleep(0.02)
        assert not any(thread.is_alive() for thread in left)
