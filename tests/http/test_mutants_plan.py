"""Client decisions that mutation testing of client/_plan.py found unpinned: where the HTTP status
boundary of failover lies, that error 9 is tried again only as often as Retry allows, what the
client logs, the per-call reply cap, the deadline's edges, and what an unknown outcome and the
error 9 that follows it say."""

from __future__ import annotations

import dataclasses
import logging
import re

import pytest

import smsc_formats as smsc
from smsc_formats.testing import FakeSmsc
from smsc_formats.transports import MockTransport
from smsc_formats.transports.urllib import UrllibTransport
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


@pytest.mark.parametrize("code", [404, 499, 501])
def test_an_http_4xx_or_501_is_not_tried_elsewhere(code: int) -> None:
    # 501: the request is not implemented, which another host of the same API would say too
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


def test_what_the_client_logs_of_a_call_and_of_a_cached_answer(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="smsc_formats")
    time = FakeTime()
    cache = smsc.ReplyCache(clock=time)
    for method, url in [
        ("POST", "http://127.0.0.1:1/sys/info.php"),
        (
            "GET",
            "http://127.0.0.1:1/sys/info.php?login=demo&psw=***&get_operator=1&phone=79991234567&fmt=3&charset=utf-8",
        ),
    ]:
        caplog.clear()
        client = smsc.Client(LOGIN, scripted(), hosts=HOSTS, sleep=time.sleep, clock=time, cache=cache, method=method)  # type: ignore[arg-type]
        assert client.call(LOOKUP) == INFO
        assert client.call(LOOKUP) == INFO
        assert [(record.name, record.levelno, record.getMessage()) for record in caplog.records] == [
            ("smsc_formats", logging.DEBUG, f"{method} {url}"),
            ("smsc_formats", logging.DEBUG, "get_operator answered from the cache"),
        ]
        cache = smsc.ReplyCache(clock=time)


def test_max_reply_bytes_of_a_call_overrides_the_clients() -> None:
    time = FakeTime()
    transport = scripted()
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, max_reply_bytes=1000)
    client.call(LOOKUP)
    client.call(LOOKUP, max_reply_bytes=50)
    assert [request.max_reply_bytes for request in transport.requests] == [1000, 50]


def test_max_reply_bytes_bounds_what_a_real_transport_reads(fake_smsc: FakeSmsc) -> None:
    client = smsc.Client(fake_smsc.credentials, UrllibTransport(), hosts=fake_smsc.base_urls[:1], max_reply_bytes=20)
    with pytest.raises(smsc.ReplyTooLarge, match="larger than 20 bytes"):
        client.call(LOOKUP)
    assert client.call(LOOKUP, max_reply_bytes=10_000) == INFO
    with pytest.raises(smsc.ReplyTooLarge, match="larger than 30 bytes"):
        client.call(LOOKUP, max_reply_bytes=30)


TEMPLATE = smsc.TEMPLATES(add="1", name="a", msg="b")
BUSY_JSON = b'{"error": "duplicate request, wait a minute", "error_code": 9}'


def test_an_unknown_outcome_without_a_message_id_says_where_and_why_and_nothing_more() -> None:
    time = FakeTime()
    client = smsc.Client(
        LOGIN, scripted(smsc.TransportError("connection reset")), hosts=HOSTS, sleep=time.sleep, clock=time
    )
    with pytest.raises(smsc.OutcomeUnknown) as caught:
        client.call(TEMPLATE)
    assert str(caught.value) == (
        "templates: the outcome is unknown, so the call was not repeated: the request may have reached "
        "http://127.0.0.1:1/sys/ (connection reset)"
    )
    assert (caught.value.host, caught.value.message_id, caught.value.operation) == (HOSTS[0], None, "templates")


def test_an_id_that_is_not_a_number_gives_an_unknown_outcome_no_message_id() -> None:
    time = FakeTime()
    client = smsc.Client(
        LOGIN, scripted(smsc.TransportError("connection reset")), hosts=HOSTS, sleep=time.sleep, clock=time
    )
    send = smsc.SEND(phones="79991234567", mes="x").with_unchecked({"id": "abc"})
    with pytest.raises(smsc.OutcomeUnknown, match=re.escape("send: the outcome is unknown")) as caught:
        client.call(send)
    assert caught.value.message_id is None
    assert "status.php" not in str(caught.value)


