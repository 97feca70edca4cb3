"""The SMTP mail body: the documented bodies both ways, refusals, redaction, properties."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_formats import DecodeError, EncodeError
from smsc_formats.channels import (
    MessageType,
    SmtpBody,
    build_smtp_message,
    decode_smtp_body,
    decode_smtp_message,
    encode_smtp_body,
    list_items,
)
from smsc_formats.strategies import smtp_bodies
from tests.paths import DATA

GOLDEN: list[dict[str, Any]] = json.loads((DATA / "channels" / "smtp_bodies.json").read_text("utf-8"))
SAMPLE = SmtpBody(login="alex", psw="s3cret", phones="79999999999", mes="hi")


@pytest.mark.parametrize("case", GOLDEN, ids=[case["source"][:60] for case in GOLDEN])
def test_documented_bodies_decode_to_their_fields_and_encode_back_byte_for_byte(case: dict[str, Any]) -> None:
    data = case["body"].encode(case["charset"])
    body = decode_smtp_body(data, charset=case["charset"])
    assert body == SmtpBody(**case["fields"])
    assert encode_smtp_body(body, charset=case["charset"]) == data


def test_the_format_slot_reads_as_the_library_message_type() -> None:
    assert decode_smtp_body(b"login:password:0::0,1,:79999999999:test2").message_type is MessageType.FLASH
    assert decode_smtp_body(b"a:b::::1:x").message_type is None


def test_the_list_payload_splits_at_the_first_colon_or_semicolon_of_each_line() -> None:
    body = decode_smtp_body(GOLDEN[-1]["body"].encode("koi8-r"))
    assert list_items(body.mes) == [("79999999999", "Ваш пароль: 123"), ("78888888888", "Ваш пароль: 456")]
    assert list_items("79999999999;a:b") == [("79999999999", "a:b")]
    with pytest.raises(DecodeError) as caught:
        list_items("79999999999:a\nno separator")
    assert (caught.value.expected, caught.value.line) == ("'phones:text' on every line of the list", 2)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"login": "al:ex"}, "login"),
        ({"psw": "pa:ss"}, "psw"),
        ({"phones": "7999:1"}, "phones"),
        ({"time": "10:30"}, "time"),
        ({"time": "1,2"}, "time"),
        ({"tz": "3,4"}, "tz"),
        ({"sender": "a,b", "format": "0"}, "sender"),
        ({"translit": "0,1"}, "translit"),
        ({"sender": "ivan"}, "format"),
        ({"login": "al\nex"}, "login"),
        ({"id": -1}, "id"),
    ],
)
def test_values_the_grammar_cannot_carry_are_refused(change: dict[str, Any], field: str) -> None:
    body = _replace(SAMPLE, **change)
    with pytest.raises(EncodeError) as caught:
        encode_smtp_body(body)
    assert caught.value.field == field
    assert "s3cret" not in str(caught.value)


def _replace(body: SmtpBody, **change: Any) -> SmtpBody:
    fields = {name: getattr(body, name) for name in body.__dataclass_fields__}
    return SmtpBody(**{**fields, **change})


def test_text_the_charset_cannot_carry_is_refused_without_showing_the_password() -> None:
    with pytest.raises(EncodeError, match="koi8-r"):
        encode_smtp_body(_replace(SAMPLE, mes="€"))
    with pytest.raises(EncodeError) as caught:
        encode_smtp_body(_replace(SAMPLE, psw="s3cret€"))
    assert caught.value.field == "psw"
    assert "s3cret" not in str(caught.value)
    assert "€" not in str(caught.value)


def test_a_value_that_would_read_back_differently_is_refused() -> None:
    # translit None (as JSON null gives it) writes an empty block, which reads back as ""
    with pytest.raises(EncodeError) as caught:
        encode_smtp_body(_replace(SAMPLE, translit=None))
    assert (caught.value.problem, caught.value.field, caught.value.channel) == (
        "a value that reads back the same",
        None,
        "smtp",
    )
    assert "s3cret" not in str(caught.value)


def test_bytes_the_charset_cannot_read_are_refused_without_showing_them() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_smtp_body(b"alex:s3cret\xff::::79999999999:hi", charset="utf-8")
    assert (caught.value.expected, caught.value.line, caught.value.channel) == (
        "text in utf-8 (byte 11 is not)",
        None,
        "smtp",
    )
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alex:123:::79999999999:hi", "6 ':' separators"),
        ("alex:123:007:::79999999999:hi", "without leading zeros"),
        ("alex:123:1١:::79999999999:hi", "without leading zeros"),
        ("alex:123::1,2,3:::hi", r"time\[,tz\]"),
        ("alex:123:::0,1,a,b,c::hi", "translit,format,sender,test"),
        ("alex\n:123:::::hi", "no line break"),
    ],
)
def test_bodies_outside_the_grammar_are_refused(text: str, expected: str) -> None:
    with pytest.raises(DecodeError, match=expected) as caught:
        decode_smtp_body(text)
    assert caught.value.channel == "smtp"
    assert caught.value.line == 1
    assert "123" not in caught.value.expected


def test_the_password_is_redacted_in_repr_str_and_redacted_text() -> None:
    for shown in (repr(SAMPLE), str(SAMPLE), SAMPLE.redacted(), repr([SAMPLE])):
        assert "s3cret" not in shown
    assert SAMPLE.redacted() == "alex:***::::79999999999:hi"


def test_the_mail_is_plain_text_in_koi8_r_with_the_body_and_one_line_break() -> None:
    message = build_smtp_message(SAMPLE)
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "koi8-r"
    assert message["To"] == "send@send.smsc.ru"
    assert message.as_bytes().endswith(b"\n\nalex:s3cret::::79999999999:hi\n")
    assert decode_smtp_message(message.as_bytes().replace(b"\n", b"\r\n")) == SAMPLE


def test_the_mail_carries_a_subject_when_given_one() -> None:
    message = build_smtp_message(SAMPLE, subject="SMS")
    assert message["Subject"] == "SMS"
    assert b"\nSubject: SMS\n" in message.as_bytes()
    assert decode_smtp_message(message.as_bytes()) == SAMPLE
    assert build_smtp_message(SAMPLE)["Subject"] is None


@pytest.mark.parametrize(
    ("mail", "expected"),
    [
        (
            b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: application/octet-stream\n\nabc\n--x--\n",
            "a text/plain part",
        ),
        (
            b'Content-Type: text/plain; charset="utf-8"\n\nalex:123:::\xff:7:hi\n',
            "a body in its declared charset utf-8",
        ),
        (b'Content-Type: text/plain; charset="x-nope"\n\nalex:123::::7:hi\n', "a body in its declared charset x-nope"),
    ],
)
def test_a_mail_without_a_readable_text_part_is_refused(mail: bytes, expected: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_smtp_message(mail)
    assert (caught.value.expected, caught.value.operation, caught.value.channel) == (expected, "smtp_body", "smtp")


def test_the_mail_helper_refuses_what_mail_transport_would_change() -> None:
    with pytest.raises(EncodeError, match="CR"):
        build_smtp_message(_replace(SAMPLE, mes="a\rb"))
    with pytest.raises(EncodeError, match="998"):
        build_smtp_message(_replace(SAMPLE, mes="x" * 1000))
    with pytest.raises(EncodeError, match="102400"):
        build_smtp_message(_replace(SAMPLE, mes="x\n" * 60_000))


def test_a_command_between_text_markers_is_found_in_any_mail() -> None:
    wrapped = b'Content-Type: text/html; charset="utf-8"\n\n<p>[text]alex:123::::79999999999:hi[/text]</p>\n'
    assert decode_smtp_message(wrapped) == _replace(SAMPLE, psw="123")
    with pytest.raises(DecodeError, match=r"\[text\]"):
        decode_smtp_message(b'Content-Type: text/html; charset="utf-8"\n\n<p>alex:123::::7:hi</p>\n')


@given(smtp_bodies())
def test_round_trip_through_bytes_and_through_a_mail(body: SmtpBody) -> None:
    assert decode_smtp_body(encode_smtp_body(body, charset="utf-8"), charset="utf-8") == body
    if "\r" not in body.mes:
        message = build_smtp_message(body, charset="utf-8")
        assert decode_smtp_message(message.as_bytes()) == body


@given(st.text(st.characters(codec="utf-8")))
def test_any_text_decodes_to_a_body_that_encodes_to_the_same_bytes_or_is_refused(text: str) -> None:
    try:
        body = decode_smtp_body(text)
    except DecodeError:
        return
    assert encode_smtp_body(body, charset="utf-8") == text.encode("utf-8")


@given(st.binary())
def test_any_bytes_give_a_body_or_a_decode_error(data: bytes) -> None:
    with contextlib.suppress(DecodeError):
        assert isinstance(decode_smtp_body(data), SmtpBody)


OPTION_SLOTS = ("translit", "format", "sender", "test")
"""The option block's slots in order: one set after an unset one is refused for that."""


