"""The channels' operations for ``smsc-formats decode`` and ``encode``: a registry the command-line tool reads.

Each entry turns input bytes into JSON-ready data keyed by the channel's own names, and that
data back into the channel's bytes, so that what ``decode`` prints ``encode`` writes back byte
for byte (a channel has no ``fmt``). The SMTP password is printed as ``***``, as everywhere the
library shows a body; ``encode`` is given it back (``masked``).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .._exceptions import DecodeError
from .._fault import Fault
from .._fmt import Fmt
from .._reply import ErrorReply
from .smpp import CHANNEL as SMPP
from .smpp import Receipt, decode_receipt, encode_receipt
from .smtp import CHANNEL as SMTP
from .smtp import OPERATION as SMTP_BODY
from .smtp import SmtpBody, decode_smtp_body, encode_smtp_body

MASK = "***"
"""How a password is shown, in place of its value."""


@dataclass(frozen=True, slots=True)
class ChannelOperation:
    """What ``decode --op NAME`` and ``encode --op NAME`` do with the bytes (or the JSON) and the ``--charset``."""

    description: str
    decode: Callable[[bytes, str], object]
    encode: Callable[[Any, str], bytes]
    """The bytes for what ``decode`` printed; refuses a value of the wrong shape (:class:`DecodeError`)
    or one the channel cannot carry (:class:`EncodeError`)."""
    masked: tuple[str, ...] = ()
    """Keys ``decode`` prints as ``***``: ``encode`` needs their values given back."""


def _model(model: type[Any], value: object, operation: str, channel: str) -> dict[str, Any]:
    """``value``'s keys and values as ``model``'s fields take them, else a DecodeError naming the key."""

    def refuse(expected: str) -> DecodeError:
        return DecodeError(f"the JSON that 'decode' prints: {expected}", operation=operation, fmt=None, channel=channel)

    if not isinstance(value, dict):
        raise refuse("an object")
    hints = typing.get_type_hints(model)
    fields = {item.name: item for item in dataclasses.fields(model)}
    for key, item in value.items():
        if key not in fields:
            raise refuse(f"only the keys {', '.join(fields)}, found {key!r}")
        kinds = tuple(typing.get_origin(kind) or kind for kind in typing.get_args(hints[key]) or (hints[key],))
        if not isinstance(item, kinds) or type(item) is bool:
            raise refuse(f"{' or '.join(kind.__name__ for kind in kinds)} in {key!r}, found {item!r}")
    missing = [name for name, item in fields.items() if item.default is dataclasses.MISSING and name not in value]
    if missing:
        raise refuse(f"the key {missing[0]!r}")
    return value


def _smtp_body(data: bytes, charset: str) -> object:
    body = decode_smtp_body(data, charset=charset)
    shown = {name: getattr(body, name) for name in body.__dataclass_fields__}
    return {**shown, "psw": MASK}


def _write_smtp_body(value: Any, charset: str) -> bytes:
    return encode_smtp_body(SmtpBody(**_model(SmtpBody, value, SMTP_BODY, SMTP)), charset=charset)


_RECEIPT_NAMES = {"submit_date": "submit date", "done_date": "done date"}
_RECEIPT_ATTRIBUTES = {name: attr for attr, name in _RECEIPT_NAMES.items()}


def _smpp_receipt(data: bytes, charset: str) -> object:
    receipt: Receipt = decode_receipt(data, charset=charset)
    keys = (name for name in receipt.__dataclass_fields__ if name != "extra")
    fields = {_RECEIPT_NAMES.get(name, name): getattr(receipt, name) for name in keys}
    return {key: value for key, value in [*fields.items(), *receipt.extra] if value is not None}


def _write_smpp_receipt(value: Any, charset: str) -> bytes:
    """The keys that are not a receipt's fields are its ``extra``, in their order (written last)."""
    if not isinstance(value, dict):
        _model(Receipt, value, "smpp_receipt", SMPP)  # refuses it
    names = {_RECEIPT_ATTRIBUTES.get(key, key): item for key, item in value.items()}
    known = {key: item for key, item in names.items() if key in Receipt.__dataclass_fields__ and key != "extra"}
    extra = [(key, item) for key, item in value.items() if _RECEIPT_ATTRIBUTES.get(key, key) not in known]
    fields = _model(Receipt, {**known, "extra": tuple(extra)}, "smpp_receipt", SMPP)
    if not all(isinstance(item, str) for _, item in extra):
        expected = "the JSON that 'decode' prints: text in every other key"
        raise DecodeError(expected, operation="smpp_receipt", fmt=None, channel=SMPP)
    return encode_receipt(Receipt(**fields)).encode(charset)


def _soap_response(name: str) -> Callable[[bytes, str], object]:
    def decode(data: bytes, charset: str) -> object:
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


def _write_soap_response(name: str) -> Callable[[Any, str], bytes]:
    def encode(value: Any, charset: str) -> bytes:
        """The reverse of ``decode``: the result by its API names, or ``{"error_code": N}``."""
        from ..operations.send import PhoneDetail
        from ._soap_table import DETAILS_KEYS, SOAP_OPERATIONS
        from .soap import CHANNEL, encode_soap_response

        op = SOAP_OPERATIONS[name]
        try:
            if not isinstance(value, dict):
                raise Fault("an object")
            if "error_code" in value:
                code = value["error_code"]
                if set(value) != {"error_code"} or type(code) is not int:
                    raise Fault("a number as 'error_code' and no other key", field="error_code")
                return encode_soap_response(op, ErrorReply(operation=name, code=code))
            errors = value.get("errors")
            fields = {key: item for key, item in value.items() if key != "errors" or not op.phone_errors}
            record = op.details if op.details and not DETAILS_KEYS.isdisjoint(fields) else op.record
            reply = record.from_raw(fields, Fmt.JSON, strict=False, line=None)
            if errors is not None and op.phone_errors:
                items = [PhoneDetail(**_model(PhoneDetail, item, name, CHANNEL)) for item in _items(errors)]
                reply = dataclasses.replace(reply, phones=tuple(items))
        except Fault as fault:
            raise fault.decode_error(name, None, channel=CHANNEL) from None
        return encode_soap_response(op, reply)

    return encode


def _items(errors: object) -> list[object]:
    if not isinstance(errors, list):
        raise Fault("an array of {phone, status} objects", field="errors")
    return errors


_SOAP_METHODS = ("send_sms", "send_sms2", "get_sms_cost", "get_sms_cost2", "get_status", "get_status2", "get_balance")

CHANNEL_OPERATIONS: Mapping[str, ChannelOperation] = {
    "smtp_body": ChannelOperation(
        "SMTP mail body login:psw:id:time:options:phones:mes (password shown as ***)",
        _smtp_body,
        _write_smtp_body,
        masked=("psw",),
    ),
    "smpp_receipt": ChannelOperation(
        "SMPP receipt text of deliver_sm (HLR or plain form)", _smpp_receipt, _write_smpp_receipt
    ),
    **{
        f"soap_{method}": ChannelOperation(
            f"SOAP {method} response envelope (UTF-8)",
            _soap_response(f"soap_{method}"),
            _write_soap_response(f"soap_{method}"),
        )
        for method in _SOAP_METHODS
    },
}
"""The operations of the other channels, by the name ``--op`` takes."""
