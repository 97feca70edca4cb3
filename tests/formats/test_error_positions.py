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


RECORD = (
    "<info><country>A</country><operator>B</operator><region>C</region><mcc>250</mcc><mnc>01</mnc><tz>3</tz></info>"
)
# "<info>" 6 + "<country>A</country>" 20 + "<operator>B</operator>" 22 + "<region>C</region>" 18
# + "<mcc>250</mcc>" 14 + "<mnc>01</mnc>" 13 + "<tz>3</tz>" 10 + "</info>" 7 = 110 characters
MISMATCHED = "<info><country>A</country><operator>B</oper>"  # 6 + 20 + 18 = 44 characters
OPEN = "<info><country>A</country>"  # 26 characters, and <info> is never closed


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        (RECORD + MISMATCHED + "</info>", 1, 155),  # 110 + 44 + 1: just past "</oper>"
        (f"{RECORD}\n{MISMATCHED}</info>", 2, 45),
        (f'<?xml version="1.0"?>{RECORD}{MISMATCHED}</info>', 1, 176),  # the declaration's 21 first
        (f"{RECORD}\n{RECORD}\n  {MISMATCHED}</info>", 3, 47),
    ],
    ids=["one line", "second line", "declaration", "third line"],
)
def test_an_xml_syntax_error_in_records_without_their_list_element_is_placed_in_the_reply(
    body: str, line: int, column: int
) -> None:
    """The records are parsed inside a <list> element put around them, which is no part of the reply."""
    error = _error(TWO, body.encode(), 2, re.escape("expected well-formed XML (Opening and ending tag mismatch"))
    assert (error.line, error.column) == (line, column)
    assert error.expected == f"well-formed XML (Opening and ending tag mismatch: operator line {line} and oper)"


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [(RECORD + OPEN, 1, 137), (f"{RECORD}\n{OPEN}", 2, 27)],
    ids=["one line", "second line"],
)
def test_records_without_their_list_element_that_end_inside_a_record_are_refused_at_their_end(
    body: str, line: int, column: int
) -> None:
    """Just past the reply's last character, as for one record left open, not past the list
    element's closing tag, which the reply does not have."""
    error = _error(TWO, body.encode(), 2, re.escape("expected well-formed XML (Premature end of data in tag info"))
    assert (error.line, error.column) == (line, column)
    assert error.expected == f"well-formed XML (Premature end of data in tag info line {line})"
    alone = _error(smsc.GET_OPERATOR, OPEN.encode(), 2, "Premature end of data in tag info")
    assert (alone.line, alone.column) == (1, 27)


def test_text_before_the_first_of_the_records_is_no_well_formed_xml() -> None:
    """Only a reply whose first element is whole is read again as records without their list
    element; put inside one, the text would read as text in a list."""
    error = _error(TWO, f"x{RECORD}{RECORD}".encode(), 2, re.escape("expected well-formed XML (Start tag expected"))
    assert (error.line, error.column) == (1, 1)


RUSSIAN = (
    "<info><country>Россия</country><operator>МТС</operator><region>Москва</region>"
    "<mcc>250</mcc><mnc>01</mnc><tz>3</tz></info>"
)
# "<info>" 6 + "<country>Россия</country>" 25 + "<operator>МТС</operator>" 24
# + "<region>Москва</region>" 23 + 14 + 13 + 10 + "</info>" 7 = 122 characters, more bytes in utf-8


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r", "utf-8"])
@pytest.mark.parametrize(
    ("tail", "message", "column"),
    [
        (f"{MISMATCHED}</info>", "Opening and ending tag mismatch: operator line 1 and oper", 167),  # 122 + 44 + 1
        (OPEN, "Premature end of data in tag info line 1", 149),  # 122 + 26 + 1
    ],
    ids=["mismatch", "left open"],
)
def test_records_without_their_list_element_are_placed_in_characters_of_their_charset(
    charset: str, tail: str, message: str, column: int
) -> None:
    body = (RUSSIAN + tail).encode(charset)
    with pytest.raises(smsc.DecodeError, match=re.escape(f"well-formed XML ({message})")) as caught:
        smsc.decode(TWO, body, fmt=2, charset=charset)
    assert (caught.value.line, caught.value.column) == (1, column)


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
