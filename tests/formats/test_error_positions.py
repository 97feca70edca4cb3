"""DecodeError positions, each worked out by hand from the body: the line, and the column where
one is meaningful, of a fault past the first line or the first record."""

from __future__ import annotations

import re
from typing import Any

import pytest

import smsc_formats as smsc

TWO = smsc.GET_OPERATOR(phone="79990000001,79990000002")
LINE_1 = "phone = 79990000001, country = A, operator = B, region = C, mcc = 250, mnc = 01, tz = 3"
LINE_2 = "phone = 79990000002, country = A, country = B, region = C, mcc = 250, mnc = 01, tz = 3"
#         1234567890123456789012345678901234^ the second 'country' starts at column 35


def _error(operation: smsc.Operation[Any], body: bytes, fmt: int, match: str) -> smsc.DecodeError:
    with pytest.raises(smsc.DecodeError, match=match) as caught:
        smsc.decode(operation, body, fmt=fmt)
    return caught.value


def test_a_key_found_again_on_the_second_line_is_placed_there() -> None:
    error = _error(TWO, f"{LINE_1}\n{LINE_2}".encode(), 0, "found 'country' again")
    assert (error.line, error.column) == (2, 35)
    alone = _error(TWO, LINE_2.encode(), 0, "found 'country' again")
    assert (alone.line, alone.column) == (1, 35)


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        # the column just past the mismatched end tag: "<operator>B</oper>" is 18 characters
        (b"<info>\n<country>A</country>\n<operator>B</oper>\n</info>", 3, 19),
        # "<info>" 6 + "<country>A</country>" 20 + "<operator>B</oper>" 18 = 44
        (b"<info><country>A</country><operator>B</oper></info>", 1, 45),
    ],
    ids=["third line", "one line"],
)
def test_an_xml_syntax_error_has_its_line_and_column(body: bytes, line: int, column: int) -> None:
    error = _error(smsc.GET_OPERATOR, body, 2, re.escape("expected well-formed XML (Opening and ending tag mismatch"))
    assert (error.line, error.column) == (line, column)


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [(b'{"country": "A"} x', 1, 17), (b'{\n"country": "A"\n} x', 3, 2)],
    ids=["one line", "third line"],
)
def test_text_after_a_json_value_is_placed_right_after_the_value(body: bytes, line: int, column: int) -> None:
    error = _error(smsc.GET_OPERATOR, body, 3, "expected the end of the JSON value")
    assert (error.line, error.column) == (line, column)


def test_a_schema_error_in_the_second_xml_record_names_its_line() -> None:
    first = "<info><phone>79990000001</phone><country>A</country><operator>B</operator><region>C</region>"
    second = "<info><phone>79990000002</phone><country>A</country><operator>B</operator><region>C</region>"
    body = (
        f"<list>\n{first}<mcc>250</mcc><mnc>01</mnc><tz>3</tz></info>\n{second}<mnc>01</mnc><tz>3</tz></info>\n</list>"
    )
    error = _error(TWO, body.encode(), 2, re.escape("expected 'mcc' (a text value)"))
    assert (error.line, error.column) == (3, None)


def test_a_schema_error_in_the_second_csv_record_names_its_line() -> None:
    operation = smsc.STATUS(id="1,2", phone="79990000001,79990000002")
    body = b"1,1629048442,0,1,79990000001\n1,16290484x2,0,2,79990000002"
    error = _error(operation, body, 1, "expected an integer in 'last_timestamp', found '16290484x2'")
    assert (error.line, error.column) == (2, None)
