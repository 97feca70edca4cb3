"""The public entry points of the core: bytes to models and back, and the one error boundary.

Helpers raise only ``Fault``; here it becomes :class:`DecodeError` or :class:`EncodeError`
with the operation, the format and the position filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar, Union, overload

from ._compiled import SLOW, compiled_decoder
from ._encoders import compiled_encoder
from ._exceptions import DecodeError, EncodeError
from ._fault import Fault, field_at_fault
from ._fmt import TEXT_CHARSET, Fmt, carries, is_text_charset
from ._public import show_in
from ._reply import ErrorReply, NoRecords
from .formats import (
    DEFAULT_LIMITS,
    Body,
    DecodeLimits,
    RawError,
    RawRecord,
    RawReply,
    capabilities,
    codec,
    detect,
    guesses,
    marks_lists,
    opened_by,
    opens_an_error,
    server_default,
)
from .formats.json import read_error as read_json_error
from .operations import Operation, Record

M = TypeVar("M")

Reply = Union[M, list[M], ErrorReply]  # noqa: UP007 - a generic alias needs Union on 3.10
"""What ``decode`` returns: the model, one model per record of a list reply, or an error."""


_BY_NUMBER = {int(member): member for member in Fmt}
_BYTES_LIKE = (bytes, bytearray, memoryview)
"""What ``decode`` reads, as a tuple: ``bytes | bytearray | memoryview`` would make a union on every call."""
_BOM = b"\xef\xbb\xbf"
_API = Fmt.JSON
"""``to_api`` and ``from_api`` speak fmt=3's own values, keyed by the API's field names."""


def _resolve(fmt: int | str) -> Fmt | None:
    if fmt == "auto":
        return None
    try:
        known = _BY_NUMBER.get(fmt)  # type: ignore[arg-type]  # the usual int, without Fmt()'s cost
        return known if known is not None else Fmt(int(fmt))
    except (TypeError, ValueError):  # None, a list, "json", 7 ...
        raise ValueError(f"fmt must be {', '.join(map(str, _BY_NUMBER))} or 'auto', not {fmt!r}") from None


def decode(
    operation: Operation[M],
    data: bytes,
    /,
    *,
    fmt: int | Literal["auto"],
    charset: str = "utf-8",
    strict: bool = False,
    limits: DecodeLimits | None = None,
) -> M | list[M] | ErrorReply:
    """Decode a reply to ``operation`` that was asked for in ``fmt`` and ``charset``.

    The fmt=0 error line is recognised whatever ``fmt`` says (the server sends it even for
    fmt=3). ``fmt="auto"`` tells the format from the bytes. A list reply, or a request that
    asked for several records, gives a list. ``strict`` refuses keys the operation does not
    declare instead of keeping them in ``extra``. Input beyond ``limits`` (by default those the
    reply declares, as the get_mnp export does, else :data:`DEFAULT_LIMITS`) is a DecodeError, and
    so is a ``charset`` that is not a text charset (one that carries ASCII unchanged).
    """
    if type(data) is not bytes and not isinstance(data, _BYTES_LIKE):
        raise TypeError(f"decode() takes the reply's bytes, not {type(data).__name__}")
    requested = _resolve(fmt)
    record = operation.reply_record
    if limits is None:
        limits = record.limits
    if requested is not None and charset == "utf-8" and limits is DEFAULT_LIMITS and type(data) is bytes:
        fast = compiled_decoder(record, requested, operation.expects_list)
        if fast is not None:
            value = fast(data)
            if value is not SLOW:  # a fmt=3 error object comes back raw: its ErrorReply needs the operation
                return _error_reply(operation, value) if type(value) is RawError else value
    if not is_text_charset(charset):  # a transform such as punycode would misread every format's ASCII
        raise DecodeError(f"{TEXT_CHARSET}, found {charset!r}", operation=operation.name, fmt=requested)
    body: Body | None = None
    try:
        limits.check("max_body_bytes", memoryview(data).nbytes)  # before anything is copied
        body = Body(bytes(data), charset, limits)
        return _read(operation, body, _formats(operation, body, requested), strict=strict)
    except Fault as fault:
        raise fault.decode_error(operation.name, requested, text=body.decoded if body is not None else None) from None


def _formats(operation: Operation[M], body: Body, requested: Fmt | None) -> tuple[Fmt, ...]:
    """The formats to read ``body`` in, likeliest first: each shape a reply may take, once.

    The server answers in its own format (fmt=0) whatever was asked with an empty body (a fixed
    line that may be empty) or its error line. A file export comes in its fixed format unless
    the body opens as an error reply. ``fmt="auto"`` tries the format the bytes look like, then
    those told by content alone. A fixed sentence (a bare ``OK``) comes in the server's format
    where one told by its opening byte (XML, JSON) was asked and the body has no such opening.
    """
    data, record = body.data, operation.reply_record
    default = server_default()
    if not data or data.startswith(default.error_opens):
        return (default.fmt,)
    if record.fixed_fmt is not None and not opens_an_error(data):
        return (record.fixed_fmt,)
    if requested is None:
        return guesses(detect(body, record.layout))
    if capabilities(requested).opens and record.layout.text_template is not None and opened_by(data) is None:
        return (default.fmt,)
    return (requested,)


def _error_reply(operation: Operation[M], raw: RawError) -> list[M] | ErrorReply:
    """The error reply, with the operation's error table; one that means "no records found" on
    this operation is an empty list that keeps it."""
    error = ErrorReply(
        operation=operation.name,
        code=raw.code,
        description=raw.description,
        message_id=raw.message_id,
        errors=operation.errors,
    )
    return NoRecords(error) if error.code in operation.no_records_codes else error


def _read(operation: Operation[M], body: Body, formats: tuple[Fmt, ...], *, strict: bool) -> M | list[M] | ErrorReply:
    """The reply in the first of ``formats`` that reads it; where none does, the first one's error.

    Only ``fmt="auto"`` gives more than one: a fmt=1 value may itself start with ``[`` or look
    like ``key = value``.
    """
    try:
        return _decode_as(operation, body, formats[0], strict=strict)
    except Fault as fault:
        for fmt in formats[1:]:
            try:
                return _decode_as(operation, body, fmt, strict=strict)
            except Fault:
                continue
        raise fault from None


def _decode_as(operation: Operation[M], body: Body, fmt: Fmt, *, strict: bool) -> M | list[M] | ErrorReply:
    raw = codec(fmt).decode(body, operation.reply_layout)
    if isinstance(raw, RawError):
        return _error_reply(operation, raw)
    body.limits.check("max_records", len(raw.records))
    return _models(operation, raw, fmt, strict=strict)


def _models(operation: Operation[M], raw: RawReply, fmt: Fmt, *, strict: bool) -> M | list[M]:
    """A list when the bytes list the records or the request asks for a list, else the one record."""
    record: Record[M] = operation.reply_record
    if raw.listed or operation.expects_list:
        return [
            record.from_raw(item, fmt, strict=strict, line=line)
            for item, line in zip(raw.records, raw.lines, strict=True)
        ]
    return record.from_raw(raw.records[0], fmt, strict=strict, line=raw.lines[0])


@overload
def encode(
    operation: Operation[M], value: ErrorReply, /, *, fmt: int, charset: str = ..., check: bool = ...
) -> bytes: ...
@overload
def encode(
    operation: Operation[M], value: M | Sequence[M], /, *, fmt: int, charset: str = ..., check: bool = ...
) -> bytes: ...
def encode(
    operation: Operation[M], value: object, /, *, fmt: int, charset: str = "utf-8", check: bool = False
) -> bytes:
    """The exact bytes the server sends for ``value``: a model, a list of models, or an error.

    Raises :class:`EncodeError` for a value ``fmt`` cannot carry (each format's encoder refuses
    what it cannot write unchanged). ``check=True`` also decodes what was written and refuses
    bytes that would read back as anything else, at about twice the cost: the tests and the
    CLI's ``encode`` use it. A ``charset`` that is not a text charset is the caller's ValueError.
    """
    target = _resolve(fmt)
    if target is None:
        raise ValueError("encode() needs a definite fmt, not 'auto'")
    if charset == "utf-8" and not check:
        fast = compiled_encoder(operation.reply_record, target, operation.expects_list)
        if fast is not None:
            written = fast(value)
            if written is not None:
                return written
    if not is_text_charset(charset):
        raise ValueError(f"expected {TEXT_CHARSET}, found {charset!r}")
    asked = target
    if not isinstance(value, ErrorReply | NoRecords):  # a file, or a bare sentence, whatever fmt asked
        target = operation.reply_record.written_in(target)
    try:
        text, records = _encode_text(operation, value, target)
        data = text.encode(charset)
        if data.startswith(_BOM):  # only a fmt=0 or fmt=1 reply of records may: no error reply begins so
            raise Fault(
                "a reply that does not begin with a byte-order mark, which decoders drop",
                field=_opening_field(operation, records[0], target, charset),
            )
    except Fault as fault:
        raise fault.encode_error(operation.name, target) from None
    except UnicodeEncodeError as exc:
        raise EncodeError(
            f"text that {charset} can carry, found {exc.object[exc.start : exc.end]!r}",
            operation=operation.name,
            fmt=target,
            field=_uncarried_field(operation, records, target, charset),
        ) from None
    if check:
        _check_reads_back(operation, value, data, target, charset)
    elif asked in operation.reply_record.sentence_in:
        _check_sentence(operation, value, data, asked, charset)
    return data


def _check_sentence(operation: Operation[M], value: object, data: bytes, asked: Fmt, charset: str) -> None:
    """A bare sentence written where ``asked`` was asked for (the ``OK`` of phones.php under fmt=3)
    must read back under ``asked``: a value the server never sends there (``<``) is refused."""
    try:
        decoded = decode(operation, data, fmt=asked, charset=charset)
    except DecodeError:
        decoded = None
    if decoded is None or _wire(operation, decoded, asked) != _wire(operation, value, asked):
        fields = operation.reply_record.fields
        raise EncodeError(
            f"a value that reads back when written bare, as the server answers fmt={int(asked)}",
            operation=operation.name,
            fmt=asked,
            field=fields[0].name if len(fields) == 1 else None,
        )


def _wire(operation: Operation[M], value: object, fmt: Fmt) -> RawError | tuple[list[RawRecord], bool]:
    """What ``value`` is on the wire in ``fmt``: an error, or raw records and whether listed."""
    if isinstance(value, NoRecords) and not value:
        value = value.error
    if isinstance(value, ErrorReply):
        description = value.description if capabilities(fmt).error_description else None
        return RawError(value.code, description, value.message_id)
    listed = isinstance(value, list | tuple)
    models: Sequence[object] = value if isinstance(value, list | tuple) else [value]
    model_type: type = operation.reply_record.model
    if not all(isinstance(model, model_type) for model in models):
        raise Fault(f"{model_type.__name__} values or an ErrorReply")
    return [operation.reply_record.to_raw(model, fmt) for model in models], listed


def _encode_text(operation: Operation[M], value: object, fmt: Fmt) -> tuple[str, list[RawRecord]]:
    """The reply's text, and the records it holds (none for an error reply)."""
    module = codec(fmt)
    wire = _wire(operation, value, fmt)
    if isinstance(wire, RawError):
        return module.encode_error(wire), []
    raws, listed = wire
    if operation.expects_list and not listed:
        raise Fault("a list of records: the request asked for several, or this reply is always a list")
    if not marks_lists(fmt, operation.reply_layout) and len(raws) < (1 if operation.expects_list else 1 + listed):
        raise Fault("more records: fmt=0/1 has no form for an empty list, or a list of one unasked for")
    return module.encode(raws, operation.reply_layout, listed=listed), raws


def _opening_field(operation: Operation[M], first: RawRecord, fmt: Fmt, charset: str) -> str | None:
    """The one field of the first record whose value alone begins the reply with the bytes of a
    byte-order mark (the first line of fmt=0 or fmt=1 is the first record's)."""
    module, layout = codec(fmt), operation.reply_layout
    return field_at_fault(
        first, (), lambda changed: module.encode([changed], layout, listed=False).encode(charset).startswith(_BOM)
    )


def _uncarried_field(operation: Operation[M], records: list[RawRecord], fmt: Fmt, charset: str) -> str | None:
    """The one field of the first record that ``charset`` cannot carry (``"error"``: the
    description of an error reply, its one text)."""
    if not records:
        return "error"
    module, layout = codec(fmt), operation.reply_layout

    def refused(changed: RawRecord) -> bool:
        return not carries(charset, module.encode([changed], layout, listed=False))

    return field_at_fault(next(record for record in records if refused(record)), (), refused)


def _check_reads_back(operation: Operation[M], value: object, data: bytes, fmt: Fmt, charset: str) -> None:
    """Refuse rather than corrupt: the bytes must decode to what was encoded, in wire terms (which
    tell extra keys from fields, as ``Record.to_raw`` refuses an extra key named as a field)."""
    try:
        decoded = decode(operation, data, fmt=fmt, charset=charset)
    except DecodeError as exc:
        raise EncodeError(f"the value does not read back ({exc.expected})", operation=operation.name, fmt=fmt) from None
    if _wire(operation, decoded, fmt) != _wire(operation, value, fmt):
        raise EncodeError(
            "the value would read back differently (a separator, white space or a line break in it?)",
            operation=operation.name,
            fmt=fmt,
        )


def to_api(operation: Operation[M], reply: M | Sequence[M] | ErrorReply, /) -> object:
    """A reply as JSON-ready data keyed by the API's own field names (fmt=3's own values).

    An error reply becomes ``{"error": …, "error_code": N}`` with ``"id"`` when it has one,
    and so does an empty :class:`NoRecords` list, which the server sent as an error.
    """
    if isinstance(reply, NoRecords) and not reply:
        reply = reply.error
    if isinstance(reply, ErrorReply):
        error: dict[str, object] = {"error": reply.description, "error_code": reply.code}
        if reply.description is None:
            del error["error"]
        if reply.message_id is not None:
            error["id"] = reply.message_id
        return error
    try:
        wire = _wire(operation, reply, _API)
    except Fault as fault:
        raise fault.encode_error(operation.name, _API) from None
    assert not isinstance(wire, RawError)
    raws, listed = wire
    return raws if listed else raws[0]


def from_api(operation: Operation[M], data: object, /, *, strict: bool = False) -> M | list[M] | ErrorReply:
    """The reverse of :func:`to_api`: data keyed by the API's field names, back to a reply."""
    record: Record[M] = operation.reply_record
    try:
        if isinstance(data, dict) and "error_code" in data:
            return _error_reply(operation, read_json_error(data))
        if isinstance(data, list) and all(isinstance(item, dict) for item in data):
            return [record.from_raw(item, _API, strict=strict, line=None) for item in data]
        if isinstance(data, dict):
            return record.from_raw(data, _API, strict=strict, line=None)
        raise Fault("an object or an array of objects")
    except Fault as fault:
        raise fault.decode_error(operation.name, _API) from None


show_in("smsc_formats", decode, encode, to_api, from_api)  # exported there, loaded on first use
