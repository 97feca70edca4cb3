"""Operation behaviour that mutation testing of operations/_operation.py found unpinned."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import smsc_formats
from smsc_formats.operations import SEND, Integer, Items, Operation, Param, Record
from smsc_formats.operations.users import USERS_CHG

LIBRARY = Path(smsc_formats.__file__).parent


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One field: a declaration for these tests, not a call of the API."""

    id: int


def _reading(**keywords: Any) -> Operation[Reading]:
    return Operation(
        name="reading",
        description="a test declaration",
        path="x.php",
        flags={},
        record=Record(Reading, xml_tag="reading"),
        errors={},
        request=(Param("id", "ids", type=Items(Integer(1, 99), "an id")),),
        **keywords,
    )


@pytest.mark.parametrize("keywords", [{"list_param": "id"}, {"lists": True}])
def test_the_older_keywords_warning_points_outside_the_library(keywords: dict[str, Any]) -> None:
    # test_cardinality pins the exact frame; this holds too where a mutated function runs one frame deeper
    with pytest.warns(DeprecationWarning, match="is deprecated") as caught:
        _reading(**keywords)
    assert not Path(caught[0].filename).is_relative_to(LIBRARY)


def test_the_repr_lists_the_options_and_masks_credentials_and_secret_parameters() -> None:
    assert repr(SEND) == "Operation('send')"
    assert repr(dataclasses.replace(SEND, params={"psw": "p", "cost": "1"})) == "Operation('send', psw=***, cost='1')"
    assert repr(USERS_CHG(password="Secret123!x", new_login="bob")) == (
        "Operation('users_chg', password=***, new_login='bob')"
    )


@pytest.mark.parametrize("keywords", [{"list_param": "id", "lists": True}, {"lists": True, "cardinality": None}])
def test_two_ways_of_saying_the_count_say_which_keywords_to_choose_from(keywords: dict[str, Any]) -> None:
    with pytest.raises(TypeError) as caught:
        _reading(**keywords)
    assert str(caught.value) == "Operation() takes cardinality=, or one of the older list_param= and lists="


def test_an_operation_may_be_declared_with_positional_arguments() -> None:
    record = Record(Reading, xml_tag="reading")
    operation = Operation("reading", "a test declaration", "x.php", {}, record, {})
    assert (operation.name, operation.path, operation.record) == ("reading", "x.php", record)
