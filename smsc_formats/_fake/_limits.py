"""The documented per-minute limits, counted on the fake's clock (``FakeSmsc(rate_limits=True)``).

Each rule says how many requests the server takes within a minute, and which requests count
together: identical ones (every field but the credentials), ones about the same thing (a
status request's message, a sub-client), or any of the operation's. One request past the limit
is error 9 and is not counted. The rules, from the answer pages' descriptions of error 9:

- send.php with ``cost=1``: more than five identical requests (an identical *send* within a
  minute is refused whether or not limits are on: see ``sending``);
- status.php: more than five requests for the status of one message; more than one request
  for several messages;
- balance.php: more than ten requests;
- info.php (get_operator): more than three identical requests, or more than a hundred;
- phones.php: more than three identical requests;
- jobs.php: more than one identical request;
- users.php: more than three requests to add or change one sub-client;
- senders.php: more than three identical lists, more than five new names;
- get.php?get_price: more than three identical requests.

Every request passes this check, the calls answered with a file too; a script whose page states
no limit (downloads.php, documents.php, templates.php …) has no rule, so nothing counts its
requests.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from .._grammar import is_secret
from ._state import WINDOW, Fields

Key = Callable[[str, Fields], object]


def identical(name: str, fields: Fields) -> object:
    return name, tuple(sorted((key, value) for key, value in fields.items() if not is_secret(key) and key != "login"))


def any_request(name: str, fields: Fields) -> object:
    return name


def one_message(name: str, fields: Fields) -> object:
    several = "," in fields.get("id", "")
    return (name, "several") if several else (name, fields.get("id"), fields.get("phone"))


def one_user(name: str, fields: Fields) -> object:
    return "users", fields.get("user")


@dataclass(frozen=True, slots=True)
class Rule:
    limit: int
    key: Key
    applies: Callable[[Fields], bool] = lambda fields: True


PHONES_COMMANDS = (
    *("add", "add_group", "add_black", "chg", "chg_group", "move_group"),
    *("del", "del_group", "del_black", "get", "get_group"),
)
RULES: dict[str, tuple[Rule, ...]] = {
    "send": (Rule(5, identical, lambda fields: fields.get("cost") == "1"),),
    "status": (
        Rule(5, one_message, lambda fields: "," not in fields.get("id", "")),
        Rule(1, one_message, lambda fields: "," in fields.get("id", "")),
    ),
    "balance": (Rule(10, any_request),),
    "get_operator": (Rule(3, identical), Rule(100, any_request)),
    **{f"phones_{command}": (Rule(3, identical),) for command in PHONES_COMMANDS},
    **{f"jobs_{command}": (Rule(1, identical),) for command in ("add", "get", "get_all", "del", "cancel")},
    "users_add": (Rule(3, one_user),),
    "users_chg": (Rule(3, one_user),),
    "senders_get": (Rule(3, identical),),
    "senders_add": (Rule(5, any_request),),
    "get_price": (Rule(3, identical),),
}


class Limits:
    """The requests of the last minute, by what each rule counts them by."""

    def __init__(self) -> None:
        self._seen: dict[object, deque[float]] = {}

    def allow(self, name: str, fields: Fields, now: float) -> bool:
        """Whether the request is within every rule of its operation; if so, it is counted."""
        counted = []
        for index, rule in enumerate(RULES.get(name, ())):
            if not rule.applies(fields):
                continue
            times = self._seen.setdefault((index, rule.key(name, fields)), deque())
            while times and times[0] <= now - WINDOW:
                times.popleft()
            if len(times) >= rule.limit:
                return False
            counted.append(times)
        for times in counted:
            times.append(now)
        return True
