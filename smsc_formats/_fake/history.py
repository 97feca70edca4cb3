"""get.php and the other data scripts in the fake: history, incoming SMS, statistics, tariffs,
short links, ported numbers, dedicated numbers, call confirmation, deferred downloads.

- ``get_messages``: every message sent, newest first, with its status at the time of asking;
  ``phone`` (numbers, commas between), ``start``/``end`` (days of sending), ``cnt`` (100 when
  not given, at most 1000), ``prev_id`` (only messages whose ``int_id`` is smaller: the page
  before). No message is error 3, which the codec reads as an empty list; the fake keeps no
  e-mail, so ``email`` or ``format=8`` find none.
- ``get_answers``: the SMS put in with ``FakeSmsc.receive``, oldest first; ``after_id`` (only
  those with a larger id), ``cnt`` (100 when not given), ``hour`` (received within that many
  hours), ``to_phone``.
- ``get_stat``: one record for the account (parts sent and their cost in the period).
- ``get_price``: a zone per country the fake knows, every kind at the account's price.
- ``tinyurls.php``: the fake makes no short links, so every link is error 3.
- ``get_mnp.php``: the numbers ``FakeSmsc.port`` ported, of one ``date`` or all as the export.
- ``receive_phones.php``: two numbers to buy; ``wait_call.php``: one number to call;
  ``downloads.php``: no pending export.
- ``get_mega_accounts``: the MegaFon accounts ``FakeSmsc.add_megafon_account`` added (of one
  ``account``, or all); none is error 3.
- ``documents.php``: ``add_account`` makes an invoice for a sub-client (``user`` or ``user_id``;
  6 for one the account does not have, 1 for a ``sum`` that is no positive amount).
"""

from __future__ import annotations

import zlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._grammar import INTEGER_DIGITS, bounded_int
from ..operations.callback_events import ConfirmationCall, IncomingSms
from ._state import (
    STATUS_NAMES,
    Call,
    Fields,
    Incoming,
    Reply,
    Script,
    handles,
    local,
    read_day,
    read_money,
    read_period,
    written,
)
from .sending import OPERATORS, operator_of

if TYPE_CHECKING:
    from ._account import FakeAccount

HANDLERS: dict[str, Script] = {}
PAGE = 100
"""How many records a list holds when ``cnt`` does not say (the fake's choice)."""
CALL_TO = "74950000000"
"""The number wait_call.php asks the subscriber to call."""


def _count(fields: Fields, most: int) -> int | None:
    count = bounded_int(fields.get("cnt") or str(PAGE), INTEGER_DIGITS)
    return count if count is not None and 1 <= count <= most else None


@handles(HANDLERS, "get_messages", "start", "end", "phone", "email", "format", "cnt", "prev_id")
def get_messages(account: FakeAccount, fields: Fields) -> Reply:
    count, period = _count(fields, 1000), read_period(fields)
    before = bounded_int(fields.get("prev_id") or str(10**INTEGER_DIGITS - 1), INTEGER_DIGITS)
    phones = {phone.strip().lstrip("+") for phone in fields.get("phone", "").split(",") if phone.strip()}
    if count is None or period is None or before is None:
        return 1
    if fields.get("email") or fields.get("format", "0") not in ("", "0"):
        return []
    messages = sorted(account.messages.values(), key=lambda message: -message.int_id)
    found = [
        message
        for message in messages
        if message.int_id < before
        and (not phones or message.phone in phones)
        and period[0] <= local(message.sent).date() <= period[1]
    ]
    return [_sent(account, message) for message in found[:count]]


def _sent(account: FakeAccount, message: Any) -> dict[str, Any]:
    status, error, changed = message.state(account.clock.now(), account.delivery)
    info = operator_of(message.phone) or {}
    record: dict[str, Any] = {"status": int(status), "last_date": written(changed), "last_timestamp": int(changed)}
    if error:
        record["err"] = int(error)
    record.update(send_date=written(message.sent), send_timestamp=int(message.sent), phone=message.phone)
    if info:
        record.update(mccmnc=info["mcc"] + info["mnc"], country=info["country"], operator=info["operator"])
        record["region"] = info["region"]
    record.update(
        cost=str(message.cost), sender_id=message.sender or None, status_name=STATUS_NAMES.get(status, str(status))
    )
    record["message"] = message.text
    if message.comment:
        record["comment"] = message.comment
    record.update(type=message.type, id=message.id, int_id=message.int_id, sms_cnt=message.cnt, format=message.type)
    record["crc"] = zlib.crc32(message.text.encode())
    return record


@handles(HANDLERS, "get_answers", "cnt", "hour", "after_id", "to_phone")
def get_answers(account: FakeAccount, fields: Fields) -> Reply:
    count = _count(fields, 10000)
    after = bounded_int(fields.get("after_id") or "0", INTEGER_DIGITS)
    hour = bounded_int(fields.get("hour") or "0", INTEGER_DIGITS)
    if count is None or after is None or hour is None or hour > 168:
        return 1
    since = account.clock.now() - hour * 3600 if hour else float("-inf")
    to_phone = fields.get("to_phone", "").lstrip("+")
    found = [
        item
        for item in account.incoming
        if item.id > after and item.sent >= since and (not to_phone or item.to_phone == to_phone)
    ]
    return [
        {
            "id": item.id,
            "sent": written(item.sent),
            "phone": item.phone,
            "to_phone": item.to_phone,
            "message": item.message,
        }
        for item in found[:count]
    ]


