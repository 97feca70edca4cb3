"""ping.php: raise an event of a task group, which sends the group's notification.

``ok=0`` (the default) sends the group's failure template, ``ok=1`` its recovery template;
``name``, ``host`` and ``info`` fill the template's ``{NAME}``, ``{HOST}`` and ``{INFO}``.
The reply is not documented: the acknowledgement of ``_common`` is inferred.
"""

from __future__ import annotations

from ._common import COMMON_ERRORS, DONE, Done
from ._evidence import inferred
from ._operation import Operation
from ._params import Param
from ._values import FLAG, LINE, SERVER_ID

PING: Operation[Done] = Operation(
    name="ping",
    description="ping.php: report an event (ok=0) or a recovery (ok=1) to a task group's notifications",
    path="ping.php",
    flags={},
    record=DONE,
    errors=COMMON_ERRORS,
    request=(
        Param("id", "The id of a task group created in the personal account.", required=True, type=SERVER_ID),
        Param("name", "The rule or server name; replaces `{NAME}` in the notification template.", type=LINE),
        Param("host", "The server's address or IP; replaces `{HOST}`.", type=LINE),
        Param("info", "More about the event; replaces `{INFO}`.", type=LINE),
        Param(
            "ok",
            "Which template to send: 0 (the default) the group's failure template, 1 its recovery template.",
            type=FLAG,
        ),
    ),
    evidence=(
        inferred(
            'The reply: `OK`, `<result>OK</result>`, `{"result": "OK"}`',
            "the page's reply was not retrieved (gaps G24); the acknowledgement the mailing-list page documents",
        ),
        inferred(
            "Error replies in four formats; codes 1, 2, 4, 9",
            "the error grammar every documented script shares; this page's errors were not retrieved",
        ),
    ),
)
