"""The schema layer on declarations unlike get_operator's: a fixed fmt=0 sentence, a record that
is its element's own text, options that choose the record, and every value kind.

The operations here are declared in the test, as a new endpoint would be, and go through the
public ``decode`` and ``encode`` only.
"""

from __future__ import annotations

import enum
import gc
import importlib
import pkgutil
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import DecodeError, EncodeError, ErrorReply, Fmt
from smsc_formats.formats._template import LineTemplate
from smsc_formats.operations import Extra, Integer, Operation, Param, Record, Variant, Wire
from smsc_formats.operations._common import COMMON_ERRORS
from smsc_formats.strategies import replies


class Delivery(enum.IntEnum):
    QUEUED = 0
    DELIVERED = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Sent:
    cnt: int
    id: int
    cost: Decimal | None = None
    balance: Decimal | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class State:
    status: Delivery
    last_date: Annotated[datetime | None, Wire(text_name="check_time")] = None
    err: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CostedState:
    status: Delivery
    cost: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Pong:
    result: Annotated[str, Wire(xml_text=True)]
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    id: int
    text: Annotated[str, Wire(free_text=True)]


def _operation(name: str, record: Record[Any], **more: Any) -> Operation[Any]:
    return Operation(
        name=name, description=name, path=f"{name}.php", flags={}, record=record, errors=COMMON_ERRORS, **more
    )


SEND = _operation(
    "toy_send",
    Record(Sent, xml_tag="result", text_template="OK - {cnt} SMS, ID - {id}[, COST - {cost}][, BALANCE - {balance}]"),
)
STATUS = _operation(
    "toy_status",
    Record(State, xml_tag="status"),
    variants=(Variant(when={"cost": ("1", "2")}, record=Record(CostedState, xml_tag="status")),),
    request=(Param("cost", "1 or 2 adds the cost", type=Integer(0, 3)),),
)
PING = _operation("toy_ping", Record(Pong, xml_tag="result", text_template="{result}"))
MESSAGE = _operation("toy_message", Record(Message, xml_tag="message"))


class TestLineTemplate:
    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            (b"OK - 1 SMS, ID - 5", Sent(cnt=1, id=5)),
            (b"OK - 2 SMS, ID - 6, COST - 4.20", Sent(cnt=2, id=6, cost=Decimal("4.20"))),
            (b"OK - 2 SMS, ID - 6, BALANCE - 10", Sent(cnt=2, id=6, balance=Decimal(10))),
            (
                b"OK - 2 SMS, ID - 6, COST - 1, BALANCE - 9.5",
                Sent(cnt=2, id=6, cost=Decimal(1), balance=Decimal("9.5")),
            ),
        ],
    )
    def test_optional_parts_are_read_when_present_and_written_back(self, line: bytes, expected: Sent) -> None:
        for fmt in (0, "auto"):
            assert smsc.decode(SEND, line, fmt=fmt) == expected
        assert smsc.encode(SEND, expected, fmt=0) == line

    def test_a_line_that_is_not_the_sentence_is_refused(self) -> None:
        with pytest.raises(DecodeError, match="a line 'OK - ") as caught:
            smsc.decode(SEND, b"OK - 1 SMS, ID - 5\nnot it", fmt=0)
        assert caught.value.line == 2

    def test_a_bare_sentence_is_accepted_where_xml_or_json_was_asked(self) -> None:
        assert smsc.decode(SEND, b"OK - 1 SMS, ID - 5", fmt=3) == Sent(cnt=1, id=5)
        assert smsc.decode(PING, b"OK", fmt=2) == Pong(result="OK")

    def test_unknown_pairs_ride_along_and_missing_values_are_refused(self) -> None:
        with_extra = Sent(cnt=1, id=5, extra=(("x", "1"),))
        wire = smsc.encode(SEND, with_extra, fmt=0)
        assert wire == b"OK - 1 SMS, ID - 5, X - 1"  # a sentence of ", LABEL - value" pairs takes more
        assert smsc.decode(SEND, wire, fmt=0) == with_extra
        with pytest.raises(EncodeError, match="always carries"):
            smsc.encode(SEND, Sent(cnt=None, id=5), fmt=0)  # type: ignore[arg-type]

    @pytest.mark.parametrize("source", ["OK {", "OK ]", "OK [", "OK [{a}"])
    def test_malformed_templates_are_refused_when_declared(self, source: str) -> None:
        with pytest.raises(ValueError, match="template"):
            LineTemplate(source)

    def test_nested_optional_parts(self) -> None:
        template = LineTemplate("A{a}[ B{b}[ C{c}]]")
        assert template.fields == ("a", "b", "c")
        assert template.read("A1 B2 C3") == {"a": "1", "b": "2", "c": "3"}
        assert template.write({"a": "1", "c": "3"}) == "A1"
        assert template.write({"a": "1", "b": "2"}) == "A1 B2"


