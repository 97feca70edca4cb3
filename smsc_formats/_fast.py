"""The ``fast`` extra: fmt=3 decoders that parse with msgspec (``pip install 'smsc-formats[fast]'``).

``json_decoder(record, expects_list)`` gives what ``_compiled`` gives for fmt=3: exactly the
value ``decode`` gives for the bytes, or ``SLOW`` where the general path must read them (and
make every error). ``_compiled`` imports this module on the first fmt=3 decoder it builds, and
only where msgspec is installed: without the extra nothing imports msgspec and nothing changes.

What it reads: an object, or an array of objects (wrapped under the record's
``json_list_key`` or not), whose every key is a declared field and every value of its field's
wire type: text a JSON string, integers and codes a JSON integer within int64, money and dates
a JSON string their kind reads; the error object ``{"error": …, "error_code": N, "id": N}``,
given back as a ``RawError`` for ``decode`` to make the operation's ``ErrorReply``; and the
fmt=0 sentence a record is answered with where fmt=3 was asked (a bare ``OK``), which the fmt=0
compiled decoder reads, as ``decode`` reads it in fmt=0. A record of text fields is decoded
straight into its model (msgspec sets the slots without ``__init__``); any other into a
``msgspec.Struct`` of wire types, from which its model is built.

Why each check is enough to keep the general path's strictness:

- Duplicate keys, which msgspec reads as the last one: with no ``\\u`` escape in the body, its
  colons are its keys' plus its strings' own, so they equal the fields set plus the colons in
  their values exactly when no key was lost to a duplicate (or skipped as unknown, or null).
- Depth: every value of an accepted object is a scalar, so nesting is at most 2 (and of a
  wrapped list 3), within any ``max_depth``; bodies longer than ``max_line_length`` and lists
  of more than ``max_records`` records are the general path's.
- Integers: msgspec parses them itself, but like the ``json`` module only while the interpreter
  bounds ``int()``'s digits; an int64 has fewer digits than the API's grammar allows.
- Text: msgspec refuses bytes that are not utf-8, and no lone surrogate is escaped without ``\\u``.
"""

from __future__ import annotations

import dataclasses
import enum
import sys
from collections.abc import Callable
from itertools import repeat
from operator import attrgetter
from typing import Annotated, Any, Union

import msgspec

from ._compiled import SLOW, Decoder, compiled_decoder
from ._fmt import Fmt
from .formats import DEFAULT_LIMITS, RawError, opened_by
from .operations import Record

_INT = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
"""An integer as the wire carries one: msgspec bounds it to int64, within ``fits_integer``."""
_BOM = b"\xef\xbb\xbf"
_OPENS = (b"{", b"[")
_LIMITS = DEFAULT_LIMITS
_DIGITS = 4300
"""The default of ``sys.get_int_max_str_digits``: with it, no integer costs quadratic time."""


class _Error(msgspec.Struct, forbid_unknown_fields=True):
    """fmt=3's error object, as ``formats.json.read_error`` reads it when its integers are JSON numbers."""

    error_code: _INT
    error: str | None = None
    id: _INT | None = None


_ERROR = msgspec.json.Decoder(_Error)
_ERROR_ROW = attrgetter("error_code", "error", "id")


