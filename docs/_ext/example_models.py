"""Example models made from a record's field types, for operations without a curated example.

The values say what they are (``"country text"``, ``1``, ``1.50``); a page that shows them says
they are not taken from a real reply.
"""

from __future__ import annotations

from typing import Any

from smsc_formats.operations import sample_of


def _text_value(spec: Any) -> str | None:
    pattern = spec.wire.csv_found_by
    if pattern is None:
        return f"{spec.name} text"
    return next((c for c in ("79991234567", "1", "A") if pattern.fullmatch(c)), None)


def _synthesized_value(spec: Any) -> object:
    nested = getattr(spec, "nested", None)
    if nested is not None:
        return (synthesize(nested),)
    if spec.base is str:
        return _text_value(spec)
    return sample_of(spec.base).example  # the library's one table of values per type


def synthesize(record: Any, *, optional: bool = True) -> Any:
    """A model of ``record`` with its fields set from their types (``optional``: every field)."""
    values = {}
    for spec in record.fields:
        if not (optional or spec.required):
            continue
        value = _synthesized_value(spec)
        if value is None and spec.required:
            raise ValueError(f"no example value for the required field {spec.name!r}")
        if value is not None:
            values[spec.attr] = value
    return record.model(**values)
