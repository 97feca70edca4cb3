"""jobs.php: mailings (a message sent to many numbers as one job).

Create, as the jobs_answer page writes it [DOC]::

    cost=0  fmt=0 OK, ID - <id>                fmt=1 <id>          fmt=2 <result><id>id</id></result>
    cost=1  fmt=0 OK, ID - <id>, COST - <cost> fmt=1 <id>,<cost>   fmt=2 <result><id/><cost/></result>
            fmt=3 {"id": <id>, "cost": "<cost>"}   (the cost=0 block is lost: {"id": <id>} inferred)

The page documents only ``cost`` 0 and 1 for jobs. Delete and cancel answer ``OK`` /
``<result>OK</result>``, and the bare ``OK`` under fmt=3 too. The replies to ``get`` and
``get_all`` are not in the archived pages: a job is read by field name with unknown keys kept
in ``extra``; only ``id`` and ``name`` are declared, and the fmt=1 order ``id,name`` and the
``<job>`` element are inferred. A value may hold ", " but not ", <key> = ", which would start an
undeclared key. One client takes each fmt=0 ``get_all`` line to start with the bare id; such a
line is refused (use fmt=3).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .._exceptions import ApiError, InvalidDateFormat, RecordNotSaved
from .._public import show_in
from ._common import BARE_DONE, COMMON_ERRORS, Created, Done, created_sentence, script_operation
from ._evidence import Evidence, captured, documented, inferred
from ._files import MESSAGE_FILES
from ._operation import Cardinality, Operation, Variant
from ._params import Param
from ._schema import Extra, Record
from ._values import DAY, FLAG, LINE, PHONES, SERVER_ID, TEXT, Integer, SenderName
from .send import SEND

JobCreated = Created
"""A new mailing's id: the record every creation answers with (the name stays for code that uses it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JobCreatedWithCost:
    """A new mailing's id and what it costs (``cost=1``)."""

    id: int
    cost: Decimal
    extra: Extra = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One mailing as ``get``/``get_all`` list it (fields beyond ``id``, ``name``: inferred, in ``extra``)."""

    id: int
    name: str | None = None
    extra: Extra = ()


JOBS_ERRORS: Mapping[int, type[ApiError]] = {**COMMON_ERRORS, 3: RecordNotSaved, 5: InvalidDateFormat}
""""for 1,2,3,4,5,9 errors" [DOC-EN jobs_answer]: 3 "Error saving a record", 5 "Invalid date format"."""

JOB = Record(Job, xml_tag="job")


MAIL = Param("mail", "Set to 1 to work with e-mail mailings instead of SMS ones.", type=FLAG)
ID = Param("id", "ID of the mailing.", required=True, type=SERVER_ID)

JOBS_ERROR_EVIDENCE: tuple[Evidence, ...] = (
    documented(
        "Error replies in four formats; codes 1, 2, 3, 4, 5, 9",
        "the jobs_answer page (its fmt labels are shifted by one; the shared error grammar puts them right)",
    ),
    documented("Error 9 for more than one identical request within a minute", "the jobs_answer page"),
    captured("An XML declaration glued to the root, or none", "XML replies of other scripts (gaps G5)"),
)
"""How every jobs.php call's error reply is known."""

JOBS_DONE_EVIDENCE: tuple[Evidence, ...] = (
    documented("`OK` in fmt=0/1, `<result>OK</result>` in fmt=2", "the jobs_answer page"),
    inferred(
        'fmt=3: the bare `OK` (not JSON), written so; `{"result": "OK"}` also read',
        "the page's fmt=3 block is lost. node-smsc's test of `cancel` against the live API (rmdm/node-smsc "
        "`test/calls/jobs.spec.js`, 5204246) read `result` `OK`, which its parser gives for the bare `OK` and the "
        "object alike; the next commit (1d5105b) moved the bare-`OK` case from phones.php and status.php, where "
        "the live API sent it, to every script. The bare form is the one seen on the server; a `result` key is "
        "expected only by a client of users.php (gaps G30)",
    ),
    inferred("An empty body read as success", "node-smsc's parser accepts one (management spec §1.7)"),
    *JOBS_ERROR_EVIDENCE,
)
"""The ``OK`` reply of ``del`` and ``cancel``."""

JOB_EVIDENCE: tuple[Evidence, ...] = (
    inferred(
        "The record's fields: `id` and `name`, any others kept by name in `extra`",
        "the jobs_answer page is cut at the heading of these replies (gaps G31)",
    ),
    inferred(
        "fmt=0: `key = value` pairs joined by `, `, read by key",
        "get.php's captured history lines (gaps R-T02) have this form",
    ),
    inferred("fmt=1 columns `id,name`", "nothing shows them; the order of the declared fields"),
    inferred("fmt=2: a `<job>` element", "nothing shows it"),
    inferred("fmt=3: an object per mailing, `id` a number", "the documented create reply's `id` is a number"),
    *JOBS_ERROR_EVIDENCE,
)
"""What ``get`` and ``get_all`` rest on: nothing documented."""


