"""send.php's JSON form end to end: Client and AsyncClient, over urllib, httpx, requests and aiohttp,
post the parameters as one JSON object to FakeSmsc's ``/rest/send/``, which answers as send.php
does; the client's rules of never sending twice hold for it as for the form.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from decimal import Decimal

import pytest

import smsc_formats as smsc
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import MockTransport
from tests.http.doubles import HOSTS, LOGIN, FakeTime
from tests.http.http_stacks import STACKS, Stack

on_every_stack = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])

PHONE = "79991234567"
TEXT = "Код: 1234 — заказ №7 готов"
PRICE = Decimal("1.50")


def rest_url(server: FakeSmsc) -> str:
    return server.base_urls[0].replace("/sys/", "/rest/send/")


@on_every_stack
def test_a_send_goes_as_json_and_changes_the_account_as_send_php_does(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes=TEXT, cost=3), json_body=True)
    assert sent == smsc.Sent(id=sent.id, cnt=1, cost=PRICE, balance=Decimal("100.00") - PRICE)
    seen = fake_smsc.requests[-1]
    assert (seen.method, seen.path, seen.script, seen.url_fields) == ("POST", "/rest/send/", "send.php", ())
    arrived = fake_smsc.account.seen[-1]
    assert (arrived["mes"], arrived["cost"], arrived["id"], arrived["psw"]) == (TEXT, "3", str(sent.id), "***")
    assert fake_smsc.account.messages[sent.id, PHONE].text == TEXT
    by_form = stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes=TEXT + "!", cost=3))
    assert fake_smsc.requests[-1].path == "/sys/send.php"
    assert by_form.balance == sent.balance - PRICE  # the same change, by either form
    status = stack.call(fake_smsc, smsc.STATUS(id=sent.id, phone=PHONE), json_body=True)
    assert status.status in (smsc.StatusCode.TRANSFERRED, smsc.StatusCode.DELIVERED)
    assert fake_smsc.requests[-1].path == "/sys/status.php"  # a call without a JSON form goes as a form


@on_every_stack
def test_a_price_query_as_json_is_a_cost_and_sends_nothing(stack: Stack, fake_smsc: FakeSmsc) -> None:
    price = stack.call(fake_smsc, smsc.SEND(phones=[PHONE, "79990000001"], mes=TEXT, cost=1), json_body=True)
    assert price == smsc.Cost(cost=2 * PRICE, cnt=2)
    assert fake_smsc.account.messages == {}
    assert fake_smsc.account.balance == Decimal("100.00")
    assert fake_smsc.requests[-1].path == "/rest/send/"


@on_every_stack
def test_error_replies_of_the_json_form_raise_their_api_errors(stack: Stack, fake_smsc: FakeSmsc) -> None:
    with pytest.raises(smsc.InvalidPhoneNumber, match="send: error 7"):
        stack.call(fake_smsc, smsc.SEND(phones="123", mes=TEXT), json_body=True)
    fake_smsc.account.balance = Decimal("0.50")
    with pytest.raises(smsc.NotEnoughMoney) as caught:
        stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes=TEXT, id=77), json_body=True)
    assert caught.value.message_id == 77
    with pytest.raises(smsc.AuthorisationFailed, match="send: error 2"):
        stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes=TEXT), json_body=True, credentials=LOGIN)
    assert {seen.path for seen in fake_smsc.requests} == {"/rest/send/"}


@on_every_stack
def test_an_api_key_and_the_everyday_calls_go_in_the_json_body(stack: Stack, fake_smsc: FakeSmsc) -> None:
    key = smsc.Credentials.api_key("demo-api-key")
    sent = stack.use(fake_smsc, "send_sms", PHONE, TEXT, client={"json_body": True, "credentials": key})
    assert sent.cnt == 1
    assert fake_smsc.account.seen[-1]["apikey"] == "***"
    assert fake_smsc.requests[-1].path == "/rest/send/"


@on_every_stack
def test_the_call_s_own_word_wins_over_the_client_s_choice(stack: Stack, fake_smsc: FakeSmsc) -> None:
    stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes="a"), per_call={"json_body": True})
    stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes="b"), per_call={"json_body": False}, json_body=True)
    files = {"file0": ("a.png", b"\x89PNG", "image/png")}
    stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes="c", mms=1), per_call={"files": files}, json_body=True)
    assert [seen.path for seen in fake_smsc.requests] == ["/rest/send/", "/sys/send.php", "/sys/send.php"]
    with pytest.raises(smsc.RequestError, match="'json_body': this call has no JSON form"):
        stack.call(fake_smsc, smsc.BALANCE(), per_call={"json_body": True})
    assert len(fake_smsc.requests) == 3


@on_every_stack
def test_a_json_send_answered_too_late_is_not_repeated(stack: Stack, fake_smsc: FakeSmsc) -> None:
    fake_smsc.delay_next(2.0)
    with pytest.raises(smsc.OutcomeUnknown) as caught:
        stack.call(fake_smsc, smsc.SEND(phones=PHONE, mes=TEXT), json_body=True, timeout=0.5)
    assert len(fake_smsc.requests) == 1
    assert fake_smsc.requests[0].path == "/rest/send/"
    assert fake_smsc.account.seen[0]["id"] == str(caught.value.message_id)
    assert f"status.php id={caught.value.message_id}" in str(caught.value)


@on_every_stack
def test_a_json_send_that_never_left_moves_to_the_next_host(stack: Stack) -> None:
    with FakeSmsc(hosts=2) as server:
        server.take_down(0)
        sent = stack.call(server, smsc.SEND(phones=PHONE, mes=TEXT), json_body=True)
        assert [(seen.host, seen.path) for seen in server.requests] == [(1, "/rest/send/")]
        assert server.account.messages[sent.id, PHONE].text == TEXT


def test_a_stream_goes_as_a_form_whatever_the_client_chose(fake_smsc: FakeSmsc) -> None:
    with smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls, json_body=True) as client:
        (sent,) = client.stream(smsc.SEND(phones=PHONE, mes=TEXT))
    assert isinstance(sent, smsc.Sent)
    assert [seen.path for seen in fake_smsc.requests] == ["/sys/send.php"]


def test_a_client_that_sends_json_cannot_use_get() -> None:
    with pytest.raises(ValueError, match=r"json_body=True sends a POST body, which method='GET' cannot"):
        smsc.Client(LOGIN, MockTransport(lambda request: smsc.HttpResponse(200, (), b"")), json_body=True, method="GET")
    transport = MockTransport(lambda request: smsc.HttpResponse(200, (), b""))
    with smsc.Client(LOGIN, transport, method="GET") as getting, pytest.raises(smsc.RequestError, match="GET' cannot"):
        getting.call(smsc.SEND(phones=PHONE, mes="x"), json_body=True)
    assert transport.requests == []


MAYBE_SENT = {
    "dropped after sending": smsc.TransportError("connection reset"),
    "timeout": smsc.TransportTimeout("no whole answer within 10 s"),
    "http 502": smsc.HttpResponse(502, (), b"Bad Gateway"),
    "empty body": b"",
}


def answering(*answers: bytes | Exception | smsc.HttpResponse | None) -> MockTransport:
    """These answers in turn, then (and for each ``None``) the right one: a sent reply with the
    request's id, or a price for ``cost=1``."""
    queue = iter(answers)

    def handler(request: smsc.HttpRequest) -> smsc.HttpResponse:
        answer = next(queue, None)
        if answer is None:
            fields = dict(request.fields)
            reply = {"cost": "1.5", "cnt": 1} if fields.get("cost") == "1" else {"id": int(fields["id"]), "cnt": 1}
            return smsc.HttpResponse(200, (), json.dumps(reply).encode())
        if isinstance(answer, Exception):
            raise answer
        return answer if isinstance(answer, smsc.HttpResponse) else smsc.HttpResponse(200, (), answer)

    return MockTransport(handler)


