"""phones.php in the fake: contacts, contact groups and the blacklist.

``add`` and ``chg`` keep a contact's names, birthday (``bd``, shown as ``birthday``) and its
other details (``myid``, ``cmt``, ``tags``, ``pho``: kept, not shown, their reply keys unknown);
``get`` finds by ``search`` (any case, in the number, the names and the details) and pages on
``after_id``. mails.php is the same for e-mail addresses (``mail``, ``new_mail``), its contacts
and groups kept apart. A contact is known by its ``phone`` (as given, without a leading ``+``): ``add`` refuses one
already there (5), and ``chg``, ``del`` and ``move_group`` one that is not (3, "no records
found"). Groups are known by id (``grp``; several ids separated by commas where the call
takes several). ``move_group=1`` moves the contact to the group, ``2`` adds it, ``3`` removes
it. ``get`` (all contacts, or those of the groups in ``grp``) and ``get_group`` (``type=0``:
phone groups; e-mail groups are not kept) answer error 3 for an empty list, as declared.
A number blacklisted with ``type`` 0 or 2 gets no single message: a message sent to it ends
prohibited (status 23, err 252).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Book:
    """One script's contacts and groups: phones.php's numbers (``key`` ``phone``) or mails.php's
    addresses (``mail``), each kept and counted apart."""

    key: str

    def contacts(self, account: FakeAccount) -> dict[str, Contact]:
        return account.contacts if self.key == "phone" else account.mail_contacts

    def groups(self, account: FakeAccount) -> dict[int, str]:
        return account.groups if self.key == "phone" else account.mail_groups

    def next_id(self, account: FakeAccount, kind: str) -> int:
        return account.next_id(kind if self.key == "phone" else f"{self.key}_{kind}")

    def address(self, fields: Fields, name: str = "") -> str:
        """The contact's number or address (``name``: its ``new_`` form), as given, without a leading ``+``."""
        return fields.get(f"{name}{self.key}", "").strip().lstrip("+")


def _update(contact: Contact, fields: Fields) -> None:
    if "name" in fields or "fio" in fields:
        contact.name = fields.get("name") or fields.get("fio", "")
    contact.names.update((NAMES[key], fields[key]) for key in NAMES if key in fields)
    contact.kept.update((key, fields[key]) for key in KEPT if key in fields)


def add(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    address, groups = book.address(fields), _groups(fields.get("grp", ""))
    contacts = book.contacts(account)
    if not address or groups is None:
        return 1
    if address in contacts or any(group not in book.groups(account) for group in groups):
        return 5
    contact = contacts[address] = Contact(book.next_id(account, "contact"), address, groups=groups)
    _update(contact, fields)
    return {"id": contact.id}


def _matches(contact: Contact, search: str) -> bool:
    """Whether ``search`` stands in the contact's number, name or any detail (any case)."""
    texts = (contact.phone, contact.name, *contact.names.values(), *contact.kept.values())
    return any(search.casefold() in text.casefold() for text in texts)


def get(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    groups = _groups(fields.get("grp", ""))
    after = bounded_int(fields.get("after_id") or "0", INTEGER_DIGITS)
    if groups is None or after is None:
        return 1
    contacts = sorted(book.contacts(account).values(), key=lambda contact: contact.id)
    found = [
        contact
        for contact in contacts
        if (not groups or set(groups) & set(contact.groups))
        and contact.id > after
        and _matches(contact, fields.get("search", ""))
    ]
    return [
        {
            book.key: contact.phone,
            **({"name": contact.name} if contact.name else {}),
            **({"group": ",".join(map(str, contact.groups))} if contact.groups else {}),
            **contact.names,
            "id": contact.id,
        }
        for contact in found
    ]


def change(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    contacts = book.contacts(account)
    contact = contacts.get(book.address(fields))
    if contact is None:
        return 3
    new = book.address(fields, "new_")
    if new and new != contact.phone:
        if new in contacts:
            return 5
        del contacts[contact.phone]
        contact.phone = new
        contacts[new] = contact
    _update(contact, fields)
    return {"result": "OK"}


def delete(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    return {"result": "OK"} if book.contacts(account).pop(book.address(fields), None) else 3


def add_group(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    if not fields.get("name"):
        return 1
    number = book.next_id(account, "group")
    book.groups(account)[number] = fields["name"]
    return {"id": number}


def get_group(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    if fields.get("type", "0") not in ("", "0"):
        raise NotHandled("type (e-mail groups)")
    return [{"id": number, "name": name} for number, name in book.groups(account).items()]


def _one_group(book: Book, account: FakeAccount, fields: Fields) -> tuple[int, int]:
    """The group ``grp`` names and 0, or 0 and the error code for it."""
    groups = _groups(fields.get("grp", ""))
    if not groups or len(groups) != 1:
        return 0, 1
    return (groups[0], 0) if groups[0] in book.groups(account) else (0, 3)


def change_group(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    group, error = _one_group(book, account, fields)
    if error or not fields.get("name"):
        return error or 1
    book.groups(account)[group] = fields["name"]
    return {"result": "OK"}


def delete_group(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    group, error = _one_group(book, account, fields)
    if error:
        return error
    del book.groups(account)[group]
    for contact in book.contacts(account).values():
        contact.groups = [number for number in contact.groups if number != group]
    return {"result": "OK"}


def move_group(book: Book, account: FakeAccount, fields: Fields) -> Reply:
    group, error = _one_group(book, account, fields)
    contact = book.contacts(account).get(book.address(fields))
    how = fields.get("move_group", "1")
    if error or contact is None or how not in ("1", "2", "3"):
        return error or (3 if contact is None else 1)
    kept = [number for number in contact.groups if number != group]
    contact.groups = {"1": [group], "2": [*kept, group], "3": kept}[how]
    return {"result": "OK"}


COMMANDS: dict[str, tuple[Callable[[Book, FakeAccount, Fields], Reply], tuple[str, ...]]] = {
    "add": (add, ("{key}", "grp", *CONTACT_FIELDS)),
    "get": (get, ("grp", "search", "after_id")),
    "chg": (change, ("{key}", "new_{key}", *CONTACT_FIELDS)),
    "del": (delete, ("{key}",)),
    "add_group": (add_group, ("name", "num")),
    "get_group": (get_group, ("type",)),
    "chg_group": (change_group, ("grp", "name")),
    "del_group": (delete_group, ("grp",)),
    "move_group": (move_group, ("grp", "{key}")),
}
"""The commands phones.php and mails.php share, and the fields each takes (``{key}``: ``phone`` or ``mail``)."""

for _script, _key in (("phones", "phone"), ("mails", "mail")):
    for _command, (_handler, _takes) in COMMANDS.items():
        HANDLERS[f"{_script}_{_command}"] = Script(
            functools.partial(_handler, Book(_key)), frozenset(name.format(key=_key) for name in _takes)
        )


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
