"""Client decisions that mutation testing of client/_plan.py found unpinned: where the HTTP status
boundary of failover lies, and that error 9 is tried again only as often as Retry allows."""

from __future__ import annotations

import pytest

import smsc_formats as smsc
from smsc_formats.transports import MockTransport
from tests.http.doubles import HOSTS, INFO, LOGIN, LOOKUP, FakeTime, scripted

BUSY = b"ERROR = 9 (duplicate request, wait a minute)"


def _status(code: int) -> smsc.HttpStatusError:
    return smsc.HttpStatusError(f"HTTP {code}", status_code=code, body=b"")


def _hosts(transport: MockTransport) -> list[str]:
    return [request.url.split("sys/")[0] for request in transport.requests]


@pytest.mark.parametrize("code", [500, 502, 599])
def test_an_http_5xx_moves_a_look_up_to_the_next_host(code: int) -> None:
    time = FakeTime()
    transport = scripted(_status(code))
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time)
    assert client.call(LOOKUP) == INFO
    assert _hosts(transport) == ["http://127.0.0.1:1/", "http://127.0.0.1:2/"]


@pytest.mark.parametrize("code", [404, 499])
def test_an_http_4xx_is_not_tried_elsewhere(code: int) -> None:
    time = FakeTime()
    transport = scripted(_status(code))
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time)
    with pytest.raises(smsc.HttpStatusError, match=rf"^HTTP {code}$"):
        client.call(LOOKUP)
    assert len(transport.requests) == 1


def test_error_9_is_tried_again_as_often_as_retry_allows_and_no_more() -> None:
    time = FakeTime()
    transport = scripted(*[BUSY] * 10)
    retry = smsc.Retry(too_many_requests=2, too_many_requests_wait=61.0)
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, retry=retry)
    with pytest.raises(smsc.TooManyRequests, match="duplicate request"):
        client.call(LOOKUP)
    assert (len(transport.requests), time.sleeps) == (3, [61.0, 61.0])
