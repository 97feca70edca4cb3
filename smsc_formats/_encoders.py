"""Compiled encoders: the common case of ``encode``, worked out once per (record, fmt, list or not).

``compiled_encoder(record, fmt, expects_list)`` gives a function from a value to exactly the
bytes ``encode`` writes for it in utf-8, or to None where it cannot tell; ``encode`` then runs
its general path, which also makes every refusal. What it covers: a model of the record's own
type, or a list or tuple of them where ``encode`` takes one; no ``extra`` keys; each field
written by its own kind's writer; the reply's text put together by its format's
``fast_writer``, which declines (None) whatever its ``encode`` would refuse or write otherwise.
None where the record is written in another format than the one asked (a file export, a bare
sentence) or has names the format cannot take.

Why each shortcut gives the general path's bytes:

- A field's value is what ``Record.to_raw`` writes: the same writer, except that a ``str`` in a
  text field is itself (the writer is ``str``) and a plain ``int`` within the grammar's width
  in an integer field is ``str(v)`` (fmt=0/1/2) or ``v`` (fmt=3), as the writer makes it.
- A writer's refusal, an empty value that the format would read as absent, an extra key, a
  subclass of the model, a list where none is taken or too short a one for a format without
  list marks, a reply beginning with a byte-order mark and text that utf-8 cannot carry (a
  lone surrogate): each is left to the general path.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._fault import Fault
from ._fmt import Fmt
from ._grammar import INTEGER_DIGITS
from .formats import FastWriter, Pairs, codec, marks_lists

if TYPE_CHECKING:
    from .operations import Record

Encoder = Callable[[object], "bytes | None"]

_UNBUILT: Any = object()
_cache: tuple[dict[Record[Any], list[Encoder | None]], dict[Record[Any], list[Encoder | None]]] = ({}, {})
"""Per record (replies of one record, then lists asked for): its encoders, indexed by fmt."""


class _Slow(Exception):
    """Raised inside a compiled encoder: leave this value to the general path."""


def compiled_encoder(record: Record[Any], fmt: Fmt, expects_list: bool) -> Encoder | None:
    """The compiled encoder of ``record``'s replies in ``fmt``, or None where there is none."""
    table = _cache[expects_list].get(record)
    if table is None:
        table = _cache[expects_list][record] = [_UNBUILT] * len(Fmt)
    encoder = table[fmt]
    if encoder is _UNBUILT:
        encoder = table[fmt] = _compile(record, fmt, expects_list)
    return encoder


def _compile(record: Record[Any], fmt: Fmt, one: bool) -> Encoder | None:
    if record.written_in(fmt) is not fmt:  # a file, or a bare sentence, whatever fmt asked
        return None
    names = [name for _, name, _, _ in record._writing[fmt][1]]
    layout = record.list_layout if one else record.layout
    write = codec(fmt).fast_writer(layout, names)
    if write is None or len(set(names)) < len(names):
        return None
    return _encoder(record.model, _pairs(record, fmt), write, one, marks_lists(fmt, layout))


def _encoder(model: type, pairs: Callable[[Any], Pairs], write: FastWriter, one: bool, marks_lists: bool) -> Encoder:
    fewest = 0 if marks_lists else 1 if one else 2  # fmt=0/1 have no form for an empty list, or one unasked for

    def encode(value: object) -> bytes | None:
        kind = type(value)
        try:
            if kind is model and not one:
                text = write([pairs(value)], False)
            elif (kind is list or kind is tuple) and len(value) >= fewest:  # type: ignore[arg-type]
                text = write([pairs(item) for item in value], True)  # type: ignore[attr-defined]
            else:
                return None
        except (_Slow, Fault):
            return None
        if text is None or text.startswith("\ufeff"):
            return None
        try:
            return text.encode()
        except UnicodeEncodeError:
            return None

    return encode


def _pairs(record: Record[Any], fmt: Fmt) -> Callable[[Any], Pairs]:
    """A function from a model to its written fields, as ``Record.to_raw`` writes them; ``_Slow``
    (or the writer's ``Fault``) where the general path must."""
    typed, writers = record._writing[fmt]
    names: dict[str, Any] = {"model": record.model, "Slow": _Slow, "B": 10**INTEGER_DIGITS}
    lines = ["def pairs(m):", " if type(m) is not model: raise Slow", " out = []"]
    for index, ((attr, name, write, empty_is_absent), spec) in enumerate(zip(writers, record.fields, strict=True)):
        names[f"w{index}"] = write
        lines += [f" v = m.{attr}", " if v is not None:"]
        base = spec.base
        if base is str and write is str:
            lines.append(f"  if type(v) is not str: v = w{index}(v)")
        elif base is int or (isinstance(base, type) and issubclass(base, enum.IntEnum)):
            fast = "pass" if typed else "v = str(v)"
            lines.append(f"  if type(v) is int and -B < v < B: {fast}\n  else: v = w{index}(v)")
        else:
            lines.append(f"  v = w{index}(v)")
        if empty_is_absent:
            lines.append("  if v == '': raise Slow")
        lines.append(f"  out.append(({name!r}, v))")
    if any(item.name == "extra" for item in dataclasses.fields(record.model)):
        lines.append(" if m.extra: raise Slow")
    lines.append(" return out")
    exec("\n".join(lines), names)  # noqa: S102 - code made from the declaration alone, no value
    pairs: Callable[[Any], Pairs] = names["pairs"]
    return pairs
