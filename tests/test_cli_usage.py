"""Usage mistakes in option values are argparse's: exit status 2 and a message that says why."""

from __future__ import annotations

import pytest

from smsc_formats.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["decode", "--op", "get_operator", "--param", "no-equals-sign"], "expected KEY=VALUE"),
        (["decode", "--op", "get_operator", "--param", "=value"], "expected KEY=VALUE"),
        (["decode", "--op", "get_operator", "--fmt", "4"], "expected 0, 1, 2, 3 or auto"),
        (["decode", "--op", "get_operator", "--charset", "no-such"], "argument --charset: unknown charset 'no-such'"),
        (["decode", "--op", "get_operator", "--charset", "rot13"], "argument --charset: unknown charset 'rot13'"),
        (["decode", "--op", "smtp_body", "--charset", "hex"], "argument --charset: unknown charset 'hex'"),
        (["encode", "--op", "get_operator", "--fmt", "1", "--charset", "no-such"], "unknown charset 'no-such'"),
        (["encode", "--op", "get_operator", "--fmt", "1", "--charset", "rot13"], "unknown charset 'rot13'"),
    ],
)
def test_bad_option_values_exit_2(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err
