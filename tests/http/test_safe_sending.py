"""Never send twice: which calls fail over, the unknown outcome, the client's message ids, error 9.

Driven through MockTransport with a fake clock; tests/http/test_misbehaving_servers.py shows the same
over every real HTTP stack against hostile loopback servers.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from urllib.parse import parse_qsl

import pytest

import smsc_formats as smsc
from smsc_formats.transports import MockTransport
from tests.http.doubles import HOSTS, LOGIN, LOOKUP, FakeTime

SEND = smsc.SEND(phones="79991234567", mes="Код: 1234")
SENT = b'{"id": 5, "cnt": 1}'
Answer = Callable[[smsc.HttpRequest], smsc.HttpResponse]


def answering(*answers: bytes | Exception | smsc.HttpResponse) -> MockTransport:
    """A transport that gives these answers in turn, then a sent reply echoing the request's id."""
    queue = iter(answers)

    def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        answer = next(queue, None)
        if answer is None:
            message_id = dict(request.fields).get("id", "5")
            return smsc.HttpResponse(200, (), f'{{"id": {message_id}, "cnt": 1}}'.encode())
        if isinstance(answer, Exception):
            raise answer
        return answer if isinstance(answer, smsc.HttpResponse) else smsc.HttpResponse(200, (), answer)

    return MockTransport(handler)


def client(transport: MockTransport, time: FakeTime | None = None, **options: object) -> smsc.Client:
    time = time or FakeTime()
    return smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, **options)  # type: ignore[arg-type]


def field(request: smsc.HttpRequest, name: str) -> str | None:
    return dict(request.fields).get(name)


MAYBE_SENT = {
    "dropped after sending": smsc.TransportError("connection reset"),
    "timeout": smsc.TransportTimeout("no whole answer within 10 s"),
    "too large": smsc.ReplyTooLarge("larger than 16 bytes", limit=16),
    "empty body": b"",
    "blank body": b" \r\n",
    "http 500": smsc.HttpResponse(500, (), b"Internal Server Error"),
    "http 504": smsc.HttpResponse(504, (), b"Gateway Timeout"),
    "redirect": smsc.HttpResponse(307, (("Location", "http://elsewhere.example/sys/send.php"),), b""),
    "malformed": b'{"id": 5, "cn',
}


@pytest.mark.parametrize("failure", MAYBE_SENT.values(), ids=MAYBE_SENT.keys())
def test_a_send_that_may_have_arrived_is_never_repeated(failure: bytes | Exception | smsc.HttpResponse) -> None:
    transport = answering(failure)
    with pytest.raises(smsc.OutcomeUnknown) as caught:
        client(transport).call(SEND)
    assert len(transport.requests) == 1
    unknown = caught.value
    sent_id = field(transport.requests[0], "id")
    assert unknown.message_id is not None
    assert str(unknown.message_id) == sent_id
    assert unknown.host == HOSTS[0]
    assert HOSTS[0] in str(unknown)
    assert f"status.php id={sent_id}" in str(unknown)
    assert unknown.sent.params["id"] == int(sent_id)
    assert unknown.sent.form["id"] == sent_id
    assert unknown.operation == "send"
    assert isinstance(unknown.__cause__, (smsc.TransportError, smsc.DecodeError))
    assert isinstance(unknown, smsc.TransportError)


def test_a_send_whose_request_never_left_moves_to_the_next_host() -> None:
    transport = answering(smsc.RequestNotSent("connection refused"), smsc.RequestNotSent("name not resolved"))
    sent = client(transport, retry=smsc.Retry(backoff=0.01)).call(SEND)
    assert isinstance(sent, smsc.Sent)
    assert [request.endpoint for request in transport.requests] == [f"{host}send.php" for host in HOSTS]
    assert len({field(request, "id") for request in transport.requests}) == 1  # one message, one id
    assert sent.id == int(field(transport.requests[0], "id") or 0)


def test_a_send_stops_after_its_attempts_even_when_nothing_left() -> None:
    refused = smsc.RequestNotSent("refused")
    transport = answering(*[refused] * 5)
    with pytest.raises(smsc.RequestNotSent) as caught:
        client(transport, retry=smsc.Retry(attempts=2, backoff=0.01)).call(SEND)
    assert caught.value is refused
    assert len(transport.requests) == 2


