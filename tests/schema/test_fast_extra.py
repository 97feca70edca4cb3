"""The ``fast`` extra (``smsc_formats._fast``, msgspec): what it reads itself, what it leaves to the
general path, and that nothing imports msgspec without it.

Whatever it reads must be what the general path gives; whatever it leaves (``SLOW``) the general
path reads or refuses, with its own error. ``tests/schema/test_compiled.py`` compares both paths
on every golden reply, bundled example and a Hypothesis stream, with the extra and without it.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import Fmt, Operation
from smsc_formats._compiled import SLOW, compiled_decoder, use_fast_extra
from smsc_formats.formats import DEFAULT_LIMITS
from smsc_formats.operations import Record
from tests.paths import DATA, ROOT
from tests.schema.invariant import check_invariant
from tests.schema.test_compiled import _replies, assert_same, json_mutations
from tests.schema.test_properties import SHAPE_IDS, SHAPES

fast = pytest.importorskip("smsc_formats._fast", reason="the fast extra (msgspec) is not installed")

OPERATOR = (ROOT / "examples" / "replies" / "get_operator.json").read_bytes()
STATUS = b'{\n"status": 1,\n"last_date": "15.01.2026 12:30:05",\n"err": 0,\n"phone": "79990000001"\n}'
BALANCE = b'{\n"balance": "1.50",\n"currency": "RUB"\n}'
SEVERAL: Operation[Any] = smsc.GET_OPERATOR(phone="79990000001,79990000002")


def _fast(operation: Operation[Any]) -> Any:
    decoder = compiled_decoder(operation.reply_record, Fmt.JSON, operation.expects_list)
    assert decoder is not None
    assert decoder.__module__ == "smsc_formats._fast"
    return decoder


def _reads(operation: Operation[Any], body: bytes) -> None:
    """The fast path reads ``body`` itself, to what the general path gives."""
    assert _fast(operation)(body) is not SLOW
    assert_same(operation, body, Fmt.JSON)


def _leaves(operation: Operation[Any], body: bytes) -> None:
    """The fast path leaves ``body`` to the general path, which reads or refuses it as ever."""
    assert _fast(operation)(body) is SLOW
    assert_same(operation, body, Fmt.JSON)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("get_operator", OPERATOR),
        ("get_operator", b"  \n" + OPERATOR + b"\n"),
        ("get_operator", b'{"country": "a:b", "operator": "", "region": "d", "mcc": "1", "mnc": "2", "tz": "3"}'),
        ("get_operator", b'{"error": "no such phone", "error_code": 3}'),
        ("get_operator", b'{"error_code": 9, "id": 12, "error": "wait"}'),
        ("status", STATUS),
        ("status", STATUS.replace(b'"status": 1', b'"status": 777')),
        ("balance", BALANCE),
        ("jobs_add", b'{"id": -9223372036854775808}'),
        ("jobs_add", b'{"id": 9223372036854775807}'),
        ("get_price", (DATA / "get_price" / "fmt3.json").read_bytes()),
        ("get_price", b'[{"zone": "1", "api": "2.50"}]'),
        ("phones_del", b"406"),
        ("phones_del", b"\n406\n"),
        ("users_get_stat", b'[\n{\n"login": "a",\n"cnt": 4,\n"currency": "RUB"\n}\n]'),
    ],
)
def test_the_fast_path_reads(name: str, body: bytes) -> None:
    _reads(smsc.get_operation(name), body)


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("get_operator", OPERATOR.replace(b'"tz"', b'"mnc": "02",\n"tz"')),  # a key twice: refused
        ("get_operator", OPERATOR.replace(b'"tz"', b'"zone": 1,\n"tz"')),  # unknown: kept in extra
        ("get_operator", OPERATOR.replace(b'"tz"', b'"phone": null,\n"tz"')),
        ("get_operator", OPERATOR.replace(b'"tz"', b'"extra": [],\n"tz"')),
        ("get_operator", OPERATOR.replace("Россия".encode(), b"\\u0420")),
        ("get_operator", OPERATOR.replace(b'"01"', b'"0\\"1"')),
        ("get_operator", OPERATOR.replace(b'"3"', b"3")),  # a number in a text field: the general path's
        ("get_operator", b"\xef\xbb\xbf" + OPERATOR),
        ("get_operator", OPERATOR + b" x"),
        ("get_operator", OPERATOR.replace("Россия".encode(), b"\xff")),
        ("get_operator", b"<info></info>"),
        ("get_operator", b""),
        ("get_operator", b"OK"),
        ("get_operator", b'{"error": "x", "error_code": 3, "error_code": 4}'),
        ("get_operator", b'{"error": null, "error_code": 3}'),
        ("get_operator", b'{"error": "x", "error_code": "3"}'),
        ("get_operator", b'{"error": "x", "error_code": 3, "detail": 1}'),
        ("get_operator", b'[{"error": "x", "error_code": 3}]'),
        ("status", STATUS.replace(b'"err": 0', b'"err": 0,\n"err": 1')),
        ("status", STATUS.replace(b"15.01.2026", b"32.01.2026")),  # no such day
        ("balance", BALANCE.replace(b'"1.50"', b'"1e5"')),
        ("balance", BALANCE.replace(b'"1.50"', b'""')),
        ("balance", BALANCE.replace(b'"1.50"', b"1.50")),
        ("jobs_add", b'{"id": 9223372036854775808}'),  # beyond int64, within the API's 19 digits
        ("jobs_add", b'{"id": 99999999999999999999}'),
        ("jobs_add", b'{"id": 1.0}'),
        ("get_price", b'{"zones": [{"zone": "1"}], "x": 1}'),
        ("get_price", b'{"zones": {"zone": "1"}}'),
        ("phones_del", b"<406"),
        ("jobs_add", b"[" * 5000 + b"]" * 5000),  # deeper than msgspec recurses: the depth limit's refusal
        ("get_operator", b'{"error_code": 1, "error": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
        ("send", b'{"id": 1, "cnt": 1, "phones": [{"phone": "79990000001"}]}'),  # nested records
    ],
)
def test_the_fast_path_leaves(name: str, body: bytes) -> None:
    _leaves(smsc.get_operation(name), body)


def test_a_duplicate_key_is_refused_with_the_general_path_s_error() -> None:
    with pytest.raises(smsc.DecodeError, match="each key once in an object, found 'mnc' again") as caught:
        smsc.decode(smsc.GET_OPERATOR, OPERATOR.replace(b'"tz"', b'"mnc": "02",\n"tz"'), fmt=3)
    assert (caught.value.operation, caught.value.fmt) == ("get_operator", Fmt.JSON)


def test_a_list_reads_as_a_list_and_one_record_as_a_list_where_several_were_asked() -> None:
    listed = b"[\n" + OPERATOR.strip() + b",\n" + OPERATOR.strip() + b"\n]"
    _reads(smsc.GET_OPERATOR, listed)
    _reads(SEVERAL, listed)
    _reads(SEVERAL, OPERATOR)
    assert isinstance(smsc.decode(SEVERAL, OPERATOR, fmt=3), list)


def test_more_records_than_the_limit_are_the_general_path_s_refusal() -> None:
    operation = smsc.get_operation("jobs_add")
    body = b"[" + b",".join([b'{"id":1}'] * (DEFAULT_LIMITS.max_records + 1)) + b"]"
    assert _fast(operation)(body) is SLOW
    with pytest.raises(smsc.DecodeError, match=r"DecodeLimits\.max_records"):
        smsc.decode(operation, body, fmt=3)


def test_an_interpreter_without_a_digit_bound_takes_the_general_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.get_int_max_str_digits", lambda: 0)
    _leaves(smsc.GET_OPERATOR, OPERATOR)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Counted:
    name: str
    count: int = 0


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Coded:
    error_code: int


@pytest.mark.parametrize("model", [_Counted, _Coded])
def test_a_record_the_fast_path_cannot_keep_equal_has_none(model: type) -> None:
    assert fast.json_decoder(Record(model, xml_tag="x"), expects_list=False) is None


@pytest.fixture
def without_msgspec(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """msgspec not installed, as far as an import can tell: the fast extra's module cannot load."""
    monkeypatch.setitem(sys.modules, "msgspec", None)
    monkeypatch.delitem(sys.modules, "smsc_formats._fast")
    monkeypatch.delattr(smsc, "_fast")  # else ``from . import _fast`` finds it on the package
    use_fast_extra(True)
    yield
    use_fast_extra(True)


