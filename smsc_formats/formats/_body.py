"""A reply body as the format modules receive it: bytes, trimmed, decoded to text on demand."""

from __future__ import annotations

from collections.abc import Iterator

from .._fault import Fault

_BOM = b"\xef\xbb\xbf"


class Body:
    """The reply's bytes without a UTF-8 byte-order mark or surrounding white space.

    The text is decoded with the charset the request asked for (the server's header is not to
    be trusted), only when a format needs text rather than bytes.
    """

    __slots__ = ("_text", "charset", "data")

    def __init__(self, data: bytes, charset: str) -> None:
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
        self.data = data.strip()
        self.charset = charset
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
        return self._text

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """Non-blank lines (LF or CRLF) without their line end: number, offset, line."""
        offset = 0
        for number, line in enumerate(self.text.split("\n"), start=1):
            if line.strip():
                yield number, offset, line.rstrip("\r")
            offset += len(line) + 1
