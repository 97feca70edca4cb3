"""The API's channels besides HTTP: the SMTP mail body, SMPP receipts and vendor fields, SOAP.

Each module maps its channel onto the same values as the HTTP replies: the status and error
code enums, the error classes, and (for SOAP) the same kind of models.
"""

from __future__ import annotations

from ._codes import DeliveryError, MessageState, MessageType, SmppMessageType, Status, TemplateKind
from .smtp import (
    SEND_ADDRESSES,
    SmtpBody,
    build_smtp_message,
    decode_smtp_body,
    decode_smtp_message,
    encode_smtp_body,
    list_items,
)

__all__ = [
    "SEND_ADDRESSES",
    "DeliveryError",
    "MessageState",
    "MessageType",
    "SmppMessageType",
    "SmtpBody",
    "Status",
    "TemplateKind",
    "build_smtp_message",
    "decode_smtp_body",
    "decode_smtp_message",
    "encode_smtp_body",
    "list_items",
]
