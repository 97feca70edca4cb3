"""What the strategies draw, measured: the property tests exercise what these shares say.

A fixed, deterministic set of draws (every operation in every format, the same examples each
run) is collected once, and each test asserts a minimum share of what the API's traffic holds:
Cyrillic text, the characters each format's syntax is made of where that format can carry them,
phone numbers and digit strings with leading zeros, money with 0 to 3 decimals and below zero,
ids as wide as the wire grammar, each of the API's charsets. The minimums sit well under the
measured shares (each assertion's message gives them) and far above zero, so losing a
kind of value from the strategies fails here, not silently in the properties that use them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from smsc_formats import CHARSETS, OPERATIONS, Fmt, Operation
from smsc_formats.operations import FieldSpec, Record
from smsc_formats.strategies import charset_replies, models, text_values

DRAWS_PER_PAIR = 12
"""Models drawn per (operation, fmt): 45 operations, 4 formats, about 2,200 models."""

CYRILLIC = re.compile("[\u0400-\u04ff]")
PHONE = re.compile(r"7[0-9]{10}")
LEADING_ZERO = re.compile(r"0[0-9]+")

CARRIED: dict[Fmt, str] = {
    Fmt.TEXT: ",=\"'<>&;~",
    Fmt.CSV: "=\"'<>&;~",  # a comma only in the free-text column: measured there
    Fmt.XML: ",=\"'<>&;~\n",
    Fmt.JSON: ",=\"'<>&;~\n\r",
}
"""The characters of some format's syntax that each format carries in a value, per the formats' pages."""
NOT_CARRIED: dict[Fmt, str] = {Fmt.TEXT: "\n\r", Fmt.CSV: "\n\r", Fmt.XML: "\r", Fmt.JSON: ""}
EDGE_SPACES = (Fmt.XML, Fmt.JSON)
"""The formats whose values may begin or end with a space (fmt=0/1 trim their lines)."""


@dataclass
class Drawn:
    """What the draws held, sorted by what the tests measure."""

    texts: dict[Fmt, list[str]] = field(default_factory=lambda: defaultdict(list))
    free_texts: dict[Fmt, list[str]] = field(default_factory=lambda: defaultdict(list))
    fields: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    money: list[Decimal] = field(default_factory=list)
    integers: list[int] = field(default_factory=list)
    charsets: Counter[str] = field(default_factory=Counter)


def _values(record: Record[Any], model: Any) -> Iterator[tuple[FieldSpec, Any]]:
    """Every field of a model with its value, nested records' too."""
    for spec in record.fields:
        value = getattr(model, spec.attr)
        if spec.nested is not None and value is not None:
            for item in value:
                yield from _values(spec.nested, item)
        elif value is not None:
            yield spec, value


def _collect(drawn: Drawn, operation: Operation[Any], fmt: Fmt, model: Any) -> None:
    for spec, value in _values(operation.reply_record, model):
        if spec.base is str:
            drawn.texts[fmt].append(value)
            drawn.fields[operation.name, spec.attr].append(value)
            if spec.wire.free_text:
                drawn.free_texts[fmt].append(value)
        elif spec.base is Decimal:
            drawn.money.append(value)
        elif spec.base is int:
            drawn.integers.append(value)