@pytest.mark.usefixtures("without_msgspec")
def test_without_msgspec_fmt_3_is_read_with_json() -> None:
    decoder = compiled_decoder(smsc.GET_OPERATOR.reply_record, Fmt.JSON, expects_list=False)
    assert decoder is not None
    assert decoder.__module__ == "smsc_formats._compiled"
    assert_same(smsc.GET_OPERATOR, OPERATOR, Fmt.JSON)


_PROBE = """
import sys
{block}
import smsc_formats as smsc

def loaded():
    return sys.modules.get("msgspec") is not None

before = loaded()
for fmt, name in enumerate(sys.argv[1:]):
    value = smsc.decode(smsc.GET_OPERATOR, open(name, "rb").read(), fmt=fmt)
    if fmt == 2:
        other_fmts = loaded()
print(before, other_fmts, loaded(), "smsc_formats._fast" in sys.modules, value.country)
"""


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("", "False False True True Россия"),
        ("sys.modules['msgspec'] = None  # not installed", "False False False False Россия"),
    ],
    ids=["with-the-extra", "without-it"],
)
def test_msgspec_is_imported_only_to_read_fmt_3_and_only_where_installed(block: str, expected: str) -> None:
    replies = [str(ROOT / "examples" / "replies" / f"get_operator.{ext}") for ext in ("txt", "csv", "xml", "json")]
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(block=block), *replies],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.stdout.split() == expected.split()


@pytest.mark.parametrize("operation", SHAPES, ids=SHAPE_IDS)
@given(data=st.data())
def test_the_fuzz_invariant_holds_on_the_fast_path(operation: Operation[Any], data: st.DataObject) -> None:
    """The fuzz harness's invariant (decode, encode what decoded, decode it again), on bodies the
    fast path reads and on mutations of them, which it reads or leaves."""
    wire = smsc.encode(operation, data.draw(_replies(operation, Fmt.JSON), label="value"), fmt=Fmt.JSON)
    check_invariant(operation, wire, 3, "utf-8")
    check_invariant(operation, data.draw(json_mutations(wire), label="mutated"), 3, "utf-8")
