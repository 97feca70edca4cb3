"""One fake login: its state, its queued faults, and the way from a request to an answer.

A request's fields (query and body joined) are read in its ``charset``; the operation it names
is the registered one whose script and flags match. Then, in order:

1. a queued fault, if any, is spent and answers (see ``FakeSmsc``);
2. an unknown script, an operation the fake has no handler for, or a field the handler does not
   take (a field set to ``""`` or ``0`` counts as absent) is answered with HTTP 501 and the text
   ``not implemented by FakeSmsc: <script> <field names>``; credentials are never named;
3. wrong credentials get error 2; with ``rate_limits`` a request past the documented per-minute
   limits gets error 9 (``_limits``);
4. the family's handler answers, and ``_wire`` writes it.

Every method is safe to call from the server's threads.
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

from .._fmt import Fmt
from .._grammar import is_reserved, is_secret
from ..formats import server_default
from ..operations import OPERATIONS, Operation, Upload
from ..operations.callback_events import CallbackEvent
from . import contacts, files, history, management, sending, statuses
from ._limits import Limits
from ._state import Call, Clock, Contact, ErrorLine, Fields, Incoming, Message, NotHandled, Reply, Script, SubClient
from ._wire import LongListWriter, write_error

HANDLERS: dict[str, Script] = {
    **sending.HANDLERS,
    **statuses.HANDLERS,
    **contacts.HANDLERS,
    **management.HANDLERS,
    **history.HANDLERS,
}
"""Every operation the fake answers, by name."""

_CREDENTIALS = frozenset({"login", "psw", "apikey"})
_SECRETS = frozenset(param.name for operation in OPERATIONS.values() for param in operation.request if param.secret)
"""Options that are credentials of their own (a sub-client's ``password``): masked like ``psw``."""
_FMTS = {str(int(fmt)): fmt for fmt in Fmt}
"""``fmt`` as a request writes it; anything else gets the server's own format."""


@dataclass(slots=True)
class Answer:
    """What the HTTP layer is to do: wait, then send ``body`` with ``status``, or drop the connection."""

    status: int = 200
    body: bytes = b""
    charset: str = "utf-8"
    delay: float = 0.0
    drop: bool = False
    content_type: str | None = None
    """A file's type, sent for ``text/plain`` in the reply's charset."""
    disposition: str | None = None
    """A file's ``Content-Disposition``."""


class FakeAccount:
    """One login's state and faults."""

    def __init__(
        self,
        *,
        login: str,
        password: str,
        apikey: str,
        balance: Decimal,
        price: Decimal,
        delivery: float = 0.5,
        rate_limits: bool = False,
    ) -> None:
        self.login, self.password, self.apikey = login, password, apikey
        self.balance = balance
        self.price = price
        """Cost of one SMS part (and of one HLR request, ping or call)."""
        self.delivery = delivery
        """Seconds from sending to the final status."""
        self.clock = Clock()
        self.limits = Limits() if rate_limits else None
        self.faults: deque[list[Any]] = deque()
        self.uploads: list[tuple[str, str, Upload]] = []
        """The files received: the operation, the field name, the file."""
        self.seen: list[dict[str, str]] = []
        """Every request's fields, credentials masked, in arrival order."""
        self.messages: dict[tuple[int, str], Message] = {}
        self.failing: dict[str, tuple[int, int]] = {}
        """Numbers whose messages end in a failure: ``status`` and ``err``."""
        self.sends: dict[tuple[tuple[str, str], ...], float] = {}
        """Accepted sends' fields (but the id) and when: an identical send within a minute is error 9."""
        self.incoming: list[Incoming] = []
        self.calls: list[Call] = []
        """Calls to the number wait_call.php gives (``FakeSmsc.call``)."""
        self.contacts: dict[str, Contact] = {}
        self.groups: dict[int, str] = {}
        self.mail_contacts: dict[str, Contact] = {}
        """mails.php's e-mail contacts, by address."""
        self.mail_groups: dict[int, str] = {}
        self.megafon: dict[str, dict[str, str]] = {}
        """MegaFon accounts and what get_mega_accounts tells of each."""
        self.invoices: dict[int, dict[str, Any]] = {}
        self.downloads: dict[int, tuple[str, bytes]] = {}
        """downloads.php's pending exports, by id: the file's name and bytes."""
        """documents.php's invoices: the sub-client, the amount, the service."""
        self.blacklist: dict[str, tuple[int, int]] = {}
        """Blacklisted numbers: the entry's id and its ``type``."""
        self.templates: dict[int, dict[str, Any]] = {}
        self.op_templates: dict[int, dict[str, Any]] = {}
        self.jobs: dict[int, dict[str, Any]] = {}
        self.users: dict[str, SubClient] = {}
        self.senders: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, str] = {}
        """Confirmation codes sent to numeric sender names."""
        self.events: list[dict[str, str]] = []
        """ping.php's events, as reported."""
        self.ported: dict[str, tuple[str, date]] = {}
        """Ported numbers: their ``mccmnc`` and the day they were ported."""
        self.dedicated: dict[str, bool] = {"79010000001": False, "79010000002": False}
        """Numbers for receiving, and whether the account has bought each."""
        self._ids: dict[str, int] = {}
        self.lock = threading.Lock()
        self._writer = LongListWriter()

    def peek_id(self, kind: str) -> int:
        """The id the next record of ``kind`` gets (each kind counts on its own)."""
        return self._ids.get(kind, 0) + 1

    def use_id(self, kind: str, number: int) -> None:
        """Take ``number`` (a client's own message id, say): later ids of ``kind`` come after it."""
        self._ids[kind] = max(self._ids.get(kind, 0), number)

    def next_id(self, kind: str) -> int:
        number = self.peek_id(kind)
        self.use_id(kind, number)
        return number

    def queue(self, kind: str, value: object, times: int) -> None:
        with self.lock:
            self.faults.append([kind, value, times])

    def answer(self, script: str, form: str, files: tuple[tuple[str, Upload], ...] = ()) -> Answer:
        """The answer to ``/sys/<script>`` with the url-encoded ``form`` (query and body joined) and
        the ``files`` of a multipart body."""
        charset = dict(parse_qsl(form, encoding="latin-1")).get("charset", "windows-1251")
        fields = dict(parse_qsl(form, encoding=charset, errors="replace"))
        fmt = _FMTS.get(fields.get("fmt", ""), server_default().fmt)
        with self.lock:
            self.seen.append({key: _masked(key, value) for key, value in fields.items()})
            kind, value = self._take_fault()
            if kind in _SHORT_CUTS:
                return _SHORT_CUTS[kind](value, charset)
            operation = _operation(script, fields)
            try:
                if operation is None and kind not in ("error", "error_line"):
                    served = self._file(script, fields, fmt, charset, files)
                    if served is not None:
                        return served
                data = value if kind in ("error", "error_line") else self._reply(script, operation, fields, files)
                if kind == "error_line" or isinstance(data, ErrorLine):
                    fmt = server_default().fmt
                assert operation is not None or isinstance(data, int)  # only a fault answers an unknown script
                body = self._writer.write(operation or OPERATIONS["balance"], fields, data, fmt, charset)
            except NotHandled as missing:
                text = f"not implemented by FakeSmsc: {script} {', '.join(missing.options)}"
                return Answer(status=501, body=text.encode(), charset="utf-8")
        return Answer(body=body, charset=charset, delay=value if kind == "delay" else 0.0)

    def _reply(
        self, script: str, operation: Operation[Any] | None, fields: Fields, files: tuple[tuple[str, Upload], ...]
    ) -> Reply:
        handler = None if operation is None else HANDLERS.get(operation.name)
        if operation is None or handler is None:
            raise NotHandled(*_named(fields))
        refused = self._admitted(operation, handler.takes, fields, files)
        if refused is not None:
            return refused
        reply = handler.handle(self, fields)  # a 501 it raises keeps no file
        self.uploads += [(operation.name, name, upload) for name, upload in files]
        return reply

    def _admitted(
        self, operation: Operation[Any], takes: frozenset[str], fields: Fields, uploads: tuple[tuple[str, Upload], ...]
    ) -> int | None:
        """What every call passes before its handler: files it does not take (with these options) or a
        field it does not take are 501, wrong credentials error 2, a request past the per-minute limits
        error 9; ``None`` when it passes."""
        rule = operation.takes_files
        if uploads and (rule is None or not rule.allows(fields)):
            raise NotHandled(*(name for name, _ in uploads))
        flags = operation.flags
        unknown = [key for key in _named(fields) if fields[key] not in ("", "0") and key not in {*flags, *takes}]
        if unknown:
            raise NotHandled(*unknown)
        if not self._authorised(fields):
            return 2
        if self.limits is not None and not self.limits.allow(operation.name, fields, self.clock.now()):
            return 9
        return None

    def _file(
        self, script: str, fields: Fields, fmt: Fmt, charset: str, uploads: tuple[tuple[str, Upload], ...]
    ) -> Answer | None:
        """The answer to a call answered with a file, if the request names one (``files``)."""
        call = files.file_operation(script, fields)
        if call is None:
            return None
        served = files.HANDLERS[call.name]
        refused = self._admitted(call.operation, served.takes, fields, uploads)
        body = served.handle(self, fields) if refused is None else refused
        if isinstance(body, int):
            return Answer(body=write_error(script, body, None, fmt).encode(charset), charset=charset)
        return Answer(body=body.data, content_type=body.content_type, disposition=body.disposition)

    def _take_fault(self) -> tuple[str, Any]:
        if not self.faults:
            return "", None
        fault = self.faults[0]
        fault[2] -= 1
        if fault[2] <= 0:
            self.faults.popleft()
        return fault[0], fault[1]

    def _authorised(self, fields: Mapping[str, str]) -> bool:
        if "apikey" in fields:
            return fields["apikey"] == self.apikey
        hashed = hashlib.md5(self.password.encode()).hexdigest()  # noqa: S324 - the API's own scheme
        return fields.get("login") == self.login and fields.get("psw") in (self.password, hashed)

    def settle(self) -> list[CallbackEvent]:
        """What the handler has not been told yet: statuses that became final (an HLR request's
        result), then incoming SMS and confirmation calls, each once."""
        with self.lock:
            return [*statuses.final_events(self), *history.new_posts(self)]

    def receive(self, phone: str, message: str, to_phone: str | None) -> int:
        with self.lock:
            return history.receive(self, phone, message, to_phone)

    def call(self, phone: str) -> int:
        with self.lock:
            return history.call(self, phone)


def _named(fields: Fields) -> list[str]:
    """The request's own fields: neither credentials nor what the client sets (``fmt``, ``charset``)."""
    return [key for key in fields if key not in _CREDENTIALS and not is_reserved(key)]


def _masked(key: str, value: str) -> str:
    return "***" if is_secret(key) or key in _SECRETS else value


_SHORT_CUTS: dict[str, Callable[[Any, str], Answer]] = {
    "drop": lambda _, charset: Answer(drop=True, charset=charset),
    "empty": lambda _, charset: Answer(body=b"", charset=charset),
    "http_status": lambda status, charset: Answer(status=status, body=b"<html>Bad Gateway</html>", charset=charset),
}
"""Faults that answer without looking at the request."""


def _operation(script: str, fields: Mapping[str, str]) -> Operation[Any] | None:
    """The registered operation for this script whose flags the request carries, whatever their
    values (``move_group=2``), most flags first; ``None`` for a script the API has no such call on."""
    matches = [
        operation
        for operation in OPERATIONS.values()
        if operation.path == script and all(key in fields for key in operation.flags)
    ]
    return max(matches, key=lambda operation: len(operation.flags), default=None)
