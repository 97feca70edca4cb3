"""Decoding log entries: each becomes an :class:`Outcome`, and a :class:`Summary` counts them.

A malformed reply never stops the stream here; it becomes an outcome that says where it is
in its source (file, line, column), which fmt was asked for and what was expected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._codec import decode, to_api
from .._exceptions import DecodeError, EncodeError
from .._fmt import TEXT_CHARSET, is_text_charset
from .._grammar import is_reserved
from .._reply import ErrorReply
from ..formats import DEFAULT_LIMITS, DecodeLimits
from ..operations import OPERATIONS, Operation
from ._records import Entry

_FMTS: dict[object, int | str] = {0: 0, 1: 1, 2: 2, 3: 3, "0": 0, "1": 1, "2": 2, "3": 3, "auto": "auto"}
_CACHED_OPERATIONS = 256
"""Bound operations kept for reuse; more distinct request options than this start afresh."""
_CACHED_OPTIONS_CHARS = 4096
"""Request options longer than this (a log line can hold megabytes) are bound afresh, not kept."""


@dataclass(frozen=True, slots=True)
class Malformed:
    """Why a reply (or a log line) could not be decoded, and where in its source."""

    expected: str
    line: int
    column: int | None
    fmt: int | str | None = None
    """The fmt asked for (0-3 or "auto"); None when the log line was not decoded at all."""
    reply_position: tuple[int, int | None] | None = None
    """The line and column inside a reply held as a JSON string, which columns of the log miss."""

    def message(self, source: str, op: str | None) -> str:
        where = f"{source}:{self.line}" + ("" if self.column is None else f":{self.column}")
        what = "" if op is None or self.fmt is None else f"{op} fmt={self.fmt}: "
        inside = ""
        if self.reply_position is not None:
            line, column = self.reply_position
            inside = f" (at line {line}" + ("" if column is None else f", column {column}") + " of the reply)"
        return f"{where}: {what}expected {self.expected}{inside}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One entry decoded: the reply as ``to_api`` gives it (and as ``decode`` gives it, in
    ``reply``: the model, a list of models, or an :class:`~smsc_formats.ErrorReply`), or why it
    is malformed. ``entry`` says where it came from (``entry.source``, ``entry.line``)."""

    entry: Entry
    op: str | None
    value: object = None
    error_code: int | None = None
    malformed: Malformed | None = None
    reply: object = None
    fmt: int | str | None = None
    """The fmt the reply was decoded as asked (0-3 or "auto"); None when it was not decoded."""

    @property
    def status(self) -> str:
        """``"decoded"``, ``"error"`` (an error reply) or ``"malformed"``."""
        return "malformed" if self.malformed is not None else "decoded" if self.error_code is None else "error"


@dataclass(slots=True)
class Summary:
    """What a run read: replies decoded, error replies by code, malformed replies."""

    read: int = 0
    decoded: int = 0
    malformed: int = 0
    error_codes: Counter[int] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.read += 1
        if outcome.malformed is not None:
            self.malformed += 1
        elif outcome.error_code is not None:
            self.error_codes[outcome.error_code] += 1
        else:
            self.decoded += 1

    def merge(self, other: Summary) -> None:
        """Add the counts of another part of the same run."""
        self.read += other.read
        self.decoded += other.decoded
        self.malformed += other.malformed
        self.error_codes.update(other.error_codes)

    def text(self) -> str:
        errors = sum(self.error_codes.values())
        by_code = ", ".join(f"code {code}: {count}" for code, count in sorted(self.error_codes.items()))
        return (
            f"{self.read} replies read, {self.decoded} decoded, {errors} error replies"
            + (f" ({by_code})" if by_code else "")
            + f", {self.malformed} malformed"
        )


def declared_limits(op: str | None, params: Mapping[str, str]) -> DecodeLimits:
    """What the reply of ``op`` asked with ``params`` may hold, as it declares and ``Client.call``
    takes it (get_mnp's export: 512 MiB); the defaults for no operation, or one of another carrier.
    ``params`` are checked as a call checks them."""
    operation = OPERATIONS.get(op) if op is not None else None
    return DEFAULT_LIMITS if operation is None else operation.bind(dict(params)).reply_record.limits


