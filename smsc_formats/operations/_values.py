"""Request values as declarations: what each parameter's value may be, and how the API writes it.

Each type accepts the Python value a caller has (an ``int``, a ``bool``, a ``Decimal``, a
``datetime``, a list of numbers) and the API's own spelling of it as a string, normalises it
once, and refuses anything else with what it expected.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from .._grammar import INTEGER_DIGITS


class Refused(ValueError):
    """A value a parameter's type does not take; ``expected`` says what it takes."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


class ValueType(Protocol):
    """A request parameter's type: what it takes (``expected``, ``python``) and how it is written."""

    @property
    def expected(self) -> str: ...
    @property
    def python(self) -> str: ...
    def normalise(self, value: object, /) -> object: ...
    def write(self, value: object, /) -> str: ...


class CostMode(enum.IntEnum):
    """send.php's ``cost``: what a send does about money."""

    SEND = 0
    PRICE_ONLY = 1
    """Nothing is sent: the reply is the price (:class:`~smsc_formats.operations.Cost`)."""
    SEND_WITH_COST = 2
    SEND_WITH_BALANCE = 3


class Translit(enum.IntEnum):
    """send.php's ``translit``: Cyrillic sent as it is, in Latin letters, or in look-alikes."""

    NONE = 0
    LATIN = 1
    LOOKALIKE = 2


