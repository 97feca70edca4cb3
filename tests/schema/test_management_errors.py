"""Error codes per script: the same number means different things on different scripts."""

from __future__ import annotations

import pytest

import smsc_formats._exceptions as exceptions
from smsc_formats import OPERATIONS, ApiError, ErrorReply, TooManyRequests

MANAGEMENT = list(OPERATIONS.values())  # every operation, so a new one needs no edit here

# (operation, code, class name) from management.md 1.5, one row per meaning that differs.
MEANINGS = [
    ("jobs_add", 3, "RecordNotSaved"),
    ("jobs_get_all", 5, "InvalidDateFormat"),
    ("phones_get", 3, "NoRecordsFound"),
    ("phones_add", 5, "OperationFailed"),
    ("users_get_stat", 3, "NoRecordsFound"),
    ("users_chg", 5, "OperationFailed"),
    ("users_chg", 6, "SubClientNotFound"),
    ("users_pay", 7, "BalanceNotShared"),
    ("users_add", 8, "RecordNotSaved"),
    ("users_pay", 10, "InsufficientFundsToCredit"),
    ("senders_del", 3, "SenderNotFound"),
    ("senders_add", 5, "SenderNotSaved"),
    ("senders_send_code", 7, "InvalidNumberFormat"),
    ("senders_send_code", 8, "CodeNotDeliverable"),
    ("senders_send_code", 10, "CodeAlreadySent"),
    ("senders_check_code", 11, "InvalidConfirmationCode"),
    ("tinyurls_get", 3, "LinkNotFound"),
]


@pytest.mark.parametrize(("name", "code", "class_name"), MEANINGS)
def test_each_script_code_raises_its_own_class(name: str, code: int, class_name: str) -> None:
    error = ErrorReply(operation=name, code=code, description="x")
    with pytest.raises(ApiError) as raised:
        error.raise_for_error()
    assert type(raised.value).__name__ == class_name
    assert raised.value.error_code == code
    assert OPERATIONS[name].error_class(code) is type(raised.value)  # the operation answers as its replies do


@pytest.mark.parametrize(("name", "code"), [("senders_get", 6), ("jobs_add", 7), ("phones_get", 10), ("get_stat", 3)])
def test_a_code_the_script_does_not_list_is_a_plain_api_error(name: str, code: int) -> None:
    assert ErrorReply(operation=name, code=code).error_class() is ApiError


@pytest.mark.parametrize("operation", MANAGEMENT, ids=lambda op: op.name)
def test_codes_shared_by_every_script_keep_their_meaning(operation: object) -> None:
    name = getattr(operation, "name", "")
    assert ErrorReply(operation=name, code=9).error_class() is TooManyRequests
    assert ErrorReply(operation=name, code=2).error_class().__name__ == "AuthorisationFailed"


def test_every_management_operation_is_registered_once() -> None:
    assert len({op.name for op in MANAGEMENT}) == len(MANAGEMENT)
    assert all(OPERATIONS[op.name] is op for op in MANAGEMENT)


def test_every_class_in_the_tables_is_drawn_in_the_exception_tree() -> None:
    tree = exceptions.__doc__ or ""
    classes = {cls for op in MANAGEMENT for cls in op.errors.values()}
    assert all(f" {cls.__name__} " in tree for cls in classes)
