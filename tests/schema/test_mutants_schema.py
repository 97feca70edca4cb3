"""Schema behaviour that mutation testing of operations/_schema.py found unpinned: nested records
(fmt=3's arrays of objects), the layouts a record lists, and what each refusal says."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from smsc_formats import DecodeError, EncodeError, decode, encode
from smsc_formats.operations import SEND
from smsc_formats.operations.send import PhoneDetail, Sent


def _decode_error(operation: Any, body: bytes, fmt: int) -> DecodeError:
    with pytest.raises(DecodeError) as caught:
        decode(operation, body, fmt=fmt)
    return caught.value


def _encode_error(operation: Any, reply: object, fmt: int) -> EncodeError:
    with pytest.raises(EncodeError) as caught:
        encode(operation, reply, fmt=fmt)
    return caught.value


def test_a_nested_record_keeps_the_keys_it_does_not_declare() -> None:
    reply = decode(SEND, b'{"id": 1, "cnt": 1, "phones": [{"phone": "7", "foo": "x"}]}', fmt=3)
    assert reply == Sent(id=1, cnt=1, phones=(PhoneDetail(phone="7", extra=(("foo", "x"),)),))


@pytest.mark.parametrize("phones", ['"x"', "[1]", "{}", '[{"phone": "7"}, 2]'])
def test_nested_records_come_as_an_array_of_objects(phones: str) -> None:
    error = _decode_error(SEND, b'{"id": 1, "cnt": 1, "phones": %s}' % phones.encode(), 3)
    assert error.expected.startswith("an array of objects in 'phones', found ")


def test_nested_records_are_written_in_fmt3_only() -> None:
    sent = Sent(id=1, cnt=1, phones=(PhoneDetail(phone="7", cost=Decimal(1)),))
    for fmt in (0, 1, 2):
        error = _encode_error(SEND, sent, fmt)
        assert error.problem == "fmt=3: nested records have no known layout in the other formats"
        assert error.field == "phones"
    assert encode(SEND, sent, fmt=3) == b'{\n"id": 1,\n"cnt": 1,\n"phones": [{"phone": "7", "cost": "1"}]\n}'
