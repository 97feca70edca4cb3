"""Digits from the wire become ints only within their grammar's width: never a bare ValueError.

``int()`` of more than ``sys.get_int_max_str_digits()`` digits (4300 by default, as low as 640
if the program says so) raises a plain ValueError, and ``str()`` of such an int does too. Every
integer the library reads is bounded by its grammar first (``_grammar.bounded_int``), and every
integer it writes by the width the format can read back.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import DecodeError, EncodeError, Fmt
from smsc_formats._grammar import INT_DIGITS_FLOOR, bounded_int
from smsc_formats.channels import Receipt, SmtpBody, decode_receipt, decode_smtp_body, encode_receipt, encode_smtp_body

HUGE = 10**5000
"""Wider than Python's default bound: ``str(HUGE)`` itself raises ValueError."""
GET_MESSAGES = smsc.get_operation("get_messages")
APPENDIX_B = b"id:123 sub:001 dlvrd:001 submit date:2401010000 done date:2401010001 stat:DELIVRD err:"


@pytest.fixture
def lowest_int_bound() -> Iterator[None]:
    """The lowest ``sys.set_int_max_str_digits`` a program may choose, for one test."""
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(INT_DIGITS_FLOOR)
    yield
    sys.set_int_max_str_digits(before)


@pytest.mark.parametrize(
    ("text", "digits", "signed", "expected"),
    [
        ("007", 3, False, 7),
        ("1000", 3, False, None),
        ("-12", 2, True, -12),
        ("-12", 2, False, None),
        ("-", 2, True, None),
        ("", 3, False, None),
        ("²", 3, False, None),  # str.isdigit says yes, int() says no
        ("٣", 3, False, None),  # an Arabic-Indic digit: not the wire's
        ("+1", 3, True, None),
        ("9" * 5000, INT_DIGITS_FLOOR, False, None),
        ("9" * INT_DIGITS_FLOOR, INT_DIGITS_FLOOR, False, 10**INT_DIGITS_FLOOR - 1),
    ],
    ids=lambda value: str(value)[:12] if isinstance(value, str | bool) else None,
)
def test_bounded_int_reads_only_ascii_digits_within_the_width(
    text: str, digits: int, signed: bool, expected: int | None
) -> None:
    assert bounded_int(text, digits, signed=signed) == expected


@pytest.mark.parametrize("err", [b"9" * 5000, b"1000", b"", b"\xd9\xa3"], ids=["5000 digits", "4 digits", "empty", "٣"])
def test_an_smpp_receipt_err_wider_than_its_three_digits_is_a_decode_error_naming_it(err: bytes) -> None:
    with pytest.raises(DecodeError, match="1 to 3 digits in 'err'") as caught:
        decode_receipt(APPENDIX_B + err)
    assert caught.value.channel == "smpp"


def test_an_smpp_receipt_err_of_three_digits_is_read() -> None:
    assert decode_receipt(APPENDIX_B + b"255").err == 255


@pytest.mark.parametrize("err", [HUGE, 1000, -1], ids=["5001 digits", "4 digits", "negative"])
def test_an_smpp_receipt_err_that_three_digits_cannot_write_is_refused_by_name(err: int) -> None:
    with pytest.raises(EncodeError, match="an err of 0 to 999") as caught:
        encode_receipt(Receipt(id="1", stat="DELIVRD", err=err))
    assert caught.value.field == "err"


@pytest.mark.parametrize("slot", ["²", "9" * 5000, "-1"], ids=["superscript", "5000 digits", "negative"])
def test_an_smtp_format_slot_that_is_no_number_has_no_message_type(slot: str) -> None:
    assert decode_smtp_body(f"login:psw:1::0,{slot}:79990000001:hi").message_type is None


@pytest.mark.parametrize("body_id", [HUGE, -1, True], ids=["huge", "negative", "bool"])
def test_an_smtp_id_the_grammar_cannot_write_is_refused_by_name(body_id: int) -> None:
    with pytest.raises(EncodeError, match="an id from 0 to 9999999999") as caught:
        encode_smtp_body(SmtpBody(login="l", psw="p", id=body_id, phones="79990000001", mes="hi"))
    assert caught.value.field == "id"


