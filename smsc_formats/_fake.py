"""The fake SMSC's account and answers, without sockets: form fields in, status and body out.

The account has a balance that each send lowers by its cost, messages whose status advances
(transferred to the operator, then delivered) each time it is asked for, and an operator table.
Replies are written by the library's own encoders, through the registered operation that
matches the script and flags.
Faults are queued and spent one request at a time.
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

from ._codec import encode, from_api
from ._fmt import Fmt
from ._grammar import INTEGER_DIGITS, bounded_int, is_reserved
from ._reply import ErrorReply
from .formats import RawError, capabilities, codec, server_default
from .operations import OPERATIONS, Operation

ApiData = dict[str, Any] | list[dict[str, Any]]
"""A reply as fmt=3 keys and values."""
Refusal = int | tuple[int, int]
"""An error code, or a code and the message id that send.php adds to errors 3, 6, 7 and 8."""

DESCRIPTIONS = {
    1: "parameters error",
    2: "authorise error",
    3: "no money",
    4: "IP address is temporarily blocked",
    6: "message is denied",
    7: "invalid number",
    8: "can't to deliver",
    9: "duplicate request, wait a minute",
}
"""Error texts as the live server writes them (where seen; the others are plausible)."""
SCRIPT_DESCRIPTIONS = {("info.php", 3): "operator not found"}
"""Where a code means something else on one script."""

OPERATORS = {
    "7": {"country": "Россия", "operator": "МТС", "region": "Москва", "mcc": "250", "mnc": "01", "tz": "3"},
    "380": {"country": "Украина", "operator": "Киевстар", "region": "Киев", "mcc": "255", "mnc": "03", "tz": "2"},
}
"""Operator answers by the phone number's leading digits."""

STATUS_STEPS = (0, 1)
"""A message's status as successive status requests see it: transferred, then delivered."""

_MOSCOW = timezone(timedelta(hours=3))
_SECRETS = ("psw", "apikey")
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


@dataclass(slots=True)
class Message:
    phone: str
    sent: datetime
    checks: int = 0


