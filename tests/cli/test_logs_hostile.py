"""Hostile logs: no line aborts the run, no reply is buffered past the body cap, no cell drives a terminal."""

from __future__ import annotations

import io
import json
import time

import pytest

from smsc_formats import DecodeLimits
from smsc_formats.cli import main
from smsc_formats.logs import (
    Decoder,
    Entry,
    JsonLines,
    LogFields,
    Outcome,
    Table,
    read_delimited,
    read_file,
    read_json_lines,
)

CAP = DecodeLimits(max_body_bytes=10)
TOO_LONG = "a body of at most 10 bytes (DecodeLimits.max_body_bytes)"


def summary(entries: list[Entry]) -> list[tuple[int, int, object, str | None]]:
    return [(entry.line, entry.column, entry.body, entry.problem) for entry in entries]


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 11, 64])
def test_a_delimited_reply_past_the_cap_is_refused_and_the_next_read(chunk: int) -> None:
    data = b"0,-9|" + b"x" * 10 + b"|\n  " + b"y\n" * 30 + b"|0,-2|" + b" " * 40 + b"|\nz|"
    got = list(read_delimited(io.BytesIO(data), "s", b"|", chunk=chunk, limits=CAP))
    assert summary(got) == [
        (1, 1, b"0,-9", None),
        (1, 6, b"x" * 10, None),  # at the cap exactly: kept
        (2, 3, None, TOO_LONG),
        (32, 2, b"0,-2", None),
        (32, 7, None, TOO_LONG),  # blank, but too long to tell before the cap
        (33, 1, b"\nz", None),
    ]
    assert sum(entry.size for entry in got) == len(data)


@pytest.mark.parametrize("chunk", [1, 4, 64])
def test_a_refused_reply_is_dropped_up_to_a_delimiter_split_across_reads(chunk: int) -> None:
    data = b"a" * 25 + b"<=>" + b"b" * 7 + b"<=" + b"<=>c\n"
    got = list(read_delimited(io.BytesIO(data), "s", b"<=>", chunk=chunk, limits=CAP))
    assert summary(got) == [(1, 1, None, TOO_LONG), (1, 29, b"b" * 7 + b"<=", None), (1, 41, b"c\n", None)]


def test_a_reply_past_the_cap_with_no_delimiter_is_refused_unbuffered() -> None:
    stream = io.BytesIO(b"a" * 1000)
    reader = read_delimited(stream, "s", b"\n", chunk=7, limits=CAP)
    assert summary([next(reader)]) == [(1, 1, None, TOO_LONG)]
    assert stream.tell() == 14  # refused as soon as the buffer passed the cap
    assert list(reader) == []


def test_the_delimiter_is_searched_for_in_linear_time() -> None:
    """A reply just under the cap arriving in small reads: each byte is searched once, not once per read."""
    data = b"x" * (8 * 1024 * 1024 - 1) + b"|0,-9"
    started = time.perf_counter()
    got = list(read_delimited(io.BytesIO(data), "s", b"|", chunk=1024))
    assert time.perf_counter() - started < 2  # re-splitting the buffer per read took minutes
    assert [len(entry.body or b"") for entry in got] == [len(data) - 5, 4]


def test_a_file_past_the_cap_is_refused_and_the_rest_never_read() -> None:
    stream = io.BytesIO(b"\n  " + b"x" * 100)
    assert summary(list(read_file(stream, "f", limits=CAP))) == [(2, 3, None, TOO_LONG)]
    assert stream.tell() == 11
    assert summary(list(read_file(io.BytesIO(b"x" * 10), "f", limits=CAP))) == [(1, 1, b"x" * 10, None)]


def test_a_json_line_past_twice_the_cap_is_refused_and_skipped() -> None:
    fits = b'{"b": "' + b"x" * 12 + b'"}'  # 21 bytes: escapes may take a body to twice its size
    log = fits + b"\n" + b'{"b": "' + b"y" * 100 + b'"}\n{"b": "0,-9"}\n' + fits[:-1] + b"x" * 5
    got = list(read_json_lines(io.BytesIO(log), "log", LogFields("b"), limits=CAP))
    line_cap = "a log line of at most 20 bytes (twice DecodeLimits.max_body_bytes)"
    assert [(entry.line, entry.body, entry.problem) for entry in got] == [
        (1, None, line_cap),
        (2, None, line_cap),
        (3, "0,-9", None),
        (4, None, line_cap),
    ]
    assert sum(entry.size for entry in got) == len(log)
    exact = b'{"b": "' + b"x" * 11 + b'"}\n'  # 20 bytes and its line end
    assert [entry.body for entry in read_json_lines(io.BytesIO(exact), "log", LogFields("b"), limits=CAP)] == ["x" * 11]