def client(transport: MockTransport) -> smsc.Client:
    time = FakeTime()
    return smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, json_body=True)


@pytest.mark.parametrize("failure", MAYBE_SENT.values(), ids=MAYBE_SENT.keys())
def test_a_json_send_that_may_have_arrived_is_never_repeated(failure: bytes | Exception | smsc.HttpResponse) -> None:
    transport = answering(failure)
    with client(transport) as sending, pytest.raises(smsc.OutcomeUnknown) as caught:
        sending.call(smsc.SEND(phones=PHONE, mes=TEXT))
    assert len(transport.requests) == 1
    assert json.loads(transport.requests[0].content)["id"] == caught.value.message_id
    assert transport.requests[0].url == "http://127.0.0.1:1/rest/send/"


def test_a_json_send_not_sent_moves_on_with_its_id_and_a_price_query_moves_on_after_a_5xx() -> None:
    transport = answering(smsc.RequestNotSent("refused"), None, smsc.HttpResponse(503, (), b"Busy"))
    with client(transport) as sending:
        sent = sending.call(smsc.SEND(phones=PHONE, mes=TEXT))
        price = sending.call(smsc.SEND(phones=PHONE, mes=TEXT, cost=1))
    assert price == smsc.Cost(cost=Decimal("1.5"), cnt=1)
    assert [request.url.split("/sys/")[0] for request in transport.requests] == [
        f"http://127.0.0.1:{port}/rest/send/" for port in (1, 2, 1, 2)
    ]
    assert [json.loads(request.content).get("id") for request in transport.requests] == [sent.id, sent.id, None, None]


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("application/json", b'{"phones": "79991234567", "mes": ', "a JSON object: Expecting value at line 1"),
        ("application/json", b'["phones"]', "a JSON object of parameters, found an array"),
        ("application/json", b'{"phones": ["79991234567"]}', "'phones': a string or a number, found an array"),
        ("text/plain", b'{"phones": "1"}', "a JSON body (Content-Type: application/json), found 'text/plain'"),
    ],
)
def test_the_fake_refuses_a_malformed_json_body_with_400_saying_why(
    fake_smsc: FakeSmsc, content_type: str, body: bytes, reason: str
) -> None:
    wire = urllib.request.Request(rest_url(fake_smsc), data=body, headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(wire, timeout=5)
    answer = smsc.HttpResponse(400, tuple(caught.value.headers.items()), caught.value.read())
    caught.value.close()
    with pytest.raises(smsc.HttpStatusError) as refused:
        smsc.parse_response(smsc.SEND, answer)
    quoted = repr(f"Malformed request: {reason}")[:-1]  # the line as the error quotes it, up to its end
    assert f"send: HTTP 400 with no SMSC reply: {quoted}" in str(refused.value)
    assert str(fake_smsc.errors[-1]).startswith(reason)
    assert fake_smsc.account.seen == []


def test_the_fake_answers_the_json_form_to_post_only(fake_smsc: FakeSmsc) -> None:
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(rest_url(fake_smsc) + "?phones=79991234567&mes=x", timeout=5)
    with caught.value:
        assert caught.value.code == 501
        assert caught.value.read() == b"not implemented by FakeSmsc: rest/send phones, mes"
