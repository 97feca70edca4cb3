"""phones.php: contacts, contact groups and the blacklist.

Creating a contact, a group or a blacklist entry answers the new record's id (``ID = <id>``,
``<id>``, ``<phone><id>id</id></phone>``, ``{"id": <id>}``; a group's element is written
``<group>``); changes, moves and deletions answer ``OK``. Each declaration's evidence says which
of these the contact_answer page shows and which are inferred.

The lists' shapes are cut from the page: a contact and a group are read by field name, with the
names of the page's field dictionary, unknown keys kept in ``extra``; fmt=1 columns follow the
dictionary's order. An empty list comes as error 3 ("No records found"), decoded to an empty
:class:`~smsc_formats.NoRecords` list.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from .._exceptions import ApiError, NoRecordsFound, OperationFailed
from .._public import show_in
from ._common import BARE_DONE, COMMON_ERRORS, CreatedId, Done, created, script_operation
from ._evidence import Evidence, captured, documented, inferred
from ._operation import Cardinality, Operation
from ._params import Param
from ._schema import Extra, Record
from ._values import DAY, LINE, SERVER_ID, Integer, Items


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


PHONE = Param("phone", "The contact's phone number.", required=True, type=LINE)
GROUP = Param("grp", "ID of the contact group.", required=True, type=Items(SERVER_ID, "a group id"))
SDK = "[LIB: the itpanda SDK's doc comments, linked to the contacts page]"
"""Where the parameters the archived page is cut before are named."""
CONTACT_NAMES = (
    Param("fnm", "The contact's first name.", type=LINE),
    Param("lnm", "The contact's surname.", type=LINE),
    Param("mnm", "The contact's middle name.", type=LINE),
    Param("fio", "The contact's full name.", type=LINE),
    Param("bd", f"The contact's date of birth, `dd.mm.yyyy` (the reply's `birthday` format). {SDK}", type=DAY),
    Param("myid", f"The contact's id of the client's own. {SDK}", type=LINE),
    Param("cmt", f"A comment on the contact. {SDK}", type=LINE),
    Param("tags", f"The contact's tags. {SDK}", type=LINE),
    Param("pho", f"The contact's other phone numbers. {SDK}", type=LINE),
)
"""A contact's details, which ``add`` and ``chg`` take."""

PHONES_ERROR_EVIDENCE: tuple[Evidence, ...] = (
    documented("Error replies in four formats; codes 1, 2, 3, 4, 5, 9", "the contact_answer page"),
    captured("An XML declaration glued to the root, or none", "XML replies of other scripts (gaps G5)"),
)
"""How every phones.php call's error reply is known."""

PHONES_CREATED_EVIDENCE: tuple[Evidence, ...] = (
    documented("`ID = <id>` (fmt=0), `<id>` (fmt=1)", "the contact_answer page"),
    inferred(
        'fmt=3: `{"id": <id>}`, `id` a number',
        "the page does not show it; node-smsc's tests of `add`, `add_group` and `add_black` against the live API "
        "got an object with an `id`",
    ),
    *PHONES_ERROR_EVIDENCE,
)
"""The new record's id that creating a contact, a group or a blacklist entry answers."""

PHONE_CREATED_XML = documented(
    "fmt=2: `<phone>` holding `<id>`", "the contact_answer page (cut after `<id>`; the closing tag inferred)"
)

PHONES_DONE_EVIDENCE: tuple[Evidence, ...] = (
    inferred(
        "`OK` in fmt=0/1, `<result>OK</result>` in fmt=2",
        "the contact_answer section on changes and deletions is lost; jobs.php documents this reply",
    ),
    captured(
        'fmt=3: the bare `OK` (not JSON), written so; `{"result": "OK"}` also read',
        "node-smsc's tests of `chg`, `chg_group`, `move_group`, `del`, `del_group` and `del_black` against the "
        "live API (rmdm/node-smsc `test/calls/phones.spec.js`, 2016): the commit that wrote them (be542c5) gave "
        "phones.php a parser of its own mapping the body `OK` to `{OK: true}`, which the JSON object cannot give, "
        "and asserted `response.OK === true`; the one client expecting a `result` key reads users.php (gaps G30)",
    ),
    inferred("An empty body read as success", "node-smsc's parser accepts one (management spec §1.7)"),
    *PHONES_ERROR_EVIDENCE,
)
"""The ``OK`` reply of changes, moves and deletions."""

PHONES_LIST_EVIDENCE: tuple[Evidence, ...] = (
    inferred(
        "fmt=0/1: one record per line; fmt=0 `key = value` pairs joined by `, `, read by key",
        "the page is cut before the list shapes (gaps G31); "
        "get.php's captured history lines (gaps R-T02) have this form",
    ),
    inferred(
        "fmt=2: the records wrapped in `<list>`", "no page shows it; get_operator documents `<list>` around records"
    ),
    inferred(
        "An empty list sent as error 3 (`No records found`), read as an empty `NoRecords` list",
        "code 3's documented text; node-smsc reads error 3 as an empty list for other list calls",
    ),
    *PHONES_ERROR_EVIDENCE,
)
"""What the contact and group lists share."""


_phones = functools.partial(script_operation, "phones", errors=PHONES_ERRORS)
"""A command of phones.php."""


