"""The API's miscellaneous scripts that answer in a format: dedicated numbers, call
confirmation, deferred downloads.

None of their success shapes survive in the archived pages; only wait_call.php's error grammar
does. What is declared is mostly inferred (each declaration's ``evidence`` says which parts) and
read by field name, unknown keys kept in ``extra``:

- ``receive_phones_get``: each number is taken to carry ``phone``; ``buy`` and ``chg`` are read
  as ``OK``.
- ``wait_call``: "the server answers with the number the subscriber must call", as ``phone``.
- ``downloads_get_list``: the pending tasks, each with the ``id`` and ``name`` that
  ``get_file`` takes. ``get_file`` itself answers with a file, not a reply: it is declared in
  ``file_replies``, outside ``OPERATIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._public import show_in
from ._common import DONE, Done, script_operation
from ._evidence import Evidence, documented, inferred
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import Extra, Record
from ._values import FLAG, PHONE_NUMBER, Integer


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


UNSHOWN_ERRORS = inferred(
    "Error replies in four formats; codes 1, 2, 4, 9",
    "the page's reply section is not archived; every other script's grammar, where these codes mean the same",
)
"""The error replies of the scripts whose pages are cut before them."""

OK_REPLY: tuple[Evidence, ...] = (
    inferred(
        '`OK` in fmt=0/1, `<result>OK</result>` in fmt=2, `{"result": "OK"}` or a bare `OK` in fmt=3',
        "jobs.php documents this reply to a change; nothing shows what this call answers (gaps G30)",
    ),
    UNSHOWN_ERRORS,
)
"""A change to a dedicated number: the management scripts' ``OK``."""

NOPROLONG = Param(
    "noprolong",
    "Whether the number is renewed for the next month: 0 (default) renew, 1 do not.",
    type=FLAG,
)
LIST_SHAPES = inferred(
    "fmt=0: one `key = value, …` line per record; fmt=1: one comma-separated line; fmt=2: elements in `<list>`",
    "no page or capture shows them; the other lists' shapes",
)

RECEIVE_PHONES_GET: Operation[DedicatedNumber] = script_operation(
    "receive_phones",
    "get",
    "numbers available for receiving",
    Record(DedicatedNumber, xml_tag="phone"),
    cardinality=Cardinality.MANY,
    evidence=(
        inferred("fmt=3: an array", "the third-party node-smsc's live test of receive_phones get (2016)"),
        inferred("Each number's key `phone`", "buy and chg name a number by `phone`; the array's keys are not shown"),
        LIST_SHAPES,
        UNSHOWN_ERRORS,
    ),
    idempotent=True,
)
RECEIVE_PHONES_BUY: Operation[Done] = script_operation(
    "receive_phones",
    "buy",
    "connect a number",
    DONE,
    request=(Param("phone", "The dedicated number to connect.", required=True, type=PHONE_NUMBER), NOPROLONG),
    evidence=OK_REPLY,
)
RECEIVE_PHONES_CHG: Operation[Done] = script_operation(
    "receive_phones",
    "chg",
    "change a number's renewal",
    DONE,
    request=(
        Param("phone", "The dedicated number whose renewal changes.", required=True, type=PHONE_NUMBER),
        NOPROLONG,
    ),
    evidence=OK_REPLY,
)
WAIT_CALL: Operation[CallConfirmation] = script_operation(
    "wait_call",
    None,
    "the number to call to confirm a phone",
    Record(CallConfirmation, xml_tag="result"),
    request=(
        Param(
            "phone",
            "The subscriber's number the confirmation call will be made from.",
            required=True,
            type=PHONE_NUMBER,
        ),
    ),
    evidence=(
        documented(
            "One reply: the number the subscriber must call", "the call-confirmation page (miscellaneous/waitcall)"
        ),
        inferred("Its key `phone`", "the page is cut before the reply's fields"),
        inferred(
            "fmt=0: `phone = …`; fmt=1: the bare number; fmt=2: `<result>`; fmt=3: one object",
            "no page or capture shows them",
        ),
        documented("Error replies in four formats; codes 1, 2", "the call-confirmation page (miscellaneous/waitcall)"),
        inferred("Error codes 4 and 9", "the page's table is cut after code 2; both mean the same on every script"),
    ),
)
DOWNLOADS_GET_LIST: Operation[PendingDownload] = script_operation(
    "downloads",
    "get_list",
    "pending export tasks",
    Record(PendingDownload, xml_tag="task"),
    cardinality=Cardinality.MANY,
    request=(Param("cnt", "How many pending tasks the reply holds.", type=Integer(1, 10**6)),),
    evidence=(
        documented("A list of pending tasks", "the deferred-tasks page (miscellaneous/downloads)"),
        inferred(
            "Each task's `id` and `name`",
            "`get_file` fetches a task by `id` or `name`; the page is cut before the fields",
        ),
        inferred("fmt=2: `<task>` elements; fmt=3: an array of objects", "no page or capture shows them"),
        LIST_SHAPES,
        UNSHOWN_ERRORS,
    ),
    idempotent=True,
)

OPERATIONS = (RECEIVE_PHONES_GET, RECEIVE_PHONES_BUY, RECEIVE_PHONES_CHG, WAIT_CALL, DOWNLOADS_GET_LIST)

show_in("smsc_formats", CallConfirmation, DedicatedNumber, PendingDownload)  # exported there, loaded on first use
