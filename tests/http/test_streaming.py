"""``Client.stream`` against transports that hand a reply over piece by piece, as the HTTP
stacks' do: a malformed line far into a stream is reported at its line in the whole reply, the
limits hold across batches, and records once handed on are never handed on again by a retry."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import ExportedPortedNumber, HttpRequest, HttpResponse
from smsc_formats.client._stream import BATCH
from smsc_formats.operations.mnp import GET_MNP
from smsc_formats.transports.base import BaseTransport

HEADER = b"Phone;mccmnc\n"
LINE = b"79990000000;25001\n"
MANY = BATCH // len(LINE) * 3
"""Lines enough for three batches."""


class Pieces(BaseTransport):
    """Hands each piece of ``body`` to the request's sink, as a transport reading the network does;
    then fails, if ``fail``, as a connection cut short."""

    def __init__(self, pieces: Sequence[bytes], *, fail: bool = False, status: int = 200) -> None:
        self.pieces, self.fail, self.status, self.calls = pieces, fail, status, 0

    def handle_request(self, request: HttpRequest, /) -> HttpResponse:
        self.calls += 1
        if request.sink is None or self.status != 200:
            return HttpResponse(self.status, (), b"".join(self.pieces), request)
        for piece in self.pieces:
            request.sink(piece)
        if self.fail:
            raise smsc.TransportError("the connection was cut")
        return HttpResponse(self.status, (), b"", request)


def _client(transport: BaseTransport) -> smsc.Client:
    credentials = smsc.Credentials.login_password("demo", "secret-password")
    return smsc.Client(credentials, transport, hosts=["http://127.0.0.1:1/sys"], retry=smsc.Retry(attempts=3))


def _chunks(data: bytes, size: int = 4096) -> list[bytes]:
    return [data[start : start + size] for start in range(0, len(data), size)]


def test_records_come_in_order_across_batches_and_pieces_cut_anywhere() -> None:
    lines = [b"7999%07d;25001\n" % index for index in range(MANY)]
    transport = Pieces(_chunks(HEADER + b"".join(lines), 1000))
    with _client(transport) as client:
        numbers: list[Any] = list(client.stream(GET_MNP()))
    assert [number.phone for number in numbers] == [f"7999{index:07d}" for index in range(MANY)]


def test_a_malformed_line_far_into_the_stream_is_reported_at_its_line_in_the_whole_reply() -> None:
    body = HEADER + LINE * MANY + b"79990000000\n" + LINE
    with _client(Pieces(_chunks(body))) as client:
        seen: list[Any] = []
        with pytest.raises(smsc.DecodeError, match=rf"\(at line {MANY + 2}\b") as caught:
            seen.extend(client.stream(GET_MNP()))
    assert caught.value.line == MANY + 2
    assert len(seen) >= BATCH // len(LINE)  # the batches before it were handed on


def test_a_line_longer_than_the_limit_is_refused_before_it_is_whole() -> None:
    limits = smsc.DecodeLimits(max_line_length=BATCH)
    with (
        _client(Pieces([HEADER, b"7" * BATCH, b"7" * BATCH])) as client,
        pytest.raises(
            smsc.DecodeError, match=re.escape("lines of at most 65536 characters (DecodeLimits.max_line_length)")
        ),
    ):
        list(client.stream(GET_MNP(), limits=limits))


def test_a_line_longer_than_a_batch_is_waited_for_within_the_limit() -> None:
    long_phone = b"7" * BATCH
    pieces = [HEADER + LINE * (BATCH // len(LINE) + 1), long_phone, b";25001\n" + LINE]
    with _client(Pieces(pieces)) as client:
        numbers: list[Any] = list(client.stream(GET_MNP()))
    assert [len(number.phone) for number in numbers[-2:]] == [BATCH, 11]


def test_a_try_after_a_failure_reads_the_reply_from_its_start() -> None:
    class CutOnce(Pieces):
        def handle_request(self, request: HttpRequest, /) -> HttpResponse:
            self.fail = self.calls == 0
            return super().handle_request(request)

    transport = CutOnce([HEADER + LINE[:7], LINE[7:]])  # the first try dies before its first batch
    with _client(transport) as client:
        numbers: list[Any] = list(client.stream(GET_MNP()))
    assert transport.calls == 2
    assert numbers == [ExportedPortedNumber(phone="79990000000", mccmnc="25001")]


def test_the_record_and_byte_limits_count_the_whole_stream() -> None:
    body = HEADER + LINE * MANY
    with _client(Pieces(_chunks(body))) as client:
        with pytest.raises(smsc.DecodeError, match=re.escape("DecodeLimits.max_records")):
            list(client.stream(GET_MNP(), limits=smsc.DecodeLimits(max_records=MANY - 1)))
        with pytest.raises(smsc.DecodeError, match=re.escape("DecodeLimits.max_body_bytes")):
            list(client.stream(GET_MNP(), limits=smsc.DecodeLimits(max_body_bytes=BATCH)))
        assert len(list(client.stream(GET_MNP(), limits=smsc.DecodeLimits(max_records=MANY)))) == MANY


def test_an_error_line_after_records_is_no_reply_of_its_own() -> None:
    contacts = smsc.get_operation("phones_get")()
    line = smsc.encode(contacts, [smsc.Contact(phone="79990000000", name="Ann")] * 2, fmt=0).split(b"\n")[0] + b"\n"
    pieces = [line * (BATCH // len(line) + 1), b"ERROR = 2 (authorise error)"]  # the error a batch of its own
    credentials = smsc.Credentials.login_password("demo", "secret-password")
    with (
        smsc.Client(credentials, Pieces(pieces), hosts=["http://127.0.0.1:1/sys"], fmt=0) as client,
        pytest.raises(smsc.DecodeError, match=re.escape("expected records, found the error reply 2")),
    ):
        list(client.stream(contacts))


def test_records_handed_on_are_not_handed_on_again_by_a_retry() -> None:
    transport = Pieces(_chunks(HEADER + LINE * MANY), fail=True)
    seen: list[Any] = []
    with _client(transport) as client, pytest.raises(smsc.TransportError, match="the connection was cut"):
        seen.extend(client.stream(GET_MNP()))
    assert transport.calls == 1
    assert 0 < len(seen) < MANY


def test_a_failure_before_any_record_is_tried_again_as_a_call_is() -> None:
    transport = Pieces([HEADER[:5]], fail=True)
    with _client(transport) as client, pytest.raises(smsc.TransportError, match="the connection was cut"):
        list(client.stream(GET_MNP()))
    assert transport.calls == 3


def test_a_reply_the_transport_kept_whole_is_read_whole() -> None:
    with (
        _client(Pieces([b"<html>busy</html>"], status=502)) as client,
        pytest.raises(smsc.HttpStatusError, match=re.escape("get_mnp: HTTP 502 with no SMSC reply")),
    ):
        list(client.stream(GET_MNP()))
    with _client(Pieces([HEADER + LINE], status=200)) as client:
        kept = smsc.transports.MockTransport(lambda request: HttpResponse(200, (), HEADER + LINE))
        client.transport = kept
        assert list(client.stream(GET_MNP())) == [ExportedPortedNumber(phone="79990000000", mccmnc="25001")]


def test_an_async_stream_over_a_transport_that_keeps_the_body_reads_it_whole_and_raises_its_error() -> None:
    credentials = smsc.Credentials.login_password("demo", "secret-password")
    bodies = iter([HEADER + LINE + LINE, b"ERROR = 2 (authorise error)"])
    transport = smsc.transports.MockTransport(lambda request: HttpResponse(200, (), next(bodies)))

    async def run() -> list[Any]:
        async with smsc.AsyncClient(credentials, transport, hosts=["http://127.0.0.1:1/sys"]) as client:
            numbers = [number async for number in client.stream(GET_MNP())]
            with pytest.raises(smsc.AuthorisationFailed, match=re.escape("get_mnp: error 2 (authorise error)")):
                [number async for number in client.stream(GET_MNP())]
            return numbers

    assert [number.phone for number in asyncio.run(run())] == ["79990000000", "79990000000"]
