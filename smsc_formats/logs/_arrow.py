"""Outcomes as Arrow columns: the schema of a log's rows, and record batches of outcomes.

Imported only when columnar output is asked for: it needs pyarrow (``smsc-formats[arrow]``).

One row per record of a reply (a reply of one record is one row; an error reply, an empty list
and a malformed reply are one row each, with no fields), with where it came from and what it
was: ``source``, ``line``, ``op``, ``fmt`` (as asked: ``0``-``3`` or ``auto``), ``outcome``
(``decoded``, ``error`` or ``malformed``), ``record`` (its 1-based place in the reply),
``error_code``, ``error`` and ``error_id`` (an error reply's code, description and message id),
``problem`` (why a reply is malformed, and where). A log of one operation, whose reply shape
the request options fix, gets a typed column per declared field, named as the API names it:
``str`` a string, ``int`` an int64, an ``IntEnum`` an int64 (the enum's name in the field's
metadata; unknown codes stay numbers), ``Decimal`` a decimal128(23, 8) (the API's amounts have at
most 15 digits before the point and 8 after), ``datetime`` a timestamp in seconds without a zone
(the API does not say it), nested records a list of structs; keys the operation does not declare
go to ``extra``, a JSON object. Any other log gets one JSON column, ``fields``, the record as
``to_api`` gives it. A value no column can carry (an integer past int64) is not bent: its row
is written as ``malformed``, saying why.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

import pyarrow as pa

from .._reply import ErrorReply, NoRecords
from ..operations import OPERATIONS, FieldSpec, Record
from ._decode import Outcome

DECIMAL = pa.decimal128(23, 8)
_INT64_MIN, _INT64_END = -(2**63), 2**63
_TYPES = {str: pa.string(), int: pa.int64(), Decimal: DECIMAL, datetime: pa.timestamp("s")}
_dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode

META = pa.schema(
    [
        ("source", pa.string()),
        ("line", pa.int64()),
        ("op", pa.string()),
        ("fmt", pa.string()),
        ("outcome", pa.string()),
        ("record", pa.int32()),
        ("error_code", pa.int64()),
        ("error", pa.string()),
        ("error_id", pa.int64()),
        ("problem", pa.string()),
    ]
)


def arrow_type(spec: FieldSpec) -> pa.DataType:
    if spec.nested is not None:
        return pa.list_(pa.struct([_field(item) for item in spec.nested.fields]))
    if isinstance(spec.base, type) and issubclass(spec.base, enum.IntEnum):
        return pa.int64()
    return _TYPES[spec.base]


def _field(spec: FieldSpec) -> pa.Field:
    enum_name = spec.base.__name__ if isinstance(spec.base, type) and issubclass(spec.base, enum.IntEnum) else None
    return pa.field(spec.name, arrow_type(spec), nullable=True, metadata={"enum": enum_name} if enum_name else None)


class Unrepresentable(ValueError):
    """A value no Arrow column of its field carries."""


def _value(spec: FieldSpec, value: object) -> object:
    if value is None:
        return None
    if spec.nested is not None:
        assert isinstance(value, tuple)
        return [{item.name: _value(item, getattr(model, item.attr)) for item in spec.nested.fields} for model in value]
    return _int(spec.name, value) if isinstance(value, int) else value


def _int(name: str, value: int | None) -> int | None:
    if value is not None and not _INT64_MIN <= value < _INT64_END:  # not ``in range()``: linear for an IntEnum
        raise Unrepresentable(f"field {name!r}: an integer an int64 column holds, found {value}")
    return None if value is None else int(value)  # an IntEnum as its number


class Columns:
    """The schema of one log's rows, and outcomes to record batches of that schema.

    ``op`` (with the request options ``params``) types the fields of that operation's reply;
    without it, a record's fields are one JSON column.
    """

    def __init__(self, op: str | None = None, params: Mapping[str, str] | None = None) -> None:
        self.op = op
        self.record: Record[Any] | None = None
        fields = [pa.field("fields", pa.string())]
        if op is not None:
            self.record = OPERATIONS[op].with_unchecked(dict(params or {})).reply_record
            fields = [_field(spec) for spec in self.record.fields] + [pa.field("extra", pa.string())]
            clash = sorted({field.name for field in fields} & set(META.names))
            if clash:
                raise ValueError(f"{op}: field {clash[0]!r} has the name of a column every row has")
        self.schema = pa.schema([*META, *fields])

    def batch(self, outcomes: Iterable[Outcome]) -> pa.RecordBatch:
        rows: list[dict[str, object]] = []
        for outcome in outcomes:
            rows.extend(self._rows(outcome))
        return pa.RecordBatch.from_pylist(rows, schema=self.schema)

    def _rows(self, outcome: Outcome) -> list[dict[str, object]]:
        entry = outcome.entry
        head = {"source": entry.source, "line": entry.line, "op": outcome.op, "outcome": outcome.status}
        head["fmt"] = None if outcome.fmt is None else str(outcome.fmt)
        reply = outcome.reply
        if outcome.malformed is not None:
            return [head | {"problem": outcome.malformed.message(entry.source, outcome.op)}]
        if isinstance(reply, NoRecords) and not reply:
            reply = reply.error
        try:
            if isinstance(reply, ErrorReply):
                code, message_id = _int("error_code", reply.code), _int("error_id", reply.message_id)
                return [head | {"error_code": code, "error": reply.description, "error_id": message_id}]
            if self.op is not None and outcome.op != self.op:
                raise ValueError(f"a reply to {outcome.op} among columns of {self.op}'s fields")
            models = reply if isinstance(reply, list) else [reply]
            values = outcome.value if isinstance(outcome.value, list) else [outcome.value]
            records = enumerate(zip(models, values, strict=True), start=1)
            return [head | {"record": index} | self._fields(model, value) for index, (model, value) in records] or [
                head
            ]
        except Unrepresentable as exc:
            return [head | {"outcome": "malformed", "problem": f"{entry.source}:{entry.line}: {exc}"}]

    def _fields(self, model: object, value: object) -> dict[str, object]:
        if self.record is None:
            return {"fields": _dumps(value)}
        fields = {spec.name: _value(spec, getattr(model, spec.attr)) for spec in self.record.fields}
        extra = getattr(model, "extra", ())
        fields["extra"] = _dumps(dict(extra)) if extra else None
        return fields
