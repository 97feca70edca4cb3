"""get.php and its neighbours: history, incoming messages, statistics, tariffs, short links.

Every list here is read by field name, unknown keys kept in ``extra``; each declaration's
``evidence`` says which parts are documented, captured or inferred. The history follows its one
captured fmt=0 line (gaps R-T02)::

    Status = 1, check_time = 28.06.2021 15:55:47, send_date = 28.06.2021 15:55:44,
    phone = 88002000600, mccmnc = 25503, country = Украина, operator = Kyivstar, region = ,
    cost = 0.385, sender_id = OLLYFOOD, status_name = Доставлено, message = 78-74-08, type = 0,
    ID = 206113, int_id = 401671913, sms_cnt = 1, format = 0, crc = 307589946

with ``last_timestamp``, ``err``, ``send_timestamp`` and ``comment`` (status.php's, the page's
dictionary) where status.php puts them. Several of its values are free text, so in fmt=1 a comma
in any of them cannot be told apart: ask for fmt=3.

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
from .._public import show_in
from ._common import COMMON_ERRORS, FREE_TEXT
from ._evidence import Evidence, captured, documented, inferred
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import Extra, Record, Wire
from ._values import DAY, FLAG, LINE, PHONE_NUMBER, SERVER_ID, Integer, Items


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
        cardinality=Cardinality.MANY,
        **options,
    )


GET_MESSAGES: Operation[SentMessage] = _get(
    "get_messages",
    "history of sent messages (cnt, prev_id)",
    Record(SentMessage, xml_tag="sms"),
    errors={**GET_ERRORS, 3: NoRecordsFound},
    no_records_codes=frozenset({3}),
    request=(
        Param(
            "start", "The first day of the period, 'dd.mm.yyyy'; the history reaches back at most six months.", type=DAY
        ),
        Param("end", "The last day of the period, 'dd.mm.yyyy'; without it, data from `start` on.", type=DAY),
        Param(
            "phone",
            "A number, or several separated by commas, whose SMS history is asked for.",
            type=Items(PHONE_NUMBER, "a phone number"),
        ),
        Param(
            "email",
            "An e-mail address, or several separated by commas, whose e-mail history is asked for.",
            type=Items(PHONE_NUMBER, "an e-mail address"),
        ),
        Param("format", "Which messages: 0 (default) SMS, 8 e-mail.", type=Integer(0, 99)),
        Param("cnt", "How many messages the reply holds, at most 1000.", type=Integer(1, 1000)),
        Param(
            "prev_id",
            "A global message id (`int_id`): only messages sent before that one are returned.",
            type=SERVER_ID,
        ),
    ),
    evidence=(
        captured(
            "The fmt=0 line: field names and order from `Status` to `crc`, upper-case `ID`, `region = ,` when empty",
            "a captured fmt=0 history line (gaps R-T02)",
        ),
        documented(
            "The fields `status`, `last_date`, `last_timestamp`, `err`, `send_date`, `send_timestamp`",
            "the history page (get_data/outbox), whose field list is cut after `send_timestamp`",
        ),
        documented("Dates as `DD.MM.YYYY hh:mm:ss`", "the history page (get_data/outbox)"),
        inferred(
            "Where `last_timestamp`, `err`, `send_timestamp` and `comment` stand in the fmt=0 line",
            "status.php's documented line puts them so; the captured history line has none of them",
        ),
        captured(
            "`err` and `comment` left out when zero or empty", "status.php's and the history's fmt=0 lines (gaps G11)"
        ),
        inferred(
            "fmt=2/3 field names (`status`, `last_date`, `id`)",
            "status.php's documented XML and JSON names; no history reply in these formats is shown",
        ),
        inferred(
            "fmt=1: one comma-separated line per message, fields in the declared order",
            "no page or capture shows it; free text in the middle makes it ambiguous, so fmt=3 is advised",
        ),
        inferred(
            "fmt=2: one `<sms>` element per message in `<list>`", "status.php's `<sms>` and get_operator's `<list>`"
        ),
        inferred("fmt=3: an array of objects", "the third-party node-smsc's live test of get_messages (2016)"),
        documented("Error replies in four formats", "the history page (get_data/outbox); its code table is cut"),
        inferred("Error codes 1, 2, 4, 9", "they mean the same on every script whose table survives"),
        inferred(
            "Error 3 for an empty history, read as an empty list", "the third-party node-smsc turns code 3 into `[]`"
        ),
    ),
    idempotent=True,
)

LIST_SHAPES: tuple[Evidence, ...] = (
    inferred(
        "fmt=0: one `key = value, …` line per record; fmt=1: one comma-separated line in the declared order",
        "no page or capture shows them; the history's captured fmt=0 line and status.php's lines",
    ),
    inferred("fmt=2: one element per record in `<list>`", "get_operator's documented `<list>` wrapper"),
    inferred(
        "fmt=3 value types (counts numbers, money strings)",
        "the types of documented single replies; those of lists are open (gaps G32), so either form is read",
    ),
    captured("An XML declaration glued to the root, or none", "XML replies of other scripts (gaps G5)"),
)
"""How the get.php lists other than the history are taken to look in each format."""

CUT_ERRORS: tuple[Evidence, ...] = (
    inferred("Error codes 4 and 9", "the page's table is cut after code 2; both mean the same on every script"),
)
"""The error codes a get.php page no longer shows."""

DAY_RANGE = (
    Param("start", "The first day of the period, 'dd.mm.yyyy'.", type=DAY),
    Param("end", "The last day of the period, 'dd.mm.yyyy'; without it, data from `start` on.", type=DAY),
)

GET_ANSWERS: Operation[IncomingMessage] = _get(
    "get_answers",
    "incoming messages (after_id; shape inferred)",
    Record(IncomingMessage, xml_tag="sms"),
    request=(
        Param("cnt", "How many messages the reply holds, at most 10000.", type=Integer(1, 10000)),
        Param("hour", "The period in hours to look back, at most 168 (7 days).", type=Integer(1, 168)),
        Param("after_id", "An incoming message's id: only messages after that one are returned.", type=SERVER_ID),
        Param("to_phone", "The client's number the messages were received on.", type=PHONE_NUMBER),
    ),
    evidence=(
        documented(
            "`id`, the incoming message's id, first field", "the incoming-messages page (get_data/inbox), cut after it"
        ),
        inferred(
            "The fields `id`, `sent`, `phone`, `to_phone`, `message`",
            "two third-party clients read these fmt=3 keys (node-smsc among them)",
        ),
        inferred("The field order after `id`", "the clients read by name; the free-text `message` is put last"),
        inferred("`sent` as `DD.MM.YYYY hh:mm:ss`", "third-party clients parse it with `%d.%m.%Y %H:%M:%S`"),
        inferred("fmt=3: an array of objects", "the third-party node-smsc's live test of get_answers (2016)"),
        inferred("fmt=2: one `<sms>` element per message", "the history's element name"),
        *LIST_SHAPES,
        documented("Error replies in four formats; codes 1, 2", "the incoming-messages page (get_data/inbox)"),
        *CUT_ERRORS,
    ),
    idempotent=True,
)
GET_STAT: Operation[Statistics] = _get(
    "get_stat",
    "statistics for a period (shape inferred)",
    STATISTICS,
    request=(
        *DAY_RANGE,
        Param("mycur", "A flag: amounts in the client's current currency.", type=FLAG),
        Param("balance2", "A flag: statistics of the messages paid from the electronic balance.", type=FLAG),
    ),
    evidence=(
        documented(
            "The fields `login`, `cnt`, `credit`, `debit`, `currency`, in that order",
            "the statistics page's field list (get_data/statistic)",
        ),
        inferred(
            "`credit` as the amount charged, `debit` as the amount credited",
            "the English page swaps the two words; the Russian original is taken to mean so",
        ),
        inferred("fmt=3: an array of objects", "the third-party node-smsc's live test of get_stat (2016)"),
        inferred("fmt=2: one `<stat>` element per record", "no page or capture names it"),
        *LIST_SHAPES,
        documented("Error replies in four formats; codes 1, 2", "the statistics page (get_data/statistic)"),
        *CUT_ERRORS,
    ),
    idempotent=True,
)
GET_PRICE: Operation[TariffZone] = _get(
    "get_price",
    "tariffs per zone (shape inferred but the fmt=3 zones array)",
    Record(TariffZone, xml_tag="zone", xml_list="zones", json_list_key="zones"),
    evidence=(
        documented(
            "The fields `zone`, `name`, `api`, `mass`, `mms`, `hlr`, `call`, in that order",
            "the tariffs page's field list (get_data/tariffs), cut after `call`",
        ),
        inferred(
            "fmt=3: an object whose `zones` key holds the array",
            "the third-party node-smsc's live test of get_price (2016)",
        ),
        inferred("fmt=2: `<zone>` elements in `<zones>`", "the fmt=3 `zones` key; no page or capture shows the XML"),
        inferred(
            "fmt=0: one `key = value, …` line per zone; fmt=1: one comma-separated line in the declared order",
            'no page or capture shows them; the page says only "a set of strings"',
        ),
        inferred("Prices as decimals, JSON strings or numbers", "money is a JSON string in documented replies"),
        captured("An XML declaration glued to the root, or none", "XML replies of other scripts (gaps G5)"),
        documented("Error replies in four formats; codes 1, 2, 4, 9", "the tariffs page (get_data/tariffs)"),
    ),
    idempotent=True,
)
TINYURLS_GET: Operation[ShortLink] = Operation(
    name="tinyurls_get",
    description="tinyurls.php?get=1: click counts of a short link (shape inferred)",
    path="tinyurls.php",
    flags={"get": "1"},
    record=Record(ShortLink, xml_tag="link"),
    errors={**COMMON_ERRORS, 3: LinkNotFound},
    request=(
        Param(
            "link", "The original full link; it or `id` names the short link.", required=True, type=LINE, either=("id",)
        ),
        Param(
            "id",
            "The short link's id, given when it was created; it or `link` names the link.",
            required=True,
            type=SERVER_ID,
            either=("link",),
        ),
    ),
    evidence=(
        documented(
            "The fields `id`, `cnt`, `cnt_mon`, `cnt_day`, `cnt_yes`, in that order",
            "the short-link page's field list (get_data/tinyurl), cut after `cnt_yes`",
        ),
        inferred("One record, not a list", "the request names one link"),
        inferred(
            "fmt=0: one `key = value, …` line; fmt=1: the values in the declared order",
            "no page or capture shows them",
        ),
        inferred(
            "fmt=2: a `<link>` element; fmt=3: one object", "no page or capture shows them; the element name is chosen"
        ),
        captured("An XML declaration glued to the root, or none", "XML replies of other scripts (gaps G5)"),
        documented(
            "Error replies in four formats; codes 1, 2, 3 (link not found), 4",
            "the short-link page (get_data/tinyurl)",
        ),
        inferred("Error code 9", "the page's table is cut after code 4; 9 means the same on every script"),
    ),
    idempotent=True,
)

OPERATIONS = (GET_MESSAGES, GET_ANSWERS, GET_STAT, GET_PRICE, TINYURLS_GET)

show_in(
    "smsc_formats", IncomingMessage, SentMessage, ShortLink, Statistics, TariffZone
)  # exported there, loaded on first use
