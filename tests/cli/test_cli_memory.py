"""``smsc-formats decode`` keeps its memory flat on inputs far larger than any reply.

Each test pipes 200 MB from a writer process into the tool and reads the tool's own peak
resident size from ``wait4``, so nothing of that size is ever on disk or in the test process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="wait4's ru_maxrss counted in KiB, as on Linux")

MEGABYTES = 200
PEAK_KIB = 100 * 1024
"""The tool with its interpreter and libraries: about 30 MB; a reply at the body cap adds tens of MB."""


def writer(head: bytes, fill: bytes, tail: bytes) -> list[str]:
    """A process that writes ``head``, 200 MB of ``fill`` and ``tail``, and stops quietly if the reader leaves."""
    code = (
        "import os, sys\n"
        "out = sys.stdout.buffer\n"
        "try:\n"
        f"    out.write({head!r})\n"
        f"    block = {fill!r} * (1 << 20)\n"
        f"    for _ in range({MEGABYTES}):\n"
        "        out.write(block)\n"
        f"    out.write({tail!r})\n"
        "    out.flush()\n"
        "except BrokenPipeError:\n"
        "    os._exit(0)\n"
    )
    return [sys.executable, "-c", code]


_MEASURE = (
    "import os, subprocess, sys\n"
    "tool = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(tool.pid, 0)\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)
"""Starts the tool and writes its peak. A process the test starts itself would report at least the
test process's own peak (Linux carries it over the vfork and exec), so a small one starts the tool."""


def run(tmp_path: Path, source: list[str], *args: str) -> tuple[int, str, str, int]:
    """The tool's exit status, stdout, stderr and peak resident size in KiB."""
    out, err, peak = tmp_path / "out", tmp_path / "err", tmp_path / "peak"
    tool = [sys.executable, "-m", "smsc_formats.cli", "decode", *args]
    with subprocess.Popen(source, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as feed:
        assert feed.stdout is not None
        with out.open("wb") as stdout, err.open("wb") as stderr:
            measured = [sys.executable, "-c", _MEASURE, str(peak), *tool]
            status = subprocess.run(measured, stdin=feed.stdout, stdout=stdout, stderr=stderr, check=False).returncode
        feed.stdout.close()
    return status, out.read_text(), err.read_text(), int(peak.read_text())


def test_a_json_line_of_200_mb_is_refused_in_flat_memory(tmp_path: Path) -> None:
    source = writer(b'{"body": "', b"x", b'"}\n{"body": "0,-9"}\n')
    status, out, err, peak = run(tmp_path, source, "--op", "get_operator", "--body-field", "body")
    assert peak < PEAK_KIB
    assert status == 1, err
    lines = [json.loads(line) for line in out.splitlines()]
    line_cap = "a log line of at most 16777216 bytes (twice DecodeLimits.max_body_bytes)"
    assert lines[0]["malformed"]["expected"] == line_cap
    assert lines[1]["reply"] == {"error_code": 9}


def test_a_delimited_stream_of_200_mb_without_its_delimiter_is_refused_in_flat_memory(tmp_path: Path) -> None:
    source = writer(b"", b"a", b"@@@0,-9@@@")
    status, out, err, peak = run(tmp_path, source, "--op", "get_operator", "--delimiter", "@@@")
    assert peak < PEAK_KIB
    assert status == 1, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["malformed"]["expected"] == "a body of at most 8388608 bytes (DecodeLimits.max_body_bytes)"
    assert lines[1]["reply"] == {"error_code": 9}


@pytest.mark.parametrize("form", [[], ["--format", "table"]], ids=["one-reply", "log-run"])
def test_a_single_reply_of_200_mb_is_refused_unread(tmp_path: Path, form: list[str]) -> None:
    status, _, err, peak = run(tmp_path, writer(b"", b"x", b""), "--op", "get_operator", *form)
    assert peak < PEAK_KIB
    assert status == 1
    assert "expected a body of at most 8388608 bytes (DecodeLimits.max_body_bytes)" in err
    assert "Traceback" not in err
