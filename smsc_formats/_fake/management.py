"""templates.php, op_templates.php, jobs.php, users.php and senders.php in the fake.

- templates.php: ``add`` (``name`` and ``msg`` required), ``chg`` and ``del`` by ``id`` (3 for
  an id it does not have: for ``chg`` the fmt=0 error line whatever fmt was asked, as smsc-java
  saw the live server answer), ``get`` (the default) lists them.
- op_templates.php: ``add`` (``sender`` and ``msg``, with the operator flags), ``get`` (those
  of ``sender``), ``del`` (those of ``sender`` and ``msg``); ``chg`` is not implemented.
- jobs.php: a mailing is stored, not sent: ``add`` (``phones`` and ``mes`` or a template's
  ``tpl``; ``cost=1`` adds what it costs; send.php's options and the repeats are kept as
  given), ``get`` and ``del``/``cancel`` by ``id`` (1 for an id it does not have), ``get_all``
  (those created from ``start`` to ``end``). E-mail mailings are the ones every command names
  with ``mail=1`` ("to work with e-mail mailings pass mail=1", management spec §2.1), so they
  are kept apart from SMS ones; their ``phones`` are addresses, and as on send.php a subject
  and a sender address are required (sending spec §2.8; 1 without them); one costs ``price``
  per address, and takes files as send.php's e-mail does.
- users.php: ``add`` (``user``, and a ``password`` of 8 characters or more, with three of
  lower case, upper case, digits and other characters; 8 for a login taken), ``chg`` (6 for a
  login it does not have), ``pay`` (``sum`` moves from the account's balance; 10 when it has
  less), ``get_stat``/``get_stat_all`` (what each sub-client was paid in the period, as
  ``debit``; error 3 when there is none). The electronic balance (``balance2=1``) is not.
- senders.php: ``add`` (5 for a name there), ``chg``/``del`` by ``sender`` or ``id`` (3), both
  keeping the owner's details and operator flags as given; ``get`` (``all=0``: the active names,
  in order, the last ``cnt`` of those before ``prev_id``); a numeric name is active once
  ``send_code`` (7 for a name that is no number, 10 when a code was sent to the number) and
  ``check_code`` (11 for a wrong code) confirm it, an alphanumeric one at once. Every command
  takes ``user``, the sub-client's login it applies to: each sub-client's names are kept apart
  from the account's. Left at HTTP 501, as nothing says what the server answers: ``user`` naming
  a login that is no sub-client of the account (senders.php has no code 6, "sub-client not
  found"); ``operators``, which adds each operator's status of a name to ``get``'s reply (the
  senders_answer page is cut before the reply's keys and the status codes); ``from_date``,
  which keeps the names whose status with an operator changed from that day (those statuses
  are ``operators``' own, and the date's form is inferred); ``all=1`` (the page is cut before
  its meaning).
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


JOB_OPTIONS = tuple(param.name for param in jobs.JOBS_ADD.request)
"""What ``add`` takes: every parameter the declaration names."""


@handles(HANDLERS, "jobs_add", *JOB_OPTIONS)
def jobs_add(account: FakeAccount, fields: Fields) -> Reply:
    template = account.templates.get(bounded_int(fields.get("tpl", ""), INTEGER_DIGITS) or 0)
    text = fields.get("mes") or (template or {}).get("message", "")
    phones = [phone for phone in fields.get("phones", "").replace(";", ",").split(",") if phone.strip()]
    mail = _by_mail(fields)
    if not phones or not text or fields.get("cost", "0") not in ("0", "1"):
        return 1
    if mail and not (fields.get("subj") and fields.get("sender")):
        return 1  # an e-mail's subject and sender address are required
    number = account.next_id("job")
    account.jobs[number] = {
        "name": fields.get("name", ""),
        "phones": phones,
        "message": text,
        "mail": mail,
        "state": "waiting",
        "day": local(account.clock.now()).date(),
        "options": {key: value for key, value in fields.items() if key in JOB_OPTIONS},
    }
    cost = account.price * len(phones) * (1 if mail else sms_parts(text, latin=False))
    return {"id": number, "cost": str(cost)} if fields.get("cost") == "1" else {"id": number}


def _by_mail(fields: Fields) -> bool:
    """Whether the request is about e-mail mailings (``mail=1``) rather than SMS ones."""
    return fields.get("mail") == "1"


def _jobs(account: FakeAccount, fields: Fields) -> dict[int, dict[str, Any]]:
    """The mailings of the kind the request names: e-mail ones with ``mail=1``, else SMS ones."""
    return {number: job for number, job in account.jobs.items() if job["mail"] == _by_mail(fields)}


def _job(job_id: int, job: dict[str, Any]) -> dict[str, Any]:
    return {"id": job_id, **({"name": job["name"]} if job["name"] else {})}


@handles(HANDLERS, "jobs_get", "id", "mail")
def jobs_get(account: FakeAccount, fields: Fields) -> Reply:
    number, kept = _id(fields), _jobs(account, fields)
    return 1 if number not in kept else _job(number, kept[number])


@handles(HANDLERS, "jobs_get_all", "start", "end", "mail")
def jobs_get_all(account: FakeAccount, fields: Fields) -> Reply:
    period = read_period(fields)
    if period is None:
        return 1
    kept = _jobs(account, fields)
    return [_job(number, job) for number, job in kept.items() if period[0] <= job["day"] <= period[1]]


@handles(HANDLERS, "jobs_del", "id", "mail")
def jobs_del(account: FakeAccount, fields: Fields) -> Reply:
    number = _id(fields) or 0
    if number not in _jobs(account, fields):
        return 1
    del account.jobs[number]
    return OK


@handles(HANDLERS, "jobs_cancel", "id", "mail")
def jobs_cancel(account: FakeAccount, fields: Fields) -> Reply:
    job = _jobs(account, fields).get(_id(fields) or 0)
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


def _names(account: FakeAccount, fields: Fields) -> dict[str, dict[str, Any]]:
    """The sender names the request is about: those of the sub-client ``user`` names, else the account's."""
    login = fields.get("user", "")
    if not login:
        return account.senders
    user = account.users.get(login)
    if user is None:
        raise NotHandled("user (a login that is no sub-client of the account)")
    return user.senders