class TestElementText:
    def test_the_record_is_its_element_s_text(self) -> None:
        assert smsc.decode(PING, b"<result>OK</result>", fmt=2) == Pong(result="OK")
        assert smsc.encode(PING, Pong(result="OK"), fmt=2) == b"<result>OK</result>"
        assert smsc.decode(PING, b"<list><result>a</result><result>b</result></list>", fmt=2) == [
            Pong(result="a"),
            Pong(result="b"),
        ]

    def test_beside_other_fields_the_text_becomes_an_element(self) -> None:
        with_extra = Pong(result="OK", extra=(("x", "1"),))
        wire = smsc.encode(PING, with_extra, fmt=2)
        assert wire == b"<result>\n<result>OK</result>\n<x>1</x>\n</result>"
        assert smsc.decode(PING, wire, fmt=2) == with_extra


class TestVariants:
    def test_request_options_choose_the_record(self) -> None:
        body = b'{"status": 1, "cost": "1.50"}'
        assert smsc.decode(STATUS(cost="1"), body, fmt=3) == CostedState(
            status=Delivery.DELIVERED, cost=Decimal("1.50")
        )
        with pytest.raises(DecodeError, match="only the fields of State"):
            smsc.decode(STATUS(cost="0"), body, fmt=3)
        assert smsc.decode(STATUS, b'{"status": 0}', fmt=3) == State(status=Delivery.QUEUED)


class TestKinds:
    def test_each_kind_is_read_from_text_and_from_json(self) -> None:
        text = b"status = 1, check_time = 05.03.2024 17:04:09, err = 0"
        json = b'{"status": "1", "last_date": "05.03.2024 17:04:09", "err": 0}'
        expected = State(status=Delivery.DELIVERED, last_date=datetime(2024, 3, 5, 17, 4, 9), err=0)  # noqa: DTZ001
        assert smsc.decode(STATUS, text, fmt=0) == smsc.decode(STATUS, json, fmt=3) == expected
        assert smsc.encode(STATUS, expected, fmt=0) == text
        assert (
            smsc.encode(STATUS, expected, fmt=3) == b'{\n"status": 1,\n"last_date": "05.03.2024 17:04:09",\n"err": 0\n}'
        )

    def test_unknown_codes_stay_plain_integers(self) -> None:
        state = smsc.decode(STATUS, b'{"status": 25}', fmt=3)
        assert isinstance(state, State)
        assert state.status == 25
        assert not isinstance(state.status, Delivery)

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            (b'{"cnt": 1, "id": "x"}', "an integer in 'id'"),
            (b'{"cnt": true, "id": 1}', "an integer in 'cnt'"),
            (b'{"cnt": 1, "id": 1, "cost": "4,20"}', "an amount such as 4.20 in 'cost'"),
            (b'{"cnt": 1, "id": 1, "cost": true}', "an amount such as 4.20 in 'cost'"),
            (b'{"cnt": 1, "id": 1, "cost": 1e400000000000}', "an amount such as 4.20 in 'cost'"),
        ],
    )
    def test_ill_typed_values_are_schema_errors(self, body: bytes, expected: str) -> None:
        with pytest.raises(DecodeError, match=expected):
            smsc.decode(SEND, body, fmt=3)

    def test_money_keeps_every_digit_from_json_numbers_and_strings(self) -> None:
        sent = smsc.decode(SEND, b'{"cnt": 1, "id": 1, "cost": 4.20, "balance": 7}', fmt=3)
        assert sent == Sent(cnt=1, id=1, cost=Decimal("4.20"), balance=Decimal(7))
        assert smsc.encode(SEND, sent, fmt=3).endswith(b'"cost": "4.20",\n"balance": "7"\n}')

    def test_dates_must_be_the_api_s_form(self) -> None:
        with pytest.raises(DecodeError, match=r"a date dd\.mm\.yyyy hh:mm:ss"):
            smsc.decode(STATUS, b'{"status": 1, "last_date": "2024-03-05"}', fmt=3)

    def test_a_missing_column_is_written_empty_in_csv(self) -> None:
        sent = Sent(cnt=1, id=2, balance=Decimal(3))
        assert smsc.encode(SEND, sent, fmt=1) == b"1,2,,3"
        assert smsc.decode(SEND, b"1,2,,3", fmt=1) == sent


