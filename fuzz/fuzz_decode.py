"""Coverage-guided fuzzing of every decoder and of format detection, with atheris.

The invariant (``tests/invariant.py``, which the regression test replays too):

1. ``decode`` returns a value or raises ``DecodeError``; nothing else ever escapes.
2. Whatever decodes is encoded again (in the format it was decoded from, or in every format
   for ``fmt="auto"``); ``encode`` returns bytes or raises ``EncodeError``, and those bytes
   decode to the same value.

The first byte of an input picks the operation (each one, and each one asked for several
records) and the charset; the rest is the reply body. ``SMSC_FUZZ_FMT`` (0, 1, 2, 3 or auto)
picks the format. ``fuzz/run.py`` runs it; any libFuzzer flag may follow on the command line.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import atheris

with atheris.instrument_imports():
    import smsc_formats as smsc
    from smsc_formats.formats import csv, json, text, xml  # noqa: F401 - instrumented before first use

from tests.invariant import check_invariant

TWO_RECORDS = "79990000001,79990000002"

OPERATIONS: list[smsc.Operation[Any]] = [
    *smsc.OPERATIONS.values(),
    *(op.bind({op.list_param: TWO_RECORDS}) for op in smsc.OPERATIONS.values() if op.list_param),
]


def selector(operation: smsc.Operation[Any], charset: str) -> int:
    """The first byte of an input that picks ``operation`` (by name and params) and ``charset``."""
    index = next(
        i for i, op in enumerate(OPERATIONS) if (op.name, dict(op.params)) == (operation.name, dict(operation.params))
    )
    return index + len(OPERATIONS) * smsc.CHARSETS.index(charset)


def pick(first: int) -> tuple[smsc.Operation[Any], str]:
    """The operation and charset that the first byte of an input stands for."""
    operation = OPERATIONS[first % len(OPERATIONS)]
    charset = smsc.CHARSETS[(first // len(OPERATIONS)) % len(smsc.CHARSETS)]
    return operation, charset


def fuzz_format() -> int | str:
    name = os.environ.get("SMSC_FUZZ_FMT", "auto")
    return name if name == "auto" else int(name)


def test_one_input(data: bytes, fmt: int | str) -> None:
    if data:
        operation, charset = pick(data[0])
        check_invariant(operation, data[1:], fmt, charset)


def main() -> None:
    fmt = fuzz_format()
    atheris.Setup(sys.argv, lambda data: test_one_input(data, fmt))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
