"""Client behaviour that mutation testing of client/_clients.py, _recent.py and _throttle.py found
unpinned: the id a send is given and the minute over which it is kept, the minute over which an
unknown outcome is remembered, the limiter's and the cache's bounds, and the clients' options."""

from __future__ import annotations

import asyncio
import secrets

import pytest

import smsc_formats as smsc
from smsc_formats.transports import MockTransport
from tests.http.doubles import HOSTS, LOGIN, FakeTime

BUSY = b'{"error": "duplicate request, wait a minute", "error_code": 9}'


def sending(*answers: bytes | Exception) -> MockTransport:
    """A transport that gives these answers in turn (an exception is raised), then a sent reply."""
    queue = iter(answers)

    def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        answer = next(queue, b'{"id": 1, "cnt": 1}')
        if isinstance(answer, Exception):
            raise answer
        return smsc.HttpResponse(200, (), answer)

    return MockTransport(handler)


def send(text: str) -> smsc.Operation[smsc.Sent]:
    return smsc.SEND(phones="79991234567", mes=text)


def ids(transport: MockTransport) -> list[str | None]:
    return [dict(request.fields).get("id") for request in transport.requests]


@pytest.mark.parametrize(("drawn", "expected"), [(0, "1"), (2_147_483_646, "2147483647")])
def test_a_send_s_id_spans_the_whole_range_the_api_takes(
    monkeypatch: pytest.MonkeyPatch, drawn: int, expected: str
) -> None:
    bounds: list[int] = []

    def randbelow(bound: int) -> int:
        bounds.append(bound)
        return drawn

    monkeypatch.setattr(secrets, "randbelow", randbelow)
    time = FakeTime()
    transport = sending()
    smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time).call(send("x"))
    assert (ids(transport), bounds) == ([expected], [2_147_483_647])


def test_a_send_s_id_is_forgotten_exactly_a_minute_after_its_last_use() -> None:
    time = FakeTime()
    transport = sending()
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time)
    client.call(send("x"))
    time.sleep(59.5)
    client.call(send("x"))
    time.sleep(60.0)
    client.call(send("x"))
    first, kept, new = ids(transport)
    assert first == kept
    assert new != kept


def test_a_send_repeated_within_the_minute_moves_to_the_end_so_older_ones_are_forgotten() -> None:
    time = FakeTime()
    transport = sending()
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time)
    client.call(send("a"))  # t=0
    time.sleep(30.0)
    client.call(send("b"))  # t=30
    time.sleep(20.0)
    client.call(send("a"))  # t=50: "a" is now the newer of the two
    time.sleep(45.0)
    client.call(send("b"))  # t=95: "b" was last used 65 s ago, "a" 45 s ago
    client.call(send("a"))
    a0, b0, a1, b1, a2 = ids(transport)
    assert a0 == a1 == a2
    assert b1 != b0


def _unknown_then_busy(time: FakeTime, *answers: bytes | Exception) -> tuple[smsc.Client, MockTransport]:
    transport = sending(*answers)
    return smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time), transport


TEMPLATE_A = smsc.TEMPLATES(add="1", name="a", msg="a")
TEMPLATE_B = smsc.TEMPLATES(add="1", name="b", msg="b")
RESET = r"^templates: the outcome is unknown, .* \(reset\)$"
BUSY_ERROR = r"^templates: error 9 \(duplicate request, wait a minute\): "


def test_an_unknown_outcome_is_forgotten_exactly_a_minute_later() -> None:
    time = FakeTime()
    client, _ = _unknown_then_busy(time, smsc.TransportError("reset"), BUSY, BUSY)
    with pytest.raises(smsc.OutcomeUnknown, match=RESET):
        client.call(TEMPLATE_A)
    time.sleep(59.5)
    with pytest.raises(smsc.TooManyRequests, match="most likely went through"):
        client.call(TEMPLATE_A)
    time.sleep(0.5)
    with pytest.raises(smsc.TooManyRequests, match=BUSY_ERROR) as caught:
        client.call(TEMPLATE_A)
    assert "most likely" not in str(caught.value)


def test_an_unknown_outcome_met_again_moves_to_the_end_so_older_ones_are_forgotten() -> None:
    time = FakeTime()
    reset = smsc.TransportError("reset")
    client, _ = _unknown_then_busy(time, reset, reset, reset, BUSY, BUSY)
    for call, wait in [(TEMPLATE_A, 30.0), (TEMPLATE_B, 20.0), (TEMPLATE_A, 45.0)]:  # t=0, 30, 50
        with pytest.raises(smsc.OutcomeUnknown, match=RESET):
            client.call(call)
        time.sleep(wait)
    # t=95: "b" met its unknown outcome 65 s ago, "a" 45 s ago
    with pytest.raises(smsc.TooManyRequests, match=BUSY_ERROR) as b:
        client.call(TEMPLATE_B)
    with pytest.raises(smsc.TooManyRequests, match=BUSY_ERROR) as a:
        client.call(TEMPLATE_A)
    assert "most likely" not in str(b.value)
    assert "unknown outcome 45 s ago" in str(a.value)


def test_the_server_s_documented_limits_are_the_default() -> None:
    limits = smsc.RateLimits()
    assert (limits.identical, dict(limits.per_operation), limits.concurrent, limits.window) == (
        3,
        {"get_operator": 100},
        14,
        60.0,
    )
    assert smsc.RateLimiter().limits == limits


