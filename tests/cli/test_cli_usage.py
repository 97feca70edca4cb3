"""Usage mistakes in option values are argparse's: exit status 2 and a message that says why."""

from __future__ import annotations

import pytest

from smsc_formats._fmt import TEXT_CHARSET
from smsc_formats.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["decode", "--op", "get_operator", "--param", "no-equals-sign"], "expected KEY=VALUE"),
        (["decode", "--op", "get_operator", "--param", "=value"], "expected KEY=VALUE"),
        (["decode", "--op", "get_operator", "--fmt", "4"], "expected 0, 1, 2, 3 or auto"),
        (
            ["decode", "--op", "get_operator", "--charset", "no-such"],
            f"argument --charset: expected {TEXT_CHARSET}, found 'no-such'",
        ),
        (
            ["decode", "--op", "get_operator", "--charset", "rot13"],
            f"argument --charset: expected {TEXT_CHARSET}, found 'rot13'",
        ),
        (["decode", "--op", "get_operator", "--charset", "punycode"], f"expected {TEXT_CHARSET}, found 'punycode'"),
        (["decode", "--op", "get_operator", "--charset", "idna"], f"expected {TEXT_CHARSET}, found 'idna'"),
        (["decode", "--op", "get_operator", "--charset", "utf-7"], f"expected {TEXT_CHARSET}, found 'utf-7'"),
        (
            ["decode", "--op", "smtp_body", "--charset", "hex"],
            f"argument --charset: expected {TEXT_CHARSET}, found 'hex'",
        ),
        (
            ["encode", "--op", "get_operator", "--fmt", "1", "--charset", "no-such"],
            f"expected {TEXT_CHARSET}, found 'no-such'",
        ),
        (
            ["encode", "--op", "get_operator", "--fmt", "1", "--charset", "rot13"],
            f"expected {TEXT_CHARSET}, found 'rot13'",
        ),
    ],
)
def test_bad_option_values_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err
