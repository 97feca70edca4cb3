"""``smsc-formats decode`` over logs: several files, JSON lines, delimited streams, the table."""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from smsc_formats.cli import main
from tests.paths import EXAMPLES

REPLIES = EXAMPLES / "replies"
MOSCOW = {
    "country": "Россия",
    "operator": "МТС",
    "region": "г.Москва и Московская область",
    "mcc": "250",
    "mnc": "01",
    "tz": "3",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["decode", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def test_one_reply_in_one_file_prints_one_json_value(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--op", "get_operator", str(REPLIES / "get_operator.xml"))
    assert (status, json.loads(out), err) == (0, MOSCOW, "")
    assert out.count("\n") == 1


def test_one_malformed_reply_is_one_line_on_stderr_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Россия,МТС\n".encode())
    status, out, err = run(capsys, "--op", "get_operator", "--fmt", "1", str(bad))
    assert (status, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith(f"{bad}: get_operator fmt=1: expected 6 or 7 comma-separated values, found 2")
    assert "line 1, column 1" in err


def test_stdin_is_the_default_source(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"0,-9")))
    status, out, _ = run(capsys, "--op", "get_operator")
    assert (status, json.loads(out)) == (0, {"error_code": 9})


def test_several_files_give_json_lines_with_positions_and_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    files = [REPLIES / "get_operator.txt", REPLIES / "get_operator.error.txt", REPLIES / "get_operator.several.csv"]
    status, out, err = run(capsys, "--op", "get_operator", *map(str, files))
    assert status == 0
    got = lines(out)
    assert [(item["file"], item["line"], item["op"]) for item in got] == [(str(f), 1, "get_operator") for f in files]
    assert got[0]["reply"] == MOSCOW
    assert got[1]["reply"] == {
        "error": "Попытка отправки более трех одинаковых запросов или любых 100 запросов на получение информации "
        "об операторе абонента в течение минуты",
        "error_code": 9,
    }
    several = got[2]["reply"]
    assert isinstance(several, list)
    assert [record["phone"] for record in several] == ["79999999999", "79123456789"]
    assert err == "smsc-formats: 3 replies read, 2 decoded, 1 error replies (code 9: 1), 0 malformed\n"


def test_json_lines_log_with_per_line_operation_fmt_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys,
        "--body-field",
        "response.body",
        "--op-field",
        "request.op",
        "--fmt-field",
        "request.fmt",
        "--params-field",
        "request.params",
        str(EXAMPLES / "logs" / "replies.jsonl"),
    )
    assert status == 0
    got = lines(out)
    assert [item["line"] for item in got] == [1, 2, 3, 4, 5, 6]
    assert [got[i]["reply"] for i in (0, 2, 3)] == [MOSCOW] * 3
    assert got[4]["reply"] == {"error": "duplicate request, wait a minute", "error_code": 9}
    assert got[5]["reply"] == {"error_code": 3}
    assert err.endswith("6 replies read, 4 decoded, 2 error replies (code 3: 1, code 9: 1), 0 malformed\n")


def test_json_lines_log_from_stdin_with_the_command_line_defaults(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    log = '{"body": "0,-2"}\n\n{"body": "Россия,МТС,Москва,250,01,3"}\n{"reply": "0,-2"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(log.encode())))
    status, out, err = run(capsys, "--op", "get_operator", "--fmt", "1", "--body-field", "body")
    got = lines(out)
    assert status == 1
    assert [(item["file"], item["line"]) for item in got] == [("<stdin>", 1), ("<stdin>", 3), ("<stdin>", 4)]
    assert got[0]["reply"] == {"error_code": 2}
    assert got[1]["reply"] == MOSCOW | {"region": "Москва"}
    assert got[2]["malformed"]["expected"] == (  # type: ignore[index]
        "a JSON object whose 'body' field holds the reply as a string, found nothing"
    )
    assert "<stdin>:4:1: expected a JSON object whose 'body' field" in err


def test_delimited_stream_reports_the_line_each_reply_starts_on(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "--op", "get_operator", "--delimiter", r"\n--\n", str(EXAMPLES / "logs" / "replies.txt")
    )
    got = lines(out)
    assert status == 0
    assert [item["line"] for item in got] == [1, 3, 5, 14, 23]
    assert [item["reply"] for item in got[:4]] == [MOSCOW] * 4
    assert got[4]["reply"]["error_code"] == 9  # type: ignore[index]


def test_malformed_replies_are_reported_and_decoding_goes_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = "country = Россия, operator = МТС, region = Москва, mcc = 250, mnc = 01, tz = 3\nmcc 250\n0,-1\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stream.encode())))
    status, out, err = run(capsys, "--op", "get_operator", "--delimiter", r"\n", "-")
    assert status == 1
    got = lines(out)
    assert [sorted(set(item) - {"file", "line", "op"}) for item in got] == [["reply"], ["malformed"], ["reply"]]
    assert got[1]["malformed"] == {
        "expected": "6 or 7 comma-separated values, found 1; a value holding a comma cannot be told apart in fmt=1, "
        "ask for fmt=3",
        "line": 2,
        "column": 1,
        "fmt": "auto",
        "message": "<stdin>:2:1: get_operator fmt=auto: expected 6 or 7 comma-separated values, found 1; a value "
        "holding a comma cannot be told apart in fmt=1, ask for fmt=3",
    }
    assert err.splitlines() == [
        got[1]["malformed"]["message"],
        "smsc-formats: 3 replies read, 1 decoded, 1 error replies (code 1: 1), 1 malformed",
    ]


def test_fail_fast_stops_at_the_first_malformed_reply(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"0,-9|broken|0,-2")))
    status, out, err = run(capsys, "--op", "get_operator", "--fmt", "1", "--delimiter", "|", "--fail-fast")
    assert status == 1
    assert [item["line"] for item in lines(out)] == [1, 1]
    assert err.splitlines()[-1] == "smsc-formats: 2 replies read, 0 decoded, 1 error replies (code 9: 1), 1 malformed"


