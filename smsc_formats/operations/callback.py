"""The handler callback: what SMSC posts to the client's handler URL, read as a typed event.

The handler URL set in the account may hold ``charset`` (default windows-1251) and ``fmt=3``
(a JSON body instead of a form). The same URL receives delivery statuses, HLR results, incoming
SMS and the number-confirmation service's calls; :mod:`.callback_events` declares each kind and
how its fields tell it. The field names are known only from third-party handlers (inferred);
keys not declared stay in ``extra``.

The checksum is inferred from one project: ``md5``, ``sha1`` or ``crc32`` of
``"<id>:<phone>:<status>:<secret>"`` (an absent field empty), the secret being the value set in
the account's settings; md5 and sha1 in lowercase hex, crc32 as eight hex digits (its rendering is
not known: the decimal number is accepted too). :func:`verify_callback` compares in constant
time; nothing here keeps the secret. Nothing documents an answer from the handler: answer HTTP
200. The fmt=2 (XML) body is not supported: its element names are unknown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from .._exceptions import EncodeError
from .._fault import Fault
from .._fmt import TEXT_CHARSET, Fmt, carries, is_text_charset
from .._grammar import LONE_SURROGATE
from .._public import show_in
from ..formats import Body
from ._schema import Record
from .callback_events import (
    CONFIRMATION_CALL,
    EVENT,
    HLR_RESULT,
    INCOMING_SMS,
    KINDS,
    CallbackEvent,
    ConfirmationCall,
    DeliveryEvent,
    HlrResult,
    IncomingSms,
    record_for,
)

Algorithm = Literal["md5", "sha1", "crc32"]
E = TypeVar("E", bound=CallbackEvent)

NAME = "callback"
_FORM = Fmt.CSV
"""A form body reads as fmt=1 does: the API's names, text values, an empty field an absent one."""
_RECORDS: dict[type[Any], Record[Any]] = {
    DeliveryEvent: EVENT,
    HlrResult: HLR_RESULT,
    IncomingSms: INCOMING_SMS,
    ConfirmationCall: CONFIRMATION_CALL,
}
_MARKERS = ", ".join(repr(key) for markers, _ in KINDS for key in markers)
_MOJIBAKE = "\ufffd"
"""What a web framework leaves for each byte it could not decode: a windows-1251 body read as UTF-8."""

__all__ = ["EVENT", "DeliveryEvent", "parse_callback"]


def parse_callback(
    body: bytes | Mapping[str, str], /, *, charset: str = "windows-1251", strict: bool = False
) -> CallbackEvent:
    """The event in a posted body: a form (``id=…&phone=…``), a JSON object, or a mapping a web
    framework already parsed. ``charset`` is the one in the handler URL.

    The body comes unauthenticated from the internet, so the JSON object is held to fmt=3's own
    rules (each key once, bounded nesting, no lone surrogates), and no field of any body may hold a
    lone surrogate, which no checksum covers. A body without a single field, or of no known kind,
    is refused; so is a parsed mapping whose values are not text, or hold U+FFFD, what a framework
    leaves of a windows-1251 body it read as UTF-8 (pass the raw body and its charset instead).
    """
    fmt: Fmt | None = None
    data: Body | None = None
    try:
        raw: dict[str, Any]
        if isinstance(body, Mapping):
            raw = dict(body)
            _check_decoded(raw)
        else:
            if not is_text_charset(charset):
                raise Fault(f"{TEXT_CHARSET}, found {charset!r}")
            data = Body(bytes(body), charset)  # without white space or a UTF-8 byte-order mark around it
            fmt = Fmt.JSON if data.data[:1] == b"{" else None
            raw = _read_form(data.data, charset) if fmt is None else _read_json(data)
        _check_fields(raw)
        record = record_for(raw)
        if record is None:
            raise Fault(f"a post of a known kind, with a key among {_MARKERS}; found {', '.join(map(repr, raw))}")
        event: CallbackEvent = record.from_raw(raw, _FORM if fmt is None else fmt, strict=strict, line=None)
        return event
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


