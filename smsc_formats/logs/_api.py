"""``decode_log``: the log engine as one call, over a path, a binary stream or records in memory.

The same readers and decoder as ``smsc-formats decode``, with the same options, each checked
before anything is read (a mistake raises ``ValueError``, or ``RequestError`` for ``params``).
It reads lazily and yields one :class:`~smsc_formats.logs.Outcome` per reply, in order, so it
can be mapped over the partitions of a log by any engine: every step is a pure function of the
bytes it is given.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO, Literal

from .._fmt import TEXT_CHARSET, is_text_charset
from ..operations import OPERATIONS
from ._decode import Decoder, Outcome, declared_limits
from ._read import parse_delimiter
from ._records import Entry, LogFields, read_records
from ._split import Form, read_form

Source = str | os.PathLike[str] | BinaryIO | Iterable[object]
"""A path, a binary stream, or records: mappings or JSON lines (with ``body_field``), else replies' bytes."""


def decode_log(
    source: Source,
    /,
    *,
    op: str | None = None,
    params: Mapping[str, str] | None = None,
    fmt: int | Literal["auto"] = "auto",
    charset: str = "utf-8",
    strict: bool = False,
    body_field: str | None = None,
    op_field: str | None = None,
    fmt_field: str | None = None,
    charset_field: str | None = None,
    params_field: str | None = None,
    delimiter: bytes | str | None = None,
    name: str | None = None,
    first_line: int = 1,
) -> Iterator[Outcome]:
    """Decode every reply of a log, in order, as ``smsc-formats decode`` does.

    ``source`` is a path, a binary stream, or an iterable of records. A path or a stream holds a
    JSON-lines log (``body_field`` names the field holding each raw reply; ``op_field``,
    ``fmt_field``, ``charset_field`` and ``params_field`` the others, dotted names reaching into
    nested objects), replies separated by ``delimiter`` (bytes, or text with the command line's
    escapes such as ``"\\n--\\n"``), or else one reply. Records are mappings or JSON lines with
    ``body_field``, else each one reply's bytes. ``op``, ``params``, ``fmt`` and ``charset`` apply
    where a record names nothing else. Outcomes name ``name`` as their source (the path, else
    ``"<stream>"`` or ``"<records>"``), and number lines from ``first_line``: a partition of a
    larger log gives its own first line to keep the log's numbering. A path is opened when the
    first outcome is asked for; an ``OSError`` reading it is raised from the iteration. A reply is
    read within the limits the reply of ``op`` declares (:func:`declared_limits`).
    """
    decoder = _decoder(op, params, fmt, charset, strict)
    fields = _fields(body_field, op_field, fmt_field, charset_field, params_field)
    cut = _delimiter(delimiter)
    if cut is not None and not isinstance(source, str | os.PathLike) and not hasattr(source, "read"):
        raise ValueError("delimiter: records in memory are already one reply each; a delimiter is for streams")
    form = Form(fields, cut, declared_limits(op, params or {}))
    return map(decoder, _entries(source, form, name, first_line))


def _decoder(op: str | None, params: Mapping[str, str] | None, fmt: object, charset: str, strict: bool) -> Decoder:
    if op is not None:
        if op not in OPERATIONS:
            raise ValueError(f"op: expected a known operation (smsc_formats.OPERATIONS), found {op!r}")
        OPERATIONS[op].bind(dict(params or {}))  # the options are checked as a call checks them
    if fmt not in (0, 1, 2, 3, "auto") or isinstance(fmt, bool):
        raise ValueError(f"fmt: expected 0, 1, 2, 3 or 'auto', found {fmt!r}")
    if not is_text_charset(charset):
        raise ValueError(f"charset: expected {TEXT_CHARSET}, found {charset!r}")
    return Decoder(op=op, params=dict(params or {}), fmt=fmt, charset=charset, strict=strict)


def _fields(
    body: str | None, op: str | None, fmt: str | None, charset: str | None, params: str | None
) -> LogFields | None:
    if body is None:
        given = [name for name, value in (("op", op), ("fmt", fmt), ("charset", charset), ("params", params)) if value]
        if given:
            raise ValueError(f"{given[0]}_field needs body_field")
        return None
    return LogFields(body, op, fmt, charset, params)


def _delimiter(delimiter: bytes | str | None) -> bytes | None:
    if isinstance(delimiter, str):
        try:
            return parse_delimiter(delimiter)
        except ValueError as exc:
            raise ValueError(f"delimiter: expected {exc}") from None
    if delimiter is not None and not delimiter:
        raise ValueError("delimiter: expected a delimiter of at least one byte")
    return delimiter


def _entries(source: Source, form: Form, name: str | None, first_line: int) -> Iterator[Entry]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            yield from read_form(stream, name or os.fspath(source), form, start=(first_line, 0))
    elif hasattr(source, "read"):
        yield from read_form(source, name or "<stream>", form, start=(first_line, 0))  # type: ignore[arg-type]
    else:
        yield from read_records(source, name or "<records>", form.fields, first_line=first_line)
