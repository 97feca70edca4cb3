"""The compiled encoders (``smsc_formats._encoders``) write exactly what the general path writes.

``encode`` takes the compiled path for utf-8 without ``check``; with it switched off the same value
goes down the general path. Both are compared on the value of every golden reply and bundled
example, in every fmt, on a Hypothesis stream of every reply shape of every operation (values of
one fmt written in every fmt, and with any text in a text field), and on the values the compiled
path must leave alone: the same bytes, or the same refusal (type, message, field).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import Fmt, Operation, _codec
from smsc_formats._encoders import compiled_encoder
from smsc_formats.formats import CsvLayout, Layout, codec
from smsc_formats.strategies import replies
from tests.schema.test_compiled import EXAMPLES, GOLDEN, _example_operations
from tests.schema.test_properties import SHAPE_IDS, SHAPES

GET_OPERATOR = smsc.GET_OPERATOR
INFO = smsc.OperatorInfo(country="Россия", operator="МТС", region="г.Москва", mcc="250", mnc="01", tz="3")


@contextlib.contextmanager
def general_path() -> Iterator[None]:
    """``encode`` without its compiled encoders: the general path alone."""
    namespace = vars(_codec)
    compiled = namespace["compiled_encoder"]
    namespace["compiled_encoder"] = lambda *_: None
    try:
        yield
    finally:
        namespace["compiled_encoder"] = compiled


def _outcome(operation: Operation[Any], value: object, fmt: Fmt) -> object:
    try:
        return smsc.encode(operation, value, fmt=fmt)
    except smsc.EncodeError as exc:
        return ("EncodeError", str(exc), exc.problem, exc.operation, exc.fmt, exc.field)
    except Exception as exc:  # whatever the general path raises, the compiled one must raise too
        return (type(exc), str(exc))


def assert_same(operation: Operation[Any], value: object, fmt: Fmt) -> object:
    fast = _outcome(operation, value, fmt)
    with general_path():
        general = _outcome(operation, value, fmt)
    assert fast == general, (operation, value, fmt)
    return fast


def _every_fmt(operation: Operation[Any], data: bytes) -> None:
    """The value of ``data`` (where some fmt reads it) written back in every fmt, both ways."""
    for source in Fmt:
        try:
            value = smsc.decode(operation, data, fmt=source)
        except smsc.DecodeError:
            continue
        for fmt in Fmt:
            assert_same(operation, value, fmt)


@pytest.mark.parametrize(("name", "params", "path"), GOLDEN, ids=[str(path) for *_, path in GOLDEN])
def test_golden_values_write_the_same(name: str, params: dict[str, str], path: Any) -> None:
    _every_fmt(smsc.get_operation(name).bind(params), path.read_bytes())


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_values_write_the_same(path: Any) -> None:
    for operation in _example_operations(path):
        _every_fmt(operation, path.read_bytes())


@functools.cache
def _replies(operation: Operation[Any], fmt: Fmt | None) -> st.SearchStrategy[Any]:
    return replies(operation, fmt)


def _any_text(value: Any, data: st.DataObject) -> Any:
    """``value`` with one text field set to any text: separators, line breaks, surrogates, controls."""
    if isinstance(value, list):
        return [_any_text(item, data) if index == 0 else item for index, item in enumerate(value)]
    texts = [item.name for item in dataclasses.fields(value) if isinstance(getattr(value, item.name), str)]
    if not texts:
        return value
    name = data.draw(st.sampled_from(texts), label="field")
    special = st.sampled_from(["=", ",", "\n", "\r", " ", "&", "<", ">", "\x00", "\ud800", "\ufeff", "ERROR = 1"])
    text = st.lists(special | st.text(max_size=3), max_size=4).map("".join)
    return dataclasses.replace(value, **{name: data.draw(text, label="text")})


@pytest.mark.parametrize("operation", SHAPES, ids=SHAPE_IDS)
@given(data=st.data())
def test_every_shape_writes_the_same(operation: Operation[Any], data: st.DataObject) -> None:
    source = data.draw(st.sampled_from([None, *Fmt]), label="values of")
    value = data.draw(_replies(operation, source), label="value")
    for fmt in Fmt:
        assert_same(operation, value, fmt)
    changed = _any_text(value, data) if not isinstance(value, smsc.ErrorReply) else value
    for fmt in Fmt:
        assert_same(operation, changed, fmt)


def test_the_compiled_path_writes_the_common_case_in_every_fmt() -> None:
    for fmt in Fmt:
        encoder = compiled_encoder(GET_OPERATOR.reply_record, fmt, expects_list=False)
        assert encoder is not None
        assert encoder(INFO) == assert_same(GET_OPERATOR, INFO, fmt)
        assert encoder(INFO) is not None


@dataclasses.dataclass(frozen=True)
class _Subclass(smsc.OperatorInfo):
    pass


_LEFT_ALONE = [
    *[(Fmt.TEXT, dataclasses.replace(INFO, country=text)) for text in ("a=b", "a\nb", "b\r")],
    *[(Fmt.TEXT, dataclasses.replace(INFO, tz=text)) for text in ("a ", "")],  # the reply would end in white space
    (Fmt.TEXT, [INFO, dataclasses.replace(INFO, tz="a\nb")]),
    *[(Fmt.CSV, dataclasses.replace(INFO, tz=text)) for text in ("a,b", "a\nb", "b\r", "a ")],
    (Fmt.CSV, dataclasses.replace(INFO, phone="")),  # read back as absent
    (Fmt.CSV, dataclasses.replace(INFO, country=" a")),
    (Fmt.CSV, [dataclasses.replace(INFO, country=" a"), INFO]),
    (Fmt.XML, dataclasses.replace(INFO, country="a\x00")),
    *[(fmt, dataclasses.replace(INFO, country="\ud800")) for fmt in Fmt],
    *[(fmt, dataclasses.replace(INFO, extra=(("x", "1"),))) for fmt in Fmt],
    *[(fmt, _Subclass(**{f.name: getattr(INFO, f.name) for f in dataclasses.fields(INFO)})) for fmt in Fmt],
    *[(fmt, value) for fmt in (Fmt.TEXT, Fmt.CSV) for value in ([], [INFO])],
    *[(fmt, smsc.ErrorReply(operation="get_operator", code=1, description="x")) for fmt in Fmt],
]


@pytest.mark.parametrize(("fmt", "value"), _LEFT_ALONE, ids=[f"{int(fmt)}-{value!r:.60}" for fmt, value in _LEFT_ALONE])
def test_what_the_compiled_path_leaves_alone_goes_the_general_way(fmt: Fmt, value: object) -> None:
    encoder = compiled_encoder(GET_OPERATOR.reply_record, fmt, expects_list=False)
    assert encoder is not None
    assert encoder(value) is None
    assert_same(GET_OPERATOR, value, fmt)


_WRITTEN_ALIKE = [
    *[(fmt, dataclasses.replace(INFO, mcc=5)) for fmt in Fmt],  # type: ignore[arg-type]  # str() of it, as to_raw
    *[(fmt, dataclasses.replace(INFO, mcc=Decimal(5))) for fmt in Fmt],  # type: ignore[arg-type]
    *[(fmt, dataclasses.replace(INFO, country="a & <b>")) for fmt in Fmt],
    *[(fmt, value) for fmt in (Fmt.XML, Fmt.JSON) for value in ([], [INFO], (INFO, INFO))],
]


@pytest.mark.parametrize(
    ("fmt", "value"), _WRITTEN_ALIKE, ids=[f"{int(fmt)}-{value!r:.60}" for fmt, value in _WRITTEN_ALIKE]
)
def test_the_compiled_path_writes_what_the_general_one_writes(fmt: Fmt, value: object) -> None:
    encoder = compiled_encoder(GET_OPERATOR.reply_record, fmt, expects_list=False)
    assert encoder is not None
    assert encoder(value) == assert_same(GET_OPERATOR, value, fmt)
    assert isinstance(encoder(value), bytes)


_PLAIN = Layout(
    text_keys=frozenset({"a"}), text_free=frozenset(), csv_layouts=(CsvLayout(("a",)),), xml_record="r", xml_list="l"
)


@pytest.mark.parametrize(
    ("fmt", "layout", "names"),
    [
        (Fmt.TEXT, _PLAIN, ["b"]),  # a key at which no free text ends
        (Fmt.TEXT, _PLAIN, ["a b"]),
        (Fmt.CSV, dataclasses.replace(_PLAIN, csv_header=True), ["a"]),
        (Fmt.CSV, dataclasses.replace(_PLAIN, csv_separator=";;"), ["a"]),
        (Fmt.XML, _PLAIN, ["xml_a"]),
        (Fmt.XML, _PLAIN, ["1a"]),
    ],
)
def test_a_layout_the_compiled_path_cannot_write_has_no_fast_writer(fmt: Fmt, layout: Layout, names: list[str]) -> None:
    assert codec(fmt).fast_writer(layout, names) is None
    assert codec(fmt).fast_writer(_PLAIN, ["a"]) is not None


def test_a_record_of_a_fixed_format_has_no_compiled_encoder() -> None:
    record = smsc.get_operation("get_mnp").reply_record
    assert record.fixed_fmt is not None
    assert [compiled_encoder(record, fmt, expects_list=True) for fmt in Fmt] == [None] * len(Fmt)


def test_a_record_the_server_writes_as_a_bare_sentence_whatever_fmt_has_no_compiled_encoder_there() -> None:
    operation = smsc.get_operation("phones_del")
    record = operation.reply_record
    assert [fmt for fmt in Fmt if record.written_in(fmt) is not fmt] == [Fmt.JSON]
    # fmt=0 is a fixed sentence, which the general path writes; fmt=3 is written as fmt=0's "OK"
    assert [compiled_encoder(record, fmt, operation.expects_list) is None for fmt in Fmt] == [True, False, False, True]
    assert assert_same(operation, smsc.Done(result="OK"), Fmt.JSON) == b"OK"
