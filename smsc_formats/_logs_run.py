"""The log run of ``smsc-formats decode``: read every source, decode each reply, report.

Memory stays bounded: sources are read as streams, and each outcome is written before the
next reply is read.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable, Iterator
from functools import partial
from typing import BinaryIO, TextIO

from ._logs import Entry, LogFields, read_delimited, read_file, read_json_lines
from ._logs_decode import Decoder, Summary
from ._logs_output import JsonLines, Progress, Table

Reader = Callable[[BinaryIO, str], Iterator[Entry]]


def decode_logs(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Decode every reply of every source; exit status 1 if any was malformed, 2 if a source or the output failed."""
    decoder = Decoder(op=args.op, params=dict(args.param), fmt=args.fmt, charset=args.charset, strict=args.strict)
    # On a terminal the output itself shows the progress, and a bar would be drawn across it.
    progress = Progress(stderr, None if stdout.isatty() else _known_size(args.files))
    summary = Summary()
    failed: list[str] = []

    def report(message: str) -> None:
        progress.clear()
        print(message, file=stderr)

    try:
        writer = Table(stdout) if args.format == "table" else JsonLines(stdout.buffer)
        for entry in _entries(args.files, _reader(args), report, failed):
            outcome = decoder(entry)
            summary.add(outcome)
            writer.write(outcome)
            progress.advance(entry.size)
            if outcome.malformed is not None:
                report(outcome.malformed.message(entry.source, outcome.op))
                if args.fail_fast:
                    break
        stdout.flush()
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as ``yes | head`` does
        _silence(stdout)
        return _BROKEN_PIPE
    except OSError as exc:  # writing failed (a full disk); a source that fails is reported where it is read
        report(f"smsc-formats: output: {exc.strerror or exc}")
        failed.append("<stdout>")
    report(f"smsc-formats: {summary.text()}")
    return 2 if failed else 1 if summary.malformed else 0


_BROKEN_PIPE = 128 + 13
"""The status a shell reports for a command ended by SIGPIPE."""


def _silence(stdout: TextIO) -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stdout.fileno())
    os.close(devnull)


def _reader(args: argparse.Namespace) -> Reader:
    if args.body_field is not None:
        fields = LogFields(args.body_field, args.op_field, args.fmt_field, args.charset_field, args.params_field)
        return partial(read_json_lines, fields=fields)
    if args.delimiter is not None:
        return partial(read_delimited, delimiter=args.delimiter)
    return read_file


def _entries(names: list[str], reader: Reader, report: Callable[[str], None], failed: list[str]) -> Iterator[Entry]:
    """Every entry of every source in order; a source that cannot be opened or read is reported and skipped
    (from where reading failed: the entries before that are kept)."""
    for name in names:
        if name == "-":
            yield from _read(reader, sys.stdin.buffer, "<stdin>", report, failed)
            continue
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below, after the generator is drained
        except OSError as exc:
            report(f"smsc-formats: {name}: {exc.strerror or exc}")
            failed.append(name)
            continue
        with stream:
            yield from _read(reader, stream, name, report, failed)


def _read(
    reader: Reader, stream: BinaryIO, source: str, report: Callable[[str], None], failed: list[str]
) -> Iterator[Entry]:
    try:
        yield from reader(stream, source)
    except OSError as exc:  # the reader's own: what the consumer raises does not reach in here
        report(f"smsc-formats: {source}: {exc.strerror or exc}")
        failed.append(source)


def _known_size(names: list[str]) -> int | None:
    """The total size of the sources when every one is a regular file, for the progress bar."""
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
