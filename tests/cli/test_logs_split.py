"""Cutting a log into pieces for worker processes: each piece reads as the whole log does."""

from __future__ import annotations

import io
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from smsc_formats import DecodeLimits
from smsc_formats.logs import (
    Entry,
    JsonLines,
    LogFields,
    Outcome,
    Table,
    _parallel,
    read_delimited,
    read_file,
    read_json_lines,
)
from smsc_formats.logs._split import Failure, Form, Piece, entries_of, split_sources

FIELDS = LogFields("body", op="op")
JSON_LOG = (
    b'{"body": "0,-9", "op": "get_operator"}\n\n'
    b"not json\n"
    b'{"body": "\xd0\xa0,\xd0\x9c,\xd0\x9c,250,01,3", "op": "get_operator"}\n'
    b'{"nobody": 1}\n  \n{"body": "0,-2"}'
)
STREAM = b"0,-9;\n\n\n  0,-2\nx;\n\n\nmcc 250\n\n\n\n0,-1;\n\n"


def positions(entries: list[Entry]) -> list[tuple[object, ...]]:
    return [(e.source, e.line, e.column, e.body, e.op, e.problem) for e in entries]


def pieces_read(path: Path, form: Form, chunk: int) -> list[Entry]:
    items = list(split_sources([str(path)], form, chunk=chunk))
    assert all(isinstance(item, Piece) for item in items)
    return [entry for item in items if isinstance(item, Piece) for entry in entries_of(item, form)]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_json_lines_cut_anywhere_read_as_the_whole(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(JSON_LOG)
    whole = list(read_json_lines(io.BytesIO(JSON_LOG), str(path), FIELDS))
    assert [entry.line for entry in whole] == [1, 3, 4, 5, 7]
    assert positions(pieces_read(path, Form(fields=FIELDS), chunk)) == positions(whole)


@pytest.mark.parametrize("delimiter", [b"\n", b"\n\n", b";\n\n", b"\n\n\n"])
@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
def test_a_stream_cut_anywhere_reads_as_the_whole(tmp_path: Path, delimiter: bytes, chunk: int) -> None:
    path = tmp_path / "log.txt"
    path.write_bytes(STREAM)
    whole = list(read_delimited(io.BytesIO(STREAM), str(path), delimiter))
    assert len(whole) >= 3
    assert positions(pieces_read(path, Form(delimiter=delimiter), chunk)) == positions(whole)


def test_one_reply_per_file_is_one_piece_each(tmp_path: Path) -> None:
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    files[0].write_bytes(b"  0,-9")
    files[1].write_bytes(b"")
    items = list(split_sources(list(map(str, files)), Form(), chunk=1))
    got = [entry for item in items if isinstance(item, Piece) for entry in entries_of(item, Form())]
    assert len(items) == 2
    expected = [entry for f in files for entry in read_file(io.BytesIO(f.read_bytes()), str(f))]
    assert positions(got) == positions(expected)


@pytest.fixture
def small_cap() -> DecodeLimits:
    return DecodeLimits(max_body_bytes=10)


@pytest.mark.parametrize("chunk", [1, 3, 4, 64])
def test_a_json_line_past_the_cap_is_cut_to_its_head_and_the_rest_skipped(
    tmp_path: Path, chunk: int, small_cap: DecodeLimits
) -> None:
    data = b'{"body": "0,-9"}\n' + b"x" * 70 + b'\n{"body": "0,-2"}\n' + b"y" * 25
    path = tmp_path / "log.jsonl"
    path.write_bytes(data)
    whole = list(read_json_lines(io.BytesIO(data), str(path), LogFields("body"), limits=small_cap))
    assert [entry.problem is not None for entry in whole] == [False, True, False, True]
    pieces = [
        item
        for item in split_sources([str(path)], Form(LogFields("body"), limits=small_cap), chunk=chunk)
        if isinstance(item, Piece)
    ]
    assert max(len(piece.data) for piece in pieces) <= 2 * 10 + 1 + chunk + 17
    assert sum(piece.size for piece in pieces) == len(data)
    got = [
        e
        for piece in pieces
        for e in read_json_lines(
            io.BytesIO(piece.data), piece.source, LogFields("body"), limits=small_cap, first_line=piece.line
        )
    ]
    assert [(e.line, e.problem) for e in got] == [(e.line, e.problem) for e in whole]


@pytest.mark.parametrize("chunk", [1, 2, 5, 64])
def test_a_reply_past_the_cap_is_cut_to_its_head_and_the_rest_skipped(
    tmp_path: Path, chunk: int, small_cap: DecodeLimits
) -> None:
    data = b"0,-9|" + b"x\n" * 30 + b"|0,-2|" + b"z" * 40
    path = tmp_path / "log.txt"
    path.write_bytes(data)
    whole = list(read_delimited(io.BytesIO(data), str(path), b"|", limits=small_cap))
    form = Form(delimiter=b"|", limits=small_cap)
    pieces = [item for item in split_sources([str(path)], form, chunk=chunk) if isinstance(item, Piece)]
    assert sum(piece.size for piece in pieces) == len(data)
    got = [
        e
        for piece in pieces
        for e in read_delimited(
            io.BytesIO(piece.data), piece.source, b"|", limits=small_cap, start=(piece.line, piece.column)
        )
    ]
    assert positions(got) == positions(whole)
    assert [e.line for e in got] == [1, 1, 31, 31]


def test_a_source_that_cannot_be_read_is_a_failure_in_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(b"0,-9")

    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Failing())))
    items = list(split_sources([str(tmp_path / "nope"), "-", str(good)], Form(delimiter=b"\n")))
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "Piece"]
    assert [item.source for item in items] == [str(tmp_path / "nope"), "<stdin>", str(good)]


