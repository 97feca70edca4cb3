"""The compiled decoders (``smsc_formats._compiled``) give exactly what the general path gives.

``decode`` takes the compiled path for utf-8 and the default limits; an equal ``DecodeLimits()``
that is another object sends the same bytes down the general path. Both are compared on every
golden reply, every bundled example, in every fmt, and on a Hypothesis stream of every reply
shape of every operation, mutated too: the same value (of the same types), or the same error.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import DecodeLimits, Fmt, Operation
from smsc_formats._compiled import SLOW, compiled_decoder
from smsc_formats.formats import codec
from smsc_formats.operations import Record
from smsc_formats.strategies import replies
from tests.paths import DATA, ROOT
from tests.schema.test_properties import SHAPE_IDS, SHAPES, _mutations

GENERAL = DecodeLimits()
"""Equal to the default limits, but not them: ``decode`` takes its general path."""


def _outcome(operation: Operation[Any], body: bytes, fmt: Fmt, limits: DecodeLimits | None) -> object:
    try:
        if limits is None:
            value = smsc.decode(operation, body, fmt=fmt)
        else:
            value = smsc.decode(operation, body, fmt=fmt, limits=limits)
    except smsc.DecodeError as exc:
        return ("DecodeError", str(exc), exc.expected, exc.operation, exc.fmt, exc.line, exc.column)
    return _typed(value)


def _typed(value: object) -> object:
    """The value with every field's type, so that ``1 == True`` or ``Decimal("1") == 1`` tell nothing."""
    if isinstance(value, list):
        return (type(value), [_typed(item) for item in value])
    slots = getattr(type(value), "__dataclass_fields__", {})
    return (type(value), value, [(name, type(getattr(value, name))) for name in slots])


def fmts(fast_extra: bool) -> list[Fmt]:
    """Every fmt with the fast extra; without it only fmt=3 reads differently."""
    return list(Fmt) if fast_extra else [Fmt.JSON]


def assert_same(operation: Operation[Any], body: bytes, fmt: Fmt) -> None:
    assert _outcome(operation, body, fmt, None) == _outcome(operation, body, fmt, GENERAL), (operation, body, fmt)


def _golden_cases() -> list[tuple[str, dict[str, str], Path]]:
    cases = []
    for expected in sorted(DATA.glob("*/**/*.expected.json")):
        case = json.loads(expected.read_text(encoding="utf-8"))
        name = expected.relative_to(DATA).parts[0]
        if name not in smsc.OPERATIONS:
            continue
        for body in expected.parent.glob(expected.name.replace(".expected.json", ".*")):
            if body != expected:
                cases.append((name, case.get("params", {}), body))
    return cases


GOLDEN = _golden_cases()
EXAMPLES = sorted((ROOT / "examples" / "replies").glob("*.*"))


def test_the_goldens_and_examples_are_found() -> None:
    assert len(GOLDEN) > 100
    assert len(EXAMPLES) > 20


@pytest.mark.parametrize(("name", "params", "path"), GOLDEN, ids=[str(p.relative_to(DATA)) for *_, p in GOLDEN])
def test_golden_replies_read_the_same(name: str, params: dict[str, str], path: Path, fast_extra: bool) -> None:
    operation = smsc.get_operation(name).bind(params)
    for fmt in fmts(fast_extra):
        assert_same(operation, path.read_bytes(), fmt)


def _example_operations(path: Path) -> list[Operation[Any]]:
    name = path.name.split(".")[0]
    operation = smsc.get_operation(name)
    bound = [operation]
    if operation.cardinality.param is not None:
        bound.append(operation.bind({operation.cardinality.param: "79990000001,79990000002"}))
    return bound


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_replies_read_the_same(path: Path, fast_extra: bool) -> None:
    for operation in _example_operations(path):
        for fmt in fmts(fast_extra):
            assert_same(operation, path.read_bytes(), fmt)


@functools.cache
def _replies(operation: Operation[Any], fmt: Fmt) -> st.SearchStrategy[Any]:
    return replies(operation, fmt)


@pytest.mark.parametrize("operation", SHAPES, ids=SHAPE_IDS)
@given(data=st.data())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # fast_extra only picks the decoders
def test_every_shape_reads_the_same(operation: Operation[Any], fast_extra: bool, data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(fmts(fast_extra)), label="fmt")
    wire = smsc.encode(operation, data.draw(_replies(operation, fmt), label="value"), fmt=fmt)
    assert_same(operation, wire, fmt)
    assert_same(operation, data.draw(_mutations(wire) | json_mutations(wire), label="mutated"), fmt)
    assert_same(operation, wire, data.draw(st.sampled_from(fmts(fast_extra)), label="another fmt"))


