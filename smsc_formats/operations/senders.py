"""senders.php: sender names (Sender ID): list, add, change, delete, confirm a numeric name.

The senders_answer page is cut before its success shapes. [LIB] ``get`` gives a JSON array of
objects with ``id`` and ``sender`` (gaps G28, two clients), and one sender per fmt=0 line whose
value follows ``=``; the fmt=0/1/2 names and order (``sender`` first, as the line's single
value suggests) and the ``<sender>`` element are inferred. The other commands' replies are not
shown anywhere: they are read as ``OK`` (inferred, as on jobs.php and phones.php).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._exceptions import (
    ApiError,
    CodeAlreadySent,
    CodeNotDeliverable,
    InvalidConfirmationCode,
    InvalidNumberFormat,
    SenderNotFound,
    SenderNotSaved,
)
from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record
from ._shapes import DONE, Done


@dataclass(frozen=True, slots=True, kw_only=True)
class Sender:
    """A sender name and its id."""

    sender: str
    id: int | None = None
    extra: Extra = ()


SENDERS_ERRORS: Mapping[int, type[ApiError]] = {
    **COMMON_ERRORS,
    3: SenderNotFound,
    5: SenderNotSaved,
    7: InvalidNumberFormat,
    8: CodeNotDeliverable,
    10: CodeAlreadySent,
    11: InvalidConfirmationCode,
}
"""[DOC-EN senders_answer]: codes 1-5, 7-11; there is no code 6."""


def _senders(command: str, description: str, record: Record[Any], **options: Any) -> Operation[Any]:
    return Operation(
        name=f"senders_{command}",
        description=f"senders.php?{command}=1: {description}",
        path="senders.php",
        flags={command: "1"},
        record=record,
        errors=SENDERS_ERRORS,
        **options,
    )


SENDERS_GET: Operation[Sender] = _senders("get", "the sender names", Record(Sender, xml_tag="sender"), lists=True)
SENDERS_ADD: Operation[Done] = _senders("add", "add a sender name (reply inferred)", DONE)
SENDERS_CHG: Operation[Done] = _senders("chg", "change a sender name's comment (reply inferred)", DONE)
SENDERS_DEL: Operation[Done] = _senders("del", "delete a sender name (reply inferred)", DONE)
SENDERS_SEND_CODE: Operation[Done] = _senders(
    "send_code", "send the confirmation code for a numeric name (reply inferred)", DONE
)
SENDERS_CHECK_CODE: Operation[Done] = _senders("check_code", "confirm a numeric name (reply inferred)", DONE)

OPERATIONS = (SENDERS_GET, SENDERS_ADD, SENDERS_CHG, SENDERS_DEL, SENDERS_SEND_CODE, SENDERS_CHECK_CODE)
