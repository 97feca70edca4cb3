"""Decoding time grows linearly with the line: every line template of every operation, and free text.

Each hostile line is decoded at sizes that double from 16 kB to 256 kB (best of a few runs,
CPU time). For 8 times the input (32 kB to 256 kB) a linear decoder takes about 8 times as long,
a quadratic one up to 64 times (32 times for the quadratic free-text reading this replaced, whose
linear part still counts at 32 kB), and seconds at 256 kB. A case fails when that ratio passes
``MAX_RATIO``, halfway between, or when one decode passes ``BUDGET``. Times below ``FLOOR`` count
as ``FLOOR``, so that timer noise on fast decodes cannot make a ratio.

The cases come from the registry: a new operation with a template is timed with no edit here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

import smsc_formats as smsc
from smsc_formats import DecodeError
from smsc_formats.formats._template import LineTemplate, Optional, Word, _parse
from smsc_formats.operations import Operation, Record

SIZES = (16_384, 32_768, 65_536, 131_072, 262_144)
RUNS = 3
MAX_RATIO = 16.0  # 8 is linear, 64 quadratic
FLOOR = 0.002
BUDGET = 2.0  # seconds for one decode; a linear one of 256 kB takes a few milliseconds


def _templated() -> list[tuple[str, Operation[Any]]]:
    """Each operation bound so that its reply is each of its records that has a line template."""
    cases: dict[str, Operation[Any]] = {}
    for operation in smsc.OPERATIONS.values():
        choices: list[tuple[Record[Any], dict[str, str]]] = [(operation.record, {})] + [
            (variant.record, {key: values[0] for key, values in variant.when.items()}) for variant in operation.variants
        ]
        for record, params in choices:
            if record.layout.text_template is not None:
                bound = operation.bind(params)
                assert bound.reply_record is record, f"{operation.name}: no request selects {record.model.__name__}"
                cases.setdefault(f"{operation.name}-{record.model.__name__}", bound)
    return list(cases.items())


CASES = _templated()


def _literals(template: LineTemplate) -> str:
    """The fixed text of the template and of its other spellings, words written as declared."""
    found: list[str] = []

    def walk(parts: tuple[object, ...]) -> None:
        for part in parts:
            if isinstance(part, str):
                found.append(part)
            elif isinstance(part, Word):
                found.append(part.word)
            elif isinstance(part, Optional):
                walk(part.parts)

    for parts in (template.parts, *(_parse(other) for other in template.accepts)):
        walk(parts)
    return "".join(found)


def _shapes(template: LineTemplate) -> dict[str, Callable[[int], str]]:
    """Lines of about ``size`` characters that give a backtracking matcher many splits to try."""
    sample = template.write(dict.fromkeys(template.fields, "1"))
    fixed = _literals(template) or ","
    return {
        "sample repeated": lambda size: sample * (size // len(sample)),
        "sample repeated, then a comma": lambda size: sample * (size // len(sample)) + ",",
        "pairs without a value, then a comma": lambda size: sample + ", A - " * (size // 6) + ",",
        "pairs, then a bare word": lambda size: sample + ", A - x" * (size // 7) + ", x",
        "the fixed text repeated, then a comma": lambda size: fixed * (size // len(fixed)) + ",",
        "words after spaces": lambda size: sample + " SMS" * (size // 4) + ")",
    }


def _seconds(decode: Callable[[bytes], object], body: bytes) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        decode(body)
        elapsed = time.process_time() - started
        best = min(best, elapsed)
        assert elapsed < BUDGET, f"{len(body)} bytes took {elapsed:.2f} s"
    return best


def _assert_linear(decode: Callable[[bytes], object], line: Callable[[int], str]) -> None:
    times = [_seconds(decode, line(size).encode()) for size in SIZES]
    ratio = times[-1] / max(times[1], FLOOR)
    assert ratio < MAX_RATIO, f"x{ratio:.1f} for 8 times the input; seconds per size: {times}"


def _decoder(operation: Operation[Any], fmt: int) -> Callable[[bytes], object]:
    def decode(body: bytes) -> object:
        try:
            return smsc.decode(operation, body, fmt=fmt)
        except DecodeError as exc:
            return exc

    return decode


@pytest.mark.parametrize(("name", "operation"), CASES, ids=[name for name, _ in CASES])
def test_every_line_template_is_read_in_linear_time(name: str, operation: Operation[Any]) -> None:
    template = operation.reply_record.layout.text_template
    assert template is not None
    for shape, line in _shapes(template).items():
        try:
            _assert_linear(_decoder(operation, 0), line)
        except AssertionError as exc:
            raise AssertionError(f"{name}, {shape}: {exc}") from None


def test_the_registry_gives_templates_to_time() -> None:
    names = [name for name, _ in CASES]
    assert {"send-Sent", "send-Cost", "balance-Balance", "jobs_add-JobCreatedWithCost"} <= set(names)


@pytest.mark.parametrize(
    "line",
    [
        lambda size: "country = A, operator = B" + ", " * (size // 2) + ", region = C, mcc = 250, mnc = 01, tz = 3",
        lambda size: (
            "country = A, operator = " + "B, x = 1" * (size // 8) + ", region = C, mcc = 250, mnc = 01, tz = 3"
        ),
        lambda size: "country = A" + ", x = 1" * (size // 7),
    ],
    ids=["empty pieces", "pieces that look like pairs", "many unknown pairs"],
)
def test_free_text_is_read_in_linear_time(line: Callable[[int], str]) -> None:
    _assert_linear(_decoder(smsc.GET_OPERATOR, 0), line)


@pytest.mark.parametrize("fmt", [0, 3])
def test_f5_a_long_send_sentence_is_refused_quickly(fmt: int) -> None:
    """findings.md F5: 14 to 25 s for 96 kB, whatever fmt was asked."""
    for count in (1000, 2000, 4000, 16_000):
        body = b"OK - 1 SMS, ID - " + b", A - " * count + b","
        started = time.process_time()
        with pytest.raises(DecodeError, match="an integer in 'id'"):
            smsc.decode(smsc.SEND, body, fmt=fmt)
        assert time.process_time() - started < 0.5


def test_f6_a_free_text_value_of_a_million_characters_is_read_quickly() -> None:
    """findings.md F6: 16.5 s for this line of 1 MB."""
    body = b"country = A, operator = B" + b", " * 524_000 + b", region = C, mcc = 250, mnc = 01, tz = 3"
    started = time.process_time()
    info = smsc.decode(smsc.GET_OPERATOR, body, fmt=0)
    assert time.process_time() - started < 1.0
    assert info == smsc.OperatorInfo(
        country="A", operator="B" + ", " * 524_000, region="C", mcc="250", mnc="01", tz="3"
    )
