"""get.php and its neighbours: history, incoming messages, statistics, tariffs, short links, MNP.

Every list here is read by field name, unknown keys kept in ``extra``. Evidence per operation:

- ``get_messages`` (history): one real fmt=0 line [REAL, gaps G12]::

      Status = 1, check_time = 28.06.2021 15:55:47, send_date = 28.06.2021 15:55:44,
      phone = 88002000600, mccmnc = 25503, country = Украина, operator = Kyivstar, region = ,
      cost = 0.385, sender_id = OLLYFOOD, status_name = Доставлено, message = 78-74-08, type = 0,
      ID = 206113, int_id = 401671913, sms_cnt = 1, format = 0, crc = 307589946

  so the declaration follows its order and names; ``last_timestamp``, ``err``,
  ``send_timestamp`` and ``comment`` (status.php's, the page's dictionary) stand where
  status.php puts them. The other formats' names (status.php's ``status``, ``last_date``,
  ``id``), the fmt=1 order and the ``<sms>`` element are inferred. Several of its values are
  free text, so in fmt=1 a comma in any of them cannot be told apart: ask for fmt=3. Error 3
  means an empty list [LIB node-smsc].
- ``get_answers``: [LIB] fmt=3 keys ``id``, ``sent``, ``phone``, ``to_phone``, ``message``.
- ``get_stat``: the page's dictionary ``login``, ``cnt``, ``credit``, ``debit``, ``currency``.
- ``get_price``: the page's dictionary; [LIB] fmt=3 is an object with the array in ``zones``.
- ``tinyurls_get``: the page's dictionary ``id``, ``cnt``, ``cnt_mon``, ``cnt_day``, ``cnt_yes``.

The fmt=0/1/2 shapes of all but the history line are inferred: one ``key = value`` line, one
comma-separated line per record in the declared order, one element per record in ``<list>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from .._exceptions import ApiError, LinkNotFound, NoRecordsFound
from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record, Wire

FREE_TEXT = Wire(free_text=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class SentMessage:
    """One message of the history (``get_messages``); codes as status.php gives them."""

    status: Annotated[int, Wire(text_name="Status")]
    last_date: Annotated[datetime | None, Wire(text_name="check_time")] = None
    last_timestamp: int | None = None
    err: int | None = None
    send_date: datetime | None = None
    send_timestamp: int | None = None
    phone: str | None = None
    mccmnc: str | None = None
    country: Annotated[str | None, FREE_TEXT] = None
    operator: Annotated[str | None, FREE_TEXT] = None
    region: Annotated[str | None, FREE_TEXT] = None
    cost: Decimal | None = None
    sender_id: str | None = None
    status_name: Annotated[str | None, FREE_TEXT] = None
    message: Annotated[str | None, FREE_TEXT] = None
    comment: Annotated[str | None, FREE_TEXT] = None
    type: int | None = None
    id: Annotated[int | None, Wire(text_name="ID")] = None
    int_id: int | None = None
    """The global message id: the ``prev_id`` cursor for the page before."""
    sms_cnt: int | None = None
    format: int | None = None
    crc: int | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingMessage:
    """A message received on the client's number (``get_answers``); ``id`` is the ``after_id`` cursor."""

    id: int
    sent: datetime | None = None
    phone: str | None = None
    """The sender's number."""
    to_phone: str | None = None
    message: Annotated[str | None, FREE_TEXT] = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Statistics:
    """Traffic and money for a period. The English page swaps the meanings of credit and debit;
    ``credit`` is taken to be the amount charged (inferred from the Russian original)."""

    login: str | None = None
    cnt: int
    credit: Decimal | None = None
    debit: Decimal | None = None
    currency: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TariffZone:
    """The price of each kind of message in one tariff zone (the page's list is cut after ``call``)."""

    zone: str
    name: Annotated[str | None, FREE_TEXT] = None
    api: Decimal | None = None
    mass: Decimal | None = None
    mms: Decimal | None = None
    hlr: Decimal | None = None
    call: Decimal | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortLink:
    """Click counts of a short link (the page's list is cut after ``cnt_yes``)."""

    id: int
    cnt: int | None = None
    cnt_mon: int | None = None
    cnt_day: int | None = None
    cnt_yes: int | None = None
    extra: Extra = ()


STATISTICS = Record(Statistics, xml_tag="stat")
GET_ERRORS: Mapping[int, type[ApiError]] = COMMON_ERRORS
"""The get.php tables are cut after code 2 (get_price: 1, 2, 4, 9); 1, 2, 4, 9 as everywhere."""


def _get(
    command: str,
    description: str,
    record: Record[Any],
    errors: Mapping[int, type[ApiError]] = GET_ERRORS,
    **options: Any,
) -> Operation[Any]:
    return Operation(
        name=command,
        description=f"get.php?{command}=1: {description}",
        path="get.php",
        flags={command: "1"},
        record=record,
        errors=errors,
        lists=True,
        **options,
    )


GET_MESSAGES: Operation[SentMessage] = _get(
    "get_messages",
    "history of sent messages (cnt, prev_id)",
    Record(SentMessage, xml_tag="sms"),
    errors={**GET_ERRORS, 3: NoRecordsFound},
    no_records_codes=frozenset({3}),
)
GET_ANSWERS: Operation[IncomingMessage] = _get(
    "get_answers", "incoming messages (after_id; shape inferred)", Record(IncomingMessage, xml_tag="sms")
)
GET_STAT: Operation[Statistics] = _get("get_stat", "statistics for a period (shape inferred)", STATISTICS)
GET_PRICE: Operation[TariffZone] = _get(
    "get_price",
    "tariffs per zone (shape inferred but the fmt=3 zones array)",
    Record(TariffZone, xml_tag="zone", xml_list="zones", json_list_key="zones"),
)
TINYURLS_GET: Operation[ShortLink] = Operation(
    name="tinyurls_get",
    description="tinyurls.php?get=1: click counts of a short link (shape inferred)",
    path="tinyurls.php",
    flags={"get": "1"},
    record=Record(ShortLink, xml_tag="link"),
    errors={**COMMON_ERRORS, 3: LinkNotFound},
)

OPERATIONS = (GET_MESSAGES, GET_ANSWERS, GET_STAT, GET_PRICE, TINYURLS_GET)
