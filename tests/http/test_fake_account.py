"""The fake SMSC as an account, driven through the library's own Client (urllib, fmt=3, POST)
and through raw requests shaped as the official PHP library sends them (GET, fmt=1, cost=3,
translit=0, id=0, windows-1251): sending, statuses on the fake's clock, limits, callbacks, 501."""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import cast
from urllib.parse import urlencode

import pytest

import smsc_formats as smsc
from smsc_formats import get_operation
from smsc_formats.operations import Done
from smsc_formats.operations.callback import DeliveryEvent, parse_callback, verify_callback
from smsc_formats.testing import FakeSmsc
from tests.http.doubles import OTHER, PHONE  # client, server: fixtures


def test_a_send_pays_for_each_part_and_creates_a_message_per_number(server: FakeSmsc, client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=f"{PHONE};{OTHER}", mes="Привет", cost=3))
    assert (sent.cnt, sent.cost, sent.balance) == (2, Decimal("3.00"), Decimal("97.00"))
    assert sorted(server.account.messages) == [(sent.id, PHONE), (sent.id, OTHER)]
    assert client.call(smsc.BALANCE(cur=1)) == smsc.Balance(balance=Decimal("97.00"), currency="RUR")


def test_a_price_request_sends_nothing(server: FakeSmsc, client: smsc.Client) -> None:
    cost = client.call(smsc.SEND(phones=PHONE, mes="x" * 161, cost=1))
    assert (cost.cost, cost.cnt) == (Decimal("3.00"), 2)
    assert server.account.messages == {}
    assert client.call(smsc.BALANCE()).balance == Decimal("100.00")


def test_a_client_left_to_poll_sees_its_message_delivered(client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="hi"))
    seen = [client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status]
    deadline = time.monotonic() + 5
    while seen[-1] == smsc.StatusCode.TRANSFERRED and time.monotonic() < deadline:
        time.sleep(0.05)
        seen.append(client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status)
    assert seen[0] == smsc.StatusCode.TRANSFERRED
    assert seen[-1] == smsc.StatusCode.DELIVERED


def test_advance_moves_the_clock_a_status_reads(server: FakeSmsc, client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="hi"))
    before = client.call(smsc.STATUS(id=sent.id, phone=PHONE, all=1))
    server.advance(3600)
    after = client.call(smsc.STATUS(id=sent.id, phone=PHONE, all=1))
    assert (before.status, after.status) == (smsc.StatusCode.TRANSFERRED, smsc.StatusCode.DELIVERED)
    later = client.call(smsc.SEND(phones=PHONE, mes="later"))
    sent_later = client.call(smsc.STATUS(id=later.id, phone=PHONE, all=1)).send_date
    assert before.send_date is not None
    assert after.last_date is not None
    assert sent_later is not None
    assert (after.last_date - before.send_date).total_seconds() <= 1  # delivered half a second after sending
    assert 3600 <= (sent_later - before.send_date).total_seconds() <= 3602
    assert (after.message, after.phone, after.cost, after.type) == ("hi", PHONE, Decimal("1.50"), 0)


def test_a_number_marked_to_fail_ends_with_its_error(server: FakeSmsc, client: smsc.Client) -> None:
    server.fail_number(OTHER, err=smsc.DeliveryError.SUBSCRIBER_OFFLINE)
    sent = client.call(smsc.SEND(phones=f"{PHONE},{OTHER}", mes="hi"))
    server.advance(1)
    statuses = client.call(smsc.STATUS(id=[sent.id, sent.id], phone=[PHONE, OTHER]))
    assert [(item.phone, item.status, item.delivery_error) for item in statuses] == [
        (PHONE, smsc.StatusCode.DELIVERED, smsc.DeliveryError.NO_ERROR),
        (OTHER, smsc.StatusCode.UNABLE_TO_DELIVER, smsc.DeliveryError.SUBSCRIBER_OFFLINE),
    ]