def _draw(drawn: Drawn, operation: Operation[Any], fmt: Fmt, number: int) -> None:
    """``DRAWS_PER_PAIR`` examples, the same each run: a seed of their own per (operation, fmt)."""

    @seed(number)
    @settings(
        max_examples=DRAWS_PER_PAIR,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def draw(data: st.DataObject) -> None:
        _collect(drawn, operation, fmt, data.draw(models(operation, fmt)))
        charset, _reply = data.draw(charset_replies(operation, fmt))
        drawn.charsets[charset] += 1

    draw()


@pytest.fixture(scope="module")
def drawn() -> Drawn:
    drawn = Drawn()
    for number, operation in enumerate(OPERATIONS.values()):
        for fmt in Fmt:
            _draw(drawn, operation, fmt, 4 * number + fmt)
    return drawn


def _share(values: list[str], holds: Any) -> float:
    return sum(1 for value in values if holds(value)) / len(values)


def test_text_is_mostly_cyrillic_in_every_format(drawn: Drawn) -> None:
    shares = {fmt: _share(drawn.texts[fmt], CYRILLIC.search) for fmt in Fmt}
    assert all(share >= 0.3 for share in shares.values()), shares


def test_each_character_of_a_format_s_syntax_is_drawn_where_the_format_carries_it(drawn: Drawn) -> None:
    shares = {fmt: {char: _share(drawn.texts[fmt], lambda v, c=char: c in v) for char in CARRIED[fmt]} for fmt in Fmt}
    assert all(share >= 0.01 for each in shares.values() for share in each.values()), shares
    assert _share(drawn.free_texts[Fmt.CSV], lambda v: "," in v) >= 0.01


def test_what_a_format_cannot_carry_is_never_drawn_for_it(drawn: Drawn) -> None:
    for fmt in Fmt:
        assert not [value for value in drawn.texts[fmt] if any(char in value for char in NOT_CARRIED[fmt])], fmt
    free = set(drawn.free_texts[Fmt.CSV])
    assert not [value for value in drawn.texts[Fmt.CSV] if "," in value and value not in free]
    for fmt in Fmt:
        edged = _share(drawn.texts[fmt], lambda v: v != v.strip(" "))
        assert edged >= 0.05 if fmt in EDGE_SPACES else edged == 0, (fmt, edged)


def test_phone_numbers_digit_strings_and_empty_text_are_drawn(drawn: Drawn) -> None:
    texts = [value for fmt in Fmt for value in drawn.texts[fmt]]
    assert _share(texts, PHONE.fullmatch) >= 0.02
    assert _share(texts, LEADING_ZERO.fullmatch) >= 0.02
    assert _share(texts, lambda v: v == "") >= 0.05


def test_money_has_every_number_of_decimals_up_to_three_and_goes_below_zero(drawn: Drawn) -> None:
    places = Counter(-int(value.as_tuple().exponent) for value in drawn.money)
    assert {0, 1, 2, 3} <= places.keys(), places
    assert all(places[count] >= 0.1 * len(drawn.money) for count in (0, 1, 2, 3)), places
    assert sum(value < 0 for value in drawn.money) >= 0.1 * len(drawn.money)


def test_integers_reach_the_wire_grammar_s_width_and_its_sign(drawn: Drawn) -> None:
    numbers = drawn.integers
    assert sum(value >= 2**53 for value in numbers) >= 0.1 * len(numbers)
    assert any(len(str(value)) == 19 for value in numbers)
    assert sum(value < 0 for value in numbers) >= 0.1 * len(numbers)
    assert sum(0 <= value < 1000 for value in numbers) >= 0.1 * len(numbers)


def test_each_charset_is_drawn(drawn: Drawn) -> None:
    total = sum(drawn.charsets.values())
    assert set(drawn.charsets) == set(CHARSETS)
    assert all(drawn.charsets[charset] >= 0.2 * total for charset in CHARSETS), drawn.charsets


def test_every_text_field_of_every_operation_is_drawn_non_empty_and_its_free_text_in_cyrillic(drawn: Drawn) -> None:
    for operation in OPERATIONS.values():
        for spec in operation.reply_record.fields:
            if spec.base is not str:
                continue
            values = drawn.fields[operation.name, spec.attr]
            assert any(values), (operation.name, spec.attr)
            if spec.wire.free_text:
                assert any(CYRILLIC.search(value) for value in values), (operation.name, spec.attr)


@pytest.mark.parametrize("charset", CHARSETS)
def test_text_for_a_charset_is_what_it_writes_and_still_cyrillic(charset: str) -> None:
    texts: list[str] = []

    @settings(max_examples=200, database=None, derandomize=True, phases=[Phase.generate])
    @given(data=st.data())
    def draw(data: st.DataObject) -> None:
        texts.append(data.draw(text_values(charset=charset)))

    draw()
    assert all(value.encode(charset).decode(charset) == value for value in texts)
    assert _share(texts, CYRILLIC.search) >= 0.3
