"""Logs of raw replies, decoded one reply at a time: the engine under ``smsc-formats decode``.

A log is read as a stream of :class:`Entry` values (one reply each, with where it stands in its
source), each entry is decoded to an :class:`Outcome` (the reply as ``to_api`` gives it, an
error reply, or why it is :class:`Malformed`), and each outcome is written before the next
reply is read::

    fields = LogFields("body", op="op", fmt="fmt")
    entries = read_sources(["a.log"], reader_for(fields=fields), on_error=lambda name, exc: print(name, exc))
    decoder = Decoder(op=None, params={}, fmt="auto", charset="utf-8", strict=False)
    for outcome in map(decoder, entries):
        ...

Inside, one module per step: ``_read`` (the three log forms and named sources), ``_decode``
(entries to outcomes, and their :class:`Summary`), ``_output`` (JSON lines, a table, a progress
bar) and ``_run`` (the loop that joins them). Every step works on bytes and streams, never on
command-line options; the command-line tool in :mod:`smsc_formats.cli` sits above it.
"""

from __future__ import annotations

from .._public import show_in
from ._decode import Decoder, Malformed, Outcome, Summary
from ._output import JsonLines, Progress, Table, Writer
from ._read import (
    Entry,
    LogFields,
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
from ._run import run

__all__ = [
    "Decoder",
    "Entry",
    "JsonLines",
    "LogFields",
    "Malformed",
    "Outcome",
    "Progress",
    "Reader",
    "Summary",
    "Table",
    "Writer",
    "known_size",
    "parse_delimiter",
    "read_delimited",
    "read_file",
    "read_json_lines",
    "read_sources",
    "reader_for",
    "run",
    "too_long",
]

show_in(__name__, Decoder, Entry, JsonLines, LogFields, Malformed, Outcome, Progress, Summary, Table)
