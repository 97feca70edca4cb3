"""The API's miscellaneous scripts that answer in a format: dedicated numbers, call
confirmation, deferred downloads.

None of their success shapes survive in the archived pages; only their error grammar does
(codes 1, 2, 4, 9 as everywhere). What is declared is inferred and read by field name, unknown
keys kept in ``extra``:

- ``receive_phones_get``: [LIB] a JSON array; each number is taken to carry ``phone``.
  ``buy`` and ``chg`` are read as ``OK``.
- ``wait_call``: "the server answers with the number the subscriber must call"; the key
  ``phone`` is inferred.
- ``downloads_get_list``: the pending tasks, each with the ``id`` and ``name`` that
  ``get_file`` takes. ``get_file`` itself answers with a file, not a reply, and is not declared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record
from ._shapes import DONE, Done


@dataclass(frozen=True, slots=True, kw_only=True)
class DedicatedNumber:
    """A number that can receive messages for the client."""

    phone: str
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CallConfirmation:
    """The number the subscriber must call to confirm theirs."""

    phone: str
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PendingDownload:
    """A deferred export task; ``get_file`` fetches it by ``id`` or ``name``."""

    id: int
    name: str | None = None
    extra: Extra = ()


def _operation(
    script: str, command: str | None, description: str, record: Record[Any], **options: Any
) -> Operation[Any]:
    return Operation(
        name=f"{script}_{command}" if command else script,
        description=f"{script}.php{f'?{command}=1' if command else ''}: {description}",
        path=f"{script}.php",
        flags={command: "1"} if command else {},
        record=record,
        errors=COMMON_ERRORS,
        **options,
    )


RECEIVE_PHONES_GET: Operation[DedicatedNumber] = _operation(
    "receive_phones", "get", "numbers available for receiving", Record(DedicatedNumber, xml_tag="phone"), lists=True
)
RECEIVE_PHONES_BUY: Operation[Done] = _operation("receive_phones", "buy", "connect a number", DONE)
RECEIVE_PHONES_CHG: Operation[Done] = _operation("receive_phones", "chg", "change a number's renewal", DONE)
WAIT_CALL: Operation[CallConfirmation] = _operation(
    "wait_call", None, "the number to call to confirm a phone", Record(CallConfirmation, xml_tag="result")
)
DOWNLOADS_GET_LIST: Operation[PendingDownload] = _operation(
    "downloads", "get_list", "pending export tasks", Record(PendingDownload, xml_tag="task"), lists=True
)

OPERATIONS = (RECEIVE_PHONES_GET, RECEIVE_PHONES_BUY, RECEIVE_PHONES_CHG, WAIT_CALL, DOWNLOADS_GET_LIST)
