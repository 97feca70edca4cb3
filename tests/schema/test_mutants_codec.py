"""Entry-point behaviour that mutation testing of _codec.py found unpinned: what ``to_api`` and
``from_api`` make of an empty list and of keys the operation does not declare, and what their
refusals and the read-back check of ``encode(check=True)`` name."""

from __future__ import annotations

import dataclasses
import re

import pytest

import smsc_formats as smsc
from smsc_formats import EncodeError, Fmt, OperatorInfo

OP = smsc.GET_OPERATOR
INFO = OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")
API = {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"}


def test_to_api_of_an_empty_list_is_an_empty_list() -> None:
    assert smsc.to_api(OP, []) == []
    assert smsc.to_api(OP, ()) == []


def test_to_api_names_the_operation_and_fmt_3_when_it_refuses() -> None:
    with pytest.raises(EncodeError) as caught:
        smsc.to_api(OP, "not a reply")  # type: ignore[misc]
    assert (caught.value.operation, caught.value.fmt, str(caught.value)) == (
        "get_operator",
        Fmt.JSON,
        "get_operator fmt=3: OperatorInfo values or an ErrorReply",
    )


def test_from_api_keeps_an_undeclared_key_in_extra_unless_strict() -> None:
    reply = smsc.from_api(OP, {**API, "color": "red"})
    assert isinstance(reply, OperatorInfo)
    assert reply.extra == (("color", "red"),)
    with pytest.raises(smsc.DecodeError, match="color"):
        smsc.from_api(OP, {**API, "color": "red"}, strict=True)


def test_from_api_refuses_an_undeclared_key_in_a_list_when_strict() -> None:
    assert smsc.from_api(OP, [API, {**API, "color": "red"}]) == [
        INFO,
        dataclasses.replace(INFO, extra=(("color", "red"),)),
    ]
    with pytest.raises(smsc.DecodeError, match="color"):
        smsc.from_api(OP, [API, {**API, "color": "red"}], strict=True)


def test_from_api_names_the_operation_fmt_3_and_what_it_takes_when_it_refuses() -> None:
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.from_api(OP, 5)
    assert (caught.value.operation, caught.value.fmt, caught.value.expected, str(caught.value)) == (
        "get_operator",
        Fmt.JSON,
        "an object or an array of objects",
        "get_operator fmt=3: expected an object or an array of objects",
    )


def test_a_value_that_does_not_read_back_is_refused_naming_the_operation_and_fmt() -> None:
    nan = dataclasses.replace(INFO, extra=(("ratio", float("nan")),))
    with pytest.raises(EncodeError) as caught:
        smsc.encode(OP, nan, fmt=3, check=True)
    assert (caught.value.operation, caught.value.fmt, str(caught.value)) == (
        "get_operator",
        Fmt.JSON,
        "get_operator fmt=3: the value does not read back (a JSON number, found NaN)",
    )


def test_a_value_that_would_read_back_differently_is_refused_naming_the_operation_and_fmt() -> None:
    pair = dataclasses.replace(INFO, extra=(("pair", (1, 2)),))
    with pytest.raises(EncodeError) as caught:
        smsc.encode(OP, pair, fmt=3, check=True)
    assert (caught.value.operation, caught.value.fmt, str(caught.value)) == (
        "get_operator",
        Fmt.JSON,
        "get_operator fmt=3: the value would read back differently (a separator, white space or a line break in it?)",
    )


def test_decode_refuses_an_undeclared_key_in_a_list_reply_when_strict() -> None:
    body = b'[{"country":"a","operator":"b","region":"c","mcc":"1","mnc":"2","tz":"3","color":"red"}]'
    reply = smsc.decode(OP, body, fmt=3)
    assert isinstance(reply, list)
    assert [record.extra for record in reply] == [(("color", "red"),)]
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.decode(OP, body, fmt=3, strict=True)
    assert caught.value.expected == "only the fields of OperatorInfo, found 'color'"


@pytest.mark.parametrize("country", ["[Россия]", "<Россия>", "{Россия", "country = Россия"])
def test_auto_reads_a_fmt_1_line_whose_first_value_looks_like_another_format(country: str) -> None:
    """The format the opening bytes suggest fails, and the next one tried, fmt=1, reads the line."""
    info = dataclasses.replace(INFO, country=country)
    body = smsc.encode(OP, info, fmt=1)
    assert body == f"{country},МТС,Москва,250,01,3".encode()
    assert smsc.decode(OP, body, fmt="auto") == info


def test_encode_checks_the_read_back_only_when_asked() -> None:
    pair = dataclasses.replace(INFO, country="a", operator="b", region="c", extra=(("pair", (1, 2)),))
    assert smsc.encode(OP, pair, fmt=3) == (
        b'{\n"country": "a",\n"operator": "b",\n"region": "c",\n"mcc": "250",\n"mnc": "01",\n"tz": "3",\n'
        b'"pair": [1, 2]\n}'
    )
    with pytest.raises(EncodeError, match="read back differently"):
        smsc.encode(OP, pair, fmt=3, check=True)


DONE = smsc.OPERATIONS["senders_send_code"]


@pytest.mark.parametrize("body", [b"[a,b]", b"<a,b>", b"{a,b", b"[a, b]"])
def test_auto_reads_a_fmt_0_sentence_that_only_the_last_format_tried_reads(body: bytes) -> None:
    """Opened like JSON or XML, and not one fmt=1 line: only the third format tried, fmt=0, reads it."""
    assert smsc.decode(DONE, body, fmt="auto") == DONE.reply_record.model(result=body.decode())


def test_auto_refuses_an_undeclared_key_in_the_format_it_falls_back_to_when_strict() -> None:
    """A first key longer than the 64 bytes detection reads: taken for fmt=1, which fails, then read as fmt=0."""
    key = "k" * 70
    body = f"{key} = 1, country = a, operator = b, region = c, mcc = 250, mnc = 01, tz = 3".encode()
    expected = OperatorInfo(country="a", operator="b", region="c", mcc="250", mnc="01", tz="3", extra=((key, "1"),))
    assert smsc.decode(OP, body, fmt="auto") == expected
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.decode(OP, body, fmt="auto", strict=True)
    assert caught.value.expected.startswith("6 or 7 comma-separated values")  # the first format's error


TEXT_REPLY = "country = Россия, operator = МТС, region = Москва, mcc = 250, mnc = 01, tz = 3".encode()


@pytest.mark.parametrize("fmt", [5, -1, "x", "AUTO", None, [1], 1j])
def test_a_fmt_that_is_neither_a_format_nor_auto_is_a_value_error_listing_the_choices(fmt: object) -> None:
    with pytest.raises(ValueError, match=re.escape(f"fmt must be 0, 1, 2, 3 or 'auto', not {fmt!r}")):
        smsc.decode(OP, TEXT_REPLY, fmt=fmt)  # type: ignore[arg-type]


def test_a_fmt_given_as_its_number_in_text_is_that_format() -> None:
    assert smsc.decode(OP, TEXT_REPLY, fmt="0") == INFO  # type: ignore[arg-type]
    assert smsc.encode(OP, INFO, fmt="0") == TEXT_REPLY  # type: ignore[call-overload]


def test_encode_refuses_auto_naming_what_it_needs() -> None:
    with pytest.raises(ValueError, match=r"^encode\(\) needs a definite fmt, not 'auto'$"):
        smsc.encode(OP, INFO, fmt="auto")  # type: ignore[call-overload]


def test_an_error_description_fmt_1_cannot_carry_is_dropped_and_the_reply_reads_back() -> None:
    error = smsc.ErrorReply(operation="get_operator", code=3, description="нет данных")
    assert smsc.encode(OP, error, fmt=1, check=True) == b"0,-3"


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_decode_takes_any_bytes_like_body_with_the_default_settings(kind: type) -> None:
    body = '{"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"}'
    assert smsc.decode(OP, kind(body.encode()), fmt=3) == INFO
    assert smsc.decode(OP, kind("Россия,МТС,Москва,250,01,3".encode()), fmt=1) == INFO
