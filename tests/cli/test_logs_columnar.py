"""Columnar output: Parquet and Arrow IPC files of outcomes, read back with pyarrow itself."""

from __future__ import annotations

import enum
import io
import json
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import smsc_formats as smsc
from smsc_formats import Fmt, logs
from smsc_formats.logs import _columnar
from smsc_formats.operations._schema import FieldSpec
from smsc_formats.strategies import models
from tests.paths import EXAMPLES

TIMEOUT = 120
EXPECTED_TYPES = {str: pa.string(), int: pa.int64(), Decimal: pa.decimal128(23, 8), datetime: pa.timestamp("ms")}
"""What Parquet holds for each field type (it keeps timestamps in milliseconds at the coarsest)."""


def expected_type(spec: FieldSpec) -> pa.DataType:
    if spec.nested is not None:
        return pa.list_(pa.struct([pa.field(item.name, expected_type(item)) for item in spec.nested.fields]))
    if isinstance(spec.base, type) and issubclass(spec.base, enum.IntEnum):
        return pa.int64()
    return EXPECTED_TYPES[spec.base]


def expected_value(spec: FieldSpec, value: object) -> object:
    if spec.nested is not None and value is not None:
        assert isinstance(value, tuple)
        return [
            {item.name: expected_value(item, getattr(model, item.attr)) for item in spec.nested.fields}
            for model in value
        ]
    return int(value) if isinstance(value, enum.IntEnum) else value


def fits_int64(spec: FieldSpec, value: object) -> bool:
    """Whether an int64 column holds the value (a wider one makes its row malformed, tested below)."""
    if spec.nested is not None and isinstance(value, tuple):
        return all(fits_int64(item, getattr(model, item.attr)) for model in value for item in spec.nested.fields)
    return not isinstance(value, int) or -(2**63) <= value < 2**63


OPERATIONS = sorted(smsc.OPERATIONS)


@pytest.mark.parametrize("name", OPERATIONS)
@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_parquet_round_trips_every_field_of_every_operation(name: str, data: st.DataObject, tmp_path: Path) -> None:
    operation = smsc.get_operation(name)
    drawn = data.draw(st.lists(models(operation, Fmt.JSON), min_size=1, max_size=3))
    assume(
        all(fits_int64(spec, getattr(model, spec.attr)) for model in drawn for spec in operation.reply_record.fields)
    )
    bodies = [smsc.encode(operation, [model] if operation.expects_list else model, fmt=3) for model in drawn]
    path = tmp_path / f"{name}.parquet"
    outcomes = list(logs.decode_log(bodies, op=name, fmt=3))
    assert [outcome.status for outcome in outcomes] == ["decoded"] * len(drawn)
    assert logs.write_parquet(outcomes, path, op=name) == len(drawn)
    table = pq.read_table(path)
    record = operation.reply_record
    for spec in record.fields:
        assert table.schema.field(spec.name).type == expected_type(spec), spec.name
        got = table.column(spec.name).to_pylist()
        assert got == [expected_value(spec, getattr(model, spec.attr)) for model in drawn], spec.name
    extras = [dict(model.extra) if getattr(model, "extra", ()) else None for model in drawn]
    assert [None if text is None else json.loads(text) for text in table.column("extra").to_pylist()] == extras
    assert table.column("record").to_pylist() == [1] * len(drawn)
    assert table.column("line").to_pylist() == list(range(1, len(drawn) + 1))


def test_enum_columns_name_their_enum_and_keep_unknown_codes() -> None:
    rows = list(
        logs.decode_log(
            [
                b"Status = 1, check_time = 20.11.2026 10:00:00, err = 0",
                b"Status = 777, check_time = 20.11.2026 10:00:00, err = 0",
            ],
            op="status",
        )
    )
    batch = next(logs.record_batches(rows, op="status"))
    assert batch.schema.field("status").metadata == {b"enum": b"StatusCode"}
    assert batch.column("status").to_pylist() == [1, 777]
    assert batch.schema.field("last_date").type == pa.timestamp("s")
    assert batch.column("last_date").to_pylist() == [datetime(2026, 11, 20, 10, 0, 0)] * 2  # noqa: DTZ001 - the API's local time