class FakeAccount:
    """One login's state. Every method is safe to call from the server's threads."""

    def __init__(self, *, login: str, password: str, apikey: str, balance: Decimal, price: Decimal) -> None:
        self.login, self.password, self.apikey = login, password, apikey
        self.balance = balance
        self.price = price
        """Cost of one SMS part."""
        self.messages: dict[tuple[int, str], Message] = {}
        self.faults: deque[list[Any]] = deque()
        self.seen: list[dict[str, str]] = []
        """Every request's fields, credentials masked, in arrival order."""
        self._next_id = 1
        self._lock = threading.Lock()

    def queue(self, kind: str, value: object, times: int) -> None:
        with self._lock:
            self.faults.append([kind, value, times])

    def answer(self, script: str, form: str) -> Answer:
        """The answer to ``/sys/<script>`` with the url-encoded ``form`` (query and body joined)."""
        charset = dict(parse_qsl(form, encoding="latin-1")).get("charset", "windows-1251")
        fields = dict(parse_qsl(form, encoding=charset, errors="replace"))
        fmt = _FMTS.get(fields.get("fmt", ""), server_default().fmt)
        with self._lock:
            self.seen.append({key: "***" if key in _SECRETS else value for key, value in fields.items()})
            kind, value = self._take_fault()
            if kind in _SHORT_CUTS:
                return _SHORT_CUTS[kind](value, charset)
            if kind in ("error", "error_line"):
                data: ApiData | Refusal = value
                fmt = server_default().fmt if kind == "error_line" else fmt
            elif not self._authorised(fields):
                data = 2
            else:
                data = _HANDLERS.get(script, _unknown)(self, fields)
        delay = value if kind == "delay" else 0.0
        return Answer(body=_write(script, fields, data, fmt, charset), charset=charset, delay=delay)

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

    def _send(self, fields: Mapping[str, str]) -> ApiData | Refusal:
        phones = [phone for phone in fields.get("phones", "").replace(";", ",").split(",") if phone]
        text = fields.get("mes", "")
        if not phones or not text:
            return 1
        message_id = bounded_int(fields.get("id") or str(self._next_id), INTEGER_DIGITS)
        if message_id is None:
            return 1
        if any(not (phone.lstrip("+").isdigit() and 10 <= len(phone.lstrip("+")) <= 15) for phone in phones):
            return 7, message_id
        per_part = 160 if text.isascii() else 70
        cnt = len(phones) * (-(-len(text) // per_part))
        cost = self.price * cnt
        option = fields.get("cost", "0")
        if option == "1":
            return {"cost": str(cost), "cnt": cnt}
        if cost > self.balance:
            return 3, message_id
        self.balance -= cost
        self._next_id = max(self._next_id, message_id) + 1
        now = datetime.now(_MOSCOW).replace(tzinfo=None)
        for phone in phones:
            self.messages[message_id, phone.lstrip("+")] = Message(phone.lstrip("+"), now)
        reply: dict[str, Any] = {"id": message_id, "cnt": cnt}
        extras = {"2": ("cost",), "3": ("cost", "balance")}.get(option, ())
        reply.update((key, str({"cost": cost, "balance": self.balance}[key])) for key in extras)
        return reply

    def _status(self, fields: Mapping[str, str]) -> ApiData | Refusal:
        ids, phones = fields.get("id", "").split(","), fields.get("phone", "").split(",")
        numbers = [bounded_int(item, INTEGER_DIGITS) for item in ids]
        if len(ids) != len(phones) or any(number is None for item, number in zip(ids, numbers, strict=True) if item):
            return 1
        pairs = [
            (number, phone.lstrip("+")) for number, phone in zip(numbers, phones, strict=True) if number is not None
        ]
        records = [self._one_status(message_id, phone) for message_id, phone in pairs]
        if len(ids) == 1:
            return records[0]
        return [
            {**record, "id": message_id, "phone": phone}
            for record, (message_id, phone) in zip(records, pairs, strict=True)
        ]

    def _one_status(self, message_id: int, phone: str) -> dict[str, Any]:
        message = self.messages.get((message_id, phone))
        if message is None:
            return {"status": -3}
        status = STATUS_STEPS[min(message.checks, len(STATUS_STEPS) - 1)]
        message.checks += 1
        when = message.sent + timedelta(seconds=message.checks)
        stamp = int(when.replace(tzinfo=_MOSCOW).timestamp())
        # "err" is left out when it is 0, as the server does
        return {"status": status, "last_date": when.strftime("%d.%m.%Y %H:%M:%S"), "last_timestamp": stamp}

    def _balance(self, fields: Mapping[str, str]) -> ApiData | Refusal:
        return {"balance": f"{self.balance:.2f}"}

    def _info(self, fields: Mapping[str, str]) -> ApiData | Refusal:
        phones = fields.get("phone", "").split(",")
        if fields.get("get_operator") != "1" or not all(phones):
            return 1
        found = [
            next((info for prefix, info in OPERATORS.items() if phone.lstrip("+").startswith(prefix)), None)
            for phone in phones
        ]
        if None in found:
            return 3
        if len(phones) == 1:
            return dict(found[0] or {})
        return [{"phone": phone, **(info or {})} for phone, info in zip(phones, found, strict=True)]


_SHORT_CUTS: dict[str, Callable[[Any, str], Answer]] = {
    "drop": lambda _, charset: Answer(drop=True, charset=charset),
    "empty": lambda _, charset: Answer(body=b"", charset=charset),
    "http_status": lambda status, charset: Answer(status=status, body=b"<html>Bad Gateway</html>", charset=charset),
}
"""Faults that answer without looking at the request."""


def _unknown(account: FakeAccount, fields: Mapping[str, str]) -> ApiData | Refusal:
    return 1


_HANDLERS: dict[str, Callable[[FakeAccount, Mapping[str, str]], ApiData | Refusal]] = {
    "send.php": FakeAccount._send,
    "status.php": FakeAccount._status,
    "balance.php": FakeAccount._balance,
    "info.php": FakeAccount._info,
}


def _operation(script: str, fields: Mapping[str, str]) -> Operation[Any]:
    """The registered operation for this script whose flags the request carries, whatever their
    values (``move_group=2``), most flags first.

    A handler answers with data only to a request that one of its script's operations matches;
    one that did otherwise would be a bug in the fake, which the server answers with HTTP 500."""
    matches = [
        operation
        for operation in OPERATIONS.values()
        if operation.path == script and all(key in fields for key in operation.flags)
    ]
    return max(matches, key=lambda operation: len(operation.flags))


def _write(script: str, fields: Mapping[str, str], data: ApiData | Refusal, fmt: Fmt, charset: str) -> bytes:
    if isinstance(data, int | tuple):
        code, message_id = data if isinstance(data, tuple) else (data, None)
        return _write_error(script, code, message_id, fmt).encode(charset)
    operation = _operation(script, fields)
    params = {key: value for key, value in fields.items() if not is_reserved(key) and key not in operation.flags}
    bound = operation.with_unchecked(params)  # as the server reads them: unchecked
    reply = from_api(bound, _carried(bound, data, fmt))
    assert not isinstance(reply, ErrorReply)
    return encode(bound, reply, fmt=fmt, charset=charset, check=True)


def _write_error(script: str, code: int, message_id: int | None, fmt: Fmt) -> str:
    description = SCRIPT_DESCRIPTIONS.get((script, code)) or DESCRIPTIONS.get(code, "error")
    carried = description if capabilities(fmt).error_description else None
    return codec(fmt).encode_error(RawError(code, carried, message_id))


def _carried(operation: Operation[Any], data: ApiData, fmt: Fmt) -> ApiData:
    """The state's fields that ``fmt`` writes: fmt=1 has columns for only some of them."""
    if not capabilities(fmt).positional:
        return data
    columns = {column for layout in operation.reply_layout.csv_layouts for column in layout.columns}
    records = data if isinstance(data, list) else [data]
    kept = [{key: value for key, value in record.items() if key in columns} for record in records]
    return kept if isinstance(data, list) else kept[0]
