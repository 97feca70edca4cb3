"""Streaming readers for logs of raw replies: every input form yields :class:`Entry` values.

Three forms, each from a file or standard input (:func:`read_sources` opens them by name),
never read whole into memory:

- one reply per file (a reply is small; the file is read at once, up to the body cap);
- JSON lines, where each line is an object holding the raw body in a named field, and
  optionally the operation, fmt, charset and request options in others;
- a raw stream of replies separated by a delimiter the user names, read in fixed-size chunks.

A reply longer than ``DecodeLimits.max_body_bytes`` (a JSON line longer than twice that) is
refused as soon as the reader has read that much of it, and the rest of it is skipped unread
or read and dropped: memory stays within the cap, whatever the input.

A reader never decodes a reply; it says where each one starts (file, line, column) and, for a
log line it cannot read, what it expected instead.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import BinaryIO

from ..formats import DEFAULT_LIMITS, DecodeLimits
from ._records import Entry, LogFields, entry_maker

CHUNK = 1 << 20
"""Bytes read at a time from a delimited stream: memory stays bounded by this and one reply."""

_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\"}


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


def read_file(stream: BinaryIO, source: str, *, limits: DecodeLimits = DEFAULT_LIMITS) -> Iterator[Entry]:
    """The whole stream as one reply (an empty one is reported, not skipped); one over the body
    cap is refused, and the rest of it is never read."""
    data = stream.read(limits.max_body_bytes + 1)
    yield _entry(source, data, 1, 0, size=len(data), limits=limits)


def too_long(limits: DecodeLimits) -> str:
    """What a reply over the body cap was expected to be, in the words ``decode`` uses."""
    return limits.exceeded("max_body_bytes").expected


def read_delimited(
    stream: BinaryIO,
    source: str,
    delimiter: bytes,
    *,
    chunk: int = CHUNK,
    limits: DecodeLimits = DEFAULT_LIMITS,
    start: tuple[int, int] = (1, 0),
) -> Iterator[Entry]:
    """Replies separated by ``delimiter``; blank pieces (a trailing delimiter) are skipped.

    ``start`` is where the stream stands in its source: its line, and the bytes before it on
    that line (a piece of a larger stream, cut after a delimiter, is read as the whole would be).

    Each byte is searched for the delimiter once, and split once when one is found. A reply
    longer than the body cap is refused as soon as the buffer passes the cap, and its bytes are
    dropped as they are read, up to the next delimiter: the buffer holds at most the cap and a chunk.
    """
    cap = limits.max_body_bytes
    newline_in_delimiter = b"\n" in delimiter
    tail = len(delimiter) - delimiter.rfind(b"\n") - 1
    buffer = bytearray()
    line, column = start  # where ``buffer`` starts: its line, and bytes before it on that line
    dropping = False  # ``buffer`` starts inside a refused reply
    carried = 0  # bytes read and counted in no entry's size yet (blank pieces, a refused reply's rest)
    while True:
        searched = max(len(buffer) - len(delimiter) + 1, 0)  # no delimiter starts before this
        data = stream.read(chunk)
        buffer += data
        if dropping:
            end = buffer.find(delimiter, searched)
            dropping = end < 0
            cut = max(len(buffer) - len(delimiter) + 1, 0) if dropping else end + len(delimiter)
            line, column = _advance(buffer, cut, line, column)
            carried += cut
            del buffer[:cut]
            searched = 0
        if not dropping and (not data or buffer.find(delimiter, searched) >= 0):
            *pieces, rest = bytes(buffer).split(delimiter) + ([] if data else [b""])
            buffer = bytearray(rest)
            for piece in pieces:
                size = carried = carried + len(piece) + len(delimiter)
                if piece.strip() or len(piece) > cap:
                    yield _entry(source, piece, line, column, size=size, limits=limits)
                    carried = 0
                line += piece.count(b"\n")
                if newline_in_delimiter:
                    line += delimiter.count(b"\n")
                    column = tail
                else:
                    last = piece.rfind(b"\n")
                    column = (column + len(piece) if last < 0 else len(piece) - last - 1) + len(delimiter)
        if not data:
            return
        if not dropping and len(buffer) >= cap + len(delimiter):  # no delimiter can end this reply in time
            cut = len(buffer) - len(delimiter) + 1
            yield _entry(source, bytes(buffer[: cap + 1]), line, column, size=carried + cut, limits=limits)
            line, column = _advance(buffer, cut, line, column)
            carried, dropping = 0, True
            del buffer[:cut]


def _entry(source: str, piece: bytes, line: int, column: int, *, size: int, limits: DecodeLimits) -> Entry:
    """A reply (``piece``, its first bytes when it is over the body cap) at a position."""
    if len(piece) <= limits.max_body_bytes:
        return Entry(source, *_start(piece, line, column), size, piece)
    head = piece[:-1]  # where a refused reply starts: its first non-blank byte, if the cap holds one
    position = _start(head, line, column) if head.strip() else (line, column + 1)
    return Entry(source, *position, size, None, problem=too_long(limits))


def _advance(data: bytearray, end: int, line: int, column: int) -> tuple[int, int]:
    """The position after ``data[:end]``, given where its first byte stands."""
    newlines = data.count(b"\n", 0, end)
    if not newlines:
        return line, column + end
    return line + newlines, end - data.rfind(b"\n", 0, end) - 1


def _start(piece: bytes, line: int, column: int) -> tuple[int, int]:
    """The line and 1-based column of the first non-blank byte of ``piece``."""
    lead = piece[: len(piece) - len(piece.lstrip())]
    newlines = lead.count(b"\n")
    if newlines:
        return line + newlines, len(lead) - lead.rfind(b"\n")
    return line, column + len(lead) + 1


def read_json_lines(
    stream: BinaryIO, source: str, fields: LogFields, *, limits: DecodeLimits = DEFAULT_LIMITS, first_line: int = 1
) -> Iterator[Entry]:
    """One entry per non-blank line; a line that is not an object with the body field says so.

    A line longer than twice the body cap (a reply held in a JSON string grows by its escapes)
    is refused as soon as it passes that, and the rest of it is skipped without being kept.
    ``first_line`` is the number of the stream's first line in its source.
    """
    cap = line_cap(limits)
    entry = entry_maker(fields)
    for number, (raw, size) in enumerate(_lines(stream, cap), start=first_line):
        if raw is None:
            expected = f"a log line of at most {cap} bytes (twice DecodeLimits.max_body_bytes)"
            yield Entry(source, number, 1, size, None, problem=expected)
        elif raw.strip():
            yield entry(raw, source, number, size)


def line_cap(limits: DecodeLimits) -> int:
    """The longest JSON line read: twice the body cap, as a reply held in a JSON string grows by its escapes."""
    return 2 * limits.max_body_bytes


def _lines(stream: BinaryIO, cap: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line and its size in bytes; None for a line longer than ``cap``, whose rest is read
    a chunk at a time and dropped."""
    while raw := stream.readline(cap + 1):
        size = len(raw)
        if len(raw) > cap and not raw.endswith(b"\n"):
            while not raw.endswith(b"\n") and (raw := stream.readline(CHUNK)):
                size += len(raw)
            yield None, size
            continue
        yield raw, size


