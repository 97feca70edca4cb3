"""Client and AsyncClient decisions, on MockTransport with a fake clock: failover, backoff, limits, cache."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats.transports import AsyncBaseTransport, BaseTransport, MockTransport
from smsc_formats.transports.base import translate
from tests.http.doubles import GOOD, HOSTS, INFO, LOGIN, LOOKUP, FakeTime, scripted


def client(transport: MockTransport, time: FakeTime, **options: Any) -> smsc.Client:
    return smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, **options)


def test_failover_walks_the_hosts_with_doubling_backoff() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("refused"), b"", smsc.TransportTimeout("slow"))
    assert client(transport, time, retry=smsc.Retry(backoff=0.5)).call(LOOKUP) == INFO
    assert [request.endpoint.split("/sys/")[0] for request in transport.requests] == [
        "http://127.0.0.1:1",
        "http://127.0.0.1:2",
        "http://127.0.0.1:3",
        "http://127.0.0.1:1",
    ]
    assert time.sleeps == [0.5, 1.0, 2.0]


def test_backoff_is_capped_and_tries_are_bounded() -> None:
    time = FakeTime()
    transport = scripted(*[smsc.TransportError("down")] * 10)
    retry = smsc.Retry(attempts=6, backoff=1.0, backoff_max=3.0)
    with pytest.raises(smsc.TransportError, match="down"):
        client(transport, time, retry=retry).call(LOOKUP)
    assert len(transport.requests) == 6
    assert time.sleeps == [1.0, 2.0, 3.0, 3.0, 3.0]


def test_every_try_carries_what_is_left_of_the_deadline() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("refused"), smsc.TransportError("refused"))
    retry = smsc.Retry(backoff=2.0)
    client(transport, time, timeout=10.0, retry=retry, clock=time).call(LOOKUP)
    assert [request.timeout for request in transport.requests] == [5.0, 5.0, 4.0]  # half the timeout at most


def test_a_call_that_changes_state_may_use_the_whole_deadline_in_one_try() -> None:
    time = FakeTime()
    transport = scripted(b'{"id": 7, "cnt": 1}')
    client(transport, time, timeout=10.0, clock=time).call(smsc.SEND(phones="79991234567", mes="x"))
    assert transport.requests[0].timeout == 10.0


def test_a_try_timeout_bounds_each_try_within_the_deadline() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("refused"))
    retry = smsc.Retry(backoff=0.5, try_timeout=4.0)
    client(transport, time, timeout=4.2, retry=retry, clock=time).call(LOOKUP)
    assert [request.timeout for request in transport.requests] == [4.0, pytest.approx(3.7)]


def test_no_try_starts_when_its_backoff_would_pass_the_deadline() -> None:
    time = FakeTime()
    transport = scripted(*[smsc.TransportError("refused")] * 5)
    with pytest.raises(smsc.TransportTimeout, match="no time left") as caught:
        client(transport, time, timeout=2.0, retry=smsc.Retry(backoff=0.5), clock=time).call(LOOKUP)
    assert len(transport.requests) == 3
    assert time.sleeps == [0.5, 1.0]  # a third wait of 2 s would pass it
    assert isinstance(caught.value.__cause__, smsc.TransportError)

    per_call = scripted(*[smsc.TransportError("refused")] * 2)
    client(per_call, time, timeout=2.0, retry=smsc.Retry(backoff=1.0), clock=time).call(LOOKUP, timeout=6.0)
    assert [request.timeout for request in per_call.requests] == [3.0, 3.0, 3.0]


def test_error_replies_other_than_9_raise_at_once() -> None:
    time = FakeTime()
    transport = scripted(b'{"error": "operator not found", "error_code": 3}')
    with pytest.raises(smsc.OperatorNotFound) as caught:
        client(transport, time, retry=smsc.Retry(too_many_requests=5)).call(LOOKUP)
    assert (caught.value.error_code, caught.value.description) == (3, "operator not found")
    assert (len(transport.requests), time.sleeps) == (1, [])


def test_error_9_waits_the_configured_time() -> None:
    time = FakeTime()
    busy = b"ERROR = 9 (duplicate request, wait a minute)"
    transport = scripted(busy, busy)
    retry = smsc.Retry(too_many_requests=2, too_many_requests_wait=61.0)
    assert client(transport, time, retry=retry).call(LOOKUP) == INFO
    assert time.sleeps == [61.0, 61.0]


def test_error_9_is_not_retried_by_default() -> None:
    transport = scripted(b"ERROR = 9 (duplicate request, wait a minute)")
    with pytest.raises(smsc.TooManyRequests) as caught:
        client(transport, FakeTime()).call(LOOKUP)
    assert (caught.value.error_code, caught.value.description) == (9, "duplicate request, wait a minute")


def test_a_decode_error_is_not_failover() -> None:
    transport = scripted(b"<info><country>")
    with pytest.raises(smsc.DecodeError) as caught:
        client(transport, FakeTime()).call(LOOKUP)
    assert (caught.value.expected, caught.value.line, caught.value.column) == ("JSON (Expecting value)", 1, 1)
    assert len(transport.requests) == 1


def test_hosts_cannot_be_empty() -> None:
    with pytest.raises(ValueError, match="hosts"):
        smsc.Client(LOGIN, scripted(), hosts=[])


def test_limiter_holds_a_fourth_identical_request_until_the_minute_is_over() -> None:
    time = FakeTime()
    limiter = smsc.RateLimiter(clock=time)
    smsc_client = client(scripted(), time, limiter=limiter)
    for _ in range(3):
        smsc_client.call(LOOKUP)
    assert time.sleeps == []
    time.now = 20.0
    smsc_client.call(LOOKUP)
    assert time.sleeps == [40.0]
    assert limiter.in_flight == 0


def test_limiter_counts_operator_lookups_per_minute() -> None:
    time = FakeTime()
    limits = smsc.Limits(identical=1000, per_operation={"get_operator": 100})
    smsc_client = client(scripted(), time, limiter=smsc.RateLimiter(limits, clock=time))
    for n in range(100):
        smsc_client.call(smsc.GET_OPERATOR(phone=f"7999{n:07d}"))
        time.now += 0.1
    assert time.sleeps == []
    smsc_client.call(smsc.GET_OPERATOR(phone="79990000999"))
    assert time.sleeps == [pytest.approx(50.0)]


def test_limiter_keeps_concurrency_below_the_limit() -> None:
    time = FakeTime()
    limiter = smsc.RateLimiter(smsc.Limits(concurrent=2), clock=time)
    assert limiter.reserve("a", "x") == 0.0
    assert limiter.reserve("b", "x") == 0.0
    assert limiter.reserve("c", "x") > 0.0
    limiter.release()
    assert limiter.reserve("c", "x") == 0.0


def test_limiter_releases_its_slot_when_the_exchange_fails() -> None:
    time = FakeTime()
    limiter = smsc.RateLimiter(clock=time)
    refused = smsc.TransportError("refused")
    transport = scripted(refused)
    with pytest.raises(smsc.TransportError) as caught:
        client(transport, time, limiter=limiter, retry=smsc.Retry(attempts=1)).call(LOOKUP)
    assert caught.value is refused
    assert limiter.in_flight == 0


def test_cache_answers_repeated_lookups_until_it_expires() -> None:
    time = FakeTime()
    transport = scripted()
    smsc_client = client(transport, time, cache=smsc.ReplyCache(ttl=300, clock=time))
    assert [smsc_client.call(LOOKUP) for _ in range(3)] == [INFO] * 3
    assert len(transport.requests) == 1
    smsc_client.call(smsc.GET_OPERATOR(phone="79990000000"))
    assert len(transport.requests) == 2
    time.now = 301.0
    smsc_client.call(LOOKUP)
    assert len(transport.requests) == 3


def test_cache_keeps_no_errors() -> None:
    time = FakeTime()
    transport = scripted(b'{"error": "operator not found", "error_code": 3}')
    smsc_client = client(transport, time, cache=smsc.ReplyCache(clock=time))
    with pytest.raises(smsc.OperatorNotFound) as caught:
        smsc_client.call(LOOKUP)
    assert caught.value.error_code == 3
    assert smsc_client.call(LOOKUP) == INFO


def test_cache_only_holds_the_operations_it_names() -> None:
    time = FakeTime()
    transport = scripted()
    smsc_client = client(transport, time, cache=smsc.ReplyCache(operations=(), clock=time))
    smsc_client.call(LOOKUP)
    smsc_client.call(LOOKUP)
    assert len(transport.requests) == 2


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_async_client_takes_the_same_decisions() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("refused"), b"ERROR = 9 (duplicate request, wait a minute)")
    retry = smsc.Retry(backoff=0.25, too_many_requests=1, too_many_requests_wait=60.0)
    async with smsc.AsyncClient(LOGIN, transport, hosts=HOSTS, sleep=time.async_sleep, retry=retry) as async_client:
        assert await async_client.call(LOOKUP) == INFO
    assert time.sleeps == [0.25, 60.0]
    assert [request.endpoint for request in transport.requests][:2] == [h + "info.php" for h in HOSTS[:2]]


@pytest.mark.anyio
async def test_mock_transport_takes_an_async_handler() -> None:
    async def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        return smsc.HttpResponse(200, (), GOOD)

    async with smsc.AsyncClient(LOGIN, MockTransport(handler), hosts=HOSTS) as async_client:
        assert await async_client.call(LOOKUP) == INFO


def test_an_async_handler_cannot_serve_a_blocking_client() -> None:
    async def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        raise AssertionError("never awaited")

    with pytest.raises(TypeError, match="async"):
        smsc.Client(LOGIN, MockTransport(handler), hosts=HOSTS).call(LOOKUP)


def test_an_awaitable_handler_answer_without_close_is_refused_too() -> None:
    """Not every awaitable is a coroutine with ``close``: a Future is refused the same way."""

    class Pending:
        def __await__(self) -> Any:
            yield from ()

    with pytest.raises(TypeError, match="an async handler needs handle_async_request"):
        MockTransport(lambda request: Pending()).handle_request(smsc.build_request(LOOKUP, credentials=LOGIN))


def test_base_transports_close_on_leaving_the_block() -> None:
    closed: list[str] = []

    class Counting(BaseTransport):
        def close(self) -> None:
            closed.append("sync")

    with (
        smsc.Client(LOGIN, Counting(), hosts=HOSTS) as blocking,
        pytest.raises(NotImplementedError, match=re.escape("a transport implements handle_request()")),
    ):
        blocking.call(LOOKUP)
    assert closed == ["sync"]


@pytest.mark.anyio
async def test_limiter_caps_concurrent_calls_of_an_async_client() -> None:
    in_flight: list[int] = [0]
    peak: list[int] = [0]

    async def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        in_flight[0] += 1
        peak[0] = max(peak[0], in_flight[0])
        await asyncio.sleep(0.02)
        in_flight[0] -= 1
        return smsc.HttpResponse(200, (), GOOD)

    limiter = smsc.RateLimiter(smsc.Limits(concurrent=2))
    async with smsc.AsyncClient(LOGIN, MockTransport(handler), hosts=HOSTS, limiter=limiter) as async_client:
        lookups = [async_client.call(smsc.GET_OPERATOR(phone=f"7999000000{n}")) for n in range(6)]
        assert await asyncio.gather(*lookups) == [INFO] * 6
    assert peak[0] == 2
    assert limiter.in_flight == 0


def test_limiter_forgets_requests_older_than_the_window() -> None:
    time = FakeTime()
    limiter = smsc.RateLimiter(clock=time)
    for n in range(50):
        assert limiter.reserve(("lookup", n), "get_operator") == 0.0
        limiter.release()
    assert limiter.tracked == 51  # 50 distinct requests and the per-operation counter
    time.now = 60.0
    assert limiter.reserve("next", "other") == 0.0
    assert limiter.tracked == 1


def test_cache_is_bounded_dropping_expired_entries_then_the_oldest() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(ttl=10, max_entries=3, clock=time)
    cache.put("get_operator", "a", 1)
    time.now = 5.0
    cache.put("get_operator", "b", 2)
    cache.put("get_operator", "c", 3)
    time.now = 11.0  # "a" has expired
    cache.put("get_operator", "d", 4)
    assert (len(cache), cache.get("get_operator", "a"), cache.get("get_operator", "b")) == (3, None, 2)
    cache.put("get_operator", "e", 5)  # full of live entries: the oldest, "b", goes
    assert [cache.get("get_operator", key) for key in "bcde"] == [None, 3, 4, 5]


def test_retry_counts_the_first_try() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        smsc.Retry(attempts=0)


def test_base_transports_are_context_managers_that_close() -> None:
    closed: list[str] = []

    class Sync(BaseTransport):
        def close(self) -> None:
            closed.append("sync")

    class Async(AsyncBaseTransport):
        async def aclose(self) -> None:
            closed.append("async")

    async def use_async() -> None:
        async with Async() as transport, AsyncBaseTransport() as plain:
            assert isinstance(transport, Async)
            with pytest.raises(NotImplementedError, match=re.escape("a transport implements handle_async_request()")):
                await plain.handle_async_request(smsc.build_request(LOOKUP, credentials=LOGIN))

    with Sync() as transport:
        assert isinstance(transport, Sync)
    asyncio.run(use_async())
    assert closed == ["sync", "async"]


def _raise(error: BaseException) -> None:
    raise error


def test_translate_uses_the_table_and_lets_no_foreign_exception_out() -> None:
    request = smsc.build_request(LOOKUP, credentials=LOGIN)
    table = ((ConnectionError, smsc.TransportTimeout),)
    with pytest.raises(smsc.TransportTimeout, match="ConnectionResetError: reset by peer") as caught:
        translate(table, request, lambda: _raise(ConnectionResetError("reset by peer")))
    assert isinstance(caught.value.__cause__, ConnectionResetError)
    assert caught.value.__context__ is None
    with pytest.raises(smsc.TransportError, match="KeyError") as foreign:
        translate(table, request, lambda: _raise(KeyError("from inside a library")))
    assert type(foreign.value) is smsc.TransportError
    ours = smsc.TransportTimeout("already ours")
    with pytest.raises(smsc.TransportTimeout) as passed:
        translate(table, request, lambda: _raise(ours))
    assert passed.value is ours
    assert translate(table, request, lambda: 7) == 7


def test_translate_marks_what_never_left_and_drops_a_chain_that_quotes_a_secret() -> None:
    request = smsc.build_request(LOOKUP, credentials=smsc.Credentials.login_password("demo", "S3cret-pw"), method="GET")
    inner = OSError(f"cannot reach {request.url}")
    outer = ConnectionRefusedError("refused")
    outer.__cause__ = inner
    with pytest.raises(smsc.RequestNotSent, match=r"psw=\*\*\*.*: ConnectionRefusedError: refused$") as caught:
        translate((), request, lambda: _raise(outer), lambda exc: isinstance(exc, ConnectionRefusedError))
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None
    assert "S3cret-pw" not in str(caught.value)


def test_a_call_s_options_are_the_declared_ones_only() -> None:
    """``call``, ``stream`` and ``download`` take their options as ``**options`` typed by one
    TypedDict each; a misspelt one is the TypeError a misspelt keyword argument gives."""
    transport, time = scripted(), FakeTime()
    with client(transport, time) as sync:
        with pytest.raises(TypeError, match=r"^call\(\) got an unexpected keyword argument 'timout'$"):
            sync.call(LOOKUP, timout=1.0)  # type: ignore[call-overload]
        with pytest.raises(TypeError, match=r"^stream\(\) got an unexpected keyword argument 'files'$"):
            sync.stream(LOOKUP, files={})  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"^download\(\) got an unexpected keyword argument 'limits'$"):
            sync.download(smsc.DOWNLOADS_GET_FILE(id=1), limits=None)  # type: ignore[call-arg]
        assert sync.call(LOOKUP, timeout=3.0) == INFO
    assert [request.timeout for request in transport.requests] == [1.5]  # the call's own, halved per try

    async def run() -> None:
        async with smsc.AsyncClient(LOGIN, scripted(), hosts=HOSTS) as awaited:
            with pytest.raises(TypeError, match=r"^call\(\) got an unexpected keyword argument 'json'$"):
                await awaited.call(LOOKUP, json=True)  # type: ignore[call-overload]
            with pytest.raises(TypeError, match=r"^stream\(\) got an unexpected keyword argument 'json_body'$"):
                awaited.stream(LOOKUP, json_body=True)  # type: ignore[call-arg]
            with pytest.raises(TypeError, match=r"^download\(\) got an unexpected keyword argument 'files'$"):
                await awaited.download(smsc.DOWNLOADS_GET_FILE(id=1), files={})  # type: ignore[call-arg]

    asyncio.run(run())