def receive(account: FakeAccount, phone: str, message: str, to_phone: str | None) -> int:
    """Put an incoming SMS into the account; its id."""
    bought = [number for number, taken in account.dedicated.items() if taken]
    receiver = to_phone or (bought or list(account.dedicated))[0]
    item = Incoming(account.next_id("incoming"), account.clock.now(), phone.lstrip("+"), receiver.lstrip("+"), message)
    account.incoming.append(item)
    return item.id


def call(account: FakeAccount, phone: str) -> int:
    """The subscriber at ``phone`` calls the number wait_call.php gives; the call's id."""
    item = Call(account.next_id("call"), account.clock.now(), phone.lstrip("+"), CALL_TO)
    account.calls.append(item)
    return item.id


def new_posts(account: FakeAccount) -> list[IncomingSms | ConfirmationCall]:
    """The incoming SMS and confirmation calls not posted yet (marked posted), oldest first."""
    posts: list[IncomingSms | ConfirmationCall] = []
    for sms in account.incoming:
        if not sms.reported:
            sms.reported = True
            posts.append(
                IncomingSms(
                    id=sms.id,
                    phone=sms.phone,
                    to=sms.to_phone,
                    mes=sms.message,
                    sent=written(sms.sent),
                    ts=int(sms.sent),
                    time=written(sms.sent),
                )
            )
    for made in account.calls:
        if not made.reported:
            made.reported = True
            posts.append(
                ConfirmationCall(
                    id=made.id, phone=made.phone, to=made.to_phone, ts=int(made.time), time=written(made.time)
                )
            )
    return posts


@handles(HANDLERS, "get_stat", "start", "end", "mycur")
def get_stat(account: FakeAccount, fields: Fields) -> Reply:
    period = read_period(fields)
    if period is None:
        return 1
    sent = [message for message in account.messages.values() if period[0] <= local(message.sent).date() <= period[1]]
    spent = sum((message.cost for message in sent), Decimal(0))
    cnt = sum(message.cnt for message in sent)
    return [{"login": account.login, "cnt": cnt, "credit": f"{spent:.2f}", "debit": "0.00", "currency": "RUR"}]


@handles(HANDLERS, "get_price")
def get_price(account: FakeAccount, fields: Fields) -> Reply:
    price = str(account.price)
    return [
        {"zone": str(zone), "name": info["country"], "api": price, "mass": price, "mms": price, "hlr": price}
        | {"call": price}
        for zone, info in enumerate(OPERATORS.values(), start=1)
    ]


@handles(HANDLERS, "tinyurls_get", "link", "id")
def tinyurls_get(account: FakeAccount, fields: Fields) -> Reply:
    return 3 if fields.get("link") or fields.get("id") else 1


@handles(HANDLERS, "get_mnp", "date")
def get_mnp(account: FakeAccount, fields: Fields) -> Reply:
    if not fields.get("date"):
        return [{"Phone": phone, "mccmnc": mccmnc} for phone, (mccmnc, _) in account.ported.items()]
    day = read_day(fields["date"])
    if day is None:
        return 1
    return [{"phone": phone, "mccmnc": mccmnc} for phone, (mccmnc, when) in account.ported.items() if when == day]


@handles(HANDLERS, "receive_phones_get")
def receive_phones_get(account: FakeAccount, fields: Fields) -> Reply:
    return [{"phone": number} for number, taken in account.dedicated.items() if not taken]


@handles(HANDLERS, "receive_phones_buy", "phone", "noprolong")
def receive_phones_buy(account: FakeAccount, fields: Fields) -> Reply:
    number = fields.get("phone", "").lstrip("+")
    if account.dedicated.get(number) is not False:
        return 1
    account.dedicated[number] = True
    return {"result": "OK"}


@handles(HANDLERS, "receive_phones_chg", "phone", "noprolong")
def receive_phones_chg(account: FakeAccount, fields: Fields) -> Reply:
    return {"result": "OK"} if account.dedicated.get(fields.get("phone", "").lstrip("+")) else 1


@handles(HANDLERS, "wait_call", "phone")
def wait_call(account: FakeAccount, fields: Fields) -> Reply:
    return {"phone": CALL_TO} if fields.get("phone") else 1


@handles(HANDLERS, "downloads_get_list", "cnt")
def downloads_get_list(account: FakeAccount, fields: Fields) -> Reply:
    return []


@handles(HANDLERS, "get_mega_accounts", "account")
def get_mega_accounts(account: FakeAccount, fields: Fields) -> Reply:
    wanted = fields.get("account") or None
    return [
        {"account": number, **values}
        for number, values in account.megafon.items()
        if wanted is None or number == wanted
    ]


@handles(HANDLERS, "documents_add_account", "user", "user_id", "sum", "service")
def documents_add_account(account: FakeAccount, fields: Fields) -> Reply:
    user_id = bounded_int(fields.get("user_id", ""), INTEGER_DIGITS)
    user = next(
        (user for user in account.users.values() if user.login == fields.get("user") or user.id == user_id), None
    )
    amount = read_money(fields.get("sum", ""))
    if amount is None or amount <= 0:
        return 1
    if user is None:
        return 6
    number = account.next_id("invoice")
    account.invoices[number] = {"user": user.login, "sum": amount, "service": fields.get("service", "")}
    return {"id": number}