def json_mutations(wire: bytes) -> st.SearchStrategy[bytes]:
    """fmt=3 bodies that lose a key to a duplicate, gain an unknown or null one, or escape a character."""
    lines = wire.split(b"\n")
    line = st.integers(0, len(lines) - 1)
    return st.one_of(
        line.map(lambda i: b"\n".join([*lines[: i + 1], *lines[i:]])),
        st.tuples(line, st.sampled_from([b'"x": 1,', b'"phone": null,', b'"id": "1",', b'"a\\u0062": "\\/",'])).map(
            lambda t: b"\n".join([*lines[: t[0]], t[1], *lines[t[0] :]])
        ),
    )


@pytest.mark.parametrize(
    "body",
    [
        b'{"country": "a", "country": "b", "operator": "c", "region": "d", "mcc": "1", "mnc": "2", "tz": "3"}',
        b'{"country": "a:b", "operator": "c", "region": "d", "mcc": "1", "mnc": "2", "tz": "3", "x": 1}',
        b'{"country": "\\u0061", "operator": "c", "region": "d", "mcc": "1", "mnc": "2", "tz": "3"}',
        b'{"country": NaN}',
        b'{"country": 1.5e999999999}',
        b'{"country": "' + b"9" * 700 + b'"}',
        b"{} x",
        b"[1]",
        b'"text"',
        b"\xef\xbb\xbf{}",
        b"{\xff}",
    ],
)
def test_json_the_compiled_path_leaves_alone(body: bytes, fast_extra: bool) -> None:
    operation = smsc.get_operation("get_operator")
    assert compiled_decoder(operation.reply_record, Fmt.JSON, expects_list=False)(body) is SLOW  # type: ignore[misc]
    assert_same(operation, body, Fmt.JSON)


def test_a_duplicate_key_is_refused_as_before() -> None:
    body = b'{"country": "a", "country": "b", "operator": "c", "region": "d", "mcc": "1", "mnc": "2", "tz": "3"}'
    with pytest.raises(smsc.DecodeError, match="each key once"):
        smsc.decode(smsc.get_operation("get_operator"), body, fmt=3)


def test_an_interpreter_without_a_digit_bound_takes_the_general_path(
    monkeypatch: pytest.MonkeyPatch, fast_extra: bool
) -> None:
    operation = smsc.get_operation("get_operator")
    body = b'{"country": "a", "operator": "c", "region": "d", "mcc": "1", "mnc": "2", "tz": "3"}'
    monkeypatch.setattr("sys.get_int_max_str_digits", lambda: 0)
    assert compiled_decoder(operation.reply_record, Fmt.JSON, expects_list=False)(body) is SLOW  # type: ignore[misc]
    assert_same(operation, body, Fmt.JSON)


_EXAMPLE_CSV = (ROOT / "examples" / "replies" / "get_operator.csv").read_bytes().strip()
_EXAMPLE_TEXT = (ROOT / "examples" / "replies" / "get_operator.txt").read_bytes().strip()