@pytest.mark.parametrize(
    ("tz", "hours"),
    [("+3", 3), ("-5", -5), ("--5", None), ("²", None), ("9" * 5000, None)],
    ids=["+3", "-5", "--5", "superscript", "5000 digits"],
)
def test_an_operator_s_time_zone_is_a_number_of_hours_or_none(tz: str, hours: int | None) -> None:
    body = f"country = A, operator = B, region = C, mcc = 250, mnc = 01, tz = {tz}".encode()
    reply = smsc.decode(smsc.GET_OPERATOR, body, fmt=0)
    assert isinstance(reply, smsc.OperatorInfo)
    assert reply.utc_offset_hours == hours


@pytest.mark.usefixtures("lowest_int_bound")
@pytest.mark.parametrize("digits", [INT_DIGITS_FLOOR + 1, 4300, 5000])
def test_json_integers_are_bounded_below_any_interpreter_setting(digits: int) -> None:
    with pytest.raises(DecodeError, match=f"an integer of at most {INT_DIGITS_FLOOR} digits, found {digits}"):
        smsc.decode(GET_MESSAGES, b'[{"status": 1, "n": ' + b"9" * digits + b"}]", fmt=3)


@pytest.mark.usefixtures("lowest_int_bound")
def test_a_json_number_in_a_text_field_is_read_under_the_lowest_setting() -> None:
    reply = smsc.decode(GET_MESSAGES, b'[{"status": 1, "phone": ' + b"7" * INT_DIGITS_FLOOR + b"}]", fmt=3)
    assert isinstance(reply, list)
    assert reply[0].phone == "7" * INT_DIGITS_FLOOR


def test_a_json_integer_is_held_to_the_width_of_the_other_formats() -> None:
    """fmt=0/1/2 read ids of at most 19 digits; fmt=3 took any number, which no other format writes."""
    widest = smsc.decode(GET_MESSAGES, b'[{"status": 1, "id": 9999999999999999999}]', fmt=3)
    assert isinstance(widest, list)
    with pytest.raises(DecodeError, match="an integer in 'id', found 10000000000000000000"):
        smsc.decode(GET_MESSAGES, b'[{"status": 1, "id": 10000000000000000000}]', fmt=3)


def _message(**changes: Any) -> Any:
    decoded = smsc.decode(GET_MESSAGES, b"Status = 1", fmt=0)
    assert isinstance(decoded, list)
    return [dataclasses.replace(decoded[0], **changes)]


@pytest.mark.parametrize("fmt", list(Fmt), ids=repr)
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (HUGE, "an integer of at most 19 digits"),
        (10**19, "an integer of at most 19 digits"),
        (-(10**19), "an integer of at most 19 digits"),
        ("5", "an integer, found str"),
        (True, "an integer, found bool"),
    ],
    ids=["5001 digits", "20 digits", "negative 20 digits", "text", "bool"],
)
def test_an_integer_field_that_no_format_reads_back_is_refused_by_name(fmt: Fmt, value: object, problem: str) -> None:
    with pytest.raises(EncodeError) as caught:
        smsc.encode(GET_MESSAGES, _message(id=value), fmt=fmt)
    assert (caught.value.field, caught.value.problem) == ("ID" if fmt is Fmt.TEXT else "id", problem)


@pytest.mark.parametrize("fmt", list(Fmt), ids=repr)
def test_an_integer_code_that_no_format_reads_back_is_refused_by_name(fmt: Fmt) -> None:
    with pytest.raises(EncodeError, match="an integer of at most 19 digits") as caught:
        smsc.encode(GET_MESSAGES, _message(status=HUGE), fmt=fmt)
    assert caught.value.field == ("Status" if fmt is Fmt.TEXT else "status")


@pytest.mark.parametrize("fmt", list(Fmt), ids=repr)
def test_the_widest_integers_round_trip(fmt: Fmt) -> None:
    for value in (10**19 - 1, -(10**19) + 1):
        wire = smsc.encode(GET_MESSAGES, _message(id=value), fmt=fmt)
        assert smsc.decode(GET_MESSAGES, wire, fmt=fmt) == _message(id=value)
