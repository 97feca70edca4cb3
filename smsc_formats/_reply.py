"""Error replies as values: returned by ``decode``, raised only on request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NoReturn, TypeVar

M = TypeVar("M")


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorReply:
    """An error reply: ``ERROR = N (description)``, ``0,-N``, ``<result><error>…``, ``{"error": …}``.

    ``description`` is the server's own text (``None`` in fmt=1, which carries none); it varies
    and is never to be branched on. ``message_id`` is the id some send.php errors carry.
    ``errors`` is the error table of the operation that decoded the reply, so that the codes mean
    what that operation (a user's own declaration too) says they mean; it takes no part in
    equality.
    """

    operation: str
    code: int
    description: str | None = None
    message_id: int | None = None
    errors: Mapping[int, type[ApiError]] | None = field(default=None, compare=False, repr=False)

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later (error 9, too many requests)."""
        return self.error_class().retryable

    def error_class(self) -> type[ApiError]:
        """The class the table gives the code; a reply built by hand without a table reads the
        table of the library's operation of that name."""
        if self.errors is not None:
            return self.errors.get(self.code, ApiError)
        from .operations import OPERATIONS

        known = OPERATIONS.get(self.operation)
        return known.error_class(self.code) if known is not None else ApiError

    def raise_for_error(self) -> NoReturn:
        """Raise the :class:`ApiError` subclass that this operation's table gives for the code."""
        raise self.error_class()(self.code, self.description, operation=self.operation, message_id=self.message_id)


class NoRecords(list[M]):
    """An empty list that the server sent as an error reply ("no records found").

    Operations that declare ``no_records_codes`` (contacts and sub-clients answer error 3 for
    an empty list) decode such a reply to this value: it iterates and compares as an empty
    list, and ``error`` keeps the reply for callers who want it; encoding writes it back.
    """

    __slots__ = ("error",)

    def __init__(self, error: ErrorReply) -> None:
        super().__init__()
        self.error = error

    def __eq__(self, other: object) -> bool:
        same = list.__eq__(self, other)
        if isinstance(other, NoRecords) and same is True:
            return self.error == other.error
        return same

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"NoRecords({self.error!r})"


from ._exceptions import ApiError  # noqa: E402 - after the class, which the exceptions do not need
