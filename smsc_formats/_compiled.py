"""Compiled decoders: the common case of ``decode``, worked out once per (record, fmt, list or not).

``compiled_decoder(record, fmt, expects_list)`` gives a function from a reply's bytes to exactly
what ``decode`` gives for them (read as utf-8, within the default limits, strict or not), or to
``SLOW`` where it cannot tell; ``decode`` then runs its general path, which also makes every
error. What it covers: a body without a byte-order mark; no error reply; fmt=0 ``key = value``
lines or fixed sentences and fmt=1 lines without blank lines or CR; a fmt=3 object or array of flat objects without
``\\u`` escapes; every key a declared field's, each value of its field's kind. Anything else,
and every value a field's kind refuses, is ``SLOW``.

Why each check is enough to skip one of the general path's:

- fmt=3 duplicate keys: the text's ``:`` count is the number of keys plus the colons inside
  strings; with no ``\\u`` escape a string's colons are its decoded ones, so the count equals the
  records' keys plus their values' colons exactly when no object lost a key to a duplicate.
- fmt=3 lone surrogates: utf-8 decodes none, and without ``\\u`` none is escaped.
- fmt=3 depth and integers: every value of an accepted record is a scalar (each kind refuses
  arrays and objects), so nesting is at most 2; integers are parsed by ``int`` only while the
  interpreter bounds its digits (``sys.get_int_max_str_digits``), and one wider than the API's
  grammar is refused by its kind, or by a text field, which takes only strings here.
- The model is made without its ``__init__`` (each slot set by its own descriptor) only for a
  slotted dataclass with no ``__post_init__``, every field in ``__init__`` and no default
  factory; a field left out gets its declared default, as ``__init__`` would give it.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
import types
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn

from ._fault import Fault
from ._fmt import Fmt
from ._grammar import CSV_ERROR, INTEGER_DIGITS
from .formats import DEFAULT_LIMITS, Layout, codec
from .operations import Record

SLOW: Any = object()
"""What a compiled decoder returns where ``decode``'s general path must read the reply."""

Decoder = Callable[[bytes], Any]


class _Slow(Exception):
    """Raised inside a compiled decoder: leave this reply to the general path."""


_BOM = b"\xef\xbb\xbf"
_ERROR_OPENS = "ERROR = "
_LIMITS = DEFAULT_LIMITS
_cache: dict[tuple[Record[Any], Fmt, bool], Decoder | None] = {}


def compiled_decoder(record: Record[Any], fmt: Fmt, expects_list: bool) -> Decoder | None:
    """The compiled decoder of ``record``'s replies in ``fmt``, or None where there is none."""
    key = (record, fmt, expects_list)
    try:
        return _cache[key]
    except KeyError:
        decoder = _cache[key] = _compile(record, fmt, expects_list)
        return decoder


def _compile(record: Record[Any], fmt: Fmt, expects_list: bool) -> Decoder | None:
    build = _builder(record, fmt)
    layout = record.list_layout if expects_list else record.layout
    if build is None or record.fixed_fmt is not None:
        return None
    if fmt is Fmt.JSON:
        return _fast_json_decoder(record, expects_list) or _json_decoder(build, layout, expects_list)
    if fmt is Fmt.CSV and layout.csv_layouts and not layout.csv_header:
        read = codec(Fmt.CSV)._decode_line  # type: ignore[attr-defined]
        layouts, separator = layout.csv_layouts, layout.csv_separator
        return _lines_decoder(build, lambda line, number: read(line, number, layouts, separator), expects_list, True)
    if fmt is Fmt.TEXT and layout.text_template is not None:
        return _lines_decoder(build, _sentence_reader(layout.text_template.read), expects_list, False)
    if fmt is Fmt.TEXT:
        read = codec(Fmt.TEXT)._decode_line  # type: ignore[attr-defined]
        return _lines_decoder(build, lambda line, number: read(line, 0, layout), expects_list, False)
    reader = getattr(codec(fmt), "fast_reader", None)  # a format that reads its plainest replies itself
    records = None if reader is None else reader(layout, [name for name, *_ in record._reading[fmt]])
    return None if records is None else _records_decoder(build, records, expects_list)


