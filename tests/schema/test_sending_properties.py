"""Properties of the sending-side replies that request options reshape, from ``smsc_formats.strategies``.

Each case is an operation with the options that shape its reply. For every case:
round trip per fmt, canonical fixpoint, agreement across formats, totality, no collision
between errors and successes, and refusal rather than corruption.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_formats import DecodeError, EncodeError, ErrorReply, Fmt, decode, encode, get_operation
from smsc_formats.operations import Operation
from smsc_formats.strategies import error_replies, models, replies

CASES: dict[str, Operation[Any]] = {  # test_properties.py covers every operation as its defaults shape it
    "send cost=1": get_operation("send")(cost="1"),
    "send cost=3 op=1": get_operation("send")(cost="3", op="1"),
    "status all=1": get_operation("status")(all="1"),
    "status all=2": get_operation("status")(all="2"),
    "status all=1 several": get_operation("status")(all="1", id="1,2"),
    "status del=1": get_operation("status")(**{"del": "1"}),
    "templates add=1": get_operation("templates")(add="1"),
}
ALL = pytest.mark.parametrize("operation", list(CASES.values()), ids=list(CASES))


def _formats(operation: Operation[Any]) -> list[Fmt]:
    """The formats that carry this reply: fmt=1 only where a layout is known."""
    return [fmt for fmt in Fmt if fmt is not Fmt.CSV or operation.reply_layout.csv_layouts]


def _fmt_and_reply(operation: Operation[Any]) -> st.SearchStrategy[tuple[Fmt, Any]]:
    return st.sampled_from(_formats(operation)).flatmap(lambda fmt: st.tuples(st.just(fmt), replies(operation, fmt)))


@ALL
@given(data=st.data())
def test_round_trip_per_fmt(operation: Operation[Any], data: st.DataObject) -> None:
    fmt, reply = data.draw(_fmt_and_reply(operation))
    assert decode(operation, encode(operation, reply, fmt=fmt), fmt=fmt) == reply


@ALL
@given(data=st.data())
def test_canonical_fixpoint(operation: Operation[Any], data: st.DataObject) -> None:
    fmt, reply = data.draw(_fmt_and_reply(operation))
    charset = data.draw(st.sampled_from(["utf-8", "windows-1251"]))
    try:
        wire = encode(operation, reply, fmt=fmt, charset=charset)
    except EncodeError:
        return  # a character the charset lacks
    assert encode(operation, decode(operation, wire, fmt=fmt, charset=charset), fmt=fmt, charset=charset) == wire


@ALL
@given(data=st.data())
def test_formats_agree(operation: Operation[Any], data: st.DataObject) -> None:
    model = data.draw(models(operation))
    value = [model] if operation.expects_list else model
    for fmt in _formats(operation):
        assert decode(operation, encode(operation, value, fmt=fmt), fmt="auto") == value


@ALL
@given(data=st.data())
def test_total_on_any_bytes(operation: Operation[Any], data: st.DataObject) -> None:
    raw = data.draw(st.binary(max_size=80) | st.text(max_size=80).map(str.encode))
    fmt: int | Literal["auto"] = data.draw(st.sampled_from([0, 1, 2, 3, "auto"]))
    try:
        decode(operation, raw, fmt=fmt)
    except DecodeError as exc:
        caught = exc
    else:
        return
    assert caught.operation == operation.name
    assert "expected" in str(caught)


@ALL
@given(data=st.data())
def test_errors_and_successes_never_collide(operation: Operation[Any], data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(_formats(operation)))
    error = data.draw(error_replies(operation, fmt))
    assert isinstance(decode(operation, encode(operation, error, fmt=fmt), fmt=fmt), ErrorReply)
    model = data.draw(models(operation, fmt))
    value = [model] if operation.expects_list else model
    assert not isinstance(decode(operation, encode(operation, value, fmt=fmt), fmt=fmt), ErrorReply)


@ALL
@given(data=st.data())
def test_refuses_rather_than_corrupts(operation: Operation[Any], data: st.DataObject) -> None:
    """Any text in any text field: the encoder either refuses or writes what reads back the same."""
    fmt = data.draw(st.sampled_from(_formats(operation)))
    model = data.draw(models(operation, Fmt.JSON))
    texts = [f.name for f in dataclasses.fields(model) if isinstance(getattr(model, f.name), str)]
    if texts:
        model = dataclasses.replace(model, **{data.draw(st.sampled_from(texts)): data.draw(st.text(max_size=30))})
    value = [model] if operation.expects_list else model
    try:
        wire = encode(operation, value, fmt=fmt)  # the encoder alone, without the read-back check
    except EncodeError:
        return
    assert decode(operation, wire, fmt=fmt) == value
