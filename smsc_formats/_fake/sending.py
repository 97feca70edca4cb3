"""The sending scripts of the fake: send.php, balance.php, info.php, ping.php.

send.php takes ``phones`` (commas or semicolons; ``G<id>`` for a contact group) with ``mes``,
or ``list`` (``<phones>:<text>`` lines); ``id`` (none, empty or ``0``: the account gives one);
``sender``, ``translit`` (a text transliterated counts 160 characters a part), ``cost`` 0-3,
``op=1``/``err=1`` (fmt=3 only: their other layouts are unknown), the channels ``flash``,
``hlr``, ``ping``, ``call`` (``mes=code`` adds a ``code``), ``viber``, ``tg`` (with ``bot``),
``whatsapp``, ``soc``, and ``voice``, ``param``, ``pp``, ``userip``, and ``time`` with ``tz``
(scheduled sending: ``DDMMYYhhmm``, ``DD.MM.YY hh:mm``, ``0<unix time>``, ``+<minutes>``; error
5 for another date, 501 for the ``h1-h2`` window). Each number gets a message
(all of one request share its id); the balance pays ``price`` per SMS part (per number for
HLR, ping, call and the messengers). Refused: no number or text (1), an id that is no number
(1), a number that is not 10-15 digits (7, with the id), not enough money (3, with the id),
and an identical request (every field but ``id``) within a minute of one accepted (9). What
becomes of each message on the fake's clock is ``statuses``'s to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._grammar import INTEGER_DIGITS, bounded_int
from ..operations.codes import DeliveryError, StatusCode
from ._state import (
    WINDOW,
    Fields,
    Message,
    NotHandled,
    Refusal,
    Reply,
    Script,
    handles,
    scheduled,
)

if TYPE_CHECKING:
    from ._account import FakeAccount

HANDLERS: dict[str, Script] = {}

OPERATORS = {
    "7": {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"},
    "380": {"country": "Украина", "operator": "Киевстар", "region": "Киев", "mcc": "255", "mnc": "03", "tz": "2"},
}
"""Operator answers by the phone number's leading digits."""

CHANNELS = {
    "flash": 1, "hlr": 4, "ping": 5, "mms": 6, "call": 7, "mail": 8, "viber": 10, "soc": 12, "tg": 13, "whatsapp": 14
}  # fmt: skip
"""status.php's ``type`` of each channel flag (Telegram's and WhatsApp's are the fake's own)."""
PER_NUMBER = frozenset({4, 5, 6, 7, 8, 10, 12, 13, 14})
MAIL = 8
"""Types paid once per number rather than per SMS part."""
HLR_TYPE = 4
PROHIBITED = (StatusCode.PROHIBITED, DeliveryError.NUMBER_FORBIDDEN)
_NOT_COMPARED = frozenset({"login", "psw", "apikey", "id"})
"""What two sends may differ in and still be the same request (error 9 within a minute)."""
INT_IDS = 400_000_000
"""Where the global message ids (``int_id``) start."""


def operator_of(phone: str) -> dict[str, str] | None:
    return next((info for prefix, info in OPERATORS.items() if phone.startswith(prefix)), None)


