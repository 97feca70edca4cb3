"""A log cut into pieces at record boundaries, each read on its own as the whole would be.

:func:`split_sources` reads the named sources (``-`` is standard input) in blocks and cuts them
into :class:`Piece` values of about ``chunk`` bytes: after a line end in a JSON-lines log,
after a delimiter in a raw stream (found left to right, as the reader finds them), one per
file otherwise. Each piece carries where it starts (line, and bytes before it on that line),
so :func:`entries_of` gives the same entries, at the same positions, as reading the whole.

Only bytes are looked at here (a line end, a delimiter): no JSON is parsed, no reply decoded,
so the process that cuts stays far ahead of those that decode. A record longer than the reader
takes (a JSON line past twice the body cap, a reply past the cap) is cut to the part the reader
looks at and the rest skipped unkept, as the reader does: memory stays within the cap and two blocks.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from ..formats import DEFAULT_LIMITS, DecodeLimits
from ._read import CHUNK, line_cap, read_delimited, read_file, read_json_lines
from ._records import Entry, LogFields


@dataclass(frozen=True, slots=True)
class Form:
    """How a log is read: JSON lines with ``fields``, else replies between ``delimiter``s, else one per file;
    each reply within ``limits``' body cap (the named operation's declared limits, else the defaults)."""

    fields: LogFields | None = None
    delimiter: bytes | None = None
    limits: DecodeLimits = DEFAULT_LIMITS


@dataclass(frozen=True, slots=True)
class Piece:
    """Bytes of a source that start at a record boundary, and where they start."""

    source: str
    data: bytes
    line: int
    column: int
    size: int
    """Input bytes this piece stands for (a skipped rest included), for the progress bar."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A source that could not be opened or read, at the point in the run where it failed."""

    source: str
    error: OSError


def entries_of(piece: Piece, form: Form) -> Iterator[Entry]:
    """The entries of one piece, positioned in its source."""
    return read_form(io.BytesIO(piece.data), piece.source, form, start=(piece.line, piece.column))


def read_form(stream: BinaryIO, source: str, form: Form, *, start: tuple[int, int] = (1, 0)) -> Iterator[Entry]:
    """The entries of a stream read in ``form``; ``start`` is where the stream stands in its source
    (its line, and the bytes before it on that line)."""
    if form.fields is not None:
        return read_json_lines(stream, source, form.fields, limits=form.limits, first_line=start[0])
    if form.delimiter is not None:
        return read_delimited(stream, source, form.delimiter, limits=form.limits, start=start)
    return read_file(stream, source, limits=form.limits)


def split_sources(names: Sequence[str], form: Form, *, chunk: int = CHUNK) -> Iterator[Piece | Failure]:
    """Every source's pieces in order; a source that fails gives a :class:`Failure` where it failed
    (the pieces before it are kept) and the next source is read."""
    for name in names:
        source = "<stdin>" if name == "-" else name
        try:
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            yield Failure(source, exc)
            continue
        try:
            yield from _split(stream, source, form, chunk)
        except OSError as exc:
            yield Failure(source, exc)
        finally:
            if name != "-":
                stream.close()


def _split(stream: BinaryIO, source: str, form: Form, chunk: int) -> Iterator[Piece]:
    if form.fields is not None:
        return _split_lines(stream, source, chunk, line_cap(form.limits))
    if form.delimiter is not None:
        return _split_delimited(stream, source, form.delimiter, chunk, form.limits.max_body_bytes)
    data = stream.read(form.limits.max_body_bytes + 1)  # what read_file reads
    return iter([Piece(source, data, 1, 0, len(data))])


def _split_lines(stream: BinaryIO, source: str, chunk: int, cap: int) -> Iterator[Piece]:
    """Pieces of whole lines; ``cap`` is read_json_lines' line cap."""
    buffer, line = b"", 1
    while data := stream.read(chunk):
        buffer += data
        cut = buffer.rfind(b"\n") + 1
        if cut:
            yield Piece(source, buffer[:cut], line, 0, cut)
            line += buffer.count(b"\n", 0, cut)
            buffer = buffer[cut:]
        if len(buffer) > cap:  # a line past the cap: its head is refused, its rest skipped unkept
            head, size, end = buffer[: cap + 1], len(buffer), -1
            while (data := stream.read(chunk)) and (end := data.find(b"\n")) < 0:
                size += len(data)
            buffer = data[end + 1 :] if end >= 0 else b""
            yield Piece(source, head, line, 0, size + end + 1)
            line += 1
    if buffer:
        yield Piece(source, buffer, line, 0, len(buffer))


def _split_delimited(stream: BinaryIO, source: str, delimiter: bytes, chunk: int, cap: int) -> Iterator[Piece]:
    """Pieces that end after a delimiter; ``cap`` is the body cap read_delimited keeps to."""
    width = len(delimiter)
    buffer, line, column = b"", 1, 0
    while data := stream.read(chunk):
        buffer += data
        last = buffer.split(delimiter)[-1]  # left to right, as the reader splits
        cut = len(buffer) - len(last)
        if cut:
            yield Piece(source, buffer[:cut], line, column, cut)
            line, column = _after(buffer[:cut], line, column)
            buffer = last
        if len(buffer) >= cap + width:  # no delimiter ends this reply in time: its head is refused
            head, start, size = buffer[: cap + 1], (line, column), 0
            while (end := buffer.find(delimiter)) < 0:
                drop = len(buffer) - width + 1  # a delimiter may start in the bytes kept
                size += drop
                line, column = _after(buffer[:drop], line, column)
                buffer = buffer[drop:]
                if not (data := stream.read(chunk)):
                    break
                buffer += data
            cut = end + width if end >= 0 else len(buffer)
            line, column = _after(buffer[:cut], line, column)
            yield Piece(source, head, *start, size + cut)
            buffer = buffer[cut:]
    if buffer:
        yield Piece(source, buffer, line, column, len(buffer))


def _after(data: bytes, line: int, column: int) -> tuple[int, int]:
    """Where the byte after ``data`` stands, given where its first byte does."""
    newlines = data.count(b"\n")
    if not newlines:
        return line, column + len(data)
    return line + newlines, len(data) - data.rfind(b"\n") - 1
