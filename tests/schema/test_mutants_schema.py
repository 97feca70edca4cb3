"""Schema behaviour that mutation testing of operations/_schema.py found unpinned: nested records
(fmt=3's arrays of objects), the layouts a record lists, and what each refusal says."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Optional

import pytest

from smsc_formats import decode, encode
from smsc_formats.operations import SEND, Operation, Record
from smsc_formats.operations.send import PhoneDetail, Sent
from tests.refusals import decode_error, encode_error


@dataclass(frozen=True, slots=True, kw_only=True)
class Noted:
    """A field annotated with a note that is no Wire, and one written as Optional: a declaration
    for these tests, not a call of the API."""

    count: Annotated[int, "a note for readers, not for the formats"]
    limit: Optional[int] = None  # noqa: UP045 - the spelling is what is tested


NOTED: Operation[Noted] = Operation(
    name="noted",
    description="a test declaration",
    path="x.php",
    flags={},
    record=Record(Noted, xml_tag="noted"),
    errors={},
)


def test_a_nested_record_keeps_the_keys_it_does_not_declare() -> None:
    reply = decode(SEND, b'{"id": 1, "cnt": 1, "phones": [{"phone": "7", "foo": "x"}]}', fmt=3)
    assert reply == Sent(id=1, cnt=1, phones=(PhoneDetail(phone="7", extra=(("foo", "x"),)),))


@pytest.mark.parametrize("phones", ['"x"', "[1]", "{}", '[{"phone": "7"}, 2]'])
def test_nested_records_come_as_an_array_of_objects(phones: str) -> None:
    error = decode_error(SEND, b'{"id": 1, "cnt": 1, "phones": %s}' % phones.encode(), 3)
    assert error.expected.startswith("an array of objects in 'phones', found ")


def test_nested_records_are_written_in_fmt3_only() -> None:
    sent = Sent(id=1, cnt=1, phones=(PhoneDetail(phone="7", cost=Decimal(1)),))
    for fmt in (0, 1, 2):
        error = encode_error(SEND, sent, fmt)
        assert error.problem == "fmt=3: nested records have no known layout in the other formats"
        assert error.field == "phones"
    assert encode(SEND, sent, fmt=3) == b'{\n"id": 1,\n"cnt": 1,\n"phones": [{"phone": "7", "cost": "1"}]\n}'


def test_an_annotation_without_a_wire_note_and_an_optional_field_read_as_plain_fields() -> None:
    assert decode(NOTED, b"3,4", fmt=1) == Noted(count=3, limit=4)
    assert decode(NOTED, b"count = 3", fmt=0) == Noted(count=3)


def test_a_nested_record_refusal_names_the_nested_field() -> None:
    sent = Sent(id=1, cnt=1, phones=(PhoneDetail(phone="7", extra=(("cost", "1"),)),))
    error = encode_error(SEND, sent, 3)
    assert error.problem == "an extra key that fmt=3 does not read as a declared field"
    assert error.field == "cost"
