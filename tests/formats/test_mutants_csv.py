"""fmt=1 behaviour that mutation testing of formats/csv.py and the properties found unpinned: where
an error points, what its message says, which field an encoder refusal names, the carriage return,
and free text whose commas make a line as long as another layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial
from typing import Annotated, Any

import pytest

from smsc_formats import MessageDetails, decode, encode
from smsc_formats.operations import STATUS, Cardinality, Operation, Record, Wire, get_operation
from tests.refusals import decode_error, encode_error

_decode_error = partial(decode_error, fmt=1)
_encode_error = partial(encode_error, fmt=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    """Two columns, the second optional: a declaration for these tests, not a call of the API."""

    first: str
    second: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """One optional column: a declaration for these tests, not a call of the API."""

    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Tagged:
    """Two optional columns found by their form, first or last: a declaration for these tests."""

    code: Annotated[str | None, Wire(csv_found_by=re.compile("[A-Z]+"))] = None
    value: str
    number: Annotated[str | None, Wire(csv_found_by=re.compile("[0-9]+"))] = None


def _operation(name: str, record: Record[Any]) -> Operation[Any]:
    return Operation(name=name, description="a test declaration", path="x.php", flags={}, record=record, errors={})


PAIR = _operation("pair", Record(Pair, xml_tag="pair"))
TAGGED = _operation("tagged", Record(Tagged, xml_tag="tagged"))
PIPED = _operation("piped", Record(Pair, xml_tag="pair", csv_separator="|"))
NOTES = Operation(
    name="notes",
    description="a test list",
    path="x.php",
    flags={},
    record=Record(Note, xml_tag="note"),
    errors={},
    cardinality=Cardinality.MANY,
)


def test_a_reply_with_no_fmt1_layout_is_refused_at_its_first_column() -> None:
    error = _decode_error(STATUS(all="1", id="5,6"), b"1,1286524541,0")
    assert error.expected == "a reply in another format: this reply has no known fmt=1 layout, ask for fmt=3"
    assert (error.line, error.column) == (1, 1)


def test_a_line_of_the_wrong_width_with_a_free_text_column_gives_no_ambiguity_hint() -> None:
    # get_answers' message column may hold commas, so too few values is just too few values
    error = _decode_error(get_operation("get_answers"), b"1,2")
    assert error.expected == "5 comma-separated values, found 2"
    assert (error.line, error.column) == (1, 1)


def test_a_line_of_the_wrong_width_without_free_text_suggests_fmt3() -> None:
    error = _decode_error(PAIR, b"a,b,c")
    assert error.expected == (
        "2 comma-separated values, found 3; a value holding a comma cannot be told apart in fmt=1, ask for fmt=3"
    )


def test_a_declared_separator_without_a_name_is_shown_as_itself() -> None:
    error = _decode_error(PIPED, b"a|b|c")
    assert error.expected.startswith("2 '|'-separated values, found 3;")


@pytest.mark.parametrize("value", ["a\rb", "a\nb", "a\r\nb", "a\r"])
def test_a_line_break_in_a_value_is_refused_and_names_the_field(value: str) -> None:
    error = _encode_error(PAIR, Pair(first="x", second=value))
    assert (error.problem, error.field) == ("a value without line breaks", "second")


def test_the_separator_in_a_value_that_is_not_free_text_names_the_field() -> None:
    error = _encode_error(PIPED, Pair(first="a|b"))
    assert error.field == "first"
    assert error.problem == "a value without '|'; a value holding a comma cannot be told apart in fmt=1, ask for fmt=3"


def test_a_record_that_would_be_a_blank_line_is_refused() -> None:
    error = _encode_error(NOTES, [Note(note="a"), Note()])
    assert error.problem == "a record with a value: decoders skip a blank line"


@pytest.mark.parametrize("value", [" a", "a\t", "a\x0b", "\x0ca"])
def test_white_space_that_decoders_trim_is_refused_at_either_end(value: str) -> None:
    error = _encode_error(NOTES, [Note(note=value)])
    assert error.problem == "values that do not begin or end the reply with white space, which decoders trim"


@pytest.mark.parametrize("value", ["a\xa0", "\u2003a", "a\x1c", "a\x85"])
def test_other_white_space_at_the_ends_is_written_and_read_back(value: str) -> None:
    # only space, tab, vertical tab and form feed are trimmed by decoders; the rest is content
    body = encode(NOTES, [Note(note=value)], fmt=1)
    assert body == value.encode()
    assert decode(NOTES, body, fmt=1) == [Note(note=value)]


def test_a_reply_that_reads_as_the_error_line_is_refused() -> None:
    error = _encode_error(PAIR, Pair(first="0", second="-5"))
    assert error.problem == "values that do not read as an error line ('ERROR = N (...)' or '0,-N')"


def test_a_column_found_by_its_form_is_not_written_empty_where_the_decoder_would_not_find_it() -> None:
    # no layout holds "number" without "code", and an empty "code" is not of its form
    for record in (Tagged(value="v", number="12"), Tagged(value="v", code="AB")):
        error = _encode_error(TAGGED, record)
        assert error.problem.startswith("fields that one fmt=1 line can hold together")
    assert encode(TAGGED, Tagged(value="v", code="AB", number="12"), fmt=1) == b"AB,v,12"
    assert encode(TAGGED, Tagged(value="v"), fmt=1) == b"v"


def test_a_body_of_white_space_alone_is_an_empty_body() -> None:
    # U+001C is white space to str.split but not to bytes.strip: the body is not empty, its text is
    error = _decode_error(get_operation("get_operator"), b"\x1c")
    assert error.expected == "a reply, found an empty body"


def test_a_value_refused_by_the_schema_in_a_list_names_its_own_line() -> None:
    body = b"1,1286524541,0,5,79999999999\n\n1,x,0,6,79999999998"
    error = _decode_error(STATUS(id="5,6", phone="1,2"), body)
    assert error.expected == "an integer in 'last_timestamp', found 'x'"
    assert error.line == 3


def test_a_key_the_declaration_does_not_know_has_no_column_and_is_named() -> None:
    operation = get_operation("get_operator")
    body = b'{"country": "a", "operator": "b", "region": "c", "mcc": 250, "mnc": 1, "tz": "3", "aux": "z"}'
    error = _encode_error(operation, decode(operation, body, fmt=3))
    assert (error.problem, error.field) == ("only the operation's own columns, which fmt=1 can place", "aux")


STATUS_DETAILS = STATUS(id=1, phone="79990000001", all=1)  # message details: 9 columns, or 11 with comment and type


@pytest.mark.parametrize("message", [",,", "Привет,, мир", ",x,"])
def test_free_text_whose_commas_make_the_line_read_as_a_longer_layout_is_refused(message: str) -> None:
    # nine columns with two commas in the message are eleven values: the layout with comment and
    # type, which the decoder tries first, would read the message's tail as them
    details = decode(STATUS_DETAILS, b"1,1700000000,0,1700000000,79990000001,1.50,SMSC,delivered,hi", fmt=1)
    assert isinstance(details, MessageDetails)
    error = _encode_error(STATUS_DETAILS, replace(details, message=message))
    assert error.field == "message"
    assert error.problem.startswith("a value with fewer ',': with these the line reads back as another layout")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("1,1700000000,0,1700000000,79990000001,1.50,SMSC,delivered,a,b", "a,b"),
        ("1,1700000000,0,1700000000,79990000001,1.50,SMSC,delivered,a,,b,note,1", "a,,b"),
    ],
)
def test_free_text_with_commas_that_reads_back_in_its_own_layout_is_written(body: str, message: str) -> None:
    details = decode(STATUS_DETAILS, body.encode(), fmt=1)
    assert isinstance(details, MessageDetails)
    assert details.message == message
    assert encode(STATUS_DETAILS, details, fmt=1) == body.encode()


def test_a_line_of_a_known_width_whose_value_fits_no_column_names_the_column() -> None:
    # get_operator's 7-column order opens with the phone: a seven-value line whose first value is
    # no phone number is not "the wrong width", and the refusal says which column refused it
    error = _decode_error(get_operation("get_operator"), "Россия,МТС,Москва,250,01,3,x".encode())
    assert error.expected == (
        "6 or 7 comma-separated values, found 7 (in the 7-column order, 'phone' does not fit); "
        "a value holding a comma cannot be told apart in fmt=1, ask for fmt=3"
    )
