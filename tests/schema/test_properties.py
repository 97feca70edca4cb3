"""The properties every operation's codecs hold, drawn from ``smsc_formats.strategies``.

Each property is parametrised by format and draws the operation, so the suite's cost does not
grow with the number of operations.
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import ErrorReply, Fmt
from smsc_formats.strategies import error_replies, models, record_lists, replies

OPERATIONS = [
    *smsc.OPERATIONS.values(),
    *(op.bind({op.list_param: "79990000001,79990000002"}) for op in smsc.OPERATIONS.values() if op.list_param),
]
FMTS = list(Fmt)
by_fmt = pytest.mark.parametrize("fmt", FMTS, ids=repr)
any_operation = st.sampled_from(OPERATIONS)


def _without_description_in_csv(reply: object, fmt: Fmt) -> object:
    """fmt=1 error replies carry no description: compare what the format carries."""
    if isinstance(reply, ErrorReply) and fmt is Fmt.CSV:
        return ErrorReply(operation=reply.operation, code=reply.code, message_id=reply.message_id)
    return reply


@by_fmt
@given(data=st.data())
def test_round_trip(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    reply = data.draw(replies(operation, fmt))
    decoded = smsc.decode(operation, smsc.encode(operation, reply, fmt=fmt), fmt=fmt)
    assert decoded == _without_description_in_csv(reply, fmt)


@by_fmt
@given(data=st.data())
def test_the_read_back_check_passes_what_the_encoder_writes(fmt: Fmt, data: st.DataObject) -> None:
    """``check=True`` refuses nothing the strategies draw, and changes no byte."""
    operation = data.draw(any_operation, label="operation")
    reply = data.draw(replies(operation, fmt))
    assert smsc.encode(operation, reply, fmt=fmt, check=True) == smsc.encode(operation, reply, fmt=fmt)


@by_fmt
@given(data=st.data())
def test_canonical_fixpoint(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    wire = smsc.encode(operation, data.draw(replies(operation, fmt)), fmt=fmt)
    assert smsc.encode(operation, smsc.decode(operation, wire, fmt=fmt), fmt=fmt) == wire


@given(operation=any_operation, data=st.data())
def test_all_formats_agree(operation: smsc.Operation[Any], data: st.DataObject) -> None:
    one = st.nothing() if operation.expects_list else models(operation)
    reply = data.draw(one | record_lists(operation))
    decoded = [smsc.decode(operation, smsc.encode(operation, reply, fmt=fmt), fmt=fmt) for fmt in FMTS]
    assert all(item == reply for item in decoded)


@by_fmt
@given(data=st.data())
def test_auto_detection_finds_the_format(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    reply = data.draw(replies(operation, fmt))
    wire = smsc.encode(operation, reply, fmt=fmt)
    assert smsc.decode(operation, wire, fmt="auto") == _without_description_in_csv(reply, fmt)


@by_fmt
@given(data=st.data())
def test_errors_and_successes_never_collide(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    error = data.draw(error_replies(operation, fmt))
    success = data.draw(record_lists(operation, fmt) if operation.expects_list else models(operation, fmt))
    decoded_error = smsc.decode(operation, smsc.encode(operation, error, fmt=fmt), fmt=fmt)
    if error.code in operation.no_records_codes:  # "no records found": an empty list that keeps the error
        decoded_error = getattr(decoded_error, "error", decoded_error)
    assert isinstance(decoded_error, ErrorReply)
    decoded_success = smsc.decode(operation, smsc.encode(operation, success, fmt=fmt), fmt=fmt)
    assert not isinstance(decoded_success, ErrorReply | smsc.NoRecords)


@by_fmt
@given(data=st.data())
def test_list_replies_keep_their_length(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    many = data.draw(record_lists(operation, fmt))
    decoded = smsc.decode(operation, smsc.encode(operation, many, fmt=fmt), fmt=fmt)
    assert isinstance(decoded, list)
    assert len(decoded) == len(many)


@by_fmt
@given(data=st.data())
def test_tolerant_input(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    reply = data.draw(replies(operation, fmt))
    wire = smsc.encode(operation, reply, fmt=fmt)
    expected = smsc.decode(operation, wire, fmt=fmt)
    variants = [
        b"\xef\xbb\xbf" + wire,
        wire + b"\n",
        wire + b"\r\n",
        b" \n" + wire + b"\n\n",
        wire.replace(b"\n", b"\r\n"),
    ]
    if fmt is Fmt.XML and wire.startswith(b"<"):  # not a file the operation sends whatever fmt asked
        variants.append(b'<?xml version="1.0" encoding="UTF-8"?>' + wire)
        variants.append(b'<?xml version="1.0" encoding="windows-1251"?>\n' + wire)
    for variant in variants:
        assert smsc.decode(operation, variant, fmt=fmt) == expected


@pytest.mark.parametrize("fmt", [*FMTS, "auto"], ids=str)
@given(operation=any_operation, data=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_totality_on_arbitrary_bytes(operation: smsc.Operation[Any], fmt: Fmt | str, data: bytes) -> None:
    with contextlib.suppress(smsc.DecodeError):
        smsc.decode(operation, data, fmt=fmt)  # type: ignore[arg-type]


def _mutations(wire: bytes) -> st.SearchStrategy[bytes]:
    cut = st.integers(0, len(wire))
    return st.one_of(
        cut.map(lambda i: wire[:i]),
        st.tuples(cut, st.integers(0, 255)).map(lambda t: wire[: t[0]] + bytes([t[1]]) + wire[t[0] + 1 :]),
        st.tuples(
            cut, st.sampled_from([b",", b"\n", b" = ", b"<", b"</x>", b'"', b"{", b"]", b"\x00", b"ERROR = "])
        ).map(lambda t: wire[: t[0]] + t[1] + wire[t[0] :]),
    )


@by_fmt
@given(data=st.data())
def test_totality_on_mutated_replies(fmt: Fmt, data: st.DataObject) -> None:
    operation = data.draw(any_operation, label="operation")
    wire = smsc.encode(operation, data.draw(replies(operation, fmt)), fmt=fmt)
    mutated = data.draw(_mutations(wire))
    try:
        decoded = smsc.decode(operation, mutated, fmt=fmt)
    except smsc.DecodeError:
        return
    # whatever decodes is encoded again and reads back the same, or is refused cleanly
    try:
        wire = smsc.encode(operation, decoded, fmt=fmt, check=True)
    except smsc.EncodeError:
        return
    assert smsc.decode(operation, wire, fmt=fmt) == decoded


@by_fmt
@given(data=st.data())
def test_encoders_refuse_rather_than_corrupt(fmt: Fmt, data: st.DataObject) -> None:
    """Any text at all in any text field: the encoder refuses, or what it wrote reads back."""
    operation = data.draw(any_operation, label="operation")
    record = operation.reply_record
    base = data.draw(models(operation, fmt))
    texts = [spec.attr for spec in record.fields if spec.base is str and spec.wire.csv_found_by is None]
    if not texts:
        return
    hostile = st.text(st.sampled_from(", =\n\r\t<>&\"'\\ERO\x00\x01\ufffe\u0416a1"), max_size=12)
    changes = {attr: data.draw(hostile) for attr in data.draw(st.sets(st.sampled_from(texts), min_size=1))}
    value = type(base)(**{**{f.attr: getattr(base, f.attr) for f in record.fields}, **changes})
    reply = [value] if operation.expects_list else value
    try:
        wire = smsc.encode(operation, reply, fmt=fmt)  # the encoder alone, without the read-back check
    except smsc.EncodeError:
        return
    assert smsc.decode(operation, wire, fmt=fmt) == reply