class Decoder:
    """Decodes entries with the command line's defaults where a log line names nothing else."""

    def __init__(
        self, *, op: str | None, params: Mapping[str, str], fmt: int | str, charset: str, strict: bool
    ) -> None:
        self._op, self._params, self._fmt, self._charset, self._strict = op, dict(params), fmt, charset, strict
        self._operations: dict[tuple[str, tuple[tuple[str, str], ...]], Operation[Any]] = {}

    def __call__(self, entry: Entry) -> Outcome:
        op = entry.op if isinstance(entry.op, str) else self._op
        if entry.body is None:
            return _refused(entry, op, entry.problem or "a reply")
        try:
            operation, fmt, charset = self._operation(op, entry.params), self._fmt_of(entry), self._charset_of(entry)
            data = _bytes(entry.body, charset)
        except _Refused as refused:
            return _refused(entry, op, str(refused))
        try:
            reply = decode(operation, data, fmt=fmt, charset=charset, strict=self._strict)  # type: ignore[arg-type]
            value = to_api(operation, reply)
        except (DecodeError, EncodeError) as exc:
            return Outcome(entry, op, malformed=_where(entry, exc, fmt))
        code = reply.code if isinstance(reply, ErrorReply) else None
        return Outcome(entry, op, value, code, reply=reply, fmt=fmt)

    def _operation(self, op: str | None, params: object) -> Operation[Any]:
        if op is None:
            raise _Refused("an operation: name one with --op or in the log's operation field")
        options = {**self._params, **_options(params)} if params else self._params
        key = (op, tuple(sorted(options.items())) if options else ())
        operation = self._operations.get(key)
        if operation is None:
            if op not in OPERATIONS:
                raise _Refused(f"a known operation (see 'smsc-formats ops'), found {op!r}")
            operation = OPERATIONS[op].with_unchecked(  # the request as it was sent, right or wrong
                {name: value for name, value in options.items() if not is_reserved(name)}
            )
            if sum(len(name) + len(value) for name, value in options.items()) <= _CACHED_OPTIONS_CHARS:
                if len(self._operations) >= _CACHED_OPERATIONS:
                    self._operations.clear()
                self._operations[key] = operation
        return operation

    def _fmt_of(self, entry: Entry) -> int | str:
        if entry.fmt is None:
            return self._fmt
        fmt = _FMTS.get(entry.fmt) if isinstance(entry.fmt, int | str) and not isinstance(entry.fmt, bool) else None
        if fmt is None:
            raise _Refused(f"fmt 0, 1, 2, 3 or auto in the log's fmt field, found {entry.fmt!r}")
        return fmt

    def _charset_of(self, entry: Entry) -> str:
        if entry.charset is None:
            return self._charset
        if isinstance(entry.charset, str) and is_text_charset(entry.charset):
            return entry.charset
        raise _Refused(f"{TEXT_CHARSET} in the log's charset field, found {entry.charset!r}")


class _Refused(Exception):
    """A log line whose own fields cannot be used."""


def _bytes(body: bytes | str, charset: str) -> bytes:
    """A reply a JSON-lines log held as text, as the server sent it: in the request's charset."""
    if isinstance(body, bytes):
        return body
    try:
        return body.encode(charset)
    except UnicodeEncodeError as exc:
        raise _Refused(f"text that {charset} can carry, found {exc.object[exc.start]!r}") from None


def _options(params: object) -> dict[str, str]:
    if isinstance(params, dict) and all(isinstance(value, str | int) for value in params.values()):
        return {str(key): str(value) for key, value in params.items()}
    raise _Refused(f"an object of request options in the log's params field, found {params!r}")


def _refused(entry: Entry, op: str | None, expected: str) -> Outcome:
    return Outcome(entry, op, malformed=Malformed(expected, entry.line, entry.column))


def _where(entry: Entry, exc: DecodeError | EncodeError, fmt: int | str) -> Malformed:
    shown = fmt if fmt == "auto" else int(fmt)
    if isinstance(exc, EncodeError):
        problem = f"field {exc.field!r}: {exc.problem}" if exc.field else exc.problem
        return Malformed(problem, entry.line, entry.column, shown)
    if exc.line is None:
        return Malformed(exc.expected, entry.line, entry.column, shown)
    if isinstance(entry.body, str):  # inside a JSON string: the log's columns do not apply
        return Malformed(exc.expected, entry.line, None, shown, (exc.line, exc.column))
    column = exc.column
    if column is not None and exc.line == 1:
        column += entry.column - 1
    return Malformed(exc.expected, entry.line + exc.line - 1, column, shown)
