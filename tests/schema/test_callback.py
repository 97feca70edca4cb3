"""The delivery callback: a posted form or JSON body to a typed event, checksums, and back."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    event = parse_callback("id=7&status=1&note=Привет%2C+мир".encode("cp1251").replace(b"\xcf", b"%CF"))
    assert event == DeliveryEvent(id=7, status=1, extra=(("note", "Привет, мир"),))


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
    [(b"status=1&id=x", "'id'"), (b"id=1&id=2", "once"), (b"\xff", "utf-8"), (b"{]", "JSON"), (b"[1]", "form")],
)
def test_bad_bodies_give_a_decode_error(body: bytes, expected: str) -> None:
    with pytest.raises(DecodeError, match=expected) as caught:
        parse_callback(body, charset="utf-8")
    assert caught.value.operation == "callback"


@pytest.mark.parametrize(
    ("event", "field"),
    [
        (DeliveryEvent(id=1, phone="☎", status=1), "phone"),
        (DeliveryEvent(id=1, phone="7", status=1, extra=(("note", "☎"),)), "note"),
        (DeliveryEvent(id=1, phone="7", status=1, extra=(("☎", "x"),)), "☎"),  # a key the charset cannot carry
        (DeliveryEvent(id=1, phone="☎", status=1, extra=(("note", "☎"),)), "phone"),  # the first of two
    ],
)
def test_encoding_refuses_what_the_charset_cannot_carry_naming_the_field(event: DeliveryEvent, field: str) -> None:
    with pytest.raises(EncodeError, match=re.escape("text that windows-1251 can carry")) as refused:
        encode_callback(event)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (("id", "6"), "an extra key that fmt=1 does not read as a declared field"),
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


# The callback is an unauthenticated POST from the internet: hostile bodies are DecodeErrors
# that say what was wrong, never a crash from inside the parser or the checksum.
DEEP = b'{"a":' * 50_000 + b"1" + b"}" * 50_000


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        (DEEP, "utf-8", "nesting at most 32 levels deep (DecodeLimits.max_depth)"),
        (b'{"id": 1, "x": ' + b"[" * 33 + b"]" * 33 + b"}", "utf-8", "(DecodeLimits.max_depth)"),
        (b'{"id": 1, "phone": "79990000001", "id": 2}', "utf-8", "each key once in an object, found 'id' again"),
        (b'{"id": 1, "phone": "7\\ud8009990000001", "md5": "x"}', "utf-8", "text without lone surrogates"),
        (b'{"id": 1, "x\\udfff": 1}', "utf-8", "text without lone surrogates"),
        (b"id=1&status=1", "utf-7", "a text charset (one that carries ASCII unchanged"),
        (b"id=1&status=1", "no-such-charset", "found 'no-such-charset'"),
        (b"id=1&time=12", "utf-8", "a post of a known kind, with a key among 'imsi'"),
        (b"id=1&phone=%ED%A0%80", "utf-8", "a body in utf-8"),
        (b'{"id": 1, "n": ' + b"9" * 5000 + b"}", "utf-8", "an integer of at most 640 digits, found 5000"),
        (b"", "utf-8", "a body with at least one field, found none"),
        (b" \r\n", "windows-1251", "a body with at least one field, found none"),
        (b"{}", "utf-8", "a body with at least one field, found none"),
    ],
    ids=[
        "deep JSON", "JSON past max_depth", "duplicate JSON key", "escaped lone surrogate", "lone surrogate in a key",
        "utf-7", "unknown charset", "no known kind", "surrogate bytes in utf-8", "huge integer", "empty", "white space",
        "empty object",
    ],
)  # fmt: skip
def test_hostile_bodies_are_decode_errors_naming_the_problem(body: bytes, charset: str, expected: str) -> None:
    with pytest.raises(DecodeError) as caught:
        parse_callback(body, charset=charset)
    assert expected in caught.value.expected
    assert caught.value.operation == "callback"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [({}, "a body with at least one field, found none"), ({"id": "1", "phone": "7\ud800"}, "found one in 'phone'")],
    ids=["empty", "lone surrogate"],
)
def test_a_mapping_from_a_web_framework_is_held_to_the_same_rules(fields: dict[str, str], expected: str) -> None:
    with pytest.raises(DecodeError, match=expected):
        parse_callback(fields)


def test_a_json_error_says_where() -> None:
    with pytest.raises(DecodeError) as caught:
        parse_callback(b'{\n"id": 1\n} and more', charset="utf-8")
    assert (caught.value.expected, caught.value.line, caught.value.column) == ("the end of the JSON value", 3, 2)


def test_a_json_body_after_a_byte_order_mark_is_json() -> None:
    assert parse_callback(b'\xef\xbb\xbf {"id": 3, "status": 0}', charset="utf-8") == DeliveryEvent(id=3, status=0)


@pytest.mark.parametrize(
    "event",
    [DeliveryEvent(id=1, phone="7\ud800", md5="x"), DeliveryEvent(id=1, sha1="\udfff")],
    ids=["phone", "checksum"],
)
def test_verification_is_false_for_an_event_no_checksum_can_cover(event: DeliveryEvent) -> None:
    assert verify_callback(event, "s3cret") is False


_ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)  # surrogates too
_BODIES = st.one_of(
    st.binary(max_size=80),
    st.dictionaries(st.sampled_from(["id", "phone", "status", "md5", "sha1", "x"]), _ANY_TEXT, max_size=5).map(
        lambda fields: json.dumps(fields).encode()
    ),
    st.dictionaries(st.sampled_from(["id", "phone", "status", "md5", "sha1", "x"]), _ANY_TEXT, max_size=5),
)


@given(_BODIES, st.sampled_from(["utf-8", "koi8-r", "windows-1251"]))
def test_any_body_gives_an_event_that_verifies_without_raising_or_a_decode_error(
    body: bytes | dict[str, str], charset: str
) -> None:
    try:
        event = parse_callback(body, charset=charset)
    except DecodeError:
        return
    assert verify_callback(event, "s3cret") in (True, False)
    unsigned = dataclasses.replace(event, md5=None, sha1=None)
    assert verify_callback(sign_callback(unsigned, "s3cret", algorithm="sha1"), "s3cret")


def test_an_event_without_a_field_is_not_encoded() -> None:
    with pytest.raises(EncodeError, match="an event whose fields tell its kind"):
        encode_callback(DeliveryEvent())