def test_an_identical_send_within_a_minute_is_error_9_whatever_its_id(server: FakeSmsc, client: smsc.Client) -> None:
    client.call(smsc.SEND(phones=PHONE, mes="once", id=5))
    with pytest.raises(smsc.TooManyRequests, match=re.escape("send: error 9 (duplicate request, wait a minute)")):
        client.call(smsc.SEND(phones=PHONE, mes="once", id=6))
    client.call(smsc.SEND(phones=PHONE, mes="twice", id=7))  # another text is another request
    server.advance(60)
    assert client.call(smsc.SEND(phones=PHONE, mes="once", id=8)).id == 8
    assert sorted(message_id for message_id, _ in server.account.messages) == [5, 7, 8]


def test_a_list_sends_each_number_its_own_text(server: FakeSmsc, client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(list={PHONE: "Your code: 1", OTHER: "Your code: 22"}, cost=2))
    assert (sent.cnt, sent.cost) == (2, Decimal("3.00"))
    texts = [client.call(smsc.STATUS(id=sent.id, phone=phone, all=1)).message for phone in (PHONE, OTHER)]
    assert texts == ["Your code: 1", "Your code: 22"]


def test_an_hlr_request_reads_its_fields_once_final(server: FakeSmsc, client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="", hlr=1))
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).imsi is None
    server.advance(1)
    brief = client.call(smsc.STATUS(id=sent.id, phone=PHONE))
    details = client.call(smsc.STATUS(id=sent.id, phone=PHONE, all=2))
    assert (brief.status, brief.mcc, brief.mnc, brief.imsi) == (
        smsc.StatusCode.DELIVERED,
        "250",
        "01",
        "250019991234567",
    )
    assert (details.sender_id, details.type, details.country, details.operator) == ("HLR", 4, "Россия", "МТС")


@pytest.mark.parametrize(
    ("flag", "kind"), [("ping", 5), ("call", 7), ("viber", 10), ("tg", 13), ("flash", 1), ("soc", 12)]
)
def test_each_channel_is_a_message_of_its_type(client: smsc.Client, flag: str, kind: int) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="x" * 200).bind({flag: 1}))
    assert isinstance(sent, smsc.Sent)
    assert sent.cnt == (2 if kind in (0, 1) else 1)  # a flash SMS has parts, the others are one each
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE, all=1)).type == kind


def test_a_confirmation_call_carries_its_code(client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="code", call=1))
    assert sent.code is not None
    assert sent.code.isdigit()
    assert len(sent.code) == 4


def test_op_lists_every_number_and_err_those_that_fail(server: FakeSmsc, client: smsc.Client) -> None:
    server.fail_number(OTHER)
    every = client.call(smsc.SEND(phones=f"{PHONE},{OTHER}", mes="a", op=1)).phones
    failing = client.call(smsc.SEND(phones=f"{PHONE},{OTHER}", mes="b", err=1)).phones
    assert every is not None
    assert failing is not None
    assert [(item.phone, item.mccmnc, item.status) for item in every] == [(PHONE, "25001", "1"), (OTHER, "25001", "20")]
    assert [(item.phone, item.error) for item in failing] == [(OTHER, "1")]


def test_a_blacklisted_number_gets_no_message(server: FakeSmsc, client: smsc.Client) -> None:
    client.call(get_operation("phones_add_black")(phone=PHONE))
    sent = client.call(smsc.SEND(phones=PHONE, mes="hi"))
    server.advance(1)
    status = client.call(smsc.STATUS(id=sent.id, phone=PHONE))
    assert (status.status, status.err) == (smsc.StatusCode.PROHIBITED, smsc.DeliveryError.NUMBER_FORBIDDEN)
    client.call(get_operation("phones_del_black")(phone=PHONE))
    later = client.call(smsc.SEND(phones=PHONE, mes="again"))
    server.advance(1)
    assert client.call(smsc.STATUS(id=later.id, phone=PHONE)).status == smsc.StatusCode.DELIVERED


