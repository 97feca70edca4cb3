"""The API's channels besides HTTP: the SMTP mail body, SMPP receipts and vendor fields, SOAP.

Each module maps its channel onto the same values as the HTTP replies: the status and error
code enums, the error classes, and (for SOAP) the same kind of models.
"""

from __future__ import annotations

from ..operations.codes import DeliveryError, StatusCode
from ._cli import CHANNEL_OPERATIONS, MASK, ChannelOperation
from ._codes import MessageState, MessageType, SmppMessageType, TemplateKind
from .smpp import (
    HLR_TEXT,
    PING_TEXT,
    Receipt,
    SmppFlags,
    decode_cost,
    decode_flags,
    decode_receipt,
    encode_cost,
    encode_flags,
    encode_receipt,
    relative_validity,
    status_from_message_state,
)
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
    "CHANNEL_OPERATIONS",
    "HLR_TEXT",
    "MASK",
    "PING_TEXT",
    "SEND_ADDRESSES",
    "ChannelOperation",
    "DeliveryError",
    "MessageState",
    "MessageType",
    "Receipt",
    "SmppFlags",
    "SmppMessageType",
    "SmtpBody",
    "StatusCode",
    "TemplateKind",
    "build_smtp_message",
    "decode_cost",
    "decode_flags",
    "decode_receipt",
    "decode_smtp_body",
    "decode_smtp_message",
    "encode_cost",
    "encode_flags",
    "encode_receipt",
    "encode_smtp_body",
    "list_items",
    "relative_validity",
    "status_from_message_state",
]
