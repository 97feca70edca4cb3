"""Seeded generation of realistic replies for every operation in ``smsc_formats.OPERATIONS``.

Models are built from each operation's own declaration (field types, optional fields, columns
found by a pattern, list options), so an operation added later is picked up without a change
here, and encoded with the library's own ``encode``. A value a format refuses is skipped, not
bent: the log holds only what the server could have sent.

    python benchmarks/generate.py --replies 1000 > log.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import smsc_formats
from smsc_formats import EncodeError, ErrorReply, Fmt
from smsc_formats.operations import Record, sample_of

WORDS = (
    *("Россия", "Москва", "МТС", "МегаФон", "Билайн", "Теле2", "Свердловская", "область", "г.Санкт-Петербург"),
    *("Казахстан", "Kcell", "Beeline", "Tele2", "region", "Moscow", "Новосибирск", "край", "Алматы", "Минск", "A1"),
)
DESCRIPTIONS = ("authorise error", "no money", "invalid number", "duplicate request, wait a minute", "parameters error")


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply as a log holds it: the request that shaped it, and the bytes the server sent."""

    op: str
    params: dict[str, str]
    fmt: int
    body: bytes

    def json_line(self) -> str:
        record = {"op": self.op, "fmt": self.fmt, "params": self.params, "body": self.body.decode()}
        return json.dumps(record, ensure_ascii=False) + "\n"


def _text(spec: Any, rng: random.Random) -> str:
    if spec.wire.free_text:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 4)))
    return str(rng.randrange(0, 1000)).zfill(rng.choice((1, 2, 3)))


def _value(spec: Any, rng: random.Random) -> object:
    """A value for one declared field, by its type (and its column pattern, if it has one)."""
    pattern = spec.wire.csv_found_by
    if pattern is not None:
        digits = "7" + "".join(rng.choice("0123456789") for _ in range(10))
        return digits if pattern.fullmatch(digits) else None
    if spec.nested is not None:  # an array of records (fmt=3 only; the other formats refuse it)
        items = (_model(spec.nested, rng, listed=True) for _ in range(rng.randrange(1, 4)))
        return tuple(item for item in items if item is not None) or None
    if spec.base is str:
        return _text(spec, rng)
    return sample_of(spec.base).random(rng)  # the library's one table of values per type


def _model(record: Record[Any], rng: random.Random, *, listed: bool) -> Any:
    values: dict[str, object] = {}
    for spec in record.fields:
        if not spec.required and not listed and rng.random() < 0.7:
            continue
        value = _value(spec, rng)
        if value is None and spec.required:
            return None
        if value is not None:
            values[spec.attr] = value
    return record.model(**values)


def _reply(name: str, rng: random.Random, fmt: Fmt) -> Reply | None:
    operation = smsc_formats.OPERATIONS[name]
    params: dict[str, str] = {}
    roll = rng.random()
    if roll < 0.1 and operation.errors:
        code = rng.choice(sorted(operation.errors))
        value: object = ErrorReply(operation=name, code=code, description=rng.choice(DESCRIPTIONS))
    elif roll < 0.3 and operation.cardinality.kind != "one":  # a list: asked for per item, or always one
        count = rng.randrange(2, 5)
        param = operation.cardinality.param
        if param is not None:
            params[param] = ",".join("79" + str(rng.randrange(10**8, 10**9)) for _ in range(count))
        value = [_model(operation.record, rng, listed=True) for _ in range(count)]
        if any(model is None for model in value):  # type: ignore[attr-defined]
            return None
    else:
        value = _model(operation.record, rng, listed=False)
        if value is None:
            return None
        if operation.expects_list:  # a reply that is always a list: a list of one
            value = [value]
    try:
        body = smsc_formats.encode(operation.bind(params), value, fmt=fmt, check=True)  # type: ignore[arg-type]
    except EncodeError:
        return None
    return Reply(name, params, int(fmt), body)


def replies(
    count: int, *, seed: int, fmts: tuple[Fmt, ...] = tuple(Fmt), names: tuple[str, ...] = ()
) -> Iterator[Reply]:
    """``count`` replies, every operation (or those ``names``) and every fmt in turn, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    names = names or tuple(sorted(smsc_formats.OPERATIONS))
    made = attempts = 0
    while made < count:
        attempts += 1
        if attempts > 20 * count + 100:
            raise RuntimeError("the operations refuse almost every generated value")
        reply = _reply(names[attempts % len(names)], rng, fmts[(attempts // len(names)) % len(fmts)])
        if reply is not None:
            made += 1
            yield reply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for reply in replies(args.replies, seed=args.seed):
        sys.stdout.write(reply.json_line())


if __name__ == "__main__":
    main()
