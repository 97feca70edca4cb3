"""The handler views behind real servers on 127.0.0.1 (werkzeug for Flask, wsgiref for Django,
uvicorn for Starlette and FastAPI): FakeSmsc posts its signed callbacks of every kind to them,
and every kind of post in both charsets arrives typed; a forged one is refused with 403."""

from __future__ import annotations

import dataclasses
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats.testing import FakeSmsc

from .sites import FORM, SECRET, SERVERS, Inbox
from .test_views import EVENTS

PHONE, OTHER = "79990000001", "79990000002"


@pytest.fixture(params=sorted(SERVERS))
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, Inbox]]:
    inbox = Inbox()
    serve: Callable[..., Any] = SERVERS[request.param]
    with serve(inbox, SECRET) as url:
        yield url, inbox


def _post(url: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": FORM})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.read() == b"OK"
            status: int = answer.status
    except urllib.error.HTTPError as refused:
        status = refused.code
        refused.close()
    return status


def test_fake_smsc_posts_its_delivery_callbacks_to_the_view(served: tuple[str, Inbox]) -> None:
    url, inbox = served
    with (
        FakeSmsc(callback_url=url, callback_secret=SECRET, delivery=60) as server,
        smsc.Client(server.credentials, hosts=server.base_urls) as client,
    ):
        server.fail_number(OTHER)
        sent = client.call(smsc.SEND(phones=f"{PHONE},{OTHER}", mes="Привет"))
        server.advance(60)
    assert server.errors == []
    assert inbox.events == server.callbacks
    assert [(event.id, event.phone, type(event)) for event in inbox.events] == [
        (sent.id, PHONE, smsc.DeliveryEvent),
        (sent.id, OTHER, smsc.DeliveryEvent),
    ]


def test_fake_smsc_posts_hlr_results_incoming_sms_and_confirmation_calls_to_the_view(
    served: tuple[str, Inbox],
) -> None:
    url, inbox = served
    with (
        FakeSmsc(callback_url=url, callback_secret=SECRET, delivery=60) as server,
        smsc.Client(server.credentials, hosts=server.base_urls) as client,
    ):
        hlr = client.send_hlr(PHONE)
        incoming = server.receive(OTHER, "Да, приду")
        called = server.call(OTHER)
        server.advance(60)
    assert server.errors == []
    posted = [*server.hlr_callbacks, *server.incoming_callbacks, *server.call_callbacks]
    assert sorted(map(repr, inbox.events)) == sorted(map(repr, posted))  # the HLR result comes when due
    assert server.callbacks == []
    [result] = server.hlr_callbacks
    assert (result.id, result.phone, result.status, result.mcc) == (hlr.id, PHONE, smsc.StatusCode.DELIVERED, "250")
    assert (result.imsi, result.cn, result.net, result.rcn, result.rnet) == (
        "250019990000001",
        "Россия",
        "МТС",
        None,
        None,
    )
    [sms] = server.incoming_callbacks
    assert (sms.id, sms.phone, sms.mes) == (incoming, OTHER, "Да, приду")
    [call] = server.call_callbacks
    assert (call.id, call.phone) == (called, OTHER)
    assert all(smsc.verify_callback(event, SECRET) for event in inbox.events)


@pytest.mark.parametrize("charset", ["windows-1251", "utf-8"])
def test_every_kind_arrives_typed_and_a_forged_one_is_refused(served: tuple[str, Inbox], charset: str) -> None:
    url, inbox = served
    signed = [smsc.sign_callback(event, SECRET, algorithm="sha1") for event in EVENTS]
    statuses = [_post(f"{url}?charset={charset}", smsc.encode_callback(event, charset=charset)) for event in signed]
    assert statuses == [200] * len(EVENTS)
    assert inbox.events == signed
    incoming = signed[2]
    assert isinstance(incoming, smsc.IncomingSms)
    forged = dataclasses.replace(incoming, mes="Переведите деньги", sha1=None)
    assert _post(f"{url}?charset={charset}", smsc.encode_callback(forged, charset=charset)) == 403
    assert _post(url, b"") == 400
    assert inbox.events == signed
