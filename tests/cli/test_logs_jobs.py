"""``smsc-formats decode --jobs N``: worker processes, and the same output, messages and status as one.

Each run is a process of its own with a timeout, so a worker that hangs fails the test rather
than CI. The pieces are made small (``Command.chunk``) so that a small log is many tasks.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import EXAMPLES

TIMEOUT = 120
DRIVER = """
import json, sys
from smsc_formats import logs
from smsc_formats.cli import _parser
args = _parser().parse_args(["decode", *json.loads(sys.argv[1])])
fields = None
if args.body_field is not None:
    fields = logs.LogFields(args.body_field, args.op_field, args.fmt_field, args.charset_field, args.params_field)
command = logs.Command(
    args.files, {"op": args.op, "params": dict(args.param), "fmt": args.fmt, "charset": args.charset, "strict": False},
    logs.Form(fields, args.delimiter), args.format, args.output, args.jobs, args.fail_fast, chunk=int(sys.argv[2]),
)
sys.exit(logs.execute(command, sys.stdout, sys.stderr))
"""
"""The command line's run with small pieces: the same Command the CLI builds, and a chunk size."""


def run(*argv: str, chunk: int = 64, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", DRIVER, json.dumps(argv), str(chunk)]
    return subprocess.run(command, input=stdin, capture_output=True, timeout=TIMEOUT, check=False)


def cli(*argv: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "smsc_formats.cli", "decode", *argv]
    return subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example log many times over, with lines that do not decode among them."""
    path = tmp_path_factory.mktemp("jobs") / "log.jsonl"
    lines = (EXAMPLES / "logs" / "replies.jsonl").read_bytes().splitlines(keepends=True)
    bad = [b"not json\n", b'{"response": {"body": "0,-9"}, "request": {"op": "nope"}}\n', b"\n"]
    path.write_bytes(b"".join((lines + bad) * 20))
    return path


JSON_LINES = ["--body-field", "response.body", "--op-field", "request.op", "--fmt-field", "request.fmt"]
JSON_LINES += ["--params-field", "request.params"]


@pytest.mark.parametrize(
    "options",
    [
        JSON_LINES,
        [*JSON_LINES, "--format", "table"],
        [*JSON_LINES, "--fail-fast"],
    ],
    ids=["json-lines", "table", "fail-fast"],
)
def test_two_workers_write_what_one_process_writes(log: Path, options: list[str]) -> None:
    one = run(*options, "--jobs", "1", str(log))
    two = run(*options, "--jobs", "2", str(log))
    assert one.stdout
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 1
    assert one.stderr.decode().splitlines()[-1].startswith("smsc-formats: ")


def test_a_stream_with_a_delimiter_and_a_missing_file(tmp_path: Path) -> None:
    stream = (EXAMPLES / "logs" / "replies.txt").read_bytes() * 10
    path = tmp_path / "replies.txt"
    path.write_bytes(stream + b"\n--\nmcc 250\n--\n")
    options = ["--op", "get_operator", "--delimiter", r"\n--\n", str(path), str(tmp_path / "nope"), "-"]
    one = run(*options, "--jobs", "1", stdin=stream)
    two = run(*options, "--jobs", "0", stdin=stream, chunk=100)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 2
    assert f"smsc-formats: {tmp_path / 'nope'}: No such file or directory" in one.stderr.decode()
    assert f"smsc-formats: {len(one.stdout.splitlines())} replies read" in one.stderr.decode()


def test_the_command_line_takes_jobs(log: Path) -> None:
    one, two = cli(*JSON_LINES, str(log)), cli(*JSON_LINES, "--jobs", "2", str(log))
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert len(one.stdout.splitlines()) == 20 * 8


@pytest.mark.parametrize("value", ["-1", "two", ""])
def test_jobs_is_a_count(value: str) -> None:
    done = cli("--op", "get_operator", "--jobs", value)
    assert done.returncode == 2
    assert b"--jobs: expected a number of worker processes" in done.stderr


def test_a_worker_that_dies_ends_the_run_with_status_2(log: Path) -> None:
    killer = DRIVER.replace(
        "sys.exit(", "import functools, os; logs._command.JsonPart = functools.partial(os._exit, 9)\nsys.exit(", 1
    )
    command = [sys.executable, "-c", killer, json.dumps([*JSON_LINES, "--jobs", "2", str(log)]), "64"]
    done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 2
    assert b"smsc-formats: a worker process failed" in done.stderr