def test_tasks_bundle_small_pieces_and_keep_failures_in_place() -> None:
    piece = Piece("a", b"0,-9", 1, 0, 4)
    failure = Failure("b", OSError("gone"))
    got = list(_parallel.tasks(iter([piece, failure, piece, piece, piece]), chunk=8))
    assert got == [[piece], failure, [piece, piece], [piece]]


def outcomes(form: Form, data: bytes) -> list[Outcome]:
    from smsc_formats.logs import Decoder

    decoder = Decoder(op="get_operator", params={}, fmt="auto", charset="utf-8", strict=False)
    return [decoder(entry) for entry in entries_of(Piece("s", data, 1, 0, len(data)), form)]


@pytest.mark.parametrize("fail_fast", [False, True])
def test_a_worker_renders_its_part_as_the_one_process_writers_do(fail_fast: bool) -> None:
    form = Form(delimiter=b"\n\n")
    job = _parallel.Job(
        {"op": "get_operator", "params": {}, "fmt": "auto", "charset": "utf-8", "strict": False},
        form,
        _parallel.JsonPart,
        fail_fast,
    )
    _parallel.start(job)
    done = _parallel.work([Piece("s", STREAM, 1, 0, len(STREAM))])
    expected = io.BytesIO()
    writer = JsonLines(expected)
    written = outcomes(form, STREAM)
    if fail_fast:
        written = written[: next(i for i, o in enumerate(written) if o.malformed) + 1]
    for outcome in written:
        writer.write(outcome)
    assert done.payload == expected.getvalue()
    assert done.stopped is fail_fast
    assert done.summary.read == len(written)
    assert done.messages == [o.malformed.message("s", o.op) for o in written if o.malformed]


def test_a_worker_s_table_rows_have_no_header() -> None:
    form = Form(delimiter=b"\n")
    _parallel.start(
        replace(
            _parallel.Job(
                {"op": "get_operator", "params": {}, "fmt": "auto", "charset": "utf-8", "strict": False},
                form,
                lambda: _parallel.TablePart(None),
            )
        )
    )
    done = _parallel.work([Piece("s", b"0,-9\n", 1, 0, 5)])
    whole = io.StringIO()
    Table(whole, width=None).write(outcomes(form, b"0,-9\n")[0])
    assert done.payload == whole.getvalue().split("\n", 1)[1]
