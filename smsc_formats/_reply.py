"""Error replies as values: returned by ``decode``, raised only on request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorReply:
    """An error reply: ``ERROR = N (description)``, ``0,-N``, ``<result><error>…``, ``{"error": …}``.

    ``description`` is the server's own text (``None`` in fmt=1, which carries none); it varies
    and is never to be branched on. ``message_id`` is the id some send.php errors carry.
    """

    operation: str
    code: int
    description: str | None = None
    message_id: int | None = None

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later (error 9, too many requests)."""
        return self.error_class().retryable

    def error_class(self) -> type[ApiError]:
        from .operations import OPERATIONS

        operation = OPERATIONS.get(self.operation)
        return operation.error_class(self.code) if operation else ApiError

    def raise_for_error(self) -> NoReturn:
        """Raise the :class:`ApiError` subclass that this operation's table gives for the code."""
        raise self.error_class()(self.code, self.description, operation=self.operation, message_id=self.message_id)


from ._exceptions import ApiError  # noqa: E402 - after the class, which the exceptions do not need
