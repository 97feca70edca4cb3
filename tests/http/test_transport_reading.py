"""What every adapter shares: the size cap, bounded inflation, the deadline, masked credentials."""

from __future__ import annotations

import gzip
import logging
import re
import threading
import time
import zlib

import pytest

import smsc_formats as smsc
from smsc_formats.transports._logging import mask_credentials_in
from smsc_formats.transports._reading import BodyReader, Deadline, within
from tests.http.doubles import request


def read(body: bytes, encoding: str | None, *, limit: int = 1000, chunk: int = 7) -> bytes:
    wanted = request(limit=limit)
    reader = BodyReader(wanted, encoding, Deadline(wanted), 200)
    for start in range(0, len(body), chunk):
        reader.feed(body[start : start + chunk])
    return reader.finish()


TEXT = "balance = 10.00 Россия ".encode() * 20


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        (None, TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)[2:-4]),  # raw deflate, as some servers send it
        (" GZIP ", gzip.compress(TEXT)),
    ],
    ids=["none", "identity", "gzip", "x-gzip", "zlib deflate", "raw deflate", "spaced capitals"],
)
def test_a_body_is_read_and_inflated_whole(encoding: str | None, packed: bytes) -> None:
    assert read(packed, encoding) == TEXT


@pytest.mark.parametrize("size", [1000, 999])
def test_a_body_up_to_the_cap_is_read(size: int) -> None:
    assert read(b"x" * size, None) == b"x" * size
    assert read(gzip.compress(b"x" * size), "gzip") == b"x" * size


@pytest.mark.parametrize("encoding", [None, "gzip"])
def test_a_body_one_byte_over_the_cap_is_refused(encoding: str | None) -> None:
    body = b"x" * 1001
    with pytest.raises(smsc.ReplyTooLarge, match="larger than 1000 bytes") as caught:
        read(gzip.compress(body) if encoding else body, encoding)
    assert caught.value.limit == 1000
    assert "S3cret" not in str(caught.value)


def test_a_gzip_bomb_is_stopped_at_the_cap_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    wanted = request(limit=1024 * 1024)
    reader = BodyReader(wanted, "gzip", Deadline(wanted), 200)
    started = time.process_time()
    with pytest.raises(smsc.ReplyTooLarge, match="the reply is larger than 1048576 bytes") as caught:
        reader.feed(bomb)  # one chunk holding it all: still inflated no further than the cap
    assert caught.value.limit == 1024 * 1024
    assert time.process_time() - started < 0.5


@pytest.mark.parametrize(
    ("encoding", "packed", "expected"),
    [
        ("gzip", b"\x1f\x8b\x08\x00garbage-not-deflate", "corrupt"),
        ("gzip", gzip.compress(TEXT)[:-12], "ends before its end"),
        ("br", b"\x00", "'br' encoding, which was not asked for"),
    ],
    ids=["corrupt", "cut short", "unasked encoding"],
)
def test_a_compressed_body_that_cannot_be_read_whole_is_a_transport_error(
    encoding: str, packed: bytes, expected: str
) -> None:
    with pytest.raises(smsc.TransportError, match=expected) as caught:
        read(packed, encoding)
    assert type(caught.value) is smsc.TransportError


def test_an_empty_compressed_body_is_empty() -> None:
    assert read(b"", "gzip") == b""


def test_reading_past_the_deadline_is_a_timeout() -> None:
    wanted = request(timeout=0.05)
    deadline = Deadline(wanted)
    reader = BodyReader(wanted, None, deadline, 200)
    reader.feed(b"a")
    time.sleep(0.06)
    with pytest.raises(smsc.TransportTimeout, match=r"within 0\.05 s"):
        reader.feed(b"b")


def test_within_returns_what_the_work_returns_and_raises_what_it_raises() -> None:
    deadline = Deadline(request())
    assert within(deadline, lambda: 42, lambda: None) == 42
    empty: dict[str, int] = {}
    with pytest.raises(KeyError, match="inner"):
        within(deadline, lambda: empty["inner"], lambda: None)


def test_within_stops_waiting_at_the_deadline_and_abandons_the_work() -> None:
    released = threading.Event()
    abandoned: list[bool] = []
    deadline = Deadline(request(timeout=0.2))
    started = time.monotonic()
    with pytest.raises(smsc.TransportTimeout, match=re.escape("balance.php: no whole answer within 0.2 s")):
        within(deadline, lambda: released.wait(5.0), lambda: abandoned.append(True))
    assert time.monotonic() - started < 1.0
    assert abandoned == [True]
    released.set()


def test_a_library_s_logged_url_has_its_credentials_masked(caplog: pytest.LogCaptureFixture) -> None:
    mask_credentials_in("a.library")
    mask_credentials_in("a.library")  # once is enough: no second filter
    logger = logging.getLogger("a.library")
    assert len(logger.filters) == 1
    url = request(method="GET").url
    with caplog.at_level(logging.DEBUG, logger="a.library"):
        logger.info('HTTP Request: GET %s "%s"', url, "HTTP/1.1 200 OK")
        logger.info("nothing secret in %s", "this")
    first, second = caplog.records
    assert "S3cret" not in first.getMessage()
    assert "psw=***" in first.getMessage()
    assert second.getMessage() == "nothing secret in this"
    assert second.args == ("this",)


def test_every_adapter_masks_its_library_s_url_log() -> None:
    import smsc_formats.transports.httpx
    import smsc_formats.transports.requests  # noqa: F401

    for name in ("httpx", "urllib3.connectionpool"):
        assert logging.getLogger(name).filters, name


def test_a_traceback_on_a_library_s_record_is_masked_too(caplog: pytest.LogCaptureFixture) -> None:
    mask_credentials_in("a.library.tracing")
    logger = logging.getLogger("a.library.tracing")
    url = request(method="GET").url
    with caplog.at_level(logging.DEBUG, logger="a.library.tracing"):
        try:
            raise ValueError(f"bad header in the answer to {url}")
        except ValueError:
            logger.warning("headers did not parse", exc_info=True)
    (record,) = caplog.records
    assert record.exc_text is not None
    assert "S3cret" not in record.exc_text
    assert "psw=***" in record.exc_text
    assert "S3cret" not in caplog.text
