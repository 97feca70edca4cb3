"""The same behaviour from every HTTP stack, sync and async, against a real server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from types import SimpleNamespace
from typing import cast

import pytest

import smsc_formats as smsc
from smsc_formats import BALANCE, SEND, STATUS
from smsc_formats.testing import FakeSmsc
from tests.http.http_stacks import FAST, STACKS, Stack

pytestmark = pytest.mark.parametrize("stack", STACKS, ids=[stack.name for stack in STACKS])

MOSCOW = smsc.OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
@pytest.mark.parametrize("charset", ["utf-8", "windows-1251", "koi8-r"])
def test_operator_in_every_format_and_charset(stack: Stack, fake_smsc: FakeSmsc, fmt: int, charset: str) -> None:
    reply = stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), fmt=fmt, charset=charset)
    assert reply == MOSCOW
    assert fake_smsc.account.seen[-1]["charset"] == charset


def test_long_phone_list_gives_one_record_per_phone(stack: Stack, fake_smsc: FakeSmsc) -> None:
    phones = [f"7999{n:07d}" for n in range(400)] + ["+380501234567"]
    replies = stack.call(fake_smsc, smsc.GET_OPERATOR(phone=",".join(phones)), fmt=1)
    assert [reply.phone for reply in replies] == phones
    assert replies[-1].operator == "Киевстар"


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_credentials_travel_in_the_body_unless_get_is_chosen(stack: Stack, fake_smsc: FakeSmsc, method: str) -> None:
    assert stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), method=method) == MOSCOW
    seen = fake_smsc.requests[-1]
    assert seen.method == method
    assert ("psw" in seen.url_fields) is (method == "GET")


@pytest.mark.parametrize(
    "credentials",
    [
        smsc.Credentials.login_password_hashed("demo", "demo-password"),
        smsc.Credentials.api_key("demo-api-key"),
    ],
    ids=["md5", "apikey"],
)
def test_every_kind_of_credentials_is_accepted(stack: Stack, fake_smsc: FakeSmsc, credentials: object) -> None:
    assert stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), credentials=credentials) == MOSCOW


def test_wrong_password_raises_its_api_error(stack: Stack, fake_smsc: FakeSmsc) -> None:
    wrong = smsc.Credentials.login_password("demo", "guess")
    with pytest.raises(smsc.AuthorisationFailed) as caught:
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), credentials=wrong)
    assert caught.value.error_code == 2
    assert len(fake_smsc.requests) == 1  # an error reply is an answer: no failover


def test_unknown_operator_raises_operator_not_found(stack: Stack, fake_smsc: FakeSmsc) -> None:
    with pytest.raises(smsc.OperatorNotFound) as caught:
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="19991234567"), fmt=2)
    assert (caught.value.error_code, caught.value.operation) == (3, "get_operator")


def test_plain_error_line_under_fmt3_is_still_an_api_error(stack: Stack, fake_smsc: FakeSmsc) -> None:
    fake_smsc.error_line_next(4)
    with pytest.raises(smsc.IpTemporarilyBlocked) as caught:
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), fmt=3)
    assert (caught.value.error_code, caught.value.description) == (4, "IP address is temporarily blocked")


def test_too_many_requests_is_retried_after_the_configured_wait(stack: Stack, fake_smsc: FakeSmsc) -> None:
    fake_smsc.fail_next(9)
    retry = smsc.Retry(too_many_requests=1, too_many_requests_wait=0.01)
    assert stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), retry=retry) == MOSCOW
    assert len(fake_smsc.requests) == 2


def test_too_many_requests_raises_when_retries_are_spent(stack: Stack, fake_smsc: FakeSmsc) -> None:
    fake_smsc.fail_next(9, times=2)
    retry = smsc.Retry(too_many_requests=1, too_many_requests_wait=0.01)
    with pytest.raises(smsc.TooManyRequests) as caught:
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), retry=retry)
    assert caught.value.error_code == 9
    assert len(fake_smsc.requests) == 2


@pytest.mark.parametrize(
    "fault",
    [
        FakeSmsc.empty_next,
        FakeSmsc.drop_next,
        lambda server: server.delay_next(10.0),
        lambda server: server.http_status_next(502),
        lambda server: server.take_down(0),
    ],
    ids=["empty body", "dropped", "timeout", "http 502", "primary down"],
)
def test_failures_move_to_the_next_host(stack: Stack, fake_smsc: FakeSmsc, fault: object) -> None:
    fault(fake_smsc)  # type: ignore[operator]
    # a try may take 0.8 s of the call's 5: room for the next host on a busy machine; the delayed one is woken at close
    retry = dataclasses.replace(FAST, try_timeout=0.8)
    assert stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), timeout=5.0, retry=retry) == MOSCOW
    assert [seen.host for seen in fake_smsc.requests][-1] == 1


SENT_TO = r"^POST http://127\.0\.0\.1:\d+/sys/info\.php: "


@pytest.mark.parametrize(
    ("fault", "error", "message"),
    [
        (FakeSmsc.empty_next, smsc.TransportError, r"^get_operator: the server sent an empty body$"),
        (FakeSmsc.drop_next, smsc.TransportError, SENT_TO + r".*[Dd]isconnected"),  # each library words it
        (
            lambda server: server.delay_next(1.0),
            smsc.TransportTimeout,
            SENT_TO + r"(no whole answer within 0\.15 s|\w*Timeout\w*: .*)$",  # or the library's own timeout first
        ),
        (
            lambda server: server.http_status_next(503),
            smsc.HttpStatusError,
            r"^get_operator: HTTP 503 with no SMSC reply: '<html>Bad Gateway</html>'$",
        ),
    ],
    ids=["empty body", "dropped", "timeout", "http 503"],
)
def test_a_failure_on_the_last_try_is_a_transport_error(
    stack: Stack, fake_smsc: FakeSmsc, fault: object, error: type[Exception], message: str
) -> None:
    fault(fake_smsc)  # type: ignore[operator]
    with pytest.raises(error, match=message) as caught:
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"), timeout=0.3, retry=smsc.Retry(attempts=1))
    assert not isinstance(caught.value, smsc.ApiError)
    if error is smsc.TransportError:
        assert type(caught.value) is smsc.TransportError


def test_all_hosts_down_is_a_transport_error_after_the_bounded_tries(stack: Stack, fake_smsc: FakeSmsc) -> None:
    fake_smsc.take_down(0)
    fake_smsc.take_down(1)
    with pytest.raises(smsc.RequestNotSent, match=SENT_TO + r"\w+: .*[Cc]onnect"):  # each library words it
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"))


def test_http_4xx_is_not_tried_elsewhere(stack: Stack, fake_smsc: FakeSmsc) -> None:
    fake_smsc.http_status_next(404)
    with pytest.raises(smsc.HttpStatusError) as caught:
        stack.call(fake_smsc, smsc.GET_OPERATOR(phone="79991234567"))
    assert caught.value.status_code == 404
    assert len(fake_smsc.requests) == 1


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251"])
def test_unicode_message_is_sent_and_charged(stack: Stack, fake_smsc: FakeSmsc, charset: str) -> None:
    text = "Привет, мир! Код: 1234" if charset != "utf-8" else "Привет 👋 世界, ok"
    sent = stack.call(fake_smsc, SEND(phones="79991234567;79991234568", mes=text, cost="3"), charset=charset)
    assert fake_smsc.account.seen[-1]["mes"] == text
    assert (sent.cnt, sent.cost, sent.balance) == (2, Decimal("3.00"), Decimal("97.00"))
    assert stack.call(fake_smsc, BALANCE).balance == Decimal("97.00")


def test_sent_messages_advance_through_their_statuses(stack: Stack, fake_smsc: FakeSmsc) -> None:
    sent = stack.call(fake_smsc, SEND(phones="79991234567", mes="hello"))
    query = STATUS(id=str(sent.id), phone="79991234567")
    first = stack.call(fake_smsc, query).status
    fake_smsc.advance(fake_smsc.account.delivery)  # the fake's clock: delivered that long after sending
    assert [first, *(stack.call(fake_smsc, query).status for _ in range(2))] == [0, 1, 1]
    several = stack.call(fake_smsc, STATUS(id=f"{sent.id},999", phone="79991234567,79991234567"))
    assert [(item.id, item.status) for item in several] == [(sent.id, 1), (999, -3)]


def test_https_with_a_locally_made_certificate(stack: Stack) -> None:
    with FakeSmsc(tls=True) as server:
        assert server.base_urls[0].startswith("https://127.0.0.1:")
        assert stack.call(server, smsc.GET_OPERATOR(phone="79991234567")) == MOSCOW


def test_https_refuses_a_certificate_no_trusted_ca_signed(stack: Stack) -> None:
    with FakeSmsc(tls=True) as server:
        trusting_only_the_system = SimpleNamespace(
            ca_file=None, base_urls=server.base_urls, credentials=server.credentials
        )
        with pytest.raises(smsc.TransportError, match=r"(?i)certificate|ssl"):
            stack.call(cast(FakeSmsc, trusting_only_the_system), smsc.GET_OPERATOR(phone="79991234567"))
        assert server.requests == []


def test_a_refused_send_names_the_message(stack: Stack, fake_smsc: FakeSmsc) -> None:
    with pytest.raises(smsc.ApiError) as caught:
        stack.call(fake_smsc, SEND(phones="79991234567,12345", mes="hi", id="4242"), fmt=2)
    assert (caught.value.error_code, caught.value.message_id) == (7, 4242)
    assert fake_smsc.account.balance == Decimal("100.00")