def sms_parts(text: str, *, latin: bool) -> int:
    per_part = 160 if latin or text.isascii() else 70
    return max(1, -(-len(text) // per_part))


def _numbers(account: FakeAccount, phones: str) -> list[str]:
    """The numbers of ``phones``, a contact group ``G<id>`` expanded to its contacts' numbers."""
    numbers: list[str] = []
    for written_item in phones.replace(";", ",").split(","):
        item = written_item.strip()
        group = bounded_int(item[1:], INTEGER_DIGITS) if item[:1] in ("G", "g") else None
        if group is not None:
            numbers += [contact.phone for contact in account.contacts.values() if group in contact.groups]
        elif item:
            numbers.append(item.lstrip("+"))
    return numbers


def _pairs(account: FakeAccount, fields: Fields) -> list[tuple[str, str]] | None:
    """(number, text) for every message of the request; ``None`` when it names none."""
    if fields.get("list"):
        lines = [line.partition(":") for line in fields["list"].splitlines() if line.strip()]
        pairs = [(number, text) for phones, _, text in lines for number in _numbers(account, phones)]
    else:
        pairs = [(number, fields.get("mes", "")) for number in _numbers(account, fields.get("phones", ""))]
    return pairs or None


SEND_FIELDS = (
    "phones",
    "mes",
    "list",
    "id",
    "sender",
    "translit",
    "cost",
    "op",
    "err",
    "bot",
    "voice",
    "param",
    "time",
    "subj",
)


@dataclass(frozen=True, slots=True)
class _Send:
    """A send request as read: its messages, what each costs, its id and when it leaves."""

    pairs: list[tuple[str, str]]
    counts: list[int]
    message_id: int
    channel: int
    due: float


def _read(account: FakeAccount, fields: Fields, now: float) -> _Send | Refusal:
    channel = next((kind for flag, kind in CHANNELS.items() if fields.get(flag) == "1"), 0)
    pairs = _pairs(account, fields)
    chosen = fields.get("id", "0") or "0"
    message_id = account.peek_id("message") if chosen == "0" else bounded_int(chosen, INTEGER_DIGITS)
    if pairs is None or message_id is None or (channel not in (4, 5) and not all(text for _, text in pairs)):
        return 1
    if channel == MAIL and not (fields.get("subj") and fields.get("sender")):
        return 1  # an e-mail's subject and sender address are required
    if any(not _address(number, channel) for number, _ in pairs):
        return 7, message_id
    tz = bounded_int(fields.get("tz") or "0", 2, signed=True)
    due = scheduled(fields["time"], tz or 0, now) if fields.get("time") else now
    if tz is None or abs(tz) > 24 or due is None:
        return 5
    if (fields.get("op") == "1" or fields.get("err") == "1") and fields.get("fmt") != "3":
        raise NotHandled(f"{'op' if fields.get('op') == '1' else 'err'} in fmt={fields.get('fmt', '0')}")
    latin = fields.get("translit", "0") != "0"
    counts = [1 if channel in PER_NUMBER else sms_parts(text.split("\n~~~\n")[0], latin=latin) for _, text in pairs]
    return _Send(pairs, counts, message_id, channel, due)


def _address(number: str, channel: int) -> bool:
    """A phone number, or for an e-mail an address (one ``@`` between two non-empty parts)."""
    if channel == MAIL:
        user, at, host = number.partition("@")
        return bool(user and at and host) and "@" not in host
    return number.isdigit() and 10 <= len(number) <= 15


@handles(HANDLERS, "send", *SEND_FIELDS, "tz", *CHANNELS, "pp", "userip")
def send(account: FakeAccount, fields: Fields) -> Reply:
    now = account.clock.now()
    request = _read(account, fields, now)
    if not isinstance(request, _Send):
        return request
    cnt = sum(request.counts)
    cost, option = account.price * cnt, fields.get("cost", "0")
    if option == "1":
        return {"cost": str(cost), "cnt": cnt, **_details(account, fields, request.pairs)}
    same = tuple(sorted((key, value) for key, value in fields.items() if key not in _NOT_COMPARED))
    if now - account.sends.get(same, now - WINDOW) < WINDOW:
        return 9
    if cost > account.balance:
        return 3, request.message_id
    account.sends[same] = now
    account.balance -= cost
    _create(account, fields, request, now)
    reply: dict[str, Any] = {"id": request.message_id, "cnt": cnt}
    if option in ("2", "3"):
        reply["cost"] = str(cost)
    if option == "3":
        reply["balance"] = str(account.balance)
    if request.channel == CHANNELS["call"] and fields.get("mes") == "code":
        reply["code"] = f"{request.message_id * 7919 % 10000:04d}"
    return {**reply, **_details(account, fields, request.pairs)}


def _create(account: FakeAccount, fields: Fields, request: _Send, now: float) -> None:
    account.use_id("message", request.message_id)
    for (number, text), parts in zip(request.pairs, request.counts, strict=True):
        message, _, comment = text.partition("\n~~~\n")
        account.messages[request.message_id, number] = Message(
            id=request.message_id,
            phone=number,
            int_id=INT_IDS + account.next_id("int_id"),
            sent=now,
            text=message,
            comment=comment,
            cost=account.price * parts,
            cnt=parts,
            type=request.channel,
            sender=fields.get("sender", ""),
            due=request.due,
            outcome=_outcome(account, number),
        )


def _outcome(account: FakeAccount, number: str) -> tuple[int, int]:
    _, blocked = account.blacklist.get(number, (0, 1))  # type 1 blocks mass mailings only
    if blocked != 1:
        return PROHIBITED
    return account.failing.get(number, (StatusCode.DELIVERED, DeliveryError.NO_ERROR))


def _details(account: FakeAccount, fields: Fields, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The ``phones`` array of ``op=1`` (every number) or ``err=1`` (those that will fail)."""
    if fields.get("op") != "1" and fields.get("err") != "1":
        return {}
    details = []
    for number, _ in pairs:
        status, error = _outcome(account, number)
        if fields.get("op") == "1" or status != StatusCode.DELIVERED:
            info = operator_of(number) or {"mcc": "", "mnc": ""}
            detail = {"phone": number, "mccmnc": info["mcc"] + info["mnc"], "cost": str(account.price)}
            details.append({**detail, "status": str(int(status)), "error": str(int(error))})
    return {"phones": details}


@handles(HANDLERS, "balance", "cur")
def balance(account: FakeAccount, fields: Fields) -> Reply:
    currency = {"currency": "RUR"} if fields.get("cur") == "1" else {}
    return {"balance": f"{account.balance:.2f}", **currency}


@handles(HANDLERS, "get_operator", "phone")
def get_operator(account: FakeAccount, fields: Fields) -> Reply:
    phones = fields.get("phone", "").split(",")
    if not all(phones):
        return 1
    found = [operator_of(phone.lstrip("+")) for phone in phones]
    if None in found:
        return 3
    if len(phones) == 1:
        return dict(found[0] or {})
    return [{"phone": phone, **(info or {})} for phone, info in zip(phones, found, strict=True)]


@handles(HANDLERS, "ping", "id", "name", "host", "info", "ok")
def ping(account: FakeAccount, fields: Fields) -> Reply:
    if bounded_int(fields.get("id", ""), INTEGER_DIGITS) is None:
        return 1
    account.events.append({key: fields[key] for key in ("id", "name", "host", "info", "ok") if key in fields})
    return {"result": "OK"}
