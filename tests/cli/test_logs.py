"""The log readers, the entry decoder and the progress bar, each on its own."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from smsc_formats._fmt import TEXT_CHARSET
from smsc_formats.cli import _parser, decode_logs
from smsc_formats.logs import (
    Decoder,
    Entry,
    JsonLines,
    LogFields,
    Outcome,
    Progress,
    Summary,
    Table,
    parse_delimiter,
    read_delimited,
    read_file,
    read_json_lines,
)
from smsc_formats.logs import _decode as logs_decode
from smsc_formats.logs import _output as logs_output

CSV = "Россия,МТС,Москва,250,01,3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\\n", b"\n"),
        ("--\\r\\n", b"--\r\n"),
        ("\\x1e", b"\x1e"),
        ("\\\\|", b"\\|"),
        ("§", "§".encode()),
        ("\\", b"\\"),
    ],
)
def test_delimiter_escapes(text: str, expected: bytes) -> None:
    assert parse_delimiter(text) == expected


@pytest.mark.parametrize(("text", "problem"), [("", "at least one byte"), ("\\xZZ", "two hex digits"), ("\\e", "\\e")])
def test_delimiter_mistakes(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem.replace("\\", "\\\\")):
        parse_delimiter(text)


def positions(entries: list[Entry]) -> list[tuple[int, int, object]]:
    return [(entry.line, entry.column, entry.body) for entry in entries]


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 20])
def test_delimited_positions_do_not_depend_on_chunk_size(chunk: int) -> None:
    data = b"a\n\n  b\nc\n\nd ;;e\n\n"
    got = list(read_delimited(io.BytesIO(data), "s", b"\n\n", chunk=chunk))
    assert positions(got) == [(1, 1, b"a"), (3, 3, b"  b\nc"), (6, 1, b"d ;;e")]
    assert sum(entry.size for entry in got) == len(data)


def test_delimiter_without_newline_counts_columns() -> None:
    got = list(read_delimited(io.BytesIO(b"ab|cd|\n ef|"), "s", b"|", chunk=2))
    assert positions(got) == [(1, 1, b"ab"), (1, 4, b"cd"), (2, 2, b"\n ef")]


def test_delimited_reading_is_streamed() -> None:
    """The first reply is yielded after one chunk, not after the whole stream."""
    stream = io.BytesIO(b"0,-9\n" * 100_000)
    first = next(read_delimited(stream, "s", b"\n", chunk=4096))
    assert first.body == b"0,-9"
    assert stream.tell() == 4096


def test_one_file_is_one_reply_even_when_empty() -> None:
    assert positions(list(read_file(io.BytesIO(b"\n\n  x"), "f"))) == [(3, 3, b"\n\n  x")]
    assert positions(list(read_file(io.BytesIO(b""), "f"))) == [(1, 1, b"")]


def test_json_lines_fields_and_problems() -> None:
    log = (
        b'{"r": {"body": "0,-1"}, "op": "get_operator", "fmt": 1, "cs": "koi8-r", "p": {"phone": "7"}}\n'
        b"\n"
        b"not json\n"
        b'{"r": {"body": 5}}\n'
        b"[1]\n"
    )
    got = list(read_json_lines(io.BytesIO(log), "log", LogFields("r.body", "op", "fmt", "cs", "p")))
    first = got[0]
    assert (first.line, first.body, first.op, first.fmt, first.charset, first.params) == (
        1,
        "0,-1",
        "get_operator",
        1,
        "koi8-r",
        {"phone": "7"},
    )
    assert [(entry.line, entry.body) for entry in got[1:]] == [(3, None), (4, None), (5, None)]
    assert got[1].problem is not None
    assert got[1].problem.startswith("a JSON object on each line (Expecting value")
    assert got[2].problem == "a JSON object whose 'r.body' field holds the reply as a string, found int"
    assert got[3].problem == "a JSON object whose 'r.body' field holds the reply as a string, found nothing"


def decoder(**options: object) -> Decoder:
    defaults: dict[str, object] = {"op": "get_operator", "params": {}, "fmt": "auto", "charset": "utf-8"}
    return Decoder(**{**defaults, **options}, strict=False)  # type: ignore[arg-type]


def entry(body: bytes | str | None, **fields: object) -> Entry:
    return Entry("log", 7, 1, 10, body, **fields)  # type: ignore[arg-type]


def test_decoder_uses_the_line_fields_over_the_defaults() -> None:
    several = "79999999999,Россия,МТС,Москва,250,01,3"
    outcome = decoder(op=None)(entry(several, op="get_operator", fmt="1", params={"phone": "79999999999,7"}))
    assert outcome.value == [
        {"phone": "79999999999", "country": "Россия", "operator": "МТС", "region": "Москва"}
        | {"mcc": "250", "mnc": "01", "tz": "3"}
    ]


def test_decoder_encodes_text_bodies_in_the_line_charset() -> None:
    assert decoder()(entry(CSV, charset="windows-1251")).value == {
        "country": "Россия",
        "operator": "МТС",
        "region": "Москва",
        "mcc": "250",
        "mnc": "01",
        "tz": "3",
    }
    refused = decoder()(entry("€,€,€,250,01,3", charset="koi8-r")).malformed
    assert refused is not None
    assert refused.expected == "text that koi8-r can carry, found '€'"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"op": "nope"}, "a known operation (see 'smsc-formats ops'), found 'nope'"),
        ({"fmt": 7}, "fmt 0, 1, 2, 3 or auto in the log's fmt field, found 7"),
        ({"fmt": True}, "fmt 0, 1, 2, 3 or auto in the log's fmt field, found True"),
        ({"charset": "klingon"}, f"{TEXT_CHARSET} in the log's charset field, found 'klingon'"),
        ({"charset": 1251}, f"{TEXT_CHARSET} in the log's charset field, found 1251"),
        ({"charset": "rot13"}, f"{TEXT_CHARSET} in the log's charset field, found 'rot13'"),
        ({"charset": "idna"}, f"{TEXT_CHARSET} in the log's charset field, found 'idna'"),
        ({"charset": "punycode"}, f"{TEXT_CHARSET} in the log's charset field, found 'punycode'"),
        ({"params": ["phone"]}, "an object of request options in the log's params field, found ['phone']"),
    ],
)
def test_decoder_refuses_unusable_line_fields(fields: dict[str, object], expected: str) -> None:
    outcome = decoder()(entry(CSV, **fields))
    assert outcome.malformed is not None
    assert (outcome.malformed.expected, outcome.malformed.line) == (expected, 7)


def test_decoder_needs_an_operation() -> None:
    outcome = decoder(op=None)(entry(CSV))
    assert outcome.malformed is not None
    assert outcome.malformed.message("log", None) == (
        "log:7:1: expected an operation: name one with --op or in the log's operation field"
    )


def test_a_position_inside_a_json_string_names_the_reply_line() -> None:
    outcome = decoder()(entry('{\n"country": 1,\n'))
    assert outcome.malformed is not None
    assert outcome.malformed.column is None
    message = outcome.malformed.message("log", "get_operator")
    assert message.startswith("log:7: get_operator fmt=auto: expected JSON (")
    assert message.endswith("(at line 2, column 14 of the reply)")


def test_bytes_the_charset_cannot_read_are_malformed_at_the_reply_start() -> None:
    outcome = decoder(charset="utf-8")(entry(b"\xff\xfe", fmt=1))
    assert outcome.malformed is not None
    assert outcome.malformed.message("log", "get_operator") == (
        "log:7:1: get_operator fmt=1: expected text in utf-8, found byte 0xff at byte 0 that is not valid in it"
    )


def test_a_reply_that_decodes_but_has_no_api_form_is_malformed() -> None:
    # fmt=0 names the status "Status"; a second key "status" is kept as extra, which fmt=3 cannot hold beside it
    outcome = decoder(op="status")(entry(b"Status = 1, status = 5"))
    assert (outcome.value, outcome.error_code) == (None, None)
    assert outcome.malformed is not None
    assert (outcome.malformed.line, outcome.malformed.column, outcome.malformed.fmt) == (7, 1, "auto")
    assert outcome.malformed.expected == "field 'status': an extra key that fmt=3 does not read as a declared field"


def test_decoder_starts_its_operation_cache_afresh_past_the_bound() -> None:
    run = decoder()
    for number in range(logs_decode._CACHED_OPERATIONS + 10):
        assert run(entry("0,-9", params={"phone": f"7{number}"})).error_code == 9
    assert len(run._operations) == 10  # cleared at the bound, then filled again
    several = run(entry(CSV, params={"phone": "79999999999,7"}))
    assert several.value == [
        {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"}
    ]


def test_summary_counts_by_kind() -> None:
    summary = Summary()
    run = decoder()
    for body in (CSV, "0,-9", "0,-9", "0,-1", "junk", CSV):
        summary.add(run(entry(body)))
    assert summary.text() == "6 replies read, 2 decoded, 3 error replies (code 1: 1, code 9: 2), 1 malformed"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_and_clears() -> None:
    screen = Terminal()
    progress = Progress(screen, 2_000_000)
    progress.advance(1_000_000)
    assert screen.getvalue() == "\r[###############...............]  50%  1.0/2.0 MB  1 replies"
    progress.clear()
    assert screen.getvalue().endswith("\r\x1b[K")


def test_progress_redraws_at_most_every_tenth_of_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([10.0, 10.05, 10.25])
    monkeypatch.setattr(logs_output, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    screen = Terminal()
    progress = Progress(screen, 3_000_000)
    for _ in range(3):
        progress.advance(1_000_000)
    assert screen.getvalue().split("\r")[1:] == [
        "[##########....................]  33%  1.0/3.0 MB  1 replies",
        "[##############################] 100%  3.0/3.0 MB  3 replies",
    ]


@pytest.mark.parametrize(("stream", "total"), [(io.StringIO(), 100), (Terminal(), None), (Terminal(), 0)])
def test_progress_is_silent_off_a_terminal_or_without_a_size(stream: io.StringIO, total: int | None) -> None:
    progress = Progress(stream, total)
    progress.advance(50)
    progress.clear()
    assert stream.getvalue() == ""


class TerminalOut(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stdout", "drawn"), [(TerminalOut(io.BytesIO()), False), (io.TextIOWrapper(io.BytesIO()), True)]
)
def test_the_bar_shows_only_when_the_output_goes_elsewhere(
    tmp_path: Path, stdout: io.TextIOBase, drawn: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log"
    log.write_bytes(b"0,-9\n" * 10)
    monkeypatch.setattr(Progress, "_EVERY", 0.0)
    args = _parser().parse_args(["decode", "--op", "get_operator", "--delimiter", "\\n", str(log)])
    screen = Terminal()
    assert decode_logs(args, stdout, screen) == 0  # type: ignore[arg-type]
    assert screen.getvalue().startswith("\r[") is drawn
    assert screen.getvalue().endswith(
        "smsc-formats: 10 replies read, 0 decoded, 10 error replies (code 9: 10), 0 malformed\n"
    )


def test_no_bar_when_a_source_has_no_size_to_count_against(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "log"
    log.write_bytes(b"0,-9\n" * 10)
    read, write = os.pipe()
    os.write(write, b"0,-2\n")
    os.close(write)
    monkeypatch.setattr(Progress, "_EVERY", 0.0)
    args = _parser().parse_args(["decode", "--op", "get_operator", "--delimiter", "\\n", str(log), "-"])
    screen = Terminal()
    with open(read, "rb") as piped:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(piped))
        assert decode_logs(args, io.TextIOWrapper(io.BytesIO()), screen) == 0
    assert screen.getvalue() == (
        "smsc-formats: 11 replies read, 0 decoded, 11 error replies (code 2: 1, code 9: 10), 0 malformed\n"
    )


class FullDisk(io.RawIOBase):
    """An output whose writes fail, as a full disk's do."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("form", ["json", "table"])
