"""phones.php: contacts, contact groups and the blacklist.

Creating a contact, a group or a blacklist entry answers, as the contact_answer page writes it
[DOC]: ``ID = <id>`` (fmt=0), ``<id>`` (fmt=1), ``<phone><id>id</id></phone>`` (fmt=2, contact
and blacklist; the group's element is not shown, ``<group>`` is inferred), ``{"id": <id>}``
(fmt=3 [LIB]). Changes, moves and deletions answer ``OK`` (inferred from jobs.php; [LIB] the
bare ``OK`` under fmt=3).

The lists' shapes are cut from the page: a contact and a group are read by field name, with the
names of the page's field dictionary, unknown keys kept in ``extra``; the fmt=1 orders (the
dictionary's) and the ``<contact>`` element are inferred. An empty list comes as error 3
("No records found"), decoded to an empty :class:`~smsc_formats.NoRecords` list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._exceptions import ApiError, NoRecordsFound, OperationFailed
from ._common import COMMON_ERRORS
from ._schema import Extra, Operation, Record
from ._shapes import DONE, Created, Done, created


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A contact (``get=1``). ``phone`` may list several numbers; ``birthday`` is ``dd.mm.yyyy``."""

    phone: str
    name: str | None = None
    group: str | None = None
    """The ids of the contact's groups, as sent."""
    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    birthday: str | None = None
    id: int | None = None
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactGroup:
    """A contact group (``get_group=1``): [LIB] ``id`` (as add_group returns it) and ``name``."""

    id: int
    name: str | None = None
    extra: Extra = ()


PHONES_ERRORS: Mapping[int, type[ApiError]] = {**COMMON_ERRORS, 3: NoRecordsFound, 5: OperationFailed}
"""[DOC-EN contact_answer]: 3 "No records found", 5 "Operation execution error"."""

_NO_RECORDS = frozenset({3})


def _phones(command: str, description: str, record: Record[Any], **options: Any) -> Operation[Any]:
    return Operation(
        name=f"phones_{command}",
        description=f"phones.php?{command}=1: {description}",
        path="phones.php",
        flags={command: "1"},
        record=record,
        errors=PHONES_ERRORS,
        **options,
    )


PHONES_ADD: Operation[Created] = _phones("add", "create a contact", created("phone"))
PHONES_ADD_GROUP: Operation[Created] = _phones("add_group", "create a contact group", created("group"))
PHONES_ADD_BLACK: Operation[Created] = _phones("add_black", "add a number to the blacklist", created("phone"))
PHONES_CHG: Operation[Done] = _phones("chg", "change a contact's number or name", DONE)
PHONES_CHG_GROUP: Operation[Done] = _phones("chg_group", "rename a contact group", DONE)
PHONES_MOVE_GROUP: Operation[Done] = _phones(
    "move_group", "move a contact to a group (1), add it to one (2), remove it from one (3)", DONE
)
PHONES_DEL: Operation[Done] = _phones("del", "delete a contact", DONE)
PHONES_DEL_GROUP: Operation[Done] = _phones("del_group", "delete a contact group", DONE)
PHONES_DEL_BLACK: Operation[Done] = _phones("del_black", "remove a number from the blacklist", DONE)
PHONES_GET: Operation[Contact] = _phones(
    "get",
    "the contacts (reply shape inferred)",
    Record(Contact, xml_tag="contact"),
    lists=True,
    no_records_codes=_NO_RECORDS,
)
PHONES_GET_GROUP: Operation[ContactGroup] = _phones(
    "get_group",
    "the contact groups (reply shape inferred)",
    Record(ContactGroup, xml_tag="group"),
    lists=True,
    no_records_codes=_NO_RECORDS,
)

OPERATIONS = (
    PHONES_ADD,
    PHONES_ADD_GROUP,
    PHONES_ADD_BLACK,
    PHONES_CHG,
    PHONES_CHG_GROUP,
    PHONES_MOVE_GROUP,
    PHONES_DEL,
    PHONES_DEL_GROUP,
    PHONES_DEL_BLACK,
    PHONES_GET,
    PHONES_GET_GROUP,
)
