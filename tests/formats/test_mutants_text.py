"""fmt=0 behaviour that mutation testing of formats/text.py found unpinned: where an error points,
what an encoder refusal says and which field it names, the carriage return, and the edges of a
list of fixed sentences."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import pytest

from smsc_formats import ErrorReply, decode, encode
from smsc_formats.operations import Cardinality, Done, Operation, OperatorInfo, Record, get_operation
from tests.refusals import decode_error, encode_error

_decode_error = partial(decode_error, fmt=0)
_encode_error = partial(encode_error, fmt=0)

GET_OPERATOR = get_operation("get_operator")
OPERATOR = OperatorInfo(country="a", operator="b", region="c", mcc="1", mnc="2", tz="3")


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """One optional key: a declaration for these tests, not a call of the API."""

    note: str | None = None


def _list_of(record: Record[Any]) -> Operation[Any]:
    return Operation(
        name="test",
        description="a test list",
        path="x.php",
        flags={},
        record=record,
        errors={},
        cardinality=Cardinality.MANY,
    )


NOTES = _list_of(Record(Note, xml_tag="note"))
RESULTS = _list_of(Record(Done, xml_tag="result", text_template="{result}"))


@pytest.mark.parametrize("body", [b"", b"\x1c", b"\x1c\n\x1d"])
def test_an_empty_body_is_no_reply_where_no_fixed_line_may_be_empty(body: bytes) -> None:
    assert _decode_error(GET_OPERATOR, body).expected == "a reply, found an empty body"


def test_a_key_found_again_is_placed_on_its_own_line() -> None:
    error = _decode_error(GET_OPERATOR(phone="1,2"), b"tz = 1\ncountry = ab, operator = b, country = c")
    assert error.expected == "each key once, found 'country' again"
    assert (error.line, error.column) == (2, 29)


@pytest.mark.parametrize("value", ["a\rb", "a\nb", "a\r\nb", "a\r"])
@pytest.mark.parametrize("field", ["country", "tz"])
def test_a_line_break_in_a_value_is_refused_and_names_the_field(field: str, value: str) -> None:
    error = _encode_error(GET_OPERATOR, replace(OPERATOR, **{field: value}))  # type: ignore[arg-type]
    assert (error.problem, error.field) == ("a value without line breaks", field)


@pytest.mark.parametrize("value", ["a\rb", "a\nb", "a\r"])
def test_a_line_break_in_a_fixed_sentence_is_refused_and_names_the_field(value: str) -> None:
    error = _encode_error(get_operation("ping"), Done(result=value))
    assert (error.problem, error.field) == ("a value without line breaks", "result")


@pytest.mark.parametrize("field", ["country", "tz"])
def test_a_value_holding_the_next_declared_pair_is_refused(field: str) -> None:
    # "country" is free text, "tz" is not: neither may hold ", mcc = ", which would start a pair
    error = _encode_error(GET_OPERATOR, replace(OPERATOR, **{field: "a, mcc = 9"}))  # type: ignore[arg-type]
    assert (error.problem, error.field) == ("a value without ', mcc = ', which would split it", field)


def test_only_free_text_may_hold_what_looks_like_an_undeclared_pair() -> None:
    assert encode(GET_OPERATOR, replace(OPERATOR, country="a, b = c"), fmt=0).startswith(b"country = a, b = c, ")
    error = _encode_error(GET_OPERATOR, replace(OPERATOR, tz="a, b = c"))
    assert (error.problem, error.field) == ("a value without ', b = ', which would split it", "tz")


def test_a_key_after_free_text_that_would_read_on_is_refused() -> None:
    operation = get_operation("get_answers")
    body = b'{"id": 1, "sent": "01.02.2024 03:04:05", "phone": "7", "to_phone": "8", "message": "hi", "aux": "z"}'
    decoded = decode(operation, body, fmt=3)
    error = _encode_error(operation, decoded)
    assert error.problem == "a declared key after the free text of 'message', which reads on over others"
    assert error.field == "aux"


def test_a_record_that_would_be_a_blank_line_is_refused() -> None:
    error = _encode_error(NOTES, [Note(note="a"), Note()])
    assert error.problem == "a record that is no blank line, which decoders skip"


def test_a_reply_that_reads_as_the_error_line_is_refused() -> None:
    error = _encode_error(get_operation("ping"), Done(result="ERROR = 5 (x)"))
    assert error.problem == "a reply that does not begin 'ERROR = ', which reads as an error line"


@pytest.mark.parametrize("value", ["ab ", "a\t", " ", "a b\x0c"])
def test_a_last_value_ending_in_white_space_that_decoders_trim_is_refused(value: str) -> None:
    error = _encode_error(GET_OPERATOR, replace(OPERATOR, tz=value))
    assert error.problem == "a value that does not end the reply with white space, which decoders trim"


@pytest.mark.parametrize(
    "results", [[" a", "b"], ["a", "b "], ["a", "a "], ["a", "b", "b "], ["a", "c ", "c "], ["\ta", "b", "c"]]
)
def test_a_list_of_sentences_may_not_begin_or_end_with_white_space(results: list[str]) -> None:
    # each sentence reads back alone, but decoders trim the reply's first and last
    error = _encode_error(RESULTS, [Done(result=result) for result in results])
    assert error.problem == "a line that does not begin or end the reply with white space, which decoders trim"


def test_a_list_of_sentences_with_white_space_inside_is_written() -> None:
    results = [Done(result="a"), Done(result=" b "), Done(result="c")]
    assert encode(RESULTS, results, fmt=0) == b"a\n b \nc"
    assert decode(RESULTS, b"a\n b \nc", fmt=0) == results


def test_an_error_without_a_description_has_no_fmt0_line() -> None:
    error = _encode_error(GET_OPERATOR, ErrorReply(operation="get_operator", code=5, description=None))
    assert (error.problem, error.field) == ("a description, which fmt=0 error lines carry", "error")


@pytest.mark.parametrize("body", [b"ERROR = x", b"ERROR = 5", b"ERROR = 5 (a), ID - x"])
def test_a_malformed_error_line_is_refused_from_its_start(body: bytes) -> None:
    error = _decode_error(GET_OPERATOR, body)
    assert error.expected == "an error line 'ERROR = N (description)' with an optional ', ID - <id>'"
    assert (error.line, error.column) == (1, 1)


@pytest.mark.parametrize("result", ["OK\xa0", "\u2003OK", "OK\x1c"])
def test_a_sentence_may_begin_or_end_with_white_space_that_decoders_keep(result: str) -> None:
    ping = get_operation("ping")
    body = encode(ping, Done(result=result), fmt=0)
    assert body == result.encode()
    assert decode(ping, body, fmt=0) == Done(result=result)
