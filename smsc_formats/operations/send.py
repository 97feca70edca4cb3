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

The same call has a JSON form (``json_path``): ``POST /rest/send/`` with the parameters as one
JSON object, answered with the fmt=3 object (the one captured exchange asked no ``fmt``; the
library asks ``fmt=3`` and ``charset=utf-8`` in the body all the same). The library writes the
integers and flags as JSON numbers, as that exchange did, and the rest as the form's strings.

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
from ._evidence import captured, documented, inferred, official_client
from ._files import MESSAGE_FILES
from ._operation import Operation, Variant
from ._params import Param
from ._schema import Extra, Record
from ._values import (
    FLAG,
    LINE,
    MESSAGE_ID,
    PHONES,
    Choice,
    CostMode,
    Integer,
    MessageList,
    Money,
    SenderName,
    SendTime,
    Text,
    Translit,
)


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
    description=(
        "send.php: send a message (every channel); cost=1 asks the price only, cost=2 adds the cost, "
        "cost=3 the cost and the balance"
    ),
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
    variants=(Variant(when={"cost": ("1",)}, record=COST, idempotent=True),),
    message_id_param="id",
    takes_files=MESSAGE_FILES,
    request=(
        Param(
            "phones",
            "One number or a list separated by commas or semicolons, in international format, or `G<group>` "
            "for a contact group; e-mail addresses with `mail=1`. Required unless `list` is given.",
            required=True,
            type=PHONES,
            either=("list",),
        ),
        Param(
            "mes",
            "The message text, up to 1000 characters; a long text is split into several SMS.",
            type=Text(max_length=1000),
        ),
        Param(
            "list",
            "Per-number messages, one `<phones>:<message>` pair a line, in place of `phones` and `mes`.",
            required=True,
            type=MessageList(),
            either=("phones",),
        ),
        Param(
            "id",
            "The client's own message id, 1 to 2147483647, not necessarily unique; the server assigns one "
            "when it is left out.",
            type=MESSAGE_ID,
        ),
        Param(
            "sender",
            "The sender ID, up to 11 characters or 15 digits; empty or `.` turns the default off. An e-mail "
            "(`mail=1`) needs the sender's address here instead.",
            type=SenderName(addresses=True),
        ),
        Param("translit", "Transliteration: 0 none, 1 `translit`, 2 `mpaHc/Ium`.", type=Integer(0, 2, Translit)),
        Param("tinyurl", "Shortens the links in the text when 1.", type=FLAG),
        Param(
            "time",
            "When to send (scheduled sending): `DDMMYYhhmm`, `DD.MM.YY hh:mm`, `h1-h2`, `0ts` or `+m`.",
            type=SendTime(),
        ),
        Param("tz", "The time zone of `time`, relative to Moscow.", type=Integer(-24, 24)),
        Param("period", "Spread a mailing over this many hours, 0.1 to 720.", type=Money()),
        Param("freq", "The interval of a spread mailing in minutes, 1 to 1440.", type=Integer(1, 1440)),
        Param("flash", "Sends a flash SMS when 1.", type=FLAG),
        Param("bin", "Sends a binary SMS when 1, one given as hex when 2.", type=Integer(0, 2)),
        Param("push", "Sends a WAP-push when 1.", type=FLAG),
        Param("hlr", "Sends an HLR request when 1; its result is read with status.php.", type=FLAG),
        Param("ping", "Sends a ping-SMS, invisible to the subscriber, when 1.", type=FLAG),
        Param("mms", "Sends an MMS when 1.", type=FLAG),
        Param("mail", "Sends an e-mail when 1; `phones` then holds the addresses.", type=FLAG),
        Param("call", "Makes a voice call when 1; with `mes=code`, a confirmation call with a code.", type=FLAG),
        Param("viber", "Sends a Viber message when 1.", type=FLAG),
        Param("soc", "Sends to social networks (OK, VK, Mail.ru Agent) when 1.", type=FLAG),
        Param("tg", "Sends a Telegram message when 1.", type=FLAG),
        Param("bot", "The Telegram chat-bot to send through (`@name_bot`).", type=LINE),
        Param("whatsapp", "Sends a WhatsApp message when 1.", type=FLAG),
        Param("fileurl", "The URL of a file to attach.", type=LINE),
        Param("subj", "The subject of an MMS or e-mail.", type=LINE),
        Param("voice", "The voice of a call: `m`, `m2`, `w` or `w2`.", type=Choice(("m", "m2", "w", "w2"))),
        Param("param", "Call parameters `w,i,n`.", type=LINE),
        Param(
            "cost",
            "What to do: 0 send; 1 give the price only and send nothing; 2 send and add the cost; "
            "3 send and add the cost and the new balance.",
            type=Integer(0, 3, CostMode),
        ),
        Param("valid", "The message's lifetime, `hh:mm`.", type=LINE),
        Param("maxsms", "The largest number of parts the message may be split into.", type=Integer(1, 100)),
        Param("imgcode", "The captcha code.", type=LINE),
        Param("userip", "The IP address the per-IP limits apply to.", type=LINE),
        Param("err", "Adds the failed numbers with their statuses to the reply when 1.", type=FLAG),
        Param("op", "Adds every number with its status, MCC/MNC, cost and error code to the reply when 1.", type=FLAG),
        Param("pp", "The partner id.", type=LINE),
    ),
    evidence=(
        documented(
            "fmt=0 cost=0: `OK - <cnt> SMS, ID - <id>`; fmt=1 columns per `cost`: `id,cnt`, `cost,cnt`, "
            "`id,cnt,cost`, `id,cnt,cost,balance`",
            "the send page's description of `fmt` (quoted by third-party code)",
        ),
        captured("The fmt=0 cost=0 line (`OK - 1 SMS, ID - 279`)", "a captured fmt=0 send reply (sending.md R1)"),
        official_client(
            "fmt=1 split into `id, cnt, cost, balance` (cost=3) and `cost, cnt` (cost=1)",
            "the official Python and PHP libraries (smsc_api.py, smsc_api.php)",
        ),
        inferred(
            "fmt=0 cost=1: `<cost> (<cnt> SMS)` (also read `OK - <cnt> SMS, COST - <cost>`)",
            "a third-party Ruby gem's pattern fitted to live replies; the page is cut before it (gaps G6)",
        ),
        inferred(
            "fmt=0 cost=2/3: `, COST - <cost>` and `, BALANCE - <balance>` after the id",
            "the jobs page's documented `OK, ID - <id>, COST - <cost>`; no reply seen (gaps G7)",
        ),
        captured("fmt=2 `<result>` with `<id>` then `<cnt>`", "a captured fmt=2 send reply (sending.md R2)"),
        inferred(
            "fmt=2 `<cost>`, `<balance>` after `<cnt>` (cost=2/3); `<cost>`, `<cnt>` for cost=1",
            "the key order of captured fmt=3 replies (gaps G8)",
        ),
        captured(
            "fmt=3 object `id`, `cnt` (numbers), `cost`, `balance` (strings), in that order",
            "captured fmt=3 replies for cost=0 and cost=3 (sending.md R3, R8)",
        ),
        captured("fmt=3 cost=1: `cost` then `cnt`, no `id`", "a captured cost=1 reply (gaps G8, R-J07)"),
        inferred(
            "The `phones` array of `op=1`/`err=1`: `phone`, `mccmnc`, optional `cost`, `status`, `error`",
            "four third-party clients' models (gaps G9); its fmt=0/1/2 layouts are unknown, so fmt=3 only",
        ),
        inferred("`code` of a call-code request (`call=1&mes=code`)", "two third-party clients read it (gaps G10)"),
        inferred("One reply in this grammar for a whole `list=` request", "no other reply format is known (gaps G27)"),
        inferred(
            "The word `SMS` in the fmt=0 line for every channel (any word is read)",
            "not documented for calls, e-mail or Viber (gaps G34)",
        ),
        documented(
            "Error replies in four formats; codes 1 to 9, with the message id for 3, 6, 7 and 8",
            "the send page's server reply and error codes (sms_answer)",
        ),
        captured(
            "Error descriptions on the wire (`no money`, `invalid number`, `duplicate request, wait a minute`)",
            "fmt=0, fmt=2 and fmt=3 send error replies (sending.md R1-R3)",
        ),
        captured("An XML declaration glued to `<result>`, or none", "captured fmt=2 replies (gaps G5)"),
        documented(
            "The JSON form: `POST /rest/send/` with these parameters as one JSON object in the body",
            "the send page: parameters 'in json format in the request body', POST to `/rest/send/` (sending.md S8)",
        ),
        captured(
            "The JSON form's reply: the fmt=3 object (`id`, `cnt` numbers; `cost`, `balance` strings), in JSON "
            "with no `fmt` asked; its key order is unknown (the capture is a printed Python dict)",
            "a project's live cost=3 send to /rest/send/: `{'balance': '83.6', 'cnt': 1, 'cost': '4.1', 'id': 14}` "
            "(Quickaxe-Martina/smsc_service smsc_api.py, sending.md R9)",
        ),
        captured(
            "A JSON body as aiohttp's `json=` writes it (`Content-Type: application/json`, ASCII with `\\u` "
            'escapes), its numbers read as the form\'s digits (`"cost": 3` gave the cost and the balance)',
            "the same capture (sending.md R9): aiohttp's `json=` body, `cost` and `valid` as JSON numbers",
        ),
        inferred(
            'The JSON form\'s error reply: fmt=3\'s `{"error": …, "error_code": N}`',
            "three projects read `error` and `error_code` from /rest/send/ replies; none is captured",
        ),
        inferred(
            "The JSON form on the backup hosts (`www2.smsc.ru/rest/send/`) and the other domains",
            "the English page names smscentre.com/rest/send/; projects post to smsc.kz/rest/send/ and name "
            "www2.smsc.ru/rest/send/ in comments",
        ),
        inferred(
            "No other script's JSON form is known",
            "only send's is documented; one project posts status.php's parameters to /rest/status/, with no reply",
        ),
    ),
    json_path="rest/send/",
)