def test_a_deeply_nested_json_line_is_malformed_and_the_next_read() -> None:
    log = b"[" * 200_000 + b"\n" + b'{"b": "0,-9"}\n'
    got = list(read_json_lines(io.BytesIO(log), "log", LogFields("b")))
    assert [entry.line for entry in got] == [1, 2]
    assert got[0].problem is not None
    assert got[0].problem.startswith("a JSON object on each line (maximum recursion depth exceeded")
    assert got[1].body == "0,-9"


@pytest.mark.parametrize("charset", ["idna", "punycode"])
def test_a_charset_field_naming_a_transform_is_that_line_malformed(charset: str) -> None:
    """idna and punycode raised a bare UnicodeError that ended the run."""
    decoder = Decoder(op="get_operator", params={}, fmt="auto", charset="utf-8", strict=False)
    outcome = decoder(Entry("log", 3, 1, 10, "a" * 70 + ".b", charset=charset))
    assert outcome.malformed is not None
    assert outcome.malformed.expected.endswith(f"in the log's charset field, found {charset!r}")


def test_a_log_run_goes_on_past_hostile_lines(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    from pathlib import Path

    log = Path(str(tmp_path)) / "log.jsonl"
    lines = [
        b"[" * 200_000,
        json.dumps({"body": "a" * 70 + ".b", "cs": "idna"}).encode(),
        json.dumps({"body": "x", "cs": "punycode"}).encode(),
        b'{"body": "0,-9"}',
    ]
    log.write_bytes(b"\n".join(lines) + b"\n")
    status = main(["decode", "--op", "get_operator", "--body-field", "body", "--charset-field", "cs", str(log)])
    out, err = capsys.readouterr()
    assert status == 1
    assert [("malformed" in line, line["line"]) for line in map(json.loads, out.splitlines())] == [
        (True, 1),
        (True, 2),
        (True, 3),
        (False, 4),
    ]
    assert "Traceback" not in err
    assert err.endswith("4 replies read, 0 decoded, 1 error replies (code 9: 1), 3 malformed\n")


HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b1m\r\u202egnp.exe\u2066\x7f"


def test_table_cells_show_control_characters_as_escapes() -> None:
    out = io.StringIO()
    table = Table(out)
    entry = Entry(f"log\x1b[8m{HOSTILE}", 1, 1, 10, "")
    table.write(Outcome(entry, "get_operator", {"error": HOSTILE, "error_code": 1}, 1))
    table.write(Outcome(entry, "get_operator", [{"country": HOSTILE, "tz": "3"}]))
    written = out.getvalue()
    shown = r"\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x9b1m\x0d\u202egnp.exe\u2066\x7f"
    assert f"error={shown}" in written
    assert f"country={shown}  tz=3" in written
    assert all(char == "\n" or char.isprintable() for char in written), ascii(written)


def test_the_table_escapes_a_hostile_error_reply_end_to_end(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    reply = f"ERROR = 1 ({HOSTILE})".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(reply)))
    assert main(["decode", "--op", "balance", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert r"error=\x1b]0;pwned\x07" in out


def test_huge_names_and_options_are_not_kept_for_reuse() -> None:
    """A log of lines with megabyte-long operation names or options must not fill the caches."""
    out = io.BytesIO()
    writer = JsonLines(out)
    huge = "x" * 100_000
    for _ in range(2):
        writer.write(Outcome(Entry("log", 1, 1, 10, "0,-9"), huge, {"error_code": 9}, 9))
    assert [json.loads(line)["op"] for line in out.getvalue().splitlines()] == [huge, huge]
    assert list(writer._names) == ["log"]
    decoder = Decoder(op="get_operator", params={}, fmt="auto", charset="utf-8", strict=False)
    for phone in ("7" * 100_000, "7" * 4000):
        assert decoder(Entry("log", 1, 1, 10, "0,-9", params={"phone": phone})).error_code == 9
    assert [dict(options)["phone"] for _, options in decoder._operations] == ["7" * 4000]
