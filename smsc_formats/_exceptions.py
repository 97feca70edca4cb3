"""Everything this library raises, in one tree.

::

    SmscFormatsError                  catch-all for this library
    ├── DecodeError (ValueError)      the bytes do not follow the format or the operation's schema
    ├── EncodeError (ValueError)      a value the chosen format cannot carry
    ├── RequestError (ValueError)     a request refused before sending: a parameter unknown,
    │                                 reserved, missing, or of the wrong type or range
    └── ApiError                      a well-formed error reply, raised on request
        ├── InvalidParameters         code 1 on every script
        ├── AuthorisationFailed       code 2: wrong login/password/API key, or IP not allowed
        ├── OperatorNotFound          code 3 on info.php?get_operator
        ├── NotEnoughMoney            code 3 on send.php: the balance does not cover the message
        ├── TemplateNotFound          code 3 on templates.php: no template with that id (inferred)
        ├── IpTemporarilyBlocked      code 4 on every script
        ├── InvalidDateFormat         code 5 on send.php and jobs.php: a date parameter
        ├── CannotDeleteMessage       code 5 on status.php?del=1
        ├── MessageDenied             code 6 on send.php: refused for its text or sender name
        ├── InvalidPhoneNumber        code 7 on send.php
        ├── CannotDeliver             code 8 on send.php: not deliverable to that number
        └── TooManyRequests           code 9: repeated or too frequent requests (retryable)
    SmscFormatsError (continued)
    └── TransportError                the exchange failed: no connection, dropped, empty body
        ├── RequestNotSent            no byte of the request reached a server (safe to try again)
        ├── TransportTimeout          no answer within the call's deadline
        ├── HttpStatusError           an HTTP error status (or a redirect) with no SMSC reply
        ├── ReplyTooLarge             the reply passed the client's size cap while it was read
        └── OutcomeUnknown            a call that changes state failed after it may have arrived

Codes 3, 5, 6, 7, 8, 10 and 11 mean different things on the management scripts, each its own
``ApiError`` subclass (the script's operations map the code to it)::

    ApiError
    ├── RecordNotSaved                code 3 on jobs.php, 8 on users.php
    ├── NoRecordsFound                code 3 on phones.php, users.php (an empty list), get.php
    ├── OperationFailed               code 5 on phones.php and users.php
    ├── SubClientNotFound             code 6 on users.php
    ├── BalanceNotShared              code 7 on users.php
    ├── InsufficientFundsToCredit     code 10 on users.php
    ├── SenderNotFound                code 3 on senders.php
    ├── SenderNotSaved                code 5 on senders.php
    ├── InvalidNumberFormat           code 7 on senders.php
    ├── CodeNotDeliverable            code 8 on senders.php
    ├── CodeAlreadySent               code 10 on senders.php
    ├── InvalidConfirmationCode       code 11 on senders.php
    └── LinkNotFound                  code 3 on tinyurls.php

Error *replies* are values (:class:`smsc_formats.ErrorReply`); they become an :class:`ApiError`
only through ``ErrorReply.raise_for_error()``. An error code that the operation does not list
gives a plain :class:`ApiError` with ``code`` set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .operations import Operation


class SmscFormatsError(Exception):
    """Root of every exception this library raises."""


class DecodeError(SmscFormatsError, ValueError):
    """A reply that does not follow its format's grammar or its operation's schema.

    ``line`` and ``column`` are 1-based positions in the decoded text (``None`` when the bytes
    could not even be turned into text); ``expected`` says what the decoder was looking for.
    ``channel`` names a non-HTTP channel (``"smtp"``, ``"smpp"``, ``"soap"``), which has no ``fmt``.
    """

    def __init__(
        self,
        expected: str,
        *,
        operation: str,
        fmt: int | None,
        line: int | None = None,
        column: int | None = None,
        channel: str | None = None,
    ) -> None:
        self.expected = expected
        self.operation = operation
        self.fmt = fmt
        self.line = line
        self.column = column
        self.channel = channel
        where = "" if line is None else f" (at line {line}" + ("" if column is None else f", column {column}") + ")"
        super().__init__(f"{operation} {_carrier(fmt, channel)}: expected {expected}{where}")


class EncodeError(SmscFormatsError, ValueError):
    """A value that the chosen format (or ``channel``) cannot carry without changing its meaning."""

    def __init__(
        self, problem: str, *, operation: str, fmt: int | None, field: str | None = None, channel: str | None = None
    ) -> None:
        self.problem = problem
        self.operation = operation
        self.fmt = fmt
        self.field = field
        self.channel = channel
        where = f" field {field!r}:" if field else ""
        super().__init__(f"{operation} {_carrier(fmt, channel)}:{where} {problem}")


class RequestError(SmscFormatsError, ValueError):
    """A request the library refuses before a byte is sent: ``param`` of ``operation`` is not a
    parameter of the call, is set by the client, is missing, or holds a value ``expected`` does
    not describe. ``found`` is the value's repr, shortened (``None`` for a missing parameter or
    a reserved one, whose value may be a secret)."""

    def __init__(self, problem: str, *, operation: str, param: str, found: str | None = None) -> None:
        self.problem = problem
        self.operation = operation
        self.param = param
        self.found = found
        super().__init__(f"{operation}: {param!r}: {problem}" + ("" if found is None else f", found {found}"))


class StatusNotFinal(SmscFormatsError, TimeoutError):
    """``wait_for_status`` ran out of time: message ``id`` to ``phone`` last had ``status``, which
    is not final (waiting, transferred or stopped)."""

    def __init__(self, *, id: int, phone: str, status: int, waited: float) -> None:
        self.id = id
        self.phone = phone
        self.status = status
        self.waited = waited
        super().__init__(f"message {id} to {phone}: status {status} is not final after {waited:g} s")


def _carrier(fmt: int | None, channel: str | None) -> str:
    """How a message names what carried the data: ``fmt=N``, ``fmt=auto``, or another channel."""
    if channel is not None:
        return f"({channel})"
    return "fmt=auto" if fmt is None else f"fmt={fmt}"


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
        note: str | None = None,
    ) -> None:
        self.error_code = code
        self.description = description
        self.operation = operation
        self.message_id = message_id
        meaning = type(self).__doc__ or ""
        text = f" ({description})" if description else ""
        tail = f" {note}" if note else ""
        super().__init__(f"{operation}: error {code}{text}: {meaning.splitlines()[0]}{tail}")


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


class TransportError(SmscFormatsError):
    """The exchange with the server failed, so there is no reply to decode.

    Raised by the transports (each translates its HTTP library's exceptions in one place) and
    by ``parse_response`` for an empty body. The message never carries a credential.
    """


class RequestNotSent(TransportError):
    """The request provably never reached a server: the name did not resolve, the connection was
    refused or timed out, or the TLS handshake failed before a byte of the request was written.

    The one failure after which a call that changes state may go to another host.
    """


class TransportTimeout(TransportError):
    """No answer within the call's deadline (named so as not to shadow the builtin ``TimeoutError``)."""


class HttpStatusError(TransportError):
    """An HTTP error status whose body is no SMSC reply (SMSC itself answers errors with 200).

    A 5xx is worth trying on another host; a 4xx is not; a redirect is never followed, and
    ``location`` names where it pointed. ``body`` has every credential of the request masked.
    """

    def __init__(self, message: str, *, status_code: int, body: bytes, location: str | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.location = location


class ReplyTooLarge(TransportError):
    """The reply (or what its compressed body inflates to) passed ``limit`` bytes while it was read."""

    def __init__(self, message: str, *, limit: int) -> None:
        super().__init__(message)
        self.limit = limit


class OutcomeUnknown(TransportError):
    """A call that changes state (a send, a payment, a new record) failed after its request may
    have reached ``host``: it may or may not have taken effect, so it was not repeated.

    ``message_id`` is the id the request carried (the client gives every send one), so
    ``status.php`` with that id and a phone settles what happened; ``operation`` is the request
    exactly as sent (calling it again within a minute is refused by the server as a duplicate,
    error 9); ``__cause__`` is the failure itself.
    """

    def __init__(self, message: str, *, sent: Operation[Any], host: str, message_id: int | None) -> None:
        super().__init__(message)
        self.operation = sent.name
        self.sent = sent
        self.host = host
        self.message_id = message_id


# Management scripts (jobs.php, phones.php, users.php, senders.php, tinyurls.php): the meanings
# of their own codes, from each script's "Server response and error codes" page.


class RecordNotSaved(ApiError):
    """The server could not save the record (jobs.php code 3, users.php code 8)."""


class InvalidDateFormat(ApiError):
    """A date parameter is not in a format the API reads (send.php ``time``, jobs.php code 5)."""

    code = 5


class NoRecordsFound(ApiError):
    """No records match the request (code 3 on phones.php and users.php)."""

    code = 3


class OperationFailed(ApiError):
    """The server could not carry out the operation (code 5 on phones.php and users.php)."""

    code = 5


class SubClientNotFound(ApiError):
    """No sub-client has the given login (users.php code 6)."""

    code = 6


class BalanceNotShared(ApiError):
    """The sub-login shares the main balance, or ``balance2=1`` is missing for an electronic-balance
    operation (users.php code 7)."""

    code = 7


class InsufficientFundsToCredit(ApiError):
    """Not enough money to credit the sub-client (users.php code 10)."""

    code = 10


class SenderNotFound(ApiError):
    """No such sender name (senders.php code 3)."""

    code = 3


class SenderNotSaved(ApiError):
    """The sender name could not be saved or deleted (senders.php code 5)."""

    code = 5


class InvalidNumberFormat(ApiError):
    """The phone number is not in a valid format (senders.php code 7)."""

    code = 7


class CodeNotDeliverable(ApiError):
    """The confirmation code cannot be delivered to the number (senders.php code 8)."""

    code = 8


class CodeAlreadySent(ApiError):
    """The confirmation code was already sent to the number; retry after 8 hours (senders.php code 10)."""

    code = 10


class InvalidConfirmationCode(ApiError):
    """The confirmation code is wrong (senders.php code 11)."""

    code = 11


class LinkNotFound(ApiError):
    """No such short link (tinyurls.php code 3)."""

    code = 3


# send.php, status.php and templates.php: the meanings of their own codes.


class NotEnoughMoney(ApiError):
    """The account's balance does not cover the message (send.php)."""

    code = 3


class TemplateNotFound(ApiError):
    """No template has that id (templates.php; the meaning is inferred from a client library)."""

    code = 3


class CannotDeleteMessage(ApiError):
    """The message could not be deleted (status.php?del=1)."""

    code = 5


class MessageDenied(ApiError):
    """The message is refused for its text or its sender name (send.php)."""

    code = 6


class InvalidPhoneNumber(ApiError):
    """A phone number is not in a format the API reads (send.php)."""

    code = 7


class CannotDeliver(ApiError):
    """The message cannot be delivered to that number (send.php)."""

    code = 8
