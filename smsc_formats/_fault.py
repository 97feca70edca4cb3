"""The one private error the helpers raise, carrying a position.

Helpers never decide whether they are decoding or encoding: they raise :class:`Fault`, and the
public entry points turn it into :class:`~smsc_formats.DecodeError` or
:class:`~smsc_formats.EncodeError` with the operation and format filled in.
"""

from __future__ import annotations


class Fault(Exception):
    """What was expected, and where: a character offset, or a line and column already known."""

    def __init__(
        self,
        expected: str,
        *,
        offset: int | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(expected)
        self.expected = expected
        self.offset = offset
        self.line = line
        self.column = column
        self.field = field

    def position(self, text: str | None) -> tuple[int | None, int | None]:
        """The 1-based line and column of this fault in ``text``."""
        if self.line is not None:
            return self.line, self.column
        if self.offset is None or text is None:
            return None, None
        line = text.count("\n", 0, self.offset) + 1
        column = self.offset - (text.rfind("\n", 0, self.offset) + 1) + 1
        return line, column