def _check_decoded(raw: Mapping[str, object]) -> None:
    for key, value in raw.items():
        if not isinstance(value, str):
            raise Fault(f"text in {key!r}, found {type(value).__name__}")
        if _MOJIBAKE in value:
            raise Fault(
                f"text without U+FFFD in {key!r}: a body in windows-1251 (the API's default) read as UTF-8 "
                "leaves it there; pass the raw body and the handler URL's charset"
            )


def _check_fields(raw: Mapping[str, object]) -> None:
    if not raw:
        raise Fault("a body with at least one field, found none")
    for key, value in raw.items():
        if any(isinstance(text, str) and LONE_SURROGATE.search(text) for text in (key, value)):
            raise Fault(f"text without lone surrogates (\\ud800-\\udfff not in a pair), found one in {key!r}")


def encode_callback(event: CallbackEvent, /, *, charset: str = "windows-1251") -> bytes:
    """The form body SMSC would post for ``event`` (for tests and fake servers). An event that
    would not read back as its own kind (a status without ``status``) is refused."""
    from urllib.parse import urlencode

    record = _RECORDS[type(event)]
    try:
        fields = record.to_raw(event, _FORM)
        if record_for(fields) is not record:
            raise Fault(f"an event whose fields tell its kind ({type(event).__name__}: see KINDS)")
        return urlencode(fields, encoding=charset, errors="strict").encode("ascii")
    except Fault as fault:
        raise fault.encode_error(NAME, _FORM) from None
    except UnicodeEncodeError as exc:
        field = next(key for key, value in fields.items() if not carries(charset, f"{key}{value}"))
        raise EncodeError(f"text that {charset} can carry", operation=NAME, fmt=_FORM, field=field) from exc


def callback_checksum(event: CallbackEvent, secret: str, /, *, algorithm: Algorithm = "md5") -> str:
    """``algorithm("<id>:<phone>:<status>:<secret>")``: md5 and sha1 in lowercase hex, crc32 as
    eight hex digits (the formula is inferred)."""
    import hashlib
    import zlib

    status: int | None = getattr(event, "status", None)
    text = (
        f"{'' if event.id is None else event.id}:{event.phone or ''}:{'' if status is None else int(status)}:{secret}"
    )
    data = text.encode("utf-8")
    if algorithm == "crc32":
        return f"{zlib.crc32(data):08x}"
    return hashlib.new(algorithm, data).hexdigest()


def sign_callback(event: E, secret: str, /, *, algorithm: Algorithm = "md5") -> E:
    """``event`` with its checksum set, as an account with checksums enabled posts it."""
    checksum = callback_checksum(event, secret, algorithm=algorithm)
    return dataclasses.replace(event, **{algorithm: checksum})  # type: ignore[arg-type]


def verify_callback(event: CallbackEvent, secret: str, /) -> bool:
    """Whether every checksum the event carries matches ``secret``; ``False`` when it has none, or
    when the event holds text no checksum can cover. Never raises for an event."""
    import hmac

    sent: dict[Algorithm, str | None] = {"md5": event.md5, "sha1": event.sha1, "crc32": event.crc32}
    if not any(sent.values()):
        return False
    try:
        return all(
            any(
                hmac.compare_digest(value.lower().encode(), expected.encode())
                for expected in _expected(event, secret, algorithm)
            )
            for algorithm, value in sent.items()
            if value
        )
    except UnicodeEncodeError:  # a lone surrogate in an event built by hand: nothing SMSC can have signed
        return False


def _expected(event: CallbackEvent, secret: str, algorithm: Algorithm) -> tuple[str, ...]:
    """The checksums that match: a crc32 may come as eight hex digits or as the decimal number."""
    checksum = callback_checksum(event, secret, algorithm=algorithm)
    return (checksum, str(int(checksum, 16))) if algorithm == "crc32" else (checksum,)


show_in("smsc_formats", parse_callback, encode_callback, callback_checksum, sign_callback, verify_callback)