def test_error_replies_malformed_replies_and_list_replies_are_rows(tmp_path: Path) -> None:
    replies = EXAMPLES / "replies"
    bodies = [(replies / name).read_bytes() for name in ("get_operator.several.csv", "get_operator.error.txt")]
    outcomes = list(logs.decode_log([*bodies, b"mcc 250"], op="get_operator", name="log"))
    path = tmp_path / "out.parquet"
    assert logs.write_parquet(outcomes, path, op="get_operator") == 4
    rows = pq.read_table(path).to_pylist()
    assert [(row["line"], row["record"], row["outcome"], row["error_code"]) for row in rows] == [
        (1, 1, "decoded", None),
        (1, 2, "decoded", None),
        (2, None, "error", 9),
        (3, None, "malformed", None),
    ]
    assert rows[1]["phone"] == "79123456789"
    assert rows[2]["error"].startswith("Попытка")
    assert rows[3]["problem"].startswith("log:3:1: get_operator fmt=auto: expected")
    sent = list(logs.decode_log([b"ERROR = 7 (invalid number), ID - 541"], op="send"))
    assert next(logs.record_batches(sent, op="send")).to_pylist()[0]["error_id"] == 541
    assert {row["source"] for row in rows} == {"log"}


def test_a_log_of_several_operations_gets_a_json_column(tmp_path: Path) -> None:
    log = EXAMPLES / "logs" / "replies.jsonl"
    options: dict[str, Any] = {
        "body_field": "response.body",
        "op_field": "request.op",
        "params_field": "request.params",
    }
    path = tmp_path / "out.arrow"
    rows = logs.write_parquet(logs.decode_log(log, **options), path)
    table = pa.ipc.open_file(path).read_all()
    assert table.num_rows == rows == 7
    assert table.schema.field("fields").type == pa.string()
    assert json.loads(table.column("fields")[0].as_py())["mcc"] == "250"


def test_a_number_no_int64_column_holds_makes_its_row_malformed() -> None:
    outcomes = list(logs.decode_log([b"ERROR = 7 (invalid number), ID - 9999999999999999999"], op="send"))
    assert outcomes[0].status == "error"
    (batch,) = logs.record_batches(outcomes, op="send")
    assert batch.column("outcome").to_pylist() == ["malformed"]
    assert "an integer an int64 column holds" in batch.column("problem")[0].as_py()
    assert "field 'error_id'" in batch.column("problem")[0].as_py()
    assert list(logs.record_batches([], op="get_operator")) == []


def test_a_reply_of_another_operation_is_refused_in_typed_columns() -> None:
    outcomes = list(logs.decode_log([b"250.80"], op="balance"))
    assert outcomes[0].status == "decoded"
    with pytest.raises(ValueError, match="a reply to balance among columns of get_operator"):
        list(logs.record_batches(outcomes, op="get_operator"))


def test_rows_are_written_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_columnar, "BATCH_OUTCOMES", 3)
    outcomes = list(logs.decode_log([b"0,-9"] * 10, op="get_operator"))
    path = tmp_path / "out.parquet"
    assert logs.write_parquet(outcomes, path, op="get_operator", row_group_rows=4) == 10
    assert [pq.ParquetFile(path).metadata.row_group(i).num_rows for i in range(2)] == [6, 4]


def cli(*argv: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "smsc_formats.cli", "decode", *argv]
    return subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)


@pytest.mark.parametrize("suffix", [".parquet", ".arrow"])
def test_the_command_line_writes_the_same_rows_with_one_worker_or_two(tmp_path: Path, suffix: str) -> None:
    stream = tmp_path / "replies.txt"
    stream.write_bytes((EXAMPLES / "logs" / "replies.txt").read_bytes() + b"\n--\nmcc 250")
    options = ["--op", "get_operator", "--delimiter", r"\n--\n", str(stream)]
    one, two = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    done_one, done_two = cli(*options, "--output", str(one)), cli(*options, "--output", str(two), "--jobs", "2")
    assert (done_one.returncode, done_one.stdout, done_one.stderr) == (done_two.returncode, b"", done_two.stderr)
    read = pq.read_table if suffix == ".parquet" else lambda path: pa.ipc.open_file(path).read_all()
    assert read(one).equals(read(two))
    api = logs.write_parquet(
        logs.decode_log(stream, op="get_operator", delimiter=r"\n--\n"), tmp_path / f"api{suffix}", op="get_operator"
    )
    assert read(tmp_path / f"api{suffix}").equals(read(one))
    assert api == 6
    assert read(one).schema.field("mcc").type == pa.string()


