"""Coverage-guided fuzzing of every decoder and of format detection, with atheris.

The invariant (``tests/schema/invariant.py``, which the regression test replays too):

1. ``decode`` returns a value or raises ``DecodeError``; nothing else ever escapes.
2. Whatever decodes is encoded again (in the format it was decoded from, or in every format
   for ``fmt="auto"``); ``encode`` returns bytes or raises ``EncodeError``, and those bytes
   decode to the same value.

The first byte of an input picks the operation (each one, asked for several records, and
with the options that select each of its variant records) and the charset; the rest is the
reply body. ``SMSC_FUZZ_FMT`` (0, 1, 2, 3 or auto) picks the format. ``fuzz/run.py`` runs it;
any libFuzzer flag may follow on the command line.
"""

from __future__ import annotations

import os
import sys

import atheris

with atheris.instrument_imports():
    import smsc_formats  # noqa: F401 - instrumented before first use
    from smsc_formats import _fast  # noqa: F401 - fmt=3's decoders with the fast extra (the fuzz extra has it)
    from smsc_formats.formats import csv, json, text, xml  # noqa: F401

from fuzz.selection import pick
from tests.schema.invariant import check_invariant


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