FAST_EXTRA = {"enabled": True}
"""Whether fmt=3 decoders parse with the ``fast`` extra where it is installed; the tests and the
benchmark turn it off (through ``use_fast_extra``) to compare with the standard library's ``json``."""


def use_fast_extra(enabled: bool) -> None:
    """Build fmt=3 decoders with the ``fast`` extra (where installed) or without it, from now on."""
    FAST_EXTRA["enabled"] = enabled
    _cache.clear()


def _fast_json_decoder(record: Record[Any], expects_list: bool) -> Decoder | None:
    """The ``fast`` extra's fmt=3 decoder; None without msgspec, which is then never imported."""
    if not FAST_EXTRA["enabled"]:
        return None
    try:
        from . import _fast
    except ImportError:  # the extra is not installed
        return None
    return _fast.json_decoder(record, expects_list)


def _records_decoder(
    build: Callable[[dict[str, Any]], Any], read: Callable[[str], tuple[list[Any], bool] | None], one: bool
) -> Decoder:
    """A format module's reader of its plainest replies (fmt=2), each record then built."""

    def decode(data: bytes) -> Any:
        try:
            found = read(_text(data))
            if found is None or len(found[0]) > _LIMITS.max_records:
                raise _Slow
            models = [build(item) for item in found[0]]
        except (_Slow, Fault, ValueError):
            return SLOW
        return models if one or found[1] else models[0]

    return decode


def _sentence_reader(read: Callable[[str], dict[str, Any] | None]) -> Callable[[str, int], dict[str, Any]]:
    """A fixed fmt=0 sentence (``OK - 1 SMS, ID - 5``): a line it does not read is the general path's."""

    def read_line(line: str, number: int) -> dict[str, Any]:
        record = read(line)
        if record is None:
            raise _Slow
        return record

    return read_line


def _text(data: bytes) -> str:
    """The body as ``Body`` trims it, decoded as utf-8; ``_Slow`` where the general path must see it."""
    if data.startswith(_BOM):
        raise _Slow
    data = data.strip()
    if not data or len(data) > _LIMITS.max_line_length:
        raise _Slow
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Slow from None


def _lines_decoder(
    build: Callable[[dict[str, Any]], Any], read: Callable[[str, int], dict[str, Any]], one: bool, csv: bool
) -> Decoder:
    """fmt=0 or fmt=1: one record per line, a list when there are several (or one is asked for)."""

    def decode(data: bytes) -> Any:
        try:
            text = _text(data)
            if (
                text.startswith(_ERROR_OPENS)
                or "\r" in text
                or (csv and "\n" not in text and CSV_ERROR.fullmatch(text))
            ):
                raise _Slow
            lines = text.split("\n")
            if len(lines) > _LIMITS.max_records:
                raise _Slow
            models = []
            for number, line in enumerate(lines, 1):
                if not line or line.isspace():
                    raise _Slow
                models.append(build(read(line, number)))
        except (_Slow, Fault, ValueError):
            return SLOW
        return models if one or len(models) > 1 else models[0]

    return decode


def _constant(name: str) -> NoReturn:
    raise _Slow


_json = json.JSONDecoder(parse_float=Decimal, parse_constant=_constant)