@pytest.mark.parametrize(
    "operation",
    [
        smsc.PING(id="1"),
        smsc.STATUS(id="5", phone="79991234567", **{"del": "1"}),
        smsc.TEMPLATES(add="1", name="a", msg="b"),
        smsc.get_operation("users_pay")(user="sub", sum="10"),
        smsc.get_operation("jobs_add")(name="a", phones="79991234567", mes="b"),
        smsc.get_operation("phones_del")(phone="79991234567"),
        smsc.get_operation("senders_send_code")(sender="79991234567"),
    ],
    ids=lambda operation: operation.name + ("".join(f" {k}={v}" for k, v in operation.params.items() if v == "1")),
)
def test_every_call_that_changes_state_is_never_repeated(operation: smsc.Operation[object]) -> None:
    assert not operation.is_idempotent
    transport = answering(smsc.HttpResponse(502, (), b"Bad Gateway"))
    with pytest.raises(
        smsc.OutcomeUnknown, match=re.escape(f"({operation.name}: HTTP 502 with no SMSC reply)")
    ) as caught:
        client(transport).call(operation)
    assert len(transport.requests) == 1
    assert (caught.value.operation, caught.value.host) == (operation.name, HOSTS[0])
    assert caught.value.message_id is None  # only a send carries an id the client chose
    assert "status.php" not in str(caught.value)


@pytest.mark.parametrize(
    ("operation", "missing"),
    [
        (LOOKUP, "'country' (a text value)"),
        (smsc.BALANCE, "'balance' (an amount such as 4.20)"),
        (smsc.STATUS(id="5", phone="79991234567"), "'status' (an integer code (StatusCode))"),
        (smsc.SEND(phones="79991234567", mes="x", cost="1"), "'cost' (an amount such as 4.20)"),
    ],
    ids=["get_operator", "balance", "status", "send cost=1"],
)
def test_a_look_up_still_moves_on_after_any_failure(operation: smsc.Operation[object], missing: str) -> None:
    assert operation.is_idempotent
    transport = answering(smsc.TransportTimeout("slow"), smsc.HttpResponse(503, (), b""), b"")
    with pytest.raises(smsc.DecodeError) as caught:  # the fourth answer is the send's reply, not this call's
        client(transport, retry=smsc.Retry(backoff=0.01)).call(operation)
    assert (caught.value.operation, caught.value.expected) == (operation.name, missing)
    assert len(transport.requests) == 4
    assert all(field(request, "id") == operation.params.get("id") for request in transport.requests)


def test_an_operation_a_user_declares_is_not_repeated_unless_it_says_it_is_idempotent() -> None:
    import dataclasses

    mine = dataclasses.replace(smsc.BALANCE, name="my_balance", idempotent=False, variants=())
    transport = answering(b"")
    with pytest.raises(smsc.OutcomeUnknown, match=re.escape("(my_balance: the server sent an empty body)")) as caught:
        client(transport).call(mine)
    assert (caught.value.operation, caught.value.host, caught.value.message_id) == ("my_balance", HOSTS[0], None)
    assert len(transport.requests) == 1
    assert smsc.Operation.__dataclass_fields__["idempotent"].default is False


def test_every_send_carries_an_id_the_client_chose_within_the_api_s_range() -> None:
    transport = answering()
    ids = set()
    for text in ("one", "two", "three"):
        client(transport).call(smsc.SEND(phones="79991234567", mes=text))
        ids.add(int(field(transport.requests[-1], "id") or 0))
    assert len(ids) == 3
    assert all(1 <= message_id <= 2_147_483_647 for message_id in ids)


@pytest.mark.parametrize("given", ["", "0", " 0", 0, -1, 2_147_483_648, True])
def test_an_id_outside_the_apis_range_is_refused_before_sending(given: object) -> None:
    transport = answering()
    with pytest.raises(smsc.RequestError, match=r"^send: 'id': expected an integer from 1 to 2147483647, found "):
        client(transport).call(smsc.SEND(phones="79991234567", mes="x").bind({"id": given}))
    assert transport.requests == []


@pytest.mark.parametrize("given", ["", "0", " 0"])
def test_an_unchecked_id_of_zero_or_none_asks_the_client_for_one(given: str) -> None:
    transport = answering()
    client(transport).call(smsc.SEND(phones="79991234567", mes="x").with_unchecked({"id": given}))
    assert int(field(transport.requests[0], "id") or 0) >= 1


def test_an_id_the_caller_gave_is_kept() -> None:
    transport = answering()
    sent = client(transport).call(smsc.SEND(phones="79991234567", mes="x", id="777"))
    assert field(transport.requests[0], "id") == "777"
    assert isinstance(sent, smsc.Sent)
    assert sent.id == 777


