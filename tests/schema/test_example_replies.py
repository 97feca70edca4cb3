"""The bundled example replies: one per operation, each decoded and re-encoded by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsc_formats.cli import main
from smsc_formats.operations import data, jobs, misc, mnp, phones, senders, users
from tests import paths

EXAMPLES = paths.EXAMPLES / "replies"
NAMES = [op.name for module in (jobs, phones, users, senders, data, mnp, misc) for op in module.OPERATIONS]
FMT_OF = {".txt": "0", ".csv": "1", ".xml": "2", ".json": "3"}


def _example(name: str) -> Path:
    """The operation's example reply as a request without options gets it (``jobs_add.txt``)."""
    (path,) = (path for path in EXAMPLES.iterdir() if path.stem == name)
    return path


SHAPED = {  # examples of the replies other request options shape: file, options, a field and its value
    "jobs_add.cost1.txt": (["cost=1"], ("cost", "1.40")),
    "get_mnp.date.json": (["date=24.11.2026"], ("mccmnc", "25001")),
    "senders_send_code.ok.txt": ([], ("result", "OK")),
}


@pytest.mark.parametrize("file", sorted(SHAPED))
def test_the_cli_decodes_and_re_encodes_each_shaped_example(
    file: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    example = EXAMPLES / file
    options, (field, value) = SHAPED[file]
    name, fmt = file.split(".", 1)[0], FMT_OF[example.suffix]
    params = [arg for option in options for arg in ("--param", option)]
    assert main(["decode", "--op", name, *params, "--fmt", fmt, str(example)]) == 0
    decoded = capsysbinary.readouterr().out
    first = json.loads(decoded)
    assert (first[0] if isinstance(first, list) else first)[field] == value
    (tmp_path / "reply.json").write_bytes(decoded)
    assert main(["encode", "--op", name, *params, "--fmt", fmt, str(tmp_path / "reply.json")]) == 0
    assert capsysbinary.readouterr().out == example.read_bytes()


def test_every_example_of_a_management_operation_is_checked() -> None:
    named = {path.name for path in EXAMPLES.iterdir() if path.name.split(".", 1)[0] in NAMES}
    assert named == {_example(name).name for name in NAMES} | set(SHAPED)


@pytest.mark.parametrize("name", NAMES)
def test_the_cli_decodes_and_re_encodes_each_example(
    name: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    example = _example(name)
    fmt = FMT_OF[example.suffix]
    assert main(["decode", "--op", name, "--fmt", fmt, str(example)]) == 0
    decoded = capsysbinary.readouterr().out
    assert json.loads(decoded), "the example holds something"
    (tmp_path / "reply.json").write_bytes(decoded)
    assert main(["encode", "--op", name, "--fmt", fmt, str(tmp_path / "reply.json")]) == 0
    assert capsysbinary.readouterr().out == example.read_bytes()


def test_auto_tells_the_format_of_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", "--op", "jobs_add", "--fmt", "auto", str(_example("jobs_add"))]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": 1234567}
    assert main(["decode", "--op", "get_price", "--fmt", "auto", str(_example("get_price"))]) == 0
    assert json.loads(capsys.readouterr().out) == [{"zone": "1", "name": "Россия", "api": "2.50", "mass": "2.60"}]


def test_a_malformed_reply_is_one_line_naming_operation_fmt_and_position(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("alex,120,504.00\n", encoding="utf-8")
    assert main(["decode", "--op", "get_stat", "--fmt", "1", str(bad)]) == 1
    message = capsys.readouterr().err
    assert message.count("\n") == 1
    assert "get_stat fmt=1: expected 5 comma-separated values, found 3" in message
    assert "line 1, column 1" in message
