"""Message status codes (``status``) and delivery error codes (``err``), with their meanings.

Both lists grow on the server's side: a decoded value that is not listed here stays a plain
``int`` (see ``_kinds.enum_kind``), so a new code never makes a reply undecodable.
"""

from __future__ import annotations

from enum import IntEnum


class StatusCode(IntEnum):
    """``status`` of a message in status.php and the delivery callback."""

    NOT_FOUND = -3
    STOPPED = -2
    WAITING = -1
    TRANSFERRED = 0
    DELIVERED = 1
    READ = 2
    EXPIRED = 3
    LINK_CLICKED = 4
    UNABLE_TO_DELIVER = 20
    INVALID_NUMBER = 22
    PROHIBITED = 23
    NOT_ENOUGH_MONEY = 24
    UNAVAILABLE_NUMBER = 25

    @property
    def description(self) -> str:
        return _STATUS_TEXT[self]

    @property
    def is_final(self) -> bool:
        """Whether the message is done with: no later status is to be waited for. Waiting (-1),
        transferred (0) and stopped (-2, a paused mailing may go on) are not; a message that was
        delivered may still be read or have its link clicked, which a poller need not wait for."""
        return self not in _PENDING

    @property
    def is_delivered(self) -> bool:
        """Delivered, read, or its link clicked."""
        return status_is_delivered(self)

    @property
    def is_failed(self) -> bool:
        """Final and not delivered: expired, undeliverable, refused, not paid for, or not found."""
        return self.is_final and not self.is_delivered


_PENDING = frozenset({StatusCode.WAITING, StatusCode.TRANSFERRED, StatusCode.STOPPED})
_DELIVERED = frozenset({StatusCode.DELIVERED, StatusCode.READ, StatusCode.LINK_CLICKED})


def status_is_final(status: StatusCode | int) -> bool:
    """:attr:`StatusCode.is_final` for a decoded ``status``, which stays a plain ``int`` when the
    code is not in the table: such a code is taken as final (the table grows with failure codes),
    so that a poller never waits on it for ever."""
    return status not in _PENDING


def status_is_delivered(status: StatusCode | int) -> bool:
    """:attr:`StatusCode.is_delivered` for a decoded ``status``, a code not in the table included."""
    return status in _DELIVERED


_STATUS_TEXT = {
    StatusCode.NOT_FOUND: "Message not found (no message for that phone and id)",
    StatusCode.STOPPED: "Stopped: a mailing paused before the message left for the operator",
    StatusCode.WAITING: "Waiting to be sent (scheduled or queued)",
    StatusCode.TRANSFERRED: "Transferred to the operator",
    StatusCode.DELIVERED: "Delivered",
    StatusCode.READ: "Read (an HTML e-mail was opened)",
    StatusCode.EXPIRED: "Expired: the lifetime ran out before delivery",
    StatusCode.LINK_CLICKED: "Delivered, and the short link was clicked",
    StatusCode.UNABLE_TO_DELIVER: "Unable to deliver (blocked, nonexistent, roaming without SMS…)",
    StatusCode.INVALID_NUMBER: "Invalid number format",
    StatusCode.PROHIBITED: "Prohibited (duplicate, flood, blacklist, spam filter or sender ID)",
    StatusCode.NOT_ENOUGH_MONEY: "Insufficient funds",
    StatusCode.UNAVAILABLE_NUMBER: "Unavailable number (no SMS, or no working route to the operator)",
}


class DeliveryError(IntEnum):
    """``err`` of a message, an HLR request or a ping (status.php, the callback)."""

    NO_ERROR = 0
    SUBSCRIBER_DOES_NOT_EXIST = 1
    SUBSCRIBER_OFFLINE = 6
    SERVICE_NOT_CONNECTED = 11
    HANDSET_ERROR = 12
    SUBSCRIBER_BLOCKED = 13
    SERVICE_NOT_SUPPORTED = 21
    VIRTUAL_SENDING = 200
    SIM_REPLACED = 219
    OPERATOR_QUEUE_FULL = 220
    NO_ANSWER = 237
    NO_TEMPLATE = 238
    FORBIDDEN_IP = 239
    BUSY = 240
    CONVERSION_ERROR = 241
    ANSWERING_MACHINE = 242
    NO_CONTRACT = 243
    MAILINGS_FORBIDDEN = 244
    STATUS_NOT_RECEIVED = 245
    TIME_RESTRICTION = 246
    MESSAGE_LIMIT = 247
    NO_ROUTE = 248
    BAD_NUMBER_FORMAT = 249
    NUMBER_FORBIDDEN_BY_SETTINGS = 250
    PER_NUMBER_LIMIT = 251
    NUMBER_FORBIDDEN = 252
    SPAM_FILTER = 253
    UNREGISTERED_SENDER = 254
    REJECTED_BY_OPERATOR = 255

    @property
    def description(self) -> str:
        return _ERROR_TEXT[self]


_ERROR_TEXT = {
    DeliveryError.NO_ERROR: "No error (the subscriber exists and is available)",
    DeliveryError.SUBSCRIBER_DOES_NOT_EXIST: "Subscriber does not exist",
    DeliveryError.SUBSCRIBER_OFFLINE: "Subscriber offline or out of coverage",
    DeliveryError.SERVICE_NOT_CONNECTED: "Service not connected",
    DeliveryError.HANDSET_ERROR: "Handset or SIM error",
    DeliveryError.SUBSCRIBER_BLOCKED: "Subscriber blocked",
    DeliveryError.SERVICE_NOT_SUPPORTED: "Service not supported by the device",
    DeliveryError.VIRTUAL_SENDING: "Virtual sending (the account's test mode), whatever the status",
    DeliveryError.SIM_REPLACED: "SIM card replaced (alphanumeric senders blocked for 24 h)",
    DeliveryError.OPERATOR_QUEUE_FULL: "Operator queue overflow",
    DeliveryError.NO_ANSWER: "Subscriber does not answer (call)",
    DeliveryError.NO_TEMPLATE: "No template (sending allowed only by template)",
    DeliveryError.FORBIDDEN_IP: "Forbidden sender IP address",
    DeliveryError.BUSY: "Busy (call)",
    DeliveryError.CONVERSION_ERROR: "Conversion error, or not every part of the message was sent",
    DeliveryError.ANSWERING_MACHINE: "Answering machine detected",
    DeliveryError.NO_CONTRACT: "No contract",
    DeliveryError.MAILINGS_FORBIDDEN: "Mailings forbidden",
    DeliveryError.STATUS_NOT_RECEIVED: "Status not received",
    DeliveryError.TIME_RESTRICTION: "Time restriction",
    DeliveryError.MESSAGE_LIMIT: "Message limit exceeded",
    DeliveryError.NO_ROUTE: "No route",
    DeliveryError.BAD_NUMBER_FORMAT: "Bad number format",
    DeliveryError.NUMBER_FORBIDDEN_BY_SETTINGS: "Number forbidden by the account's settings",
    DeliveryError.PER_NUMBER_LIMIT: "Per-number limit exceeded",
    DeliveryError.NUMBER_FORBIDDEN: "Number forbidden",
    DeliveryError.SPAM_FILTER: "Refused by the spam filter",
    DeliveryError.UNREGISTERED_SENDER: "Unregistered sender ID",
    DeliveryError.REJECTED_BY_OPERATOR: "Rejected by the operator without a precise code",
}
