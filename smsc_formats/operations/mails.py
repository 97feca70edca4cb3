"""mails.php: e-mail contacts and their groups, the e-mail twin of phones.php.

The contact page documents only the request: ``mail`` is "a list of e-mail addresses … used for
operations with e-mail addresses in the mails.php script. The request format is similar to the
format for phones.php", with ``new_mail`` for ``chg``, and its field dictionary says that for
e-mail addresses ``<phone>`` "is replaced with ``<mail>``" [DOC-EN contact_actions/parameters_list,
contact_answer]. So each command is phones.php's with ``mail`` in place of ``phone``, and its
reply is phones.php's: every part of it is inferred here, whatever phones.php's page documents
(each evidence row says what it rests on). The blacklist commands have no e-mail form on record
and are not declared.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from .._public import show_in
from ._common import CreatedId, Done, created
from ._evidence import Evidence, documented, inferred
from ._operation import Operation
from ._params import Param
from ._schema import Extra, Record
from .phones import (
    PHONES_ADD,
    PHONES_ADD_GROUP,
    PHONES_CHG,
    PHONES_CHG_GROUP,
    PHONES_DEL,
    PHONES_DEL_GROUP,
    PHONES_GET,
    PHONES_GET_GROUP,
    PHONES_MOVE_GROUP,
    ContactGroup,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class MailContact:
    """An e-mail contact (``get=1``): a :class:`~smsc_formats.Contact` with ``mail`` for ``phone``."""

    mail: str
    name: str | None = None
    group: str | None = None
    """The ids of the contact's groups, as sent."""
    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    birthday: str | None = None
    id: int | None = None
    extra: Extra = ()


RENAMED = {"phone": "mail", "new_phone": "new_mail"}
"""phones.php's parameters and their mails.php names [DOC-EN parameters_list]."""

REQUEST = documented(
    "The request: phones.php's commands with `mail` and `new_mail` for `phone` and `new_phone`",
    "the contact page's parameter list (`mail`: the request format is similar to phones.php's)",
)


def _param(param: Param) -> Param:
    if param.name not in RENAMED:
        return param
    meaning = param.meaning.replace("phone numbers", "e-mail addresses").replace("phone number", "e-mail address")
    return dataclasses.replace(param, name=RENAMED[param.name], meaning=meaning)


def _evidence(item: Evidence) -> Evidence:
    """phones.php's evidence for a part, as the inference it is for mails.php."""
    part = item.part.replace("`<phone>`", "`<mail>`").replace("`phone`", "`mail`")
    return inferred(part, f"as phones.php's ({item.source.value}: {item.where})")


def _described(description: str) -> str:
    for phones, mails in (
        ("phones.php", "mails.php"),
        ("a contact", "an e-mail contact"),
        ("contacts", "e-mail contacts"),
        ("the contact groups", "the e-mail contact groups"),
    ):
        description = description.replace(phones, mails)
    return description.replace("number", "address")


def _mails(operation: Operation[Any], record: Record[Any] | None = None) -> Operation[Any]:
    """phones.php's ``operation`` for e-mail addresses."""
    command = operation.name.removeprefix("phones_")
    return dataclasses.replace(
        operation,
        name=f"mails_{command}",
        description=_described(operation.description),
        path="mails.php",
        record=operation.record if record is None else record,
        request=tuple(_param(param) for param in operation.request),
        evidence=(REQUEST, *(_evidence(item) for item in operation.evidence)),
    )


MAILS_ADD: Operation[CreatedId] = _mails(PHONES_ADD, created("mail"))
MAILS_ADD_GROUP: Operation[CreatedId] = _mails(PHONES_ADD_GROUP)
MAILS_CHG: Operation[Done] = _mails(PHONES_CHG)
MAILS_CHG_GROUP: Operation[Done] = _mails(PHONES_CHG_GROUP)
MAILS_MOVE_GROUP: Operation[Done] = _mails(PHONES_MOVE_GROUP)
MAILS_DEL: Operation[Done] = _mails(PHONES_DEL)
MAILS_DEL_GROUP: Operation[Done] = _mails(PHONES_DEL_GROUP)
MAILS_GET: Operation[MailContact] = _mails(PHONES_GET, Record(MailContact, xml_tag="contact"))
MAILS_GET_GROUP: Operation[ContactGroup] = _mails(PHONES_GET_GROUP)

OPERATIONS = (
    MAILS_ADD,
    MAILS_ADD_GROUP,
    MAILS_CHG,
    MAILS_CHG_GROUP,
    MAILS_MOVE_GROUP,
    MAILS_DEL,
    MAILS_DEL_GROUP,
    MAILS_GET,
    MAILS_GET_GROUP,
)

show_in("smsc_formats", MailContact)  # exported there, loaded on first use
