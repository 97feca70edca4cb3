"""Error replies are values; ``raise_for_error`` turns them into the operation's typed ApiError.

An error code means what its script says: the same number is a different error elsewhere
(``MEANINGS``, one row per meaning that differs), and the codes every script shares keep their
meaning on every operation of ``smsc_formats.OPERATIONS``.
"""

from __future__ import annotations

import re

import pytest

import smsc_formats as smsc
import smsc_formats._exceptions as exceptions
from smsc_formats._fault import Fault
from smsc_formats._fmt import TEXT_CHARSET, is_text_charset
from smsc_formats.formats import Body

GET_OPERATOR_CODES = [
    (1, smsc.InvalidParameters, False),
    (2, smsc.AuthorisationFailed, False),
    (3, smsc.OperatorNotFound, False),
    (4, smsc.IpTemporarilyBlocked, False),
    (9, smsc.TooManyRequests, True),
]


@pytest.mark.parametrize(("code", "error_class", "retryable"), GET_OPERATOR_CODES)
def test_each_documented_code_raises_its_class(code: int, error_class: type[smsc.ApiError], retryable: bool) -> None:
    reply = smsc.decode(smsc.GET_OPERATOR, f"ERROR = {code} (some text)".encode(), fmt=0)
    assert isinstance(reply, smsc.ErrorReply)
    assert reply.retryable is retryable
    with pytest.raises(error_class) as caught:
        reply.raise_for_error()
    assert type(caught.value) is error_class
    assert caught.value.error_code == code
    assert caught.value.description == "some text"
    assert caught.value.operation == "get_operator"
    assert "some text" in str(caught.value)


def test_unknown_code_is_a_plain_api_error() -> None:
    reply = smsc.decode(smsc.GET_OPERATOR, b"0,-77", fmt=1)
    assert isinstance(reply, smsc.ErrorReply)
    with pytest.raises(smsc.ApiError) as caught:
        reply.raise_for_error()
    assert type(caught.value) is smsc.ApiError
    assert caught.value.error_code == 77
    assert caught.value.description is None
    assert not reply.retryable


def test_message_id_travels_into_the_exception() -> None:
    reply = smsc.decode(smsc.GET_OPERATOR, b'{"error": "no money", "error_code": 3, "id": 275}', fmt=3)
    assert isinstance(reply, smsc.ErrorReply)
    with pytest.raises(smsc.ApiError) as caught:
        reply.raise_for_error()
    assert (caught.value.error_code, caught.value.description) == (3, "no money")
    assert caught.value.message_id == 275


def test_every_library_error_has_the_one_root() -> None:
    for error_class in (smsc.DecodeError, smsc.EncodeError, smsc.ApiError, smsc.OperatorNotFound):
        assert issubclass(error_class, smsc.SmscFormatsError)
    assert issubclass(smsc.DecodeError, ValueError)
    assert issubclass(smsc.EncodeError, ValueError)


@pytest.mark.parametrize(
    ("fmt", "field", "value"),
    [
        (0, "region", "Москва\nобласть"),
        (0, "mcc", "250, tz = 4"),
        (1, "region", "Москва, область"),
        (2, "operator", "МТС\x01"),
        (2, "operator", "МТС\r"),
    ],
)
def test_encoder_refuses_what_the_format_cannot_carry(fmt: int, field: str, value: str) -> None:
    fields = {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"}
    info = smsc.OperatorInfo(**{**fields, field: value})  # type: ignore[arg-type]
    with pytest.raises(smsc.EncodeError) as caught:
        smsc.encode(smsc.GET_OPERATOR, info, fmt=fmt)
    assert caught.value.fmt == fmt
    assert caught.value.operation == "get_operator"
    assert caught.value.field == field


def test_charset_that_cannot_carry_the_text_is_an_encode_error() -> None:
    info = smsc.OperatorInfo(country="日本", operator="NTT", region="東京", mcc="440", mnc="10", tz="9")
    with pytest.raises(smsc.EncodeError, match="windows-1251"):
        smsc.encode(smsc.GET_OPERATOR, info, fmt=3, charset="windows-1251")


def test_a_single_record_for_a_request_of_several_is_refused() -> None:
    info = smsc.OperatorInfo(country="Россия", operator="МТС", region="Москва", mcc="250", mnc="01", tz="3")
    with pytest.raises(smsc.EncodeError, match="several"):
        smsc.encode(smsc.GET_OPERATOR(phone="79990000001,79990000002"), info, fmt=3)


def test_fmt1_error_without_description_cannot_be_written_where_one_is_required() -> None:
    reply = smsc.ErrorReply(operation="get_operator", code=3)
    assert smsc.encode(smsc.GET_OPERATOR, reply, fmt=1) == b"0,-3"
    with pytest.raises(smsc.EncodeError, match="description"):
        smsc.encode(smsc.GET_OPERATOR, reply, fmt=0)


def test_strict_refuses_unknown_keys_that_are_otherwise_kept() -> None:
    body = b'{"country": "a", "operator": "b", "region": "c", "mcc": "1", "mnc": "2", "tz": "3", "ported": "1"}'
    reply = smsc.decode(smsc.GET_OPERATOR, body, fmt=3)
    assert isinstance(reply, smsc.OperatorInfo)
    assert reply.extra == (("ported", "1"),)
    assert smsc.encode(smsc.GET_OPERATOR, reply, fmt=0).endswith(b", tz = 3, ported = 1")
    with pytest.raises(smsc.DecodeError, match="ported"):
        smsc.decode(smsc.GET_OPERATOR, body, fmt=3, strict=True)


def test_xml_entities_are_never_expanded_or_fetched(tmp_path: object) -> None:
    hostile = b'<?xml version="1.0"?><!DOCTYPE info [<!ENTITY e SYSTEM "file:///etc/passwd">]><info><country>&e;</country></info>'
    with pytest.raises(smsc.DecodeError, match="DOCTYPE"):
        smsc.decode(smsc.GET_OPERATOR, hostile, fmt=2)


def test_wrong_argument_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match=re.escape("decode() takes the reply's bytes, not str")):
        smsc.decode(smsc.GET_OPERATOR, "text, not bytes", fmt=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="fmt"):
        smsc.decode(smsc.GET_OPERATOR, b"", fmt=7)


