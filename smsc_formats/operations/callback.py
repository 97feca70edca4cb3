"""The delivery callback: what SMSC posts to the client's handler after each status change.

The handler URL set in the account may hold ``charset`` (default windows-1251) and ``fmt=3``
(a JSON body instead of a form). The parameters are known only from third-party handlers
(inferred): ``id``, ``phone``, ``status``, ``err``, ``ts``/``time``, with ``cnt`` and ``type``
assumed, and ``md5``/``sha1`` when the account enables a checksum. Every field is optional
(the same URL also receives incoming messages); keys not declared here stay in ``extra``.

The checksum formula is inferred from one project: ``md5`` or ``sha1`` of
``"<id>:<phone>:<status>:<secret>"`` in lowercase hex, the secret being the value set in the
account's settings. :func:`verify_callback` compares in constant time; nothing here keeps the
secret. The handler's expected answer is not documented: answer HTTP 200 (the server seems to
retry otherwise). The fmt=2 (XML) body is not supported: its element names are unknown.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .._exceptions import DecodeError, EncodeError
from .._fault import Fault
from .._fmt import Fmt
from ._schema import Extra, Record
from .codes import DeliveryError, StatusCode

Algorithm = Literal["md5", "sha1"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveryEvent:
    """One status change of a sent message, as posted to the handler."""

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
    md5: str | None = None
    sha1: str | None = None
    extra: Extra = ()


EVENT: Record[DeliveryEvent] = Record(DeliveryEvent, xml_tag="event")
NAME = "callback"
_FORM = Fmt.CSV
"""A form body reads as fmt=1 does: the API's names, text values, an empty field an absent one."""


def parse_callback(
    body: bytes | Mapping[str, str], /, *, charset: str = "windows-1251", strict: bool = False
) -> DeliveryEvent:
    """The event in a posted body: a form (``id=…&phone=…``), a JSON object, or a mapping a web
    framework already parsed. ``charset`` is the one in the handler URL."""
    fmt = Fmt.JSON if isinstance(body, bytes | bytearray) and body.lstrip()[:1] == b"{" else None
    try:
        raw = dict(body) if isinstance(body, Mapping) else _read_body(bytes(body), charset, fmt)
        return EVENT.from_raw(raw, _FORM if fmt is None else fmt, strict=strict, line=None)
    except Fault as fault:
        raise DecodeError(fault.expected, operation=NAME, fmt=fmt) from None


def _read_body(body: bytes, charset: str, fmt: Fmt | None) -> dict[str, object]:
    try:
        text = body.decode(charset)
        if fmt is not None:
            # the body starts with "{": it is a JSON object or no JSON at all
            value: dict[str, object] = json.loads(text, parse_float=Decimal)
            return value
        from urllib.parse import parse_qsl  # on first use, as hashlib and hmac below: not at import

        pairs = parse_qsl(text.strip(), keep_blank_values=True, strict_parsing=True, encoding=charset, errors="strict")
    except UnicodeDecodeError:
        raise Fault(f"a body in {charset}") from None
    except ValueError as exc:  # json.JSONDecodeError, or a form pair without "="
        raise Fault(f"a form body or a JSON object ({exc})") from None
    form: dict[str, object] = dict(pairs)
    if len(form) != len(pairs):
        raise Fault("each form field once")
    return form


def encode_callback(event: DeliveryEvent, /, *, charset: str = "windows-1251") -> bytes:
    """The form body SMSC would post for ``event`` (for tests and fake servers)."""
    from urllib.parse import urlencode

    try:
        fields = EVENT.to_raw(event, _FORM)
        return urlencode(fields, encoding=charset, errors="strict").encode("ascii")
    except Fault as fault:
        raise EncodeError(fault.expected, operation=NAME, fmt=_FORM, field=fault.field) from None
    except UnicodeEncodeError as exc:
        raise EncodeError(f"text that {charset} can carry", operation=NAME, fmt=_FORM) from exc


def callback_checksum(event: DeliveryEvent, secret: str, /, *, algorithm: Algorithm = "md5") -> str:
    """``algorithm("<id>:<phone>:<status>:<secret>")`` in lowercase hex (the formula is inferred)."""
    import hashlib

    status = "" if event.status is None else str(int(event.status))
    text = f"{'' if event.id is None else event.id}:{event.phone or ''}:{status}:{secret}"
    return hashlib.new(algorithm, text.encode("utf-8")).hexdigest()


def sign_callback(event: DeliveryEvent, secret: str, /, *, algorithm: Algorithm = "md5") -> DeliveryEvent:
    """``event`` with its checksum set, as an account with checksums enabled posts it."""
    checksum = callback_checksum(event, secret, algorithm=algorithm)
    return dataclasses.replace(event, md5=checksum) if algorithm == "md5" else dataclasses.replace(event, sha1=checksum)


def verify_callback(event: DeliveryEvent, secret: str, /) -> bool:
    """Whether every checksum the event carries matches ``secret``; ``False`` when it has none."""
    import hmac

    sent: dict[Algorithm, str | None] = {"md5": event.md5, "sha1": event.sha1}
    if not any(sent.values()):
        return False
    return all(
        hmac.compare_digest(value.lower().encode(), callback_checksum(event, secret, algorithm=algorithm).encode())
        for algorithm, value in sent.items()
        if value
    )
