"""fmt=2 behaviour that mutation testing of formats/xml.py found unpinned: escaping, sibling root
elements read with the request's charset and the hardened parser, a list of text records,
positions, and which field a refusal names."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import pytest

from smsc_formats import DecodeLimits, ErrorReply, decode, encode
from smsc_formats.operations import STATUS, Cardinality, Done, Operation, OperatorInfo, Record, get_operation
from tests.refusals import decode_error, encode_error

_decode_error = partial(decode_error, fmt=2)
_encode_error = partial(encode_error, fmt=2)

GET_OPERATOR = get_operation("get_operator")
SEVERAL = GET_OPERATOR(phone="1,2")
INFO = OperatorInfo(country="a", operator="b", region="c", mcc="1", mnc="2", tz="3")
RECORD = "<info><country>{}</country><operator>b</operator><region>c</region><mcc>1</mcc><mnc>2</mnc><tz>3</tz></info>"


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    """One optional element: a declaration for these tests, not a call of the API."""

    note: str | None = None


NOTE = Operation(
    name="note", description="a test", path="x.php", flags={}, record=Record(Note, xml_tag="note"), errors={}
)
RESULTS = Operation(
    name="results",
    description="a test list",
    path="x.php",
    flags={},
    record=Record(Done, xml_tag="result", text_template="{result}"),
    errors={},
    cardinality=Cardinality.MANY,
)


def test_markup_characters_are_escaped_byte_for_byte() -> None:
    body = encode(GET_OPERATOR, replace(INFO, country="a>b&c<d"), fmt=2)
    assert b"<country>a&gt;b&amp;c&lt;d</country>" in body


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251"])
def test_sibling_records_are_read_in_the_requests_charset_without_comments(charset: str) -> None:
    # a list sent without its list element; the retry that wraps it keeps the charset and the hardening
    body = RECORD.format("Россия") + "\n<!-- a comment -->\n<?pi x?>\n" + RECORD.format("Б")
    reply = decode(SEVERAL, body.encode(charset), fmt=2, charset=charset)
    assert [info.country for info in reply] == ["Россия", "Б"]  # type: ignore[union-attr]


def test_a_list_of_text_records_is_written_as_elements_with_text() -> None:
    body = encode(RESULTS, [Done(result="OK"), Done(result="a&b")], fmt=2)
    assert body == b"<list>\n<result>OK</result>\n<result>a&amp;b</result>\n</list>"
    assert decode(RESULTS, body, fmt=2) == [Done(result="OK"), Done(result="a&b")]


def test_a_value_refused_by_the_schema_in_a_list_names_its_own_line() -> None:
    body = (
        b"<list><sms><status>1</status><id>5</id><phone>7</phone></sms>\n"
        b"<sms><status>x</status><id>6</id><phone>8</phone></sms></list>"
    )
    error = _decode_error(STATUS(id="5,6", phone="7,8"), body)
    assert error.expected == "an integer code (StatusCode) in 'status', found 'x'"
    assert error.line == 2


def test_a_malformed_reply_is_placed_at_its_line_and_column() -> None:
    error = _decode_error(GET_OPERATOR, b"<info>\n  <country>a</countr>\n</info>")
    assert error.expected.startswith("well-formed XML (Opening and ending tag mismatch")
    assert (error.line, error.column) == (2, 22)


def test_an_error_without_a_description_has_no_fmt2_element() -> None:
    error = _encode_error(GET_OPERATOR, ErrorReply(operation="get_operator", code=5, description=None))
    assert (error.problem, error.field) == ("a description, which fmt=2 error replies carry", "error")


def test_sibling_records_after_an_xml_declaration_are_read() -> None:
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + RECORD.format("a") + "\n" + RECORD.format("b")
    assert [info.country for info in decode(SEVERAL, body.encode(), fmt=2)] == ["a", "b"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "expected", "line"),
    [
        (b"<info>\n<country>a</country>\n<country>b</country>\n</info>", "each field once, found <country> again", 3),
        (b"<list>\n<info>\n<country>a</country> junk\n</info>\n</list>", "only elements inside <info>, found text", 2),
        (b"<list>\n\n<info>junk<country>a</country>\n</info>\n</list>", "only elements inside <info>, found text", 3),
        (
            b"<result>\n<error>x</error>\n<error_code>5</error_code>\n<foo>1</foo>\n</result>",
            "<error>, <error_code> and <id> in an error reply, found <foo>",
            1,
        ),
        (
            b"<result>\n<error>x</error>\n<error_code>x</error_code>\n</result>",
            "an integer in <error_code> and <id>",
            1,
        ),
        (
            b"<result><error>x</error><error_code>5</error_code><id>a</id></result>",
            "an integer in <error_code> and <id>",
            1,
        ),
    ],
)
def test_a_refused_element_is_placed_at_its_line(body: bytes, expected: str, line: int) -> None:
    error = _decode_error(SEVERAL, body)
    assert (error.expected, error.line) == (expected, line)


def test_a_key_that_is_no_element_name_is_refused_by_name() -> None:
    error = _encode_error(GET_OPERATOR, replace(INFO, extra=(("1bad", "x"),)))
    assert (error.problem, error.field) == ("a field name that is an XML element name", "1bad")


def test_fields_after_the_last_record_of_a_list_are_refused_at_the_list() -> None:
    error = _decode_error(SEVERAL, b"\n<list>\n<info><country>a</country></info>\n<country>b</country>\n</list>")
    assert (error.expected, error.line) == ("<info> after <country>", 1)


@pytest.mark.parametrize("value", ["a\x01", "a\rb", "\ud800"])
def test_a_value_xml_cannot_carry_is_refused_by_field(value: str) -> None:
    error = _encode_error(GET_OPERATOR, replace(INFO, region=value))
    assert (error.problem, error.field) == ("a value without control characters, CR or lone surrogates", "region")


def test_a_record_without_values_is_an_empty_element() -> None:
    assert encode(NOTE, Note(), fmt=2) == b"<note>\n</note>"
    assert decode(NOTE, b"<note>\n</note>", fmt=2) == Note()


def test_an_xml_declaration_before_sibling_records_keeps_the_columns_of_the_reply() -> None:
    # the wrapped retry blanks the declaration: a column after it is as after a comment as long
    records = b"<info><country>a</country></info><info><country>b</countr></info>"
    declared = _decode_error(SEVERAL, b'<?xml version="1.0"?>' + records)
    commented = _decode_error(SEVERAL, b"<!--" + b"x" * 14 + b"-->" + records)
    assert declared.expected.startswith("well-formed XML (Opening and ending tag mismatch")
    assert (declared.line, declared.column) == (commented.line, commented.column)


@pytest.mark.parametrize("body", [b"<!DOCTYPE info><info/>", b'<!DOCTYPE info [<!ENTITY a "x">]><info>&a;</info>'])
def test_a_doctype_is_refused_before_parsing(body: bytes) -> None:
    assert _decode_error(GET_OPERATOR, body).expected == "an XML reply without a DOCTYPE or entity declarations"


def test_sibling_records_count_their_depth_without_the_wrapper() -> None:
    siblings = (RECORD.format("a") + RECORD.format("b")).encode()
    assert len(decode(SEVERAL, siblings, fmt=2, limits=DecodeLimits(max_depth=2))) == 2  # type: ignore[arg-type]
    error = _decode_error(SEVERAL, siblings, limits=DecodeLimits(max_depth=1))
    assert error.expected == "nesting at most 1 levels deep (DecodeLimits.max_depth)"


def test_a_malformed_single_record_is_not_retried_as_siblings() -> None:
    # a retry inside the list wrapper would move the column on line 1
    error = _decode_error(SEVERAL, b"<info><country>a</countr></info>")
    assert (error.line, error.column) == (1, 26)
