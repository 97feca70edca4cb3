"""Streaming readers for logs of raw replies: every input form yields :class:`Entry` values.

Three forms, each from a file or standard input, never read whole into memory:

- one reply per file (a reply is small; the file is read at once);
- JSON lines, where each line is an object holding the raw body in a named field, and
  optionally the operation, fmt, charset and request options in others;
- a raw stream of replies separated by a delimiter the user names, read in fixed-size chunks.

A reader never decodes a reply; it says where each one starts (file, line, column) and, for a
log line it cannot read, what it expected instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

CHUNK = 1 << 20
"""Bytes read at a time from a delimited stream: memory stays bounded by this and one reply."""

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\"}


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


def parse_delimiter(text: str) -> bytes:
    """The delimiter as UTF-8 bytes, with ``\\n \\r \\t \\0 \\\\`` and ``\\xHH`` (one byte) understood."""
    out = bytearray()
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        if char != "\\" or index == len(text):
            out += char.encode("utf-8")
            continue
        code = text[index]
        if code == "x":
            try:
                out.append(int(text[index + 1 : index + 3], 16))
            except ValueError:
                raise ValueError(f"two hex digits after \\x, found {text[index + 1 : index + 3]!r}") from None
            index += 3
            continue
        if code not in _ESCAPES:
            raise ValueError(f"a known escape (\\n \\r \\t \\0 \\\\ \\xHH), found \\{code}")
        out += _ESCAPES[code].encode()
        index += 1
    if not out:
        raise ValueError("a delimiter of at least one byte")
    return bytes(out)


def read_file(stream: BinaryIO, source: str) -> Iterator[Entry]:
    """The whole stream as one reply (an empty one is reported, not skipped)."""
    data = stream.read()
    line, column = _start(data, 1, 0)
    yield Entry(source, line, column, len(data), data)


def read_delimited(stream: BinaryIO, source: str, delimiter: bytes, *, chunk: int = CHUNK) -> Iterator[Entry]:
    """Replies separated by ``delimiter``; blank pieces (a trailing delimiter) are skipped."""
    newline_in_delimiter = b"\n" in delimiter
    tail = len(delimiter) - delimiter.rfind(b"\n") - 1
    pending = b""
    line, column = 1, 0  # where ``pending`` starts: its line, and bytes before it on that line
    while True:
        data = stream.read(chunk)
        pending += data
        pieces = pending.split(delimiter)
        pending = pieces.pop() if data else b""
        for piece in pieces:
            if piece.strip():
                start_line, start_column = _start(piece, line, column)
                yield Entry(source, start_line, start_column, len(piece) + len(delimiter), piece)
            line += piece.count(b"\n")
            if newline_in_delimiter:
                line += delimiter.count(b"\n")
                column = tail
            else:
                last = piece.rfind(b"\n")
                column = (column + len(piece) if last < 0 else len(piece) - last - 1) + len(delimiter)
        if not data:
            return


def _start(piece: bytes, line: int, column: int) -> tuple[int, int]:
    """The line and 1-based column of the first non-blank byte of ``piece``."""
    lead = piece[: len(piece) - len(piece.lstrip())]
    newlines = lead.count(b"\n")
    if newlines:
        return line + newlines, len(lead) - lead.rfind(b"\n")
    return line, column + len(lead) + 1


def read_json_lines(stream: BinaryIO, source: str, fields: LogFields) -> Iterator[Entry]:
    """One entry per non-blank line; a line that is not an object with the body field says so."""
    paths = [None if name is None else name.split(".") for name in (fields.op, fields.fmt, fields.charset)]
    params_path = None if fields.params is None else fields.params.split(".")
    body_path = fields.body.split(".")
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw.decode("utf-8"))  # JSON lines are UTF-8; skips loads()' sniffing
        except ValueError as exc:
            column = getattr(exc, "colno", 1)
            yield Entry(source, number, column, len(raw), None, problem=f"a JSON object on each line ({exc})")
            continue
        body = _field(item, body_path)
        if not isinstance(body, str):
            found = "nothing" if body is None else type(body).__name__
            expected = f"a JSON object whose {fields.body!r} field holds the reply as a string, found {found}"
            yield Entry(source, number, 1, len(raw), None, problem=expected)
            continue
        op, fmt, charset = (None if path is None else _field(item, path) for path in paths)
        params = None if params_path is None else _field(item, params_path)
        yield Entry(source, number, 1, len(raw), body, op, fmt, charset, params)


def _field(item: Any, path: list[str]) -> Any:
    for name in path:
        if not isinstance(item, dict):
            return None
        item = item.get(name)
    return item
