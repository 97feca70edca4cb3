"""Delivery-callback behaviour that mutation testing of operations/callback.py found unpinned:
an event carrying both checksums verifies only when both match, the checksum of an event with
absent fields, and what each refusal says."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping

import pytest

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

EVENT = DeliveryEvent(id=7, phone="79991234567", status=1)
SECRET = "s3cret"


def test_both_checksums_must_match() -> None:
    both = sign_callback(sign_callback(EVENT, SECRET, algorithm="md5"), SECRET, algorithm="sha1")
    assert both.md5
    assert both.sha1
    assert verify_callback(both, SECRET)
    wrong_md5 = callback_checksum(EVENT, "other")
    wrong_sha1 = callback_checksum(EVENT, "other", algorithm="sha1")
    assert not verify_callback(dataclasses.replace(both, md5=wrong_md5), SECRET)
    assert not verify_callback(dataclasses.replace(both, sha1=wrong_sha1), SECRET)


def test_an_empty_checksum_beside_a_matching_one_is_not_checked() -> None:
    signed = sign_callback(EVENT, SECRET, algorithm="sha1")
    assert verify_callback(dataclasses.replace(signed, md5=""), SECRET)
    assert not verify_callback(dataclasses.replace(EVENT, md5="", sha1=""), SECRET)


def test_a_checksum_in_upper_case_hex_matches() -> None:
    signed = sign_callback(EVENT, SECRET)
    assert signed.md5 is not None
    assert verify_callback(dataclasses.replace(signed, md5=signed.md5.upper()), SECRET)


def test_absent_fields_are_empty_in_the_checksum() -> None:
    assert callback_checksum(DeliveryEvent(), "s") == hashlib.md5(b":::s").hexdigest()
    assert callback_checksum(DeliveryEvent(status=0), "s") == hashlib.md5(b"::0:s").hexdigest()
    event = DeliveryEvent(id=0, phone="", status=1)
    assert callback_checksum(event, "s", algorithm="sha1") == hashlib.sha1(b"0::1:s").hexdigest()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"id=\x98", "a body in windows-1251"),  # the one byte windows-1251, the default, leaves undefined
        (b"id=&id=5", "each form field once"),  # a blank field counts
        ({}, "a body with at least one field, found none"),
        (b"{}", "a body with at least one field, found none"),
    ],
)
def test_a_refused_body_says_why(body: bytes | Mapping[str, str], expected: str) -> None:
    with pytest.raises(DecodeError) as caught:
        parse_callback(body)
    assert caught.value.expected == expected


def test_a_blank_form_field_is_a_field() -> None:
    assert parse_callback(b"status=") == DeliveryEvent()
    assert parse_callback(b"id=&phone=7&status=1") == DeliveryEvent(phone="7", status=1)


def test_an_event_without_a_field_is_refused_as_no_callback() -> None:
    with pytest.raises(EncodeError) as caught:
        encode_callback(DeliveryEvent())
    assert caught.value.problem == "an event whose fields tell its kind (DeliveryEvent: see KINDS)"


def test_text_the_default_charset_cannot_carry_is_refused_as_a_callback_error() -> None:
    with pytest.raises(EncodeError) as caught:
        encode_callback(DeliveryEvent(phone="\U0001f600", status=1))
    error = caught.value
    assert (error.problem, error.operation, error.fmt) == ("text that windows-1251 can carry", "callback", 1)


def test_a_json_body_keeps_its_numbers_typed() -> None:
    assert parse_callback(b'{"id": 5, "status": 1, "phone": "7"}') == DeliveryEvent(id=5, status=1, phone="7")


@pytest.mark.parametrize(("body", "fmt"), [(b"status=1&foo=2", None), (b'{"status": 1, "foo": 2}', 3)])
def test_strict_refuses_an_unknown_field_of_either_body(body: bytes, fmt: int | None) -> None:
    assert parse_callback(body).extra == (("foo", "2" if fmt is None else 2),)
    with pytest.raises(DecodeError) as caught:
        parse_callback(body, strict=True)
    assert (caught.value.expected, caught.value.fmt) == ("only the fields of DeliveryEvent, found 'foo'", fmt)


def test_an_error_in_a_json_body_is_a_fmt3_error() -> None:
    with pytest.raises(DecodeError) as caught:
        parse_callback(b'{"id": 1')
    assert (caught.value.expected, caught.value.fmt) == ("JSON (Expecting ',' delimiter)", 3)
    assert (caught.value.line, caught.value.column) == (1, 9)


def test_an_empty_json_string_is_a_value_and_an_empty_form_field_is_none() -> None:
    assert parse_callback(b'{"phone": "", "status": 1}').phone == ""
    assert parse_callback(b"phone=&id=1&status=1").phone is None


def test_only_a_crc32_may_come_as_its_decimal_number() -> None:
    signed = sign_callback(EVENT, SECRET, algorithm="sha1")
    assert signed.sha1 is not None
    as_decimal = str(int(signed.sha1, 16))
    assert not verify_callback(dataclasses.replace(signed, sha1=as_decimal), SECRET)
    crc32 = callback_checksum(EVENT, SECRET, algorithm="crc32")
    assert verify_callback(dataclasses.replace(EVENT, crc32=str(int(crc32, 16))), SECRET)
