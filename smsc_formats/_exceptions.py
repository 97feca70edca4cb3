"""Everything this library raises, in one tree.

::

    SmscFormatsError                  catch-all for this library
    ├── DecodeError (ValueError)      the bytes do not follow the format or the operation's schema
    ├── EncodeError (ValueError)      a value the chosen format cannot carry
    └── ApiError                      a well-formed error reply, raised on request
        ├── InvalidParameters         code 1 on every script
        ├── AuthorisationFailed       code 2: wrong login/password/API key, or IP not allowed
        ├── OperatorNotFound          code 3 on info.php?get_operator
        ├── IpTemporarilyBlocked      code 4 on every script
        └── TooManyRequests           code 9: repeated or too frequent requests (retryable)

Error *replies* are values (:class:`smsc_formats.ErrorReply`); they become an :class:`ApiError`
only through ``ErrorReply.raise_for_error()``. An error code that the operation does not list
gives a plain :class:`ApiError` with ``code`` set.
"""

from __future__ import annotations

from typing import ClassVar


class SmscFormatsError(Exception):
    """Root of every exception this library raises."""


class DecodeError(SmscFormatsError, ValueError):
    """A reply that does not follow its format's grammar or its operation's schema.

    ``line`` and ``column`` are 1-based positions in the decoded text (``None`` when the bytes
    could not even be turned into text); ``expected`` says what the decoder was looking for.
    """

    def __init__(
        self,
        expected: str,
        *,
        operation: str,
        fmt: int | None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.expected = expected
        self.operation = operation
        self.fmt = fmt
        self.line = line
        self.column = column
        where = "" if line is None else f" (at line {line}" + ("" if column is None else f", column {column}") + ")"
        fmt_text = "fmt=auto" if fmt is None else f"fmt={fmt}"
        super().__init__(f"{operation} {fmt_text}: expected {expected}{where}")


class EncodeError(SmscFormatsError, ValueError):
    """A value that the chosen format cannot carry without changing its meaning."""

    def __init__(self, problem: str, *, operation: str, fmt: int, field: str | None = None) -> None:
        self.problem = problem
        self.operation = operation
        self.fmt = fmt
        self.field = field
        where = f" field {field!r}:" if field else ""
        super().__init__(f"{operation} fmt={fmt}:{where} {problem}")


class ApiError(SmscFormatsError):
    """The server answered with an error reply.

    ``code`` is the API's error number, ``description`` the server's own text (``None`` in
    fmt=1, which carries none), ``message_id`` the message id some send errors carry.
    """

    code: ClassVar[int | None] = None
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        code: int,
        description: str | None,
        *,
        operation: str,
        message_id: int | None = None,
    ) -> None:
        self.error_code = code
        self.description = description
        self.operation = operation
        self.message_id = message_id
        meaning = type(self).__doc__ or ""
        text = f" ({description})" if description else ""
        super().__init__(f"{operation}: error {code}{text}: {meaning.splitlines()[0]}")


class InvalidParameters(ApiError):
    """The request's parameters are wrong."""

    code = 1


class AuthorisationFailed(ApiError):
    """Wrong login, password or API key, or the client's IP is not on the allowed list."""

    code = 2


class OperatorNotFound(ApiError):
    """No operator is known for this number."""

    code = 3


class IpTemporarilyBlocked(ApiError):
    """The client's IP address is temporarily blocked."""

    code = 4


class TooManyRequests(ApiError):
    """Too many identical or too frequent requests, or too many concurrent connections."""

    code = 9
    retryable = True
