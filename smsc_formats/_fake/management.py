"""templates.php, op_templates.php, jobs.php, users.php and senders.php in the fake.

- templates.php: ``add`` (``name`` and ``msg`` required), ``chg`` and ``del`` by ``id`` (3 for
  an id it does not have: for ``chg`` the fmt=0 error line whatever fmt was asked, as smsc-java
  saw the live server answer), ``get`` (the default) lists them.
- op_templates.php: ``add`` (``sender`` and ``msg``, with the operator flags), ``get`` (those
  of ``sender``), ``del`` (those of ``sender`` and ``msg``); ``chg`` is not implemented.
- jobs.php: a mailing is stored, not sent: ``add`` (``phones`` and ``mes`` or a template's
  ``tpl``; ``cost=1`` adds what it costs; send.php's options and the repeats are kept as
  given), ``get`` and ``del``/``cancel`` by ``id`` (1 for an id it does not have), ``get_all``
  (those created from ``start`` to ``end``). E-mail mailings (``mail=1``) are not implemented.
- users.php: ``add`` (``user``, and a ``password`` of 8 characters or more, with three of
  lower case, upper case, digits and other characters; 8 for a login taken), ``chg`` (6 for a
  login it does not have), ``pay`` (``sum`` moves from the account's balance; 10 when it has
  less), ``get_stat``/``get_stat_all`` (what each sub-client was paid in the period, as
  ``debit``; error 3 when there is none). The electronic balance (``balance2=1``) is not.
- senders.php: ``add`` (5 for a name there), ``chg``/``del`` by ``sender`` or ``id`` (3), both
  keeping the owner's details and operator flags as given; ``get`` (``all=0``: the active names,
  in order, the last ``cnt`` of those before ``prev_id``); a sub-client's names (``user``), the
  operators' statuses and ``from_date`` are not implemented; a numeric name is active once ``send_code`` (7 for a
  name that is no number, 10 when a code was sent) and ``check_code`` (11 for a wrong code)
  confirm it, an alphanumeric one at once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._grammar import INTEGER_DIGITS, bounded_int
from ..operations import jobs, senders, users
from ..operations.templates import OPERATOR_FLAGS
from ._state import ErrorLine, Fields, NotHandled, Reply, Script, SubClient, handles, local, read_money, read_period
from .sending import sms_parts

if TYPE_CHECKING:
    from ._account import FakeAccount

HANDLERS: dict[str, Script] = {}
OK = {"result": "OK"}


def _action(fields: Fields) -> str:
    return next((action for action in ("add", "chg", "del") if fields.get(action) == "1"), "get")


def _id(fields: Fields) -> int | None:
    return bounded_int(fields.get("id", ""), INTEGER_DIGITS)


TEMPLATE_KEYS = {"name": "name", "msg": "message", "format": "format", "sender": "sender", "fl[1]": "flag"}


@handles(HANDLERS, "templates", "get", "add", "chg", "del", "id", *TEMPLATE_KEYS)
def templates(account: FakeAccount, fields: Fields) -> Reply:
    action, number = _action(fields), _id(fields)
    values: dict[str, Any] = {TEMPLATE_KEYS[key]: value for key, value in fields.items() if key in TEMPLATE_KEYS}
    if "flag" in values:
        values["flag"] = 1 if values["flag"] == "1" else 0
    if action == "get":
        return [{"id": key, **template} for key, template in account.templates.items()]
    if action == "add":
        if not fields.get("name") or not fields.get("msg"):
            return 1
        number = account.next_id("template")
        account.templates[number] = values
        return {"id": number}
    if number not in account.templates:
        return ErrorLine(3) if action == "chg" else 3
    if action == "del":
        del account.templates[number]
    else:
        account.templates[number].update(values)
    return OK


@handles(HANDLERS, "op_templates", "get", "add", "chg", "del", "sender", "msg", *(flag.name for flag in OPERATOR_FLAGS))
def op_templates(account: FakeAccount, fields: Fields) -> Reply:
    action, sender, text = _action(fields), fields.get("sender", ""), fields.get("msg", "")
    if action == "chg":
        raise NotHandled("chg")
    if action == "get":
        return [{"sender": item["sender"], "id": key, "message": item["message"]}
                for key, item in account.op_templates.items() if not sender or item["sender"] == sender]  # fmt: skip
    if not sender or not text:
        return 1
    if action == "add":
        number = account.next_id("op_template")
        account.op_templates[number] = {"sender": sender, "message": text}
        return {"id": number}
    gone = [key for key, item in account.op_templates.items() if (item["sender"], item["message"]) == (sender, text)]
    for key in gone:
        del account.op_templates[key]
    return OK if gone else 3


JOB_OPTIONS = tuple(param.name for param in jobs.JOBS_ADD.request if param.name != "mail")
"""What ``add`` takes: every parameter the declaration names but e-mail."""


@handles(HANDLERS, "jobs_add", *JOB_OPTIONS)
def jobs_add(account: FakeAccount, fields: Fields) -> Reply:
    template = account.templates.get(bounded_int(fields.get("tpl", ""), INTEGER_DIGITS) or 0)
    text = fields.get("mes") or (template or {}).get("message", "")
    phones = [phone for phone in fields.get("phones", "").replace(";", ",").split(",") if phone.strip()]
    if not phones or not text or fields.get("cost", "0") not in ("0", "1"):
        return 1
    number = account.next_id("job")
    account.jobs[number] = {
        "name": fields.get("name", ""),
        "phones": phones,
        "message": text,
        "state": "waiting",
        "day": local(account.clock.now()).date(),
        "options": {key: value for key, value in fields.items() if key in JOB_OPTIONS},
    }
    cost = account.price * len(phones) * sms_parts(text, latin=False)
    return {"id": number, "cost": str(cost)} if fields.get("cost") == "1" else {"id": number}


def _job(job_id: int, job: dict[str, Any]) -> dict[str, Any]:
    return {"id": job_id, **({"name": job["name"]} if job["name"] else {})}


@handles(HANDLERS, "jobs_get", "id")
def jobs_get(account: FakeAccount, fields: Fields) -> Reply:
    number = _id(fields)
    return 1 if number not in account.jobs else _job(number, account.jobs[number])


@handles(HANDLERS, "jobs_get_all", "start", "end")
def jobs_get_all(account: FakeAccount, fields: Fields) -> Reply:
    period = read_period(fields)
    if period is None:
        return 1
    return [_job(number, job) for number, job in account.jobs.items() if period[0] <= job["day"] <= period[1]]


@handles(HANDLERS, "jobs_del", "id")
def jobs_del(account: FakeAccount, fields: Fields) -> Reply:
    return OK if account.jobs.pop(_id(fields) or 0, None) else 1


@handles(HANDLERS, "jobs_cancel", "id")
def jobs_cancel(account: FakeAccount, fields: Fields) -> Reply:
    job = account.jobs.get(_id(fields) or 0)
    if job is None:
        return 1
    job["state"] = "cancelled"
    return OK


SETTINGS = tuple(param.name for param in users.SETTINGS)
"""What ``add`` and ``chg`` keep of a sub-client: every setting the declaration names."""


def _strong(password: str) -> bool:
    kinds = (str.islower, str.isupper, str.isdigit, lambda char: not char.isalnum())
    return len(password) >= 8 and sum(any(kind(char) for char in password) for kind in kinds) >= 3


@handles(HANDLERS, "users_add", "user", "password", "site_id", *SETTINGS)
def users_add(account: FakeAccount, fields: Fields) -> Reply:
    login = fields.get("user", "")
    if not login or not _strong(fields.get("password", "")):
        return 1
    if login in account.users:
        return 8
    settings = {key: value for key, value in fields.items() if key in SETTINGS}
    user = account.users[login] = SubClient(account.next_id("user"), login, settings)
    return {"id": user.id}


@handles(HANDLERS, "users_chg", "user", "pswc", "password", "new_login", *SETTINGS)
def users_chg(account: FakeAccount, fields: Fields) -> Reply:
    user = account.users.get(fields.get("user", ""))
    new_login = fields.get("new_login", "")
    if user is None:
        return 6
    if ("password" in fields and not _strong(fields["password"])) or new_login in account.users:
        return 1
    if new_login:
        del account.users[user.login]
        user.login = new_login
        account.users[new_login] = user
    user.settings.update((key, value) for key, value in fields.items() if key in SETTINGS)
    return OK


@handles(HANDLERS, "users_pay", "user", "sum")
def users_pay(account: FakeAccount, fields: Fields) -> Reply:
    user = account.users.get(fields.get("user", ""))
    amount = read_money(fields.get("sum", ""))
    if amount is None:
        return 1
    if user is None:
        return 6
    if amount > account.balance:
        return 10
    account.balance -= amount
    user.payments.append((account.clock.now(), amount))
    return OK


def _statistics(account: FakeAccount, fields: Fields, users: list[SubClient]) -> Reply:
    period = read_period(fields)
    if period is None:
        return 1
    records = []
    for user in users:
        paid = [amount for moment, amount in user.payments if period[0] <= local(moment).date() <= period[1]]
        if paid:
            debit = sum(paid, Decimal(0))
            records.append({"login": user.login, "cnt": 0, "credit": "0.00", "debit": f"{debit:.2f}"} | RUR)
    return records


RUR = {"currency": "RUR"}
PERIOD = ("start", "end", "reseller")


@handles(HANDLERS, "users_get_stat", *PERIOD, "user", "user_id", "mycur", "hide_deleted")
def users_get_stat(account: FakeAccount, fields: Fields) -> Reply:
    user_id = bounded_int(fields.get("user_id", ""), INTEGER_DIGITS)
    users = [
        user
        for user in account.users.values()
        if fields.get("user", user.login) == user.login and (user_id is None or user.id == user_id)
    ]
    return _statistics(account, fields, users)


@handles(HANDLERS, "users_get_stat_all", *PERIOD)
def users_get_stat_all(account: FakeAccount, fields: Fields) -> Reply:
    return _statistics(account, fields, list(account.users.values()))


def _sender(account: FakeAccount, fields: Fields) -> dict[str, Any] | None:
    number = _id(fields)
    name = fields.get("sender", "")
    return next(
        (item for key, item in account.senders.items() if key == name or (number is not None and item["id"] == number)),
        None,
    )


@handles(HANDLERS, "senders_get", "all", "prev_id", "cnt")
def senders_get(account: FakeAccount, fields: Fields) -> Reply:
    if fields.get("all", "0") not in ("", "0"):
        raise NotHandled("all")
    before = bounded_int(fields.get("prev_id") or str(10**18), INTEGER_DIGITS)
    count = bounded_int(fields.get("cnt") or str(10**6), INTEGER_DIGITS)
    if before is None or count is None:
        return 1
    active = [(name, item) for name, item in account.senders.items() if item["active"] and item["id"] < before]
    return [{"sender": name, "id": item["id"]} for name, item in active[max(len(active) - count, 0) :]]


SENDER_DETAILS = ("cmt", "doc_info", *(param.name for param in senders.DETAILS if param.name != "user"))
"""What ``add`` and ``chg`` keep of a name: its comment, its owner's details, the operators."""