def _sender(names: dict[str, dict[str, Any]], fields: Fields) -> str | None:
    """The name the request gives by ``sender`` or by ``id``, if it is one of ``names``."""
    number = _id(fields)
    name = fields.get("sender", "")
    return next(
        (key for key, item in names.items() if key == name or (number is not None and item["id"] == number)), None
    )


@handles(HANDLERS, "senders_get", "all", "prev_id", "cnt", "user")
def senders_get(account: FakeAccount, fields: Fields) -> Reply:
    if fields.get("all", "0") not in ("", "0"):
        raise NotHandled("all")
    before = bounded_int(fields.get("prev_id") or str(10**18), INTEGER_DIGITS)
    count = bounded_int(fields.get("cnt") or str(10**6), INTEGER_DIGITS)
    if before is None or count is None:
        return 1
    active = [(name, item) for name, item in _names(account, fields).items() if item["active"] and item["id"] < before]
    return [{"sender": name, "id": item["id"]} for name, item in active[max(len(active) - count, 0) :]]


SENDER_DETAILS = ("cmt", "doc_info", *(param.name for param in senders.DETAILS if param.name != "user"))
"""What ``add`` and ``chg`` keep of a name: its comment, its owner's details, the operators."""


def _details(fields: Fields) -> dict[str, str]:
    return {key: value for key, value in fields.items() if key in SENDER_DETAILS}


@handles(HANDLERS, "senders_add", "sender", "user", *SENDER_DETAILS)
def senders_add(account: FakeAccount, fields: Fields) -> Reply:
    name, names = fields.get("sender", ""), _names(account, fields)
    if not name:
        return 1
    if name in names:
        return 5
    names[name] = {"id": account.next_id("sender"), "active": not name.isdigit(), **_details(fields)}
    return OK


@handles(HANDLERS, "senders_chg", "sender", "id", "user", *SENDER_DETAILS)
def senders_chg(account: FakeAccount, fields: Fields) -> Reply:
    names = _names(account, fields)
    found = _sender(names, fields)
    if found is None:
        return 3
    names[found].update(_details(fields))
    return OK


@handles(HANDLERS, "senders_del", "sender", "id", "user")
def senders_del(account: FakeAccount, fields: Fields) -> Reply:
    names = _names(account, fields)
    found = _sender(names, fields)
    if found is None:
        return 3
    del names[found]
    return OK


@handles(HANDLERS, "senders_send_code", "sender", "site_name", "user")
def senders_send_code(account: FakeAccount, fields: Fields) -> Reply:
    name = fields.get("sender", "")
    found = _names(account, fields).get(name)
    if not name.isdigit():
        return 7
    if found is None:
        return 3
    if name in account.codes:
        return 10  # the code goes to the number: one a number, whoever asks
    account.codes[name] = f"{found['id'] * 7919 % 100000:05d}"
    return OK


@handles(HANDLERS, "senders_check_code", "sender", "code", "user")
def senders_check_code(account: FakeAccount, fields: Fields) -> Reply:
    name, names = fields.get("sender", ""), _names(account, fields)
    if name not in names:
        return 3
    if not fields.get("code") or account.codes.get(name) != fields["code"]:
        return 11
    names[name]["active"] = True
    return OK
