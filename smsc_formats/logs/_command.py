"""The log run of ``smsc-formats decode``: sources to one output, a summary, an exit status.

On one core (``jobs=1``) each reply is read, decoded and written before the next is read; on
several, the input is cut into pieces decoded in worker processes (:mod:`._parallel`) and the
output is the same, byte for byte, as are the messages, the summary and the exit status. The
output is JSON lines or a table, on standard output or in a file, or a columnar file (Parquet,
Arrow IPC) when its name says so. Exit status: 1 if a reply was malformed, 2 if a source or the
output failed. A closed output pipe raises ``BrokenPipeError`` for the caller to end quietly.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Literal, TextIO

from ._decode import Decoder, Summary
from ._output import JsonLines, Progress, Table, Writer, is_columnar, table_width
from ._parallel import Done, Job, JsonPart, Part, TablePart, run_parallel
from ._read import CHUNK, known_size, read_sources, reader_for
from ._run import run
from ._split import Failure, Form, split_sources


@dataclass(frozen=True, slots=True)
class Command:
    """A log run, as the command line gives it."""

    files: Sequence[str]
    decoder: Mapping[str, Any]
    """The :class:`Decoder`'s keyword arguments: op, params, fmt, charset, strict."""
    form: Form = field(default_factory=Form)
    format: Literal["json", "table"] = "json"
    output: str | None = None
    """A file to write instead of standard output; a ``.parquet`` or ``.arrow`` name makes it columnar."""
    jobs: int = 1
    """Worker processes; 0 for one per core."""
    fail_fast: bool = False
    chunk: int = CHUNK
    """Bytes of input per task of a worker."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def typed_op(command: Command) -> str | None:
    """The one operation whose fields get typed columns: named, and not varied by the log's lines."""
    fields = command.form.fields
    if fields is not None and (fields.op is not None or fields.params is not None):
        return None
    op = command.decoder.get("op")
    return op if isinstance(op, str) else None


def execute(command: Command, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``command``; messages and the summary go to ``stderr``."""
    summary, failed = Summary(), list[str]()
    to_terminal = command.output is None and stdout.isatty()
    # On a terminal the output itself shows the progress, and a bar would be drawn across it.
    progress = Progress(stderr, None if to_terminal else known_size(command.files))

    def report(message: str) -> None:
        progress.clear()
        print(message, file=stderr)

    def unreadable(source: str, exc: OSError) -> None:
        report(f"smsc-formats: {source}: {exc.strerror or exc}")
        failed.append(source)

    try:
        with _output(command, stdout) as (writer, part, sink):
            if command.jobs == 1:
                reader = reader_for(
                    fields=command.form.fields, delimiter=command.form.delimiter, limits=command.form.limits
                )
                entries = read_sources(command.files, reader, unreadable)
                decoder = Decoder(**command.decoder)
                run(entries, decoder, writer, summary, progress=progress, report=report, fail_fast=command.fail_fast)
            else:
                job = Job(command.decoder, command.form, part, command.fail_fast)

                def hand_on(done: Done) -> bool:
                    summary.merge(done.summary)
                    sink(done.payload)
                    progress.advance(done.size, done.summary.read)
                    for message in done.messages:
                        report(message)
                    return not done.stopped

                def failure(item: Failure) -> None:
                    unreadable(item.source, item.error)

                pieces = split_sources(command.files, command.form, chunk=command.chunk)
                run_parallel(pieces, job, command.jobs or cores(), hand_on, failure, chunk=command.chunk)
    except BrokenPipeError:
        raise
    except BrokenProcessPool as exc:
        report(f"smsc-formats: a worker process failed ({exc})")
        failed.append("<worker>")
    except OSError as exc:  # writing failed (a full disk); a source that fails is reported where it is read
        report(f"smsc-formats: output: {exc.strerror or exc}")
        failed.append("<output>")
    report(f"smsc-formats: {summary.text()}")
    return 2 if failed else 1 if summary.malformed else 0


Output = tuple[Writer, Callable[[], Part], Callable[[Any], object]]
"""A one-process writer, a maker of a worker's part, and the writer of a part's payload."""


@contextlib.contextmanager
def _output(command: Command, stdout: TextIO) -> Iterator[Output]:
    if command.output is not None and is_columnar(command.output):
        from ._arrow import Columns  # pyarrow: only now
        from ._columnar import ArrowPart, ColumnarFile, ColumnarWriter

        op, params = typed_op(command), command.decoder.get("params", {})
        columns = Columns(op, params)
        file = ColumnarFile(command.output, columns.schema)
        writer = ColumnarWriter(columns, file)
        try:
            yield writer, functools.partial(ArrowPart, op, params), file.write_batch
            writer.flush()
        finally:
            file.close()
    elif command.format == "table":
        with _opened(command.output, stdout, binary=False) as text:
            yield Table(text), functools.partial(TablePart, table_width(text)), text.write
            text.flush()
    else:
        with _opened(command.output, stdout, binary=True) as binary:
            yield JsonLines(binary), JsonPart, binary.write
            binary.flush()


@contextlib.contextmanager
def _opened(path: str | None, stdout: TextIO, *, binary: bool) -> Iterator[Any]:
    """Standard output, or the file named; text is UTF-8 in a file, the locale's on standard output."""
    if path is None:
        yield stdout.buffer if binary else stdout
        return
    with open(path, "wb") if binary else open(path, "w", encoding="utf-8") as out:
        yield out
