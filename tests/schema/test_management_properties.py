"""Every reply shape of the management and data operations, each in every format.

``test_properties`` draws the operation for each law, so it covers these operations too, but
thinly under the dev profile; here each shape (a reply record, whether it always lists, which
errors mean "none") gets its own round trip, and the refusals are pinned by example.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_formats import OPERATIONS, EncodeError, ErrorReply, Fmt, Operation, decode, encode
from smsc_formats.strategies import replies

MANAGEMENT: list[Operation[Any]] = list(OPERATIONS.values())  # every operation: a new one needs no edit here
_BOUND = [
    *MANAGEMENT,
    *(op.bind({key: options[0] for key, options in each.when.items()}) for op in MANAGEMENT for each in op.variants),
]
SHAPES = list(
    {(op.reply_record.model, op.reply_record.layout, op.lists, op.no_records_codes): op for op in _BOUND}.values()
)
IDS = [f"{op.name}{''.join(f'-{k}={v}' for k, v in op.params.items())}" for op in SHAPES]


@functools.cache
def _replies(operation: Operation[Any], fmt: Fmt) -> st.SearchStrategy[Any]:
    return replies(operation, fmt)


@pytest.mark.parametrize("operation", SHAPES, ids=IDS)
@given(data=st.data())
def test_round_trip_and_canonical_fixpoint(operation: Operation[Any], data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(Fmt), label="fmt")
    value = data.draw(_replies(operation, fmt), label="value")
    encoded = encode(operation, value, fmt=fmt)
    decoded = decode(operation, encoded, fmt=fmt)
    assert decoded == value
    assert isinstance(decoded, ErrorReply) == isinstance(value, ErrorReply)
    assert encode(operation, decoded, fmt=fmt) == encoded


@pytest.mark.parametrize(
    ("name", "fmt", "value_field", "bad"),
    [
        ("phones_get_group", Fmt.CSV, "name", "a,b"),  # a comma outside the only free-text column
        ("senders_get", Fmt.TEXT, "sender", "x\ny"),  # a line break
        ("get_mnp", Fmt.CSV, "mccmnc", "250;01"),  # the export's own separator
        ("downloads_get_list", Fmt.CSV, "name", "-3"),  # would read as the error line 0,-3
        ("get_answers", Fmt.XML, "message", "bell\x07"),  # a character XML cannot carry
    ],
)
def test_a_value_the_format_cannot_carry_is_refused(name: str, fmt: Fmt, value_field: str, bad: str) -> None:
    operation = next(op for op in MANAGEMENT if op.name == name)
    record = operation.reply_record
    required = {spec.attr: ("1" if spec.base is str else 1) for spec in record.fields if spec.required}
    value = record.model(**{**required, value_field: bad})
    with pytest.raises(EncodeError):
        encode(operation, [value], fmt=fmt)  # the encoder alone refuses it
