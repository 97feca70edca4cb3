"""status.php in the fake, and the delivery events of messages whose status became final.

A message waits (status -1) until its ``time``, is transferred (status 0) when it leaves, and
is final ``delivery`` seconds later on the fake's clock: delivered (1), or what ``fail_number``
set for its number, or prohibited (23, err 252) for a blacklisted one.

status.php answers ``all`` 0, 1 (details) and 2 (with country, operator, region; an HLR request
adds its ``imsi … rnet`` fields once final; in fmt=1 without ``comment`` and ``type``, so that
the message ends the line as the official libraries read it), several ids, and ``del=1`` (error
5 for a message it does not have); a deleted message reads -3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._grammar import INTEGER_DIGITS, bounded_int
from ..operations.callback_events import DeliveryEvent, HlrResult
from ..operations.codes import StatusCode
from ._state import STATUS_NAMES, Fields, Message, Reply, Script, handles, written
from .sending import HLR_TYPE, operator_of

if TYPE_CHECKING:
    from ._account import FakeAccount

HANDLERS: dict[str, Script] = {}


@handles(HANDLERS, "status", "phone", "id", "all", "del")
def status(account: FakeAccount, fields: Fields) -> Reply:
    ids, phones = fields.get("id", "").split(","), fields.get("phone", "").split(",")
    numbers = [bounded_int(item, INTEGER_DIGITS) for item in ids]
    detail = fields.get("all", "0")
    if len(ids) != len(phones) or detail not in ("0", "1", "2"):
        return 1
    if any(number is None for item, number in zip(ids, numbers, strict=True) if item):
        return 1
    pairs = [(number, phone.lstrip("+")) for number, phone in zip(numbers, phones, strict=True) if number is not None]
    if fields.get("del") == "1":
        if not pairs or any(pair not in account.messages for pair in pairs):
            return 5
        for pair in pairs:
            del account.messages[pair]
        return {"result": "OK"}
    records = [_status(account, account.messages.get(pair), int(detail)) for pair in pairs]
    if fields.get("fmt") == "1":  # the line the official libraries read: the message last
        records = [
            {key: value for key, value in record.items() if key not in ("comment", "type")} for record in records
        ]
    if len(ids) == 1:
        return records[0]
    return [{**record, "id": number, "phone": phone} for record, (number, phone) in zip(records, pairs, strict=True)]


def _status(account: FakeAccount, message: Message | None, detail: int) -> dict[str, Any]:
    if message is None:
        return {"status": StatusCode.NOT_FOUND}
    status, error, changed = message.state(account.clock.now(), account.delivery)
    record: dict[str, Any] = {"status": status, "last_date": written(changed), "last_timestamp": int(changed)}
    if error:  # left out when 0, as the server does
        record["err"] = error
    info = operator_of(message.phone)
    if message.type == HLR_TYPE and status == StatusCode.DELIVERED and info is not None:
        record.update(_hlr(message.phone, info))
    if detail:
        record.update(
            send_date=written(message.sent),
            send_timestamp=int(message.sent),
            phone=message.phone,
            cost=str(message.cost),
            sender_id=("HLR" if message.type == HLR_TYPE else message.sender) or None,
            status_name=STATUS_NAMES.get(status, str(status)),
            message=message.text,
            type=message.type,
        )
        if message.comment:
            record["comment"] = message.comment
    if detail == 2 and info is not None:
        record.update(country=info["country"], operator=info["operator"], region=info["region"])
    return record


def _hlr(phone: str, info: dict[str, str]) -> dict[str, str]:
    return {
        "imsi": (info["mcc"] + info["mnc"] + phone[-10:])[:15],
        "msc": "79020000000",
        "mcc": info["mcc"],
        "mnc": info["mnc"],
        "cn": info["country"],
        "net": info["operator"],
        "rcn": "",
        "rnet": "",
    }


def _hlr_result(event: DeliveryEvent) -> HlrResult:
    """The HLR request's final event: its status, and the network's answer once delivered."""
    info = operator_of(event.phone or "")
    answer = _hlr(event.phone or "", info) if event.status == StatusCode.DELIVERED and info is not None else {}
    return HlrResult(
        id=event.id,
        phone=event.phone,
        status=event.status,
        err=event.err,
        ts=event.ts,
        time=event.time,
        cnt=event.cnt,
        type=event.type,
        imsi=answer.get("imsi"),
        msc=answer.get("msc"),
        mcc=answer.get("mcc"),
        mnc=answer.get("mnc"),
        cn=answer.get("cn"),
        net=answer.get("net"),
        rcn=answer.get("rcn") or None,  # not roaming: no field
        rnet=answer.get("rnet") or None,  # not roaming: no field
    )


def final_events(account: FakeAccount) -> list[DeliveryEvent | HlrResult]:
    """Events for the messages whose status became final and was not posted yet (marked posted):
    an HLR request's is an :class:`HlrResult`, with the network's answer once delivered."""
    now = account.clock.now()
    events: list[DeliveryEvent | HlrResult] = []
    for message in account.messages.values():
        status, error, changed = message.state(now, account.delivery)
        if message.reported or status == StatusCode.TRANSFERRED:
            continue
        message.reported = True
        event = DeliveryEvent(
            id=message.id,
            phone=message.phone,
            status=status,
            err=error,
            ts=int(changed),
            time=written(changed),
            cnt=message.cnt,
            type=message.type,
        )
        events.append(_hlr_result(event) if message.type == HLR_TYPE else event)
    return events
