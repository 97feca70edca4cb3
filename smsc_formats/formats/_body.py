"""A reply body as the format modules receive it, and the bounds that travel with it.

The body is bytes, trimmed, decoded to text on demand. Its :class:`DecodeLimits` bound what
``decode`` reads, so that hostile input costs little time and memory: replies come from the
network and from logs nobody vetted. Each bound is checked where it can first be measured (the
body's size before anything is copied, lines and records as the text formats split them,
nesting where the XML or JSON parser builds it), and each refusal is a
:class:`~smsc_formats.DecodeError` that names the bound, e.g. ``(DecodeLimits.max_records)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from itertools import islice

from .._fault import Fault

_WHAT = {
    "max_body_bytes": "a body of at most {} bytes",
    "max_records": "at most {} records",
    "max_depth": "nesting at most {} levels deep",
    "max_line_length": "lines of at most {} characters",
}

XML_MAX_DEPTH = 256
"""lxml refuses deeper XML whatever ``max_depth`` says (libxml2 without XML_PARSE_HUGE)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class DecodeLimits:
    """What ``decode`` accepts at most; the defaults are far above any reply SMSC sends.

    ``max_body_bytes``: the reply as received. ``max_records``: records in a list reply (lines
    of fmt=0/1, elements of fmt=2, objects of fmt=3). ``max_depth``: nesting of XML elements or
    JSON arrays and objects, at most 256. ``max_line_length``: characters in a fmt=0/1 line.
    """

    max_body_bytes: int = 8 * 1024 * 1024
    max_records: int = 100_000
    max_depth: int = 32
    max_line_length: int = 1024 * 1024

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"DecodeLimits.{item.name} must be a positive integer, not {value!r}")
        if self.max_depth > XML_MAX_DEPTH:
            raise ValueError(f"DecodeLimits.max_depth must be at most {XML_MAX_DEPTH}, not {self.max_depth}")

    def exceeded(self, limit: str, found: int | None = None, *, line: int | None = None) -> Fault:
        """The fault for input beyond ``limit`` (a field name), with what was found if known."""
        what = _WHAT[limit].format(getattr(self, limit))
        return Fault(f"{what} (DecodeLimits.{limit})" + ("" if found is None else f", found {found}"), line=line)

    def check(self, limit: str, found: int, *, line: int | None = None) -> None:
        """Raise the fault of ``limit`` if ``found`` is beyond it."""
        if found > getattr(self, limit):
            raise self.exceeded(limit, found, line=line)


DEFAULT_LIMITS = DecodeLimits()


_BOM = b"\xef\xbb\xbf"
_FILLED_LINE = re.compile(r"^[^\S\n]*\S[^\n]*", re.MULTILINE)


class Body:
    """The reply's bytes without a UTF-8 byte-order mark or surrounding white space.

    The text is decoded with the charset the request asked for (the server's header is not to
    be trusted), only when a format needs text rather than bytes. ``limits`` bound what the
    formats read of it.
    """

    __slots__ = ("_text", "charset", "data", "limits")

    def __init__(self, data: bytes, charset: str, limits: DecodeLimits = DEFAULT_LIMITS) -> None:
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
        self.data = data.strip()
        self.charset = charset
        self.limits = limits
        self._text: str | None = None

    @property
    def decoded(self) -> str | None:
        """The text, if a format has asked for it (error positions are counted in it)."""
        return self._text

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                self._text = self.data.decode(self.charset)
            except UnicodeDecodeError as exc:
                raise Fault(
                    f"text in {self.charset}, found byte 0x{self.data[exc.start]:02x} "
                    f"at byte {exc.start} that is not valid in it"
                ) from None
            except UnicodeError:  # a codec that fails without a position (punycode does)
                raise Fault(f"text that {self.charset} can read") from None
        return self._text

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """Non-blank lines (LF or CRLF) without their line end: number, offset, line.

        Each is a record of fmt=0/1: more than ``max_records`` of them are refused before the
        first is read, and lines are found without splitting the text, so blank ones cost nothing.
        """
        text, limits = self.text, self.limits
        if text.count("\n") >= limits.max_records and next(
            islice(_FILLED_LINE.finditer(text), limits.max_records, None), None
        ):
            raise limits.exceeded("max_records")
        number, counted = 1, 0
        for match in _FILLED_LINE.finditer(text):
            number += text.count("\n", counted, match.start())
            counted = match.start()
            limits.check("max_line_length", match.end() - match.start(), line=number)
            yield number, match.start(), match.group().rstrip("\r")