@pytest.mark.parametrize(
    ("fmt", "body"),
    [
        (Fmt.CSV, _EXAMPLE_CSV + b"\n\n" + _EXAMPLE_CSV),
        (Fmt.TEXT, _EXAMPLE_TEXT + b"\n \n" + _EXAMPLE_TEXT),
        (Fmt.CSV, b"1\n" * 100_001),
    ],
)
def test_lines_the_compiled_path_leaves_alone(fmt: Fmt, body: bytes) -> None:
    operation = smsc.get_operation("get_operator")
    assert compiled_decoder(operation.reply_record, fmt, expects_list=False)(body) is SLOW  # type: ignore[misc]
    assert_same(operation, body, fmt)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Checked:
    name: str

    def __post_init__(self) -> None:
        """A model whose ``__init__`` does more than set its fields."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Made:
    name: str
    tags: tuple[str, ...] = field(default_factory=tuple)


@pytest.mark.parametrize("model", [_Checked, _Made])
def test_a_model_that_init_must_make_has_no_compiled_decoder(model: type) -> None:
    assert compiled_decoder(Record(model, xml_tag="x"), Fmt.JSON, expects_list=False) is None


_XML = (ROOT / "examples" / "replies" / "get_operator.xml").read_bytes().strip()
_XML_LIST = b"<list>\n" + _XML + b"\n" + _XML.replace(b"<info>", b"<info>\n<phone>79990000001</phone>") + b"\n</list>"


@pytest.mark.parametrize(
    "body",
    [
        _XML.replace(b"<tz>3</tz>", b"<tz>3&#51;</tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>&amp;</tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz><![CDATA[3]]></tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3]]></tz>"),
        _XML.replace(b"<tz>3</tz>", b"<!-- x --><tz>3</tz>"),
        _XML.replace(b"<tz>3</tz>", b'<tz a="1">3</tz>'),
        _XML.replace(b"<tz>3</tz>", b"<tz/>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3\r</tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3\x01</tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3</tz>\n<tz>4</tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3</tz> x"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3</tz >"),
        _XML.replace(b"<tz>3</tz>", b"<tz><b>3</b></tz>"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3"),
        _XML.replace(b"<tz>3</tz>", b"<tz>3</mnc>"),
        _XML.replace(b"<tz>3</tz>", b"<zone>3</zone>"),
        _XML.replace(b"<tz>3</tz>", b"<error_code>3</error_code>"),
        _XML.replace(b"</info>", b"</info2>"),
        _XML.replace(b"<info>", b"<info >"),
        _XML + b"\n" + _XML,
        b'<?xml version="1.1"?>' + _XML,
        b'<?xml version="1.0" encoding="koi8-r"?>' + _XML,
        b"<!DOCTYPE info>" + _XML,
        b"<result><error>x</error><error_code>1</error_code></result>",
        _XML_LIST.replace(b"<list>\n", b"<list>\n<x>1</x>"),
        _XML_LIST.replace(b"</list>", b"</info>"),
        _XML_LIST.replace(b"</info>\n</list>", b"</info>\n<info>\n</list>"),
        _XML_LIST.replace(b"</info>\n</list>", b"</info2>\n</list>"),
        _XML_LIST.replace(b"</info>\n</list>", b"</info>\n<info/>\n</list>"),
        b"x" + _XML,
    ],
)
def test_xml_the_compiled_path_leaves_alone(body: bytes) -> None:
    for operation in (smsc.GET_OPERATOR, smsc.GET_OPERATOR(phone="79990000001,79990000002")):
        assert compiled_decoder(operation.reply_record, Fmt.XML, operation.expects_list)(body) is SLOW  # type: ignore[misc]
        assert_same(operation, body, Fmt.XML)


@pytest.mark.parametrize(
    "body",
    [
        _XML,
        _XML_LIST,
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + _XML,
        b"<list>\n</list>",
        _XML.replace(b"<tz>3</tz>", b"<tz>3 > 2</tz>\n\t "),
        _XML.replace(b"<tz>3</tz>", b"<tz></tz>"),
    ],
)
def test_xml_the_compiled_path_reads_plain_xml_as_lxml_does(body: bytes) -> None:
    for operation in (smsc.GET_OPERATOR, smsc.GET_OPERATOR(phone="79990000001,79990000002")):
        assert compiled_decoder(operation.reply_record, Fmt.XML, operation.expects_list)(body) is not SLOW  # type: ignore[misc]
        assert_same(operation, body, Fmt.XML)


@pytest.mark.parametrize(
    "body",
    [
        b"<result>OK</result>",
        b"<result> OK\n</result>",
        b"<result></result>",
        b"<result>\n</result>",
        b"<result>OK<id>1</id></result>",
        b"<result>\n<result>OK</result>\n</result>",
        b"<result>O&amp;K</result>",
        b"<result>OK</result>\n<result>OK</result>",
        b"<result>OK</resul>",
    ],
)
def test_xml_a_record_carried_as_its_element_s_text_reads_the_same(body: bytes) -> None:
    operation = smsc.get_operation("jobs_del")
    assert operation.reply_record.layout.xml_text is not None
    assert_same(operation, body, Fmt.XML)


def test_xml_the_plain_reader_reads_an_element_s_own_text() -> None:
    operation = smsc.get_operation("jobs_del")
    assert compiled_decoder(operation.reply_record, Fmt.XML, expects_list=False)(b"<result>OK</result>") is not SLOW  # type: ignore[misc]
    assert codec(Fmt.XML).fast_reader(operation.reply_record.layout, ["a b"]) is None  # type: ignore[attr-defined]
