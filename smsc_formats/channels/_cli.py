"""The channels' operations for ``smsc-formats decode``: a registry the command-line tool reads.

Each entry turns input bytes into JSON-ready data keyed by the channel's own names. The SMTP
password is printed as ``***``, as everywhere the library shows a body.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .._fmt import Fmt
from .._reply import ErrorReply
from .smpp import Receipt, decode_receipt
from .smtp import decode_smtp_body


@dataclass(frozen=True, slots=True)
class ChannelOperation:
    """What ``decode --op NAME`` does with the bytes and the ``--charset``."""

    description: str
    decode: Callable[[bytes, str], object]


def _smtp_body(data: bytes, charset: str) -> object:
    body = decode_smtp_body(data, charset=charset)
    shown = {name: getattr(body, name) for name in body.__dataclass_fields__}
    return {**shown, "psw": "***"}


_RECEIPT_NAMES = {"submit_date": "submit date", "done_date": "done date"}


def _smpp_receipt(data: bytes, charset: str) -> object:
    receipt: Receipt = decode_receipt(data, charset=charset)
    keys = (name for name in receipt.__dataclass_fields__ if name != "extra")
    fields = {_RECEIPT_NAMES.get(name, name): getattr(receipt, name) for name in keys}
    return {key: value for key, value in [*fields.items(), *receipt.extra] if value is not None}


def _soap_response(name: str) -> Callable[[bytes, str], object]:
    def decode(data: bytes, charset: str) -> object:
        import dataclasses

        from ..operations.send import Sent
        from ._soap_table import SOAP_OPERATIONS
        from .soap import decode_soap_response

        reply = decode_soap_response(name, data)
        if isinstance(reply, ErrorReply):
            return {"error_code": reply.code}
        op = SOAP_OPERATIONS[name]
        record = op.details if op.details and isinstance(reply, op.details.model) else op.record
        phones = getattr(reply, "phones", None)
        if not isinstance(reply, Sent) or phones is None:
            return record.to_raw(reply, Fmt.JSON)
        # send_sms2's per-number errors, under the SOAP name
        errors = [
            {key: value for key, value in (("phone", item.phone), ("status", item.status)) if value is not None}
            for item in phones
        ]
        return {**record.to_raw(dataclasses.replace(reply, phones=None), Fmt.JSON), "errors": errors}

    return decode


_SOAP_METHODS = ("send_sms", "send_sms2", "get_sms_cost", "get_sms_cost2", "get_status", "get_status2", "get_balance")

CHANNEL_OPERATIONS: Mapping[str, ChannelOperation] = {
    "smtp_body": ChannelOperation(
        "SMTP mail body login:psw:id:time:options:phones:mes (password shown as ***)", _smtp_body
    ),
    "smpp_receipt": ChannelOperation("SMPP receipt text of deliver_sm (HLR or plain form)", _smpp_receipt),
    **{
        f"soap_{method}": ChannelOperation(f"SOAP {method} response envelope (UTF-8)", _soap_response(f"soap_{method}"))
        for method in _SOAP_METHODS
    },
}
"""Decode-only operations of the other channels, by the name ``--op`` takes."""
