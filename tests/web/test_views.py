"""The handler views, each in its real framework through the framework's own test client: every
kind of post in both charsets, as a form and as JSON, gets the typed event to the user's function;
forged, unsigned, empty and hostile posts are refused with the right status; repeats are answered
as successes and the key tells them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats.web._handling import MAX_BODY

from .sites import CLIENTS, SECRET, Inbox, Post

EVENTS: list[smsc.CallbackEvent] = [
    smsc.DeliveryEvent(id=5, phone="79999999999", status=smsc.StatusCode.DELIVERED, err=0, ts=1732442400),
    smsc.HlrResult(id=4, phone="79991112233", status=1, imsi="250023012345678", mcc="250", mnc="02", cn="Россия"),
    smsc.IncomingSms(id=9, phone="79991112233", to="79000000000", mes="Привет, мир & всё", sent="24.11.2024 12:00:00"),
    smsc.ConfirmationCall(phone="79991112233", to="79000000001", ts=1732442400),
]
CHARSETS = ["windows-1251", "utf-8"]


def _json(event: smsc.CallbackEvent, charset: str) -> bytes:
    fields = {key: value for key, value in dataclasses.asdict(event).items() if value is not None and key != "extra"}
    return json.dumps(fields, ensure_ascii=False).encode(charset)


@pytest.fixture(params=sorted(CLIENTS))
def site(request: pytest.FixtureRequest) -> Callable[..., Any]:
    make: Callable[..., Any] = CLIENTS[request.param]
    return make


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def post(site: Callable[..., Any], inbox: Inbox) -> Iterator[Post]:
    with site(inbox, SECRET) as posting:
        yield posting


@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
def test_each_kind_in_each_charset_reaches_the_function_typed(
    post: Post, inbox: Inbox, event: smsc.CallbackEvent, charset: str
) -> None:
    signed = smsc.sign_callback(event, SECRET)
    assert post(f"charset={charset}", smsc.encode_callback(signed, charset=charset)) == (200, "OK")
    assert post(f"charset={charset}&fmt=3", _json(signed, charset)) == (200, "OK")
    assert inbox.events == [signed]  # the JSON post is the same event: a repeat
    assert inbox.calls == 2
    assert type(inbox.events[0]) is type(event)


def test_without_a_charset_the_body_is_windows_1251(post: Post, inbox: Inbox) -> None:
    signed = smsc.sign_callback(EVENTS[2], SECRET)
    assert post("", smsc.encode_callback(signed)) == (200, "OK")
    assert inbox.events == [signed]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda event: dataclasses.replace(event, md5=None), "unsigned"),
        (lambda event: dataclasses.replace(event, status=smsc.StatusCode.UNABLE_TO_DELIVER), "tampered"),
        (lambda event: smsc.sign_callback(dataclasses.replace(event, md5=None), "guess"), "another secret"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_forged_post_is_refused_with_403(
    post: Post, inbox: Inbox, change: Callable[[smsc.DeliveryEvent], smsc.DeliveryEvent], why: str
) -> None:
    forged = change(smsc.sign_callback(smsc.DeliveryEvent(id=5, phone="79999999999", status=1), SECRET))
    assert post("charset=utf-8", smsc.encode_callback(forged, charset="utf-8")) == (
        403,
        "the checksum is missing or does not match",
    ), why
    assert inbox.calls == 0


@pytest.mark.parametrize(
    ("query", "body", "status", "text"),
    [
        ("", b"", 400, "not a callback: a body with at least one field, found none"),
        ("charset=utf-8", b"id=5&ts=1", 400, "not a callback: a post of a known kind, with a key among 'imsi'"),
        ("charset=utf-8", b'{"a":' * 5000 + b"1" + b"}" * 5000, 400, "not a callback: nesting at most 32 levels"),
        ("charset=utf-8", b'{"status": 1, "status": 2}', 400, "not a callback: each key once in an object"),
        ("charset=utf-8", b"status=1&id=5&id=6", 400, "not a callback: each form field once"),
        ("charset=utf-8", b"status=one", 400, "not a callback: an integer code (StatusCode) in 'status', found 'one'"),
        ("charset=utf-8", b"status=1&phone=%FF", 400, "not a callback: a body in utf-8"),
        ("charset=base64", b"status=1", 400, "not a callback: a text charset"),
        ("", b"status=1&pad=" + b"x" * MAX_BODY, 413, f"a callback of at most {MAX_BODY} bytes"),
    ],
    ids=["empty", "no kind", "deep JSON", "duplicate JSON key", "duplicate field", "wrong type", "bad bytes",
         "unreadable charset", "too large"],
)  # fmt: skip
def test_an_empty_or_hostile_post_is_refused(
    post: Post, inbox: Inbox, query: str, body: bytes, *, status: int, text: str
) -> None:
    answer = post(query, body)
    assert answer[0] == status
    assert answer[1].startswith(text)
    assert inbox.calls == 0


def test_a_repeat_is_a_success_and_handled_once(post: Post, inbox: Inbox) -> None:
    signed = smsc.sign_callback(EVENTS[0], SECRET)
    body = smsc.encode_callback(signed)
    later = smsc.encode_callback(smsc.sign_callback(dataclasses.replace(EVENTS[0], ts=1732442460), SECRET))
    assert [post("", body), post("", body), post("", later)] == [(200, "OK")] * 3
    assert (inbox.calls, inbox.events) == (3, [signed])


@pytest.mark.parametrize("site_name", sorted(CLIENTS))
def test_without_a_secret_an_unsigned_post_is_accepted(site_name: str) -> None:
    inbox = Inbox()
    with CLIENTS[site_name](inbox, None) as post:
        assert post("", smsc.encode_callback(EVENTS[3])) == (200, "OK")
    assert inbox.events == [EVENTS[3]]


@pytest.mark.parametrize("site_name", sorted(CLIENTS))
def test_an_error_in_the_function_is_a_500_so_the_gateway_posts_again(site_name: str) -> None:
    def failing(event: smsc.CallbackEvent) -> None:
        raise RuntimeError("the database is down")

    with CLIENTS[site_name](failing, None) as post:
        assert post("", smsc.encode_callback(EVENTS[0]))[0] == 500


def test_an_async_function_is_awaited_in_the_asgi_endpoint() -> None:
    seen: list[smsc.CallbackEvent] = []

    async def handle(event: smsc.CallbackEvent) -> None:
        seen.append(event)

    with CLIENTS["fastapi"](handle, None) as post:
        assert post("", smsc.encode_callback(EVENTS[1])) == (200, "OK")
    assert seen == [EVENTS[1]]
