"""What the first byte of a fuzz input stands for: an operation, bound as one request shape
asks it, and a charset. Kept apart from the atheris harness so the test suite checks it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import smsc_formats as smsc

TWO_RECORDS = "79990000001,79990000002"


def _bindings(operation: smsc.Operation[Any]) -> Iterator[smsc.Operation[Any]]:
    """The operation as each request shape asks it: alone, for several records, and with the
    options that select each of its variant records."""
    param = operation.cardinality.param
    several = {param: TWO_RECORDS} if param else {}
    yield operation
    if several:
        yield operation.with_unchecked(several)
    for variant in operation.variants:
        keys = list(variant.when)
        for values in itertools.product(*(variant.when[key] for key in keys)):
            options = dict(zip(keys, values, strict=True))
            yield operation.with_unchecked(options)
            if several:
                yield operation.with_unchecked({**options, **several})
    if operation.reply_record is not operation.record:  # absent options select a variant: unselect it
        yield operation.with_unchecked(
            {
                key: next(value for value in ("1", "2", "x") if value not in values)
                for variant in operation.variants
                for key, values in variant.when.items()
            }
        )


OPERATIONS: list[smsc.Operation[Any]] = list(
    {(op.name, tuple(op.params.items())): op for base in smsc.OPERATIONS.values() for op in _bindings(base)}.values()
)
if len(OPERATIONS) * len(smsc.CHARSETS) > 256:
    raise SystemExit("the first byte of an input can no longer pick every operation and charset")


def selector(operation: smsc.Operation[Any], charset: str) -> int:
    """The first byte of an input that picks ``operation`` and ``charset``: the binding itself,
    else the one of the same name that reads the same record in the same number, else the
    operation alone."""
    same = [i for i, op in enumerate(OPERATIONS) if op.name == operation.name]
    exact = [i for i in same if OPERATIONS[i].params == operation.params]
    alike = [
        i
        for i in same
        if OPERATIONS[i].reply_record is operation.reply_record and OPERATIONS[i].expects_list == operation.expects_list
    ]
    return (exact + alike + same)[0] + len(OPERATIONS) * smsc.CHARSETS.index(charset)


def pick(first: int) -> tuple[smsc.Operation[Any], str]:
    """The operation and charset that the first byte of an input stands for."""
    operation = OPERATIONS[first % len(OPERATIONS)]
    charset = smsc.CHARSETS[(first // len(OPERATIONS)) % len(smsc.CHARSETS)]
    return operation, charset
