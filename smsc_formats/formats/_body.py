"""A reply body as the format modules receive it: bytes, trimmed, decoded to text on demand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from .._decode_limits import DEFAULT_LIMITS, DecodeLimits
from .._fault import Fault

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
