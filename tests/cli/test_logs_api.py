"""``smsc_formats.logs.decode_log``: the command line's engine as a call, over paths, streams and records."""

from __future__ import annotations

import errno
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from smsc_formats import ErrorReply, RequestError, logs
from smsc_formats.operations.info import OperatorInfo
from tests.paths import EXAMPLES

LOG = EXAMPLES / "logs" / "replies.jsonl"
FIELDS: dict[str, Any] = {"body_field": "response.body", "op_field": "request.op", "fmt_field": "request.fmt"}
FIELDS["params_field"] = "request.params"


def as_cli(outcomes: list[logs.Outcome]) -> bytes:
    out = io.BytesIO()
    writer = logs.JsonLines(out)
    for outcome in outcomes:
        writer.write(outcome)
    return out.getvalue()


def test_a_path_gives_what_the_command_line_prints() -> None:
    outcomes = list(logs.decode_log(LOG, **FIELDS))
    command = [sys.executable, "-m", "smsc_formats.cli", "decode"]
    command += [f"--{name.replace('_', '-')}={value}" for name, value in FIELDS.items()]
    printed = subprocess.run([*command, str(LOG)], capture_output=True, timeout=60, check=True).stdout
    assert as_cli(outcomes) == printed
    assert [outcome.status for outcome in outcomes] == ["decoded"] * 4 + ["error"] * 2
    assert isinstance(outcomes[0].reply, OperatorInfo)
    assert isinstance(outcomes[4].reply, ErrorReply)
    assert (outcomes[0].entry.source, outcomes[0].entry.line, outcomes[0].fmt) == (str(LOG), 1, 3)


def test_records_in_memory_are_mappings_or_json_lines() -> None:
    lines = LOG.read_text(encoding="utf-8").splitlines()
    from_lines = list(logs.decode_log(lines, **FIELDS, name=str(LOG)))
    from_mappings = list(logs.decode_log(map(json.loads, lines), **FIELDS, name=str(LOG)))
    from_path = list(logs.decode_log(LOG, **FIELDS))
    assert as_cli(from_lines) == as_cli(from_mappings) == as_cli(from_path)


def test_a_partition_keeps_the_log_s_line_numbers() -> None:
    lines = LOG.read_bytes().splitlines(keepends=True)
    tail = list(logs.decode_log(io.BytesIO(b"".join(lines[3:])), **FIELDS, first_line=4, name=str(LOG)))
    assert as_cli(tail) == as_cli(list(logs.decode_log(LOG, **FIELDS))[3:])


def test_replies_in_memory_and_what_is_not_a_record() -> None:
    got = list(logs.decode_log([b"0,-9", "0,-2", 7], op="get_operator", fmt=1))
    assert [(o.entry.source, o.entry.line, o.status) for o in got] == [
        ("<records>", n, s) for n, s in ((1, "error"), (2, "error"), (3, "malformed"))
    ]
    assert got[2].malformed is not None
    assert got[2].malformed.expected == "a reply's bytes or text, found int"
    mapped = list(logs.decode_log([{"body": "0,-9"}, 7], body_field="body", op="get_operator"))
    assert mapped[1].malformed is not None
    assert mapped[1].malformed.expected == "a mapping or a JSON line, found int"


def test_a_stream_with_a_delimiter() -> None:
    got = list(logs.decode_log(io.BytesIO(b"0,-9\n--\n0,-2"), op="get_operator", delimiter=r"\n--\n"))
    assert [(o.entry.source, o.entry.line, o.error_code) for o in got] == [("<stream>", 1, 9), ("<stream>", 3, 2)]
    assert [o.error_code for o in logs.decode_log(io.BytesIO(b"0,-9"), op="get_operator")] == [9]
    assert [o.error_code for o in logs.decode_log(io.BytesIO(b"0,-9|0,-1"), op="get_operator", delimiter=b"|")] == [
        9,
        1,
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"op": "nope"}, "op: expected a known operation"),
        ({"op": "get_operator", "fmt": 4}, "fmt: expected 0, 1, 2, 3 or 'auto'"),
        ({"op": "get_operator", "charset": "rot13"}, "charset: expected a text charset"),
        ({"op": "get_operator", "op_field": "op"}, "op_field needs body_field"),
        ({"op": "get_operator", "delimiter": r"\q"}, "delimiter: expected a known escape"),
        ({"op": "get_operator", "delimiter": b""}, "delimiter: expected a delimiter of at least one byte"),
        ({"op": "get_operator", "delimiter": "|", "source": [b"0,-9"]}, "a delimiter is for streams"),
    ],
)
def test_mistakes_are_refused_before_anything_is_read(options: dict[str, object], message: str) -> None:
    source = options.pop("source", LOG)
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        logs.decode_log(source, **options)  # type: ignore[arg-type]


def test_request_options_are_checked_as_a_call_checks_them() -> None:
    with pytest.raises(RequestError, match=re.escape("get_operator: 'nope': not a parameter of this call")) as caught:
        logs.decode_log(LOG, op="get_operator", params={"nope": "1"})
    assert caught.value.param == "nope"


def test_a_missing_file_is_raised_by_the_iteration(tmp_path: Path) -> None:
    outcomes = logs.decode_log(tmp_path / "nope", op="get_operator")
    with pytest.raises(FileNotFoundError) as caught:
        next(outcomes)
    assert (caught.value.errno, caught.value.filename) == (errno.ENOENT, str(tmp_path / "nope"))


def test_a_reply_is_read_within_the_limits_its_operation_declares() -> None:
    """get_mnp's export declares 512 MiB and 25 million lines; with ``date`` its reply keeps the defaults."""
    export = b"Phone;mccmnc\n" + b"79000000000;25001\n" * (9 * 1024 * 1024 // 18)
    (whole,) = logs.decode_log(io.BytesIO(export), op="get_mnp", fmt=1)
    assert whole.status == "decoded"
    assert isinstance(whole.value, list)
    assert len(whole.value) == 9 * 1024 * 1024 // 18
    (dated,) = logs.decode_log(io.BytesIO(export), op="get_mnp", params={"date": "01.06.2024"})
    assert dated.malformed is not None
    assert dated.malformed.expected == "a body of at most 8388608 bytes (DecodeLimits.max_body_bytes)"
    assert logs.declared_limits("smpp_receipt", {}) is logs.declared_limits(None, {})
