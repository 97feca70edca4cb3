"""phones.php in the fake: contacts, contact groups and the blacklist.

``add`` and ``chg`` keep a contact's names, birthday (``bd``, shown as ``birthday``) and its
other details (``myid``, ``cmt``, ``tags``, ``pho``: kept, not shown, their reply keys unknown);
``get`` finds by ``search`` (any case, in the number, the names and the details) and pages on
``after_id``. A contact is known by its ``phone`` (as given, without a leading ``+``): ``add`` refuses one
already there (5), and ``chg``, ``del`` and ``move_group`` one that is not (3, "no records
found"). Groups are known by id (``grp``; several ids separated by commas where the call
takes several). ``move_group=1`` moves the contact to the group, ``2`` adds it, ``3`` removes
it. ``get`` (all contacts, or those of the groups in ``grp``) and ``get_group`` (``type=0``:
phone groups; e-mail groups are not kept) answer error 3 for an empty list, as declared.
A number blacklisted with ``type`` 0 or 2 gets no single message: a message sent to it ends
prohibited (status 23, err 252).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._grammar import INTEGER_DIGITS, bounded_int
from ._state import Contact, Fields, NotHandled, Reply, Script, handles

if TYPE_CHECKING:
    from ._account import FakeAccount

HANDLERS: dict[str, Script] = {}

NAMES = {"fnm": "first_name", "lnm": "last_name", "mnm": "middle_name", "bd": "birthday"}
"""The request's names of what a contact's record shows, and the record's."""
KEPT = ("myid", "cmt", "tags", "pho")
"""What a contact keeps but its record does not show (its keys are not known)."""
CONTACT_FIELDS = ("name", "fio", *NAMES, *KEPT)


def _groups(text: str) -> list[int] | None:
    """The group ids of ``grp``; ``None`` if one is no id."""
    ids = [bounded_int(item.strip(), INTEGER_DIGITS) for item in text.split(",")] if text else []
    return None if None in ids else [number for number in ids if number is not None]


def _phone(fields: Fields) -> str:
    return fields.get("phone", "").strip().lstrip("+")


def _update(contact: Contact, fields: Fields) -> None:
    if "name" in fields or "fio" in fields:
        contact.name = fields.get("name") or fields.get("fio", "")
    contact.names.update((NAMES[key], fields[key]) for key in NAMES if key in fields)
    contact.kept.update((key, fields[key]) for key in KEPT if key in fields)


@handles(HANDLERS, "phones_add", "phone", "grp", *CONTACT_FIELDS)
def add(account: FakeAccount, fields: Fields) -> Reply:
    phone, groups = _phone(fields), _groups(fields.get("grp", ""))
    if not phone or groups is None:
        return 1
    if phone in account.contacts or any(group not in account.groups for group in groups):
        return 5
    contact = account.contacts[phone] = Contact(account.next_id("contact"), phone, groups=groups)
    _update(contact, fields)
    return {"id": contact.id}


def _matches(contact: Contact, search: str) -> bool:
    """Whether ``search`` stands in the contact's number, name or any detail (any case)."""
    texts = (contact.phone, contact.name, *contact.names.values(), *contact.kept.values())
    return any(search.casefold() in text.casefold() for text in texts)


@handles(HANDLERS, "phones_get", "grp", "search", "after_id")
def get(account: FakeAccount, fields: Fields) -> Reply:
    groups = _groups(fields.get("grp", ""))
    after = bounded_int(fields.get("after_id") or "0", INTEGER_DIGITS)
    if groups is None or after is None:
        return 1
    contacts = sorted(account.contacts.values(), key=lambda contact: contact.id)
    found = [
        contact
        for contact in contacts
        if (not groups or set(groups) & set(contact.groups))
        and contact.id > after
        and _matches(contact, fields.get("search", ""))
    ]
    return [
        {
            "phone": contact.phone,
            **({"name": contact.name} if contact.name else {}),
            **({"group": ",".join(map(str, contact.groups))} if contact.groups else {}),
            **contact.names,
            "id": contact.id,
        }
        for contact in found
    ]


@handles(HANDLERS, "phones_chg", "phone", "new_phone", *CONTACT_FIELDS)
def change(account: FakeAccount, fields: Fields) -> Reply:
    contact = account.contacts.get(_phone(fields))
    if contact is None:
        return 3
    new_phone = fields.get("new_phone", "").strip().lstrip("+")
    if new_phone and new_phone != contact.phone:
        if new_phone in account.contacts:
            return 5
        del account.contacts[contact.phone]
        contact.phone = new_phone
        account.contacts[new_phone] = contact
    _update(contact, fields)
    return {"result": "OK"}


@handles(HANDLERS, "phones_del", "phone")
def delete(account: FakeAccount, fields: Fields) -> Reply:
    return {"result": "OK"} if account.contacts.pop(_phone(fields), None) else 3


@handles(HANDLERS, "phones_add_group", "name", "num")
def add_group(account: FakeAccount, fields: Fields) -> Reply:
    if not fields.get("name"):
        return 1
    number = account.next_id("group")
    account.groups[number] = fields["name"]
    return {"id": number}


@handles(HANDLERS, "phones_get_group", "type")
def get_group(account: FakeAccount, fields: Fields) -> Reply:
    if fields.get("type", "0") not in ("", "0"):
        raise NotHandled("type (e-mail groups)")
    return [{"id": number, "name": name} for number, name in account.groups.items()]


def _one_group(account: FakeAccount, fields: Fields) -> tuple[int, int]:
    """The group ``grp`` names and 0, or 0 and the error code for it."""
    groups = _groups(fields.get("grp", ""))
    if not groups or len(groups) != 1:
        return 0, 1
    return (groups[0], 0) if groups[0] in account.groups else (0, 3)


@handles(HANDLERS, "phones_chg_group", "grp", "name")
def change_group(account: FakeAccount, fields: Fields) -> Reply:
    group, error = _one_group(account, fields)
    if error or not fields.get("name"):
        return error or 1
    account.groups[group] = fields["name"]
    return {"result": "OK"}


@handles(HANDLERS, "phones_del_group", "grp")
def delete_group(account: FakeAccount, fields: Fields) -> Reply:
    group, error = _one_group(account, fields)
    if error:
        return error
    del account.groups[group]
    for contact in account.contacts.values():
        contact.groups = [number for number in contact.groups if number != group]
    return {"result": "OK"}


@handles(HANDLERS, "phones_move_group", "grp", "phone")
def move_group(account: FakeAccount, fields: Fields) -> Reply:
    group, error = _one_group(account, fields)
    contact = account.contacts.get(_phone(fields))
    how = fields.get("move_group", "1")
    if error or contact is None or how not in ("1", "2", "3"):
        return error or (3 if contact is None else 1)
    kept = [number for number in contact.groups if number != group]
    contact.groups = {"1": [group], "2": [*kept, group], "3": kept}[how]
    return {"result": "OK"}


@handles(HANDLERS, "phones_add_black", "phone", "type")
def add_black(account: FakeAccount, fields: Fields) -> Reply:
    phone, kind = _phone(fields), fields.get("type", "0") or "0"
    if not phone or kind not in ("0", "1", "2"):
        return 1
    if phone in account.blacklist:
        return 5
    number = account.next_id("black")
    account.blacklist[phone] = (number, int(kind))
    return {"id": number}


@handles(HANDLERS, "phones_del_black", "phone")
def delete_black(account: FakeAccount, fields: Fields) -> Reply:
    return {"result": "OK"} if account.blacklist.pop(_phone(fields), None) else 3