def test_a_price_query_and_a_look_up_get_no_id() -> None:
    transport = answering(b'{"cost": "1.50", "cnt": 1}', b'{"balance": "10.00"}')
    time = FakeTime()
    client(transport, time).call(smsc.SEND(phones="79991234567", mes="x", cost="1"))
    client(transport, time).call(smsc.BALANCE)
    assert [field(request, "id") for request in transport.requests] == [None, None]


def test_the_same_send_within_a_minute_gets_the_same_id_so_the_server_sees_a_duplicate() -> None:
    time = FakeTime()
    transport = answering()
    same = client(transport, time)
    same.call(SEND)
    time.sleep(59.0)
    same.call(SEND)
    time.sleep(59.0)  # the window counts from the last time the id was used
    same.call(SEND)
    other_text = same.call(smsc.SEND(phones="79991234567", mes="another"))
    time.sleep(61.0)
    same.call(SEND)
    ids = [field(request, "id") for request in transport.requests]
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[0]
    assert isinstance(other_text, smsc.Sent)
    assert ids[4] != ids[0]


def test_error_9_after_an_unknown_outcome_says_the_first_send_most_likely_went_through() -> None:
    time = FakeTime()
    busy = b'{"error": "duplicate request, wait a minute", "error_code": 9}'
    transport = answering(smsc.TransportError("connection reset"), *[busy] * 5)
    same = client(transport, time, retry=smsc.Retry(too_many_requests=3, too_many_requests_wait=1.0))
    with pytest.raises(smsc.OutcomeUnknown, match=re.escape("(connection reset)")) as unknown:
        same.call(SEND)
    time.sleep(5.0)
    with pytest.raises(smsc.TooManyRequests, match="most likely went through") as caught:
        same.call(SEND)
    assert f"message id {unknown.value.message_id}" in str(caught.value)
    assert len(transport.requests) == 2  # error 9 is not tried again after an unknown outcome
    assert field(transport.requests[0], "id") == field(transport.requests[1], "id")
    time.sleep(61.0)
    with pytest.raises(
        smsc.TooManyRequests, match=re.escape("send: error 9 (duplicate request, wait a minute)")
    ) as later:
        same.call(SEND)  # a minute on, the unknown outcome is forgotten: error 9 is tried again as allowed
    assert "most likely" not in str(later.value)
    assert len(transport.requests) == 2 + 4


def test_calling_what_was_sent_again_repeats_the_same_request() -> None:
    transport = answering(smsc.TransportError("connection reset"))
    with pytest.raises(smsc.OutcomeUnknown) as caught:
        client(transport).call(SEND)
    sent = client(transport).call(caught.value.sent)
    assert dict(transport.requests[0].fields) == dict(transport.requests[1].fields)
    assert isinstance(sent, smsc.Sent)
    assert sent.id == caught.value.message_id


def test_the_async_client_obeys_the_same_rules() -> None:
    time = FakeTime()
    transport = answering(smsc.RequestNotSent("refused"), smsc.HttpResponse(502, (), b""))

    async def run() -> smsc.OutcomeUnknown:
        async with smsc.AsyncClient(LOGIN, transport, hosts=HOSTS, sleep=time.async_sleep, clock=time) as async_client:
            with pytest.raises(smsc.OutcomeUnknown, match=re.escape("(send: HTTP 502 with no SMSC reply)")) as caught:
                await async_client.call(SEND)
            return caught.value

    unknown = asyncio.run(run())
    assert len(transport.requests) == 2
    assert unknown.host == HOSTS[1]


def test_the_form_that_left_holds_the_id() -> None:
    transport = answering()
    client(transport).call(SEND)
    form = dict(parse_qsl(transport.requests[0].content.decode()))
    assert form["id"].isdigit()
    assert form["mes"] == "Код: 1234"


@pytest.mark.parametrize("charset", ["punycode", "idna", "base64", "no-such-charset"])
def test_a_client_refuses_a_charset_that_is_not_text_before_it_sends(charset: str) -> None:
    with pytest.raises(ValueError, match=charset):
        smsc.Client(LOGIN, answering(), charset=charset)


def test_a_look_up_that_answered_too_much_does_not_ask_the_next_host() -> None:
    too_large = smsc.ReplyTooLarge("larger than 16 bytes", limit=16)
    transport = answering(too_large)
    with pytest.raises(smsc.ReplyTooLarge) as caught:
        client(transport).call(LOOKUP)
    assert caught.value is too_large
    assert len(transport.requests) == 1  # the next host would send as much again
