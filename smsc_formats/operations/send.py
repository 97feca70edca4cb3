"""send.php: sending a message (SMS, HLR, ping, call, Viber, e-mail, Telegram, MMS, ``list=``).

Every variant answers with the same grammar; ``cost`` decides which fields it holds::

    cost  fmt=0                                                       fmt=1
    0     OK - <cnt> SMS, ID - <id>                                   <id>,<cnt>
    1     <cost> (<cnt> SMS)                       (inferred)         <cost>,<cnt>
    2     OK - <cnt> SMS, ID - <id>, COST - <cost>  (inferred)        <id>,<cnt>,<cost>
    3     … , COST - <cost>, BALANCE - <balance>    (inferred)        <id>,<cnt>,<cost>,<balance>

fmt=2 is ``<result>`` with ``<id>``, ``<cnt>``, ``<cost>``, ``<balance>`` in that order
(``<cost>``, ``<cnt>`` for cost=1; the orders beyond id, cnt are inferred from the live JSON key
order); fmt=3 the same keys, ``cost`` and ``balance`` as JSON strings. ``op=1`` and ``err=1``
add a ``phones`` array of per-number details, known only in fmt=3; a call-code request
(``call=1&mes=code``) adds ``code``. Errors 3, 6, 7 and 8 carry the message id.

The ``list=`` form (one ``<phones>:<message>`` per line) and a comment after a ``~~~`` line
change the request only; the reply keeps this grammar (one reply for the whole request).

fmt=0 is read in any letter case, with the ``, COST - …``/``, BALANCE - …`` pairs in any order
and any word in place of ``SMS`` (whether a call or an e-mail says ``SMS`` is not documented);
cost=1 is also read as ``OK - <cnt> SMS, COST - <cost>``. Only the first spelling is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .._exceptions import (
    CannotDeliver,
    InvalidDateFormat,
    InvalidPhoneNumber,
    MessageDenied,
    NotEnoughMoney,
)
from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record, Variant


@dataclass(frozen=True, slots=True, kw_only=True)
class PhoneDetail:
    """One number of an ``op=1``/``err=1`` reply (fmt=3 only; every field but ``phone`` may be absent).

    ``status`` and ``error`` stay text: the live server sends them as strings, sometimes empty.
    """

    phone: str
    mccmnc: str | None = None
    cost: Decimal | None = None
    status: str | None = None
    error: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Sent:
    """A message accepted for sending (cost=0, 2 or 3). ``cnt`` counts SMS parts, or billing
    blocks of a voice call; ``cost`` and ``balance`` come with cost=2/3."""

    id: int
    cnt: int
    cost: Decimal | None = None
    balance: Decimal | None = None
    phones: tuple[PhoneDetail, ...] | None = None
    """Per-number details of ``op=1``/``err=1`` (fmt=3 only)."""
    code: str | None = None
    """The digits a call-code request (``call=1&mes=code``) dials out; fmt=2/3 only (inferred)."""
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Cost:
    """What a message would cost (cost=1): nothing is sent and no id is given."""

    cost: Decimal
    cnt: int
    phones: tuple[PhoneDetail, ...] | None = None
    """Per-number details of ``op=1`` (fmt=3 only)."""
    extra: Extra = ()


SENT: Record[Sent | Cost] = Record(
    Sent,
    xml_tag="result",
    text_template="OK - {cnt} {*SMS}, ID - {id}[, COST - {cost}][, BALANCE - {balance}]",
    csv_columns=(("id", "cnt"), ("id", "cnt", "cost"), ("id", "cnt", "cost", "balance")),
)

COST: Record[Sent | Cost] = Record(
    Cost,
    xml_tag="result",
    text_template="{cost} ({cnt} {*SMS})",
    text_accepts=("OK - {cnt} {*SMS}, COST - {cost}",),
    csv_columns=(("cost", "cnt"),),
)

SEND: Operation[Sent | Cost] = Operation(
    name="send",
    description="send.php: send a message (every channel); cost=1 asks the price only, cost=2/3 add cost and balance",
    path="send.php",
    flags={},
    record=SENT,
    errors={
        **COMMON_ERRORS,
        3: NotEnoughMoney,
        5: InvalidDateFormat,
        6: MessageDenied,
        7: InvalidPhoneNumber,
        8: CannotDeliver,
    },
    variants=(Variant(when={"cost": ("1",)}, record=COST),),
)
