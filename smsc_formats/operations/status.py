"""status.php: the status of one or several messages or HLR requests, and ``del=1``.

``all=0`` (the default)::

    fmt=0  Status = <status>, check_time = <last_date>, err = <err>
    fmt=1  <status>,<last_timestamp>,<err>
    fmt=2  <sms><status/><last_date/><last_timestamp/><flag/><err/></sms>
    fmt=3  {"status": N, "last_date": "…", "last_timestamp": N, "flag": N, "err": N}

An HLR request adds ``imsi, msc, mcc, mnc, cn, net, rcn, rnet`` (fmt=1 after ``err``, from the
official libraries; the other formats by key, inferred). ``all=1`` adds the sending date, phone,
cost, sender, status name, message text, comment and type; ``all=2`` also country, operator and
region (in fmt=1 after ``phone``: inferred). Every key but ``status`` may be absent: a message
not found (-3) has no dates, and the server leaves ``err`` out when it is 0 (``err is None``
then; :attr:`MessageStatus.delivery_error` reads it as 0).

Several ids (``id=1,2`` or a trailing comma) give one record per message, each with ``id`` and
``phone`` (fmt=1 ``all=0``: appended in that order, inferred; fmt=2 inside ``<list>``, fmt=0
one line per message, both inferred). fmt=1 with ``all=1/2`` cannot carry several messages
unambiguously (the id follows the free text) and is refused: ask for fmt=3.

fmt=1 and free text: ``message`` is the only column that may hold commas; it is read the way
the official libraries read it, with everything between the fixed columns before and after it.
The newer pages put ``comment,type`` after it, the libraries end the line with it: a line long
enough for both is read the newer way, so a message with commas sent in the older layout loses
its last two pieces to ``comment`` and ``type`` (or fails on a ``type`` that is no integer).
A comma in any other column (a region, a comment) cannot be told apart: ask for fmt=3. An HLR
reply with ``all=1/2`` puts the HLR fields right after ``err`` and has ``HLR`` as its sender
(field 15, or 18 with ``all=2``): the official libraries test exactly that (inferred).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from .._exceptions import CannotDeleteMessage
from ._common import BARE_DONE, COMMON_ERRORS, FREE_TEXT, Done
from ._evidence import captured, documented, inferred, official_client
from ._operation import Cardinality, Operation, Variant
from ._params import Param
from ._schema import Extra, Record, Wire
from ._values import FLAG, PHONE_NUMBER, SERVER_ID, Detail, Integer, Items
from .codes import DeliveryError, StatusCode, status_is_delivered, status_is_final

StatusField = Annotated[StatusCode | int, Wire(text_name="Status")]
LAST_DATE = Annotated[datetime | None, Wire(text_name="check_time")]


class StatusReading:
    """What a poller asks of a status record, whatever its detail."""

    __slots__ = ()
    status: StatusCode | int

    @property
    def is_final(self) -> bool:
        """Whether no later status is to be waited for (:attr:`StatusCode.is_final`); a code that
        is not in the table counts as final."""
        return status_is_final(self.status)

    @property
    def is_delivered(self) -> bool:
        """Delivered, read, or its link clicked."""
        return status_is_delivered(self.status)

    @property
    def is_failed(self) -> bool:
        """Final and not delivered."""
        return self.is_final and not self.is_delivered


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageStatus(StatusReading):
    """The state of a message or HLR request (``all=0``). ``flag`` is an undocumented bitmask."""

    status: StatusField
    last_date: LAST_DATE = None
    last_timestamp: int | None = None
    flag: int | None = None
    err: DeliveryError | int | None = None
    imsi: str | None = None
    msc: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    cn: str | None = None
    net: str | None = None
    rcn: str | None = None
    rnet: str | None = None
    id: int | None = None
    """With several ids: the message this record is about."""
    phone: str | None = None
    extra: Extra = ()

    @property
    def delivery_error(self) -> DeliveryError | int:
        """``err``, reading its absence as 0 (the server leaves it out when there is none)."""
        return DeliveryError.NO_ERROR if self.err is None else self.err


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageDetails(StatusReading):
    """Everything ``all=1`` (and, with country, operator and region, ``all=2``) tells of a message."""

    status: StatusField
    last_date: LAST_DATE = None
    last_timestamp: int | None = None
    flag: int | None = None
    err: DeliveryError | int | None = None
    send_date: datetime | None = None
    send_timestamp: int | None = None
    phone: str | None = None
    country: str | None = None
    operator: str | None = None
    region: str | None = None
    cost: Decimal | None = None
    sender_id: str | None = None
    """``HLR`` for an HLR request."""
    status_name: str | None = None
    """The status in words, in the language and charset of the request."""
    message: Annotated[str | None, FREE_TEXT] = None
    comment: str | None = None
    """The text after a ``~~~`` line of the message, kept by the server."""
    type: int | None = None
    """0 SMS, 1 flash, 2 binary, 3 WAP push, 4 HLR, 5 ping, 6 MMS, 7 call, 8 e-mail, 10 Viber, 12 social."""
    imsi: str | None = None
    msc: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    cn: str | None = None
    net: str | None = None
    rcn: str | None = None
    rnet: str | None = None
    id: int | None = None
    extra: Extra = ()

    @property
    def delivery_error(self) -> DeliveryError | int:
        """``err``, reading its absence as 0."""
        return DeliveryError.NO_ERROR if self.err is None else self.err


HLR = ("imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet")
BRIEF = ("status", "last_timestamp", "err")
FULL = ("send_timestamp", "phone", "cost", "sender_id", "status_name", "message")
GEO = ("country", "operator", "region")

StatusReply = MessageStatus | MessageDetails | Done
"""What a status request gets back, as its ``all`` and ``del`` options shape it."""

BRIEF_RECORD: Record[StatusReply] = Record(
    MessageStatus,
    xml_tag="sms",
    csv_columns=(
        BRIEF[:2],  # the parameter table's example "1,1286524541"
        BRIEF,
        (*BRIEF, "id", "phone"),
        (*BRIEF, *HLR),
        (*BRIEF, *HLR, "id", "phone"),
    ),
)


def _details(columns: tuple[str, ...]) -> Record[MessageDetails]:
    """``all=1`` (or ``all=2``) details. An HLR line puts the HLR fields after ``err`` and is
    told by its sender, ``HLR`` (as the libraries do). fmt=1 carries no list of them: the id
    of each would follow the free text."""
    hlr = (*BRIEF, *HLR, *("sender_id=HLR" if name == "sender_id" else name for name in columns))
    csv = ((*hlr, "comment", "type"), hlr, (*BRIEF, *columns, "comment", "type"), (*BRIEF, *columns))
    return Record(MessageDetails, xml_tag="sms", csv_columns=csv, csv_lists=False)


WITH_GEO = (*FULL[:2], *GEO, *FULL[2:])

STATUS: Operation[StatusReply] = Operation(
    name="status",
    description="status.php: status of one or several messages or HLR requests; all=1/2 for details, del=1 deletes",
    path="status.php",
    flags={},
    record=BRIEF_RECORD,
    errors={**COMMON_ERRORS, 5: CannotDeleteMessage},
    cardinality=Cardinality.per_item("id"),
    variants=(
        Variant(when={"del": ("1",)}, record=BARE_DONE, idempotent=False),
        Variant(when={"all": ("1",)}, record=_details(FULL)),
        Variant(when={"all": ("2",)}, record=_details(WITH_GEO)),
    ),
    request=(
        Param(
            "phone",
            "The number (or e-mail address) the message went to, or a comma-separated list in the order of the ids; "
            "a trailing comma asks for the several-message reply for one message.",
            required=True,
            type=Items(PHONE_NUMBER, "a phone number", trailing_comma=True),
            pairs_with="id",
        ),
        Param(
            "id",
            "The message id, or a comma-separated list; a trailing comma asks for the several-message reply.",
            required=True,
            type=Items(SERVER_ID, "a message id", trailing_comma=True),
            pairs_with="phone",
        ),
        Param(
            "all",
            "How much to tell: 0 the status only; 1 full details of the message; 2 also country, operator, region.",
            type=Integer(0, 2, Detail),
        ),
        Param("del", "Deletes the message given by `phone` and `id` when 1.", type=FLAG),
    ),
    evidence=(
        documented(
            "all=0: fmt=0 `Status`, `check_time`, `err`; fmt=1 `status,last_timestamp,err`; "
            "fmt=2 `<sms>` and fmt=3 `status`, `last_date`, `last_timestamp`, `flag`, `err`",
            "the status answer page (status_answer)",
        ),
        documented("fmt=1 `status,last_timestamp` without `err`", "the example in the status request page's table"),
        documented(
            "fmt=3 `status`, `last_timestamp`, `flag`, `err` numbers, `last_date` a string",
            "the fmt=3 template of the status answer page",
        ),
        captured(
            "`err` left out when 0, `flag` absent before 2023, no dates for status -3",
            "captured fmt=0 and fmt=3 status replies (gaps G17, G18, R-J11, R-T01)",
        ),
        documented(
            "all=1 fmt=0 line: `send_date`, `phone`, `cost`, `sender_id`, `status_name`, `message`, `comment`, `type` "
            "after the brief fields",
            "the status answer page",
        ),
        captured(
            "The all=1 fmt=0 order, with `err` and an empty `comment` left out",
            "a captured fmt=0 all=1 status line (gaps G11, R-T01)",
        ),
        documented(
            "all=1 fmt=1 columns `status,last_timestamp,err,send_timestamp,phone,cost,sender,status_name,message`",
            "the status answer page, cut just after `message`",
        ),
        official_client(
            "`message` the free-text column of fmt=1: column 9 with all=1, 12 with all=2",
            "the official Python, PHP and C# libraries' split limits",
        ),
        inferred(
            "`comment,type` after `message` in fmt=1 (a shorter line read as the libraries read it)",
            "the newer page goes on `, <co…` after `message`; the libraries end the line with it (sending.md §4.3)",
        ),
        captured(
            "fmt=2 all=1 `<sms>` with `send_date`, `send_timestamp`, `phone`, `cost`, `sender_id`, `status_name`, "
            "`message`",
            "a captured fmt=2 all=1 reply from smsc.ua (sending.md R2)",
        ),
        inferred(
            "all=2: `country`, `operator`, `region` right after `phone`",
            "the libraries put three columns before the sender; a captured history line has them after `phone` "
            "(gaps G12)",
        ),
        inferred(
            "fmt=3 all=1/2 key names (`send_timestamp`, `sender_id`, `country`, …) and `type` codes",
            "a third-party model copying the docs (sending.md P3) and the fmt=0 names",
        ),
        official_client(
            "HLR fields `imsi, msc, mcc, mnc, cn, net, rcn, rnet` right after `err` in fmt=1",
            "the official Python and PHP libraries' comments",
        ),
        inferred(
            "HLR fields in fmt=0/2/3 under the same names",
            "third-party models (sending.md P3, P10); the page is cut before them (gaps G15)",
        ),
        official_client(
            "An HLR record with all=1/2 told by its sender `HLR` (column 15, or 18 with all=2)",
            "the official Python and PHP libraries test that column",
        ),
        documented("Several ids, or a trailing comma, give one record per message", "the status request page"),
        captured(
            "fmt=3 for several ids: an array of objects, `id` and `phone` after the status keys",
            "captured fmt=3 status replies (gaps G13, R-J11, R-J13)",
        ),
        official_client(
            "fmt=1 for several ids: one line per message; all=0 adds id and phone, all=1/2 the id",
            "the official PHP library (its line split and doc comment)",
        ),
        inferred("fmt=1 all=0 for several ids: `id,phone` last", "the key order of captured fmt=3 replies (gaps G13)"),
        inferred(
            "fmt=0 one line per message and fmt=2 `<sms>` records in `<list>` for several ids",
            "get_operator's documented `<list>` wrapper; nothing seen (gaps G14)",
        ),
        inferred(
            "del=1: `OK` (fmt=0/1), `<result>OK</result>` (fmt=2)",
            "the mailing-list page documents this acknowledgement; no del=1 reply seen in these formats (gaps G16)",
        ),
        captured(
            'del=1 in fmt=3: the bare `OK` (not JSON), written so; `{"result": "OK"}` also read',
            "node-smsc's test of `del=1` against the live API (rmdm/node-smsc `test/calls/status.spec.js`): the "
            "commit that wrote it (be542c5, 2016) gave status.php a parser of its own mapping the body `OK` to "
            "`{OK: true}`, which the JSON object cannot give, and asserted `response.OK === true`",
        ),
        documented("Error replies in four formats, no message id; codes 1, 2, 4, 5, 9", "the status answer page"),
        official_client(
            "An error to several ids: a single `0,-N` line in fmt=1",
            "the official PHP library's error test",
        ),
        captured("An XML declaration glued to the root, or none", "captured fmt=2 replies (gaps G5)"),
    ),
    idempotent=True,
)