def test_text_output_can_go_to_a_file_too(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    done = cli(
        "--op",
        "get_operator",
        "--format",
        "table",
        "--output",
        str(out),
        str(EXAMPLES / "replies" / "get_operator.csv"),
    )
    assert (done.returncode, done.stdout) == (0, b"")
    assert out.read_text(encoding="utf-8").splitlines()[0].split() == ["WHERE", "OP", "RESULT", "FIELDS"]


def test_columnar_output_is_no_table(tmp_path: Path) -> None:
    done = cli("--op", "get_operator", "--format", "table", "--output", str(tmp_path / "x.parquet"))
    assert done.returncode == 2
    assert b"--format table writes text" in done.stderr


def test_columnar_output_without_pyarrow_says_how_to_get_it(tmp_path: Path) -> None:
    blocker = (
        "import sys; sys.modules['pyarrow'] = None; from smsc_formats.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    command = [sys.executable, "-c", blocker, "decode", "--op", "get_operator", "--output", str(tmp_path / "x.parquet")]
    done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 2
    assert b"pip install 'smsc-formats[arrow]'" in done.stderr


def test_importing_the_log_engine_loads_no_pyarrow() -> None:
    code = "import sys, smsc_formats.logs, smsc_formats.cli; print('pyarrow' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_an_output_that_cannot_be_written_is_status_2(tmp_path: Path) -> None:
    done = cli(
        "--op",
        "get_operator",
        "--output",
        str(tmp_path / "no" / "dir.parquet"),
        str(EXAMPLES / "replies" / "get_operator.csv"),
    )
    assert done.returncode == 2
    assert b"smsc-formats: output: " in done.stderr


def test_arrow_batches_of_a_stream(tmp_path: Path) -> None:
    batches = list(
        logs.record_batches(logs.decode_log(io.BytesIO(b"0,-9|0,-2"), op="get_operator", delimiter="|"), batch_size=1)
    )
    assert [batch.num_rows for batch in batches] == [1, 1]
    assert batches[0].column("source").to_pylist() == ["<stream>"]


def test_an_empty_list_the_server_sent_as_an_error_is_a_row_with_its_code() -> None:
    outcomes = list(logs.decode_log([b"ERROR = 3 (not found)"], op="phones_get"))
    assert (outcomes[0].status, outcomes[0].reply) == ("decoded", [])
    (row,) = next(logs.record_batches(outcomes, op="phones_get")).to_pylist()
    assert (row["outcome"], row["record"], row["error_code"], row["error"]) == ("decoded", None, 3, "not found")


def test_a_field_named_as_a_column_every_row_has_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from smsc_formats.logs import _arrow

    monkeypatch.setattr(_arrow, "META", pa.schema([*_arrow.META, ("mcc", pa.string())]))
    with pytest.raises(ValueError, match="get_operator: field 'mcc' has the name of a column every row has"):
        _arrow.Columns("get_operator")


def test_a_worker_s_columnar_part_is_one_batch_of_its_outcomes() -> None:
    part = _columnar.ArrowPart("get_operator", {})
    for outcome in logs.decode_log([b"0,-9", b"0,-2"], op="get_operator"):
        part.write(outcome)
    assert part.payload().column("error_code").to_pylist() == [9, 2]


@pytest.mark.parametrize(
    ("fields", "typed"),
    [(None, "get_operator"), (logs.LogFields("b"), "get_operator"), (logs.LogFields("b", op="o"), None)],
)
def test_typed_columns_only_where_no_line_can_change_the_operation(
    fields: logs.LogFields | None, typed: str | None
) -> None:
    command = logs.Command(["-"], {"op": "get_operator"}, logs.Form(fields))
    assert logs.typed_op(command) == typed
    assert logs.typed_op(logs.Command(["-"], {"op": None})) is None