def test_an_output_that_fails_is_reported_as_the_output(tmp_path: Path, form: str) -> None:
    log = tmp_path / "log"
    log.write_bytes(b"0,-9\n0,-2\n")
    args = _parser().parse_args(["decode", "--op", "get_operator", "--delimiter", "\\n", "--format", form, str(log)])
    screen = io.StringIO()
    assert decode_logs(args, io.TextIOWrapper(io.BufferedWriter(FullDisk())), screen) == 2
    assert screen.getvalue().splitlines() == [
        "smsc-formats: output: No space left on device",
        "smsc-formats: 2 replies read, 0 decoded, 2 error replies (code 2: 1, code 9: 1), 0 malformed",
    ]


def test_the_table_keeps_a_row_for_a_reply_without_records() -> None:
    out = io.StringIO()
    Table(out).write(Outcome(entry(b"[]"), "phones_get", []))
    row = out.getvalue().splitlines()[1]
    assert row.split()[:4] == ["log:7", "phones_get", "ok", "0/0"]
    assert row.endswith("  (no records)")


def test_the_table_shows_a_malformed_reply_with_its_message() -> None:
    out = io.StringIO()
    Table(out).write(decoder()(entry(b"junk")))
    row = out.getvalue().splitlines()[1]
    assert row.split()[:3] == ["log:7", "get_operator", "malformed"]
    assert row.endswith(
        "  log:7:1: get_operator fmt=auto: expected 6 or 7 comma-separated values, found 1; "
        "a value holding a comma cannot be told apart in fmt=1, ask for fmt=3"
    )


def test_table_rows_are_cut_to_the_terminal_width_and_left_whole_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda: os.terminal_size((100, 24)))
    screen, file = Terminal(), io.StringIO()
    for out in (screen, file):
        Table(out).write(decoder()(entry(CSV)))
    header, row = screen.getvalue().splitlines()
    whole_header, whole_row = file.getvalue().splitlines()
    assert header == whole_header  # shorter than the terminal
    assert whole_row.endswith("  country=Россия  operator=МТС  region=Москва  mcc=250  mnc=01  tz=3")
    assert len(whole_row) > 100
    assert row == whole_row[:99] + "…"


def test_json_lines_remember_a_bounded_number_of_names() -> None:
    out = io.BytesIO()
    writer = JsonLines(out)
    names = [f"op{number}" for number in range(1100)]
    for name in names:
        writer.write(Outcome(entry(b"0,-9"), name, {"error_code": 9}, 9))
    written = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(item["file"], item["op"], item["reply"]) for item in written] == [
        ("log", name, {"error_code": 9}) for name in names
    ]
    assert len(writer._names) == 1024  # the file name and the first 1023 operations
