"""The everyday calls of Client and AsyncClient: sending, pricing, statuses, polling and paging.

Each runs end to end against FakeSmsc on every HTTP stack; the poller's schedule and the pager's
cursor are checked against a scripted server through MockTransport, where the replies and the
clock are the test's own.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import Cost, MessageStatus, Sent, StatusCode
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports.mock import MockTransport
from tests.http.doubles import FakeTime
from tests.http.http_stacks import STACKS, Stack

LOGIN = smsc.Credentials.login_password("demo", "demo-password")
PHONES = ["79991234567", "79991234568"]

on_every_stack = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])


@on_every_stack
def test_send_sms_sends_the_text_to_every_number_and_is_charged(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.use(fake_smsc, "send_sms", PHONES, "Привет, мир", sender="SMSC")
    assert isinstance(sent, Sent)
    assert sent.cnt == 2
    fields = fake_smsc.account.seen[-1]
    assert (fields["phones"], fields["mes"], fields["sender"]) == (",".join(PHONES), "Привет, мир", "SMSC")
    assert fake_smsc.account.balance == Decimal("100.00") - 2 * Decimal("1.50")


@on_every_stack
def test_get_sms_cost_prices_a_message_and_sends_nothing(stack: Stack, fake_smsc: FakeSmsc) -> None:
    cost = stack.use(fake_smsc, "get_sms_cost", "79991234567", "Привет")
    assert cost == Cost(cost=Decimal("1.50"), cnt=1)
    assert fake_smsc.account.seen[-1]["cost"] == "1"
    assert not fake_smsc.account.messages
    assert fake_smsc.account.balance == Decimal("100.00")


@on_every_stack
def test_a_sent_message_is_polled_until_its_status_is_final(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.use(fake_smsc, "send_sms", "79991234567", "code 1234")
    first = stack.use(fake_smsc, "get_status", sent.id, "79991234567")
    assert isinstance(first, MessageStatus)
    assert first.status in set(StatusCode)
    final = stack.use(fake_smsc, "wait_for_status", sent.id, "79991234567", timeout=30.0)
    assert final.status is StatusCode.DELIVERED
    assert final.is_final
    asked = [seen for seen in fake_smsc.requests if seen.script == "status.php"]
    assert len(asked) >= 2  # get_status once, wait_for_status at least once


@on_every_stack
def test_balance_and_operator(stack: Stack, fake_smsc: FakeSmsc) -> None:
    assert stack.use(fake_smsc, "get_balance") == smsc.Balance(balance=Decimal("100.00"))
    operator = stack.use(fake_smsc, "get_operator", "79991234567")
    assert (operator.operator, operator.region) == ("МТС", "Москва")


@on_every_stack
def test_a_batch_sends_each_number_its_own_text(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.use(fake_smsc, "send_batch", {"79991234567": "Анна, привет", "79991234568": "Hi, Bob"})
    assert sent.cnt == 2
    assert fake_smsc.account.seen[-1]["list"] == "79991234567:Анна, привет\n79991234568:Hi, Bob\n"


@on_every_stack
@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("send_ping", ("79991234567",)),
        ("send_voice", ("79991234567", "Код 1234")),
        ("send_viber", ("79991234567", "Привет")),
        ("send_telegram", ("79991234567", "Привет")),
    ],
)
def test_each_kind_of_message_is_accepted(
    stack: Stack, fake_smsc: FakeSmsc, method: str, args: tuple[str, ...]
) -> None:
    sent = stack.use(fake_smsc, method, *args)
    assert isinstance(sent, Sent)
    assert sent.id in {message_id for message_id, _ in fake_smsc.account.messages}


@on_every_stack
def test_an_hlr_lookup_reads_the_subscriber_s_network(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.use(fake_smsc, "send_hlr", "79991234567")
    found = stack.use(fake_smsc, "wait_for_status", sent.id, "79991234567", timeout=30.0)
    assert found.is_delivered
    assert (found.mcc, found.imsi is not None) == ("250", True)


@on_every_stack
def test_the_history_pages_back_through_every_message_sent(stack: Stack, fake_smsc: FakeSmsc) -> None:
    ids = [stack.use(fake_smsc, "send_sms", f"7999123456{n}", f"№{n}").id for n in range(5)]
    history = stack.use(fake_smsc, "iter_messages", cnt=2)
    assert [message.id for message in history] == ids[::-1]  # newest first, over three pages
    assert [message.message for message in history] == [f"№{n}" for n in reversed(range(5))]
    # three pages, and the API's own end of the list (error 3), a short page being no proof of it
    assert sum(seen.script == "get.php" for seen in fake_smsc.requests) == 4


@on_every_stack
def test_incoming_messages_page_forwards(stack: Stack, fake_smsc: FakeSmsc) -> None:
    texts = ["Да", "Нет", "Позвоните мне", "Stop"]
    for n, text in enumerate(texts):
        fake_smsc.receive(f"7999765432{n}", text)
    answers = stack.use(fake_smsc, "iter_answers", cnt=3, hour=24)
    assert [answer.message for answer in answers] == texts
    assert [answer.phone for answer in answers] == [f"7999765432{n}" for n in range(4)]


def test_a_price_only_cost_is_refused_by_send_sms_before_a_byte_is_sent(fake_smsc: FakeSmsc) -> None:
    with smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls) as client:
        for cost in (1, "1", smsc.CostMode.PRICE_ONLY):
            with pytest.raises(smsc.RequestError, match="ask get_sms_cost for a price") as caught:
                client.send_sms("79991234567", "hi", cost=cost)  # type: ignore[arg-type]
            assert (caught.value.operation, caught.value.param) == ("send", "cost")
    assert fake_smsc.requests == []


@pytest.mark.parametrize(
    ("method", "args", "option"),
    [
        ("send_hlr", ("79991234567",), "hlr"),
        ("send_ping", ("79991234567",), "ping"),
        ("send_voice", ("79991234567", "hi"), "call"),
        ("send_viber", ("79991234567", "hi"), "viber"),
        ("send_telegram", ("79991234567", "hi"), "tg"),
        ("get_sms_cost", ("79991234567", "hi"), "cost"),
    ],
)
def test_what_a_method_is_named_for_is_not_an_option(
    fake_smsc: FakeSmsc, method: str, args: tuple[str, ...], option: str
) -> None:
    client = smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls)
    with client, pytest.raises(smsc.RequestError, match="an option the method does not set itself") as caught:
        getattr(client, method)(*args, **{option: 0})
    assert caught.value.param == option
    assert fake_smsc.requests == []


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_get_operator_takes_one_number(kind: str) -> None:
    with pytest.raises(smsc.RequestError, match="one phone number") as caught:
        _use(kind, MockTransport(_unreachable), "get_operator", "79991234567,79991234568")
    assert caught.value.param == "phone"


# The variants of sending: each writes its own flag and reads a Sent.


@pytest.mark.parametrize(
    ("method", "args", "written"),
    [
        ("send_hlr", (PHONES,), {"phones": ",".join(PHONES), "hlr": "1"}),
        ("send_ping", ("79991234567",), {"phones": "79991234567", "ping": "1"}),
        ("send_voice", ("79991234567", "Код 1234"), {"phones": "79991234567", "mes": "Код 1234", "call": "1"}),
        ("send_viber", ("79991234567", "hi"), {"phones": "79991234567", "mes": "hi", "viber": "1"}),
        ("send_telegram", ("79991234567", "hi"), {"phones": "79991234567", "mes": "hi", "tg": "1"}),
        (
            "send_batch",
            ({"79991234567": "Анна, привет", "79991234568": "Hi, Bob"},),
            {"list": "79991234567:Анна, привет\n79991234568:Hi, Bob\n"},
        ),
    ],
)
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_each_kind_of_sending_writes_its_flag(
    kind: str, method: str, args: tuple[Any, ...], written: dict[str, str]
) -> None:
    transport = MockTransport(_replying(b'{"id": 7, "cnt": 1}'))
    sent = _use(kind, transport, method, *args, sender="SMSC")
    assert sent == Sent(id=7, cnt=1)
    fields = dict(transport.requests[0].fields)
    assert {key: fields[key] for key in written} == written
    assert fields["sender"] == "SMSC"
    assert not ({"hlr", "ping", "call", "viber", "tg", "list"} - written.keys()) & fields.keys()


# wait_for_status: at once, then 1, 2, 4 … seconds, never more than five requests a minute.


def _statuses(*codes: int) -> tuple[MockTransport, list[float], FakeTime]:
    """A server answering ``codes`` in turn to status requests, and the clock of each request."""
    time = FakeTime()
    asked: list[float] = []
    answers = iter(codes)

    def answer(request: smsc.HttpRequest) -> smsc.HttpResponse:
        asked.append(time.now)
        return smsc.HttpResponse(200, (), json.dumps({"status": next(answers)}).encode())

    return MockTransport(answer), asked, time


def test_the_poller_backs_off_and_keeps_to_five_requests_a_minute() -> None:
    transport, asked, time = _statuses(*[0] * 9, 1)
    client = smsc.Client(LOGIN, transport, sleep=time.sleep, clock=time)
    final = client.wait_for_status(5, "79991234567", timeout=600.0, max_interval=30.0)
    assert final == MessageStatus(status=StatusCode.DELIVERED)
    assert asked == [0.0, 1.0, 3.0, 7.0, 15.0, 60.0, 90.0, 120.0, 150.0, 180.0]
    for index in range(len(asked) - 5):
        assert asked[index + 5] - asked[index] >= 60.0


def test_the_poller_stops_at_its_deadline_with_the_last_status() -> None:
    transport, asked, time = _statuses(*[-1] * 20)
    client = smsc.Client(LOGIN, transport, sleep=time.sleep, clock=time)
    with pytest.raises(smsc.StatusNotFinal, match="message 5 to 79991234567: status -1 is not final") as caught:
        client.wait_for_status(5, "79991234567", timeout=10.0)
    assert (caught.value.id, caught.value.status, caught.value.waited) == (5, StatusCode.WAITING, 10.0)
    assert isinstance(caught.value, TimeoutError)
    assert asked == [0.0, 1.0, 3.0, 7.0]  # the next, at 15 s, would be past the deadline


def test_the_async_poller_stops_at_its_deadline_too() -> None:
    transport, asked, time = _statuses(*[0] * 20)

    async def run() -> MessageStatus:
        client = smsc.AsyncClient(LOGIN, transport, sleep=time.async_sleep, clock=time)
        return await client.wait_for_status(5, "79991234567", timeout=5.0)

    with pytest.raises(smsc.StatusNotFinal, match="status 0 is not final after 5 s"):
        asyncio.run(run())
    assert asked == [0.0, 1.0, 3.0]


@pytest.mark.parametrize("code", [2, 3, 4, 20, 22, 23, 24, 25, -3, 99])
def test_every_status_but_waiting_transferred_and_stopped_ends_the_wait(code: int) -> None:
    transport, asked, time = _statuses(0, code)
    client = smsc.Client(LOGIN, transport, sleep=time.sleep, clock=time)
    assert client.wait_for_status(5, "79991234567").status == code
    assert asked == [0.0, 1.0]


@pytest.mark.parametrize("code", [-2, -1, 0])
def test_a_pending_status_is_not_final(code: int) -> None:
    assert not StatusCode(code).is_final
    assert not MessageStatus(status=code).is_final
    assert not StatusCode(code).is_delivered
    assert not StatusCode(code).is_failed


def test_delivered_read_and_clicked_are_deliveries_and_the_rest_failures() -> None:
    assert {code for code in StatusCode if code.is_delivered} == {StatusCode.DELIVERED, StatusCode.READ, 4}
    failed = {code for code in StatusCode if code.is_failed}
    assert failed == {StatusCode.NOT_FOUND, StatusCode.EXPIRED, 20, 22, 23, 24, 25}
    assert smsc.MessageDetails(status=99).is_final  # a code not in the table is not waited on


@pytest.mark.parametrize(("timeout", "max_interval"), [(0, 30), (-1, 30), (10, 0)])
def test_the_poller_refuses_a_wait_that_cannot_be(timeout: float, max_interval: float) -> None:
    client = smsc.Client(LOGIN, MockTransport(_unreachable))
    with pytest.raises(ValueError, match="must be positive"):
        client.wait_for_status(5, "79991234567", timeout=timeout, max_interval=max_interval)


def test_each_poll_gets_at_most_what_is_left_of_the_wait() -> None:
    transport, _, time = _statuses(0, 0, 0, 1)
    client = smsc.Client(LOGIN, transport, sleep=time.sleep, clock=time, timeout=5.0)
    client.wait_for_status(5, "79991234567", timeout=7.5)
    # the client's 5 s, then what is left of the wait, but at least a second for the last one;
    # a look-up's first try gets half its call's time (Retry.try_timeout), so that another host can
    assert [request.timeout for request in transport.requests] == [2.5, 2.5, 2.25, 0.5]


def test_the_async_poller_keeps_the_same_schedule() -> None:
    transport, asked, time = _statuses(0, 0, 0, 1)

    async def run() -> MessageStatus:
        client = smsc.AsyncClient(LOGIN, transport, sleep=time.async_sleep, clock=time)
        return await client.wait_for_status(5, "79991234567")

    assert asyncio.run(run()).status is StatusCode.DELIVERED
    assert asked == [0.0, 1.0, 3.0, 7.0]


# Paging: the history back from the newest (prev_id), incoming messages forwards (after_id).


def _pages(*pages: Sequence[dict[str, Any]] | int) -> tuple[MockTransport, list[dict[str, str]]]:
    """A server answering ``pages`` in turn (a list of fmt=3 records, or an error code)."""
    answers = iter(pages)
    asked: list[dict[str, str]] = []

    def answer(request: smsc.HttpRequest) -> smsc.HttpResponse:
        fields = dict(request.fields)
        asked.append({key: value for key, value in fields.items() if key in ("prev_id", "after_id", "cnt")})
        page = next(answers)
        body = {"error": "no records", "error_code": page} if isinstance(page, int) else page
        return smsc.HttpResponse(200, (), json.dumps(body).encode())

    return MockTransport(answer), asked


def _history(*int_ids: int) -> list[dict[str, Any]]:
    return [{"status": 1, "phone": "79991234567", "int_id": int_id, "message": f"№{int_id}"} for int_id in int_ids]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_history_is_read_back_page_by_page_to_its_end(kind: str) -> None:
    transport, asked = _pages(_history(30, 29, 28), _history(27, 26), 3)
    messages = _use(kind, transport, "iter_messages", cnt=3)
    assert [message.int_id for message in messages] == [30, 29, 28, 27, 26]
    assert messages[0].message == "№30"
    assert asked == [{"cnt": "3"}, {"cnt": "3", "prev_id": "28"}, {"cnt": "3", "prev_id": "26"}]


def test_paging_stops_when_the_server_ignores_the_cursor() -> None:
    transport, asked = _pages(_history(30, 29), _history(30, 29), _history(30, 29))
    assert [message.int_id for message in smsc.Client(LOGIN, transport).iter_messages()] == [30, 29]
    assert len(asked) == 2


def test_paging_stops_at_a_page_whose_records_carry_no_cursor() -> None:
    transport, asked = _pages([{"status": 1, "phone": "79991234567"}], _history(5))
    assert len(list(smsc.Client(LOGIN, transport).iter_messages())) == 1
    assert len(asked) == 1


def test_the_history_starts_before_a_given_message() -> None:
    transport, asked = _pages(_history(9), 3)
    assert [message.int_id for message in smsc.Client(LOGIN, transport).iter_messages(prev_id=10)] == [9]
    assert asked[0] == {"prev_id": "10"}


def _incoming(*ids: int) -> list[dict[str, Any]]:
    return [{"id": number, "phone": "79991234567", "message": f"ответ {number}"} for number in ids]


def test_incoming_messages_are_read_forwards_page_by_page() -> None:
    transport, asked = _pages(_incoming(1, 2, 3), _incoming(4), [])
    answers = list(smsc.Client(LOGIN, transport).iter_answers(cnt=3))
    assert [answer.id for answer in answers] == [1, 2, 3, 4]
    assert answers[3].message == "ответ 4"
    assert asked == [{"cnt": "3"}, {"cnt": "3", "after_id": "3"}, {"cnt": "3", "after_id": "4"}]


def test_the_async_pages_are_the_same() -> None:
    transport, asked = _pages(_incoming(1, 2), _incoming(2, 3), [])

    async def run() -> list[int]:
        client = smsc.AsyncClient(LOGIN, transport)
        return [answer.id async for answer in client.iter_answers(hour=24)]

    assert asyncio.run(run()) == [1, 2, 3]  # a record at the cursor is not given twice
    assert asked[1] == {"after_id": "2"}


# AsyncClient without a transport.


def test_the_async_client_picks_httpx_then_aiohttp(monkeypatch: pytest.MonkeyPatch) -> None:
    from smsc_formats.transports.aiohttp import AiohttpTransport
    from smsc_formats.transports.httpx import AsyncHttpxTransport

    client = smsc.AsyncClient(LOGIN)
    assert isinstance(client.transport, AsyncHttpxTransport)
    asyncio.run(client.aclose())
    monkeypatch.setitem(sys.modules, "httpx", None)  # as if it were not installed
    assert isinstance(smsc.AsyncClient(LOGIN).transport, AiohttpTransport)
    monkeypatch.setitem(sys.modules, "aiohttp", None)
    with pytest.raises(ImportError, match=r"pip install 'smsc-formats\[httpx\]'"):
        smsc.AsyncClient(LOGIN)


def test_the_async_client_s_own_transport_sends_against_fake_smsc(fake_smsc: FakeSmsc) -> None:
    async def run() -> Sent:
        async with smsc.AsyncClient(fake_smsc.credentials, hosts=fake_smsc.base_urls) as client:
            return await client.send_sms("79991234567", "hi")

    assert asyncio.run(run()).cnt == 1


def _use(kind: str, transport: MockTransport, method: str, /, *args: Any, **kwargs: Any) -> Any:
    """``method`` of a Client (``kind`` "sync") or an AsyncClient over ``transport``; an
    iterator's records as a list."""
    if kind == "sync":
        result = getattr(smsc.Client(LOGIN, transport), method)(*args, **kwargs)
        return list(result) if isinstance(result, Iterator) else result

    async def run() -> Any:
        result = getattr(smsc.AsyncClient(LOGIN, transport), method)(*args, **kwargs)
        return [record async for record in result] if isinstance(result, AsyncIterator) else await result

    return asyncio.run(run())


def _replying(body: bytes) -> Callable[[smsc.HttpRequest], smsc.HttpResponse]:
    return lambda request: smsc.HttpResponse(200, (), body)


def _unreachable(request: smsc.HttpRequest) -> smsc.HttpResponse:
    raise AssertionError("no request was to be sent")