@given(smtp_bodies(), st.sampled_from(["login", "psw", "time", "tz", "translit", "format", "sender", "phones"]))
def test_a_separator_in_a_field_is_refused_never_written(body: SmtpBody, field: str) -> None:
    before = OPTION_SLOTS[: OPTION_SLOTS.index(field)] if field in OPTION_SLOTS else ()
    slots = {slot: getattr(body, slot) or "" for slot in before}  # the separator, not an unset slot, is at fault
    changed = _replace(body, **slots, **{field: f"{getattr(body, field) or ''}:,"})
    with pytest.raises(EncodeError, match=re.escape("no ':' (it would split the body)")) as caught:
        encode_smtp_body(changed, charset="utf-8")
    assert caught.value.field == field


_ANY = st.text(st.characters(exclude_categories=()), max_size=8)  # surrogates too
_ANY_BODIES = st.builds(
    SmtpBody,
    login=_ANY, psw=_ANY, id=st.none() | st.integers(min_value=-5, max_value=10**11), time=_ANY,
    tz=st.none() | _ANY, translit=_ANY, format=st.none() | _ANY, sender=st.none() | _ANY, test=st.none() | _ANY,
    phones=_ANY, mes=_ANY,
)  # fmt: skip


@given(_ANY_BODIES)
def test_any_body_value_is_refused_or_reads_back_as_itself(body: SmtpBody) -> None:
    try:
        data = encode_smtp_body(body, charset="utf-8")
    except EncodeError:
        return
    assert decode_smtp_body(data, charset="utf-8") == body


_MAIL_HEADS = st.sampled_from(
    [
        b"",
        b'Content-Type: text/plain; charset="koi8-r"\n\n',
        b"Content-Type: text/html\n\n",
        b"Content-Type: multipart/mixed; boundary=x\n\n--x\n",
        b'Content-Type: text/plain; charset="x\xff"\nContent-Transfer-Encoding: base64\n\n',
    ]
)


@given(_MAIL_HEADS, st.binary(max_size=80))
def test_any_mail_gives_a_body_or_a_decode_error(head: bytes, rest: bytes) -> None:
    with contextlib.suppress(DecodeError):
        assert isinstance(decode_smtp_message(head + rest), SmtpBody)