PHONES_ADD: Operation[CreatedId] = _phones(
    "add",
    "create a contact",
    created("phone"),
    request=(
        Param("phone", "The contact's phone numbers, separated by any separator.", required=True, type=LINE),
        Param("name", "The contact's name.", type=LINE),
        Param(
            "grp",
            "ID of the contact's group; several IDs separated by commas link it to several groups.",
            type=Items(SERVER_ID, "a group id"),
        ),
        *CONTACT_NAMES,
    ),
    evidence=(*PHONES_CREATED_EVIDENCE, PHONE_CREATED_XML),
)
PHONES_ADD_GROUP: Operation[CreatedId] = _phones(
    "add_group",
    "create a contact group",
    created("group"),
    request=(
        Param("name", "The group's name.", required=True, type=LINE),
        Param("num", "The group's number for sending messages to it.", type=Integer(0, 10**9)),
    ),
    evidence=(
        *PHONES_CREATED_EVIDENCE,
        inferred(
            "fmt=2: `<group>` holding `<id>`",
            "the page shows the element for contacts and blacklist entries only; the group's is cut off",
        ),
    ),
)
PHONES_ADD_BLACK: Operation[CreatedId] = _phones(
    "add_black",
    "add a number to the blacklist",
    created("phone"),
    request=(
        Param("phone", "The phone number to blacklist.", required=True, type=LINE),
        Param("type", "What to block: 0 all messages, 1 mass mailings, 2 single messages.", type=Integer(0, 2)),
    ),
    evidence=(*PHONES_CREATED_EVIDENCE, PHONE_CREATED_XML),
)
PHONES_CHG: Operation[Done] = _phones(
    "chg",
    "change a contact's number or name",
    BARE_DONE,
    request=(
        PHONE,
        Param("new_phone", "The contact's new phone numbers.", type=LINE),
        Param("name", "The contact's new name.", type=LINE),
        *CONTACT_NAMES,
    ),
    evidence=PHONES_DONE_EVIDENCE,
)
PHONES_CHG_GROUP: Operation[Done] = _phones(
    "chg_group",
    "rename a contact group",
    BARE_DONE,
    request=(GROUP, Param("name", "The group's new name.", required=True, type=LINE)),
    evidence=PHONES_DONE_EVIDENCE,
)
PHONES_MOVE_GROUP: Operation[Done] = _phones(
    "move_group",
    "move a contact to a group (1), add it to one (2), remove it from one (3)",
    BARE_DONE,
    request=(
        GROUP,
        PHONE,
        Param(
            "move_group",
            "1 (the declaration's own value) moves the contact to the group, 2 adds the group to the "
            'contact\'s, 3 removes the contact from the group: `PHONES_MOVE_GROUP(move_group="2")`.',
            type=Integer(1, 3),
        ),
    ),
    evidence=PHONES_DONE_EVIDENCE,
)
PHONES_DEL: Operation[Done] = _phones(
    "del", "delete a contact", BARE_DONE, request=(PHONE,), evidence=PHONES_DONE_EVIDENCE
)
PHONES_DEL_GROUP: Operation[Done] = _phones(
    "del_group", "delete a contact group", BARE_DONE, request=(GROUP,), evidence=PHONES_DONE_EVIDENCE
)
PHONES_DEL_BLACK: Operation[Done] = _phones(
    "del_black",
    "remove a number from the blacklist",
    BARE_DONE,
    request=(Param("phone", "The blacklisted phone number.", type=LINE),),
    evidence=PHONES_DONE_EVIDENCE,
)
PHONES_GET: Operation[Contact] = _phones(
    "get",
    "the contacts (reply shape inferred)",
    Record(Contact, xml_tag="contact"),
    cardinality=Cardinality.MANY,
    no_records_codes=_NO_RECORDS,
    request=(
        Param(
            "grp",
            "ID of the group that the contacts belong to; several IDs separated by commas.",
            type=Items(SERVER_ID, "a group id"),
        ),
        Param("search", f"Only the contacts that match this text. {SDK}", type=LINE),
        Param(
            "after_id",
            f"Only the contacts after this one (its `id`, the SDK's `int_id`), to read the list in pages. {SDK}",
            type=SERVER_ID,
        ),
    ),
    evidence=(
        documented(
            "The field names `phone`, `name`, `group`, `first_name`, `last_name`, `middle_name`, `birthday`, `id`",
            "the contact_answer page's field dictionary (cut after `id`)",
        ),
        inferred("Fields after `id`, kept by name in `extra`", "the dictionary is cut after `id`"),
        inferred("fmt=1 columns in the dictionary's order", "the page is cut before the line shapes (gaps G31)"),
        inferred("fmt=2: a `<contact>` element per contact", "no page shows it"),
        inferred(
            "fmt=3: an array of objects, `phone` a string",
            "node-smsc's test of `get` against the live API got an array "
            "whose items hold a string `phone` and a `name`",
        ),
        *PHONES_LIST_EVIDENCE,
    ),
    idempotent=True,
)
PHONES_GET_GROUP: Operation[ContactGroup] = _phones(
    "get_group",
    "the contact groups (reply shape inferred)",
    Record(ContactGroup, xml_tag="group"),
    cardinality=Cardinality.MANY,
    no_records_codes=_NO_RECORDS,
    request=(Param("type", "The groups' kind: 0 phone groups, 1 e-mail groups.", type=Integer(0, 2)),),
    evidence=(
        inferred(
            "The fields `id` and `name`, others kept by name in `extra`; fmt=1 columns `id,name`",
            "no page lists a group's fields; "
            "node-smsc's test of `get_group` against the live API reads `id` and `name`",
        ),
        inferred("fmt=2: a `<group>` element per group", "no page shows it; the element inferred for `add_group`"),
        inferred(
            "fmt=3: an array of objects, `id` a number",
            "node-smsc's live test got an array; it compares `id` equal to the number `add_group` returned",
        ),
        *PHONES_LIST_EVIDENCE,
    ),
    idempotent=True,
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

show_in("smsc_formats", Contact, ContactGroup)  # exported there, loaded on first use