def test_a_full_limiter_asks_to_wait_a_poll_for_a_slot_and_the_window_for_a_count() -> None:
    time = FakeTime()
    limiter = smsc.RateLimiter(smsc.RateLimits(identical=1, concurrent=1), clock=time)
    assert limiter.reserve("a", "x") == 0.0
    assert limiter.reserve("b", "x") == 0.05  # only the slot is taken
    time.now = 20.0
    assert limiter.reserve("a", "x") == 40.0  # the slot and the count: the longer wait
    limiter.release()
    assert limiter.reserve("a", "x") == 40.0
    assert (limiter.reserve("b", "x"), limiter.in_flight) == (0.0, 1)


def test_a_cached_reply_expires_exactly_at_its_ttl() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(ttl=10.0, clock=time)
    cache.put("get_operator", "a", 1)
    time.now = 9.5
    assert cache.get("get_operator", "a") == 1
    time.now = 10.0
    assert cache.get("get_operator", "a") is None


def test_the_cache_keeps_an_hour_of_at_most_ten_thousand_operator_look_ups() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(clock=time)
    assert (cache.ttl, cache.operations, cache.max_entries) == (3600.0, frozenset({"get_operator"}), 10_000)
    for n in range(10_001):
        cache.put("get_operator", n, n)
    assert (len(cache), cache.get("get_operator", 0), cache.get("get_operator", 1)) == (10_000, None, 1)
    time.now = 3600.0
    assert cache.get("get_operator", 1) is None


def test_a_full_cache_drops_every_entry_expiring_now_before_any_live_one() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(ttl=10.0, max_entries=3, clock=time)
    cache.put("get_operator", "a", 1)
    cache.put("get_operator", "b", 2)
    time.now = 5.0
    cache.put("get_operator", "c", 3)
    time.now = 10.0  # "a" and "b" expire now
    cache.put("get_operator", "d", 4)
    assert len(cache) == 2
    assert [cache.get("get_operator", key) for key in "cd"] == [3, 4]


def test_a_reply_put_again_becomes_the_newest_so_the_oldest_other_goes_first() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(max_entries=4, clock=time)
    for key in "abc":
        cache.put("get_operator", key, key)
    cache.put("get_operator", "a", "a2")
    cache.put("get_operator", "d", "d")
    cache.put("get_operator", "e", "e")  # full: "b" is the oldest now
    assert [cache.get("get_operator", key) for key in "abcde"] == ["a2", None, "c", "d", "e"]


def test_a_client_names_itself_its_account_its_hosts_and_its_format() -> None:
    client = smsc.Client(LOGIN, sending(), hosts=HOSTS[:2], fmt=1)
    assert repr(client) == (
        "Client(Credentials(login='demo', psw=***), "
        "hosts=['http://127.0.0.1:1/sys/', 'http://127.0.0.1:2/sys/'], fmt=1)"
    )
    assert repr(smsc.AsyncClient(LOGIN, sending())).startswith(
        "AsyncClient(Credentials(login='demo', psw=***), hosts=['https://smsc.ru/sys/', 'https://www2.smsc.ru/sys/',"
    )
    assert repr(smsc.AsyncClient(LOGIN, sending())).endswith("'https://www5.smsc.ru/sys/'], fmt=3)")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"host": HOSTS}, "Client() got an unexpected option 'host'; did you mean 'hosts'?"),
        ({"timout": 1.0, "retyr": None}, "Client() got an unexpected option 'retyr'; did you mean 'retry'?"),
        ({"zzz": 1}, "Client() got an unexpected option 'zzz'"),
    ],
)
def test_a_misspelt_option_is_named_with_the_closest_one(options: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError) as caught:
        smsc.Client(LOGIN, sending(), **options)  # type: ignore[arg-type]
    assert str(caught.value) == message
    with pytest.raises(TypeError) as async_caught:
        smsc.AsyncClient(LOGIN, sending(), **options)  # type: ignore[arg-type]
    assert str(async_caught.value) == "Async" + message


def test_what_a_client_refuses_to_be_built_with() -> None:
    with pytest.raises(ValueError, match=r"^hosts must name at least one base URL$"):
        smsc.Client(LOGIN, sending(), hosts=[])
    with pytest.raises(ValueError, match=r"^charset must be a text charset such as utf-8 or windows-1251, not 'idna'$"):
        smsc.Client(LOGIN, sending(), charset="idna")


def test_a_client_s_requests_by_default() -> None:
    transport = sending(b'{"balance": "1.00"}')
    smsc.Client(LOGIN, transport, hosts=HOSTS).call(smsc.BALANCE)
    (request,) = transport.requests
    fields = dict(request.fields)
    assert (request.method, request.timeout, request.max_reply_bytes) == ("POST", 5.0, 16 * 1024 * 1024)
    assert (fields["fmt"], fields["charset"]) == ("3", "utf-8")
    assert request.endpoint == "http://127.0.0.1:1/sys/balance.php"


def test_a_client_without_a_transport_uses_urllib() -> None:
    from smsc_formats.transports.urllib import UrllibTransport

    with smsc.Client(LOGIN) as client:
        assert isinstance(client.transport, UrllibTransport)


def test_an_async_call_s_timeout_and_reply_cap_override_the_client_s() -> None:
    transport = sending(b'{"balance": "1.00"}')

    async def run() -> None:
        client = smsc.AsyncClient(LOGIN, transport, hosts=HOSTS, timeout=10.0, max_reply_bytes=1000)
        await client.call(smsc.BALANCE, timeout=4.0, max_reply_bytes=50)

    asyncio.run(run())
    assert [(request.timeout, request.max_reply_bytes) for request in transport.requests] == [(2.0, 50)]


def test_an_expired_reply_is_dropped_when_it_is_asked_for() -> None:
    time = FakeTime()
    cache = smsc.ReplyCache(ttl=10.0, clock=time)
    cache.put("get_operator", "a", 1)
    cache.put("get_operator", "b", 2)
    time.now = 10.0
    assert cache.get("get_operator", "a") is None
    assert len(cache) == 1
