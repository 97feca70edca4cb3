"""The one private error the helpers raise, carrying a position, and its translation.

Helpers never decide whether they are decoding or encoding: they raise :class:`Fault`, and each
public entry point turns it into :class:`~smsc_formats.DecodeError` or
:class:`~smsc_formats.EncodeError` in one line, with the operation and format (or channel)
filled in::

    except Fault as fault:
        raise fault.decode_error(operation.name, fmt, text=body.decoded) from None
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

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


def field_at_fault(
    record: dict[str, Any], keys: Iterable[str], refused: Callable[[dict[str, Any]], bool]
) -> str | None:
    """The one field whose value alone makes ``refused`` hold of ``record``, or ``None``.

    A check of a whole line or reply (white space at its ends, a blank line, a line that reads
    as something else) sees no single field. Each of the record's keys, and of ``keys`` (the
    fields its line may hold), is set in turn to ``"0"``, a value every format writes and reads
    as it is (a ``Fault`` on the way counts as refused): the one field with which the record then
    passes is at fault. Where none or several do, or the record itself passes, no single field
    is. Only a refusal asks, so the cost is the error's.
    """
    cleared = []
    for key in dict.fromkeys([*record, *keys]):
        try:
            passes = not refused({**record, key: "0"})
        except Fault:
            passes = False
        if passes:
            cleared.append(key)
    return cleared[0] if len(cleared) == 1 and refused(record) else None