OPERATIONS = [SEND, STATUS, PING, MESSAGE]


@pytest.mark.parametrize("fmt", list(Fmt))
@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
@given(data=st.data())
def test_declared_operations_round_trip(operation: Operation[Any], fmt: Fmt, data: st.DataObject) -> None:
    reply = data.draw(replies(operation, fmt))
    try:
        wire = smsc.encode(operation, reply, fmt=fmt)
    except EncodeError:
        return  # e.g. a fmt=0 sentence cannot carry extra keys; refused, never corrupted
    decoded = smsc.decode(operation, wire, fmt=fmt)
    if isinstance(reply, ErrorReply) and fmt is Fmt.CSV:
        reply = ErrorReply(operation=reply.operation, code=reply.code, message_id=reply.message_id)
    assert decoded == reply


def test_money_from_json_numbers_follows_the_text_grammar() -> None:
    """An exponent or an absurd amount would decode but could never be written back."""
    for number in (b"1e5", b"-1E+3", b"1" * 16):
        with pytest.raises(DecodeError, match="an amount"):
            smsc.decode(SEND, b'{"cnt": 1, "id": 1, "cost": ' + number + b"}", fmt=3)


def test_the_one_free_column_of_csv_holds_commas() -> None:
    """The official libraries split with a limit around the only free-text column; so do we."""
    body = b"5,hello, world,, again"
    assert smsc.decode(MESSAGE, body, fmt=1) == Message(id=5, text="hello, world,, again")
    assert smsc.encode(MESSAGE, Message(id=5, text="hello, world,, again"), fmt=1) == body
    with pytest.raises(DecodeError, match="2 comma-separated values, found 1"):
        smsc.decode(MESSAGE, b"5,x\n6", fmt=1)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ((("id", "text"), ("id", "txt", "more")), "fmt=1 columns ['more', 'txt'] are not fields"),
        ((("id", "sender=HLR", "text"),), "fmt=1 columns ['sender'] are not fields"),
    ],
    ids=["a misspelt column", "a pinned column"],
)
def test_fmt1_columns_must_name_the_record_s_fields(columns: tuple[tuple[str, ...], ...], expected: str) -> None:
    misspelt = Record(Message, xml_tag="message", csv_columns=columns)
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        misspelt.layout  # noqa: B018 (built on first use)
    declared = Record(Message, xml_tag="message", csv_columns=(("id", "text=hi"),))  # the pin is no part of the name
    assert [layout.columns for layout in declared.layout.csv_layouts] == [("id", "text")]


def test_every_shipped_record_is_a_valid_declaration() -> None:
    """A record's tables are built on first use, not at import: build those of every record the
    package declares (operations, their variants, the channels' records, nested items)."""
    for package in (smsc.operations, smsc.channels):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            importlib.import_module(module.name)
    shipped = {
        item
        for item in gc.get_objects()
        # type(), not isinstance(): a lazy object (Django's, once its tests ran here) evaluates itself for __class__
        if issubclass(type(item), Record) and item.model.__module__.partition(".")[0] == "smsc_formats"
    }
    operations = smsc.OPERATIONS.values()
    declared = {op.record for op in operations} | {variant.record for op in operations for variant in op.variants}
    assert declared < shipped  # and the channels' records, the callback's event
    pending = list(shipped)
    while pending:
        record = pending.pop()
        assert record.layout.xml_record
        pending.extend(spec.nested for spec in record.fields if spec.nested is not None)