def test_malformed_position_inside_a_delimited_reply(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    xml = b"0,-9;;  <info>\n<mcc>250</mcc>\n<mnc>01</mnd>\n</info>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(xml)))
    status, out, _ = run(capsys, "--op", "get_operator", "--delimiter", ";;")
    malformed = lines(out)[1]
    assert (status, malformed["line"]) == (1, 1)
    assert malformed["malformed"]["line"] == 3  # type: ignore[index]
    assert malformed["malformed"]["expected"].startswith("well-formed XML")  # type: ignore[index]


def test_table_output_has_a_row_per_record(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(REPLIES / "get_operator.several.csv"), str(REPLIES / "get_operator.error.txt")]
    status, out, _ = run(capsys, "--op", "get_operator", "--format", "table", *files)
    rows = out.splitlines()
    assert status == 0
    assert rows[0].split() == ["WHERE", "OP", "RESULT", "FIELDS"]
    assert [row.split("  ")[-1].split("=")[0].strip() for row in rows[1:]] == ["tz", "tz", "error"]
    assert "ok 1/2" in rows[1]
    assert "phone=79123456789" in rows[2]
    assert "error 9" in rows[3]


def test_table_for_one_file_is_still_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--op", "get_operator", "--format", "table", str(REPLIES / "get_operator.json"))
    assert status == 0
    assert len(out.splitlines()) == 2
    assert "mnc=01" in out.splitlines()[1]


def test_a_missing_file_is_reported_and_the_others_decoded(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "--op", "get_operator", str(tmp_path / "nope"), str(REPLIES / "get_operator.csv"))
    assert status == 2
    assert len(lines(out)) == 1
    assert f"smsc-formats: {tmp_path / 'nope'}: No such file or directory" in err


class FailingDisk(io.RawIOBase):
    """A source whose reads fail, as a disk with a bad sector does."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise OSError(errno.EIO, "Input/output error")


def test_a_source_that_fails_while_read_is_reported_and_the_others_decoded(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(FailingDisk())))
    csv = str(REPLIES / "get_operator.csv")
    status, out, err = run(capsys, "--op", "get_operator", "--delimiter", r"\n", csv, "-", csv)
    assert status == 2
    assert [(item["file"], item["reply"]) for item in lines(out)] == [(csv, MOSCOW), (csv, MOSCOW)]
    assert err.splitlines() == [
        "smsc-formats: <stdin>: Input/output error",
        "smsc-formats: 2 replies read, 2 decoded, 0 error replies, 0 malformed",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--body-field", "body"], "decode needs --op, or --op-field with --body-field"),
        (["--op", "get_operator", "--fmt-field", "fmt"], "--fmt-field needs --body-field"),
        (["--op", "get_operator", "--charset", "nope"], "found 'nope'"),
        (["--op", "get_operator", "--delimiter", "x", "--charset", "rot13"], "a text charset (one that"),
        (["--op", "get_operator", "--delimiter", r"\q"], "found \\q"),
        (["--op", "get_operator", "--delimiter", "x", "--body-field", "b"], "not allowed with argument"),
        (["--op", "smtp_body", "--delimiter", "x"], "smtp_body is decoded one reply at a time"),
    ],
)
def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["decode", *argv])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_encode_reads_what_decode_prints(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(MOSCOW).encode())))
    assert main(["encode", "--op", "get_operator", "--fmt", "1"]) == 0
    assert capsys.readouterr().out == "Россия,МТС,г.Москва и Московская область,250,01,3"


def test_ops_lists_get_operator(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ops"]) == 0
    assert any(line.startswith("get_operator\t") for line in capsys.readouterr().out.splitlines())


def test_a_closed_output_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    stream = tmp_path / "many.txt"
    stream.write_bytes(b"0,-9\n" * 200_000)
    command = [sys.executable, "-m", "smsc_formats.cli", "decode", "--op", "get_operator", "--delimiter", r"\n"]
    with subprocess.Popen([*command, str(stream)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
    assert json.loads(first)["reply"] == {"error_code": 9}
    assert (process.returncode, errors) == (141, b"")
