"""The one private error the helpers raise, carrying a position, and its translation.

Helpers never decide whether they are decoding or encoding: they raise :class:`Fault`, and each
public entry point turns it into :class:`~smsc_formats.DecodeError` or
:class:`~smsc_formats.EncodeError` in one line, with the operation and format (or channel)
filled in::

    except Fault as fault:
        raise fault.decode_error(operation.name, fmt, text=body.decoded) from None
"""

from __future__ import annotations

from ._exceptions import DecodeError, EncodeError


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

    def decode_error(
        self, operation: str, fmt: int | None, *, text: str | None = None, channel: str | None = None
    ) -> DecodeError:
        """The public error for this fault met while decoding; ``text`` is what an offset counts in."""
        line, column = self.position(text)
        return DecodeError(self.expected, operation=operation, fmt=fmt, line=line, column=column, channel=channel)

    def encode_error(self, operation: str, fmt: int | None, *, channel: str | None = None) -> EncodeError:
        """The public error for this fault met while encoding, naming the field it was in."""
        return EncodeError(self.expected, operation=operation, fmt=fmt, field=self.field, channel=channel)
