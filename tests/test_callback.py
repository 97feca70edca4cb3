"""The delivery callback: a posted form or JSON body to a typed event, checksums, and back."""

from __future__ import annotations

from typing import Literal

import pytest
from hypothesis import given

from smsc_formats import (
    DecodeError,
    DeliveryEvent,
    EncodeError,
    callback_checksum,
    encode_callback,
    parse_callback,
    sign_callback,
    verify_callback,
)
from smsc_formats.operations import DeliveryError, StatusCode
from smsc_formats.strategies import delivery_events

# md5 and sha1 of "5:79999999999:1:s3cret", the inferred formula "<id>:<phone>:<status>:<secret>"
MD5 = "64f98ef799b37627f10a64f5e91a8037"
SHA1 = "bedd87b0496f4422e502484626f55982a79f2a78"
DELIVERED = DeliveryEvent(id=5, phone="79999999999", status=StatusCode.DELIVERED, err=DeliveryError.NO_ERROR)


def test_form_body_is_typed() -> None:
    event = parse_callback(b"id=5&phone=79999999999&status=1&err=0&ts=1629048442&md5=" + MD5.encode())
    assert event == DeliveryEvent(id=5, phone="79999999999", status=1, err=0, ts=1629048442, md5=MD5)
    assert event.status is StatusCode.DELIVERED


def test_json_body_and_mapping_agree() -> None:
    from_json = parse_callback(b'{"id": 5, "phone": "79999999999", "status": 1, "err": 0}', charset="utf-8")
    from_mapping = parse_callback({"id": "5", "phone": "79999999999", "status": "1", "err": "0"})
    assert from_json == from_mapping == DELIVERED


def test_unknown_fields_are_kept_and_charset_is_the_handlers() -> None:
    event = parse_callback("id=7&mes=Привет%2C+мир".encode("cp1251").replace(b"\xcf", b"%CF"))
    assert event.id == 7
    assert event.extra == (("mes", "Привет, мир"),)


def test_checksums_follow_the_formula() -> None:
    assert callback_checksum(DELIVERED, "s3cret") == MD5
    assert callback_checksum(DELIVERED, "s3cret", algorithm="sha1") == SHA1


@pytest.mark.parametrize("algorithm", ["md5", "sha1"])
def test_signed_events_verify_only_with_their_secret(algorithm: Literal["md5", "sha1"]) -> None:
    signed = sign_callback(DELIVERED, "s3cret", algorithm=algorithm)
    assert verify_callback(signed, "s3cret")
    assert not verify_callback(signed, "other")
    assert not verify_callback(DELIVERED, "s3cret")  # nothing to check


def test_a_tampered_event_fails_verification() -> None:
    signed = parse_callback(b"id=5&phone=79999999999&status=1&md5=" + MD5.upper().encode())
    assert verify_callback(signed, "s3cret")
    assert not verify_callback(parse_callback(encode_callback(signed).replace(b"status=1", b"status=3")), "s3cret")


@pytest.mark.parametrize(
    ("body", "expected"),
    [(b"id=x", "'id'"), (b"id=1&id=2", "once"), (b"\xff", "utf-8"), (b"{]", "JSON"), (b"[1]", "form")],
)
def test_bad_bodies_give_a_decode_error(body: bytes, expected: str) -> None:
    with pytest.raises(DecodeError, match=expected) as caught:
        parse_callback(body, charset="utf-8")
    assert caught.value.operation == "callback"


def test_encoding_refuses_what_the_charset_cannot_carry() -> None:
    with pytest.raises(EncodeError):
        encode_callback(DeliveryEvent(id=1, phone="☎"))


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (("id", "6"), "an extra key that is not also a declared field"),
        (("cnt2", 2), "text, which fmt=1 carries, found int"),
    ],
    ids=["a second id", "a number"],
)
def test_encoding_refuses_extra_fields_a_form_cannot_carry(extra: tuple[str, object], problem: str) -> None:
    with pytest.raises(EncodeError) as caught:
        encode_callback(DeliveryEvent(id=5, extra=(extra,)))
    assert (caught.value.operation, caught.value.fmt, caught.value.field, caught.value.problem) == (
        "callback",
        1,
        extra[0],
        problem,
    )


@given(delivery_events())
def test_encode_then_parse_round_trips(event: DeliveryEvent) -> None:
    assert parse_callback(encode_callback(event, charset="utf-8"), charset="utf-8") == event
