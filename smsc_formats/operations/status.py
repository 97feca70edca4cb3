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
from ._common import COMMON_ERRORS
from ._ok import DONE, Done
from ._schema import Extra, Operation, Record, Variant, Wire
from .codes import DeliveryError, StatusCode

StatusField = Annotated[StatusCode | int, Wire(text_name="Status")]
LAST_DATE = Annotated[datetime | None, Wire(text_name="check_time")]


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageStatus:
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
class MessageDetails:
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
    message: Annotated[str | None, Wire(free_text=True)] = None
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


def _details(columns: tuple[str, ...] | None) -> Record[MessageDetails]:
    """``all=1`` (or ``all=2``) details; ``None``: fmt=1 cannot carry them. An HLR line puts
    the HLR fields after ``err`` and is told by its sender, ``HLR`` (as the libraries do)."""
    if columns is None:
        return Record(MessageDetails, xml_tag="sms", csv_columns=())
    hlr = (*BRIEF, *HLR, *("sender_id=HLR" if name == "sender_id" else name for name in columns))
    csv = ((*hlr, "comment", "type"), hlr, (*BRIEF, *columns, "comment", "type"), (*BRIEF, *columns))
    return Record(MessageDetails, xml_tag="sms", csv_columns=csv)


WITH_GEO = (*FULL[:2], *GEO, *FULL[2:])

STATUS: Operation[StatusReply] = Operation(
    name="status",
    description="status.php: status of one or several messages or HLR requests; all=1/2 for details, del=1 deletes",
    path="status.php",
    flags={},
    record=BRIEF_RECORD,
    errors={**COMMON_ERRORS, 5: CannotDeleteMessage},
    list_param="id",
    variants=(
        Variant(when={"del": ("1",)}, record=DONE),
        Variant(when={"all": ("1", "2")}, record=_details(None), several=True),
        Variant(when={"all": ("1",)}, record=_details(FULL)),
        Variant(when={"all": ("2",)}, record=_details(WITH_GEO)),
    ),
)