def test_error_9_after_an_unknown_outcome_names_its_host_and_age_and_no_missing_id() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("connection reset"), BUSY_JSON)
    retry = smsc.Retry(too_many_requests=3, too_many_requests_wait=1.0)
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, retry=retry)
    time.sleep(100.0)
    with pytest.raises(smsc.OutcomeUnknown, match=re.escape("templates: the outcome is unknown")):
        client.call(TEMPLATE)
    time.sleep(7.0)
    with pytest.raises(smsc.TooManyRequests) as caught:
        client.call(TEMPLATE)
    error = caught.value
    assert str(error) == (
        "templates: error 9 (duplicate request, wait a minute): Too many identical or too frequent requests, "
        "or too many concurrent connections. The same request to http://127.0.0.1:1/sys/ ended with an unknown "
        "outcome 7 s ago: it most likely went through."
    )
    assert (error.error_code, error.description, error.operation, error.message_id) == (
        9,
        "duplicate request, wait a minute",
        "templates",
        None,
    )
    assert len(transport.requests) == 2


def test_no_try_starts_when_its_backoff_would_end_exactly_at_the_deadline() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("connection reset"))
    retry = smsc.Retry(backoff=1.0)
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, retry=retry, timeout=1.0)
    with pytest.raises(smsc.TransportTimeout, match=r"^connection reset \(no time left before the deadline"):
        client.call(LOOKUP)
    assert (len(transport.requests), time.sleeps) == (1, [])


def test_failover_logs_the_failure_the_next_host_and_the_wait(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="smsc_formats")
    time = FakeTime()
    transport = scripted(smsc.TransportError("connection reset"), smsc.TransportError("timed out"))
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time)
    assert client.call(LOOKUP) == INFO
    assert [record.getMessage() for record in caplog.records if record.name == "smsc_formats"] == [
        "connection reset; trying http://127.0.0.1:2/sys/ in 0.50 s",
        "timed out; trying http://127.0.0.1:3/sys/ in 1.00 s",
    ]


def test_a_try_after_a_backoff_gets_only_what_is_left_below_a_second() -> None:
    time = FakeTime()
    transport = scripted(smsc.TransportError("connection reset"))
    retry = smsc.Retry(backoff=1.5)
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, retry=retry, timeout=2.0)
    assert client.call(LOOKUP) == INFO
    assert [request.timeout for request in transport.requests] == [1.0, 0.5]


def test_retry_says_what_attempts_counts() -> None:
    with pytest.raises(ValueError, match=r"^Retry\.attempts counts the first try too: at least 1$"):
        smsc.Retry(attempts=0)


def test_error_9_tried_again_is_logged_with_the_operation_and_the_wait(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="smsc_formats")
    time = FakeTime()
    retry = smsc.Retry(too_many_requests=1, too_many_requests_wait=61.0)
    client = smsc.Client(LOGIN, scripted(BUSY), hosts=HOSTS, sleep=time.sleep, clock=time, retry=retry)
    assert client.call(LOOKUP) == INFO
    assert [record.getMessage() for record in caplog.records if record.name == "smsc_formats"] == [
        "get_operator: error 9, trying again in 61 s"
    ]


def test_a_look_up_tries_error_9_again_even_after_the_same_request_met_an_unknown_outcome() -> None:
    time = FakeTime()
    not_idempotent = dataclasses.replace(smsc.BALANCE, name="my_balance", idempotent=False, variants=())
    transport = scripted(smsc.TransportError("connection reset"), BUSY_JSON, b'{"balance": "10.00"}')
    retry = smsc.Retry(too_many_requests=1, too_many_requests_wait=1.0)
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time, retry=retry)
    with pytest.raises(smsc.OutcomeUnknown, match=re.escape("my_balance: the outcome is unknown")):
        client.call(not_idempotent)
    balance = client.call(smsc.BALANCE)  # the look-up is safe to repeat: error 9 is tried again
    assert isinstance(balance, smsc.Balance)
    assert (len(transport.requests), time.sleeps) == (3, [1.0])


def test_an_error_other_than_9_after_an_unknown_outcome_carries_no_note() -> None:
    time = FakeTime()
    refused = b'{"error": "invalid parameters", "error_code": 1}'
    transport = scripted(smsc.TransportError("connection reset"), refused)
    client = smsc.Client(LOGIN, transport, hosts=HOSTS, sleep=time.sleep, clock=time)
    with pytest.raises(smsc.OutcomeUnknown, match=re.escape("templates: the outcome is unknown")):
        client.call(TEMPLATE)
    with pytest.raises(smsc.InvalidParameters) as caught:
        client.call(TEMPLATE)
    assert str(caught.value) == "templates: error 1 (invalid parameters): The request's parameters are wrong."


def test_a_request_fake_smsc_does_not_implement_says_so_at_once(fake_smsc: FakeSmsc) -> None:
    client = smsc.Client(fake_smsc.credentials, hosts=fake_smsc.base_urls)
    with (
        client,
        pytest.raises(smsc.HttpStatusError, match=r"HTTP 501 with no SMSC reply: 'not implemented by FakeSmsc: "),
    ):
        client.call(smsc.SEND(phones="79991234567", mes="hi", push=1, cost=1))
    assert len(fake_smsc.requests) == 1