def test_a_deleted_message_is_not_found(client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="hi"))
    deleted = client.call(smsc.STATUS(id=sent.id, phone=PHONE).bind({"del": 1}))
    assert cast(object, deleted) == Done(result="OK")  # typed as the all=0 reply
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status == smsc.StatusCode.NOT_FOUND
    with pytest.raises(smsc.CannotDeleteMessage, match=re.escape("status: error 5 (delete error)")):
        client.call(smsc.STATUS(id=sent.id, phone=PHONE).bind({"del": 1}))


def test_not_enough_money_names_the_message(client: smsc.Client) -> None:
    with pytest.raises(smsc.NotEnoughMoney, match=re.escape("send: error 3 (no money)")) as refused:
        client.call(smsc.SEND(phones=",".join(f"7999123{n:04d}" for n in range(70)), mes="hi", id=99))
    assert refused.value.message_id == 99
    assert client.call(smsc.BALANCE()).balance == Decimal("100.00")


def test_a_send_to_a_contact_group_reaches_its_contacts(server: FakeSmsc, client: smsc.Client) -> None:
    group = client.call(get_operation("phones_add_group")(name="friends")).id
    client.call(get_operation("phones_add")(phone=PHONE, grp=str(group)))
    client.call(get_operation("phones_add")(phone=OTHER))
    sent = client.call(smsc.SEND(phones=f"G{group}", mes="hi"))
    assert sent.cnt == 1
    assert list(server.account.messages) == [(sent.id, PHONE)]


# Raw requests as the official PHP library writes them (smsc_api.php, _smsc_send_cmd).


def php(server: FakeSmsc, script: str, query: str, *, post: bool = False) -> bytes:
    """A request of smsc_api.php: fmt=1, windows-1251, the query's text already url-encoded in it."""
    form = f"login=demo&psw=demo-password&fmt=1&charset=windows-1251&{query}"
    url = f"{server.base_urls[0]}{script}"
    request = urllib.request.Request(url, data=form.encode()) if post else urllib.request.Request(f"{url}?{form}")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 200
        body: bytes = answer.read()
        return body


def cp1251(text: str) -> str:
    return urlencode({"mes": text}, encoding="windows-1251")


def test_the_php_library_sends_polls_and_reads_its_balance(server: FakeSmsc) -> None:
    body = php(server, "send.php", f"cost=3&phones={PHONE}&{cp1251('Привет, мир')}&translit=0&id=0")
    message_id, cnt, cost, balance = body.decode().split(",")
    assert (int(message_id) > 0, cnt, cost, balance) == (True, "1", "1.50", "98.50")
    status = php(server, "status.php", f"phone={PHONE}&id={message_id}&all=0").decode().split(",")
    assert status[0] == "0"
    assert status[1].isdigit()
    server.advance(1)
    assert php(server, "status.php", f"phone={PHONE}&id={message_id}&all=0").decode().split(",")[0] == "1"
    details = php(server, "status.php", f"phone={PHONE}&id={message_id}&all=1")
    assert details.decode("windows-1251").split(",", 8)[8] == "Привет, мир"  # as the library splits it
    assert php(server, "balance.php", "") == b"98.50"


def test_the_php_library_posts_long_requests_and_asks_prices(server: FakeSmsc) -> None:
    assert php(server, "send.php", f"cost=1&phones={PHONE}&{cp1251('ж' * 71)}&translit=0", post=True) == b"3.00,2"
    body = php(server, "send.php", f"cost=3&phones={PHONE}&{cp1251('ж' * 71)}&translit=0&id=0", post=True)
    assert body.endswith(b",2,3.00,97.00")
    assert php(server, "send.php", f"cost=3&phones={PHONE}&{cp1251('ж' * 71)}&translit=0&id=0") == b"0,-9"
    assert php(server, "send.php", "cost=3&phones=123&mes=x&translit=0&id=0").endswith(b",-7")