def _json_decoder(build: Callable[[dict[str, Any]], Any], layout: Layout, one: bool) -> Decoder:
    wrapper = layout.json_list_key
    raw_decode = _json.raw_decode

    def decode(data: bytes) -> Any:
        try:
            if not 0 < sys.get_int_max_str_digits() <= 4300:
                raise _Slow
            text = _text(data)
            if text[0] not in "{[" or "\\u" in text:
                raise _Slow
            value, end = raw_decode(text)
            if end != len(text):
                raise _Slow
            if type(value) is dict:
                if "error_code" in value or (wrapper is not None and wrapper in value):
                    raise _Slow
                records = [value]
            elif (
                type(value) is list and all(type(item) is dict for item in value) and len(value) <= _LIMITS.max_records
            ):
                records = value
            else:
                raise _Slow
            colons = text.count(":")
            if colons != sum(map(len, records)) and colons != sum(
                len(item) + sum(part.count(":") for part in item.values() if type(part) is str) for item in records
            ):
                raise _Slow
            models = [build(item) for item in records]
        except (_Slow, Fault, ValueError, ArithmeticError, RecursionError):
            return SLOW
        return models if one or type(value) is list else models[0]

    return decode


_BOUND = 10**INTEGER_DIGITS


def _builder(record: Record[Any], fmt: Fmt) -> Callable[[dict[str, Any]], Any] | None:
    """A function from one raw record to its model, as ``Record.from_raw`` makes it when the record
    has only declared keys and every value reads; ``_Slow`` otherwise. None for a model whose
    ``__init__`` does more than set its fields."""
    model = record.model
    fields = dataclasses.fields(model)
    wire_names = [name for name, *_ in record._reading[fmt]]
    setters = {item.name: getattr(model, item.name, None) for item in fields}
    if (
        hasattr(model, "__post_init__")
        or len(set(wire_names)) < len(wire_names)
        or not all(item.init and item.default_factory is dataclasses.MISSING for item in fields)
        or not all(isinstance(setter, types.MemberDescriptorType) for setter in setters.values())
    ):
        return None
    names: dict[str, Any] = {"new": object.__new__, "model": model, "Slow": _Slow, "B": _BOUND}
    lines = ["def build(raw):", " obj = new(model)", " found = 0"]
    reading = {attr: (name, text_valued, empty, spec) for name, attr, text_valued, empty, spec in record._reading[fmt]}
    for index, item in enumerate(fields):
        names[f"set{index}"] = setters[item.name].__set__  # type: ignore[union-attr]
        if item.default is not dataclasses.MISSING:
            names[f"default{index}"] = item.default
            absent = f"set{index}(obj, default{index})"
        else:
            absent = "raise Slow"
        if item.name not in reading:  # extra: only declared keys are taken here
            lines.append(f" {absent}")
            continue
        name, text_valued, empty, spec = reading[item.name]
        lines += [f" v = raw.get({name!r})", " if v is None:", f"  {absent}", " else:", "  found += 1"]
        if text_valued:
            lines.append(f"  if type(v) is not str: raise Slow\n  elif v or not {empty}: set{index}(obj, v)")
        else:
            lines.append(f"  if v == '' and {empty}: {absent}")
            lines.append(_read_value(spec, index, names))
        if text_valued:
            lines.append(f"  else: {absent}")
    lines += [" if found != len(raw): raise Slow", " return obj"]
    exec("\n".join(lines), names)  # noqa: S102 - code made from the declaration alone, no reply data
    build: Callable[[dict[str, Any]], Any] = names["build"]
    return build


def _read_value(spec: Any, index: int, names: dict[str, Any]) -> str:
    """Code that sets field ``index`` from a non-empty ``v``: integers and codes inline, the rest by the kind."""
    base = spec.base
    names[f"read{index}"] = spec.kind.read
    codes = isinstance(base, type) and issubclass(base, enum.IntEnum)
    if base is int or codes:
        names["B_DIGITS"] = INTEGER_DIGITS
        code = "members{0}.get(n, n)" if codes else "n"
        if codes:
            names[f"members{index}"] = {member.value: member for member in base}
        return (
            "  else:\n"
            "   if type(v) is int and -B < v < B: n = v\n"
            "   elif type(v) is str and v.isdigit() and v.isascii() and len(v) <= B_DIGITS: n = int(v)\n"
            f"   else: n = read{index}(v)\n"
            f"   set{index}(obj, {code.format(index)})"
        )
    return f"  else: set{index}(obj, read{index}(v))"
