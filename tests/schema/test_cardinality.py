"""One answer to "is this reply a list, and why": ``Cardinality`` on an operation or a variant."""

from __future__ import annotations

import inspect
import re
import warnings
from dataclasses import dataclass
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import DecodeError, EncodeError, ExportedPortedNumber, Fmt, decode, encode
from smsc_formats.formats import marks_lists
from smsc_formats.operations import (
    GET_MNP,
    GET_OPERATOR,
    OPERATIONS,
    STATUS,
    TEMPLATES,
    Cardinality,
    Created,
    Extra,
    Integer,
    Items,
    MessageDetails,
    Operation,
    Param,
    Record,
    Template,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    id: int
    extra: Extra = ()


def _reading(**keywords: Any) -> Operation[Reading]:
    return Operation(
        name="reading",
        description="a declaration for these tests",
        path="example.php",
        flags={},
        record=Record(Reading, xml_tag="reading"),
        errors={},
        request=(Param("id", "ids", type=Items(Integer(1, 99), "an id")),),
        **keywords,
    )


@pytest.mark.parametrize(
    ("value", "several"),
    [
        ("5", False),
        ("", False),
        ("5,6", True),
        ("5,", True),  # the API's own way of asking the list reply for one item
        (("5",), True),  # a sequence, as a typed request gives it
        ([5, 6], True),
        (5, False),
        (None, False),
    ],
)
def test_per_item_asks_for_several_by_a_comma_or_a_sequence(value: object, several: bool) -> None:
    cardinality = Cardinality.per_item("id")
    params = {} if value is None else {"id": value}
    assert cardinality.asks_for_several(params) is several
    assert cardinality.is_list(params) is several


def test_one_and_many_do_not_look_at_the_request() -> None:
    for params in ({}, {"id": "5,6"}, {"id": ("5",)}):
        assert Cardinality.ONE.is_list(params) is False
        assert Cardinality.MANY.is_list(params) is True
        assert Cardinality.MANY.asks_for_several(params) is False


@pytest.mark.parametrize(("kind", "param"), [("per_item", None), ("one", "id"), ("many", "id")])
def test_a_parameter_goes_with_per_item_only(kind: Any, param: str | None) -> None:
    with pytest.raises(ValueError, match="per_item cardinality names its parameter, and only it"):
        Cardinality(kind, param)


def test_each_operation_says_its_cardinality_in_one_place() -> None:
    kinds = {name: operation.cardinality.kind for name, operation in OPERATIONS.items()}
    assert kinds["get_operator"] == "per_item"
    assert (GET_OPERATOR.cardinality.param, STATUS.cardinality.param) == ("phone", "id")
    assert kinds["templates"] == kinds["get_mnp"] == kinds["phones_get"] == "many"
    assert kinds["balance"] == kinds["send"] == "one"


def test_a_variant_overrides_the_operations_cardinality() -> None:
    """templates.php lists the templates, but answers a change with one acknowledgement."""
    one = Template(id=1, name="a", message="b")
    assert decode(TEMPLATES(get="1"), encode(TEMPLATES(get="1"), [one], fmt=0), fmt=0) == [one]
    created = decode(TEMPLATES(add="1"), b"OK, ID - 5", fmt=0)
    assert created == Created(id=5)
    assert TEMPLATES(add="1").expects_list is False
    assert TEMPLATES(get="1").reply_cardinality is Cardinality.MANY
    with pytest.raises(EncodeError) as caught:
        encode(TEMPLATES(get="1"), one, fmt=0)
    assert caught.value.problem == "a list of records: the request asked for several, or this reply is always a list"


def test_status_details_of_several_messages_have_no_fmt1_list_but_one_message_does() -> None:
    line = b"1,1286524541,0,1286524540,79999999999,1.40,SMSC.RU,x,hello"
    one = decode(STATUS(all="1", id="5"), line, fmt=1)
    assert isinstance(one, MessageDetails)
    assert one.message == "hello"
    with pytest.raises(DecodeError, match="ask for fmt=3"):
        decode(STATUS(all="1", id="5,"), line, fmt=1)
    assert STATUS(all="1", id="5,").reply_layout.csv_layouts == ()
    assert STATUS(all="1", id="5").reply_layout.csv_layouts
    assert STATUS(id="5,").reply_layout is STATUS.reply_record.layout  # all=0 lists carry in fmt=1


def test_a_per_item_operation_reads_a_list_when_asked_for_several() -> None:
    reading = _reading(cardinality=Cardinality.per_item("id"))
    assert decode(reading, b"7", fmt=1) == Reading(id=7)
    assert decode(reading(id="7,"), b"7", fmt=1) == [Reading(id=7)]
    assert decode(reading(id="7,8"), b"7\n8", fmt=1) == [Reading(id=7), Reading(id=8)]
    assert (reading.asks_for_several, reading(id="7,").asks_for_several) == (False, True)


@pytest.mark.parametrize(
    ("keywords", "expected", "instead"),
    [
        ({"list_param": "id"}, Cardinality.per_item("id"), "cardinality=Cardinality.per_item('id')"),
        ({"list_param": None}, Cardinality.ONE, "cardinality=Cardinality.ONE"),
        ({"lists": True}, Cardinality.MANY, "cardinality=Cardinality.MANY"),
        ({"lists": False}, Cardinality.ONE, "cardinality=Cardinality.ONE"),
    ],
)
def test_the_older_keywords_still_declare_and_say_what_to_write(
    keywords: dict[str, Any], expected: Cardinality, instead: str
) -> None:
    with pytest.warns(DeprecationWarning, match=f"is deprecated: write {re.escape(instead)}$"):
        operation = _reading(**keywords)
    assert operation.cardinality == expected
    assert (operation.list_param, operation.lists) == (expected.param, expected.kind == "many")


@pytest.mark.parametrize("keywords", [{"list_param": "id"}, {"lists": True}])
def test_the_older_keywords_warning_points_at_the_declaration(keywords: dict[str, Any]) -> None:
    with pytest.warns(DeprecationWarning, match="is deprecated") as caught:
        _reading(**keywords)
    declared = inspect.getsourcelines(_reading)[1] + 1  # the line of "return Operation("
    assert (caught[0].filename, caught[0].lineno) == (__file__, declared)


@pytest.mark.parametrize(
    "keywords", [{"list_param": "id", "cardinality": Cardinality.MANY}, {"list_param": "id", "lists": True}]
)
def test_two_ways_of_saying_the_count_at_once_are_refused(keywords: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="takes cardinality=, or one of the older"):
        _reading(**keywords)


def test_declaring_with_cardinality_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        operation = _reading(cardinality=Cardinality.MANY)
    assert operation.expects_list
    assert smsc.decode(operation, b"7", fmt=1) == [Reading(id=7)]


MORE_RECORDS = "more records: fmt=0/1 has no form for an empty list, or a list of one unasked for"
ONE_TEMPLATE = Template(id=1, name="a", message="b")
OPERATOR_INFO = smsc.OperatorInfo(country="a", operator="b", region="c", mcc="250", mnc="01", tz="3")


@pytest.mark.parametrize("fmt", [0, 1])
@pytest.mark.parametrize(
    ("operation", "records"),
    [(GET_OPERATOR, []), (GET_OPERATOR, [OPERATOR_INFO]), (TEMPLATES(get="1"), [])],
    ids=["no records", "a list of one unasked for", "no records asked for as a list"],
)
def test_fmt_0_and_1_refuse_a_list_they_cannot_write(operation: Operation[Any], records: list[Any], fmt: int) -> None:
    with pytest.raises(EncodeError) as caught:
        encode(operation, records, fmt=fmt)
    assert caught.value.problem == MORE_RECORDS


@pytest.mark.parametrize(
    ("fmt", "template", "operator"),
    [
        (0, b"id = 1, name = a, message = b", b"country = a, operator = b, region = c, mcc = 250, mnc = 01, tz = 3"),
        (1, b"1,a,,b,,", b"a,b,c,250,01,3"),
    ],
)
def test_fmt_0_and_1_write_a_list_of_one_only_where_the_request_asked_for_a_list(
    fmt: int, template: bytes, operator: bytes
) -> None:
    assert encode(TEMPLATES(get="1"), [ONE_TEMPLATE], fmt=fmt) == template
    assert encode(TEMPLATES(get="1"), [ONE_TEMPLATE, ONE_TEMPLATE], fmt=fmt) == template + b"\n" + template
    assert encode(GET_OPERATOR, [OPERATOR_INFO, OPERATOR_INFO], fmt=fmt) == operator + b"\n" + operator


@pytest.mark.parametrize("fmt", list(Fmt))
def test_an_export_opened_by_its_header_has_a_form_for_no_numbers_and_for_one(fmt: Fmt) -> None:
    """The get_mnp export is a header line and a line per number whatever fmt was asked: the
    header alone is an empty export, and one line after it a list of one, so both are written."""
    one = ExportedPortedNumber(phone="79990000000", mccmnc="25001")
    assert encode(GET_MNP(), [], fmt=fmt, check=True) == b"Phone;mccmnc"
    assert encode(GET_MNP(), [one], fmt=fmt, check=True) == b"Phone;mccmnc\n79990000000;25001"
    assert decode(GET_MNP(), b"Phone;mccmnc", fmt=fmt) == []


def test_a_format_marks_a_list_by_its_own_form_or_by_a_layout_s_header() -> None:
    export, day = GET_MNP().reply_layout, GET_MNP(date="01.01.2024").reply_layout
    assert [marks_lists(fmt, export) for fmt in Fmt] == [False, True, True, True]  # fmt=0 has no header
    assert [marks_lists(fmt, day) for fmt in Fmt] == [False, False, True, True]
