"""Hypothesis strategies for requests: valid options for every declared parameter, and whole requests.

``requests(operation)`` draws complete, valid requests: every required parameter (or one of its
alternatives), paired lists of equal length, and some optional parameters, each value in one of
the spellings its type takes (a Python value or the API's own string). Requires ``hypothesis``.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st

from ._kinds import TEXT_SAMPLE
from ._operation import Operation
from ._params import Param
from ._values import Choice, Day, Flag, Integer, Items, MessageList, Money, Phone, SenderName, SendTime, Text, ValueType

_RUSSIAN = TEXT_SAMPLE.cyrillic
_LINE = TEXT_SAMPLE.cyrillic + TEXT_SAMPLE.latin + TEXT_SAMPLE.digits + " .,:;!?-+=&%#@'\"()<>/~*"
"""Text on one line, from the one row of what the API's text is made of (its line breaks aside)."""


def _text(kind: Text) -> st.SearchStrategy[str]:
    alphabet = _LINE if kind.one_line else _LINE + "\n\t"
    return st.text(alphabet, max_size=min(kind.max_length or 60, 60))


def _integer(kind: Integer) -> st.SearchStrategy[object]:
    numbers = st.integers(kind.low, kind.high)
    spelled = numbers.map(str) | numbers.map(lambda value: f" {value}")
    members = st.sampled_from([m for m in kind.choices if kind.low <= m <= kind.high]) if kind.choices else st.nothing()
    return numbers | spelled | members


def _money(kind: Money) -> st.SearchStrategy[object]:
    amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
    fewer = st.integers(0, 3).flatmap(lambda places: amounts.map(lambda value: round(value, places)))
    return fewer | fewer.map(lambda value: format(value, "f")) | st.integers(-(10**9), 10**9)


def _phone(kind: Phone) -> st.SearchStrategy[object]:
    digits = st.integers(7_000_000_000, 999_999_999_999_999)
    return digits | digits.map(str) | digits.map(lambda value: f"+{value}") | st.integers(1, 999).map(lambda g: f"G{g}")


def _items(kind: Items) -> st.SearchStrategy[object]:
    one = values(kind.item)
    return one | st.lists(one, min_size=1, max_size=4)


def _send_time(kind: SendTime) -> st.SearchStrategy[object]:
    moments = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2099, 12, 31))  # noqa: DTZ001
    spelled = st.sampled_from(["+5", "+1440", "9-18", "0946720800", "3112260905", "31.12.26 09:05"])
    return moments | spelled


def _day(kind: Day) -> st.SearchStrategy[object]:
    days = st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31))
    return days | days.map(lambda day: day.strftime("%d.%m.%Y")) | st.just("")


def _sender(kind: SenderName) -> st.SearchStrategy[object]:
    names = st.text(_RUSSIAN + string.ascii_letters + string.digits + " .-", max_size=11)
    names |= st.text(string.digits, min_size=12, max_size=15) | st.sampled_from(["", "."])
    return names | st.emails() if kind.addresses else names


def _message_list(kind: MessageList) -> st.SearchStrategy[object]:
    numbers = st.integers(7_000_000_000, 99_999_999_999).map(str)
    return st.dictionaries(numbers, st.text(_LINE), min_size=1, max_size=4)


_BY_TYPE: dict[type, Callable[[Any], st.SearchStrategy[object]]] = {
    Text: _text,
    Integer: _integer,
    Flag: lambda kind: st.booleans() | st.sampled_from([0, 1, "0", "1"]),
    Money: _money,
    Phone: _phone,
    Items: _items,
    SendTime: _send_time,
    Day: _day,
    SenderName: _sender,
    MessageList: _message_list,
    Choice: lambda kind: st.sampled_from(kind.values),
}


def values(kind: ValueType) -> st.SearchStrategy[object]:
    """Valid values of a request parameter's type, in every spelling it takes."""
    return _BY_TYPE[type(kind)](kind)


def _paired(first: Param, second: Param) -> st.SearchStrategy[dict[str, object]]:
    """Values of two parameters whose items pair one by one: as many items in each."""

    def items(param: Param, count: int) -> st.SearchStrategy[object]:
        item = values(param.type.item)  # type: ignore[attr-defined]
        return (item if count == 1 else st.nothing()) | st.lists(item, min_size=count, max_size=count)

    def both(count: int) -> st.SearchStrategy[dict[str, object]]:
        return st.fixed_dictionaries({first.name: items(first, count), second.name: items(second, count)})

    return st.integers(1, 3).flatmap(both)


def requests(operation: Operation[Any]) -> st.SearchStrategy[dict[str, object]]:
    """Options of a complete, valid request to ``operation``: ``operation(**options)`` is accepted
    and ``build_request`` sends it."""
    declared = {param.name: param for param in operation.request}
    parts: list[st.SearchStrategy[dict[str, object]]] = []
    done: set[str] = set()
    for param in operation.request:
        if param.name in done:
            continue
        partner = declared.get(param.pairs_with) if param.pairs_with else None
        if partner is not None:
            parts.append(_paired(param, partner))
            done |= {param.name, partner.name}
        elif param.required:
            chosen = st.sampled_from((param.name, *param.either)).flatmap(
                lambda name: st.fixed_dictionaries({name: values(declared[name].type)})
            )
            parts.append(chosen)
            done |= {param.name, *param.either}
    optional = [param for param in operation.request if param.name not in done]
    parts.append(
        st.lists(st.sampled_from(optional), unique=True, max_size=4).flatmap(
            lambda chosen: st.fixed_dictionaries({param.name: values(param.type) for param in chosen})
        )
        if optional
        else st.just({})
    )
    return st.tuples(*parts).map(lambda dicts: {key: value for part in dicts for key, value in part.items()})