Reader = Callable[[BinaryIO, str], Iterator[Entry]]
"""A log form: the entries of one stream, given the name it is reported under."""


def reader_for(
    *, fields: LogFields | None = None, delimiter: bytes | None = None, limits: DecodeLimits = DEFAULT_LIMITS
) -> Reader:
    """JSON lines with these ``fields``, else replies between ``delimiter``s, else one reply per source,
    each within ``limits``' body cap."""
    if fields is not None:
        return partial(read_json_lines, fields=fields, limits=limits)
    if delimiter is not None:
        return partial(read_delimited, delimiter=delimiter, limits=limits)
    return partial(read_file, limits=limits)


def read_sources(names: Sequence[str], reader: Reader, on_error: Callable[[str, OSError], None]) -> Iterator[Entry]:
    """Every entry of every source in order (``-`` is standard input); a source that cannot be
    opened or read goes to ``on_error`` and is skipped from where reading failed (the entries
    before that are kept)."""
    for name in names:
        if name == "-":
            yield from _read(reader, sys.stdin.buffer, "<stdin>", on_error)
            continue
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below, after the generator is drained
        except OSError as exc:
            on_error(name, exc)
            continue
        with stream:
            yield from _read(reader, stream, name, on_error)


def _read(reader: Reader, stream: BinaryIO, source: str, on_error: Callable[[str, OSError], None]) -> Iterator[Entry]:
    try:
        yield from reader(stream, source)
    except OSError as exc:  # the reader's own: what the consumer raises does not reach in here
        on_error(source, exc)


def known_size(names: Sequence[str]) -> int | None:
    """The total size of the sources when every one is a regular file, for a progress bar."""
    total = 0
    for name in names:
        try:
            status = os.stat(name) if name != "-" else os.fstat(sys.stdin.fileno())
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        total += status.st_size
    return total
