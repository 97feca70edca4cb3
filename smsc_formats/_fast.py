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

- Duplicate keys, which msgspec reads as the last one: with no backslash in the body every ``"``
  opens or closes a string, so it holds as many strings as the fields set have keys and text
  values exactly when no key was lost to a duplicate (or skipped as unknown, or null).
- Depth: every value of an accepted object is a scalar, so nesting is at most 2 (and of a
  wrapped list 3), within any ``max_depth``; bodies longer than ``max_line_length`` and lists
  of more than ``max_records`` records are the general path's.
- Integers: msgspec parses them itself, but like the ``json`` module only while the interpreter
  bounds ``int()``'s digits; an int64 has fewer digits than the API's grammar allows.
- Text: msgspec refuses bytes that are not utf-8, and without a backslash nothing is escaped
  (no lone surrogate either).
"""

from __future__ import annotations

import dataclasses
import enum
import sys
from collections.abc import Callable
from itertools import chain
from operator import attrgetter, countOf
from typing import Annotated, Any

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


class _KeyLost(Exception):
    """The body holds more strings than the records read from it: a key was lost, or more records
    than ``max_records`` (it may be an error object, whose key no record has)."""


def json_decoder(record: Record[Any], expects_list: bool) -> Decoder | None:
    """The fast extra's decoder of ``record``'s fmt=3 replies (``_compiled`` checks the model
    first); None where an optional field's default is not None, which an absent key must give,
    or a field is named ``error_code``, which makes an object an error reply."""
    defaults = [item.default for item in dataclasses.fields(record.model) if item.name != "extra"]
    if any(default is not None and default is not dataclasses.MISSING for default in defaults) or any(
        spec.name == "error_code" for spec in record.fields
    ):
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
    read_one, read_list = msgspec.json.Decoder(item).decode, msgspec.json.Decoder(list[item]).decode
    wrapper = record.layout.json_list_key
    wrapped = _wrapped_reader(item, wrapper) if wrapper is not None else None
    marker = f'"{wrapper}"'.encode()
    strings = _Strings([(spec.attr, _wire_type(spec.base) is str, spec.required) for spec in fields])
    sentence = compiled_decoder(record, Fmt.TEXT, expects_list) if record.layout.text_template is not None else None

    def decode(data: bytes) -> Any:
        if data[:1] not in _OPENS:
            data = _trimmed(data)
            if data[:1] not in _OPENS:  # the sentence, where the general path reads one (no opening byte)
                return sentence(data) if sentence is not None and data and opened_by(data) is None else SLOW
        if len(data) > _LIMITS.max_line_length or b"\\" in data or not 0 < sys.get_int_max_str_digits() <= _DIGITS:
            return SLOW
        quoted = data.count(b'"') // 2
        try:
            if wrapped is not None and marker in data:
                value, quoted = wrapped(data), quoted - 1
            else:  # a Union of the two costs msgspec more than the choice by the first byte
                value = read_list(data) if data[:1] == b"[" else read_one(data)
            if type(value) is not list:
                if quoted != strings.count_one(value):
                    raise _KeyLost
                model = value if build is None else build(value)
                return [model] if expects_list else model
            if len(value) > _LIMITS.max_records or quoted != strings.count(value):
                raise _KeyLost
            return value if build is None else list(map(build, value))
        except (msgspec.MsgspecError, ValueError, _KeyLost, RecursionError):  # msgspec recurses into nesting
            return _error(data)

    return decode


_ERROR = msgspec.json.Decoder(_Error).decode


def _error(data: bytes) -> Any:
    """The error object in ``data`` (no record read it), as a ``RawError``; else ``SLOW``."""
    if b'"error_code"' not in data:
        return SLOW
    try:
        error = _ERROR(data)
    except (msgspec.MsgspecError, RecursionError):
        return SLOW
    if data.count(b'"') // 2 != _ERROR_STRINGS.count_one(error):
        return SLOW
    return RawError(error.error_code, error.error, error.id)


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


class _Strings:
    """How many JSON strings a body of records must hold: each field set (not None) one for its
    key and, where its wire type is text, one for its value. With no backslash in the body every
    ``"`` opens or closes a string, so the body holds more exactly when a key was lost to a
    duplicate, skipped as unknown, or given as null."""

    def __init__(self, fields: list[tuple[str, bool, bool]]) -> None:
        """``fields``: each field's attribute, whether its value is text, whether it is required."""
        self.each = sum(2 if text else 1 for _, text, _ in fields)
        text = [name for name, is_text, required in fields if is_text and not required]
        numbers = [name for name, is_text, required in fields if not is_text and not required]
        self.optional_text, self.optional_text_one = _absent_counters(text)
        self.optional_numbers, self.optional_numbers_one = _absent_counters(numbers)

    def count(self, items: list[Any]) -> int:
        return len(items) * self.each - 2 * self.optional_text(items) - self.optional_numbers(items)

    def count_one(self, item: Any) -> int:
        return self.each - 2 * self.optional_text_one(item) - self.optional_numbers_one(item)


def _absent_counters(names: list[str]) -> tuple[Callable[[list[Any]], int], Callable[[Any], int]]:
    """How many of the fields ``names`` are None across a list of items, and in one item: C loops
    over ``attrgetter``, which gives one name's value bare and several names' as a tuple."""
    if not names:
        return (lambda items: 0), (lambda item: 0)
    get = attrgetter(*names)
    if len(names) == 1:
        return (lambda items: countOf(map(get, items), None)), (lambda item: get(item) is None)
    return (lambda items: countOf(chain.from_iterable(map(get, items)), None)), (lambda item: countOf(get(item), None))


_ERROR_STRINGS = _Strings([("error_code", False, True), ("error", True, False), ("id", False, False)])


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
