"""What a log holds: :class:`Entry` (one reply and where it stands), and log records to entries.

A record of a JSON-lines log is an object holding the raw reply in a named field
(:class:`LogFields`), and optionally the operation, fmt, charset and request options in others;
a dotted name reaches into nested objects. A record is read from a line of bytes (the readers)
or given as a mapping or a JSON line (:func:`read_records`, for an engine that holds records in
memory). A record that lacks its body says so in the entry, which is never an exception.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Entry:
    """One reply (or one unreadable log line) and where it stands in its source.

    ``column`` is the 1-based column of the reply's first character; a position inside the
    reply is shifted by it on the reply's first line. ``body`` is text when a JSON-lines log
    held it as a string (it is encoded in the reply's charset before decoding).
    """

    source: str
    line: int
    column: int
    size: int
    """Input bytes this entry consumed, for the progress bar."""
    body: bytes | str | None
    op: object = None
    fmt: object = None
    charset: object = None
    params: object = None
    problem: str | None = None
    """What a log line lacked (when ``body`` is None)."""


@dataclass(frozen=True, slots=True)
class LogFields:
    """The field names of a JSON-lines log; a dotted name reaches into nested objects."""

    body: str
    op: str | None = None
    fmt: str | None = None
    charset: str | None = None
    params: str | None = None


EntryMaker = Callable[[bytes | str | Mapping[str, Any], str, int, int], Entry]
"""A record (a JSON line, or the object it holds), its source, line and size, to an entry."""


def entry_maker(fields: LogFields) -> EntryMaker:
    """Records of a log with these ``fields`` to entries; the dotted names are split once."""
    paths = [None if name is None else name.split(".") for name in (fields.op, fields.fmt, fields.charset)]
    params_path = None if fields.params is None else fields.params.split(".")
    body_path = fields.body.split(".")

    def entry(record: bytes | str | Mapping[str, Any], source: str, number: int, size: int) -> Entry:
        if isinstance(record, bytes | str):
            try:  # JSON lines are UTF-8; decoding first skips loads()' sniffing
                record = json.loads(record.decode("utf-8") if isinstance(record, bytes) else record)
            except (ValueError, RecursionError) as exc:  # RecursionError: nesting deeper than the parser goes
                column = getattr(exc, "colno", 1)
                return Entry(source, number, column, size, None, problem=f"a JSON object on each line ({exc})")
        body = _field(record, body_path)
        if not isinstance(body, str | bytes):
            found = "nothing" if body is None else type(body).__name__
            expected = f"a JSON object whose {fields.body!r} field holds the reply as a string, found {found}"
            return Entry(source, number, 1, size, None, problem=expected)
        op, fmt, charset = (None if path is None else _field(record, path) for path in paths)
        params = None if params_path is None else _field(record, params_path)
        return Entry(source, number, 1, size, body, op, fmt, charset, params)

    return entry


def _field(item: Any, path: list[str]) -> Any:
    for name in path:
        if type(item) is not dict and not isinstance(item, Mapping):  # the common dict, without the ABC's cost
            return None
        item = item.get(name)
    return item


def read_records(
    records: Iterable[object], source: str, fields: LogFields | None, *, first_line: int = 1
) -> Iterator[Entry]:
    """Records held in memory, numbered from ``first_line``: with ``fields``, each a mapping or a
    JSON line (text or bytes) of a JSON-lines log; without, each one reply's bytes (or text)."""
    entry = None if fields is None else entry_maker(fields)
    for number, record in enumerate(records, start=first_line):
        if entry is not None and isinstance(record, bytes | str | Mapping):
            yield entry(record, source, number, len(record) if isinstance(record, bytes | str) else 0)
        elif entry is None and isinstance(record, bytes | str):
            yield Entry(source, number, 1, len(record), record)
        else:
            expected = "a mapping or a JSON line" if fields is not None else "a reply's bytes or text"
            yield Entry(source, number, 1, 0, None, problem=f"{expected}, found {type(record).__name__}")
