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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .._exceptions import EncodeError
from .._fault import Fault
from .._fmt import Fmt
from .._grammar import LONE_SURROGATE
from ..formats import Body
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
    framework already parsed. ``charset`` is the one in the handler URL.

    The body comes unauthenticated from the internet, so the JSON object is held to fmt=3's own
    rules (each key once, bounded nesting, no lone surrogates), and no field of any body may hold a
    lone surrogate, which no checksum covers. A body without a single field is refused.
    """
    fmt: Fmt | None = None
    data: Body | None = None
    try:
        raw: dict[str, Any]
        if isinstance(body, Mapping):
            raw = dict(body)
        else:
            data = Body(bytes(body), charset)  # without white space or a UTF-8 byte-order mark around it
            fmt = Fmt.JSON if data.data[:1] == b"{" else None
            raw = _read_form(data.data, charset) if fmt is None else _read_json(data)
        _check_fields(raw)
        return EVENT.from_raw(raw, _FORM if fmt is None else fmt, strict=strict, line=None)
    except Fault as fault:
        raise fault.decode_error(NAME, fmt, text=data.decoded if data is not None else None) from None


def _read_json(body: Body) -> dict[str, object]:
    from ..formats.json import parse  # on first use, as urllib.parse, hashlib and hmac below

    value: dict[str, object] = parse(body)  # "{" opened it: an object, or parse refused the body
    return value


def _read_form(body: bytes, charset: str) -> dict[str, object]:
    from urllib.parse import parse_qsl

    try:
        text = body.decode(charset)
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=True, encoding=charset, errors="strict")
    except UnicodeDecodeError:
        raise Fault(f"a body in {charset}") from None
    except ValueError as exc:  # a form pair without "="
        raise Fault(f"a form body or a JSON object ({exc})") from None
    form: dict[str, object] = dict(pairs)
    if len(form) != len(pairs):
        raise Fault("each form field once")
    return form


def _check_fields(raw: Mapping[str, object]) -> None:
    if not raw:
        raise Fault("a body with at least one field, found none")
    for key, value in raw.items():
        if any(isinstance(text, str) and LONE_SURROGATE.search(text) for text in (key, value)):
            raise Fault(f"text without lone surrogates (\\ud800-\\udfff not in a pair), found one in {key!r}")


def encode_callback(event: DeliveryEvent, /, *, charset: str = "windows-1251") -> bytes:
    """The form body SMSC would post for ``event`` (for tests and fake servers)."""
    from urllib.parse import urlencode

    try:
        fields = EVENT.to_raw(event, _FORM)
        if not fields:
            raise Fault("an event with at least one field: an empty body is no callback")
        return urlencode(fields, encoding=charset, errors="strict").encode("ascii")
    except Fault as fault:
        raise fault.encode_error(NAME, _FORM) from None
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
    """Whether every checksum the event carries matches ``secret``; ``False`` when it has none, or
    when the event holds text no checksum can cover. Never raises for an event."""
    import hmac

    sent: dict[Algorithm, str | None] = {"md5": event.md5, "sha1": event.sha1}
    if not any(sent.values()):
        return False
    try:
        return all(
            hmac.compare_digest(value.lower().encode(), callback_checksum(event, secret, algorithm=algorithm).encode())
            for algorithm, value in sent.items()
            if value
        )
    except UnicodeEncodeError:  # a lone surrogate in an event built by hand: nothing SMSC can have signed
        return False