def _details(fields: Fields) -> dict[str, str]:
    return {key: value for key, value in fields.items() if key in SENDER_DETAILS}


@handles(HANDLERS, "senders_add", "sender", *SENDER_DETAILS)
def senders_add(account: FakeAccount, fields: Fields) -> Reply:
    name = fields.get("sender", "")
    if not name:
        return 1
    if name in account.senders:
        return 5
    account.senders[name] = {"id": account.next_id("sender"), "active": not name.isdigit(), **_details(fields)}
    return OK


@handles(HANDLERS, "senders_chg", "sender", "id", *SENDER_DETAILS)
def senders_chg(account: FakeAccount, fields: Fields) -> Reply:
    found = _sender(account, fields)
    if found is None:
        return 3
    found.update(_details(fields))
    return OK


@handles(HANDLERS, "senders_del", "sender", "id")
def senders_del(account: FakeAccount, fields: Fields) -> Reply:
    found = _sender(account, fields)
    if found is None:
        return 3
    account.senders = {name: item for name, item in account.senders.items() if item is not found}
    return OK


@handles(HANDLERS, "senders_send_code", "sender", "site_name")
def senders_send_code(account: FakeAccount, fields: Fields) -> Reply:
    name = fields.get("sender", "")
    found = account.senders.get(name)
    if not name.isdigit():
        return 7
    if found is None:
        return 3
    if name in account.codes:
        return 10
    account.codes[name] = f"{found['id'] * 7919 % 100000:05d}"
    return OK


@handles(HANDLERS, "senders_check_code", "sender", "code")
def senders_check_code(account: FakeAccount, fields: Fields) -> Reply:
    name = fields.get("sender", "")
    if name not in account.senders:
        return 3
    if not fields.get("code") or account.codes.get(name) != fields["code"]:
        return 11
    account.senders[name]["active"] = True
    return OK
