"""ReplyCache and RateLimiter through Client against FakeSmsc on 127.0.0.1, not a MockTransport.

The clock is fake (the limiter's waits are sleeps the test counts) but every request that is
not held or answered from memory crosses a real socket; the server's own log says which did.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

import smsc_formats as smsc
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports.httpx import AsyncHttpxTransport

from .doubles import FakeTime

PHONE = "79991234567"
OTHER = "79997654321"


def _lookups(server: FakeSmsc) -> int:
    return sum(seen.script.endswith("info.php") for seen in server.requests)


def test_the_cache_answers_a_repeated_lookup_without_a_request() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(ttl=60.0, clock=time)
    with FakeSmsc() as server, smsc.Client(server.credentials, hosts=server.base_urls, cache=cache) as client:
        first = client.call(smsc.GET_OPERATOR(phone=PHONE))
        again = client.call(smsc.GET_OPERATOR(phone=PHONE))
        other = client.call(smsc.GET_OPERATOR(phone=OTHER))
        assert _lookups(server) == 2
        time.now = 61.0
        late = client.call(smsc.GET_OPERATOR(phone=PHONE))
        assert _lookups(server) == 3
    assert isinstance(first, smsc.OperatorInfo)
    assert (first.country, first.mcc) == ("Россия", "250")
    assert again == first == late
    assert isinstance(other, smsc.OperatorInfo)
    assert len(cache) == 2


def test_the_cache_keeps_no_error_reply() -> None:
    cache = smsc.ReplyCache(ttl=60.0)
    with FakeSmsc() as server:
        bad = smsc.Credentials.login_password(dict(server.credentials.fields)["login"], "wrong")
        with smsc.Client(bad, hosts=server.base_urls, cache=cache) as client:
            for _ in range(2):
                with pytest.raises(smsc.AuthorisationFailed, match=r"^get_operator: error 2 ") as refused:
                    client.call(smsc.GET_OPERATOR(phone=PHONE))
                assert refused.value.error_code == 2
        assert _lookups(server) == 2
    assert len(cache) == 0


def test_the_limiter_holds_the_fourth_identical_lookup_and_not_a_different_one() -> None:
    time = FakeTime()
    limiter = smsc.RateLimiter(clock=time)
    with FakeSmsc() as server:
        client = smsc.Client(server.credentials, hosts=server.base_urls, limiter=limiter, sleep=time.sleep)
        with client:
            for _ in range(3):
                client.call(smsc.GET_OPERATOR(phone=PHONE))
            client.call(smsc.GET_OPERATOR(phone=OTHER))
            assert time.sleeps == []
            time.now = 20.0
            client.call(smsc.GET_OPERATOR(phone=PHONE))
            assert time.sleeps == [40.0]
        assert _lookups(server) == 5
    assert limiter.in_flight == 0


def test_the_async_client_uses_the_cache_against_the_server() -> None:
    cache = smsc.ReplyCache(ttl=60.0)

    async def run(server: FakeSmsc) -> list[smsc.OperatorInfo | list[smsc.OperatorInfo]]:
        transport = AsyncHttpxTransport(httpx.AsyncClient())
        async with smsc.AsyncClient(server.credentials, transport, hosts=server.base_urls, cache=cache) as client:
            return [await client.call(smsc.GET_OPERATOR(phone=PHONE)) for _ in range(2)]

    with FakeSmsc() as server:
        first, again = asyncio.run(run(server))
        assert _lookups(server) == 1
    assert first == again
    assert isinstance(first, smsc.OperatorInfo)
