"""The decoding invariant that the fuzz harness checks and the regression test replays.

1. ``decode`` returns a value or raises ``DecodeError``; nothing else ever escapes.
2. Whatever decodes is encoded again (in the format it was decoded from, or in every format
   for ``fmt="auto"``); ``encode(check=True)`` returns bytes or raises ``EncodeError``, and
   those bytes decode to the same value.
"""

from __future__ import annotations

from typing import Any

import smsc_formats as smsc
from smsc_formats import ErrorReply, Fmt, NoRecords


def as_carried(reply: object, fmt: Fmt) -> object:
    """fmt=1 error replies carry no description, the "no records" error of an empty list
    included: compare what the format carries."""
    if isinstance(reply, NoRecords):
        return NoRecords[Any](as_carried(reply.error, fmt))  # type: ignore[arg-type]
    if isinstance(reply, ErrorReply) and fmt is Fmt.CSV:
        return ErrorReply(operation=reply.operation, code=reply.code, message_id=reply.message_id)
    return reply


def check_invariant(operation: smsc.Operation[Any], body: bytes, fmt: int | str, charset: str) -> None:
    """Raise ``AssertionError`` (or whatever escaped) when ``body`` breaks the invariant."""
    try:
        value = smsc.decode(operation, body, fmt=fmt, charset=charset)  # type: ignore[arg-type]
    except smsc.DecodeError:
        return
    for target in list(Fmt) if isinstance(fmt, str) else [Fmt(fmt)]:
        try:
            wire = smsc.encode(operation, value, fmt=target, charset=charset, check=True)
        except smsc.EncodeError:
            continue
        again = smsc.decode(operation, wire, fmt=target, charset=charset)
        assert again == as_carried(value, target), (target, value, wire, again)
