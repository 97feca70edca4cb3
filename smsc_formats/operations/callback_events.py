"""The kinds of post SMSC makes to the client's handler URL, each a typed event, and how a post's
fields tell them apart.

The API's page says the handler is called after each delivery status of a message the client
sent, for each incoming SMS, and for each call of the number-confirmation service; an HLR
request's result is a status too (the official libraries' comments; status.php adds the HLR
fields to it). The page is cut off before its field lists in every copy found, so the names
below are inferred (docs/callback.md gives the source of each):

====================  ===============================================  =========================
kind                  told by                                          class
====================  ===============================================  =========================
HLR result            any of ``imsi msc mcc mnc cn net rcn rnet``      :class:`HlrResult`
delivery status       ``status``                                       :class:`DeliveryEvent`
incoming SMS          ``mes`` (its text)                               :class:`IncomingSms`
call confirmation     ``phone`` and none of the above                  :class:`ConfirmationCall`
====================  ===============================================  =========================

The first row that matches decides; a post that matches none is refused. Every class keeps the
keys it does not declare in ``extra``, and carries the checksum fields ``md5``, ``sha1`` and
``crc32``. :func:`callback_key` names an event stably, so that a handler can tell a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Union

from .._public import show_in
from ._common import FREE_TEXT
from ._schema import Extra, Record
from .codes import DeliveryError, StatusCode


@dataclass(frozen=True, slots=True, kw_only=True)
class _Status:
    """The fields that open every status post, a delivery status's and an HLR result's alike.

    Fields come in the order they are declared, a base class's first, so only a group that opens
    every class using it can be shared; the checksum fields and ``extra`` close every event, after
    the fields of its own kind, and are written in each."""

    id: int | None = None
    phone: str | None = None
    status: StatusCode | int | None = None
    err: DeliveryError | int | None = None
    ts: int | None = None
    """When the status changed, in Unix seconds."""
    time: str | None = None
    """The same moment as the server writes it (its format is not documented)."""
    cnt: int | None = None
    type: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryEvent(_Status):
    """One status change of a sent message, as posted to the handler."""

    md5: str | None = None
    sha1: str | None = None
    crc32: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class HlrResult(_Status):
    """The result of an HLR request (``send.php?hlr=1``): a status with the network's answer."""

    imsi: str | None = None
    """The SIM card's IMSI."""
    msc: str | None = None
    """The serving switching centre's number."""
    mcc: str | None = None
    mnc: str | None = None
    cn: Annotated[str | None, FREE_TEXT] = None
    """The country the number is registered in."""
    net: Annotated[str | None, FREE_TEXT] = None
    """The subscriber's operator."""
    rcn: Annotated[str | None, FREE_TEXT] = None
    """The roaming country, if roaming."""
    rnet: Annotated[str | None, FREE_TEXT] = None
    """The roaming operator, if roaming."""
    md5: str | None = None
    sha1: str | None = None
    crc32: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingSms:
    """An SMS a subscriber sent to one of the client's numbers."""

    id: int | None = None
    phone: str | None = None
    """The sender's number."""
    to: str | None = None
    """The client's number that received it."""
    mes: Annotated[str, FREE_TEXT]
    """The message's text."""
    sent: str | None = None
    """When the subscriber sent it, as the server writes it (its format is not documented)."""
    ts: int | None = None
    time: str | None = None
    md5: str | None = None
    sha1: str | None = None
    crc32: str | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationCall:
    """A subscriber's call to the number the number-confirmation service gave (``wait_call``)."""

    id: int | None = None
    phone: str
    """The number that called: the one being confirmed."""
    to: str | None = None
    """The number it called."""
    ts: int | None = None
    time: str | None = None
    md5: str | None = None
    sha1: str | None = None
    crc32: str | None = None
    extra: Extra = ()


CallbackEvent = Union[DeliveryEvent, HlrResult, IncomingSms, ConfirmationCall]  # noqa: UP007 - a runtime alias on 3.10
"""Any post to the handler; ``isinstance`` tells the kind, and a type checker narrows on it."""

EVENT: Record[DeliveryEvent] = Record(DeliveryEvent, xml_tag="event")
HLR_RESULT: Record[HlrResult] = Record(HlrResult, xml_tag="event")
INCOMING_SMS: Record[IncomingSms] = Record(IncomingSms, xml_tag="event")
CONFIRMATION_CALL: Record[ConfirmationCall] = Record(ConfirmationCall, xml_tag="event")

HLR_KEYS = ("imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet")
KINDS: tuple[tuple[tuple[str, ...], Record[Any]], ...] = (
    (HLR_KEYS, HLR_RESULT),
    (("status",), EVENT),
    (("mes",), INCOMING_SMS),
    (("phone",), CONFIRMATION_CALL),
)
"""Each kind's marker keys, in the order they are tried: a post is of the first kind whose
marker it holds."""

KIND_NAMES: dict[type[Any], str] = {
    DeliveryEvent: "delivery",
    HlrResult: "hlr",
    IncomingSms: "incoming",
    ConfirmationCall: "call",
}

_IDENTITY: dict[type[Any], tuple[str, ...]] = {
    DeliveryEvent: ("id", "phone", "status"),
    HlrResult: ("id", "phone", "status"),
    IncomingSms: ("id", "phone", "to", "sent", "mes"),
    ConfirmationCall: ("id", "phone", "to", "ts", "time"),
}
"""The fields that make an event the same event: a status of a message (whenever it is posted,
and however often), an incoming message, a call."""


def record_for(raw: dict[str, object]) -> Record[Any] | None:
    """The record of the kind ``raw``'s keys tell, or ``None``."""
    return next((record for markers, record in KINDS if any(key in raw for key in markers)), None)


def callback_key(event: CallbackEvent, /) -> str:
    """A stable key for ``event``: the same for every post of the same event (a retry, or the
    second delivery report of a message sent twice under one id), different for a different
    status, message or call. 64 hex digits, fit for a unique column.

    A delivery status or HLR result is named by its message id, number and status; an incoming
    SMS by its id, numbers, sending time and text; a call by its id, numbers and time. Checksums
    and ``extra`` are left out.
    """
    import hashlib
    import json

    kind = type(event)
    values = [KIND_NAMES[kind], *(_plain(getattr(event, name)) for name in _IDENTITY[kind])]
    return hashlib.sha256(json.dumps(values).encode("ascii")).hexdigest()


def _plain(value: object) -> object:
    return int(value) if isinstance(value, int) else value  # an IntEnum as the number it is


CALLBACK_EVENTS = tuple(KIND_NAMES)
__all__ = [
    "CALLBACK_EVENTS",
    "CallbackEvent",
    "ConfirmationCall",
    "DeliveryEvent",
    "HlrResult",
    "IncomingSms",
    "callback_key",
]

show_in("smsc_formats", DeliveryEvent, HlrResult, IncomingSms, ConfirmationCall, callback_key)