def test_the_php_library_reads_several_statuses_line_by_line(server: FakeSmsc) -> None:
    ids = [php(server, "send.php", f"cost=3&phones={PHONE}&mes={text}&translit=0&id=0").split(b",")[0] for text in "ab"]
    lines = php(server, "status.php", f"phone={PHONE},{PHONE}&id={b','.join(ids).decode()}&all=0").split(b"\n")
    assert [line.split(b",")[-2:] for line in lines] == [[ids[0], PHONE.encode()], [ids[1], PHONE.encode()]]


# Per-minute limits, when asked for.


def test_with_rate_limits_a_sixth_status_request_within_a_minute_is_error_9() -> None:
    with FakeSmsc(rate_limits=True) as server, smsc.Client(server.credentials, hosts=server.base_urls) as client:
        sent = client.call(smsc.SEND(phones=PHONE, mes="hi"))
        for _ in range(5):
            client.call(smsc.STATUS(id=sent.id, phone=PHONE))
        with pytest.raises(smsc.TooManyRequests, match=re.escape("status: error 9 (duplicate request, wait a minute)")):
            client.call(smsc.STATUS(id=sent.id, phone=PHONE))
        client.call(smsc.STATUS(id="1", phone=PHONE))  # another message counts on its own
        server.advance(60)
        assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status == smsc.StatusCode.DELIVERED


def test_with_rate_limits_the_eleventh_balance_request_is_error_9() -> None:
    with FakeSmsc(rate_limits=True) as server, smsc.Client(server.credentials, hosts=server.base_urls) as client:
        for _ in range(10):
            client.call(smsc.BALANCE())
        with pytest.raises(
            smsc.TooManyRequests, match=re.escape("balance: error 9 (duplicate request, wait a minute)")
        ):
            client.call(smsc.BALANCE())


def test_without_rate_limits_status_is_answered_every_time(client: smsc.Client) -> None:
    sent = client.call(smsc.SEND(phones=PHONE, mes="hi"))
    for _ in range(12):
        client.call(smsc.STATUS(id=sent.id, phone=PHONE))


# Delivery callbacks to a real handler on 127.0.0.1.


