"""The command-line contract: decode prints JSON and exits 0; malformed input is one line, exit 1."""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import smsc_formats as smsc
from smsc_formats.channels import CHANNEL_OPERATIONS
from smsc_formats.cli import main
from smsc_formats.formats import DEFAULT_LIMITS
from tests.paths import ROOT

REPLIES = ROOT / "examples" / "replies"


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "smsc_formats.cli", *args], input=stdin, capture_output=True, check=False, timeout=60
    )


def test_decode_prints_the_api_fields() -> None:
    result = run("decode", "--op", "get_operator", "--fmt", "auto", str(REPLIES / "get_operator.txt"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "country": "Россия", "operator": "МТС", "region": "г.Москва и Московская область",
        "mcc": "250", "mnc": "01", "tz": "3",
    }  # fmt: skip


def test_decode_of_several_phones_prints_an_array() -> None:
    result = run("decode", "--op", "get_operator", str(REPLIES / "get_operator.several.csv"))
    assert result.returncode == 0, result.stderr
    assert [item["phone"] for item in json.loads(result.stdout)] == ["79999999999", "79123456789"]


def test_param_selects_the_list_shape() -> None:
    body = "Россия,МТС,Москва,250,01,3".encode()
    single = run("decode", "--op", "get_operator", "--fmt", "1", "-", stdin=body)
    several = run(
        "decode", "--op", "get_operator", "--param", "phone=79990000001,79990000002", "--fmt", "1", "-", stdin=body
    )
    moscow = {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"}
    assert json.loads(single.stdout) == moscow
    assert json.loads(several.stdout) == [moscow]


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("sendr=Shop", "--param: send: 'sendr': not a parameter of this call; did you mean 'sender'?"),
        ("cost=9", "--param: send: 'cost': expected an integer from 0 to 3, found '9'"),
        ("psw=secret", "--param: send: 'psw': set by the client (credentials, fmt and charset), not as an option"),
    ],
)
def test_a_param_is_checked_as_a_call_checks_it_before_any_input_is_read(param: str, message: str) -> None:
    for files in (["-"], ["-", "-"]):  # one reply, and a log run
        result = run("decode", "--op", "send", "--param", param, *files, stdin=b"OK - 1 SMS, ID - 5")
        assert result.returncode == 2
        assert result.stdout == b""
        assert result.stderr.decode().splitlines()[-1] == f"smsc-formats: error: {message}"


def test_error_reply_is_printed_as_error_and_code() -> None:
    result = run("decode", "--op", "get_operator", str(REPLIES / "get_operator.error.txt"))
    assert result.returncode == 0
    decoded = json.loads(result.stdout)
    assert decoded["error_code"] == 9
    assert decoded["error"].startswith("Попытка")


