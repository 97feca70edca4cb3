"""The command-line tool on the bundled replies of the sending side: each decodes with the
request options that shaped it, and encodes back to the very same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsc_formats.cli import main
from tests import paths

REPLIES = paths.EXAMPLES / "replies"

EXAMPLES = {  # file: (operation, request options, fmt, a field of the decoded reply and its value)
    "send.txt": ("send", [], 0, ("id", 1234)),
    "send.cost2.txt": ("send", ["cost=2"], 0, ("cost", "2.80")),
    "send.cost1.csv": ("send", ["cost=1"], 1, ("cost", "1.40")),
    "send.cost3.xml": ("send", ["cost=3"], 2, ("balance", "100.50")),
    "send.cost3.op1.json": ("send", ["cost=3", "op=1"], 3, ("cnt", 2)),
    "send.error.txt": ("send", [], 0, ("id", 541)),
    "status.txt": ("status", [], 0, ("last_date", "10.10.2010 10:10:10")),
    "status.hlr.csv": ("status", [], 1, ("mnc", "02")),
    "status.several.json": ("status", ["id=182,138"], 3, ("status", 1)),
    "status.all1.txt": ("status", ["all=1"], 0, ("message", "Ваш код: 66")),
    "status.all2.xml": ("status", ["all=2"], 2, ("region", "г.Москва и Московская область")),
    "status.del.txt": ("status", ["del=1"], 0, ("result", "OK")),
    "balance.txt": ("balance", [], 0, ("balance", "250.80")),
    "balance.cur1.csv": ("balance", ["cur=1"], 1, ("currency", "RUR")),
    "balance.xml": ("balance", [], 2, ("balance", "250.80")),
    "balance.cur1.json": ("balance", ["cur=1"], 3, ("credit", "100.00")),
    "templates.json": ("templates", ["get=1"], 3, ("message", "Hello, {name}!")),
    "templates.add.json": ("templates", ["add=1"], 3, ("id", 12)),
    "templates.chg.txt": ("templates", ["chg=1"], 0, ("result", "OK")),
    "op_templates.json": ("op_templates", ["get=1"], 3, ("sender", "SMSC.RU")),
    "op_templates.add.json": ("op_templates", ["add=1"], 3, ("id", 12)),
    "op_templates.chg.txt": ("op_templates", ["chg=1"], 0, ("result", "OK")),
    "ping.txt": ("ping", [], 0, ("result", "OK")),
}


def _params(options: list[str]) -> list[str]:
    return [arg for option in options for arg in ("--param", option)]


def test_every_sending_operation_has_an_example() -> None:
    assert {operation for operation, *_ in EXAMPLES.values()} == {
        "send", "status", "balance", "templates", "op_templates", "ping",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_decodes_and_encodes_back(
    name: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    operation, options, fmt, (field, value) = EXAMPLES[name]
    path = REPLIES / name
    assert main(["decode", "--op", operation, *_params(options), "--fmt", "auto", str(path)]) == 0
    printed = capsysbinary.readouterr().out
    decoded = json.loads(printed)
    first = decoded[0] if isinstance(decoded, list) else decoded
    assert first[field] == value
    (tmp_path / "reply.json").write_bytes(printed)
    assert main(["encode", "--op", operation, *_params(options), "--fmt", str(fmt), str(tmp_path / "reply.json")]) == 0
    assert capsysbinary.readouterr().out == path.read_bytes()
