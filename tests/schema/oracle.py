"""Compare a decoded reply with values written by hand, field by field, without the encoder.

The expected values of a golden are the API's own names and values (fmt=3's spelling): numbers
as JSON numbers, money and text as strings, dates as ``dd.mm.yyyy hh:mm:ss``. ``to_api`` would
turn the decoded reply into the same shape, but it is the encoder's own mapping, so a mistake
shared by the decoder and the encoder would pass. Here each expected value is turned into the
Python value the test expects (``Decimal("4.20")``, ``datetime(2023, 7, 10, 21, 16, 9)``) and
compared with the model's attribute; every declared field the file does not name must be empty,
and every name the declaration does not know must be kept in ``extra`` with its wire value
(``"extra": {...}`` in the expected values names them outright, for a key that another format
would read as a declared field).
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

import smsc_formats as smsc
from smsc_formats import ErrorReply, NoRecords
from smsc_formats.operations._schema import Record

ERROR_KEYS = {"error", "error_code", "id"}
DATE = "%d.%m.%Y %H:%M:%S"


def assert_reply(operation: smsc.Operation[Any], reply: object, expect: object) -> None:
    """``reply`` holds exactly the values of ``expect``, written as the API writes them."""
    if isinstance(reply, NoRecords) and not reply:
        assert isinstance(expect, dict), (reply, expect)
        _assert_error(reply.error, expect)
        return
    if isinstance(reply, ErrorReply):
        assert isinstance(expect, dict), (reply, expect)
        _assert_error(reply, expect)
        return
    record = operation.reply_record
    if isinstance(expect, list):
        assert isinstance(reply, list), (reply, expect)
        assert len(reply) == len(expect), (reply, expect)
        for item, wanted in zip(reply, expect, strict=True):
            _assert_record(record, item, wanted)
        return
    assert not isinstance(reply, list), (reply, expect)
    assert isinstance(expect, dict), expect
    _assert_record(record, reply, expect)


def _assert_error(reply: ErrorReply, expect: dict[str, Any]) -> None:
    assert set(expect) <= ERROR_KEYS, expect
    assert reply.code == expect["error_code"], (reply, expect)
    assert type(reply.code) is int
    assert reply.description == expect.get("error"), (reply, expect)
    assert reply.message_id == expect.get("id"), (reply, expect)


def _assert_record(record: Record[Any], model: object, expect: dict[str, Any]) -> None:
    assert isinstance(model, record.model), (model, record.model)
    by_name = {field.name: field for field in record.fields}
    if "extra" in expect and "extra" not in by_name:
        extra = dict(expect["extra"])
        expect = {key: value for key, value in expect.items() if key != "extra"}
    else:
        extra = {key: wanted for key, wanted in expect.items() if key not in by_name}
    for field in record.fields:
        value = getattr(model, field.attr)
        if field.name not in expect:
            assert value in (None, ()), f"{field.attr} = {value!r}, which the expected values leave out"
            continue
        wanted = expect[field.name]
        if field.nested is not None:
            assert isinstance(value, tuple), (field.attr, value)
            assert isinstance(wanted, list), (field.attr, wanted)
            assert len(value) == len(wanted), (field.attr, value, wanted)
            for item, item_wanted in zip(value, wanted, strict=True):
                _assert_record(field.nested, item, item_wanted)
            continue
        _assert_value(field.attr, field.base, value, wanted)
    kept = dict(getattr(model, "extra", ()))
    assert kept == extra, f"extra keys {kept!r}, expected {extra!r}"


def _assert_value(attr: str, base: Any, value: object, wanted: object) -> None:
    if wanted is None:
        assert value is None, (attr, value)
        return
    if base is str:
        assert value == wanted, (attr, value, wanted)
        assert type(value) is str
    elif base is Decimal:
        assert isinstance(wanted, str | int), (attr, wanted)
        number = Decimal(str(wanted))
        assert isinstance(value, Decimal), (attr, value)
        assert value == number, (attr, value, wanted)
        assert value.as_tuple().exponent == number.as_tuple().exponent, ("the scale is kept", attr, value, wanted)
    elif base is datetime:
        assert isinstance(wanted, str), (attr, wanted)
        assert value == datetime.strptime(wanted, DATE), (attr, value, wanted)  # noqa: DTZ007 - the API's local time
    elif isinstance(base, type) and issubclass(base, enum.IntEnum):
        assert isinstance(value, base), (attr, value, base)
        assert int(value) == wanted, (attr, value, wanted)
    else:
        assert base is int, (attr, base)
        assert type(value) is int, (attr, value)
        assert value == wanted, (attr, value, wanted)