@pytest.mark.parametrize("name", sorted(p.name for p in REPLIES.glob("get_operator*")))
def test_decode_then_encode_gives_back_the_bundled_reply(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = REPLIES / name
    fmt = {".txt": "0", ".csv": "1", ".xml": "2", ".json": "3"}[path.suffix]
    decoded = run("decode", "--op", "get_operator", "--fmt", fmt, str(path))
    encoded = run("encode", "--op", "get_operator", "--fmt", fmt, "-", stdin=decoded.stdout)
    assert encoded.returncode == 0, encoded.stderr
    assert encoded.stdout == path.read_bytes()


def test_malformed_input_is_one_line_on_stderr_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text("Россия,МТС,250", encoding="utf-8")
    result = run("decode", "--op", "get_operator", "--fmt", "1", str(broken))
    assert result.returncode == 1
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.count("\n") == 1
    assert "Traceback" not in message
    for part in (str(broken), "line 1", "column 1", "fmt=1", "comma-separated values"):
        assert part in message


def test_encode_refuses_what_the_format_cannot_carry() -> None:
    value = {"country": "Россия", "operator": "МТС", "region": "Москва, область", "mcc": "250", "mnc": "01", "tz": "3"}
    result = run("encode", "--op", "get_operator", "--fmt", "1", "-", stdin=json.dumps(value).encode())
    assert result.returncode == 1
    assert b"region" in result.stderr
    assert result.stdout == b""


def test_encode_of_non_json_input_is_a_clean_error() -> None:
    result = run("encode", "--op", "get_operator", "--fmt", "0", "-", stdin=b"not json")
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr


def test_charset_option_decodes_windows_1251() -> None:
    body = "country = Россия, operator = МТС, region = Москва, mcc = 250, mnc = 01, tz = 3".encode("windows-1251")
    result = run("decode", "--op", "get_operator", "--charset", "windows-1251", "-", stdin=body)
    assert json.loads(result.stdout)["country"] == "Россия"


def test_usage_mistakes_exit_2(tmp_path: Path) -> None:
    assert run("decode", "--op", "no_such_operation", "-").returncode == 2
    assert run("decode", "--op", "get_operator", str(tmp_path / "missing.txt")).returncode == 2
    assert run("decode", "--op", "get_operator", "--charset", "no-such", "-", stdin=b"x").returncode == 2


def test_ops_lists_every_operation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ops"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == sorted([*smsc.OPERATIONS, *CHANNEL_OPERATIONS, *smsc.FILE_OPERATIONS])
    assert "downloads_get_file" in listed  # a call answered with a file: downloaded, never decoded


class FullDisk(io.RawIOBase):
    """An output whose writes fail, as a full disk's do."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["decode", "--op", "get_operator"], b"0,-9"),
        (["encode", "--op", "get_operator", "--fmt", "1"], b'{"error_code": 9}'),
        (["decode", "--op", "smpp_receipt"], b"id:1 stat:DELIVRD"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(
    argv: list[str], stdin: bytes, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BufferedWriter(FullDisk())))
    assert main(argv) == 2
    assert capsys.readouterr().err == "smsc-formats: output: No space left on device\n"


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["decode", "--op", "get_operator"], b"0,-9"),
        (["encode", "--op", "get_operator", "--fmt", "1"], b'{"error_code": 9}'),
        (["ops"], b""),
    ],
)
def test_a_closed_output_pipe_ends_the_command_quietly(argv: list[str], stdin: bytes) -> None:
    command = [sys.executable, "-m", "smsc_formats.cli", *argv]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # before the reply is read, so the first write finds no reader
        process.stdin.write(stdin)
        process.stdin.close()
        errors = process.stderr.read()
    assert (process.returncode, errors) == (141, b"")


@pytest.fixture(scope="module")
def mnp_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A get_mnp export file of 9 MiB and more, past the default body cap and record count, and its rows."""
    rows = 9 * 1024 * 1024 // len(b"79000000000;25001\n") + 1
    path = tmp_path_factory.mktemp("mnp") / "mnp.csv"
    with path.open("wb") as file:
        file.write(b"Phone;mccmnc\n")
        file.writelines(b"7%010d;25001\n" % number for number in range(rows))
    return path, rows


def test_decode_reads_an_export_within_the_limits_its_operation_declares(mnp_export: tuple[Path, int]) -> None:
    """get_mnp's export declares 512 MiB, as Client.call reads it; the default cap is 8 MiB."""
    path, rows = mnp_export
    assert path.stat().st_size > DEFAULT_LIMITS.max_body_bytes
    result = run("decode", "--op", "get_mnp", str(path))
    assert result.returncode == 0, result.stderr[-300:]
    exported = json.loads(result.stdout)
    assert len(exported) == rows
    assert exported[0] == {"Phone": "70000000000", "mccmnc": "25001"}
    assert exported[-1] == {"Phone": f"7{rows - 1:010d}", "mccmnc": "25001"}


def test_a_log_run_reads_each_file_within_the_declared_limits(mnp_export: tuple[Path, int], tmp_path: Path) -> None:
    path, rows = mnp_export
    error = tmp_path / "error.txt"
    error.write_bytes(b"ERROR = 9 (too many requests)")
    result = run("decode", "--op", "get_mnp", "--jobs", "2", str(path), str(error))
    assert result.returncode == 0, result.stderr[-300:]
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["file"], len(first["reply"])) == (str(path), rows)
    assert second["reply"] == {"error": "too many requests", "error_code": 9}


def test_a_request_option_that_selects_a_reply_of_default_limits_keeps_the_default_cap(
    mnp_export: tuple[Path, int],
) -> None:
    result = run("decode", "--op", "get_mnp", "--param", "date=01.06.2024", str(mnp_export[0]))
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        f"{mnp_export[0]}: get_mnp: expected a body of at most 8388608 bytes (DecodeLimits.max_body_bytes)\n"
    )
