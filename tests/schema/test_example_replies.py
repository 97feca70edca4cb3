"""The bundled example replies under examples/replies/: every operation of ``smsc_formats.OPERATIONS``
has one at least, and the command-line tool decodes each and encodes it back to the same bytes.

A file is named ``<operation>[.<tag>...].<suffix>``: the suffix gives its format (``FMT_OF``),
the tags the request options that shaped the reply, as the operation pages read them
(``send.cost3.op1.json`` is ``cost=3`` and ``op=1``). A row of ``PINNED`` gives a file's options
where its name cannot, and pins one field of the decoded reply to its value.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from smsc_formats import OPERATIONS
from smsc_formats.cli import main
from tests import paths

EXAMPLES = paths.EXAMPLES / "replies"
FMT_OF = {".txt": "0", ".csv": "1", ".xml": "2", ".json": "3"}
FILES = sorted(path.name for path in EXAMPLES.iterdir() if path.name.split(".", 1)[0] in OPERATIONS)

PINNED: dict[str, tuple[list[str], tuple[str, Any]]] = {  # file: request options, a field and its value
    "get_operator.several.csv": (["phone=79999999999,79123456789"], ("phone", "79999999999")),
    "get_operator.error.txt": ([], ("error_code", 9)),
    "send.txt": ([], ("id", 1234)),
    "send.cost2.txt": (["cost=2"], ("cost", "2.80")),
    "send.cost1.csv": (["cost=1"], ("cost", "1.40")),
    "send.cost3.xml": (["cost=3"], ("balance", "100.50")),
    "send.cost3.op1.json": (["cost=3", "op=1"], ("cnt", 2)),
    "send.error.txt": ([], ("id", 541)),
    "status.txt": ([], ("last_date", "10.10.2010 10:10:10")),
    "status.hlr.csv": ([], ("mnc", "02")),
    "status.several.json": (["id=182,138"], ("status", 1)),
    "status.all1.txt": (["all=1"], ("message", "Ваш код: 66")),
    "status.all2.xml": (["all=2"], ("region", "г.Москва и Московская область")),
    "status.del.txt": (["del=1"], ("result", "OK")),
    "balance.txt": ([], ("balance", "250.80")),
    "balance.cur1.csv": (["cur=1"], ("currency", "RUR")),
    "balance.xml": ([], ("balance", "250.80")),
    "balance.cur1.json": (["cur=1"], ("credit", "100.00")),
    "templates.json": (["get=1"], ("message", "Hello, {name}!")),
    "templates.add.json": (["add=1"], ("id", 12)),
    "templates.chg.txt": (["chg=1"], ("result", "OK")),
    "op_templates.json": (["get=1"], ("sender", "SMSC.RU")),
    "op_templates.add.json": (["add=1"], ("id", 12)),
    "op_templates.chg.txt": (["chg=1"], ("result", "OK")),
    "ping.txt": ([], ("result", "OK")),
    "jobs_add.cost1.txt": (["cost=1"], ("cost", "1.40")),
    "get_mnp.date.json": (["date=24.11.2026"], ("mccmnc", "25001")),
    "senders_send_code.ok.txt": ([], ("result", "OK")),
}


def _named_options(file: str) -> list[str]:
    """The request options a file's name carries: a tag ``<parameter><digits>`` that names a
    request parameter of the operation (``cost3`` is ``cost=3``, ``del`` is ``del=1``), ``several``
    two items of its list parameter; any other tag (``error``, ``hlr``) none."""
    operation = OPERATIONS[file.split(".", 1)[0]]
    declared = {param.name for param in operation.request}
    options = []
    for tag in file.split(".")[1:-1]:
        match = re.fullmatch(r"([a-z_]+?)(\d*)", tag)
        if tag == "several" and operation.cardinality.param:
            options.append(f"{operation.cardinality.param}=1,2")
        elif match is not None and match[1] in declared:
            options.append(f"{match[1]}={match[2] or '1'}")
    return options


def _options(file: str) -> list[str]:
    """The options of the file's row, else those its name carries."""
    return PINNED[file][0] if file in PINNED else _named_options(file)


def _params(options: list[str]) -> list[str]:
    return [arg for option in options for arg in ("--param", option)]


def test_every_operation_has_an_example() -> None:
    assert {file.split(".", 1)[0] for file in FILES} == set(OPERATIONS)


def test_every_example_is_checked() -> None:
    """Each file names an operation, so the test below reads it; no row names a file that is gone."""
    assert sorted(path.name for path in EXAMPLES.iterdir()) == FILES
    assert set(PINNED) <= set(FILES)


@pytest.mark.parametrize(
    ("file", "options"),
    [
        ("send.cost3.op1.json", ["cost=3", "op=1"]),
        ("status.del.txt", ["del=1"]),
        ("status.several.json", ["id=1,2"]),
        ("status.hlr.csv", []),  # hlr is no parameter of status.php
        ("send.error.txt", []),
        ("jobs_add.txt", []),
    ],
)
def test_a_file_s_name_gives_the_options_that_shaped_it(file: str, options: list[str]) -> None:
    assert _named_options(file) == options


@pytest.mark.parametrize("file", FILES)
def test_the_cli_decodes_and_re_encodes_each_example(
    file: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    example = EXAMPLES / file
    name, fmt = file.split(".", 1)[0], FMT_OF[example.suffix]
    pinned = PINNED[file][1] if file in PINNED else None
    params = _params(_options(file))
    assert main(["decode", "--op", name, *params, "--fmt", fmt, str(example)]) == 0
    decoded = capsysbinary.readouterr().out
    assert json.loads(decoded), "the example holds something"
    assert main(["decode", "--op", name, *params, "--fmt", "auto", str(example)]) == 0
    assert capsysbinary.readouterr().out == decoded, "auto tells the format apart"
    if pinned is not None:
        field, value = pinned
        first = json.loads(decoded)
        assert (first[0] if isinstance(first, list) else first)[field] == value
    (tmp_path / "reply.json").write_bytes(decoded)
    assert main(["encode", "--op", name, *params, "--fmt", fmt, str(tmp_path / "reply.json")]) == 0
    assert capsysbinary.readouterr().out == example.read_bytes()


def test_auto_tells_the_format_of_the_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["decode", "--op", "jobs_add", "--fmt", "auto", str(EXAMPLES / "jobs_add.txt")]) == 0
    assert json.loads(capsys.readouterr().out) == {"id": 1234567}
    assert main(["decode", "--op", "get_price", "--fmt", "auto", str(EXAMPLES / "get_price.json")]) == 0
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
