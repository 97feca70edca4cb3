"""Writing the fake's answers: every reply by the library's own encoder, through the operation
the request matched, in the ``fmt`` and ``charset`` it asked for; errors with the short English
descriptions the live server writes.

An empty list is the operation's "no records" error where it declares one (phones.php, the
history, sub-client statistics). What the library cannot write is not guessed: an empty list in
fmt=0/1 (which have no form for one) for an operation that has no such code, or a value a format cannot carry (a comma
in a fmt=1 free-text column that is not last), is a :class:`NotHandled`, answered with HTTP 501.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .._codec import encode, from_api
from .._exceptions import EncodeError
from .._fmt import Fmt
from .._grammar import is_reserved
from .._reply import ErrorReply
from ..formats import RawError, capabilities, codec, marks_lists
from ..operations import Operation
from ._state import ApiData, NotHandled, Reply

DESCRIPTIONS = {
    1: "parameters error",
    2: "authorise error",
    3: "no money",
    4: "IP address is temporarily blocked",
    5: "operation error",
    6: "message is denied",
    7: "invalid number",
    8: "can't to deliver",
    9: "duplicate request, wait a minute",
    10: "already sent",
    11: "invalid code",
}
"""Error texts as the live server writes them (where seen; the others are plausible)."""
SCRIPT_DESCRIPTIONS = {
    ("info.php", 3): "operator not found",
    ("phones.php", 3): "no records found",
    ("mails.php", 3): "no records found",
    ("documents.php", 3): "document not found",
    ("documents.php", 6): "user not found",
    ("get.php", 3): "no records found",
    ("users.php", 3): "no records found",
    ("users.php", 6): "user not found",
    ("users.php", 10): "no money",
    ("senders.php", 3): "sender not found",
    ("templates.php", 3): "template not found",
    ("tinyurls.php", 3): "link not found",
    ("jobs.php", 3): "record not saved",
    ("status.php", 5): "delete error",
    ("send.php", 5): "invalid date format",
}
"""Where a code means something else on one script."""


def write(operation: Operation[Any], fields: Mapping[str, str], data: Reply, fmt: Fmt, charset: str) -> bytes:
    """The bytes of ``data`` (fmt=3 keys and values, or an error) as the server writes them."""
    if isinstance(data, int | tuple):
        code, message_id = data if isinstance(data, tuple) else (data, None)
        return write_error(operation.path, code, message_id, fmt).encode(charset)
    params = {key: value for key, value in fields.items() if not is_reserved(key) and key not in operation.flags}
    bound = operation.with_unchecked(params)  # as the server reads them: unchecked
    if data == [] and bound.no_records_codes:  # "no records found", as the server says it
        return write(operation, fields, min(bound.no_records_codes), fmt, charset)
    if data == [] and not marks_lists(bound.reply_record.written_in(fmt), bound.reply_layout):
        raise NotHandled(f"an empty list in fmt={int(fmt)}")
    reply = from_api(bound, _carried(bound, data, fmt))
    assert not isinstance(reply, ErrorReply)
    try:
        return encode(bound, reply, fmt=fmt, charset=charset, check=True)
    except EncodeError as refused:
        raise NotHandled(f"a reply fmt={int(fmt)} cannot carry ({refused.problem})") from None


class LongListWriter:
    """:func:`write` for one account, keeping the last long list of records it wrote and its
    bytes: asked again for the same export (300,000 ported numbers), it answers without encoding
    and checking it again. Only records of plain values are kept, so that the copy compared
    cannot change behind the writer's back; anything else is written afresh."""

    LONG = 1000
    """How many records make a list worth keeping."""

    def __init__(self) -> None:
        self._last: tuple[tuple[object, ...], bytes] | None = None

    def write(self, operation: Operation[Any], fields: Mapping[str, str], data: Reply, fmt: Fmt, charset: str) -> bytes:
        records = _plain_records(data)
        if records is None:
            return write(operation, fields, data, fmt, charset)
        key = (operation.name, tuple(sorted(fields.items())), fmt, charset, records)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        body = write(operation, fields, data, fmt, charset)
        self._last = (key, body)
        return body


_PLAIN = (str, int, Decimal, type(None))


def _plain_records(data: Reply) -> tuple[tuple[tuple[str, Any], ...], ...] | None:
    """A long list's records as tuples of their items, if every value is plain; otherwise None."""
    if not isinstance(data, list) or len(data) < LongListWriter.LONG:
        return None
    records = tuple(tuple(record.items()) for record in data)
    if all(isinstance(value, _PLAIN) for record in records for _, value in record):
        return records
    return None


def write_error(script: str, code: int, message_id: int | None, fmt: Fmt) -> str:
    description = SCRIPT_DESCRIPTIONS.get((script, code)) or DESCRIPTIONS.get(code, "error")
    carried = description if capabilities(fmt).error_description else None
    return codec(fmt).encode_error(RawError(code, carried, message_id))


def _carried(operation: Operation[Any], data: ApiData, fmt: Fmt) -> ApiData:
    """The state's fields that ``fmt`` writes: fmt=1 has columns for only some of them."""
    if not capabilities(fmt).positional:
        return data
    columns = {column for layout in operation.reply_layout.csv_layouts for column in layout.columns}
    records = data if isinstance(data, list) else [data]
    kept = [{key: value for key, value in record.items() if key in columns} for record in records]
    return kept if isinstance(data, list) else kept[0]
