"""users.php: sub-clients (create, change, credit, statistics).

The subclients_answer page is cut before its success shapes; what is known of them comes from
third-party clients (gaps G29, G30): ``add`` answers ``{"id": <id>}`` under fmt=3, ``pay`` an
object with ``result``, and ``get_stat`` for a sub-client without traffic error 3, which means an
empty list. So ``add`` is declared as phones.php's created-id reply (``ID = <id>``, ``<id>``,
``<result><id>id</id></result>``), ``chg``/``pay`` as ``OK``, and the statistics as get.php's;
each declaration's ``evidence`` says which parts are inferred.

Under fmt=3 ``chg`` and ``pay`` are written as the object ``{"result": "OK"}``, not as the bare
``OK`` phones.php sends: the one client that reads this script's acknowledgement under fmt=3
(igorbunov/smsc-php-sdk, ``pay``) needs the object, while node-smsc's test of ``chg`` passes for
the bare ``OK`` and the object alike, so it weighs for neither; the bare ``OK`` seen on phones.php
and status.php is another script's. The bare ``OK`` is read all the same.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from .._exceptions import (
    ApiError,
    BalanceNotShared,
    InsufficientFundsToCredit,
    NoRecordsFound,
    OperationFailed,
    RecordNotSaved,
    SubClientNotFound,
)
from ._common import COMMON_ERRORS, DONE, CreatedId, Done, created, script_operation
from ._evidence import documented, inferred
from ._operation import Cardinality, Operation
from ._params import Param
from ._values import DAY, FLAG, LINE, MONEY, PHONE_NUMBER, PHONES, SERVER_ID, TEXT, Integer, SenderName
from .data import STATISTICS, Statistics

USERS_ERRORS: Mapping[int, type[ApiError]] = {
    **COMMON_ERRORS,
    3: NoRecordsFound,
    5: OperationFailed,
    6: SubClientNotFound,
    7: BalanceNotShared,
    8: RecordNotSaved,
    10: InsufficientFundsToCredit,
}
"""[DOC-EN subclients_answer], codes 1-10; 9 also covers "more than three requests to add or change"."""


_users = functools.partial(script_operation, "users", errors=USERS_ERRORS)
"""A command of users.php."""


SDK = "[LIB: the itpanda SDK's doc comments, linked to the subclients page]"
"""Where the parameters no archived page shows are named."""
SUB_CLIENT = Param("user", "The sub-client's login.", required=True, type=LINE)
STRENGTH_RULE = "at least 8 characters, with 3 of letters, digits, mixed case and symbols"
BALANCE2 = Param(
    "balance2", "Flag that uses the electronic balance for deposits, debits and message statistics.", type=FLAG
)
SETTINGS = (
    Param("fio", "The sub-client's full name.", type=LINE),
    Param(
        "type",
        "Account type: 0 (default) own tariff and balance, 1 the main account's tariff with its own balance, "
        "2 the main account's tariff and balance, 3 the main account's balance with its own tariff, "
        "4 an additional login of the main account.",
        type=Integer(0, 9),
    ),
    Param("email", "The main e-mail address.", type=LINE),
    Param("email2", "An alternative e-mail address for forwarding incoming SMS.", type=LINE),
    Param("phone", "The main phone number.", type=PHONE_NUMBER),
    Param("phone2", "An alternative phone number for forwarding incoming SMS.", type=PHONE_NUMBER),
    Param("fl[8]", "Flag that forwards incoming SMS to the phone.", type=FLAG),
    Param("fl[9]", "Flag that forwards incoming SMS to e-mail.", type=FLAG),
    Param("fl[29]", "Flag that lets the sub-client use the main account's sender names.", type=FLAG),
    *(
        Param(name, f"{meaning} {SDK}", type=kind)
        for name, meaning, kind in (
            ("props", "The sub-client's company details.", TEXT),
            ("cntr", "The contract number.", LINE),
            ("tariff", "The current tariff plan.", LINE),
            ("mintrf", "The minimum tariff.", MONEY),
            ("curr", "The sub-client's currency: 1 RUB, 2 USD, 3 EUR, 4 UAH, 5 KZT.", Integer(1, 5)),
            ("tz", "The time zone: 0 GMT-12 to 24 GMT+12, 12 GMT+0.", Integer(0, 24)),
            ("sender", "The default sender name (Sender ID).", SenderName()),
            ("sender2", "The reserve sender name.", SenderName()),
            ("nb", "The balance below which notifications are sent.", MONEY),
            ("ktm", "Days sent messages are kept in the history before they are deleted.", Integer(0, 10**5)),
            ("fmts", "The phone codes messages may be sent to, comma-separated (`7,-77` excludes 77).", LINE),
            ("notes", "The main account's comments on the sub-client.", TEXT),
            ("ph", "Numbers or group numbers, comma-separated, for mailings by SMS command.", LINE),
            ("dlim", "The most messages sent in a day.", Integer(0, 10**9)),
            ("plim", "The most messages sent in a day to one number.", Integer(0, 10**9)),
            ("tlim", "The most messages with one text sent in a day to one number.", Integer(0, 10**9)),
            ("ilim", "The most messages sent in a day from one IP address.", Integer(0, 10**9)),
            ("tmlim", "The hours `h1-h2` in which messages may be sent.", LINE),
            ("vld", "The longest delivery time to a subscriber who is unavailable, in minutes.", Integer(0, 10**6)),
            ("url", "The URL of the sub-client's handler of delivery statuses and incoming SMS.", LINE),
            ("mph", "Numbers, comma-separated, incoming e-mails are sent to as SMS.", PHONES),
            ("mh1", "The hour from which incoming e-mails are sent as SMS.", Integer(0, 24)),
            ("mh2", "The hour until which incoming e-mails are sent as SMS.", Integer(0, 24)),
            ("mlen", "The length an incoming e-mail is cut to when sent as SMS.", Integer(1, 10**4)),
        )
    ),
)
"""The settings ``add`` and ``chg`` take: those of the subclients_actions page, then the rest of the
parameters a third-party SDK names, with their meanings from its doc comments."""
PERIOD = (
    Param("start", "The start date of the period, as `dd.mm.yyyy`.", type=DAY),
    Param(
        "end",
        "The end date of the period, as `dd.mm.yyyy`; without it, data from the start date is returned.",
        type=DAY,
    ),
    Param(
        "reseller",
        "Which sub-clients: 0 or missing those using the main account's balance, 1 those with an independent balance.",
        type=FLAG,
    ),
)

USERS_ERROR_EVIDENCE = documented(
    "Error replies in four formats; codes 1-10 (9 also: more than three add or change requests a minute)",
    "the subclients_answer page",
)
OK_EVIDENCE = (
    inferred(
        "`OK` in fmt=0/1 and `<result>OK</result>` in fmt=2",
        "the jobs_answer page documents this form for jobs.php; subclients_answer is cut before its success shapes",
    ),
    inferred(
        '`{"result": "OK"}` written in fmt=3, a bare `OK` read too',
        "the evidence for this script weighs for the object: igorbunov/smsc-php-sdk's `updateSubclientBalance` "
        "(users.php `pay`, fmt=3) decodes the body as JSON into an array and reads its `result`, which a bare `OK` "
        "(JSON null) would fail; node-smsc's test of `chg` (rmdm/node-smsc `test/calls/users.spec.js`, 1d5105b, "
        "committed skipped) asserts `result` `OK`, which its parser of the same commit gives for the bare `OK` "
        "and the object alike, so it weighs for neither; the bare `OK` captured on phones.php and status.php "
        "is another script's (gaps G30)",
    ),
    USERS_ERROR_EVIDENCE,
)
STATISTICS_EVIDENCE = (
    inferred(
        "The fields `login`, `cnt`, `credit`, `debit`, `currency`, their names and order",
        "get.php's statistics page lists them; subclients_answer is cut before its success shapes",
    ),
    inferred(
        "`credit` as the amount charged, `debit` as the amount credited",
        "the English get.php page swaps the two; the Russian original is taken",
    ),
    inferred(
        "One `key = value` line (fmt=0) or comma-separated line (fmt=1) per record",
        "the official PHP library splits multi-record status replies on newlines; "
        "no users.php line is shown (gaps G31)",
    ),
    inferred(
        "`<stat>` elements wrapped in `<list>` in fmt=2",
        "get_operator's documented `<list>`; the element name is a guess",
    ),
    inferred(
        "An array of objects in fmt=3, money values as strings",
        "a third-party client's live tests get arrays from get.php's statistics; "
        "money is a JSON string in other scripts' captured replies",
    ),
    inferred(
        "Error 3 read as an empty list",
        "a third-party client maps error 3 to `[]` for every users.php call; its test expects it for a new sub-client",
    ),
    USERS_ERROR_EVIDENCE,
)

USERS_ADD: Operation[CreatedId] = _users(
    "add",
    "create a sub-client",
    created("result"),
    request=(
        SUB_CLIENT,
        Param("password", f"The sub-client's password: {STRENGTH_RULE}.", required=True, type=LINE, secret=True),
        *SETTINGS,
        Param("site_id", "The id of the site that will own the new sub-client.", type=SERVER_ID),
    ),
    evidence=(
        inferred(
            '`{"id": <id>}` in fmt=3',
            "two third-party clients read `id` from the fmt=3 reply (gaps G29); subclients_answer is cut before it",
        ),
        inferred(
            "`ID = <id>` in fmt=0, `<id>` in fmt=1, `<result><id>id</id></result>` in fmt=2",
            "phones.php's documented reply for a created record; nothing shows users.php's",
        ),
        USERS_ERROR_EVIDENCE,
    ),
)
USERS_CHG: Operation[Done] = _users(
    "chg",
    "change a sub-client's settings",
    DONE,
    request=(
        SUB_CLIENT,
        Param("pswc", "The sub-client's current password.", type=LINE, secret=True),
        Param("password", f"The sub-client's new password: {STRENGTH_RULE}.", type=LINE, secret=True),
        Param("new_login", "The sub-client's new login.", type=LINE),
        *SETTINGS,
    ),
    evidence=OK_EVIDENCE,
)
USERS_PAY: Operation[Done] = _users(
    "pay",
    "credit or debit a sub-client's balance",
    DONE,
    request=(
        SUB_CLIENT,
        Param(
            "sum",
            "The amount transferred to the sub-client from the main account, in the main account's currency.",
            required=True,
            type=MONEY,
        ),
        BALANCE2,
    ),
    evidence=OK_EVIDENCE,
)
USERS_GET_STAT: Operation[Statistics] = _users(
    "get_stat",
    "sub-clients' statistics (reply shape inferred)",
    STATISTICS,
    cardinality=Cardinality.MANY,
    no_records_codes=frozenset({3}),
    request=(
        *PERIOD,
        Param("user", "One sub-client's login, for its statistics alone.", type=LINE),
        Param(
            "user_id",
            "One sub-client's id, given by the server when it was created (instead of `user`).",
            type=SERVER_ID,
        ),
        Param("mycur", "Flag that gives the statistics in the client's current currency.", type=FLAG),
        BALANCE2,
        Param(
            "hide_deleted",
            "Flag that hides the statistics of deleted sub-clients; 0 or missing is the default.",
            type=FLAG,
        ),
    ),
    evidence=STATISTICS_EVIDENCE,
    idempotent=True,
)
USERS_GET_STAT_ALL: Operation[Statistics] = _users(
    "get_stat_all",
    "detailed sub-client statistics (reply shape inferred)",
    STATISTICS,
    cardinality=Cardinality.MANY,
    no_records_codes=frozenset({3}),
    request=(*PERIOD, BALANCE2),
    evidence=(
        *STATISTICS_EVIDENCE,
        inferred(
            "The same record as `get_stat`'s",
            "the page calls it only detailed statistics of sub-clients with an independent balance",
        ),
    ),
    idempotent=True,
)

OPERATIONS = (USERS_ADD, USERS_CHG, USERS_PAY, USERS_GET_STAT, USERS_GET_STAT_ALL)
