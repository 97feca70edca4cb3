"""The properties every operation's codecs hold, drawn from ``smsc_formats.strategies``.

Every operation comes from ``smsc_formats.OPERATIONS``, so one declared and registered later is
covered with no edit here. Three groups:

- the laws, each parametrised by format and drawing the operation, so their cost does not grow
  with the number of operations;
- each reply shape (a reply record, whether it always lists, which errors mean "none"), its own
  round trip, since the drawn laws reach each operation thinly under the dev profile; and the
  values a format cannot carry, refused (a table, one row per format's own trap);
- the request options that reshape a reply: every option value of every variant of every
  operation, also with several items where the reply then has a record per item (and the rows
  of ``MORE_OPTIONS``), each its own case.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import re
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import DecodeError, EncodeError, ErrorReply, Fmt, Operation, decode, encode
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
    except smsc.EncodeError as refusal:
        refused_field = refusal.field
    else:
        assert smsc.decode(operation, wire, fmt=fmt) == reply
        return
    # a refusal is bounded to its cause: it names a field whose text was replaced, never another
    replaced = {name for spec in record.fields if spec.attr in changes for name in (spec.name, spec.text_name)}
    assert refused_field in replaced, (refused_field, sorted(replaced))


# Each reply shape of every operation: the operation as its defaults shape it, and bound to each
# variant's first option values.

_BOUND = [
    *smsc.OPERATIONS.values(),
    *(
        op.bind({key: options[0] for key, options in each.when.items()})
        for op in smsc.OPERATIONS.values()
        for each in op.variants
    ),
]
SHAPES = list(
    {
        (op.reply_record.model, op.reply_record.layout, op.reply_cardinality, op.no_records_codes): op for op in _BOUND
    }.values()
)
SHAPE_IDS = [f"{op.name}{''.join(f'-{k}={v}' for k, v in op.params.items())}" for op in SHAPES]


@functools.cache
def _replies(operation: Operation[Any], fmt: Fmt) -> st.SearchStrategy[Any]:
    return replies(operation, fmt)


@pytest.mark.parametrize("operation", SHAPES, ids=SHAPE_IDS)
@given(data=st.data())
def test_round_trip_and_canonical_fixpoint(operation: Operation[Any], data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(Fmt), label="fmt")
    value = data.draw(_replies(operation, fmt), label="value")
    encoded = encode(operation, value, fmt=fmt)
    decoded = decode(operation, encoded, fmt=fmt)
    assert decoded == value
    assert isinstance(decoded, ErrorReply) == isinstance(value, ErrorReply)
    assert encode(operation, decoded, fmt=fmt) == encoded


REFUSED = [  # (operation, fmt, a field, a value of it that the format cannot carry, the refusal, the field it names)
    ("phones_get_group", Fmt.CSV, "name", "a,b", "a value without ','", "name"),  # a comma outside the free text
    ("senders_get", Fmt.TEXT, "sender", "x\ny", "a value without line breaks", "sender"),
    ("get_mnp", Fmt.CSV, "mccmnc", "250;01", "a value without ';'", "mccmnc"),  # the export's own separator
    ("downloads_get_list", Fmt.CSV, "name", "-3", "values that do not read as an error line", "name"),  # 0,-3
    ("get_answers", Fmt.XML, "message", "bell\x07", "a value without control characters", "message"),
]


@pytest.mark.parametrize(("name", "fmt", "value_field", "bad", "problem", "field"), REFUSED)
def test_a_value_the_format_cannot_carry_is_refused(
    name: str, fmt: Fmt, value_field: str, bad: str, *, problem: str, field: str | None
) -> None:
    operation = smsc.OPERATIONS[name]
    record = operation.reply_record
    required = {spec.attr: ("1" if spec.base is str else 1) for spec in record.fields if spec.required}
    value = record.model(**{**required, value_field: bad})
    with pytest.raises(EncodeError, match=f"^{name} fmt={fmt}: .*{re.escape(problem)}") as caught:
        encode(operation, [value], fmt=fmt)  # the encoder alone refuses it
    assert caught.value.field == field


# The request options that reshape a reply: each value of each option of every variant, alone and,
# where the reply then has one record per item of a parameter, with several items; and the rows
# below.

MORE_OPTIONS: dict[str, dict[str, str]] = {  # options no variant names that still change the reply
    "send cost=3 op=1": {"cost": "3", "op": "1"},  # op=1 adds each number's details under fmt=3
}


def _options_of(operation: Operation[Any]) -> dict[str, Operation[Any]]:
    """The operation bound to every combination of its variants' option values, by id."""
    cases = {}
    for variant in operation.variants:
        for values in itertools.product(*variant.when.values()):
            options = dict(zip(variant.when, values, strict=True))
            label = " ".join([operation.name, *(f"{key}={value}" for key, value in options.items())])
            cases[label] = bound = operation.bind(options)
            per_item = bound.reply_cardinality.param
            if per_item is not None:
                cases[f"{label} several"] = bound.bind({per_item: "1,2"})
    return cases


CASES: dict[str, Operation[Any]] = {
    **{label: case for op in smsc.OPERATIONS.values() for label, case in _options_of(op).items()},
    **{label: smsc.get_operation(label.split()[0]).bind(options) for label, options in MORE_OPTIONS.items()},
}
ALL = pytest.mark.parametrize("operation", list(CASES.values()), ids=list(CASES))


def test_the_options_cases_cover_every_variant() -> None:
    """Each variant's record is the reply record of one case at least: no variant is left out."""
    for operation in smsc.OPERATIONS.values():
        for variant in operation.variants:
            assert any(case.name == operation.name and case.variant is variant for case in CASES.values()), variant


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
def test_canonical_fixpoint_in_either_charset(operation: Operation[Any], data: st.DataObject) -> None:
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
def test_errors_and_successes_never_collide_under_options(operation: Operation[Any], data: st.DataObject) -> None:
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
