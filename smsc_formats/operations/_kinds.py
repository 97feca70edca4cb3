"""Value kinds: how one field's value is read from the wire and written back, and made up.

A kind is chosen from the model's annotation (``str``, ``int``, ``Decimal``, ``datetime``, or
an ``IntEnum``). Text formats carry every value as text; JSON carries some as numbers, and
each kind says which (money is a JSON string on the wire, ids and counts are numbers).

What makes values rather than reads them (the Hypothesis strategies, the benchmark generator,
the docs' example replies) takes them per type from one table, :data:`SAMPLES`, through
:func:`sample_of`; text is each one's own, as what text a field can hold depends on the format.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._fault import Fault
from .._grammar import DATE_TIME, INTEGER, INTEGER_DIGITS, MONEY, fits_integer

if TYPE_CHECKING:
    import random


@dataclass(frozen=True, slots=True)
class Kind:
    """Reading and writing of one type. ``read`` raises ``ValueError`` on a bad value."""

    expected: str
    read: Callable[[object], Any]
    write_text: Callable[[Any], str]
    write_json: Callable[[Any], object]


def _read_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    raise ValueError


def _read_integer(value: object) -> int:
    """Text in the API's integer grammar, or a JSON number no wider than that grammar allows."""
    if isinstance(value, int) and not isinstance(value, bool) and fits_integer(value):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value):
        return int(value)
    raise ValueError


def _write_integer(value: object) -> int:
    """Refused beyond the grammar's width: it would not read back, and ``str()`` of a huge int fails."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Fault(f"an integer, found {type(value).__name__}")
    if not fits_integer(value):
        raise Fault(f"an integer of at most {INTEGER_DIGITS} digits")
    return int(value)


def _write_integer_text(value: object) -> str:
    return str(_write_integer(value))


def _read_money(value: object) -> Decimal:
    """A JSON number is held to the same grammar as text: no exponents, no 4300-digit amounts."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and MONEY.fullmatch(value):
        return Decimal(value)
    raise ValueError


def _read_datetime(value: object) -> datetime:
    if isinstance(value, str) and (m := DATE_TIME.fullmatch(value)):
        day, month, year, hour, minute, second = map(int, m.groups())
        return datetime(year, month, day, hour, minute, second)  # noqa: DTZ001 - the API sends local time
    raise ValueError


def _write_datetime(value: datetime) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d} {value.hour:02d}:{value.minute:02d}:{value.second:02d}"


TEXT = Kind("a text value", _read_text, str, str)
INTEGER_KIND = Kind("an integer", _read_integer, _write_integer_text, _write_integer)
MONEY_KIND = Kind("an amount such as 4.20", _read_money, str, str)
DATETIME_KIND = Kind("a date dd.mm.yyyy hh:mm:ss", _read_datetime, _write_datetime, _write_datetime)


def enum_kind(cls: type[enum.IntEnum]) -> Kind:
    """Codes the API may extend: a known value becomes the member, an unknown one stays an int."""
    members = {m.value: m for m in cls}

    def read(value: object) -> int:
        number = _read_integer(value)
        return members.get(number, number)

    return Kind(f"an integer code ({cls.__name__})", read, _write_integer_text, _write_integer)


KINDS: dict[type, Kind] = {str: TEXT, int: INTEGER_KIND, Decimal: MONEY_KIND, datetime: DATETIME_KIND}


@dataclass(frozen=True, slots=True)
class Sample:
    """Made-up values of one type, for each thing that makes values rather than reads them."""

    example: object
    """One plain value, for the docs' example replies (a page that shows it says it is made up)."""
    random: Callable[[random.Random], object]
    """A random value, for the benchmark generator's replies."""
    strategy: Callable[[Any], Any]
    """Given ``hypothesis.strategies``, a strategy for the values every format can carry."""


SAMPLES: dict[type, Sample] = {
    int: Sample(
        1,
        lambda rng: rng.randrange(1, 10**9),
        lambda st: st.integers(min_value=0, max_value=2**53),
    ),
    Decimal: Sample(
        Decimal("1.50"),
        lambda rng: Decimal(rng.randrange(0, 10**6)) / 100,
        lambda st: st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    ),
    datetime: Sample(
        datetime(2026, 1, 15, 12, 30, 5),  # noqa: DTZ001 - the API's dates are naive local time
        lambda rng: datetime(  # noqa: DTZ001
            2026, rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24), rng.randrange(60)
        ),
        lambda st: st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(  # noqa: DTZ001
            lambda moment: moment.replace(microsecond=0)
        ),
    ),
}
"""One row per type that is not text."""


def sample_of(base: Any) -> Sample:
    """The row of a field's type (``FieldSpec.base``); an IntEnum's examples are its first member,
    any member, and any member or other code (the API may add codes)."""
    if isinstance(base, type) and issubclass(base, enum.IntEnum):
        members = list(base)
        return Sample(
            members[0],
            lambda rng: rng.choice(members),
            lambda st: st.sampled_from(members) | st.integers(min_value=0, max_value=999),
        )
    return SAMPLES[base]
