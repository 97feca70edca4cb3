"""senders.php: sender names (Sender ID): list, add, change, delete, confirm a numeric name.

The senders_answer page is cut before its success shapes. Third-party clients show that ``get``
gives a JSON array of objects with ``id`` and ``sender`` (gaps G28), and one sender per fmt=0
line whose value follows ``=``; the fmt=0/1/2 names and order (``sender`` first, as the line's
single value suggests) and the ``<sender>`` element are inferred. The other commands' replies
are not shown anywhere: they are read as ``OK`` (inferred, as on jobs.php and phones.php).
"""

from __future__ import annotations

import functools
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
from .._public import show_in
from ._common import COMMON_ERRORS, DONE, Done, script_operation
from ._evidence import documented, inferred
from ._files import SENDER_DOCUMENT
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import Extra, Record
from ._values import DAY, FLAG, LINE, SERVER_ID, Integer, SenderName


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


_senders = functools.partial(script_operation, "senders", errors=SENDERS_ERRORS)
"""A command of senders.php."""


SENDER = Param("sender", "The sender name.", required=True, type=SenderName())
NAMED = Param("sender", "The sender name, or its `id` instead.", required=True, either=("id",), type=SenderName())
BY_ID = Param("id", "The sender name's id, instead of `sender`.", required=True, either=("sender",), type=SERVER_ID)
"""``chg`` and ``del`` name the sender name by either."""
NUMERIC_SENDER = Param(
    "sender", "The numeric sender name, the number the confirmation code goes to.", required=True, type=SenderName()
)
ON_CHANGE = (
    Param("cmt", "A comment on the sender name.", type=LINE),
    Param(
        "doc_info",
        "A comment on the document for the operators (a trademark or domain certificate; jpg, tif, pdf, png, zip "
        "or rar, at most 3 MB) sent as a file in the request body.",
        type=LINE,
    ),
)

SDK = "[LIB: the itpanda SDK's doc comments, linked to the senders page]"
"""Where the parameters the archived page is cut before are named."""
USER = Param("user", f"The sub-client's login the command applies to. {SDK}", type=LINE)
DETAILS = (
    *(
        Param(name, f"{meaning} {SDK}", type=LINE)
        for name, meaning in (
            ("fio", "The organisation's legal name."),
            ("inn", "The organisation's tax number (INN, EDRPOU)."),
            ("site", "The organisation's web site."),
            ("email", "The e-mail address for contact."),
            ("address", "The organisation's actual address."),
            ("desc", "What the sender's services are."),
            ("subj", "The subject (the purpose) of the messages."),
            ("mail", "An e-mail address of the sender to add."),
            ("name", "A comment on `mail` (usually its owner's name)."),
        )
    ),
    *(
        Param(flag, f"Flag that registers the name {meaning}. {SDK}", type=FLAG)
        for flag, meaning in (
            ("mega", "with MegaFon on the tariff with free names"),
            ("mega_step", "with MegaFon as a paid name"),
            ("mts", "with MTS"),
            ("mts_step", "with MTS as a paid name"),
            ("tele2", "with Tele2 on the tariff with free names"),
            ("tele2_step", "with Tele2 as a paid name"),
            ("bee_step", "with Beeline as a paid name"),
            ("motiv_step", "with MOTIV as a paid name"),
            ("ua_reg", "for Ukraine at the lower national rate"),
            ("ua_int", "for Ukraine at the higher international rate"),
        )
    ),
    USER,
)
"""What ``add`` and ``chg`` take besides the name and its comment: the owner's details and the
operators to register the name with."""

SENDERS_ERROR_EVIDENCE = documented(
    "Error replies in four formats; codes 1-5 and 7-11, no code 6", "the senders_answer page"
)
OK_EVIDENCE = (
    inferred(
        "`OK` in fmt=0/1 and `<result>OK</result>` in fmt=2",
        "no reply is shown anywhere (senders_answer is cut before its success shapes); jobs.php documents this form",
    ),
    inferred(
        '`{"result": "OK"}` written in fmt=3, a bare `OK` read too',
        "as on the other scripts' changes and deletions (gaps G30, open); nothing shows senders.php's",
    ),
    SENDERS_ERROR_EVIDENCE,
)


def _acknowledged(command: str, description: str, *request: Param, **options: Any) -> Operation[Done]:
    return _senders(command, f"{description} (reply inferred)", DONE, request=request, evidence=OK_EVIDENCE, **options)


SENDERS_GET: Operation[Sender] = _senders(
    "get",
    "the sender names",
    Record(Sender, xml_tag="sender", csv_columns=(("sender", "id"), ("sender",))),
    cardinality=Cardinality.MANY,
    request=(
        Param(
            "all",
            "Which names to list: 0 (default) the activated ones; the page is cut before the meaning of 1.",
            type=Integer(0, 9),
        ),
        USER,
        Param("operators", f"Flag that adds each operator's status code of the name to the reply. {SDK}", type=FLAG),
        Param(
            "from_date",
            f"Only names whose status with an operator changed from this day on (`dd.mm.yyyy` inferred). {SDK}",
            type=DAY,
        ),
        Param("prev_id", f"Only names before the one with this id (paging). {SDK}", type=SERVER_ID),
        Param("cnt", f"How many names the reply holds. {SDK}", type=Integer(1, 10**6)),
    ),
    evidence=(
        inferred(
            "The fields `sender` and `id` in fmt=3",
            "two third-party clients read both from each element (gaps G28); senders_answer is cut before them",
        ),
        inferred("An array of objects in fmt=3", "a third-party client's live tests get an array"),
        inferred(
            "One `sender = <name>, id = <id>` line per name in fmt=0",
            "a third-party consumer takes the value after `=` on each line; "
            "the key `sender` and the `id` pair are guesses",
        ),
        inferred(
            "The fmt=1 columns `<sender>,<id>`, or the name alone",
            "the fmt=0 order, and the consumer that reads one value per line; nothing shows fmt=1",
        ),
        inferred(
            "`<sender>` elements wrapped in `<list>` in fmt=2",
            "get_operator's documented `<list>`; the element name is a guess",
        ),
        SENDERS_ERROR_EVIDENCE,
    ),
    idempotent=True,
)
SENDERS_ADD: Operation[Done] = _acknowledged(
    "add", "add a sender name", SENDER, *ON_CHANGE, *DETAILS, takes_files=SENDER_DOCUMENT
)
SENDERS_CHG: Operation[Done] = _acknowledged(
    "chg", "change a sender name's comment", NAMED, BY_ID, *ON_CHANGE, *DETAILS, takes_files=SENDER_DOCUMENT
)
SENDERS_DEL: Operation[Done] = _acknowledged("del", "delete a sender name", NAMED, BY_ID, USER)
SENDERS_SEND_CODE: Operation[Done] = _acknowledged(
    "send_code",
    "send the confirmation code for a numeric name",
    NUMERIC_SENDER,
    Param("site_name", f"The web site named in the message with the code. {SDK}", type=LINE),
    USER,
)
SENDERS_CHECK_CODE: Operation[Done] = _acknowledged(
    "check_code",
    "confirm a numeric name",
    NUMERIC_SENDER,
    Param("code", "The confirmation code sent to the number.", required=True, type=LINE),
    USER,
)

OPERATIONS = (SENDERS_GET, SENDERS_ADD, SENDERS_CHG, SENDERS_DEL, SENDERS_SEND_CODE, SENDERS_CHECK_CODE)

show_in("smsc_formats", Sender)  # exported there, loaded on first use
