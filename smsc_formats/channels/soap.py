"""SOAP (``soap.php?wsdl``, document/literal): request envelopes out, response envelopes in.

Seven operations (:data:`SOAP_OPERATIONS`): send_sms, send_sms2, get_sms_cost, get_sms_cost2,
get_status, get_status2, get_balance. Results decode to the HTTP replies' models: ``Sent``
(send_sms, send_sms2, whose per-number ``errors`` become ``Sent.phones``), ``Cost``,
``MessageStatus`` or, when an ``all=1/2`` field is present, ``MessageDetails``, and
``Balance``; the in-band ``error`` child becomes an :class:`ErrorReply` that carries the SOAP
operation's error table (``SoapErrorReply`` is the same class), so ``raise_for_error()``
raises the same :class:`ApiError` classes as HTTP.

Accepted by :func:`decode_soap_response`: any namespace prefixes and either SOAP version
(elements are matched by local name), a SOAP Header, an XML declaration, white space, comments,
empty or ``xsi:nil`` leaves (taken as absent), children in any order, unknown leaves (kept in
``extra``; ``strict=True`` refuses them), missing optional ones, ``<error>0</error>`` on success.
Parsed by the project's hardened lxml parser: no DTD, no entities, no network.

Refused (:class:`DecodeError`): not well-formed XML, a DOCTYPE, no Envelope/Body, a Body with
other than one element, a SOAP Fault (its faultstring is in the message), the wrong response
element, nested elements other than send_sms2's ``errors``, a leaf twice, text between leaves,
a value of the wrong type, a non-numeric ``error``.

Written (INFERRED, nothing was captured): UTF-8, SOAP 1.1, the wrapper in the service namespace
and its children unqualified, no white space. :func:`encode_soap_request` writes the WSDL's
parameter order and refuses an unknown or missing parameter and characters XML cannot carry; no
error message ever shows a value, so ``psw`` never leaks.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any, TypeAlias, Union

from lxml import etree

from .._exceptions import DecodeError, EncodeError
from .._fault import Fault
from .._fmt import Fmt
from .._grammar import XML_FORBIDDEN
from .._reply import ErrorReply
from ..formats import Body
from ..formats.xml import parse_hardened
from ..operations.balance import Balance
from ..operations.send import Cost, PhoneDetail, Sent
from ..operations.status import MessageDetails, MessageStatus
from ._soap_table import DETAILS_KEYS, SOAP_OPERATIONS, SoapErrorReply, SoapOperation

__all__ = [
    "NAMESPACE",
    "SOAP_OPERATIONS",
    "SoapErrorReply",
    "SoapOperation",
    "SoapReply",
    "decode_soap_request",
    "decode_soap_response",
    "encode_soap_request",
    "encode_soap_response",
]

CHANNEL = "soap"
NAMESPACE = "https://smsc.ru/sys/soap.php"
"""The service namespace, endpoint and SOAPAction of smsc.ru (smsc.ua: ``http://smsc.ua/sys/soap.php``)."""
SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_CODE = re.compile("-?[0-9]{1,9}")


_CARRIED_AS = Fmt.XML
"""A result's fields are XML elements, read and written by the fmt=2 rules."""

SoapReply: TypeAlias = Union[Sent, Cost, MessageStatus, MessageDetails, Balance, SoapErrorReply]  # noqa: UP007
"""What :func:`decode_soap_response` returns: the operation's result, or an error reply."""


def _operation(operation: str | SoapOperation) -> SoapOperation:
    if isinstance(operation, SoapOperation):
        return operation
    try:
        return SOAP_OPERATIONS[operation]
    except KeyError:
        raise KeyError(f"unknown SOAP operation {operation!r}; known: {', '.join(sorted(SOAP_OPERATIONS))}") from None


def _text(name: str, value: str) -> str:
    if XML_FORBIDDEN.search(value):
        raise Fault("a value without control characters, CR or lone surrogates", field=name)
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{name}>{text}</{name}>"


def _envelope(prefix: str, namespace: str, wrapper: str, inner: str) -> bytes:
    env = "soapenv" if prefix == "s" else "SOAP-ENV"
    return (
        f'{_DECLARATION}<{env}:Envelope xmlns:{env}="{SOAP_ENVELOPE}" xmlns:{prefix}="{namespace}">'
        f"<{env}:Body><{prefix}:{wrapper}>{inner}</{prefix}:{wrapper}></{env}:Body></{env}:Envelope>\n"
    ).encode()


def encode_soap_request(
    operation: str | SoapOperation, params: Mapping[str, str], /, *, namespace: str = NAMESPACE
) -> bytes:
    """The request envelope: the parameters as unqualified children, in WSDL order."""
    op = _operation(operation)
    try:
        unknown = sorted(set(params) - set(op.params))
        if unknown:
            raise Fault(f"only the parameters of {op.method} ({', '.join(op.params)})", field=unknown[0])
        missing = [name for name in op.params if name not in params and name not in op.optional]
        if missing:
            raise Fault(f"every required parameter of {op.method}", field=missing[0])
        inner = "".join(_text(name, params[name]) for name in op.params if name in params)
    except Fault as fault:
        raise fault.encode_error(op.name, None, channel=CHANNEL) from None
    return _envelope("s", namespace, op.request, inner)


def encode_soap_response(operation: str | SoapOperation, value: Any, /, *, namespace: str = NAMESPACE) -> bytes:
    """The response envelope a server would send for ``value``: a result, or an error reply
    (of which SOAP carries the code only)."""
    op = _operation(operation)
    try:
        inner = _result_children(op, value)
    except Fault as fault:
        raise fault.encode_error(op.name, None, channel=CHANNEL) from None
    data = _envelope("ns1", namespace, op.response, f"<{op.result}>{inner}</{op.result}>")
    try:
        back = decode_soap_response(op, data)
    except DecodeError as exc:
        raise EncodeError(
            f"a value that reads back ({exc.expected})", operation=op.name, fmt=None, channel=CHANNEL
        ) from None
    if isinstance(value, ErrorReply):  # SOAP carries the code only, as fmt=1 does
        value = ErrorReply(operation=op.name, code=value.code)
    if back != value:
        raise EncodeError("a value that reads back the same", operation=op.name, fmt=None, channel=CHANNEL)
    return data


def _result_children(op: SoapOperation, value: Any) -> str:
    if isinstance(value, ErrorReply):
        if value.code == 0:
            raise Fault("an error code other than 0, which means success", field="error")
        return _text("error", str(value.code))
    record = op.details if op.details and isinstance(value, op.details.model) else op.record
    if not isinstance(value, record.model):
        names = " or ".join(item.model.__name__ for item in (op.record, op.details) if item)
        raise Fault(f"a {names} or an error reply")
    errors: tuple[PhoneDetail, ...] = getattr(value, "phones", None) or ()
    if getattr(value, "phones", None) is not None:
        if not op.phone_errors:
            raise Fault(f"no per-number details, which {op.method} does not carry", field="phones")
        if any(item != PhoneDetail(phone=item.phone, status=item.status) for item in errors):
            raise Fault("per-number details of a phone and a status only, all send_sms2 carries", field="phones")
        value = dataclasses.replace(value, phones=None)
    raw = record.to_raw(value, _CARRIED_AS)
    if "error" in raw or "errors" in raw:
        raise Fault("no 'error' or 'errors' among the extra fields", field="error")
    raw["error"] = "0"
    children = [_text(name, raw[name]) for name in sorted(raw, key=_rank(op))]
    children += [f"<errors>{_errors_item(item)}</errors>" for item in errors]
    return "".join(children)


def _errors_item(item: PhoneDetail) -> str:
    return _text("phone", item.phone) + ("" if item.status is None else _text("status", item.status))


def _rank(op: SoapOperation) -> Any:
    return lambda name: op.order.index(name) if name in op.order else len(op.order)


def decode_soap_response(operation: str | SoapOperation, data: bytes, /, *, strict: bool = False) -> SoapReply:
    """The result in a response envelope, or an :class:`ErrorReply` for a non-zero ``error``."""
    op = _operation(operation)
    body = Body(bytes(data), "utf-8")
    try:
        result = _result_element(op, parse_hardened(body))
        raw, errors = _read_result(op, result)
        error = raw.pop("error", "")
        if error not in ("", "0"):
            if not _CODE.fullmatch(error):
                raise Fault(f"a number in <error>, found {error!r}", line=result.sourceline)
            return ErrorReply(operation=op.name, code=int(error), errors=op.errors)
        details = op.details is not None and not DETAILS_KEYS.isdisjoint(raw)
        record = op.details if details and op.details else op.record
        reply: SoapReply = record.from_raw(raw, _CARRIED_AS, strict=strict, line=result.sourceline)
        return dataclasses.replace(reply, phones=errors) if errors and isinstance(reply, Sent) else reply
    except Fault as fault:
        raise fault.decode_error(op.name, None, text=body.decoded, channel=CHANNEL) from None


def _local(element: Any) -> str:
    return str(etree.QName(element).localname)


def _elements(element: Any) -> list[Any]:
    return [child for child in element if isinstance(child.tag, str)]


def _result_element(op: SoapOperation, root: Any) -> Any:
    bodies = [child for child in _elements(root) if _local(child) == "Body"]
    if _local(root) != "Envelope" or len(bodies) != 1:
        raise Fault("a SOAP Envelope with one Body", line=root.sourceline)
    inside = _elements(bodies[0])
    if len(inside) == 1 and _local(inside[0]) == "Fault":
        reason = " ".join(" ".join(inside[0].itertext()).split())
        raise Fault(f"<{op.response}>, found a SOAP Fault ({reason})", line=inside[0].sourceline)
    if len(inside) != 1 or _local(inside[0]) != op.response:
        found = ", ".join(f"<{_local(child)}>" for child in inside) or "nothing"
        raise Fault(f"<{op.response}> in the Body, found {found}", line=bodies[0].sourceline)
    results = _elements(inside[0])
    if len(results) != 1:
        raise Fault(f"one result element (<{op.result}>) in <{op.response}>", line=inside[0].sourceline)
    return results[0]


def _read_result(op: SoapOperation, result: Any) -> tuple[dict[str, str], tuple[PhoneDetail, ...]]:
    raw: dict[str, str] = {}
    errors: list[PhoneDetail] = []
    if any(text.strip() for text in (result.text or "", *(child.tail or "" for child in result))):
        raise Fault(f"only elements inside <{_local(result)}>, found text", line=result.sourceline)
    for child in _elements(result):
        name = _local(child)
        if op.phone_errors and name == "errors":
            item = {_local(leaf): _leaf(leaf) for leaf in _elements(child)}
            errors.append(PhoneDetail(phone=item.get("phone", ""), status=item.get("status")))
            continue
        if name in raw:
            raise Fault(f"each field once, found <{name}> again", line=child.sourceline)
        value = _leaf(child)
        if value:
            raw[name] = value
        elif child.get(_NIL) not in ("true", "1"):
            raw[name] = ""
    return raw, tuple(errors)


def _leaf(element: Any) -> str:
    if _elements(element):
        raise Fault(f"text in <{_local(element)}>, found an element", line=element.sourceline)
    return str(element.text or "")


_BY_REQUEST = {op.request: op for op in SOAP_OPERATIONS.values()}


def decode_soap_request(data: bytes, /) -> tuple[SoapOperation, dict[str, str]]:
    """The operation and parameters of a request envelope (what a test server receives)."""
    body = Body(bytes(data), "utf-8")
    try:
        root = parse_hardened(body)
        bodies = [child for child in _elements(root) if _local(child) == "Body"]
        inside = _elements(bodies[0]) if _local(root) == "Envelope" and len(bodies) == 1 else []
        if len(inside) != 1 or _local(inside[0]) not in _BY_REQUEST:
            raise Fault(f"an Envelope whose Body holds one of <{'>, <'.join(_BY_REQUEST)}>", line=root.sourceline)
        op = _BY_REQUEST[_local(inside[0])]
        raw, _ = _read_result(op, inside[0])
        return op, raw
    except Fault as fault:
        raise fault.decode_error("soap_request", None, text=body.decoded, channel=CHANNEL) from None
