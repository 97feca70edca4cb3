"""fmt=3 behaviour that mutation testing of formats/json.py found unpinned: surrogate pairs beside
numbers, the integer bound, where an error points and what it names."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pytest

from smsc_formats import EncodeError, ErrorReply, decode, encode
from smsc_formats.operations import Operation, OperatorInfo, Record, get_operation
from tests.refusals import decode_error

_decode_error = partial(decode_error, fmt=3)

GET_OPERATOR = get_operation("get_operator")


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """One optional key: a declaration for these tests, not a call of the API."""

    note: str | None = None


NOTE = Operation(
    name="note", description="a test", path="x.php", flags={}, record=Record(Note, xml_tag="note"), errors={}
)


def test_an_escaped_surrogate_pair_beside_a_decimal_number_is_read() -> None:
    # the lone-surrogate check writes the parsed value back out, decimals and all
    body = b'{"country": "\\ud83d\\ude00", "operator": "b", "region": "c", "mcc": 1.5, "mnc": 2, "tz": "3"}'
    assert decode(GET_OPERATOR, body, fmt=3) == OperatorInfo(
        country="\U0001f600", operator="b", region="c", mcc="1.5", mnc="2", tz="3"
    )


def test_a_lone_escaped_surrogate_beside_a_decimal_number_is_refused() -> None:
    body = b'{"country": "\\ud83d", "operator": "b", "region": "c", "mcc": 1.5, "mnc": 2, "tz": "3"}'
    assert _decode_error(GET_OPERATOR, body).expected == "text without lone surrogates (\\ud800-\\udfff not in a pair)"


def test_text_after_the_value_is_placed_where_the_value_ends() -> None:
    error = _decode_error(GET_OPERATOR, b'{"country": "a"} x')
    assert error.expected == "the end of the JSON value"
    assert (error.line, error.column) == (1, 17)
    error = _decode_error(GET_OPERATOR, b'{\n"country": "a"\n}\n]')
    assert (error.line, error.column) == (3, 2)  # just after the closing brace


@pytest.mark.parametrize(
    ("body", "again"),
    [
        (b'{"b": 1, "a": 2, "a": 3}', "a"),
        (b'{"a": 1, "b": 2, "a": 3}', "a"),
        (b'{"c": 0, "b": 1, "b": 2, "a": 3, "a": 4}', "b"),
    ],
)
def test_a_key_found_again_is_the_one_named(body: bytes, again: str) -> None:
    assert _decode_error(GET_OPERATOR, body).expected == f"each key once in an object, found {again!r} again"


def test_an_error_without_a_description_has_no_fmt3_object() -> None:
    with pytest.raises(EncodeError) as caught:
        encode(GET_OPERATOR, ErrorReply(operation="get_operator", code=5, description=None), fmt=3)
    assert (caught.value.problem, caught.value.field) == ("a description, which fmt=3 error replies carry", "error")


@pytest.mark.parametrize(
    ("body", "found"), [(b"5", "int"), (b'"x"', "str"), (b"null", "NoneType"), (b"1.5", "Decimal")]
)
def test_a_bare_value_is_no_reply(body: bytes, found: str) -> None:
    assert _decode_error(GET_OPERATOR, body).expected == f"an object or an array, found {found}"


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("1e99999999999999999999999999", "1e9999999999999999999999"),
        ("-1e-9999999999999999999999999", "-1e-99999999999999999999"),
    ],
)
def test_an_exponent_beyond_decimal_is_refused_showing_the_number_cut_short(number: str, shown: str) -> None:
    error = _decode_error(GET_OPERATOR, b'{"country": %s}' % number.encode())
    assert error.expected == f"a number with an exponent Decimal can hold, found {shown}\u2026"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"error_code": "x"}', 'integers in "error_code" and "id"'),
        (b'{"error_code": 1, "id": 1.5}', 'integers in "error_code" and "id"'),
        (b'{"error_code": 1, "error": 5}', 'text in "error"'),
    ],
)
def test_a_malformed_error_object_says_what_it_lacks(body: bytes, expected: str) -> None:
    assert _decode_error(GET_OPERATOR, body).expected == expected


def test_an_extra_value_json_cannot_carry_is_refused_by_its_type() -> None:
    info = OperatorInfo(country="a", operator="b", region="c", mcc="1", mnc="2", tz="3", extra=(("aux", {1, 2}),))
    with pytest.raises(EncodeError) as caught:
        encode(GET_OPERATOR, info, fmt=3)
    assert caught.value.problem == "a value JSON can carry, found set"


def test_a_record_without_values_is_an_empty_object() -> None:
    assert encode(NOTE, Note(), fmt=3) == b"{}"
    assert decode(NOTE, b"{}", fmt=3) == Note()
