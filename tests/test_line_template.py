"""Fixed fmt=0 sentences: optional pairs in any order and case, other spellings, refusals."""

from __future__ import annotations

import pytest

from smsc_formats._fault import Fault
from smsc_formats.formats._template import LineTemplate

SENT = LineTemplate("OK - {cnt} {*SMS}, ID - {id}[, COST - {cost}][, BALANCE - {balance}]")


@pytest.mark.parametrize(
    ("line", "record"),
    [
        ("OK - 1 SMS, ID - 5", {"cnt": "1", "id": "5"}),
        ("OK - 1 SMS, ID - 5, BALANCE - 9, COST - 2", {"cnt": "1", "id": "5", "balance": "9", "cost": "2"}),
        ("ok - 1 sms, id - 5, Cost - 2", {"cnt": "1", "id": "5", "cost": "2"}),
        ("OK - 1 SMS, ID - 5, PARTS - 3", {"cnt": "1", "id": "5", "parts": "3"}),
        ("OK - 3 CALL, ID - 5", {"cnt": "3", "id": "5"}),
    ],
)
def test_pairs_read_in_any_order_and_case(line: str, record: dict[str, str]) -> None:
    assert SENT.read(line) == record


@pytest.mark.parametrize(
    "line", ["OK - 1 SMS, ID - 5, COST - 1, COST - 2", "OK - 1 SMS", "1.40 (1 SMS)", "OK - 1 5, ID - 5"]
)
def test_lines_that_are_not_the_sentence(line: str) -> None:
    assert SENT.read(line) is None


def test_written_in_declared_order_with_unnamed_pairs_last() -> None:
    record = {"parts": "3", "balance": "9", "id": "5", "cnt": "1", "cost": "2"}
    assert SENT.write(record) == "OK - 1 SMS, ID - 5, COST - 2, BALANCE - 9, PARTS - 3"


def test_other_spellings_are_read_first_and_never_written() -> None:
    balance = LineTemplate("{balance}[,{currency}]", ("{balance} {currency}",))
    assert balance.read("250.80 RUR") == {"balance": "250.80", "currency": "RUR"}
    assert balance.read("250.80,RUR") == {"balance": "250.80", "currency": "RUR"}
    assert balance.write({"balance": "250.80", "currency": "RUR"}) == "250.80,RUR"


def test_a_template_without_pairs_refuses_unknown_fields() -> None:
    with pytest.raises(Fault) as caught:
        LineTemplate("{cost} ({cnt} SMS)").write({"cost": "1", "cnt": "1", "id": "5"})
    assert caught.value.field == "id"