def json_decoder(record: Record[Any], expects_list: bool) -> Decoder | None:
    """The fast extra's decoder of ``record``'s fmt=3 replies (``_compiled`` checks the model
    first); None where an optional field's default is not None, which an absent key must give."""
    defaults = [item.default for item in dataclasses.fields(record.model) if item.name != "extra"]
    if any(default is not None and default is not dataclasses.MISSING for default in defaults):
        return None
    fields = [spec for spec in record.fields if spec.nested is None]
    if all(spec.text_valued and spec.name == spec.attr for spec in record.fields):
        item: Any = record.model  # text only: msgspec fills the model itself
        build = None
    else:
        item = msgspec.defstruct(
            f"{record.model.__name__}Wire",
            [(spec.attr, _wire_type(spec.base), msgspec.field(name=spec.name, **_absent(spec))) for spec in fields],
            forbid_unknown_fields=True,
            kw_only=True,
        )
        build = _builder(record)
    wrapper = record.layout.json_list_key
    read = msgspec.json.Decoder(Union[item, list[item]]).decode  # noqa: UP007 - a runtime type, as on 3.10
    wrapped = None if wrapper is None else _wrapped_reader(item, wrapper)
    row = _row([spec.attr for spec in fields])
    width = len(fields)
    sentence = compiled_decoder(record, Fmt.TEXT, expects_list) if record.layout.text_template is not None else None
    marker = None if wrapper is None else f'"{wrapper}"'.encode()

    def decode(data: bytes) -> Any:
        if data[:1] not in _OPENS:
            data = _trimmed(data)
            if data[:1] not in _OPENS:  # the sentence where the general path reads one (no opening byte)
                return sentence(data) if sentence is not None and data and opened_by(data) is None else SLOW
        if len(data) > _LIMITS.max_line_length or b"\\u" in data or not 0 < sys.get_int_max_str_digits() <= _DIGITS:
            return SLOW
        colons = data.count(b":")
        try:
            if b'"error_code"' in data:
                error = _ERROR.decode(data)
                kept = _kept_every_key(colons, [_ERROR_ROW(error)], 3)
                return RawError(error.error_code, error.error, error.id) if kept else SLOW
            if wrapped is not None and marker in data:  # type: ignore[operator]
                value, colons = wrapped(data), colons - 1
            else:
                value = read(data)
            items = value if type(value) is list else [value]
            if len(items) > _LIMITS.max_records or not _kept_every_key(colons, list(map(row, items)), width):
                return SLOW
            models = items if build is None else list(map(build, items))
        except (msgspec.MsgspecError, ValueError):
            return SLOW
        return models if expects_list or type(value) is list else models[0]

    return decode


def _trimmed(data: bytes) -> bytes:
    """The body as ``Body`` trims it; empty where a byte-order mark leaves it to the general path."""
    return b"" if data.startswith(_BOM) else data.strip()


def _wire_type(base: Any) -> Any:
    """What msgspec reads a field's value as: integers and codes as bounded integers, the rest as text."""
    return _INT if base is int or (isinstance(base, type) and issubclass(base, enum.IntEnum)) else str


def _absent(spec: Any) -> dict[str, Any]:
    return {} if spec.required else {"default": None}


def _wrapped_reader(item: Any, key: str) -> Callable[[bytes], list[Any]]:
    """A list wrapped in an object under ``key`` (``{"zones": [...]}``), that key alone."""
    wrapper = msgspec.defstruct("Wrapped", [(key, list[item])], forbid_unknown_fields=True)
    read = msgspec.json.Decoder(wrapper).decode
    return lambda data: getattr(read(data), key)


def _row(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of a record's fields, as a tuple (``attrgetter`` gives one name's value bare)."""
    if len(names) == 1:
        return lambda item: (getattr(item, names[0]),)
    return attrgetter(*names)


def _kept_every_key(colons: int, rows: list[tuple[Any, ...]], width: int) -> bool:
    """Whether the body's ``colons`` are those of the fields set in ``rows`` (None: not set), one
    key each, and of their text (``repr`` keeps a string's colons and adds none of its own)."""
    keys = len(rows) * width - sum(map(tuple.count, rows, repeat(None)))
    return colons == keys or colons == keys + repr(rows).count(":")


def _builder(record: Record[Any]) -> Callable[[Any], Any]:
    """A function from a wire Struct to the model, each field read as ``Record.from_raw`` reads its
    value: codes looked up, money and dates by their kind (``ValueError``: the general path's)."""
    model = record.model
    specs = {spec.attr: spec for spec in record.fields if spec.nested is None}
    names: dict[str, Any] = {"new": object.__new__, "model": model}
    lines = ["def build(wire):", " obj = new(model)"]
    for index, item in enumerate(dataclasses.fields(model)):
        names[f"set{index}"] = getattr(model, item.name).__set__
        spec = specs.get(item.name)
        if spec is None:  # extra, or nested records: a key for them is unknown to the Struct
            names[f"default{index}"] = item.default
            lines.append(f" set{index}(obj, default{index})")
        elif isinstance(spec.base, type) and issubclass(spec.base, enum.IntEnum):
            names[f"members{index}"] = {member.value: member for member in spec.base}
            lines.append(f" v = wire.{item.name}\n set{index}(obj, members{index}.get(v, v))")
        elif spec.base is str or spec.base is int:
            lines.append(f" set{index}(obj, wire.{item.name})")
        else:
            names[f"read{index}"] = spec.kind.read
            lines.append(f" v = wire.{item.name}\n set{index}(obj, None if v is None else read{index}(v))")
    lines.append(" return obj")
    exec("\n".join(lines), names)  # noqa: S102 - code made from the declaration alone, no reply data
    build: Callable[[Any], Any] = names["build"]
    return build
