"""Properties of every management and data operation, drawn from ``smsc_formats.strategies``.

One parametrised property per law, over every operation (and its reply variants): round trip
and canonical fixpoint per fmt, agreement across formats, totality, errors never read as
successes, and refusal rather than corruption.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from smsc_formats import DecodeError, EncodeError, ErrorReply, Fmt, Operation, decode, encode
from smsc_formats.operations import data, jobs, misc, mnp, phones, senders, users
from smsc_formats.strategies import models, replies

MANAGEMENT: list[Operation[Any]] = [
    op for module in (jobs, phones, users, senders, data, mnp, misc) for op in module.OPERATIONS
]
# Each kind of reply once: a reply record, whether it always lists, which errors mean "none".
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


def _encode_or_reject(operation: Operation[Any], value: object, fmt: Fmt) -> bytes:
    """Encoders may refuse a value a format cannot carry; that refusal is the law, not a failure."""
    try:
        return encode(operation, value, fmt=fmt)
    except EncodeError:
        reject()


def _refusal(operation: Operation[Any], body: bytes, fmt: Any) -> DecodeError | None:
    """The ``DecodeError`` for ``body``, or ``None`` when it decodes; anything else propagates."""
    try:
        decode(operation, body, fmt=fmt)
    except DecodeError as error:
        return error
    return None


def _as_sent(value: object, decoded: object) -> object:
    """A list of one record is one record in fmt=0/1 unless the operation always lists."""
    return [decoded] if isinstance(value, list) and not isinstance(decoded, list | ErrorReply) else decoded


@pytest.mark.parametrize("operation", SHAPES, ids=IDS)
@given(data=st.data())
def test_round_trip_and_canonical_fixpoint(operation: Operation[Any], data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(Fmt), label="fmt")
    value = data.draw(_replies(operation, fmt), label="value")
    encoded = _encode_or_reject(operation, value, fmt)
    decoded = decode(operation, encoded, fmt=fmt)
    assert _as_sent(value, decoded) == value
    assert isinstance(decoded, ErrorReply) == isinstance(value, ErrorReply)  # no collision either way
    assert encode(operation, decoded, fmt=fmt) == encoded


@functools.cache
def _values(operation: Operation[Any]) -> st.SearchStrategy[Any]:
    """Records that every format can carry (``fmt=None``), alone or in a list."""
    many = st.lists(models(operation), min_size=1, max_size=3)
    return many if operation.expects_list else models(operation) | many


@pytest.mark.parametrize("operation", SHAPES, ids=IDS)
@given(data=st.data())
def test_every_format_reads_back_the_same_records(operation: Operation[Any], data: st.DataObject) -> None:
    value = data.draw(_values(operation), label="value")
    fmts = [Fmt.CSV] if operation.reply_record.fixed_fmt is not None else list(Fmt)
    decoded = [_as_sent(value, decode(operation, _encode_or_reject(operation, value, fmt), fmt=fmt)) for fmt in fmts]
    assert all(item == value for item in decoded)


@given(
    operation=st.sampled_from(SHAPES),
    fmt=st.sampled_from([*Fmt, "auto"]),
    body=st.binary(max_size=80) | st.text(max_size=60).map(str.encode),
)
def test_any_bytes_give_a_value_or_a_decode_error(operation: Operation[Any], fmt: Any, body: bytes) -> None:
    refusal = _refusal(operation, body, fmt)
    assert refusal is None or (refusal.operation == operation.name and "expected" in str(refusal))


@given(operation=st.sampled_from(SHAPES), fmt=st.sampled_from(Fmt), data=st.data())
def test_a_damaged_reply_is_refused_or_read_never_crashes(
    operation: Operation[Any], fmt: Fmt, data: st.DataObject
) -> None:
    encoded = _encode_or_reject(operation, data.draw(_replies(operation, fmt)), fmt)
    cut = data.draw(st.integers(min_value=0, max_value=len(encoded)))
    noise = data.draw(st.sampled_from([b",", b"\n", b"<", b"=", b'"', b"-", b";", b""]))
    refusal = _refusal(operation, encoded[:cut] + noise + encoded[cut:], fmt)
    assert refusal is None or refusal.operation == operation.name


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
        encode(operation, [value], fmt=fmt)
