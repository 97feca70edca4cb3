"""The code tables the channels share with the HTTP side, and the ones that are their own.

``StatusCode`` (status.php ``status``) and ``DeliveryError`` (``err``) are the HTTP tables; SOAP
results and SMPP receipts carry the same numbers. ``MessageType`` numbers the library/SMTP
``format`` slot; ``SmppMessageType`` numbers the 0x2001 type bits, which differ (2 is WAP-push
in one and binary SMS in the other), so they are two enums with no shared constant.
"""

from __future__ import annotations

from enum import IntEnum

from ..operations.codes import StatusCode


class MessageType(IntEnum):
    """The ``format`` slot of the SMTP body, as the official libraries number it (0–11)."""

    SMS = 0
    FLASH = 1
    WAP_PUSH = 2
    HLR = 3
    BINARY = 4
    BINARY_HEX = 5
    PING = 6
    MMS = 7
    EMAIL = 8
    CALL = 9
    VIBER = 10
    SOCIAL = 11


class SmppMessageType(IntEnum):
    """Bits 0–3 of the vendor field 0x2001; 9, 11 and 13–15 are not in the documentation."""

    SMS = 0
    FLASH = 1
    BINARY = 2
    WAP_PUSH = 3
    HLR = 4
    PING = 5
    MMS = 6
    CALL = 7
    EMAIL = 8
    VIBER = 10
    SOCIAL = 12


class TemplateKind(IntEnum):
    """Bits 10,9 of 0x2001; ``ADVERTISING`` is inferred from a cut-off word ("a…")."""

    SERVICE = 0
    TRANSACTIONAL = 1
    ADVERTISING = 2


class MessageState(IntEnum):
    """The standard SMPP 3.4 ``message_state`` values, with the ``stat:`` word of each."""

    ENROUTE = 1
    DELIVERED = 2
    EXPIRED = 3
    DELETED = 4
    UNDELIVERABLE = 5
    ACCEPTED = 6
    UNKNOWN = 7
    REJECTED = 8


STAT_WORDS: dict[str, MessageState] = {
    "ENROUTE": MessageState.ENROUTE,
    "DELIVRD": MessageState.DELIVERED,
    "EXPIRED": MessageState.EXPIRED,
    "DELETED": MessageState.DELETED,
    "UNDELIV": MessageState.UNDELIVERABLE,
    "ACCEPTD": MessageState.ACCEPTED,
    "UNKNOWN": MessageState.UNKNOWN,
    "REJECTD": MessageState.REJECTED,
}
"""The ``stat:`` word of a receipt to the standard ``message_state`` (SMPP 3.4, Appendix B)."""

STATUS_BY_STATE: dict[MessageState, StatusCode] = {
    MessageState.ENROUTE: StatusCode.TRANSFERRED,
    MessageState.DELIVERED: StatusCode.DELIVERED,
    MessageState.EXPIRED: StatusCode.EXPIRED,
    MessageState.UNDELIVERABLE: StatusCode.UNABLE_TO_DELIVER,
    MessageState.ACCEPTED: StatusCode.TRANSFERRED,
    MessageState.REJECTED: StatusCode.PROHIBITED,
}
"""INFERRED, not captured: the HTTP status an SMPP state stands for. DELETED and UNKNOWN have none."""


def known(cls: type[IntEnum], value: int) -> int:
    """The member of ``cls`` for ``value``, or ``value`` itself: the API may add codes."""
    try:
        return cls(value)
    except ValueError:
        return value
