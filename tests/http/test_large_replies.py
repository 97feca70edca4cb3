"""Large replies through Client and AsyncClient against FakeSmsc on every HTTP stack: the get_mnp
export of 300,000 ported numbers is read by ``call`` with no option (the reply declares limits that
fit it), the caller still raises or lowers them per call, and ``stream`` hands the records on one
at a time while the transport never holds the body (checked on the transport's own reads)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import ExportedPortedNumber, get_operation
from smsc_formats.operations.mnp import GET_MNP
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import _reading
from tests.http.http_stacks import FAST, STACKS, Stack

ROWS = 300_000
ROW = len("79990000000;25001\n")
WINDOW = 1024 * 1024
"""How far ahead of its reader a stream may read: a few batches and a network read, far below the body."""
on_every_stack = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])


def _phone(index: int) -> str:
    return f"7999{index:07d}"


@pytest.fixture(scope="module")
def export() -> Iterator[FakeSmsc]:
    """A fake account whose export lists 300,000 ported numbers."""
    with FakeSmsc() as fake:
        with fake.account.lock:
            day = datetime.date(2024, 1, 1)
            fake.account.ported.update({_phone(index): ("25001", day) for index in range(ROWS)})
        yield fake


class Reads:
    """What the transports read, as they read it: the bytes handed on, and the most ever held."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.read = self.held = 0
        feed = _reading.BodyReader.feed

        def counted(reader: _reading.BodyReader, chunk: bytes) -> None:
            feed(reader, chunk)
            self.read += len(chunk)
            self.held = max(self.held, len(reader._body))

        monkeypatch.setattr(_reading.BodyReader, "feed", counted)


def _client_options(server: FakeSmsc) -> dict[str, Any]:
    return {"hosts": server.base_urls, "retry": FAST, "timeout": 2.0}


def _stream(stack: Stack, server: FakeSmsc, operation: smsc.Operation[Any], seen: Any) -> int:
    """Every record of ``stack``'s stream, each shown to ``seen(index, record)`` as it comes; how many."""
    if stack.sync is not None:
        with smsc.Client(server.credentials, stack.sync(server), **_client_options(server)) as client:
            for index, record in enumerate(client.stream(operation)):
                seen(index, record)
        return index + 1
    assert stack.async_ is not None
    make = stack.async_

    async def run() -> int:
        count = 0
        async with smsc.AsyncClient(server.credentials, make(server), **_client_options(server)) as client:
            async for record in client.stream(operation):
                seen(count, record)
                count += 1
        return count

    return asyncio.run(run())


@on_every_stack
def test_the_export_of_300000_numbers_is_read_whole_with_no_option(stack: Stack, export: FakeSmsc) -> None:
    numbers = stack.call(export, GET_MNP())  # the client's 2 s and 16 MiB, the decoder's 100,000 records
    assert len(numbers) == ROWS
    assert numbers[0] == ExportedPortedNumber(phone=_phone(0), mccmnc="25001")
    assert numbers[-1].phone == _phone(ROWS - 1)


@on_every_stack
def test_the_export_is_streamed_without_the_body_ever_held(
    stack: Stack, export: FakeSmsc, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(monkeypatch)

    def seen(index: int, record: ExportedPortedNumber) -> None:
        assert record.phone == _phone(index)
        assert reads.read <= (index + 1) * ROW + WINDOW  # read ahead of its reader by a bounded window only

    assert _stream(stack, export, GET_MNP(), seen) == ROWS
    assert reads.read == len("Phone;mccmnc\n") + ROWS * ROW - 1  # no line break after the last
    assert reads.held == 0


@pytest.mark.parametrize("stack", [STACKS[0], STACKS[-1]], ids=[STACKS[0].name, STACKS[-1].name])
def test_a_stream_given_up_stops_reading(stack: Stack, export: FakeSmsc, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = Reads(monkeypatch)
    options = _client_options(export)
    if stack.sync is not None:
        with (
            smsc.Client(export.credentials, stack.sync(export), **options) as client,
            contextlib.closing(client.stream(GET_MNP())) as records,
        ):
            assert next(records).phone == _phone(0)
    else:
        make = stack.async_
        assert make is not None

        async def run() -> None:
            async with (
                smsc.AsyncClient(export.credentials, make(export), **options) as client,
                contextlib.aclosing(client.stream(GET_MNP())) as records,
            ):
                assert (await anext(records)).phone == _phone(0)

        asyncio.run(run())
    assert reads.read <= ROW + WINDOW


def test_the_caller_lowers_the_limits_per_call(fake_smsc: FakeSmsc) -> None:
    for index in range(20):
        fake_smsc.port(_phone(index), "25002")
    with smsc.Client(fake_smsc.credentials, **_client_options(fake_smsc)) as client:
        numbers = client.call(GET_MNP())
        assert isinstance(numbers, list)
        assert numbers == list(client.stream(GET_MNP()))
        assert len(numbers) == 20
        with pytest.raises(smsc.ReplyTooLarge, match=re.escape("the reply is larger than 100 bytes")):
            client.call(GET_MNP(), max_reply_bytes=100)
        with pytest.raises(smsc.DecodeError, match=re.escape("at most 10 records (DecodeLimits.max_records)")):
            client.call(GET_MNP(), limits=smsc.DecodeLimits(max_records=10))
        with pytest.raises(smsc.DecodeError, match=re.escape("at most 10 records (DecodeLimits.max_records)")):
            list(client.stream(GET_MNP(), limits=smsc.DecodeLimits(max_records=10)))


@on_every_stack
def test_the_caller_raises_the_limits_per_call(stack: Stack, fake_smsc: FakeSmsc) -> None:
    for index in range(3):
        fake_smsc.port(_phone(index), "25002")
    day = fake_smsc.account.ported[_phone(0)][1].strftime("%d.%m.%Y")  # today on the fake's clock
    with pytest.raises(smsc.ReplyTooLarge, match=re.escape("the reply is larger than 20 bytes")):
        stack.call(fake_smsc, GET_MNP(date=day), max_reply_bytes=20)
    numbers = stack.call(fake_smsc, GET_MNP(date=day), per_call={"max_reply_bytes": 10_000}, max_reply_bytes=20)
    assert [number.phone for number in numbers] == [_phone(index) for index in range(3)]


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
def test_every_fmt_streams_what_call_reads(fake_smsc: FakeSmsc, fmt: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """fmt=0/1 lines are streamed; an XML or JSON document (fmt=2/3) is read whole, then handed on."""
    with smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls, fmt=fmt) as client:
        for index in range(3):
            client.call(get_operation("phones_add")(phone=_phone(index), name=f"n{index}"))
        reads = Reads(monkeypatch)
        streamed = list(client.stream(get_operation("phones_get")()))
        assert reads.held == (0 if fmt < 2 else reads.read)
        assert streamed == client.call(get_operation("phones_get")())
        assert [contact.phone for contact in streamed] == [_phone(index) for index in range(3)]


def test_an_error_reply_to_a_stream_is_raised(fake_smsc: FakeSmsc) -> None:
    with smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls, fmt=1) as client:
        fake_smsc.fail_next(2)
        with pytest.raises(smsc.AuthorisationFailed, match=re.escape("get_mnp: error 2")):
            list(client.stream(GET_MNP()))
        assert list(client.stream(get_operation("phones_get")())) == []  # error 3: no records