@pytest.mark.parametrize(
    "charset", ["no-such-charset", "punycode", "idna", "rot13", "base64", "utf-7", "utf-16", "cp037"]
)
def test_a_charset_that_is_not_a_text_charset_is_a_decode_error_naming_it(charset: str) -> None:
    """punycode used to raise a bare UnicodeError; utf-7 and EBCDIC misread the ASCII of every format."""
    with pytest.raises(smsc.DecodeError) as caught:
        smsc.decode(smsc.GET_OPERATOR, b"country = X", fmt=0, charset=charset)
    assert caught.value.expected == f"{TEXT_CHARSET}, found {charset!r}"
    assert str(caught.value).startswith("get_operator fmt=0: expected a text charset (one that carries ASCII unchanged")


@pytest.mark.parametrize("charset", ["utf-8", "UTF8", "windows-1251", "cp1251", "koi8-r", "latin-1", "cp866"])
def test_text_charsets_are_the_ascii_compatible_codecs(charset: str) -> None:
    assert is_text_charset(charset)
    assert smsc.decode(smsc.GET_OPERATOR, b"ERROR = 3 (x)", fmt=0, charset=charset).code == 3  # type: ignore[union-attr]


def test_a_body_never_lets_a_bare_unicode_error_out() -> None:
    """A codec that fails without a position (punycode) is a fault like any unreadable byte."""
    with pytest.raises(Fault, match="text that punycode can read"):
        _ = Body(b"x", "punycode").text


def test_utc_offset_of_tz() -> None:
    info = smsc.OperatorInfo(country="", operator="", region="", mcc="250", mnc="01", tz="3")
    assert info.utc_offset_hours == 3
    assert smsc.OperatorInfo(country="", operator="", region="", mcc="", mnc="", tz="-5").utc_offset_hours == -5
    assert smsc.OperatorInfo(country="", operator="", region="", mcc="", mnc="", tz="").utc_offset_hours is None


def test_an_error_reply_reads_the_table_of_the_operation_that_decoded_it() -> None:
    """A user's operation that gives code 3 another meaning raises, and retries, as it says."""
    import dataclasses

    mine = dataclasses.replace(smsc.GET_OPERATOR, errors={**smsc.GET_OPERATOR.errors, 3: smsc.TooManyRequests})
    reply = smsc.decode(mine, b'{"error": "busy", "error_code": 3}', fmt=3)
    assert isinstance(reply, smsc.ErrorReply)
    assert reply.retryable
    with pytest.raises(smsc.TooManyRequests, match=re.escape("error 3 (busy): Too many identical")):
        reply.raise_for_error()
    library = smsc.decode(smsc.GET_OPERATOR, b"ERROR = 3 (not found)", fmt=0)
    assert isinstance(library, smsc.ErrorReply)
    assert not library.retryable
    with pytest.raises(smsc.OperatorNotFound, match=re.escape("error 3 (not found): No operator is known")):
        library.raise_for_error()
    assert reply == dataclasses.replace(library, description="busy")  # the table takes no part in equality


def test_an_error_reply_built_by_hand_reads_the_library_s_table_for_its_name() -> None:
    with pytest.raises(smsc.NotEnoughMoney, match=re.escape("error 3: The account's balance does not cover")):
        smsc.ErrorReply(operation="send", code=3).raise_for_error()
    with pytest.raises(smsc.ApiError) as unknown:
        smsc.ErrorReply(operation="no_such_operation", code=3).raise_for_error()
    assert type(unknown.value) is smsc.ApiError
    assert (unknown.value.error_code, unknown.value.operation) == (3, "no_such_operation")


