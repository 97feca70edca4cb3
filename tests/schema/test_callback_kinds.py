"""Every kind of post to the handler: told apart by its fields, typed, checked, keyed, encoded."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Literal
from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_formats import (
    CallbackEvent,
    ConfirmationCall,
    DecodeError,
    DeliveryEvent,
    EncodeError,
    HlrResult,
    IncomingSms,
    StatusCode,
    callback_checksum,
    callback_key,
    encode_callback,
    parse_callback,
    sign_callback,
    verify_callback,
)
from smsc_formats.strategies import callback_events

INCOMING = IncomingSms(id=9, phone="79991112233", to="79000000000", mes="Привет, мир & co", sent="1732442400")
CALL = ConfirmationCall(phone="79991112233", to="79000000001", ts=1732442400)
HLR = HlrResult(id=4, phone="79991112233", status=1, err=0, imsi="250023012345678", mcc="250", mnc="02", net="МегаФон")
STATUS = DeliveryEvent(id=5, phone="79999999999", status=StatusCode.DELIVERED, err=0, ts=1732442400)
EVENTS = [STATUS, HLR, INCOMING, CALL]


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
@pytest.mark.parametrize("charset", ["windows-1251", "utf-8", "koi8-r"])
def test_each_kind_reads_back_from_its_form_in_each_charset(event: CallbackEvent, charset: str) -> None:
    body = encode_callback(event, charset=charset)
    assert parse_callback(body, charset=charset) == event


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
def test_each_kind_reads_from_a_json_body(event: CallbackEvent) -> None:
    fields = {key: value for key, value in dataclasses.asdict(event).items() if value is not None and key != "extra"}
    assert parse_callback(json.dumps(fields, ensure_ascii=False).encode("utf-8"), charset="utf-8") == event


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"status=1&imsi=1&mes=x&phone=7", HlrResult),  # an HLR field decides before anything else
        (b"status=1&mes=x&phone=7", DeliveryEvent),
        (b"mes=&phone=7", IncomingSms),
        (b"phone=7&to=8", ConfirmationCall),
        (b"rnet=&id=1", HlrResult),  # a blank field names its kind too
    ],
)
def test_the_first_kind_whose_marker_the_post_holds_decides(body: bytes, kind: type[object]) -> None:
    assert type(parse_callback(body)) is kind


def test_a_type_checker_narrows_the_union() -> None:
    event = parse_callback("mes=Да&phone=7&to=8".encode("cp1251"))
    assert isinstance(event, IncomingSms)
    assert (event.mes, event.phone, event.to) == ("Да", "7", "8")  # attributes only IncomingSms has


def test_a_post_of_no_known_kind_is_refused_naming_what_would_tell_it() -> None:
    with pytest.raises(DecodeError) as caught:
        parse_callback(b"id=5&ts=1732442400")
    expected = caught.value.expected
    assert expected.startswith("a post of a known kind, with a key among 'imsi', 'msc'")
    assert expected.endswith("'status', 'mes', 'phone'; found 'id', 'ts'")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"phone=7&to=8&ts=soon", "an integer in 'ts', found 'soon'"),
        (b'{"status": "soon", "phone": "7"}', "in 'status', found 'soon'"),
        (b'{"status": 1, "id": [1]}', "in 'id'"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_the_field(body: bytes, expected: str) -> None:
    with pytest.raises(DecodeError, match=re.escape(expected)):
        parse_callback(body, charset="utf-8")


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
def test_strict_refuses_a_key_no_kind_declares(event: CallbackEvent) -> None:
    body = encode_callback(event) + b"&extra_key=1"
    assert parse_callback(body).extra == (("extra_key", "1"),)
    with pytest.raises(DecodeError, match=f"only the fields of {type(event).__name__}, found 'extra_key'"):
        parse_callback(body, strict=True)


# A web framework that parses the form itself reads it as UTF-8, and turns each windows-1251 byte it
# cannot decode into U+FFFD: the text is lost, and parse_callback says so rather than keep it.


def _as_a_framework_parses(body: bytes) -> dict[str, str]:
    return dict(parse_qsl(body.decode("latin-1"), encoding="utf-8", errors="replace"))


def test_a_windows_1251_form_parsed_as_utf8_is_refused_naming_the_field() -> None:
    form = _as_a_framework_parses(encode_callback(INCOMING))
    assert "\ufffd" in form["mes"]
    with pytest.raises(DecodeError) as caught:
        parse_callback(form)
    assert caught.value.expected.startswith("text without U+FFFD in 'mes': a body in windows-1251")
    assert caught.value.expected.endswith("pass the raw body and the handler URL's charset")


def test_a_utf8_form_parsed_as_utf8_reads() -> None:
    assert parse_callback(_as_a_framework_parses(encode_callback(INCOMING, charset="utf-8"))) == INCOMING


def test_a_mapping_value_that_is_not_text_is_refused_naming_the_field() -> None:
    with pytest.raises(DecodeError, match=re.escape("text in 'id', found int")):
        parse_callback({"status": "1", "id": 5})  # type: ignore[dict-item]


# Checksums: md5, sha1 and crc32 of "<id>:<phone>:<status>:<secret>", whatever the kind.

CRC32_HEX, CRC32_DECIMAL = "05481eac", "88612524"  # crc32 of "5:79999999999:1:s3cret", both renderings


def test_crc32_follows_the_formula_in_eight_hex_digits() -> None:
    event = DeliveryEvent(id=5, phone="79999999999", status=1)
    assert callback_checksum(event, "s3cret", algorithm="crc32") == CRC32_HEX
    assert callback_checksum(INCOMING, "s3cret", algorithm="crc32") == "cd3dcf0f"  # "9:79991112233::s3cret"


@pytest.mark.parametrize("sent", [CRC32_HEX, CRC32_HEX.upper(), CRC32_DECIMAL])
def test_a_crc32_verifies_in_hex_or_in_decimal(sent: str) -> None:
    event = DeliveryEvent(id=5, phone="79999999999", status=1, crc32=sent)
    assert verify_callback(event, "s3cret")
    assert not verify_callback(event, "other")
    assert not verify_callback(dataclasses.replace(event, status=3), "s3cret")


@pytest.mark.parametrize("sent", ["5481eac", "0" + CRC32_DECIMAL, "088612524x", ""])
def test_a_crc32_in_another_rendering_does_not_verify(sent: str) -> None:
    assert not verify_callback(DeliveryEvent(id=5, phone="79999999999", status=1, crc32=sent), "s3cret")


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: type(event).__name__)
@pytest.mark.parametrize("algorithm", ["md5", "sha1", "crc32"])
def test_every_kind_signs_and_verifies(event: CallbackEvent, algorithm: Literal["md5", "sha1", "crc32"]) -> None:
    signed = sign_callback(event, "s3cret", algorithm=algorithm)
    assert type(signed) is type(event)
    assert getattr(signed, algorithm) == callback_checksum(event, "s3cret", algorithm=algorithm)
    assert parse_callback(encode_callback(signed)) == signed
    assert verify_callback(parse_callback(encode_callback(signed)), "s3cret")
    assert not verify_callback(signed, "other")


def test_a_forged_crc32_beside_a_good_md5_fails() -> None:
    signed = sign_callback(STATUS, "s3cret")
    assert not verify_callback(dataclasses.replace(signed, crc32="00000000"), "s3cret")


# The key of an event: what a handler stores to tell a repeat.


def test_a_repeat_has_the_same_key_and_another_event_another() -> None:
    key = callback_key(STATUS)
    assert re.fullmatch("[0-9a-f]{64}", key)
    repeat = sign_callback(dataclasses.replace(STATUS, ts=1732442999, time="x", extra=(("n", "2"),)), "s")
    assert callback_key(repeat) == key  # posted again later: another time, a checksum, an extra key
    assert callback_key(dataclasses.replace(STATUS, status=1)) == key  # an IntEnum is its number
    for other in (
        dataclasses.replace(STATUS, status=StatusCode.UNABLE_TO_DELIVER),
        dataclasses.replace(STATUS, id=6),
        dataclasses.replace(STATUS, phone="79999999990"),
    ):
        assert callback_key(other) != key


def test_kinds_with_the_same_fields_have_different_keys() -> None:
    assert callback_key(HlrResult(id=5, phone="7", status=1)) != callback_key(DeliveryEvent(id=5, phone="7", status=1))
    assert callback_key(IncomingSms(phone="7", mes="")) != callback_key(ConfirmationCall(phone="7"))


def test_an_incoming_sms_is_named_by_its_text_and_a_call_by_its_time() -> None:
    assert callback_key(INCOMING) != callback_key(dataclasses.replace(INCOMING, mes="другой"))
    assert callback_key(INCOMING) == callback_key(dataclasses.replace(INCOMING, time="t"))
    assert callback_key(CALL) != callback_key(dataclasses.replace(CALL, ts=1732443000))


def test_a_key_is_pinned() -> None:
    # sha256 of the JSON array ["delivery", 5, "79999999999", 1]: a key stored today matches tomorrow's
    assert callback_key(STATUS) == "962d160e212770232689df038217f27e290f584ad1a02caee7dabc2b7e65caf8"


# Encoding refuses an event that would not read back as its own kind.


@pytest.mark.parametrize(
    ("event", "kind"),
    [(HlrResult(id=1, status=1), "HlrResult"), (DeliveryEvent(id=1, extra=(("mes", "x"),)), "DeliveryEvent")],
)
def test_an_event_that_would_read_as_another_kind_is_not_encoded(event: CallbackEvent, kind: str) -> None:
    with pytest.raises(EncodeError) as caught:
        encode_callback(event)
    assert caught.value.problem == f"an event whose fields tell its kind ({kind}: see KINDS)"


@given(callback_events(), st.sampled_from(["utf-8", "windows-1251"]))
def test_any_event_round_trips_through_its_form(event: CallbackEvent, charset: str) -> None:
    refused: str | None = None
    try:
        body = encode_callback(event, charset=charset)
    except EncodeError as error:
        refused = error.problem
    else:
        assert parse_callback(body, charset=charset) == event
    assert refused in (None, f"text that {charset} can carry")