class Detail(enum.IntEnum):
    """status.php's ``all``: how much the reply tells of a message."""

    STATUS = 0
    FULL = 1
    FULL_WITH_REGION = 2


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a closed set of words (a call's ``voice``: ``m``, ``m2``, ``w``, ``w2``)."""

    values: tuple[str, ...]

    @property
    def python(self) -> str:
        return "Literal[" + ", ".join(f'"{value}"' for value in self.values) + "]"

    @property
    def expected(self) -> str:
        return "one of " + ", ".join(repr(value) for value in self.values)

    def normalise(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.values:
            raise Refused(self.expected)
        return value

    def write(self, value: object) -> str:
        return str(value)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ONE_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Text:
    """Text, up to ``max_length`` characters; ``one_line`` refuses line breaks. No control
    characters but tab and line breaks: a form field cannot carry them as the API reads them."""

    max_length: int | None = None
    one_line: bool = False
    python: str = "str"

    @property
    def expected(self) -> str:
        length = "" if self.max_length is None else f" of at most {self.max_length} characters"
        return f"{'one line of ' if self.one_line else ''}text{length}"

    def normalise(self, value: object) -> str:
        if not isinstance(value, str):
            raise Refused(self.expected)
        if (self.max_length is not None and len(value) > self.max_length) or (
            (_ONE_LINE_CONTROL if self.one_line else _CONTROL).search(value)
        ):
            raise Refused(self.expected)
        return value

    def write(self, value: object) -> str:
        return str(value)


@dataclass(frozen=True, slots=True)
class Integer:
    """A whole number from ``low`` to ``high``: an ``int`` (or a member of ``choices``) or its
    digits as a string; ``choices`` names a closed set of values (``Cost.PRICE_ONLY``)."""

    low: int
    high: int
    choices: type[enum.IntEnum] | None = None

    @property
    def python(self) -> str:
        return "int | str" if self.choices is None else f"{self.choices.__name__} | int | str"

    @property
    def expected(self) -> str:
        return f"an integer from {self.low} to {self.high}"

    def normalise(self, value: object) -> int:
        if isinstance(value, str):
            digits = value.strip()
            unsigned = digits.removeprefix("-")
            if not (unsigned.isascii() and unsigned.isdigit()) or len(unsigned) > INTEGER_DIGITS:
                raise Refused(self.expected)
            value = int(digits)
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            raise Refused(self.expected)
        if self.choices is not None and value in self.choices._value2member_map_:
            return self.choices(value)
        return int(value)

    def write(self, value: object) -> str:
        return str(int(value))  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class Flag:
    """On or off: ``True``/``False``, ``1``/``0``, or ``"1"``/``"0"``; written ``1`` or ``0``."""

    python: str = 'bool | Literal[0, 1, "0", "1"]'
    expected: str = "True or False (or 1 or 0)"

    def normalise(self, value: object) -> bool:
        if isinstance(value, str):
            value = value.strip()
        if value in (True, 1, "1"):
            return True
        if value in (False, 0, "0"):
            return False
        raise Refused(self.expected)

    def write(self, value: object) -> str:
        return "1" if value else "0"


_DECIMAL = re.compile(r"-?\d{1,15}(?:\.\d{1,6})?", re.ASCII)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount: a ``Decimal``, an ``int``, or its digits as a string (``"10.50"``); never a
    ``float``, whose binary value is not the amount meant. Written with a point, as given."""

    python: str = "Decimal | int | str"
    expected: str = "an amount as a Decimal, an int or a string such as '10.50'"

    def normalise(self, value: object) -> Decimal:
        if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
            return Decimal(value.strip())
        if isinstance(value, Decimal) and value.is_finite() and _DECIMAL.fullmatch(format(value, "f")):
            return value
        if isinstance(value, int) and not isinstance(value, bool) and _DECIMAL.fullmatch(str(value)):
            return Decimal(value)
        raise Refused(self.expected)

    def write(self, value: object) -> str:
        return format(value, "f")


@dataclass(frozen=True, slots=True)
class Items:
    """One item or several: a single value, a sequence of them (joined by commas, as the API
    joins them), or the API's own comma-separated string. ``trailing_comma``: a sequence of one
    is written with a comma after it, which asks the several-item reply for one item."""

    item: ValueType
    what: str
    trailing_comma: bool = False
    semicolons: bool = False
    """Whether a string may separate its items with ``;`` too (``phones``)."""

    @property
    def python(self) -> str:
        return (
            f"{self.item.python} | Sequence[{self.item.python}]" if self.item.python != "str" else "str | Sequence[str]"
        )

    @property
    def expected(self) -> str:
        return f"{self.what}, a sequence of them, or a comma-separated string of them"

    def normalise(self, value: object) -> object:
        if isinstance(value, str):
            pieces = re.split("[,;]" if self.semicolons else ",", value)
            if pieces[-1] == "" and len(pieces) > 1:  # the API's trailing comma
                pieces.pop()
            self._each(pieces)
            return value
        if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
            if not value:
                raise Refused(self.expected)
            return tuple(self._each(value))
        return self._each([value])[0]

    def _each(self, values: Sequence[object]) -> list[object]:
        try:
            items = [self.item.normalise(value) for value in values]
        except Refused:
            raise Refused(self.expected) from None
        return items

    def write(self, value: object) -> str:
        if isinstance(value, str):  # the API's own spelling, kept
            return value
        if not isinstance(value, tuple):
            return self.item.write(value)
        written = ",".join(self.item.write(item) for item in value)
        return written + "," if self.trailing_comma and len(value) == 1 else written


_SEND_TIME = re.compile(r"\d{10}|\d\d\.\d\d\.\d\d(?:\d\d)? \d\d:\d\d|\d{1,2}-\d{1,2}|0\d+|\+\d+", re.ASCII)


@dataclass(frozen=True, slots=True)
class SendTime:
    """When to send: a ``datetime`` (written ``DD.MM.YY hh:mm``, Moscow time unless ``tz``
    says otherwise) or the API's own forms: ``DDMMYYhhmm``, ``DD.MM.YY hh:mm``, ``h1-h2`` (an
    hour window), ``0ts`` (a Unix timestamp after a 0) or ``+m`` (minutes from now)."""

    python: str = "datetime | str"
    expected: str = "a datetime, or 'DDMMYYhhmm', 'DD.MM.YY hh:mm', 'h1-h2', '0<timestamp>' or '+<minutes>'"

    def normalise(self, value: object) -> object:
        if isinstance(value, datetime):
            return value
        if isinstance(value, str) and _SEND_TIME.fullmatch(value):
            return value
        raise Refused(self.expected)

    def write(self, value: object) -> str:
        return value.strftime("%d.%m.%y %H:%M") if isinstance(value, datetime) else str(value)


_DAY = re.compile(r"\d\d\.\d\d\.\d{4}", re.ASCII)


@dataclass(frozen=True, slots=True)
class Day:
    """A day: a ``date`` (written ``dd.mm.yyyy``) or that string; ``""`` is no day, as the API
    reads an empty value."""

    python: str = "date | str"
    expected: str = "a date, or a string 'dd.mm.yyyy' (or '' for none)"

    def normalise(self, value: object) -> object:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and (not value or _DAY.fullmatch(value)):
            return value
        raise Refused(self.expected)

    def write(self, value: object) -> str:
        return value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)


_SENDER_DIGITS = re.compile(r"\d{1,15}", re.ASCII)
_ADDRESS = re.compile(r"[^\s@,;:\x00-\x1f\x7f]+@[^\s@,;:\x00-\x1f\x7f]+")


@dataclass(frozen=True, slots=True)
class SenderName:
    """A sender name: up to 11 characters, or up to 15 digits; ``""`` or ``"."`` sends with no
    sender name at all, not the account's default. With ``addresses``, also the sender's e-mail
    address, which an e-mail (``mail=1``) needs instead [sending spec §2.8]."""

    python: str = "str"
    addresses: bool = False

    @property
    def expected(self) -> str:
        address = ", an e-mail address" if self.addresses else ""
        return f"a sender name of at most 11 characters or 15 digits{address}, or '' or '.'"

    def normalise(self, value: object) -> str:
        if not isinstance(value, str) or _ONE_LINE_CONTROL.search(value):
            raise Refused(self.expected)
        name = len(value) <= 11 or _SENDER_DIGITS.fullmatch(value)
        if not name and not (self.addresses and _ADDRESS.fullmatch(value)):
            raise Refused(self.expected)
        return value

    def write(self, value: object) -> str:
        return str(value)


_PHONE = re.compile(r"[^\s,;:\x00-\x1f\x7f]+")
_LIST_PHONE = re.compile(r"[^\s,;:\x00-\x1f\x7f]+(?:[,;][^\s,;:\x00-\x1f\x7f]+)*")


@dataclass(frozen=True, slots=True)
class Phone:
    """One number as the API takes it (``+7…``, ``7…``, ``G<group>``, or an e-mail address
    where the call sends e-mail): a string with no space or separator in it, or an ``int``."""

    python: str = "str | int"
    expected: str = "a phone number: digits (an int, or a string, '+' first if wished), 'G<group>' or an address"

    def normalise(self, value: object) -> str:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return str(value)
        if isinstance(value, str) and _PHONE.fullmatch(value):
            return value
        raise Refused(self.expected)

    def write(self, value: object) -> str:
        return str(value)


@dataclass(frozen=True, slots=True)
class MessageList:
    """Several messages in one request: a mapping of number to text (or pairs of them), written one
    ``number:text`` line each. A line break in a text cannot be carried (it would start the
    next pair), so it is refused; the text may hold ``:``, only the first one separates."""

    python: str = "Mapping[str | int, str] | str"
    expected: str = "a mapping of phone number to one line of text, or 'number:text' lines"

    def normalise(self, value: object) -> object:
        if isinstance(value, str):
            lines = [line.partition(":") for line in value.split("\n") if line]
            if not lines or not all(sep and _LIST_PHONE.fullmatch(number) for number, sep, _ in lines):
                raise Refused(self.expected)
            return value
        items = value.items() if isinstance(value, Mapping) else value if isinstance(value, tuple) else None
        if not items:
            raise Refused(self.expected)
        pairs = [(str(number), text) for number, text in items]
        for number, text in pairs:
            if not _LIST_PHONE.fullmatch(number) or not isinstance(text, str) or _ONE_LINE_CONTROL.search(text):
                raise Refused(self.expected)
        return tuple(pairs)

    def write(self, value: object) -> str:
        if isinstance(value, str):
            return value
        return "".join(f"{number}:{text}\n" for number, text in value)  # type: ignore[attr-defined]


TEXT = Text()
LINE = Text(one_line=True)
FLAG = Flag()
MONEY = Money()
DAY = Day()
SERVER_ID = Integer(1, 10**INTEGER_DIGITS - 1)
"""An id the server gave (a message, a group, a template): a positive whole number."""
MESSAGE_ID = Integer(1, 2147483647)
"""A message id the client chooses: a positive 32-bit number."""
PHONE_NUMBER = Phone()
PHONES = Items(PHONE_NUMBER, "a phone number", semicolons=True)
"""``phones``: one number or several, joined by commas as the API joins them."""