class _Handler(BaseHTTPRequestHandler):
    server: _Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.end_headers()
        with self.server.lock:
            self.server.bodies.append(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Receiver(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies: list[bytes] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/smsc-callback"


@pytest.fixture
def receiver() -> Iterator[_Receiver]:
    handler = _Receiver()
    thread = threading.Thread(target=handler.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield handler
    handler.shutdown()
    handler.server_close()


def test_a_final_status_is_posted_signed_to_the_callback_url(receiver: _Receiver) -> None:
    with (
        FakeSmsc(callback_url=receiver.url, callback_secret="s3cret", delivery=3600) as server,
        smsc.Client(server.credentials, hosts=server.base_urls) as client,
    ):
        server.fail_number(OTHER, err=smsc.DeliveryError.SUBSCRIBER_BLOCKED)
        sent = client.call(smsc.SEND(phones=f"{PHONE},{OTHER}", mes="hi"))
        assert receiver.bodies == []
        server.advance(3600)
        events = [event for body in receiver.bodies if isinstance(event := parse_callback(body), DeliveryEvent)]
    assert len(events) == len(receiver.bodies)
    assert all(verify_callback(event, "s3cret") for event in events)
    assert not verify_callback(events[0], "another secret")
    assert [(event.id, event.phone, event.status, event.err) for event in events] == [
        (sent.id, PHONE, smsc.StatusCode.DELIVERED, smsc.DeliveryError.NO_ERROR),
        (sent.id, OTHER, smsc.StatusCode.UNABLE_TO_DELIVER, smsc.DeliveryError.SUBSCRIBER_BLOCKED),
    ]
    assert server.callbacks == events


def test_callbacks_come_in_real_time_too(receiver: _Receiver) -> None:
    with FakeSmsc(callback_url=receiver.url) as server, smsc.Client(server.credentials, hosts=server.base_urls) as c:
        sent = c.call(smsc.SEND(phones=PHONE, mes="hi"))
        deadline = time.monotonic() + 5
        while not receiver.bodies and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [parse_callback(body).id for body in receiver.bodies] == [sent.id]
    assert server.callbacks[0].md5 is None  # no secret, no checksum


def test_a_callback_url_that_refuses_is_recorded_in_errors(receiver: _Receiver) -> None:
    url = receiver.url
    receiver.shutdown()
    receiver.server_close()
    with FakeSmsc(callback_url=url, delivery=10) as server:
        server.account.answer("send.php", f"login=demo&psw=demo-password&phones={PHONE}&mes=hi")
        server.advance(10)
    assert server.callbacks == []
    assert [type(error).__name__ for error in server.errors] == ["URLError"]


def test_a_callback_event_carries_what_the_api_posts(receiver: _Receiver) -> None:
    with FakeSmsc(callback_url=receiver.url, delivery=1) as server:
        server.account.answer("send.php", f"login=demo&psw=demo-password&phones={PHONE}&mes=hi&id=12")
        server.advance(1)
    (event,) = server.callbacks
    assert isinstance(event, DeliveryEvent)
    assert (event.id, event.cnt, event.type, event.time is not None, event.ts is not None) == (12, 1, 0, True, True)


# What the fake does not implement, as a Client user meets it.


def test_an_option_the_fake_does_not_implement_is_a_501_http_status_error(
    server: FakeSmsc, client: smsc.Client
) -> None:
    with pytest.raises(smsc.HttpStatusError) as refused:
        client.call(get_operation("senders_get")(all=1))
    assert refused.value.status_code == 501
    assert refused.value.body == b"not implemented by FakeSmsc: senders.php all"
    assert "HTTP 501" in str(refused.value)


def test_credentials_are_never_recorded(server: FakeSmsc, client: smsc.Client) -> None:
    client.call(get_operation("users_add")(user="shop", password="Sub-Secret-1"))
    with pytest.raises(smsc.OutcomeUnknown) as refused:
        client.call(smsc.SEND(phones=PHONE, mes="hi", push=1))
    assert isinstance(refused.value.__cause__, smsc.HttpStatusError)  # a send that may have arrived
    recorded = repr(server.account.seen) + repr(refused.value.__cause__.body)
    assert "demo-password" not in recorded
    assert "Sub-Secret-1" not in recorded
    assert server.account.seen[0]["psw"] == server.account.seen[0]["password"] == "***"


@pytest.mark.parametrize(
    "when", ["+60", "0{ts}", "{day:%d%m%y%H%M}", "{day:%d.%m.%y %H:%M}"], ids=["minutes", "unix", "digits", "dots"]
)
def test_a_scheduled_message_waits_for_its_time(server: FakeSmsc, client: smsc.Client, when: str) -> None:
    soon = time.time() + 3600
    day = datetime.fromtimestamp(soon, timezone(timedelta(hours=3))).replace(tzinfo=None)
    sent = client.call(smsc.SEND(phones=PHONE, mes="later", time=when.format(ts=int(soon), day=day)))
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status == smsc.StatusCode.WAITING
    server.advance(3600 - 60)
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status == smsc.StatusCode.WAITING
    server.advance(61)
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status != smsc.StatusCode.WAITING
    server.advance(1)
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status == smsc.StatusCode.DELIVERED


def test_a_time_zone_moves_a_scheduled_message(server: FakeSmsc, client: smsc.Client) -> None:
    day = datetime.now(timezone(timedelta(hours=3))).replace(tzinfo=None) + timedelta(hours=2)
    sent = client.call(smsc.SEND(phones=PHONE, mes="east", time=f"{day:%d%m%y%H%M}", tz=2))  # two hours east
    server.advance(60)
    assert client.call(smsc.STATUS(id=sent.id, phone=PHONE)).status != smsc.StatusCode.WAITING


def test_a_date_the_fake_cannot_read_is_error_5(client: smsc.Client) -> None:
    with pytest.raises(smsc.InvalidDateFormat, match=re.escape("send: error 5 (invalid date format)")):
        client.call(smsc.SEND(phones=PHONE, mes="x", time="31.02.26 10:00"))