# (operation, code, class name) from sending.md and management.md 1.5: one row per meaning that
# differs from script to script, and a code a script does not list (a plain ApiError).
MEANINGS = [
    ("send", 3, "NotEnoughMoney"),
    ("send", 5, "InvalidDateFormat"),
    ("send", 6, "MessageDenied"),
    ("send", 7, "InvalidPhoneNumber"),
    ("send", 8, "CannotDeliver"),
    ("status", 5, "CannotDeleteMessage"),
    ("templates", 3, "TemplateNotFound"),
    ("balance", 2, "AuthorisationFailed"),
    ("ping", 4, "IpTemporarilyBlocked"),
    ("status", 3, "ApiError"),
    ("jobs_add", 3, "RecordNotSaved"),
    ("jobs_get_all", 5, "InvalidDateFormat"),
    ("phones_get", 3, "NoRecordsFound"),
    ("phones_add", 5, "OperationFailed"),
    ("users_get_stat", 3, "NoRecordsFound"),
    ("users_chg", 5, "OperationFailed"),
    ("users_chg", 6, "SubClientNotFound"),
    ("users_pay", 7, "BalanceNotShared"),
    ("users_add", 8, "RecordNotSaved"),
    ("users_pay", 10, "InsufficientFundsToCredit"),
    ("senders_del", 3, "SenderNotFound"),
    ("senders_add", 5, "SenderNotSaved"),
    ("senders_send_code", 7, "InvalidNumberFormat"),
    ("senders_send_code", 8, "CodeNotDeliverable"),
    ("senders_send_code", 10, "CodeAlreadySent"),
    ("senders_check_code", 11, "InvalidConfirmationCode"),
    ("tinyurls_get", 3, "LinkNotFound"),
]
EVERY = list(smsc.OPERATIONS.values())
every_operation = pytest.mark.parametrize("operation", EVERY, ids=lambda op: op.name)


@pytest.mark.parametrize(("name", "code", "class_name"), MEANINGS)
def test_code_maps_to_the_scripts_error(name: str, code: int, class_name: str) -> None:
    """The reply read off the wire raises the script's class, with the code, id and operation."""
    operation = smsc.get_operation(name)
    reply = smsc.decode(operation, f"ERROR = {code} (text), ID - 17".encode(), fmt=0)
    if code in operation.no_records_codes:  # "no records found": an empty list that keeps the error
        assert reply == []
        reply = getattr(reply, "error", reply)
    assert isinstance(reply, smsc.ErrorReply)
    with pytest.raises(smsc.ApiError) as caught:
        reply.raise_for_error()
    assert type(caught.value) is getattr(exceptions, class_name)
    assert (caught.value.error_code, caught.value.message_id, caught.value.operation) == (code, 17, name)


@pytest.mark.parametrize(("name", "code", "class_name"), MEANINGS)
def test_each_script_code_raises_its_own_class(name: str, code: int, class_name: str) -> None:
    """An error reply built by hand raises as one decoded does, and the operation agrees."""
    error = smsc.ErrorReply(operation=name, code=code, description="x")
    with pytest.raises(smsc.ApiError) as raised:
        error.raise_for_error()
    assert type(raised.value).__name__ == class_name
    assert raised.value.error_code == code
    assert smsc.OPERATIONS[name].error_class(code) is type(raised.value)  # the operation answers as its replies do


@pytest.mark.parametrize(("name", "code"), [("senders_get", 6), ("jobs_add", 7), ("phones_get", 10), ("get_stat", 3)])
def test_a_code_the_script_does_not_list_is_a_plain_api_error(name: str, code: int) -> None:
    assert smsc.ErrorReply(operation=name, code=code).error_class() is smsc.ApiError


@every_operation
def test_too_many_requests_is_retryable_everywhere(operation: smsc.Operation[object]) -> None:
    reply = smsc.decode(operation, b"0,-9", fmt=1)
    assert isinstance(reply, smsc.ErrorReply)
    assert reply.retryable
    assert not smsc.ErrorReply(operation=operation.name, code=1).retryable


@every_operation
def test_codes_shared_by_every_script_keep_their_meaning(operation: smsc.Operation[object]) -> None:
    assert smsc.ErrorReply(operation=operation.name, code=9).error_class() is smsc.TooManyRequests
    assert smsc.ErrorReply(operation=operation.name, code=2).error_class().__name__ == "AuthorisationFailed"


def test_every_operation_is_registered_once() -> None:
    assert len({op.name for op in EVERY}) == len(EVERY)
    assert all(smsc.OPERATIONS[op.name] is op for op in EVERY)


def test_every_class_in_the_tables_is_drawn_in_the_exception_tree() -> None:
    tree = exceptions.__doc__ or ""
    classes = {cls for op in EVERY for cls in op.errors.values()}
    assert all(f" {cls.__name__} " in tree for cls in classes)
