"""What every web adapter does alike: a post's raw body and the handler URL's ``charset`` to a
verified event, or the answer that refuses it.

- A body over :data:`MAX_BODY` bytes: 413. A body :func:`~smsc_formats.parse_callback` refuses
  (empty, of no known kind, ill-typed, hostile, or in a charset that cannot be read): 400.
- With a ``secret``, a post whose checksum is missing or wrong: 403. ``secret=None`` accepts
  unsigned posts, for an account without checksums.
- Otherwise the user's function gets the event, and the answer is 200 ``OK``, for a repeat too
  (a refusal would make the gateway post it again). An exception from the function is left to
  the framework (500), so that the gateway posts the event again later.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._exceptions import DecodeError
from ..operations.callback import parse_callback, verify_callback
from ..operations.callback_events import CallbackEvent

CHARSET_PARAMETER = "charset"
"""The handler URL's query parameter that names the body's charset, as SMSC reads it."""
DEFAULT_CHARSET = "windows-1251"
MAX_BODY = 64 * 1024
"""Bytes a post may hold: far more than any event, little enough to refuse a flood cheaply."""
SUCCESS = (200, "OK")
CONTENT_TYPE = "text/plain; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Refusal:
    """An answer that refuses the post: its HTTP status and a short reason."""

    status: int
    text: str


def read_post(body: bytes, charset: str | None, secret: str | None) -> CallbackEvent | Refusal:
    """The verified event in ``body`` (at most ``MAX_BODY + 1`` bytes read), or the refusal."""
    if len(body) > MAX_BODY:
        return Refusal(413, f"a callback of at most {MAX_BODY} bytes")
    try:
        event = parse_callback(body, charset=charset or DEFAULT_CHARSET)
    except DecodeError as error:
        return Refusal(400, f"not a callback: {error.expected}")
    if secret is not None and not verify_callback(event, secret):
        return Refusal(403, "the checksum is missing or does not match")
    return event
