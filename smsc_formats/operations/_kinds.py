"""Value kinds: how one field's value is read from the wire and written back, and made up.

A kind is chosen from the model's annotation (``str``, ``int``, ``Decimal``, ``datetime``, or
an ``IntEnum``). Text formats carry every value as text; JSON carries some as numbers, and
each kind says which (money is a JSON string on the wire, ids and counts are numbers).

What makes values rather than reads them (the Hypothesis strategies, the benchmark generator,
the docs' example replies) takes them per type from one table, :data:`SAMPLES`, through
:func:`sample_of`. Text has a row of its own, :data:`TEXT_SAMPLE`: what the API's text is made
of, which each strategy keeps to what its format and charset carry, character by character.
"""

from __future__ import annotations

import enum
import string
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


_WIDEST = 10**INTEGER_DIGITS - 1
"""The widest integer the wire grammar has room for, either sign."""


def _money(units: int, places: int) -> Decimal:
    """``units`` hundredths when ``places`` is 2: ``_money(-1250, 2)`` is ``-12.50``, ``_money(4, 0)`` is ``4``."""
    return Decimal(units).scaleb(-places)


SAMPLES: dict[type, Sample] = {
    int: Sample(
        1,
        lambda rng: rng.randrange(1, 10**9),
        # counts and codes; ids, some as wide as the grammar writes them; its sign (status -1, error -3)
        lambda st: st.one_of(
            st.integers(min_value=0, max_value=999),
            st.integers(min_value=0, max_value=_WIDEST),
            st.integers(min_value=10 ** (INTEGER_DIGITS - 1), max_value=_WIDEST),
            st.integers(min_value=-_WIDEST, max_value=-1),
        ),
    ),
    Decimal: Sample(
        Decimal("1.50"),
        lambda rng: Decimal(rng.randrange(0, 10**6)) / 100,
        # "4", "0.4", "4.20", "0.385"; a balance below zero ("-12.50"); as wide as MONEY allows
        lambda st: st.builds(
            _money,
            st.one_of(
                st.integers(min_value=0, max_value=10**5),
                st.integers(min_value=0, max_value=10**12),
                st.integers(min_value=-(10**9), max_value=-1),
            ),
            st.sampled_from((0, 1, 2, 3)),
        ),
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


@dataclass(frozen=True, slots=True)
class TextSample:
    """What the API's text is made of: Russian and Latin words, numbers, the marks between them;
    phone numbers; digit strings with leading zeros (``mnc = 01``).

    The API speaks Russian in utf-8, windows-1251 and koi8-r; its text is mostly Cyrillic.
    Each strategy keeps the characters its format and charset carry (``keep``) rather than
    dropping whole values, so a format that cannot carry a comma still draws the text around it.
    """

    cyrillic: str = "".join(map(chr, range(0x410, 0x450))) + "Ёё"
    latin: str = string.ascii_letters
    digits: str = string.digits
    marks: str = ",=\"'<>&;~ \n\r\t"
    """The characters some format's syntax is made of: separators, quotes, escapes, line breaks,
    a space that may begin or end a value."""
    punctuation: str = ".-()+!?:/%#@_*№«»—"
    controls: str = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\x7f\x85"
    """The other control characters, for a format that writes them escaped."""
    phones: str = r"7[0-9]{10}|[1-9][0-9]{10,14}"
    """A phone number as the API writes it: 7XXXXXXXXXX, or 11 to 15 digits of another country."""
    digit_strings: str = r"0[0-9]{1,3}|[0-9]{1,15}"

    def strategy(self, st: Any, keep: Callable[[str], bool], codec: str, *, min_size: int = 0) -> Any:
        """Text of at least ``min_size`` characters, ``keep`` deciding which characters may stand
        in it (a format's and a charset's limits), of nine kinds drawn equally often:

        - five of up to 8 pieces, each a word (Cyrillic three times as often as Latin), a number,
          a mark (twice as often), punctuation or a space (twice as often);
        - one whose pieces may also be any other character ``codec`` can encode;
        - a phone number; a digit string (a field's type does not say which text holds digits only);
        - where ``min_size`` allows, the empty string.

        A weight is a branch given again as another object: ``one_of`` drops a branch it already has.
        """

        def pool(chars: str) -> Any:
            kept = [char for char in chars if keep(char)]
            return st.sampled_from(kept) if kept else st.nothing()

        def word(chars: str) -> Any:
            return st.text(pool(chars), min_size=1, max_size=12)

        def text(pieces: Any) -> Any:
            return st.lists(pieces, min_size=min_size, max_size=8).map("".join)

        pieces = st.one_of(
            *(word(self.cyrillic) for _ in range(3)),
            word(self.latin),
            word(self.digits),
            *(pool(self.marks) for _ in range(2)),
            pool(self.punctuation),
            *(pool(" ") for _ in range(2)),
        )
        others = st.characters(codec=codec, exclude_categories=("Cs", "Cc")).filter(keep) | pool(self.controls)
        numbers = (
            st.from_regex(pattern, fullmatch=True).filter(lambda value: len(value) >= min_size)
            for pattern in (self.phones, self.digit_strings)
        )
        empty = st.just("") if min_size == 0 else st.nothing()
        return st.one_of(*(text(pieces) for _ in range(5)), text(pieces | others), *numbers, empty)


TEXT_SAMPLE = TextSample()
"""The one row for text, read by the core and the channels' strategies."""
