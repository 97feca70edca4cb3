"""Logs of raw replies, decoded one reply at a time: the engine under ``smsc-formats decode``.

The one call most code needs is :func:`decode_log`: a path, a binary stream or records in
memory in, one :class:`Outcome` per reply out (the reply, an error reply, or why it is
:class:`Malformed`, with where it came from), in order, lazily::

    for outcome in decode_log("replies.jsonl", body_field="body", op_field="op"):
        print(outcome.entry.source, outcome.entry.line, outcome.status, outcome.value)

:func:`write_parquet` and :func:`record_batches` turn outcomes into Parquet or Arrow record
batches (they need pyarrow: ``pip install 'smsc-formats[arrow]'``; it is imported only then).

Inside, one module per step: ``_records`` (what a log record is), ``_read`` (the three log forms
and named sources), ``_decode`` (entries to outcomes, and their :class:`Summary`), ``_output``
(JSON lines, a table, a progress bar), ``_run`` (the loop that joins them), ``_split`` and
``_parallel`` (the same run on several cores), ``_arrow`` and ``_columnar`` (columnar output),
``_api`` (:func:`decode_log`) and ``_command`` (the command line's run). Every step works on
bytes and streams, never on command-line options; :mod:`smsc_formats.cli` sits above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._public import show_in
from ._api import decode_log
from ._command import Command, cores, execute, typed_op
from ._decode import Decoder, Malformed, Outcome, Summary, declared_limits
from ._output import JsonLines, Progress, Table, Writer, is_columnar
from ._read import (
    Reader,
    known_size,
    parse_delimiter,
    read_delimited,
    read_file,
    read_json_lines,
    read_sources,
    reader_for,
    too_long,
)
from ._records import Entry, LogFields, read_records
from ._run import run
from ._split import Form

if TYPE_CHECKING:
    from ._columnar import record_batches, write_parquet

__all__ = [
    "Command",
    "Decoder",
    "Entry",
    "Form",
    "JsonLines",
    "LogFields",
    "Malformed",
    "Outcome",
    "Progress",
    "Reader",
    "Summary",
    "Table",
    "Writer",
    "cores",
    "declared_limits",
    "decode_log",
    "execute",
    "is_columnar",
    "known_size",
    "parse_delimiter",
    "read_delimited",
    "read_file",
    "read_json_lines",
    "read_records",
    "read_sources",
    "reader_for",
    "record_batches",
    "run",
    "too_long",
    "typed_op",
    "write_parquet",
]

_COLUMNAR = ("record_batches", "write_parquet")
"""Names that need pyarrow, loaded on first use so that importing the package never loads it."""


def __getattr__(name: str) -> Any:
    if name in _COLUMNAR:
        from . import _columnar

        value = getattr(_columnar, name)
        show_in(__name__, value)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


show_in(__name__, Decoder, Entry, JsonLines, LogFields, Malformed, Outcome, Progress, Summary, Table, decode_log)
