"""users.php: sub-clients (create, change, credit, statistics).

The subclients_answer page is cut before its success shapes. What clients show [LIB]: ``add``
answers ``{"id": <id>}`` under fmt=3 (gaps G29, two clients), ``chg`` the bare ``OK``, ``pay`` an
object with ``result`` (one client, G29/G30 open), and ``get_stat`` for a sub-client without
traffic error 3, which means an empty list. So ``add`` is declared as phones.php's created-id
reply (``ID = <id>``, ``<id>``, ``<result><id>id</id></result>``: fmt 0/1/2 inferred),
``chg``/``pay`` as ``OK``, and the statistics as get.php's (fields from its page, inferred here).
The invoice and act downloads of documents.php have no documented reply and are not declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._exceptions import (
    ApiError,
    BalanceNotShared,
    InsufficientFundsToCredit,
    NoRecordsFound,
    OperationFailed,
    RecordNotSaved,
    SubClientNotFound,
)
from ._common import COMMON_ERRORS
from ._schema import Operation, Record
from ._shapes import DONE, Created, Done, created
from .data import STATISTICS, Statistics

USERS_ERRORS: Mapping[int, type[ApiError]] = {
    **COMMON_ERRORS,
    3: NoRecordsFound,
    5: OperationFailed,
    6: SubClientNotFound,
    7: BalanceNotShared,
    8: RecordNotSaved,
    10: InsufficientFundsToCredit,
}
"""[DOC-EN subclients_answer], codes 1-10; 9 also covers "more than three requests to add or change"."""


def _users(command: str, description: str, record: Record[Any], **options: Any) -> Operation[Any]:
    return Operation(
        name=f"users_{command}",
        description=f"users.php?{command}=1: {description}",
        path="users.php",
        flags={command: "1"},
        record=record,
        errors=USERS_ERRORS,
        **options,
    )


USERS_ADD: Operation[Created] = _users("add", "create a sub-client", created("result"))
USERS_CHG: Operation[Done] = _users("chg", "change a sub-client's settings", DONE)
USERS_PAY: Operation[Done] = _users("pay", "credit or debit a sub-client's balance", DONE)
USERS_GET_STAT: Operation[Statistics] = _users(
    "get_stat",
    "sub-clients' statistics (reply shape inferred)",
    STATISTICS,
    lists=True,
    no_records_codes=frozenset({3}),
)
USERS_GET_STAT_ALL: Operation[Statistics] = _users(
    "get_stat_all",
    "detailed sub-client statistics (reply shape inferred)",
    STATISTICS,
    lists=True,
    no_records_codes=frozenset({3}),
)

OPERATIONS = (USERS_ADD, USERS_CHG, USERS_PAY, USERS_GET_STAT, USERS_GET_STAT_ALL)