SDK = "[LIB: the itpanda SDK's doc comments, linked to the jobs page]"
"""Where the parameters the archived page is cut before are named."""
_RPT = "0 by hand (default), 1 hourly, 2 daily, 3 on working days, 4 at weekends, 5 weekly, 6 monthly, 7 yearly"
_OWN = frozenset({"phones", "mes", "cost", "mail", "list"})
"""send.php's parameters that jobs.php declares in its own words; "any send.php parameter
applies to each message of the mailing" [DOC jobs] brings the rest. ``list`` is left out: the
SDK sends it in place of the text, and whether it also stands for ``phones`` is not known."""

_jobs = functools.partial(script_operation, "jobs", errors=JOBS_ERRORS)
"""A command of jobs.php."""


JOBS_ADD: Operation[Created] = _jobs(
    "add",
    "create a mailing; cost=1 adds its cost",
    created_sentence(),
    takes_files=MESSAGE_FILES,
    variants=(
        Variant(
            when={"cost": ("1",)},
            record=Record(JobCreatedWithCost, xml_tag="result", text_template="OK, ID - {id}, COST - {cost}"),
        ),
    ),
    request=(
        Param("name", "Name of the mailing.", type=LINE),
        Param(
            "phones",
            "Numbers separated by commas or semicolons in international format (a leading `+` turns off "
            "auto-correction), `G<group id>` for a contact group, or e-mail addresses with `mail=1`.",
            required=True,
            type=PHONES,
        ),
        Param("mes", "Text of the message; `tpl` may stand instead.", required=True, type=TEXT, either=("tpl",)),
        Param(
            "tpl", "ID of a message template, sent instead of `mes`.", required=True, type=SERVER_ID, either=("mes",)
        ),
        Param("cost", "0 or 1: with 1 the reply also carries the mailing's cost.", type=Integer(0, 1)),
        MAIL,
        *(param for param in SEND.request if param.name not in _OWN),
        Param("rpt", f"How often the mailing repeats: {_RPT}. {SDK}", type=Integer(0, 7)),
        Param("rptn", f"The most times a scheduled repeating mailing is sent. {SDK}", type=Integer(0, 10**6)),
        Param("sender2", f"The sender name of the repeats. {SDK}", type=SenderName()),
        Param("mes2", f"A variant of the message to forward by SMS. {SDK}", type=TEXT),
    ),
    evidence=(
        documented(
            "`cost=0`: `OK, ID - <id>` (fmt=0), `<id>` (fmt=1), `<result>` holding `<id>` (fmt=2)",
            "the jobs_answer page",
        ),
        documented(
            "`cost=1`: `OK, ID - <id>, COST - <cost>`, `<id>,<cost>`, `<result>` holding `<id>` then `<cost>`",
            "the jobs_answer page",
        ),
        documented(
            'fmt=3 with `cost=1`: `{"id": <id>, "cost": "<cost>"}`, `id` a number, `cost` a string',
            "the jobs_answer page",
        ),
        inferred(
            'fmt=3 with `cost=0`: `{"id": <id>}`',
            "the page's block is lost; its `cost=1` block without `cost`, and node-smsc's test of `add` "
            "against the live API got an object with an `id`",
        ),
        documented(
            "`cost` 0 or 1 chooses the reply; no other value is documented for mailings", "the jobs_answer page"
        ),
        *JOBS_ERROR_EVIDENCE,
    ),
)
JOBS_GET: Operation[Job] = _jobs(
    "get",
    "one mailing (reply shape inferred)",
    JOB,
    request=(ID, MAIL),
    evidence=JOB_EVIDENCE,
    idempotent=True,
)
JOBS_GET_ALL: Operation[Job] = _jobs(
    "get_all",
    "every mailing (reply shape inferred)",
    JOB,
    cardinality=Cardinality.MANY,
    request=(
        MAIL,
        Param("start", f"The day from which mailings are listed, `dd.mm.yyyy`. {SDK}", type=DAY),
        Param("end", f"The day until which mailings are listed, `dd.mm.yyyy`. {SDK}", type=DAY),
    ),
    evidence=(
        *JOB_EVIDENCE,
        inferred(
            "Several mailings: one per line (fmt=0/1), `<job>` elements in `<list>` (fmt=2), an array (fmt=3)",
            "a public client splits the fmt=0 reply on newlines (spec §1.8); get_operator documents `<list>`; "
            "the other list calls answer arrays",
        ),
        inferred(
            "fmt=0 lines that start with a bare id, as one client reads them: refused, fmt=3 advised",
            "that client takes the first 7 characters of each line as the id; the rest of its layout is unknown",
        ),
    ),
    idempotent=True,
)
JOBS_DEL: Operation[Done] = _jobs("del", "delete a mailing", BARE_DONE, request=(ID, MAIL), evidence=JOBS_DONE_EVIDENCE)
JOBS_CANCEL: Operation[Done] = _jobs(
    "cancel",
    "disable a mailing waiting to be sent",
    BARE_DONE,
    request=(ID, MAIL),
    evidence=JOBS_DONE_EVIDENCE,
)

OPERATIONS = (JOBS_ADD, JOBS_GET, JOBS_GET_ALL, JOBS_DEL, JOBS_CANCEL)

show_in("smsc_formats", Job, JobCreatedWithCost)  # exported there, loaded on first use
