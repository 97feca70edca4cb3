"""The field a refusal of a whole line names: the one whose value alone stands in the way."""

from __future__ import annotations

from typing import Any

from smsc_formats._fault import Fault, field_at_fault


def _ends_in_space(record: dict[str, Any]) -> bool:
    return ",".join(record.values()).endswith(" ")


def test_the_one_field_whose_change_lets_the_record_pass_is_named() -> None:
    assert field_at_fault({"a": "x", "b": "y "}, (), _ends_in_space) == "b"


def test_a_field_the_record_lacks_may_be_the_one() -> None:
    def blank(record: dict[str, Any]) -> bool:
        return not "".join(record.values()).strip()

    assert field_at_fault({}, ("note",), blank) == "note"
    assert field_at_fault({}, ("note", "other"), blank) is None  # either would do


def test_no_field_is_named_where_none_or_several_would_let_it_pass() -> None:
    def two_spaces(record: dict[str, Any]) -> bool:
        return sum(value.endswith(" ") for value in record.values()) == 2  # type: ignore[no-any-return]

    assert field_at_fault({"a": "x ", "b": "y "}, (), two_spaces) is None  # either change lets it pass
    assert field_at_fault({"a": "x ", "b": "y "}, (), lambda record: " " in "".join(record.values())) is None


def test_a_record_that_passes_has_no_field_at_fault() -> None:
    assert field_at_fault({"a": "x"}, (), _ends_in_space) is None


def test_a_fault_met_while_checking_counts_as_refused() -> None:
    def refused(record: dict[str, Any]) -> bool:
        if record["a"] == "0":
            raise Fault("a value the line cannot hold")
        return _ends_in_space(record)

    assert field_at_fault({"a": "x", "b": "y "}, (), refused) == "b"
    assert field_at_fault({"a": "x "}, (), refused) is None
